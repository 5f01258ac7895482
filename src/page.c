/* casedesk — the queue page on screen. */
#include "casedesk/page.h"

#include <stdio.h>

#include "casedesk/svc.h"
#include "casedesk/dash.h"
#include "casedesk/drill.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/result.h"

/* A backend's first read of an item alone compiles and plans it (tens of
 * milliseconds, against about one after): paid with the first page rather
 * than on the first change, which reaches every console of a department at
 * the same instant. The item is the page's first; it is put back as it is. */
static void warm_rows(struct app *app)
{
    if (app->rows_warm || !app->q.loaded || app->q.n == 0)
        return;
    app->rows_warm = page_note_row(app, app->q.rows[0].id);
    app->want |= WANT_ROWS;
}

static void on_page(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    svc_log_result(app, r);
    /* A page asked for before a list of items replaced the queue is not
     * what the screen shows any more. */
    if (!svc_arrived(&app->page_inflight))
        return;
    if (svc_again(&app->page_inflight))
        app->want |= WANT_PAGE;
    if (drill_active(app) || svc_failed(app, r, _("queue: %s")))
        return;
    if (queue_load(&app->q, &app->page_req, PQntuples(r->res), result_queue_cell,
                   (void *)r->res, app->page_place) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    svc_note_fresh(app, r->res, QUEUE_COL_SERVER_NOW);
    /* The page read every item change up to this one: the next check need
     * not fetch it again. */
    if (PQntuples(r->res) > 0)
        changes_covered(&app->changes, CHANGED_ITEMS, result_int(r->res, 0, QUEUE_NCOLS),
                        app->frozen);
    /* The meters ride on the rows (an empty answer has none). */
    dash_meters_read(app, r->res, QUEUE_NCOLS + 1);
    app->dirty |= DIRTY_LIST | DIRTY_HEADER | DIRTY_TIMERS;
    warm_rows(app);
    if (queue_short_at_top(&app->q)) {
        struct queue_request req;
        queue_request_first(&app->q, &req);
        page_fetch(app, &req, QUEUE_KEEP);
    }
}

/* --- one item at a time -------------------------------------------------------- */

int page_note_row(struct app *app, int64_t id)
{
    for (int i = 0; i < app->nrows_changed; i++)
        if (app->rows_changed[i] == id)
            return 1;
    if (app->nrows_changed == PAGE_ROWS_MAX)
        return 0;
    app->rows_changed[app->nrows_changed++] = id;
    return 1;
}

/* The columns after QUEUE_COLS in an item's answer (db.c's QUEUE_ROW). */
enum { ROW_ASKED = QUEUE_NCOLS, ROW_IN_FILTER, ROW_VS_TOP, ROW_VS_END, ROW_METERS };

/* Answers arrive in the order asked, pages among them: an item read after
 * a page was asked for is put on that page, one read before it on the page
 * it replaces. */
static void on_row(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct queue_row row;
    const PGresult *res = r->res;
    int in_filter;

    svc_log_result(app, r);
    if (svc_failed(app, r, _("queue: %s"))) {
        if (!result_connection_lost(r))
            app->want |= WANT_PAGE;
        return;
    }
    if (drill_active(app))
        return;
    in_filter = result_bool(res, 0, ROW_IN_FILTER);
    if (in_filter && queue_row_read(&row, 0, result_queue_cell, (void *)res) < 0) {
        app->want |= WANT_PAGE;
        return;
    }
    switch (queue_patch(&app->q, result_int(res, 0, ROW_ASKED), in_filter ? &row : NULL,
                        (int)result_int(res, 0, ROW_VS_TOP), (int)result_int(res, 0, ROW_VS_END))) {
    case QUEUE_PATCH_REFETCH:
        app->want |= WANT_PAGE;
        break;
    case QUEUE_PATCH_DONE:
        app->dirty |= DIRTY_LIST | DIRTY_HEADER | DIRTY_TIMERS;
        break;
    case QUEUE_PATCH_NONE:
        break;
    }
    svc_note_fresh(app, res, QUEUE_COL_SERVER_NOW);
    dash_meters_read(app, res, ROW_METERS);
}

static const enum db_stmt row_stmts[QUEUE_SORT_COUNT] = {
    [QUEUE_SORT_DUE] = DB_QUEUE_ROW,
    [QUEUE_SORT_AGE] = DB_QUEUE_ROW_BY_AGE,
    [QUEUE_SORT_CASE] = DB_QUEUE_ROW_BY_CASE,
};

void page_patch(struct app *app)
{
    struct queue_request top, end;
    const struct queue *q = &app->q;
    char id[24];
    const char *params[6] = {id, queue_filter_name(q->page.filter), top.key, top.id, end.key, end.id};
    int n = app->nrows_changed;

    if (drill_active(app) || !q->loaded || !queue_patch_edges(q, &top, &end)) {
        page_again(app);
        return;
    }
    app->nrows_changed = 0;
    for (int i = 0; i < n; i++) {
        snprintf(id, sizeof id, "%lld", (long long)app->rows_changed[i]);
        if (svc_send(app, row_stmts[q->page.sort], 6, params, on_row, app) < 0)
            app->want |= WANT_PAGE;
    }
}

/* The statement of each order: forwards, then backwards. */
static const enum db_stmt page_stmts[QUEUE_SORT_COUNT][2] = {
    [QUEUE_SORT_DUE] = {DB_QUEUE_PAGE, DB_QUEUE_PAGE_BACK},
    [QUEUE_SORT_AGE] = {DB_QUEUE_BY_AGE, DB_QUEUE_BY_AGE_BACK},
    [QUEUE_SORT_CASE] = {DB_QUEUE_BY_CASE, DB_QUEUE_BY_CASE_BACK},
};

void page_fetch(struct app *app, const struct queue_request *req, enum queue_place place)
{
    char seen[24];
    const char *params[5] = {req->key, req->id, req->limit, queue_filter_name(req->filter), seen};

    snprintf(seen, sizeof seen, "%lld", (long long)app->changes.items);
    app->page_req = *req;
    app->page_place = place;
    svc_send_counted(app, &app->page_inflight,
                     page_stmts[req->sort][queue_request_descending(req)], 5, params, on_page, app);
}

/* While a page is on its way, "again" waits for it and then asks for the
 * page shown: a refresh neither undoes a move the user just made nor, in a
 * flood of notifications, sends a fetch for each (one on its way already
 * reads whatever committed before it). */
void page_again(struct app *app)
{
    struct queue_request req;

    /* The page read whole shows them. */
    app->nrows_changed = 0;
    if (drill_active(app)) {
        drill_again(app);
        return;
    }
    if (svc_busy(&app->page_inflight))
        return;
    queue_request_again(&app->q, &req);
    page_fetch(app, &req, QUEUE_KEEP);
}

void page_hold_keys(struct app *app)
{
    app->keys_held_ms = loop_now_ms();
}

int page_keys_held(const struct app *app, long long now_ms)
{
    return app->keys_held_ms && app->page_inflight.n > 0
        && now_ms - app->keys_held_ms < PAGE_KEYS_HOLD_MS;
}

/* A key's page: the keys after it wait for it. At most one is on its way:
 * past the wait's limit, a key that needs another page does nothing. */
static void fetch_for_key(struct app *app, const struct queue_request *req, enum queue_place place)
{
    if (app->page_inflight.n > 0)
        return;
    page_fetch(app, req, place);
    page_hold_keys(app);
}

/* Up, the rows above arrive with the cursor on the last; down, on the first. */
void page_move(struct app *app, int lines)
{
    struct queue_request req;
    int left = queue_move(&app->q, lines);
    int more = left > 0 ? queue_request_next(&app->q, &req)
             : left < 0 ? queue_request_prev(&app->q, &req) : 0;

    if (more && svc_online(app))
        fetch_for_key(app, &req, left > 0 ? QUEUE_FIRST : QUEUE_LAST);
    app->dirty |= DIRTY_LIST;
}

/* The first or last row of the page loaded, when nothing lies beyond it
 * or the database cannot be asked for more. */
static void select_end(struct app *app, int last)
{
    queue_select_index(&app->q, last ? app->q.n - 1 : 0);
}

void page_turn(struct app *app, int forward)
{
    struct queue_request req;
    int more = forward ? queue_request_next(&app->q, &req) : queue_request_prev(&app->q, &req);

    if (more && svc_online(app))
        fetch_for_key(app, &req, QUEUE_FIRST);
    else
        select_end(app, forward);
    app->dirty |= DIRTY_LIST;
}

void page_edge(struct app *app, int last)
{
    struct queue_request req;
    int more = last ? app->q.more_after : app->q.more_before;

    if (more && svc_online(app)) {
        if (last)
            queue_request_last(&app->q, &req);
        else
            queue_request_first(&app->q, &req);
        fetch_for_key(app, &req, last ? QUEUE_LAST : QUEUE_FIRST);
    } else {
        select_end(app, last);
    }
    app->dirty |= DIRTY_LIST;
}

/* A new filter or order: the first page of it, the cursor kept on its item
 * if that item is on the page. Offline, it applies when the database is back. */
static void page_restart(struct app *app, const char *offline_msg)
{
    struct queue_request req;

    drill_end(app);
    queue_request_first(&app->q, &req);
    app->dirty |= DIRTY_HEADER;
    if (!svc_online(app)) {
        svc_say(app, 1, "%s", offline_msg);
        app->q.page = req;
        return;
    }
    page_fetch(app, &req, QUEUE_KEEP);
}

void page_filter(struct app *app, enum queue_filter f)
{
    app->q.filter = f;
    page_restart(app, _("the database is offline; the filter applies when it is back"));
}

void page_sort(struct app *app, enum queue_sort s, int reversed)
{
    queue_set_sort(&app->q, s, reversed);
    page_restart(app, _("the database is offline; the order applies when it is back"));
}
