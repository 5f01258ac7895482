/* casedesk — the console's event loop and state. */
#include "casedesk/app.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "casedesk/db.h"
#include "casedesk/editor.h"
#include "casedesk/i18n.h"
#include "casedesk/queue.h"
#include "casedesk/sla_clock.h"
#include "casedesk/text.h"
#include "casedesk/ui.h"

/* Regions of the screen to draw again. */
enum {
    DIRTY_HEADER = 1 << 0,
    DIRTY_LIST = 1 << 1,
    DIRTY_TIMERS = 1 << 2,
    DIRTY_STATUS = 1 << 3,
    DIRTY_MESSAGE = 1 << 4,
    DIRTY_HINTS = 1 << 5,
    DIRTY_OVERLAY = 1 << 6,
    DIRTY_ALL = 0x7f
};

#define TICK_MS 1000
#define SPINNER_MS 120
/* A connection attempt that has not finished by then is given up and retried. */
#define CONNECT_LIMIT_MS 15000
#define CTRL_KEY(c) ((c) & 0x1f)
#define SUBMIT_KEY CTRL_KEY('d')
#define MESSAGE_MAX 512

enum view { VIEW_QUEUE, VIEW_DETAIL };
enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_CONFIRM, OVERLAY_SEARCH, OVERLAY_FILTER,
               OVERLAY_EDITOR };

/* The item an action is for, as the user saw it. */
struct target {
    int64_t id, case_id;
    int version;
    char *case_no, *item, *applicant;
};

/* Several results of one user action (the tagged items) make one message. */
struct batch {
    enum action act;
    int total, done, ok;
    char first_error[MESSAGE_MAX];
};

/* One action on one item, kept until its outcome is known. */
struct action_req {
    struct app *app;
    enum action act;
    struct target t;
    struct batch *batch;
    char request_id[37];
    enum editor_purpose purpose;
    char *text;                 /* reason or note; kept as a draft on failure */
    char *materials;            /* array literal for a supplement request */
    char *materials_text;       /* the materials as typed, for the draft */
    int resent;
    struct action_req *next;    /* in the list waiting for the connection */
};

struct app {
    const struct config *cfg;
    const struct keymap *km;
    FILE *log;
    long long t0_ms;
    struct db *db;
    int quit;
    enum view view;
    enum overlay overlay;
    unsigned dirty;

    struct queue q;
    struct queue_request page_req;   /* the page request sent last */
    enum queue_place page_place;
    int page_inflight;
    long long data_at_ms;            /* when the data was last known current; 0 never */

    struct detail detail;
    int detail_lines;
    int detail_inflight[3];

    struct sla_calendar cal;
    int minutes_per_day;
    int64_t skew;                    /* server clock minus ours, seconds */

    char *who, *login;
    enum ui_conn conn;
    int was_online;
    long long connecting_since_ms;

    int64_t last_seq;
    int seq_known;
    int changes_inflight, changes_again;
    int sweep_inflight;
    int frozen;

    long long next_tick_ms, next_refresh_ms, next_sweep_ms, next_spin_ms;
    unsigned spinner;

    char message[MESSAGE_MAX];
    int message_error;

    int help_scroll, help_lines;

    /* y/N question */
    char question[MESSAGE_MAX];
    enum action confirm_act;
    int confirm_batch;
    struct target confirm_target;

    /* search prompt */
    struct editor search;
    size_t search_origin;
    char *search_before;

    /* editor overlay */
    struct editor ed;
    enum editor_purpose ed_purpose;
    struct target ed_target;
    char ed_title[MESSAGE_MAX];
    char ed_notice[MESSAGE_MAX];
    int ed_asking_discard;
    char **choices;
    size_t nchoices;
    int choices_inflight;
    char *materials_literal;         /* the first step of a supplement request */
    struct editor_drafts drafts;
    /* Actions whose outcome the broken connection hid: sent again, with the
     * same request id, when the database is back. */
    struct action_req *unsure;
};

static int signal_pipe[2] = {-1, -1};

/* --- time and log ------------------------------------------------------------- */

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

__attribute__((format(printf, 2, 3)))
static void app_log(const struct app *app, const char *fmt, ...)
{
    va_list ap;
    long long ms;

    if (!app->log)
        return;
    ms = mono_ms() - app->t0_ms;
    fprintf(app->log, "%6lld.%03lld ", ms / 1000, ms % 1000);
    va_start(ap, fmt);
    vfprintf(app->log, fmt, ap);
    va_end(ap);
    fputc('\n', app->log);
    fflush(app->log);
}

static int64_t server_now(const struct app *app)
{
    return (int64_t)time(NULL) + app->skew;
}

__attribute__((format(printf, 3, 4)))
static void app_say(struct app *app, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_error = error;
    app->dirty |= DIRTY_MESSAGE;
    app_log(app, "message: %s", app->message);
}

/* --- targets ----------------------------------------------------------------------- */

static void target_free(struct target *t)
{
    free(t->case_no);
    free(t->item);
    free(t->applicant);
    memset(t, 0, sizeof *t);
}

static int target_set(struct target *t, int64_t id, int64_t case_id, int version,
                      const char *case_no, const char *item, const char *applicant)
{
    target_free(t);
    t->id = id;
    t->case_id = case_id;
    t->version = version;
    t->case_no = strdup(case_no ? case_no : "");
    t->item = strdup(item ? item : "");
    t->applicant = strdup(applicant ? applicant : "");
    if (!t->case_no || !t->item || !t->applicant) {
        target_free(t);
        return -1;
    }
    return 0;
}

static int target_from_row(struct target *t, const struct queue_row *r)
{
    return target_set(t, r->id, r->case_id, r->version, r->case_no, r->item, r->applicant);
}

static int target_copy(struct target *dst, const struct target *src)
{
    memset(dst, 0, sizeof *dst);
    return target_set(dst, src->id, src->case_id, src->version, src->case_no, src->item,
                      src->applicant);
}

/* The item the keys act on: the detail's, or the one under the cursor. */
static const struct queue_row *focus_row(const struct app *app)
{
    if (app->view == VIEW_DETAIL)
        return app->detail.row.id ? &app->detail.row : NULL;
    return queue_current(&app->q);
}

/* --- sending ------------------------------------------------------------------------- */

static int online(const struct app *app)
{
    return db_state(app->db) == DB_READY;
}

static int app_send(struct app *app, enum db_stmt stmt, int n, const char *const *params,
                    db_result_fn fn, void *ctx)
{
    app_log(app, "send %s", db_stmt_name(stmt));
    app->dirty |= DIRTY_STATUS;
    return db_send(app->db, stmt, n, params, fn, ctx);
}

static const char *cell(const PGresult *res, int row, int col)
{
    if (!res || row >= PQntuples(res) || col >= PQnfields(res) || PQgetisnull(res, row, col))
        return NULL;
    return PQgetvalue(res, row, col);
}

static const char *queue_cell(void *ctx, int row, int col)
{
    return cell(ctx, row, col);
}

