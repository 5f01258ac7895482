/* casedesk — the console's shared services. */
#include "casedesk/svc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casedesk/loop.h"
#include "casedesk/refusal.h"
#include "casedesk/result.h"
#include "casedesk/text.h"

void svc_log(const struct app *app, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    loop_vlog(app->log, app->t0_ms, fmt, ap);
    va_end(ap);
}

/* The message history: the newest SAID_KEPT messages. */
static void keep_said(struct app *app, int error)
{
    struct said *s;

    if (app->said_n == SAID_KEPT) {
        app->said_first = (app->said_first + 1) % SAID_KEPT;
        app->said_n--;
    }
    s = &app->said[(app->said_first + app->said_n++) % SAID_KEPT];
    s->at = time(NULL);
    s->error = error;
    snprintf(s->text, sizeof s->text, "%s", app->message);
}

void svc_say(struct app *app, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_error = error;
    app->message_turn = app->turn;
    keep_said(app, error);
    app->dirty |= DIRTY_MESSAGE;
    /* The message may quote the server; the log is read in terminals too. */
    if (app->log) {
        char *clean = text_sanitize(app->message);
        svc_log(app, "message: %s", clean ? clean : "");
        free(clean);
    }
}

void svc_ask(struct app *app, enum overlay which, const char *question)
{
    snprintf(app->question, sizeof app->question, "%s", question);
    app->overlay = which;
    app->dirty |= DIRTY_MESSAGE;
}

void svc_ask_done(struct app *app)
{
    app->overlay = OVERLAY_NONE;
    app->dirty |= DIRTY_MESSAGE;
}

/* Without a database (the unit tests' console) it is offline. A
 * connection closed while idle counts as online: a request reopens it. */
int svc_online(const struct app *app)
{
    return app->db && db_online(app->db);
}

/* Offline, db_send() would answer at once, inside the call: the request is
 * not made instead, so that no callback ever runs nested in another
 * handler. */
int svc_send(struct app *app, enum db_stmt stmt, int n, const char *const *params,
             db_result_fn fn, void *ctx)
{
    if (!app->db || db_state(app->db) == DB_OFFLINE)
        return -1;
    svc_log(app, "send %s", db_stmt_name(stmt));
    app->dirty |= DIRTY_STATUS;
    return db_send(app->db, stmt, n, params, fn, ctx);
}

/* Counted before sending: offline, the callback runs inside db_send(). */
int svc_send_counted(struct app *app, struct inflight *f, enum db_stmt stmt, int n,
                     const char *const *params, db_result_fn fn, void *ctx)
{
    f->n++;
    if (svc_send(app, stmt, n, params, fn, ctx) == 0)
        return 0;
    f->n--;
    return -1;
}

int svc_arrived(struct inflight *f)
{
    if (f->n > 0)
        f->n--;
    return f->n == 0;
}

int svc_busy(struct inflight *f)
{
    if (f->n == 0)
        return 0;
    f->again = 1;
    return 1;
}

int svc_again(struct inflight *f)
{
    if (f->n > 0 || !f->again)
        return 0;
    f->again = 0;
    return 1;
}

void svc_forget(struct inflight *f)
{
    f->n = 0;
    f->again = 0;
}

void svc_log_result(const struct app *app, const struct db_result *r)
{
    if (r->ok)
        svc_log(app, "result %s: %d rows", db_stmt_name(r->stmt), r->res ? PQntuples(r->res) : 0);
    else
        svc_log(app, "result %s: %s %s", db_stmt_name(r->stmt), r->sqlstate, r->message);
}

int svc_failed(struct app *app, const struct db_result *r, const char *fmt)
{
    if (r->ok)
        return 0;
    if (!result_connection_lost(r)) {
        char why[MESSAGE_MAX];
        refusal_text(r->sqlstate, r->message, why, sizeof why);
        svc_say(app, 1, fmt, why);
    }
    return 1;
}

void svc_note_fresh(struct app *app, const PGresult *res, int now_col)
{
    const char *now = result_text(res, 0, now_col);
    if (now)
        app->skew = (int64_t)strtod(now, NULL) - (int64_t)time(NULL);
    app->data_at_ms = loop_now_ms();
    app->dirty |= DIRTY_STATUS;
}

int svc_job_is(const struct app *app, const char *job)
{
    return app->job && strcmp(app->job, job) == 0;
}
