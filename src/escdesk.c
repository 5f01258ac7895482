/* casedesk — the escalation desk in the console. */
#include "casedesk/escdesk.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "casedesk/actions.h"
#include "casedesk/svc.h"
#include "casedesk/compose.h"
#include "casedesk/dash.h"
#include "casedesk/detailview.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/queueview.h"
#include "casedesk/result.h"
#include "casedesk/ui_desk.h"

/* Far more than a desk answers in a day; the most urgent come first. */
#define ESC_LIST_MAX 200
/* How long the tab flashes after a new escalation. */
#define FLASH_MS 6000
/* Lines a page key moves in the list. */
#define ESC_PAGE 10

int escdesk_raised(const struct app *app)
{
    return svc_job_is(app, "window");
}

int escdesk_answers(const struct app *app)
{
    return svc_job_is(app, "oncall") || svc_job_is(app, "supervisor");
}

/* --- the list ---------------------------------------------------------------------- */

static void tell_new(struct app *app, int fresh)
{
    if (fresh <= 0)
        return;
    app->flash_until_ms = loop_now_ms() + FLASH_MS;
    if (app->view != VIEW_ESCALATIONS)
        app->esc_unseen += fresh;
    app->dirty |= DIRTY_HEADER;
    svc_log(app, "new escalations: %d", fresh);
    if (app->cfg->bell) {
        ui_bell();
        svc_log(app, "bell");
    }
}

