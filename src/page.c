/* casedesk — the queue page on screen. */
#include "casedesk/page.h"

#include <stdio.h>

#include "casedesk/svc.h"
#include "casedesk/dash.h"
#include "casedesk/drill.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/result.h"

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
    if (queue_short_at_top(&app->q)) {
        struct queue_request req;
        queue_request_first(&app->q, &req);
        page_fetch(app, &req, QUEUE_KEEP);
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
