/* casedesk — an item's detail as a view: loading it, opening and leaving it. */
#include "casedesk/detailview.h"

#include <stdio.h>

/* Far enough to reach either end of any detail. */
#define DETAIL_FAR 1000000

#include "casedesk/svc.h"
#include "casedesk/i18n.h"
#include "casedesk/itemact.h"
#include "casedesk/qrview.h"
#include "casedesk/result.h"

/* The item's own row: the queue's copy may be older than the detail. */
static void on_detail_row(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct queue_row row;

    svc_log_result(app, r);
    if (!r->ok || PQntuples(r->res) == 0 || app->view != VIEW_DETAIL)
        return;
    if (queue_row_read(&row, 0, result_queue_cell, (void *)r->res) < 0)
        return;
    if (row.id == app->detail.row.id) {
        queue_row_free(&app->detail.row);
        app->detail.row = row;
        app->dirty |= DIRTY_LIST;
    } else {
        queue_row_free(&row);
    }
}

/* Whether the answer for part is the one to show: the last asked for, the
 * view still open, and not refused (the user hears why, as what: %s). */
static int part_arrived(struct app *app, enum detail_part part, const struct db_result *r,
                        const char *what)
{
    svc_log_result(app, r);
    if (!svc_arrived(&app->detail_inflight[part]) || app->view != VIEW_DETAIL)
        return 0;
    return !svc_failed(app, r, what);
}

static void read_item(void *elem, const PGresult *res, int i)
{
    struct detail_item *it = elem;
    const char *vis = result_text(res, i, 9);

    it->id = result_int(res, i, 0);
    it->item = result_dup(res, i, 1);
    it->department = result_dup(res, i, 2);
    it->status = result_dup(res, i, 3);
    it->assignee = result_dup(res, i, 4);
    it->due = result_epoch(res, i, 5);
    it->yellow = result_epoch(res, i, 6);
    it->paused = result_epoch(res, i, 7);
    it->waits_for = result_dup(res, i, 8);
    it->visible = vis && *vis == 't';
    it->wall_clock = queue_wall_clock(result_text(res, i, 10));
}

static void on_detail_items(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct detail *d = &app->detail;

    if (!part_arrived(app, DETAIL_ITEMS, r, _("flow chart: %s")))
        return;
    detail_clear_items(d);
    d->items = result_rows(r->res, sizeof *d->items, read_item, &d->nitems);
    d->items_loaded = 1;
    app->dirty |= DIRTY_LIST;
}

static void read_text(void *elem, const PGresult *res, int i)
{
    struct detail_text *t = elem;

    t->kind = result_dup(res, i, 0);
    t->ord = (long)result_int(res, i, 1);
    t->body = result_dup(res, i, 2);
    t->author = result_dup(res, i, 3);
    t->at = result_epoch(res, i, 4);
}

static void on_detail_texts(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct detail *d = &app->detail;

    if (!part_arrived(app, DETAIL_TEXTS, r, _("notes: %s")))
        return;
    detail_clear_texts(d);
    d->texts = result_rows(r->res, sizeof *d->texts, read_text, &d->ntexts);
    d->texts_loaded = 1;
    app->dirty |= DIRTY_LIST;
}

static void read_event(void *elem, const PGresult *res, int i)
{
    struct detail_event *e = elem;

    e->at = result_epoch(res, i, 0);
    e->actor = result_dup(res, i, 1);
    e->action = result_dup(res, i, 2);
    e->before = result_dup(res, i, 3);
    e->after = result_dup(res, i, 4);
}

static void on_detail_events(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct detail *d = &app->detail;

    if (!part_arrived(app, DETAIL_EVENTS, r, _("history: %s")))
        return;
    detail_clear_events(d);
    d->events = result_rows(r->res, sizeof *d->events, read_event, &d->nevents);
    d->events_loaded = 1;
    app->dirty |= DIRTY_LIST;
}

void detailview_fetch(struct app *app)
{
    char id[24], case_id[24], ids[32];
    const struct detail *d = &app->detail;

    snprintf(id, sizeof id, "%lld", (long long)d->row.id);
    snprintf(case_id, sizeof case_id, "%lld", (long long)d->row.case_id);
    snprintf(ids, sizeof ids, "{%lld}", (long long)d->row.id);
    const char *p_ids[1] = {ids}, *p_case[1] = {case_id}, *p_item[1] = {id};
    svc_send(app, DB_QUEUE_ITEMS, 1, p_ids, on_detail_row, app);
    svc_send_counted(app, &app->detail_inflight[DETAIL_ITEMS], DB_CASE_ITEMS, 1, p_case,
                     on_detail_items, app);
    svc_send_counted(app, &app->detail_inflight[DETAIL_TEXTS], DB_ITEM_TEXTS, 1, p_item,
                     on_detail_texts, app);
    svc_send_counted(app, &app->detail_inflight[DETAIL_EVENTS], DB_ITEM_HISTORY, 1, p_item,
                     on_detail_events, app);
}

