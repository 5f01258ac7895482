/* casedesk — the supervisor's view in the console. */
#include "casedesk/supdesk.h"

#include <stdio.h>
#include <stdlib.h>

#include "casedesk/svc.h"
#include "casedesk/dash.h"
#include "casedesk/detailview.h"
#include "casedesk/drill.h"
#include "casedesk/i18n.h"
#include "casedesk/result.h"
#include "casedesk/ui_desk.h"

/* Rows a page key moves. */
#define SUP_PAGE 10
/* The red items beside the figures: the most overdue, more than a pane shows. */
#define RED_MAX 100

struct history_req {
    struct app *app;
    int key, by_matter;
};

static void on_history(void *ctx, const struct db_result *r)
{
    struct history_req *hr = ctx;
    struct app *app = hr->app;
    struct sup_view *v = &app->sup;

    svc_log_result(app, r);
    if (svc_arrived(&app->history_inflight) && r->ok) {
        int n = PQntuples(r->res);
        v->nhistory = n < SUP_HISTORY_DAYS ? n : SUP_HISTORY_DAYS;
        for (int i = 0; i < v->nhistory; i++)
            v->history[i] = (int)result_int(r->res, n - v->nhistory + i, 1);
        v->history_key = hr->key;
        v->history_by_matter = hr->by_matter;
        app->dirty |= DIRTY_LIST;
    }
    free(hr);
}

/* The history of the row under the cursor, unless it is there already. */
static void history_fetch(struct app *app, int force)
{
    const struct sup_row *row = supview_current(&app->sup);
    struct history_req *hr;
    char key[16];

    if (!row || !svc_online(app))
        return;
    if (!force && app->sup.nhistory && app->sup.history_key == row->key
        && app->sup.history_by_matter == app->sup.by_matter)
        return;
    if (!(hr = malloc(sizeof *hr)))
        return;
    *hr = (struct history_req){app, row->key, app->sup.by_matter};
    snprintf(key, sizeof key, "%d", row->key);
    const char *p[2] = {hr->by_matter ? NULL : key, hr->by_matter ? key : NULL};
    if (svc_send_counted(app, &app->history_inflight, DB_HISTORY, 2, p, on_history, hr) < 0)
        free(hr);
}

