/* casedesk — loading the detail view. */
#include "casedesk/detail.h"

#include <stdio.h>

#include "casedesk/app_state.h"
#include "casedesk/i18n.h"
#include "casedesk/result.h"

/* The item's own row: the queue's copy may be older than the detail. */
static void on_detail_row(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct queue_row row;

    app_log_result(app, r);
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
    app_log_result(app, r);
    if (--app->detail_inflight[part] > 0 || app->view != VIEW_DETAIL)
        return 0;
    return !app_failed(app, r, what);
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
}

static void on_detail_items(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct detail *d = &app->detail;

    if (!part_arrived(app, DETAIL_ITEMS, r, _("flow chart: %s")))
        return;
    ui_detail_clear_items(d);
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
    ui_detail_clear_texts(d);
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
    ui_detail_clear_events(d);
    d->events = result_rows(r->res, sizeof *d->events, read_event, &d->nevents);
    d->events_loaded = 1;
    app->dirty |= DIRTY_LIST;
}

void detail_fetch(struct app *app)
{
    char id[24], case_id[24], ids[32];
    const struct detail *d = &app->detail;

    snprintf(id, sizeof id, "%lld", (long long)d->row.id);
    snprintf(case_id, sizeof case_id, "%lld", (long long)d->row.case_id);
    snprintf(ids, sizeof ids, "{%lld}", (long long)d->row.id);
    const char *p_ids[1] = {ids}, *p_case[1] = {case_id}, *p_item[1] = {id};
    app_send(app, DB_QUEUE_ITEMS, 1, p_ids, on_detail_row, app);
    app_send_counted(app, &app->detail_inflight[DETAIL_ITEMS], DB_CASE_ITEMS, 1, p_case,
                     on_detail_items, app);
    app_send_counted(app, &app->detail_inflight[DETAIL_TEXTS], DB_ITEM_TEXTS, 1, p_item,
                     on_detail_texts, app);
    app_send_counted(app, &app->detail_inflight[DETAIL_EVENTS], DB_ITEM_HISTORY, 1, p_item,
                     on_detail_events, app);
}

void detail_open_row(struct app *app, const struct queue_row *r, enum view back)
{
    ui_detail_clear(&app->detail);
    if (queue_row_copy(&app->detail.row, r) < 0) {
        app_say(app, 1, "%s", _("out of memory"));
        return;
    }
    app->detail_back = back;
    app->view = VIEW_DETAIL;
    app->dirty |= DIRTY_ALL;
    if (app_online(app))
        detail_fetch(app);
}

void detail_open(struct app *app)
{
    const struct queue_row *r = queue_current(&app->q);
    if (r)
        detail_open_row(app, r, VIEW_QUEUE);
}

void detail_close(struct app *app)
{
    ui_detail_clear(&app->detail);
    app->view = app->detail_back;
    app->dirty |= DIRTY_ALL;
}

void detail_scroll(struct app *app, int delta)
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