void detailview_open_row(struct app *app, const struct queue_row *r, enum view back)
{
    detail_clear(&app->detail);
    if (queue_row_copy(&app->detail.row, r) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    app->detail_back = back;
    app->view = VIEW_DETAIL;
    app->dirty |= DIRTY_ALL;
    /* Fetched with the turn's effects, once the relay has been told the
     * case is watched (live_relay_scope): a change after the read reaches
     * the screen. */
    app->want |= WANT_DETAIL;
}

void detailview_open(struct app *app)
{
    const struct queue_row *r = queue_current(&app->q);
    /* From the queue, or from the queue's pane of the escalation desk. */
    if (r)
        detailview_open_row(app, r, app->view == VIEW_DETAIL ? VIEW_QUEUE : app->view);
}

void detailview_close(struct app *app)
{
    detail_clear(&app->detail);
    app->view = app->detail_back;
    app->dirty |= DIRTY_ALL;
}

void detailview_scroll(struct app *app, int delta)
{
    int max = app->detail_lines - ui_detail_page();
    int s = app->detail.scroll + delta;
    if (s > max)
        s = max;
    if (s < 0)
        s = 0;
    app->detail.scroll = s;
    app->dirty |= DIRTY_LIST;
}

/* --- the view --------------------------------------------------------------------------- */

static int detail_delta(enum action a)
{
    int page = ui_detail_page();
    switch (a) {
    case ACTION_MOVE_DOWN: return 1;
    case ACTION_MOVE_UP: return -1;
    case ACTION_PAGE_DOWN: return page;
    case ACTION_PAGE_UP: return -page;
    case ACTION_TOP: return -DETAIL_FAR;
    default: return DETAIL_FAR;
    }
}

/* The queue's own keys mean nothing in the detail, and do nothing there. */
static int detail_key(struct app *app, enum action a, int key)
{
    (void)key;
    switch (a) {
    case ACTION_MOVE_DOWN: case ACTION_MOVE_UP: case ACTION_PAGE_DOWN:
    case ACTION_PAGE_UP: case ACTION_TOP: case ACTION_BOTTOM:
        detailview_scroll(app, detail_delta(a));
        return 1;
    case ACTION_BACK: detailview_close(app); return 1;
    case ACTION_TRACKING_CODE: qrview_open(app); return 1;
    case ACTION_OPEN: case ACTION_TAG: case ACTION_SEARCH: case ACTION_FILTER:
    case ACTION_SORT: case ACTION_SORT_REVERSE:
        return 1;
    default:
        return itemact_key(app, a);
    }
}

static void detail_draw(struct app *app, unsigned d, const struct ui_clock *clk)
{
    if (d & (DIRTY_LIST | DIRTY_TIMERS))
        app->detail_lines = ui_draw_detail(&app->detail, clk);
}

static void detail_info(const struct app *app, char *buf, size_t n)
{
    (void)app;
    snprintf(buf, n, "%s", _("item"));
}

static unsigned detail_on_change(const struct app *app, unsigned changed)
{
    (void)app;
    return changed & CHANGED_ITEMS ? WANT_DETAIL : 0;
}

/* The flow chart shows every item of the case, other departments' too. */
static int detail_shows(const struct app *app, const struct change_hint *h)
{
    return h->item == app->detail.row.id || h->kase == app->detail.row.case_id;
}

static void detail_place(const struct app *app, int64_t *kase, int64_t *item)
{
    *kase = app->detail.row.case_id;
    *item = app->detail.row.id;
}

#define HINTS(a) (*n = sizeof a / sizeof a[0], a)

static const struct ui_hint *detail_hints(const struct app *app, size_t *n)
{
    static const struct ui_hint review[] = {
        {ACTION_BACK, N_("back")},       {ACTION_CLAIM, N_("claim")},
        {ACTION_APPROVE, N_("approve")}, {ACTION_REJECT, N_("reject")},
        {ACTION_SUPPLEMENT, N_("suppl")}, {ACTION_ANNOTATE, N_("note")},
        {ACTION_HELP, N_("help")},       {ACTION_RELEASE, N_("release")},
        {ACTION_ESCALATE, N_("escalate")},
    }, look[] = {
        {ACTION_BACK, N_("back")},        {ACTION_NEXT_VIEW, N_("views")},
        {ACTION_TRACKING_CODE, N_("code")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
    }, window[] = {
        {ACTION_BACK, N_("back")},        {ACTION_ESCALATE, N_("ask a department")},
        {ACTION_TRACKING_CODE, N_("code")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
    };
    return svc_job_is(app, "oncall")   ? HINTS(look)
         : svc_job_is(app, "window")   ? HINTS(window)
                                       : HINTS(review);
}

const struct view_ops detailview_ops = {
    .id = VIEW_DETAIL,
    .key = detail_key,
    .draw = detail_draw,
    .info = detail_info,
    .on_change = detail_on_change,
    .shows = detail_shows,
    .place = detail_place,
    .hints = detail_hints,
};