static void on_figures(struct app *app, const struct db_result *r, struct sup_table *t,
                       struct inflight *inflight)
{
    svc_log_result(app, r);
    if (!svc_arrived(inflight) || svc_failed(app, r, _("figures: %s")))
        return;
    if (supview_load(t, PQntuples(r->res), result_queue_cell, (void *)r->res) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    supview_move(&app->sup, 0, 0);
    svc_note_fresh(app, r->res, SUP_FIELD_FIGURES_AT);
    app->dirty |= DIRTY_LIST;
    history_fetch(app, t == supview_table(&app->sup));
}

static void on_departments(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    on_figures(app, r, &app->sup.dept, &app->sup_inflight);
    if (svc_again(&app->sup_inflight))
        supdesk_fetch(app);
}

static void on_matters(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    on_figures(app, r, &app->sup.matter, &app->matter_inflight);
}

/* A failure leaves the last answer: the figures' own request says what
 * went wrong. */
static void on_calendar(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    svc_log_result(app, r);
    if (!r->ok || PQntuples(r->res) != 1)
        return;
    supview_calendar_load(&app->sup.cal, PQgetisnull(r->res, 0, 0) ? NULL : PQgetvalue(r->res, 0, 0),
                          PQgetvalue(r->res, 0, 1), PQgetvalue(r->res, 0, 2));
    app->dirty |= DIRTY_LIST;
}

static void on_red(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    svc_log_result(app, r);
    if (!svc_arrived(&app->red_inflight) || svc_failed(app, r, _("red items: %s")))
        return;
    if (queue_load_list(&app->red, PQntuples(r->res), result_queue_cell, (void *)r->res) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    app->dirty |= DIRTY_LIST | DIRTY_TIMERS;
}

/* Every department's red items, most overdue first (the kept figure's
 * list): shown beside the figures on a wide screen, fetched with them so
 * that a resize finds them there. */
static void red_fetch(struct app *app)
{
    char limit[16];
    const char *p[4] = {NULL, "red", limit, NULL};

    snprintf(limit, sizeof limit, "%d", RED_MAX);
    svc_send_counted(app, &app->red_inflight, DB_FIGURE_ITEMS, 4, p, on_red, app);
}

/* While the figures are on their way a change asks for them once more,
 * after: the fold runs once per request, not once per notification. How
 * long the calendar lasts comes with them: a view left open for days hears
 * of its end with the next figures. */
void supdesk_fetch(struct app *app)
{
    if (!svc_online(app))
        return;
    if (svc_busy(&app->sup_inflight))
        return;
    svc_send_counted(app, &app->sup_inflight, DB_SUP_FIGURES, 0, NULL, on_departments, app);
    svc_send_counted(app, &app->matter_inflight, DB_MATTER_FIGURES, 0, NULL, on_matters, app);
    svc_send(app, DB_CALENDAR_LEFT, 0, NULL, on_calendar, app);
    red_fetch(app);
}

static void drill_down(struct app *app)
{
    const struct sup_row *row = supview_current(&app->sup);
    if (!row)
        return;
    drill_figure(app, supview_figure((enum sup_col)app->sup.col), row->key, app->sup.by_matter,
                 row->name);
}

static void cursor_move(struct app *app, long rows, int cols)
{
    supview_move(&app->sup, rows, cols);
    app->dirty |= DIRTY_LIST;
    if (rows)
        history_fetch(app, 0);
}

/* The red items' pane has the keys: move, and open an item. */
static int red_key(struct app *app, enum action a)
{
    struct queue *q = &app->red;
    const struct queue_row *r;

    switch (a) {
    case ACTION_MOVE_DOWN: queue_move(q, 1); break;
    case ACTION_MOVE_UP: queue_move(q, -1); break;
    case ACTION_PAGE_DOWN: queue_move(q, SUP_PAGE); break;
    case ACTION_PAGE_UP: queue_move(q, -SUP_PAGE); break;
    case ACTION_TOP: queue_select_index(q, 0); break;
    case ACTION_BOTTOM: queue_select_index(q, q->n ? q->n - 1 : 0); break;
    case ACTION_OPEN:
        if ((r = queue_current(q)))
            detailview_open_row(app, r, VIEW_SUPERVISOR);
        return 1;
    default:
        return 0;
    }
    app->dirty |= DIRTY_LIST;
    return 1;
}

static int supdesk_key(struct app *app, enum action a, int key)
{
    (void)key;
    if (dash_focused(app) == PANE_RED)
        return red_key(app, a);
    switch (a) {
    case ACTION_MOVE_LEFT: cursor_move(app, 0, -1); break;
    case ACTION_MOVE_RIGHT: cursor_move(app, 0, 1); break;
    case ACTION_MOVE_DOWN: cursor_move(app, 1, 0); break;
    case ACTION_MOVE_UP: cursor_move(app, -1, 0); break;
    case ACTION_PAGE_DOWN: cursor_move(app, SUP_PAGE, 0); break;
    case ACTION_PAGE_UP: cursor_move(app, -SUP_PAGE, 0); break;
    case ACTION_TOP: cursor_move(app, -(long)app->sup.row, 0); break;
    case ACTION_BOTTOM: cursor_move(app, (long)supview_table(&app->sup)->n, 0); break;
    case ACTION_OPEN: drill_down(app); break;
    case ACTION_FILTER:
        supview_toggle(&app->sup);
        app->dirty |= DIRTY_LIST | DIRTY_TIMERS;
        history_fetch(app, 0);
        break;
    default:
        return 0;
    }
    return 1;
}

/* --- the view --------------------------------------------------------------------------- */

static int supdesk_available(const struct app *app)
{
    return svc_job_is(app, "supervisor");
}

/* The figures cost more than a page: only while they are on screen, and
 * they count items and escalations alike. */
static unsigned supdesk_on_change(const struct app *app, unsigned changed)
{
    (void)app;
    return changed ? WANT_FIGURES : 0;
}

static void supdesk_draw(struct app *app, unsigned d, const struct ui_clock *clk)
{
    if (d & DIRTY_LIST)
        ui_draw_supervisor(&app->sup, app->minutes_per_day, clk->now);
    else if (d & DIRTY_TIMERS)
        ui_draw_supervisor_age(&app->sup, clk->now);
}

void supdesk_draw_red(struct app *app, unsigned d, const struct ui_clock *clk)
{
    if (d & DIRTY_LIST)
        ui_draw_queue(&app->red, clk);
    else if (d & DIRTY_TIMERS)
        ui_draw_queue_timers(&app->red, clk);
}

static const struct ui_hint *supdesk_hints(const struct app *app, size_t *n)
{
    static const struct ui_hint red_hints[] = {
        {ACTION_OPEN, N_("open")},        {ACTION_FOCUS_PANE, N_("figures")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
        {ACTION_NEXT_VIEW, N_("views")},  {ACTION_REFRESH, N_("refresh")},
    };
    static const struct ui_hint hints[] = {
        {ACTION_OPEN, N_("items")},       {UI_HINT_ARROWS, N_("figure")},
        {ACTION_FILTER, N_("dept/matter")}, {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},        {ACTION_NEXT_VIEW, N_("views")},
        {ACTION_REFRESH, N_("refresh")},
    };
    if (dash_focused(app) == PANE_RED) {
        *n = sizeof red_hints / sizeof red_hints[0];
        return red_hints;
    }
    *n = sizeof hints / sizeof hints[0];
    return hints;
}

const struct view_ops supdesk_ops = {
    .id = VIEW_SUPERVISOR,
    .label = N_("3 Supervisor"),
    .available = supdesk_available,
    .refused = N_("the supervisor view is for supervisors"),
    .enter = supdesk_fetch,
    .on_change = supdesk_on_change,
    .key = supdesk_key,
    .draw = supdesk_draw,
    .hints = supdesk_hints,
};
