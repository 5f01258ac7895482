/* casedesk — keeping the screen current while others work on the queue.
 *
 * The database notifies every change (NOTIFY with the change's sequence
 * number and kind); the console then asks which changes it has not seen
 * and, if there are any, wants fetched again what shows them (app->want
 * |= CHANGED_*; the views say what that is). A notification
 * about escalations fetches the list at once. A periodic check (the timer
 * in app.c) catches notifications lost with a connection. When the
 * connection comes back, who the user is, the business calendar and the
 * screen are fetched again and unsure actions are resent (WANT_*: live
 * calls no other console module; the loop does what it wants).
 *
 * Paused ("frozen") by the user, nothing is refetched by itself; the changes
 * seen meanwhile are refetched when updates resume.
 */
#ifndef CASEDESK_LIVE_H
#define CASEDESK_LIVE_H

#include "casedesk/db.h"

struct app;

/* Asks whether there are changes not seen yet; at most one question is on
 * its way, another follows it if asked for meanwhile. */
void live_check(struct app *app);
/* Raises the escalations that are due (the database decides which). */
int live_sweep(struct app *app);
/* Seconds to the next live_sweep(): the sweep's period while this console
 * sweeps for the centre, the fallback check's otherwise (if longer). */
int live_sweep_seconds(const struct app *app);

/* The host's relay (relaylink.h): live_relay_keep() gives up a relay
 * gone quiet and tries its socket, when configured and due; live_relay_io()
 * reads what it sent. While it has said hello the console's connection
 * does not LISTEN; when it goes, the connection LISTENs again and checks
 * what it missed. */
void live_relay_keep(struct app *app, long long now_ms);
void live_relay_io(struct app *app);
/* Tells the relay what the screen watches (the user's departments, the
 * case and item open) when that has changed. Called before anything the
 * screen shows is read, so that the relay passes on every later change to
 * it. */
void live_relay_scope(struct app *app);
/* Whether the periodic sweep and check are left to the relay. */
int live_relay_sweeps(const struct app *app, long long now_ms);
int live_relay_listens(const struct app *app);
/* A reviewer's console whose connection and user have been idle for the
 * configured close_idle_seconds while the relay listens closes the
 * connection (db_rest()) and rests: what it hears waits, and
 * live_resume(), on the user's next key, asks what changed. Called each
 * second. */
void live_rest(struct app *app);
void live_resume(struct app *app);

/* The handlers db_set_handlers() wants, ctx being the app. */
void live_on_notify(void *ctx, const char *payload);
void live_on_state(void *ctx, enum db_state st);

#endif
