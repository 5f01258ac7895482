/* casedesk — the queue as a view. */
#include "casedesk/queueview.h"

#include <stdio.h>

#include "casedesk/dash.h"
#include "casedesk/detailview.h"
#include "casedesk/drill.h"
#include "casedesk/escdesk.h"
#include "casedesk/i18n.h"
#include "casedesk/itemact.h"
#include "casedesk/page.h"
#include "casedesk/prompt.h"
#include "casedesk/svc.h"


/* --- moving ---------------------------------------------------------------------------- */

static void page_key(struct app *app, enum action a)
{
    switch (a) {
    case ACTION_MOVE_DOWN: page_move(app, 1); break;
    case ACTION_MOVE_UP: page_move(app, -1); break;
    case ACTION_PAGE_DOWN: page_turn(app, 1); break;
    case ACTION_PAGE_UP: page_turn(app, 0); break;
    case ACTION_TOP: page_edge(app, 0); break;
    default: page_edge(app, 1); break;
    }
}

/* --- the other keys ------------------------------------------------------------------------ */

/* A list of items goes back to the queue's pages, and to the view it was
 * opened from. */
static void drill_back(struct app *app)
{
    enum view back = app->drill.back;
    drill_end(app);
    page_again(app);
    if (back != VIEW_QUEUE && back != VIEW_DETAIL) {
        app->want_view = back;
        app->want |= WANT_VIEW;
    }
}

/* Back out of one thing: the search, a list of items, the filter. */
static void back_key(struct app *app)
{
    if (app->q.search) {
        queue_search_set(&app->q, NULL);
        app->dirty |= DIRTY_HEADER;
    } else if (drill_active(app)) {
        drill_back(app);
    } else if (app->q.filter != QUEUE_FILTER_ALL) {
        page_filter(app, QUEUE_FILTER_ALL);
    }
}

static int queue_key(struct app *app, enum action a, int key)
{
    /* Keys act on the pane that has them (the queue view's, and on-call
     * staff's escalation desk's, whose queue pane hands them here). */
    if (app->view == VIEW_QUEUE && dash_focused(app) == PANE_ESCALATIONS)
        return escdesk_ops.key(app, a, key);
    switch (a) {
    case ACTION_MOVE_DOWN: case ACTION_MOVE_UP: case ACTION_PAGE_DOWN:
    case ACTION_PAGE_UP: case ACTION_TOP: case ACTION_BOTTOM:
        page_key(app, a);
        return 1;
    case ACTION_OPEN: detailview_open(app); return 1;
    case ACTION_BACK: back_key(app); return 1;
    case ACTION_TAG:
        if (queue_tag_toggle(&app->q) >= 0)
            page_move(app, 1);
        app->dirty |= DIRTY_LIST | DIRTY_HEADER;
        return 1;
    case ACTION_SEARCH: prompt_search_open(app); return 1;
    case ACTION_FILTER: prompt_filter_open(app); return 1;
    case ACTION_SORT: page_sort(app, queue_sort_next(app->q.sort), 0); return 1;
    case ACTION_SORT_REVERSE: page_sort(app, app->q.sort, !app->q.reversed); return 1;
    default:
        return itemact_key(app, a);
    }
}

/* --- what they show ------------------------------------------------------------------------ */

static void queue_draw(struct app *app, unsigned d, const struct ui_clock *clk)
{
    if (d & DIRTY_LIST)
        ui_draw_queue(&app->q, clk);
    else if (d & DIRTY_TIMERS)
        ui_draw_queue_timers(&app->q, clk);
}

static void queue_info(const struct app *app, char *buf, size_t n)
{
    if (drill_active(app))
        snprintf(buf, n, _("%s: %zu items"), app->drill.label, app->q.n);
}

#define HINTS(a) (*n = sizeof a / sizeof a[0], a)

/* Per job: on-call staff only look, window clerks ask, supervisors move
 * work between people. */
static const struct ui_hint *queue_hints(const struct app *app, size_t *n)
{
    if (app->view == VIEW_QUEUE && dash_focused(app) == PANE_ESCALATIONS)
        return escdesk_ops.hints(app, n);
    static const struct ui_hint review[] = {
        {ACTION_CLAIM, N_("claim")},     {ACTION_APPROVE, N_("approve")},
        {ACTION_REJECT, N_("reject")},   {ACTION_SUPPLEMENT, N_("suppl")},
        {ACTION_ANNOTATE, N_("note")},   {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},       {ACTION_RELEASE, N_("release")},
        {ACTION_ESCALATE, N_("escalate")}, {ACTION_OPEN, N_("open")},
        {ACTION_SEARCH, N_("search")},   {ACTION_FILTER, N_("filter")},
        {ACTION_TAG, N_("tag")},
    }, supervise[] = {
        {ACTION_REASSIGN, N_("reassign")}, {ACTION_RELEASE, N_("release")},
        {ACTION_TAG, N_("tag")},          {ACTION_OPEN, N_("open")},
        {ACTION_BACK, N_("back")},        {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},        {ACTION_COMMAND, N_("command")},
        {ACTION_SEARCH, N_("search")},
    }, look[] = {
        /* On-call staff see the items behind their escalations, read only. */
        {ACTION_OPEN, N_("open")},        {ACTION_SEARCH, N_("search")},
        {ACTION_FILTER, N_("filter")},    {ACTION_NEXT_VIEW, N_("views")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
    }, window[] = {
        {ACTION_ESCALATE, N_("ask a department")}, {ACTION_OPEN, N_("open")},
        {ACTION_SEARCH, N_("search")},    {ACTION_FILTER, N_("filter")},
        {ACTION_NEXT_VIEW, N_("views")},  {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},
    };
    return svc_job_is(app, "supervisor") ? HINTS(supervise)
         : svc_job_is(app, "oncall")     ? HINTS(look)
         : svc_job_is(app, "window")     ? HINTS(window)
                                         : HINTS(review);
}

static int queue_shows(const struct app *app, const struct change_hint *h)
{
    return h->item >= 0 && queue_find(&app->q, h->item) >= 0;
}

const struct view_ops queueview_ops = {
    .id = VIEW_QUEUE,
    .label = N_("1 Queue"),
    .key = queue_key,
    .draw = queue_draw,
    .info = queue_info,
    .shows = queue_shows,
    .hints = queue_hints,
};