static void on_list(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    int fresh = 0;

    svc_log_result(app, r);
    if (!svc_arrived(&app->esc_inflight))
        return;
    if (svc_again(&app->esc_inflight))
        app->want |= WANT_ESCALATIONS;
    if (svc_failed(app, r, _("escalations: %s")))
        return;
    if (escview_load(&app->esc, PQntuples(r->res), result_queue_cell, (void *)r->res,
                     app->login, &fresh) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    if (PQntuples(r->res) > 0)
        changes_covered(&app->changes, CHANGED_ESCALATIONS, result_int(r->res, 0, ESC_NCOLS),
                        app->frozen);
    /* The meters ride on the rows (an empty answer has none). */
    dash_meters_read(app, r->res, ESC_NCOLS + 1);
    if (app->view == VIEW_ESCALATIONS)
        svc_note_fresh(app, r->res, ESC_COL_SERVER_NOW);
    /* The meters count them on every view, a pane may show them. */
    app->dirty |= DIRTY_LIST | DIRTY_TIMERS | DIRTY_HEADER;
    tell_new(app, fresh);
}

void escdesk_fetch(struct app *app)
{
    char limit[16], seen[24];
    const char *p[2] = {limit, seen};

    if (!svc_online(app) || svc_busy(&app->esc_inflight))
        return;
    snprintf(limit, sizeof limit, "%d", ESC_LIST_MAX);
    snprintf(seen, sizeof seen, "%lld", (long long)app->changes.escalations);
    svc_send_counted(app, &app->esc_inflight, escdesk_raised(app) ? DB_ESC_RAISED : DB_ESC_OPEN,
                     2, p, on_list, app);
}

/* --- acting --------------------------------------------------------------------------- */

/* An escalation as an action's target: its case and item say what it is
 * about in messages and titles, its department where it was sent. */
static int target_of(const struct esc_row *r, struct target *t)
{
    char kase[32];
    if (*r->case_no)
        snprintf(kase, sizeof kase, "%s", r->case_no);
    else
        snprintf(kase, sizeof kase, "#%lld", (long long)r->case_id);
    return target_set(t, r->id, r->case_id, r->version, kase,
                      *r->item ? r->item : _("(the case)"), r->department);
}

static void answer(struct app *app, enum action a)
{
    const struct esc_row *r = escview_current(&app->esc);
    struct target t = {0};

    if (!escdesk_answers(app)) {
        svc_say(app, 1, "%s", _("only on-call staff and supervisors answer escalations"));
        return;
    }
    if (!r || target_of(r, &t) < 0) {
        svc_say(app, 1, "%s", _("no escalation selected"));
        return;
    }
    if (a == ACTION_APPROVE) {
        struct action_args args = {.escalation = 1};
        actions_on_target(app, ACTION_APPROVE, &t, &args);
    } else {
        compose_open(app, a == ACTION_RESOLVE ? EDITOR_RESOLUTION : EDITOR_HAND_ON_TO, &t);
    }
    target_free(&t);
}

static void on_item(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct queue_row row;

    svc_log_result(app, r);
    if (!svc_arrived(&app->esc_opening) || dash_focused(app) != PANE_ESCALATIONS
        || svc_failed(app, r, _("item: %s")))
        return;
    if (PQntuples(r->res) == 0) {
        svc_say(app, 1, "%s", _("the item behind this escalation is not one you may see"));
        return;
    }
    if (queue_row_read(&row, 0, result_queue_cell, (void *)r->res) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    detailview_open_row(app, &row, app->view);
    queue_row_free(&row);
}

static void open_item(struct app *app)
{
    const struct esc_row *r = escview_current(&app->esc);
    char ids[32];
    const char *p[1] = {ids};

    if (!r)
        return;
    if (!r->item_id) {
        svc_say(app, 0, _("escalation %lld is about the whole case: there is no item to open"),
                (long long)r->id);
        return;
    }
    if (!svc_online(app)) {
        svc_say(app, 1, "%s", _("the database is offline; retrying in the background"));
        return;
    }
    snprintf(ids, sizeof ids, "{%lld}", (long long)r->item_id);
    svc_send_counted(app, &app->esc_opening, DB_QUEUE_ITEMS, 1, p, on_item, app);
}

static int escdesk_key(struct app *app, enum action a, int key)
{
    struct esc_list *l = &app->esc;

    /* Keys act on the pane that has them. */
    if (app->view == VIEW_ESCALATIONS && dash_focused(app) == PANE_QUEUE)
        return queueview_ops.key(app, a, key);

    switch (a) {
    case ACTION_MOVE_DOWN: escview_move(l, 1); break;
    case ACTION_MOVE_UP: escview_move(l, -1); break;
    case ACTION_PAGE_DOWN: escview_move(l, ESC_PAGE); break;
    case ACTION_PAGE_UP: escview_move(l, -ESC_PAGE); break;
    case ACTION_TOP: escview_select_index(l, 0); break;
    case ACTION_BOTTOM: escview_select_index(l, l->n ? l->n - 1 : 0); break;
    case ACTION_OPEN: open_item(app); return 1;
    case ACTION_APPROVE:
    case ACTION_RESOLVE:
    case ACTION_HAND_ON:
        answer(app, a);
        return 1;
    default:
        return 0;
    }
    app->dirty |= DIRTY_LIST;
    return 1;
}

/* --- the view --------------------------------------------------------------------------- */

static void escdesk_enter(struct app *app)
{
    app->esc_unseen = 0;
    escdesk_fetch(app);
}

static void escdesk_draw(struct app *app, unsigned d, const struct ui_clock *clk)
{
    if (d & DIRTY_LIST)
        ui_draw_escalations(&app->esc, clk, escdesk_raised(app));
    else if (d & DIRTY_TIMERS)
        ui_draw_escalation_timers(&app->esc, clk);
}

/* How many wait, how many are late. */
static void escdesk_info(const struct app *app, char *buf, size_t n)
{
    int waiting = 0, late = 0;
    int64_t now = (int64_t)time(NULL) + app->skew;

    for (size_t i = 0; i < app->esc.n; i++) {
        enum esc_state st = escview_state(&app->esc.rows[i], now);
        waiting += st == ESC_OPEN || st == ESC_LATE;
        late += st == ESC_LATE;
    }
    if (escdesk_raised(app))
        snprintf(buf, n, _("raised by you: %zu, %d waiting"), app->esc.n, waiting);
    else
        snprintf(buf, n, _("%d waiting, %d late"), waiting, late);
}

/* Those who answer, and those who only watch what they asked. */
static const struct ui_hint *escdesk_hints(const struct app *app, size_t *n)
{
    static const struct ui_hint answer_hints[] = {
        /* The approve key acknowledges in this view. */
        {ACTION_APPROVE, N_("ack")},      {ACTION_RESOLVE, N_("resolve")},
        {ACTION_HAND_ON, N_("hand on")},  {ACTION_OPEN, N_("open item")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
        {ACTION_NEXT_VIEW, N_("views")},  {ACTION_REFRESH, N_("refresh")},
    }, watch_hints[] = {
        {ACTION_OPEN, N_("open item")},   {ACTION_MOVE_DOWN, N_("down")},
        {ACTION_MOVE_UP, N_("up")},       {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},        {ACTION_NEXT_VIEW, N_("views")},
        {ACTION_REFRESH, N_("refresh")},
    };
    if (app->view == VIEW_ESCALATIONS && dash_focused(app) == PANE_QUEUE)
        return queueview_ops.hints(app, n);
    if (escdesk_answers(app)) {
        *n = sizeof answer_hints / sizeof answer_hints[0];
        return answer_hints;
    }
    *n = sizeof watch_hints / sizeof watch_hints[0];
    return watch_hints;
}

const struct view_ops escdesk_ops = {
    .id = VIEW_ESCALATIONS,
    .label = N_("2 Escalations"),
    .enter = escdesk_enter,
    .key = escdesk_key,
    .draw = escdesk_draw,
    .info = escdesk_info,
    .hints = escdesk_hints,
};
