/* casedesk — the services every console module shares, and nothing else:
 * the debug log, the message line, sending a query, requests in flight,
 * the user's job. A leaf: it calls no other console module, so any of them
 * may use it without a circle.
 *
 * What a handler wants done beyond its own state it records in app->want
 * (WANT_*, app_state.h); the loop does it once per turn (app.c), never
 * inside a database callback.
 */
#ifndef CASEDESK_SVC_H
#define CASEDESK_SVC_H

#include <libpq-fe.h>

#include "casedesk/app_state.h"
#include "casedesk/db.h"

/* A line in the debug log, if there is one. */
__attribute__((format(printf, 2, 3)))
void svc_log(const struct app *app, const char *fmt, ...);
/* Puts a message in the message line (error: drawn as one) and the log. */
__attribute__((format(printf, 3, 4)))
void svc_say(struct app *app, int error, const char *fmt, ...);

/* Shows a question or a choice in the message line; the overlay which
 * takes the keys until svc_ask_done(). */
void svc_ask(struct app *app, enum overlay which, const char *question);
void svc_ask_done(struct app *app);

/* The database is up and may be asked. */
int svc_online(const struct app *app);
/* db_send(), logged; the status line shows the request as pending. -1,
 * and fn is never called, when the request is not made: offline, or out of
 * memory. */
int svc_send(struct app *app, enum db_stmt stmt, int n, const char *const *params,
             db_result_fn fn, void *ctx);
/* svc_send(), counting the request in f until its answer arrives
 * (svc_arrived). A request that could not be queued is not counted, as its
 * callback will never run. */
int svc_send_counted(struct app *app, struct inflight *f, enum db_stmt stmt, int n,
                     const char *const *params, db_result_fn fn, void *ctx);
/* An answer counted in f arrived: 1 when it answers the last request asked
 * (no newer one is on its way), so that only it is loaded. */
int svc_arrived(struct inflight *f);
/* One request at a time: 1 when f has one on its way, which is then asked
 * for once more after it (svc_again). */
int svc_busy(struct inflight *f);
/* 1 once, when f's last answer arrived and svc_busy() asked again meanwhile. */
int svc_again(struct inflight *f);
/* The connection broke: no answer counted in f will come. */
void svc_forget(struct inflight *f);

/* The outcome of a request, in the log. */
void svc_log_result(const struct app *app, const struct db_result *r);
/* 1 when r failed. The user is told with fmt (one %s: the server's words),
 * unless the connection broke, which the status line tells already. */
int svc_failed(struct app *app, const struct db_result *r, const char *fmt);
/* The data on screen is current: the server's clock (now_col of res's
 * first row) sets the skew, and the status line's age starts again. */
void svc_note_fresh(struct app *app, const PGresult *res, int now_col);

/* Whether the database said the user's job is job ("oncall", ...). */
int svc_job_is(const struct app *app, const char *job);

#endif