static int64_t cell_int(const PGresult *res, int row, int col)
{
    const char *v = cell(res, row, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

static int64_t cell_epoch(const PGresult *res, int row, int col)
{
    const char *v = cell(res, row, col);
    return v ? (int64_t)strtod(v, NULL) : SLA_NONE;
}

static char *cell_dup(const PGresult *res, int row, int col)
{
    const char *v = cell(res, row, col);
    return v ? strdup(v) : NULL;
}

static void log_result(const struct app *app, const struct db_result *r)
{
    if (r->ok)
        app_log(app, "result %s: %d rows", db_stmt_name(r->stmt), r->res ? PQntuples(r->res) : 0);
    else
        app_log(app, "result %s: %s %s", db_stmt_name(r->stmt), r->sqlstate, r->message);
}

static int lost_connection(const struct db_result *r)
{
    return !r->ok && strncmp(r->sqlstate, "08", 2) == 0;
}

static void note_fresh(struct app *app, const PGresult *res, int now_col)
{
    const char *now = cell(res, 0, now_col);
    if (now)
        app->skew = (int64_t)strtod(now, NULL) - (int64_t)time(NULL);
    app->data_at_ms = mono_ms();
    app->dirty |= DIRTY_STATUS;
}

/* --- the queue page ------------------------------------------------------------------- */

static void on_page(void *ctx, const struct db_result *r);

static void page_fetch(struct app *app, const struct queue_request *req, enum queue_place place)
{
    const char *params[4] = {req->due_at, req->id, req->limit, queue_filter_name(req->filter)};
    app->page_req = *req;
    app->page_place = place;
    app->page_inflight++;
    app_send(app, req->back ? DB_QUEUE_PAGE_BACK : DB_QUEUE_PAGE, 4, params, on_page, app);
}

/* While a page is on its way, "again" means that page, not the one shown:
 * otherwise a refresh would undo a move the user just made. */
static void page_again(struct app *app)
{
    struct queue_request req;
    enum queue_place place = QUEUE_KEEP;

    if (app->page_inflight > 0) {
        req = app->page_req;
        place = app->page_place;
        queue_request_update(&app->q, &req);
    } else {
        queue_request_again(&app->q, &req);
    }
    page_fetch(app, &req, place);
}

static void on_page(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    log_result(app, r);
    if (--app->page_inflight > 0)
        return;
    if (!r->ok) {
        if (!lost_connection(r))
            app_say(app, 1, _("queue: %s"), r->message);
        return;
    }
    if (queue_load(&app->q, &app->page_req, PQntuples(r->res), queue_cell, (void *)r->res,
                   app->page_place) < 0) {
        app_say(app, 1, "%s", _("out of memory"));
        return;
    }
    note_fresh(app, r->res, QUEUE_COL_SERVER_NOW);
    app->dirty |= DIRTY_LIST | DIRTY_HEADER | DIRTY_TIMERS;
    if (queue_short_at_top(&app->q)) {
        struct queue_request req;
        queue_request_first(&app->q, &req);
        page_fetch(app, &req, QUEUE_KEEP);
    }
}

/* --- the detail ------------------------------------------------------------------------ */

enum { DETAIL_ITEMS, DETAIL_TEXTS, DETAIL_EVENTS };

static void on_detail_row(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct queue_row row;

    log_result(app, r);
    if (!r->ok || PQntuples(r->res) == 0 || app->view != VIEW_DETAIL)
        return;
    if (queue_row_read(&row, 0, queue_cell, (void *)r->res) < 0)
        return;
    if (row.id == app->detail.row.id) {
        queue_row_free(&app->detail.row);
        app->detail.row = row;
        app->dirty |= DIRTY_LIST;
    } else {
        queue_row_free(&row);
    }
}

static void on_detail_items(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct detail *d = &app->detail;

    log_result(app, r);
    if (--app->detail_inflight[DETAIL_ITEMS] > 0 || app->view != VIEW_DETAIL)
        return;
    if (!r->ok) {
        if (!lost_connection(r))
            app_say(app, 1, _("flow chart: %s"), r->message);
        return;
    }
    ui_detail_clear_items(d);
    int n = PQntuples(r->res);
    d->items = calloc((size_t)(n ? n : 1), sizeof *d->items);
    for (int i = 0; d->items && i < n; i++) {
        struct detail_item *it = &d->items[d->nitems++];
        it->id = cell_int(r->res, i, 0);
        it->item = cell_dup(r->res, i, 1);
        it->department = cell_dup(r->res, i, 2);
        it->status = cell_dup(r->res, i, 3);
        it->assignee = cell_dup(r->res, i, 4);
        it->due = cell_epoch(r->res, i, 5);
        it->yellow = cell_epoch(r->res, i, 6);
        it->paused = cell_epoch(r->res, i, 7);
        it->waits_for = cell_dup(r->res, i, 8);
        const char *vis = cell(r->res, i, 9);
        it->visible = vis && *vis == 't';
    }
    d->items_loaded = 1;
    app->dirty |= DIRTY_LIST;
}

static void on_detail_texts(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct detail *d = &app->detail;

    log_result(app, r);
    if (--app->detail_inflight[DETAIL_TEXTS] > 0 || app->view != VIEW_DETAIL)
        return;
    if (!r->ok) {
        if (!lost_connection(r))
            app_say(app, 1, _("notes: %s"), r->message);
        return;
    }
    ui_detail_clear_texts(d);
    int n = PQntuples(r->res);
    d->texts = calloc((size_t)(n ? n : 1), sizeof *d->texts);
    for (int i = 0; d->texts && i < n; i++) {
        struct detail_text *t = &d->texts[d->ntexts++];
        t->kind = cell_dup(r->res, i, 0);
        t->ord = (long)cell_int(r->res, i, 1);
        t->body = cell_dup(r->res, i, 2);
        t->author = cell_dup(r->res, i, 3);
        t->at = cell_epoch(r->res, i, 4);
    }
    d->texts_loaded = 1;
    app->dirty |= DIRTY_LIST;
}

static void on_detail_events(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct detail *d = &app->detail;

    log_result(app, r);
    if (--app->detail_inflight[DETAIL_EVENTS] > 0 || app->view != VIEW_DETAIL)
        return;
    if (!r->ok) {
        if (!lost_connection(r))
            app_say(app, 1, _("history: %s"), r->message);
        return;
    }
    ui_detail_clear_events(d);
    int n = PQntuples(r->res);
    d->events = calloc((size_t)(n ? n : 1), sizeof *d->events);
    for (int i = 0; d->events && i < n; i++) {
        struct detail_event *e = &d->events[d->nevents++];
        e->at = cell_epoch(r->res, i, 0);
        e->actor = cell_dup(r->res, i, 1);
        e->action = cell_dup(r->res, i, 2);
        e->before = cell_dup(r->res, i, 3);
        e->after = cell_dup(r->res, i, 4);
    }
    d->events_loaded = 1;
    app->dirty |= DIRTY_LIST;
}

static void detail_fetch(struct app *app)
{
    char id[24], case_id[24], ids[32];
    const struct detail *d = &app->detail;

    snprintf(id, sizeof id, "%lld", (long long)d->row.id);
    snprintf(case_id, sizeof case_id, "%lld", (long long)d->row.case_id);
    snprintf(ids, sizeof ids, "{%lld}", (long long)d->row.id);
    const char *p_ids[1] = {ids}, *p_case[1] = {case_id}, *p_item[1] = {id};
    app_send(app, DB_QUEUE_ITEMS, 1, p_ids, on_detail_row, app);
    app->detail_inflight[DETAIL_ITEMS]++;
    app_send(app, DB_CASE_ITEMS, 1, p_case, on_detail_items, app);
    app->detail_inflight[DETAIL_TEXTS]++;
    app_send(app, DB_ITEM_TEXTS, 1, p_item, on_detail_texts, app);
    app->detail_inflight[DETAIL_EVENTS]++;
    app_send(app, DB_ITEM_HISTORY, 1, p_item, on_detail_events, app);
}

static void detail_open(struct app *app)
{
    const struct queue_row *r = queue_current(&app->q);
    if (!r)
        return;
    ui_detail_clear(&app->detail);
    if (queue_row_copy(&app->detail.row, r) < 0) {
        app_say(app, 1, "%s", _("out of memory"));
        return;
    }
    app->view = VIEW_DETAIL;
    app->dirty |= DIRTY_ALL;
    if (online(app))
        detail_fetch(app);
}

static void detail_close(struct app *app)
{
    ui_detail_clear(&app->detail);
    app->view = VIEW_QUEUE;
    app->dirty |= DIRTY_ALL;
}

/* Everything on screen, again. */
static void refetch(struct app *app)
{
    if (!online(app))
        return;
    page_again(app);
    if (app->view == VIEW_DETAIL)
        detail_fetch(app);
}

/* --- who, business time, changes, sweep ------------------------------------------------ */

static void on_whoami(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    char buf[512];

    log_result(app, r);
    if (!r->ok) {
        if (!lost_connection(r))
            app_say(app, 1, "%s", r->message);
        return;
    }
    snprintf(buf, sizeof buf, "%s %s %s", cell(r->res, 0, 1) ? cell(r->res, 0, 1) : "",
             cell(r->res, 0, 2) ? _(cell(r->res, 0, 2)) : "",
             cell(r->res, 0, 3) ? cell(r->res, 0, 3) : "");
    free(app->who);
    free(app->login);
    app->who = strdup(buf);
    app->login = cell_dup(r->res, 0, 0);
    note_fresh(app, r->res, 4);
}

static void on_business_time(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    log_result(app, r);
    if (!r->ok)
        return;
    int n = PQntuples(r->res);
    struct sla_interval *v = calloc((size_t)(n ? n : 1), sizeof *v);
    if (!v)
        return;
    for (int i = 0; i < n; i++) {
        v[i].opens = cell_epoch(r->res, i, 0);
        v[i].closes = cell_epoch(r->res, i, 1);
    }
    if (sla_calendar_set(&app->cal, v, (size_t)n) == 0)
        app->minutes_per_day = sla_minutes_per_day(&app->cal);
    free(v);
    app->dirty |= DIRTY_TIMERS | DIRTY_LIST;
}

static void changes_check(struct app *app);

static void on_changes(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    log_result(app, r);
    app->changes_inflight = 0;
    if (r->ok) {
        int64_t seq = cell_int(r->res, 0, 0);
        if (app->seq_known && seq > app->last_seq && !app->frozen)
            refetch(app);
        else
            app->data_at_ms = mono_ms();
        if (!app->frozen || !app->seq_known)
            app->last_seq = seq > app->last_seq ? seq : app->last_seq;
        app->seq_known = 1;
        app->dirty |= DIRTY_STATUS;
    }
    if (app->changes_again) {
        app->changes_again = 0;
        changes_check(app);
    }
}

static void changes_check(struct app *app)
{
    char seq[24];
    const char *params[1] = {seq};

    if (!online(app))
        return;
    if (app->changes_inflight) {
        app->changes_again = 1;
        return;
    }
    snprintf(seq, sizeof seq, "%lld", (long long)app->last_seq);
    app->changes_inflight = 1;
    app_send(app, DB_CHANGES, 1, params, on_changes, app);
}

static void on_sweep(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    log_result(app, r);
    app->sweep_inflight = 0;
}

static void sweep_run(struct app *app)
{
    if (!online(app) || app->sweep_inflight)
        return;
    app->sweep_inflight = 1;
    app_send(app, DB_SWEEP, 0, NULL, on_sweep, app);
}

/* The payload starts with the change's sequence number. Sequence numbers
 * are taken before commit, so a change can commit after a higher one this
 * console has already seen: "newer than the last seen" would miss it, so
 * such a late change reloads the page at once. */
static void on_notify(void *ctx, const char *payload)
{
    struct app *app = ctx;
    long long seq = strtoll(payload, NULL, 10);

    app_log(app, "notify %s", payload);
    if (app->seq_known && seq > 0 && seq <= app->last_seq && !app->frozen && online(app))
        refetch(app);
    else
        changes_check(app);
}

static void actions_resend(struct app *app);

static void on_db_state(void *ctx, enum db_state st)
{
    struct app *app = ctx;

    app_log(app, "database %s", st == DB_READY ? "ready" : "offline");
    app->dirty |= DIRTY_STATUS;
    if (st == DB_OFFLINE) {
        app->conn = UI_OFFLINE;
        app->changes_inflight = 0;
        app->sweep_inflight = 0;
        app_say(app, 1, app->was_online ? _("database connection lost: %s — retrying")
                                        : _("cannot connect to the database: %s — retrying"),
                db_error(app->db));
        return;
    }
    app->conn = UI_ONLINE;
    if (app->was_online)
        app_say(app, 0, "%s", _("back online; data reloaded"));
    app->was_online = 1;
    app_send(app, DB_WHOAMI, 0, NULL, on_whoami, app);
    app_send(app, DB_BUSINESS_TIME, 0, NULL, on_business_time, app);
    actions_resend(app);
    changes_check(app);
    refetch(app);
}

/* --- actions ------------------------------------------------------------------------------ */

static const char *action_past(enum action act)
{
    switch (act) {
    case ACTION_CLAIM: return _("claimed");
    case ACTION_RELEASE: return _("released");
    case ACTION_APPROVE: return _("approved");
    case ACTION_REJECT: return _("rejected");
    case ACTION_SUPPLEMENT: return _("asked for material:");
    case ACTION_ANNOTATE: return _("note added to");
    case ACTION_ESCALATE: return _("escalated");
    default: return action_name(act);
    }
}

static void keep_draft(struct app *app, const struct action_req *rq)
{
    if (rq->text)
        editor_drafts_put(&app->drafts, rq->t.id, rq->purpose, rq->text);
    if (rq->materials_text)
        editor_drafts_put(&app->drafts, rq->t.id, EDITOR_MATERIALS, rq->materials_text);
}

static void drop_draft(struct app *app, const struct action_req *rq)
{
    if (rq->text)
        editor_drafts_drop(&app->drafts, rq->t.id, rq->purpose);
    if (rq->materials_text)
        editor_drafts_drop(&app->drafts, rq->t.id, EDITOR_MATERIALS);
}

static void failure_text(const struct action_req *rq, const struct db_result *r, char *buf,
                         size_t n)
{
    const char *kept = rq->text ? _(" (your text is kept)") : "";
    if (strcmp(r->sqlstate, "CD001") == 0)
        snprintf(buf, n, _("%s %s: changed meanwhile — reloaded%s"), action_name(rq->act),
                 rq->t.case_no, kept);
    else if (lost_connection(r))
        snprintf(buf, n, _("%s %s: the connection broke again; look at the item and retry%s"),
                 action_name(rq->act), rq->t.case_no, kept);
    else
        snprintf(buf, n, "%s %s: %s%s", action_name(rq->act), rq->t.case_no, r->message, kept);
}

static void batch_finish(struct app *app, struct batch *b)
{
    if (b->ok == b->total)
        app_say(app, 0, _("%s %d tagged items"), action_past(b->act), b->total);
    else
        app_say(app, 1, _("%s %d of %d tagged items; %s"), action_past(b->act), b->ok, b->total,
                b->first_error);
    free(b);
}

static void apply_item_result(struct app *app, const PGresult *res)
{
    if (!res || PQnfields(res) < 4 || PQntuples(res) < 1)
        return;
    int64_t id = cell_int(res, 0, 0);
    queue_apply(&app->q, id, (int)cell_int(res, 0, 1), cell(res, 0, 2), cell(res, 0, 3));
    if (app->view == VIEW_DETAIL && app->detail.row.id == id) {
        struct queue_row *row = &app->detail.row;
        row->version = (int)cell_int(res, 0, 1);
        char *status = cell_dup(res, 0, 2);
        if (status) {
            free(row->status);
            row->status = status;
        }
    }
}

static void action_req_free(struct action_req *rq)
{
    target_free(&rq->t);
    free(rq->text);
    free(rq->materials);
    free(rq->materials_text);
    free(rq);
}

/* The connection broke while the action was on its way: it may or may not
 * have been committed. The request id makes sending it again safe. */
static int keep_unsure(struct app *app, struct action_req *rq, const struct db_result *r)
{
    if (!lost_connection(r) || rq->resent || rq->batch)
        return 0;
    rq->next = app->unsure;
    app->unsure = rq;
    app_say(app, 1, _("%s %s: the connection broke; it is sent again when the database is back"),
            action_name(rq->act), rq->t.case_no);
    return 1;
}

static void on_action(void *ctx, const struct db_result *r)
{
    struct action_req *rq = ctx;
    struct app *app = rq->app;
    char text[MESSAGE_MAX];

    log_result(app, r);
    if (keep_unsure(app, rq, r))
        return;
    if (r->ok) {
        apply_item_result(app, r->res);
        drop_draft(app, rq);
        if (rq->batch)
            queue_untag(&app->q, rq->t.id);
        snprintf(text, sizeof text, "%s %s %s", action_past(rq->act), rq->t.case_no, rq->t.item);
    } else {
        keep_draft(app, rq);
        failure_text(rq, r, text, sizeof text);
    }
    if (rq->batch) {
        struct batch *b = rq->batch;
        b->done++;
        b->ok += r->ok;
        if (!r->ok && !b->first_error[0])
            snprintf(b->first_error, sizeof b->first_error, "%s", text);
        if (b->done == b->total)
            batch_finish(app, b);
    } else {
        app_say(app, !r->ok, "%s", text);
    }
    if (r->ok || strcmp(r->sqlstate, "CD001") == 0)
        refetch(app);
    app->dirty |= DIRTY_LIST | DIRTY_HEADER;
    action_req_free(rq);
}

struct action_args {
    const char *text;           /* reason or note */
    const char *materials;      /* array literal */
    const char *materials_text; /* as typed, for the draft */
    enum editor_purpose purpose;
};

/* The statement for rq and its parameters (id and version as the user saw
 * them, the request id, then what the action needs). */
static enum db_stmt action_params(const struct action_req *rq, const char *id, const char *ver,
                                  const char **p, int *n)
{
    p[0] = id;
    p[1] = ver;
    p[2] = rq->request_id;
    *n = 3;
    switch (rq->act) {
    case ACTION_CLAIM: return DB_CLAIM;
    case ACTION_RELEASE: return DB_RELEASE;
    case ACTION_APPROVE: return DB_APPROVE;
    case ACTION_REJECT: p[3] = rq->text; *n = 4; return DB_REJECT;
    case ACTION_ANNOTATE: p[3] = rq->text; *n = 4; return DB_ANNOTATE;
    case ACTION_SUPPLEMENT:
        p[3] = rq->materials;
        p[4] = rq->text && *rq->text ? rq->text : NULL;
        *n = 5;
        return DB_SUPPLEMENT;
    case ACTION_ESCALATE:
        p[0] = rq->request_id;
        p[1] = NULL;
        p[2] = id;
        p[3] = NULL;
        p[4] = rq->text;
        *n = 5;
        return DB_ESCALATE;
    default:
        return DB_STMT_COUNT;
    }
}

static void action_dispatch(struct app *app, struct action_req *rq)
{
    char id[24], ver[16];
    const char *p[5] = {NULL};
    int n;

    snprintf(id, sizeof id, "%lld", (long long)rq->t.id);
    snprintf(ver, sizeof ver, "%d", rq->t.version);
    enum db_stmt stmt = action_params(rq, id, ver, p, &n);
    app_log(app, "action %s on item %s version %s request %s%s", action_name(rq->act), id, ver,
            rq->request_id, rq->resent ? " (again)" : "");
    app_send(app, stmt, n, p, on_action, rq);
}

static int dup_arg(char **out, const char *s)
{
    *out = NULL;
    return s && !(*out = strdup(s)) ? -1 : 0;
}

static void action_send(struct app *app, enum action act, const struct target *t,
                        const struct action_args *a, struct batch *b)
{
    static const struct action_args none = {0};
    struct action_req *rq = calloc(1, sizeof *rq);

    if (!a)
        a = &none;
    if (!rq || db_new_request_id(rq->request_id) < 0 || target_copy(&rq->t, t) < 0
        || dup_arg(&rq->text, a->text) < 0 || dup_arg(&rq->materials, a->materials) < 0
        || dup_arg(&rq->materials_text, a->materials_text) < 0) {
        if (rq)
            action_req_free(rq);
        app_say(app, 1, "%s", _("out of memory"));
        return;
    }
    rq->app = app;
    rq->act = act;
    rq->batch = b;
    rq->purpose = a->purpose;
    action_dispatch(app, rq);
}

static void actions_resend(struct app *app)
{
    struct action_req *rq = app->unsure;
    app->unsure = NULL;
    while (rq) {
        struct action_req *next = rq->next;
        rq->next = NULL;
        rq->resent = 1;
        action_dispatch(app, rq);
        rq = next;
    }
}

static void actions_forget(struct app *app)
{
    while (app->unsure) {
        struct action_req *next = app->unsure->next;
        action_req_free(app->unsure);
        app->unsure = next;
    }
}

/* Offline, an action is not even tried: the user hears why at once and keeps
 * what was typed. */
static int refuse_offline(struct app *app, enum action act, const struct action_args *a,
                          const struct target *t)
{
    if (online(app))
        return 0;
    if (a && a->text)
        editor_drafts_put(&app->drafts, t->id, a->purpose, a->text);
    if (a && a->materials_text)
        editor_drafts_put(&app->drafts, t->id, EDITOR_MATERIALS, a->materials_text);
    app_say(app, 1, _("cannot %s now: the database is offline%s"), action_name(act),
            a && a->text ? _(" (your text is kept)") : "");
    return 1;
}

static void act_on_target(struct app *app, enum action act, const struct target *t,
                          const struct action_args *a)
{
    if (refuse_offline(app, act, a, t))
        return;
    action_send(app, act, t, a, NULL);
}

static void act_on_tags(struct app *app, enum action act)
{
    struct queue *q = &app->q;
    struct batch *b;
    size_t n = q->ntags;

    if (n == 0 || refuse_offline(app, act, NULL, NULL))
        return;
    if (!(b = calloc(1, sizeof *b))) {
        app_say(app, 1, "%s", _("out of memory"));
        return;
    }
    b->act = act;
    b->total = (int)n;
    /* Copies first: results may untag while the loop still runs. */
    struct target *ts = calloc(n, sizeof *ts);
    if (!ts) {
        free(b);
        return;
    }
    for (size_t i = 0; i < n; i++)
        target_set(&ts[i], q->tags[i].id, 0, q->tags[i].version, q->tags[i].case_no,
                   q->tags[i].item, "");
    for (size_t i = 0; i < n; i++) {
        action_send(app, act, &ts[i], NULL, b);
        target_free(&ts[i]);
    }
    free(ts);
}

/* --- y/N questions ------------------------------------------------------------------- */

static void confirm_ask(struct app *app, enum action act, int batch, const struct target *t,
                        const char *question)
{
    app->overlay = OVERLAY_CONFIRM;
    app->confirm_act = act;
    app->confirm_batch = batch;
    target_free(&app->confirm_target);
    if (t)
        target_copy(&app->confirm_target, t);
    snprintf(app->question, sizeof app->question, "%s", question);
    app->dirty |= DIRTY_MESSAGE;
}

static void confirm_key(struct app *app, int key)
{
    app->overlay = OVERLAY_NONE;
    app->dirty |= DIRTY_MESSAGE;
    if (key != 'y' && key != 'Y') {
        app_say(app, 0, "%s", _("cancelled"));
        return;
    }
    app->message[0] = '\0';
    if (app->confirm_batch)
        act_on_tags(app, app->confirm_act);
    else
        act_on_target(app, app->confirm_act, &app->confirm_target, NULL);
}

static void ask_batch(struct app *app, enum action act)
{
    char q[MESSAGE_MAX];
    const char *fmt = act == ACTION_APPROVE ? _("Approve %zu tagged items? [y/N]")
                    : act == ACTION_CLAIM ? _("Claim %zu tagged items? [y/N]")
                                          : _("Release %zu tagged items? [y/N]");
    snprintf(q, sizeof q, fmt, app->q.ntags);
    confirm_ask(app, act, 1, NULL, q);
}

/* --- the editor overlay ------------------------------------------------------------------ */

static void choices_clear(struct app *app)
{
    for (size_t i = 0; i < app->nchoices; i++)
        free(app->choices[i]);
    free(app->choices);
    app->choices = NULL;
    app->nchoices = 0;
}

static const char *choice_kind(enum editor_purpose p)
{
    return p == EDITOR_REASON ? "reason" : p == EDITOR_MATERIALS ? "material" : NULL;
}

static void on_choices(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    const char *kind = choice_kind(app->ed_purpose);

    log_result(app, r);
    if (--app->choices_inflight > 0 || app->overlay != OVERLAY_EDITOR || !kind || !r->ok)
        return;
    choices_clear(app);
    int n = PQntuples(r->res);
    app->choices = calloc((size_t)(n ? n : 1), sizeof *app->choices);
    for (int i = 0; app->choices && i < n; i++) {
        const char *k = cell(r->res, i, 0), *body = cell(r->res, i, 2);
        if (k && body && strcmp(k, kind) == 0 && (app->choices[app->nchoices] = strdup(body)))
            app->nchoices++;
    }
    app->dirty |= DIRTY_OVERLAY;
}

static const char *editor_purpose_title(enum editor_purpose p)
{
    switch (p) {
    case EDITOR_REASON: return _("Reject %s for %s — reason");
    case EDITOR_MATERIALS: return _("Ask %s for material (%s) — which materials");
    case EDITOR_SUPPLEMENT_NOTE: return _("Ask %s for material (%s) — note (optional)");
    case EDITOR_ESCALATION: return _("Escalate %s for %s — question");
    default: return _("Note on %s for %s");
    }
}

static void editor_open(struct app *app, enum editor_purpose purpose, const struct target *t)
{
    const char *draft;

    editor_free(&app->ed);
    editor_init(&app->ed, purpose == EDITOR_MATERIALS);
    app->ed_purpose = purpose;
    target_free(&app->ed_target);
    target_copy(&app->ed_target, t);
    snprintf(app->ed_title, sizeof app->ed_title, editor_purpose_title(purpose), t->item,
             t->applicant);
    app->ed_notice[0] = '\0';
    app->ed_asking_discard = 0;
    if ((draft = editor_drafts_get(&app->drafts, t->id, purpose)) != NULL) {
        editor_set_text(&app->ed, draft);
        snprintf(app->ed_notice, sizeof app->ed_notice, "%s",
                 _("This text was not sent last time; it is here again."));
    }
    choices_clear(app);
    if (choice_kind(purpose) && online(app)) {
        char id[24];
        const char *p[1] = {id};
        snprintf(id, sizeof id, "%lld", (long long)t->id);
        app->choices_inflight++;
        app_send(app, DB_ITEM_TEXTS, 1, p, on_choices, app);
    }
    app->overlay = OVERLAY_EDITOR;
    app->dirty |= DIRTY_OVERLAY;
}

static void editor_close(struct app *app)
{
    app->overlay = OVERLAY_NONE;
    choices_clear(app);
    ui_overlay_close();
    app->dirty |= DIRTY_ALL;
}

static void editor_notice(struct app *app, const char *text)
{
    snprintf(app->ed_notice, sizeof app->ed_notice, "%s", text);
    app->dirty |= DIRTY_OVERLAY;
}

/* A number standing alone picks that choice. */
static const char *choice_by_number(const struct app *app, const char *s)
{
    return editor_choice(s, (const char *const *)app->choices, app->nchoices);
}

static void submit_reason(struct app *app, const char *text)
{
    if (!*text) {
        editor_notice(app, _("A reason is required: type one, or the number of a reason above."));
        return;
    }
    /* The choices go with the editor; the reason must outlive it. */
    const char *pick = choice_by_number(app, text);
    char *reason = strdup(pick ? pick : text);
    struct action_args a = {.text = reason, .purpose = EDITOR_REASON};
    if (!reason)
        return;
    editor_close(app);
    act_on_target(app, ACTION_REJECT, &app->ed_target, &a);
    free(reason);
}

static void submit_materials(struct app *app, const char *text)
{
    char *lit = editor_list_literal(text, (const char *const *)app->choices, app->nchoices);
    if (!lit) {
        editor_notice(app, _("Name at least one material: numbers from the list or names, "
                             "separated by commas."));
        return;
    }
    free(app->materials_literal);
    app->materials_literal = lit;
    editor_drafts_put(&app->drafts, app->ed_target.id, EDITOR_MATERIALS, text);
    struct target t;
    target_copy(&t, &app->ed_target);
    editor_open(app, EDITOR_SUPPLEMENT_NOTE, &t);
    target_free(&t);
}

static void editor_submit(struct app *app)
{
    char *text = editor_trimmed(editor_text(&app->ed));
    struct action_args a = {.text = text, .purpose = app->ed_purpose};

    if (!text)
        return;
    switch (app->ed_purpose) {
    case EDITOR_REASON:
        submit_reason(app, text);
        break;
    case EDITOR_MATERIALS:
        submit_materials(app, text);
        break;
    case EDITOR_SUPPLEMENT_NOTE: {
        const char *typed = editor_drafts_get(&app->drafts, app->ed_target.id, EDITOR_MATERIALS);
        char *typed_copy = typed ? strdup(typed) : NULL;
        a.materials = app->materials_literal;
        a.materials_text = typed_copy;
        a.text = *text ? text : NULL;
        editor_close(app);
        act_on_target(app, ACTION_SUPPLEMENT, &app->ed_target, &a);
        free(typed_copy);
        break;
    }
    case EDITOR_ESCALATION:
    case EDITOR_NOTE:
        if (!*text) {
            editor_notice(app, _("The text is empty; write something or press Esc."));
            break;
        }
        editor_close(app);
        act_on_target(app, app->ed_purpose == EDITOR_NOTE ? ACTION_ANNOTATE : ACTION_ESCALATE,
                      &app->ed_target, &a);
        break;
    default:
        break;
    }
    free(text);
}

static void editor_cancel(struct app *app)
{
    if (editor_is_blank(&app->ed) || app->ed_asking_discard) {
        if (app->ed_asking_discard)
            editor_drafts_drop(&app->drafts, app->ed_target.id, app->ed_purpose);
        editor_close(app);
        app_say(app, 0, "%s", _("cancelled"));
        return;
    }
    app->ed_asking_discard = 1;
    editor_notice(app, _("Discard the text? y discards, any other key goes back to it."));
}

/* Keys shared by the editor and the one-line prompts. Returns 1 if used. */
static int edit_key(struct editor *ed, int rc, wint_t wch, int key)
{
    if (rc == KEY_CODE_YES) {
        switch ((int)wch) {
        case KEY_LEFT: editor_left(ed); return 1;
        case KEY_RIGHT: editor_right(ed); return 1;
        case KEY_UP: editor_up(ed); return 1;
        case KEY_DOWN: editor_down(ed); return 1;
        case KEY_HOME: editor_home(ed); return 1;
        case KEY_END: editor_end(ed); return 1;
        case KEY_DC: editor_delete(ed); return 1;
        case KEY_BACKSPACE: editor_backspace(ed); return 1;
        default: return 0;
        }
    }
    if (key == KEYMAP_FN(KEY_BACKSPACE)) {
        editor_backspace(ed);
        return 1;
    }
    if (key == KEYMAP_ENTER)
        return editor_insert(ed, '\n') == 0;
    if (key == '\t' || key >= 0x20)
        return editor_insert(ed, (uint32_t)wch) == 0;
    return 0;
}

static void editor_key(struct app *app, int rc, wint_t wch, int key)
{
    if (app->ed_asking_discard) {
        if (key == 'y' || key == 'Y') {
            editor_cancel(app);
            return;
        }
        app->ed_asking_discard = 0;
        editor_notice(app, "");
        return;
    }
    if (key == KEYMAP_ESC) {
        editor_cancel(app);
        return;
    }
    if (key == SUBMIT_KEY || (key == KEYMAP_ENTER && app->ed.single_line)) {
        editor_submit(app);
        return;
    }
    if (edit_key(&app->ed, rc, wch, key))
        app->dirty |= DIRTY_OVERLAY;
}

/* --- search and filter prompts --------------------------------------------------------- */

static void search_open(struct app *app)
{
    editor_free(&app->search);
    editor_init(&app->search, 1);
    app->search_origin = app->q.cursor;
    free(app->search_before);
    app->search_before = app->q.search ? strdup(app->q.search) : NULL;
    app->overlay = OVERLAY_SEARCH;
    app->dirty |= DIRTY_MESSAGE;
}

static void search_update(struct app *app)
{
    queue_search_set(&app->q, editor_text(&app->search));
    if (!queue_search_from(&app->q, app->search_origin, 1, 1))
        queue_select_index(&app->q, app->search_origin);
    app->dirty |= DIRTY_LIST | DIRTY_HEADER | DIRTY_MESSAGE;
}

static void search_key(struct app *app, int rc, wint_t wch, int key)
{
    if (key == KEYMAP_ESC) {
        queue_search_set(&app->q, app->search_before);
        queue_select_index(&app->q, app->search_origin);
        app->overlay = OVERLAY_NONE;
        ui_cursor_off();
        app->dirty |= DIRTY_LIST | DIRTY_HEADER | DIRTY_MESSAGE;
        return;
    }
    if (key == KEYMAP_ENTER) {
        app->overlay = OVERLAY_NONE;
        ui_cursor_off();
        if (app->q.search && !queue_row_matches(queue_current(&app->q), app->q.search))
            app_say(app, 1, _("no loaded item matches \"%s\""), app->q.search);
        app->dirty |= DIRTY_MESSAGE | DIRTY_HEADER;
        return;
    }
    if (edit_key(&app->search, rc, wch, key))
        search_update(app);
}

static void filter_set(struct app *app, enum queue_filter f)
{
    struct queue_request req;
    app->q.filter = f;
    queue_request_first(&app->q, &req);
    app->dirty |= DIRTY_HEADER;
    if (!online(app)) {
        app_say(app, 1, "%s", _("the database is offline; the filter applies when it is back"));
        app->q.page = req;
        return;
    }
    page_fetch(app, &req, QUEUE_KEEP);
}

static void filter_key(struct app *app, int key, enum action a)
{
    int f = queue_filter_from_letter(key);
    app->overlay = OVERLAY_NONE;
    app->message[0] = '\0';
    app->dirty |= DIRTY_MESSAGE;
    if (a == ACTION_FILTER)
        filter_set(app, queue_filter_next(app->q.filter));
    else if (f >= 0)
        filter_set(app, (enum queue_filter)f);
}

static void filter_open(struct app *app)
{
    char line[MESSAGE_MAX];
    int n = snprintf(line, sizeof line, "%s", _("filter:"));
    for (int f = 0; f < QUEUE_FILTER_COUNT && n > 0 && (size_t)n < sizeof line; f++)
        n += snprintf(line + n, sizeof line - (size_t)n, "  %c %s",
                      queue_filter_letter((enum queue_filter)f),
                      queue_filter_label((enum queue_filter)f));
    snprintf(app->question, sizeof app->question, "%s", line);
    app->overlay = OVERLAY_FILTER;
    app->dirty |= DIRTY_MESSAGE;
}

/* --- keys in the views ------------------------------------------------------------------ */

static void queue_down(struct app *app, int lines)
{
    struct queue_request req;
    if (queue_move(&app->q, lines) > 0 && queue_request_next(&app->q, &req) && online(app))
        page_fetch(app, &req, QUEUE_FIRST);
    app->dirty |= DIRTY_LIST;
}

static void queue_up(struct app *app, int lines)
{
    struct queue_request req;
    if (queue_move(&app->q, -lines) < 0 && queue_request_prev(&app->q, &req) && online(app))
        page_fetch(app, &req, QUEUE_LAST);
    app->dirty |= DIRTY_LIST;
}

static void queue_page(struct app *app, int forward)
{
    struct queue_request req;
    int more = forward ? queue_request_next(&app->q, &req) : queue_request_prev(&app->q, &req);
    if (more && online(app))
        page_fetch(app, &req, QUEUE_FIRST);
    else
        queue_select_index(&app->q, forward ? app->q.n - 1 : 0);
    app->dirty |= DIRTY_LIST;
}

static void queue_edge(struct app *app, int last)
{
    struct queue_request req;
    int more = last ? app->q.more_after : app->q.more_before;
    if (more && online(app)) {
        if (last)
            queue_request_last(&app->q, &req);
        else
            queue_request_first(&app->q, &req);
        page_fetch(app, &req, last ? QUEUE_LAST : QUEUE_FIRST);
    } else {
        queue_select_index(&app->q, last ? app->q.n - 1 : 0);
    }
    app->dirty |= DIRTY_LIST;
}

static void detail_scroll(struct app *app, int delta)
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

static void move_key(struct app *app, enum action a)
{
    int page = app->view == VIEW_DETAIL ? ui_detail_page() : ui_list_rows();
    if (app->view == VIEW_DETAIL) {
        int d = a == ACTION_MOVE_DOWN ? 1 : a == ACTION_MOVE_UP ? -1
              : a == ACTION_PAGE_DOWN ? page : a == ACTION_PAGE_UP ? -page
              : a == ACTION_TOP ? -1000000 : 1000000;
        detail_scroll(app, d);
        return;
    }
    switch (a) {
    case ACTION_MOVE_DOWN: queue_down(app, 1); break;
    case ACTION_MOVE_UP: queue_up(app, 1); break;
    case ACTION_PAGE_DOWN: queue_page(app, 1); break;
    case ACTION_PAGE_UP: queue_page(app, 0); break;
    case ACTION_TOP: queue_edge(app, 0); break;
    default: queue_edge(app, 1); break;
    }
}

static void start_action(struct app *app, enum action a)
{
    const struct queue_row *r = focus_row(app);
    int batch = app->view == VIEW_QUEUE && app->q.ntags > 0;
    struct target t = {0};
    char q[MESSAGE_MAX];

    if (batch && (a == ACTION_CLAIM || a == ACTION_RELEASE || a == ACTION_APPROVE)) {
        ask_batch(app, a);
        return;
    }
    if (!r || target_from_row(&t, r) < 0) {
        app_say(app, 1, "%s", _("no item selected"));
        return;
    }
    switch (a) {
    case ACTION_APPROVE:
        snprintf(q, sizeof q, _("Approve %s for %s? [y/N]"), t.item, t.applicant);
        confirm_ask(app, a, 0, &t, q);
        break;
    case ACTION_CLAIM:
    case ACTION_RELEASE:
        act_on_target(app, a, &t, NULL);
        break;
    case ACTION_REJECT: editor_open(app, EDITOR_REASON, &t); break;
    case ACTION_SUPPLEMENT: editor_open(app, EDITOR_MATERIALS, &t); break;
    case ACTION_ANNOTATE: editor_open(app, EDITOR_NOTE, &t); break;
    case ACTION_ESCALATE: editor_open(app, EDITOR_ESCALATION, &t); break;
    default: break;
    }
    target_free(&t);
}

static void back_key(struct app *app)
{
    if (app->view == VIEW_DETAIL) {
        detail_close(app);
    } else if (app->q.search) {
        queue_search_set(&app->q, NULL);
        app->dirty |= DIRTY_HEADER;
    } else if (app->q.filter != QUEUE_FILTER_ALL) {
        filter_set(app, QUEUE_FILTER_ALL);
    }
}

static void tag_key(struct app *app)
{
    if (app->view != VIEW_QUEUE)
        return;
    if (queue_tag_toggle(&app->q) >= 0)
        queue_down(app, 1);
    app->dirty |= DIRTY_LIST | DIRTY_HEADER;
}

static void search_step(struct app *app, int dir)
{
    if (!app->q.search) {
        app_say(app, 0, "%s", _("no search yet: press / first"));
    } else if (!queue_search_next(&app->q, dir)) {
        app_say(app, 1, _("no loaded item matches \"%s\""), app->q.search);
    } else {
        app->dirty |= DIRTY_LIST;
    }
}

static void help_open(struct app *app)
{
    app->overlay = OVERLAY_HELP;
    app->help_scroll = 0;
    app->dirty |= DIRTY_OVERLAY | DIRTY_HINTS;
}

static void overlay_close(struct app *app)
{
    app->overlay = OVERLAY_NONE;
    ui_overlay_close();
    app->dirty |= DIRTY_ALL;
}

static void help_key(struct app *app, enum action a)
{
    int page = LINES - 4;
    switch (a) {
    case ACTION_MOVE_DOWN: app->help_scroll++; break;
    case ACTION_MOVE_UP: app->help_scroll--; break;
    case ACTION_PAGE_DOWN: app->help_scroll += page; break;
    case ACTION_PAGE_UP: app->help_scroll -= page; break;
    case ACTION_TOP: app->help_scroll = 0; break;
    case ACTION_BOTTOM: app->help_scroll = app->help_lines; break;
    default: overlay_close(app); return;
    }
    if (app->help_scroll > app->help_lines - page)
        app->help_scroll = app->help_lines - page;
    if (app->help_scroll < 0)
        app->help_scroll = 0;
    app->dirty |= DIRTY_OVERLAY;
}

static void view_key(struct app *app, enum action a)
{
    switch (a) {
    case ACTION_MOVE_DOWN: case ACTION_MOVE_UP: case ACTION_PAGE_DOWN:
    case ACTION_PAGE_UP: case ACTION_TOP: case ACTION_BOTTOM:
        move_key(app, a);
        break;
    case ACTION_CLAIM: case ACTION_RELEASE: case ACTION_APPROVE: case ACTION_REJECT:
    case ACTION_SUPPLEMENT: case ACTION_ANNOTATE: case ACTION_ESCALATE:
        start_action(app, a);
        break;
    case ACTION_OPEN: if (app->view == VIEW_QUEUE) detail_open(app); break;
    case ACTION_BACK: back_key(app); break;
    case ACTION_TAG: tag_key(app); break;
    case ACTION_UNTAG_ALL:
        queue_untag_all(&app->q);
        app->dirty |= DIRTY_LIST | DIRTY_HEADER;
        break;
    case ACTION_SEARCH: if (app->view == VIEW_QUEUE) search_open(app); break;
    case ACTION_SEARCH_NEXT: search_step(app, 1); break;
    case ACTION_SEARCH_PREV: search_step(app, -1); break;
    case ACTION_FILTER: if (app->view == VIEW_QUEUE) filter_open(app); break;
    case ACTION_REFRESH:
        if (!online(app))
            app_say(app, 1, "%s", _("the database is offline; retrying in the background"));
        refetch(app);
        break;
    case ACTION_REDRAW: ui_invalidate(); app->dirty |= DIRTY_ALL; break;
    case ACTION_FREEZE:
        app->frozen = !app->frozen;
        app_say(app, 0, "%s", app->frozen ? _("live updates paused") : _("live updates resumed"));
        if (!app->frozen)
            changes_check(app);
        break;
    case ACTION_HELP: help_open(app); break;
    case ACTION_QUIT: app->quit = 1; break;
    case ACTION_NONE: break;
    default:
        app_say(app, 0, _("%s: not available in this view"), action_name(a));
        break;
    }
}

static void relayout(struct app *app);

static void handle_key(struct app *app, int rc, wint_t wch)
{
    int key = keymap_from_curses(rc, wch);
    enum action a = keymap_lookup(app->km, key);
    char name[KEYMAP_KEY_NAME_MAX];

    /* What is typed into an editor or the search stays out of the log. */
    if ((app->overlay == OVERLAY_EDITOR || app->overlay == OVERLAY_SEARCH) && rc == OK
        && key >= 0x20)
        app_log(app, "key (text)");
    else
        app_log(app, "key %s", keymap_key_name(key, name, sizeof name));
    /* curses already knows the new size; asking the terminal again would
     * queue another KEY_RESIZE. */
    if (rc == KEY_CODE_YES && wch == KEY_RESIZE) {
        relayout(app);
        return;
    }
    if (ui_too_small()) {
        if (a == ACTION_QUIT && app->overlay == OVERLAY_NONE)
            app->quit = 1;
        return;
    }
    if (a != ACTION_NONE && app->overlay == OVERLAY_NONE && app->message[0]
        && a != ACTION_SEARCH_NEXT && a != ACTION_SEARCH_PREV) {
        app->message[0] = '\0';
        app->dirty |= DIRTY_MESSAGE;
    }
    switch (app->overlay) {
    case OVERLAY_HELP: help_key(app, a); break;
    case OVERLAY_CONFIRM: confirm_key(app, key); break;
    case OVERLAY_SEARCH: search_key(app, rc, wch, key); break;
    case OVERLAY_FILTER: filter_key(app, key, a); break;
    case OVERLAY_EDITOR: editor_key(app, rc, wch, key); break;
    default: view_key(app, a); break;
    }
}

/* --- drawing ------------------------------------------------------------------------------- */

static void draw_message_line(struct app *app)
{
    switch (app->overlay) {
    case OVERLAY_SEARCH: {
        const char *label = app->q.search && !queue_row_matches(queue_current(&app->q), app->q.search)
                          ? _("/ (no match) ") : "/";
        ui_draw_prompt(label, &app->search);
        break;
    }
    case OVERLAY_CONFIRM:
    case OVERLAY_FILTER:
        ui_draw_message(app->question, 0);
        break;
    default:
        ui_draw_message(app->message[0] ? app->message : NULL, app->message_error);
        break;
    }
}

static void draw_editor(struct app *app)
{
    char hint[256];
    snprintf(hint, sizeof hint, app->ed.single_line ? _("Enter next  Esc cancel")
                                                     : _("C-d save  Enter new line  Esc cancel"));
    struct ui_editor_view v = {
        .title = app->ed_title,
        .choices_title = app->ed_purpose == EDITOR_REASON
                       ? _("Common reasons (type the number to use one):")
                       : _("Required materials (numbers or names, comma separated):"),
        .choices = (const char *const *)app->choices,
        .nchoices = app->nchoices,
        .ed = &app->ed,
        .hint = hint,
        .notice = app->ed_notice[0] ? app->ed_notice : NULL,
    };
    ui_draw_editor(&v);
}

static void draw(struct app *app)
{
    unsigned d = app->dirty;
    struct ui_clock clk = {server_now(app), &app->cal, app->minutes_per_day};

    if (!d)
        return;
    app->dirty = 0;
    if (ui_too_small()) {
        ui_draw_too_small();
        ui_flush();
        return;
    }
    if (d & DIRTY_HEADER) {
        struct ui_header h = {
            .view = app->view == VIEW_QUEUE ? _("Queue") : _("Item"),
            .filter = queue_filter_label(app->q.filter),
            .search = app->q.search, .ntags = app->q.ntags,
            .more_before = app->view == VIEW_QUEUE && app->q.more_before,
            .more_after = app->view == VIEW_QUEUE && app->q.more_after,
        };
        ui_draw_header(&h);
    }
    if (app->view == VIEW_QUEUE) {
        if (d & DIRTY_LIST)
            ui_draw_queue(&app->q, &clk);
        else if (d & DIRTY_TIMERS)
            ui_draw_queue_timers(&app->q, &clk);
    } else if (d & (DIRTY_LIST | DIRTY_TIMERS)) {
        app->detail_lines = ui_draw_detail(&app->detail, &clk);
    }
    if (d & DIRTY_STATUS) {
        struct ui_status st = {
            .who = app->who, .conn = app->conn,
            .data_age = app->data_at_ms ? (mono_ms() - app->data_at_ms) / 1000 : -1,
            .busy = db_pending(app->db) > 0, .spinner = app->spinner, .frozen = app->frozen,
        };
        ui_draw_status(&st);
    }
    if (d & DIRTY_MESSAGE)
        draw_message_line(app);
    if (d & DIRTY_HINTS)
        ui_draw_hints(app->km, app->overlay == OVERLAY_HELP ? UI_HINTS_HELP
                             : app->view == VIEW_DETAIL ? UI_HINTS_DETAIL : UI_HINTS_QUEUE);
    if (app->overlay == OVERLAY_HELP && (d & DIRTY_OVERLAY))
        app->help_lines = ui_draw_help(app->km, app->help_scroll);
    if (app->overlay == OVERLAY_EDITOR && (d & DIRTY_OVERLAY))
        draw_editor(app);
    ui_flush();
    app_log(app, "frame 0x%02x", d);
}

/* --- signals ---------------------------------------------------------------------------- */

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    if (write(signal_pipe[1], &b, 1) < 0) {
        /* A full pipe already holds a wake-up. */
    }
    errno = saved;
}

static const int fatal_signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
static struct sigaction fatal_old[sizeof fatal_signals / sizeof fatal_signals[0]];

/* The terminal first, then whatever handled the signal before (the default
 * action, or a sanitizer's report). */
static void on_fatal(int sig)
{
    app_restore_terminal();
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
        if (fatal_signals[i] == sig)
            sigaction(sig, &fatal_old[i], NULL);
    raise(sig);
}

static int signals_install(void)
{
    struct sigaction sa;

    if (pipe(signal_pipe) < 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(signal_pipe[i], F_SETFL, fcntl(signal_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    int caught[] = {SIGWINCH, SIGHUP, SIGTERM, SIGINT};
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
        sigaction(caught[i], &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_NODEFER;
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
        sigaction(fatal_signals[i], &sa, &fatal_old[i]);
    return 0;
}

static void signals_remove(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(SIGWINCH, &sa, NULL);
    for (int i = 0; i < 2; i++) {
        if (signal_pipe[i] >= 0)
            close(signal_pipe[i]);
        signal_pipe[i] = -1;
    }
}

static void relayout(struct app *app)
{
    ui_relayout();
    if (app->overlay == OVERLAY_HELP || app->overlay == OVERLAY_EDITOR)
        app->dirty |= DIRTY_OVERLAY;
    app->dirty |= DIRTY_ALL;
    app_log(app, "resize %dx%d", COLS, LINES);
    int rows = ui_list_rows();
    if (rows != app->q.page_size) {
        app->q.page_size = rows;
        if (online(app))
            page_again(app);
    }
}

/* SIGWINCH: curses learns the size from the terminal (resize_term, unlike
 * resizeterm, queues no KEY_RESIZE that would bring us here again). */
static void resize(struct app *app)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resize_term(ws.ws_row, ws.ws_col);
    relayout(app);
}

static void read_signals(struct app *app)
{
    unsigned char sigs[32];
    ssize_t n;

    while ((n = read(signal_pipe[0], sigs, sizeof sigs)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            app_log(app, "signal %d", sigs[i]);
            if (sigs[i] == SIGWINCH)
                resize(app);
            else
                app->quit = 1;
        }
    }
}

/* --- the loop ------------------------------------------------------------------------------- */

static int next_timeout(struct app *app, long long now)
{
    long long next = app->next_tick_ms;
    if (app->next_refresh_ms < next)
        next = app->next_refresh_ms;
    if (app->next_sweep_ms < next)
        next = app->next_sweep_ms;
    if (db_pending(app->db) > 0 && app->next_spin_ms < next)
        next = app->next_spin_ms;
    long long ms = next - now;
    int db_ms = db_timeout_ms(app->db);
    if (db_ms >= 0 && db_ms < ms)
        ms = db_ms;
    return ms < 0 ? 0 : ms > 60000 ? 60000 : (int)ms;
}

static void connecting_watch(struct app *app, long long now)
{
    enum db_state st = db_state(app->db);
    if (st != DB_CONNECTING && st != DB_PREPARING) {
        app->connecting_since_ms = 0;
        return;
    }
    if (!app->connecting_since_ms)
        app->connecting_since_ms = now;
    else if (now - app->connecting_since_ms > CONNECT_LIMIT_MS) {
        app_log(app, "connection attempt too slow; dropping it");
        app->connecting_since_ms = 0;
        db_drop(app->db);
    }
}

static void run_timers(struct app *app)
{
    long long now = mono_ms();

    if (now >= app->next_tick_ms) {
        app->next_tick_ms = now + TICK_MS - (now % TICK_MS);
        app->dirty |= DIRTY_TIMERS | DIRTY_STATUS;
        connecting_watch(app, now);
        if (app->conn == UI_CONNECTING && db_state(app->db) == DB_OFFLINE)
            app->conn = UI_OFFLINE;
    }
    if (now >= app->next_refresh_ms) {
        app->next_refresh_ms = now + app->cfg->refresh_seconds * 1000LL;
        changes_check(app);
    }
    if (now >= app->next_sweep_ms) {
        app->next_sweep_ms = now + app->cfg->sweep_seconds * 1000LL;
        sweep_run(app);
    }
    if (db_pending(app->db) > 0 && now >= app->next_spin_ms) {
        app->next_spin_ms = now + SPINNER_MS;
        app->spinner++;
        app->dirty |= DIRTY_STATUS;
    } else if (db_pending(app->db) == 0 && app->next_spin_ms) {
        app->next_spin_ms = 0;
        app->dirty |= DIRTY_STATUS;
    }
}

static void read_keys(struct app *app)
{
    wint_t wch;
    int rc;
    while (!app->quit && (rc = wget_wch(stdscr, &wch)) != ERR)
        handle_key(app, rc, wch);
}

static void loop_once(struct app *app)
{
    struct pollfd fds[3] = {
        {.fd = STDIN_FILENO, .events = POLLIN},
        {.fd = signal_pipe[0], .events = POLLIN},
        {.fd = db_fd(app->db), .events = db_events(app->db)},
    };
    int nfds = fds[2].fd >= 0 ? 3 : 2;
    int timeout = next_timeout(app, mono_ms());

    if (poll(fds, (nfds_t)nfds, timeout) < 0 && errno != EINTR) {
        app->quit = 1;
        return;
    }
    if (fds[1].revents & POLLIN)
        read_signals(app);
    if (nfds == 3 && fds[2].revents)
        db_handle_io(app->db, fds[2].revents);
    else if (db_state(app->db) == DB_OFFLINE)
        db_handle_io(app->db, 0);
    if (fds[0].revents & POLLIN)
        read_keys(app);
    else if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
        app->quit = 1;     /* the terminal went away (SSH dropped) */
    run_timers(app);
    draw(app);
}

static int app_init(struct app *app, const struct config *cfg, const struct keymap *km, FILE *log)
{
    memset(app, 0, sizeof *app);
    app->cfg = cfg;
    app->km = km;
    app->log = log;
    app->t0_ms = mono_ms();
    app->conn = UI_CONNECTING;
    sla_calendar_init(&app->cal);
    editor_init(&app->ed, 0);
    editor_init(&app->search, 1);
    app->db = db_new(cfg->conninfo);
    if (!app->db)
        return -1;
    db_set_handlers(app->db, on_notify, on_db_state, app);
    return 0;
}

static void app_done(struct app *app)
{
    /* The database goes first: its pending callbacks still use the state. */
    db_free(app->db);
    app->db = NULL;
    actions_forget(app);
    queue_free(&app->q);
    ui_detail_clear(&app->detail);
    sla_calendar_free(&app->cal);
    editor_free(&app->ed);
    editor_free(&app->search);
    editor_drafts_free(&app->drafts);
    choices_clear(app);
    target_free(&app->ed_target);
    target_free(&app->confirm_target);
    free(app->materials_literal);
    free(app->search_before);
    free(app->who);
    free(app->login);
}

void app_restore_terminal(void)
{
    ui_close();
}

int app_run(const struct config *cfg, const struct keymap *km, FILE *log)
{
    static struct app app;

    if (app_init(&app, cfg, km, log) < 0) {
        fprintf(stderr, "casedesk: %s\n", _("out of memory"));
        return 1;
    }
    if (signals_install() < 0) {
        perror("casedesk: pipe");
        app_done(&app);
        return 1;
    }
    ui_set_columns(cfg->columns, cfg->ncolumns);
    ui_open(cfg->color);
    queue_init(&app.q, ui_list_rows());
    app.dirty = DIRTY_ALL;
    app_log(&app, "start %dx%d", COLS, LINES);
    db_connect_start(app.db);
    long long now = mono_ms();
    app.next_tick_ms = now;
    app.next_refresh_ms = now + cfg->refresh_seconds * 1000LL;
    app.next_sweep_ms = now + cfg->sweep_seconds * 1000LL;
    while (!app.quit)
        loop_once(&app);
    app_log(&app, "quit");
    ui_close();
    app_done(&app);
    signals_remove();
    return 0;
}
