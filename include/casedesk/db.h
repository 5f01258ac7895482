/* casedesk — the database connection: libpq, non-blocking, for a poll() loop.
 *
 * One struct db wraps one libpq connection. Requests are queued and sent one
 * at a time with PQsendQueryPrepared; their results come back through the
 * callback given with the request, from db_handle_io(). Nothing here blocks
 * except the functions whose names end in _sync, which exist for tests and
 * for one-shot commands (casedesk --sweep), never for the console's loop.
 *
 * Every statement casedesk sends is in the table of prepared statements in
 * db.c (enum db_stmt); no SQL text is ever built from user data.
 */
#ifndef CASEDESK_DB_H
#define CASEDESK_DB_H

#include <stddef.h>
#include <stdint.h>
#include <libpq-fe.h>

/* The prepared statements. Parameters are text, in the order the SQL in
 * db.c numbers them; see each statement there. */
#define DB_STATEMENTS(X)            \
    X(DB_WHOAMI)                    \
    X(DB_CLAIM)                     \
    X(DB_RELEASE)                   \
    X(DB_APPROVE)                   \
    X(DB_REJECT)                    \
    X(DB_SUPPLEMENT)                \
    X(DB_SUSPEND)                   \
    X(DB_RESUME)                    \
    X(DB_REASSIGN)                  \
    X(DB_ANNOTATE)                  \
    X(DB_ESCALATE)                  \
    X(DB_ACKNOWLEDGE)               \
    X(DB_RESOLVE)                   \
    X(DB_HAND_ON)                   \
    X(DB_QUEUE_PAGE)                \
    X(DB_QUEUE_PAGE_BACK)           \
    X(DB_QUEUE_BY_AGE)              \
    X(DB_QUEUE_BY_AGE_BACK)         \
    X(DB_QUEUE_BY_CASE)             \
    X(DB_QUEUE_BY_CASE_BACK)        \
    X(DB_QUEUE_ROW)                 \
    X(DB_QUEUE_ROW_BY_AGE)          \
    X(DB_QUEUE_ROW_BY_CASE)         \
    X(DB_QUEUE_ITEMS)               \
    X(DB_CHANGES)                   \
    X(DB_CASE_ITEMS)                \
    X(DB_ITEM_TEXTS)                \
    X(DB_ITEM_HISTORY)              \
    X(DB_BUSINESS_TIME)             \
    X(DB_SWEEP)                     \
    X(DB_SWEEP_CHECK)                     \
    X(DB_ESC_OPEN)                  \
    X(DB_ESC_RAISED)                \
    X(DB_ESCALATE_CASE)             \
    X(DB_DEPARTMENTS)               \
    X(DB_DEPT_STAFF)                \
    X(DB_SUP_FIGURES)               \
    X(DB_MATTER_FIGURES)            \
    X(DB_HISTORY)                   \
    X(DB_CALENDAR_LEFT)             \
    X(DB_FIGURE_ITEMS)              \
    X(DB_CLAIMED_BY)                \
    X(DB_CASE_NO)                   \
    X(DB_INTAKE_MATTERS)            \
    X(DB_INTAKE_CHECKLIST)          \
    X(DB_APPLICANT_NAME)            \
    X(DB_FILE_CASE)                 \
    X(DB_FILED_CASE)                \
    X(DB_FIND_CASES)                \
    X(DB_CASE_FIRST_ITEM)

enum db_stmt {
#define DB_ENUM_(id) id,
    DB_STATEMENTS(DB_ENUM_)
#undef DB_ENUM_
    DB_STMT_COUNT
};

enum db_state {
    DB_OFFLINE,      /* no connection; a reconnect is due at db_retry_at() */
    DB_CONNECTING,   /* PQconnectPoll in progress */
    DB_PREPARING,    /* connected: the session being set up, LISTEN sent */
    DB_READY,        /* usable */
    DB_RESTING       /* closed while idle (db_rest); the next request opens it again */
};

/* The outcome of one request, handed to its callback. The PGresult belongs
 * to the db module and is cleared after the callback returns. */
struct db_result {
    int ok;                    /* 1 if the statement succeeded */
    const PGresult *res;       /* rows when ok; may be NULL when offline */
    const char *sqlstate;      /* "CD001", "42501", ... or "" */
    const char *message;       /* the server's words, or why nothing was sent */
    enum db_stmt stmt;
};

typedef void (*db_result_fn)(void *ctx, const struct db_result *r);
/* A NOTIFY on channel 'casedesk': payload "SEQ KIND ID". */
typedef void (*db_notify_fn)(void *ctx, const char *payload);
/* The connection came up (ready) or went away (offline). */
typedef void (*db_state_fn)(void *ctx, enum db_state st);

struct db;

/* conninfo: a libpq conninfo string or URI, or NULL for the PG* environment.
 * casedesk adds fallback_application_name and TCP keepalives. Caller frees
 * with db_free(). */
struct db *db_new(const char *conninfo);
void db_free(struct db *db);

void db_set_handlers(struct db *db, db_notify_fn on_notify, db_state_fn on_state, void *ctx);

/* Starts a non-blocking connection attempt (also used to reconnect). */
void db_connect_start(struct db *db);
/* Connects, prepares and listens, blocking. 0 or -1 with db_error(). */
int db_connect_sync(struct db *db);

enum db_state db_state(const struct db *db);
const char *db_error(const struct db *db);   /* last connection error, or "" */

/* For poll(): the socket (-1 when offline) and the events wanted. */
int db_fd(const struct db *db);
short db_events(const struct db *db);
/* Call when poll() says the socket is ready, and once per loop turn when
 * offline (it starts the next attempt when the back-off has passed). */
void db_handle_io(struct db *db, short revents);
/* Milliseconds until db_handle_io() should be called even without I/O
 * (reconnect back-off), or -1 for none. */
int db_timeout_ms(const struct db *db);

/* Queues a prepared statement. The params are copied. The callback runs
 * exactly once: with the result, or with ok = 0 when the connection is
 * lost first or is not up ("not connected"). Returns 0, or -1 if the request
 * could not be queued (out of memory; the callback is not called). */
int db_send(struct db *db, enum db_stmt stmt, int nparams, const char *const *params,
            db_result_fn fn, void *ctx);
/* Whether the connection LISTENs for notifications (the default), or a
 * relay hears them for the console (see relaylink.h). Changed on an open
 * connection, the LISTEN or UNLISTEN is queued behind what is waiting. */
void db_set_listen(struct db *db, int on);
int db_listens(const struct db *db);
/* The application_name the server shows unless the conninfo sets one
 * ("casedesk"); name is not copied. Takes effect on the next connection. */
void db_set_app_name(struct db *db, const char *name);
/* Closes an idle connection that does not LISTEN (a relay listens for the
 * console), so that its backend's memory goes back to the server; the next
 * db_send() or db_set_listen(db, 1) opens it again. Neither the closing nor
 * the reopening is reported to the state handler: for the console it stays
 * connected (db_online()). Returns 1 if closed, 0 when it is not idle (a
 * request queued, LISTEN, not ready). */
int db_rest(struct db *db);
/* Whether requests can be sent: ready, resting, or being reopened after a
 * rest. */
int db_online(const struct db *db);
/* Milliseconds since the connection last sent or received a request; -1
 * while one is queued or it is not ready. */
long long db_idle_ms(const struct db *db);
/* Requests queued or in flight. */
size_t db_pending(const struct db *db);
/* How long the request in flight has waited for its answer, in ms; -1 when
 * none is in flight. */
long long db_waiting_ms(const struct db *db);

/* Blocking: runs one prepared statement and returns its result (caller
 * PQclear()s it), or NULL when offline. For tests and one-shot commands. */
PGresult *db_exec_sync(struct db *db, enum db_stmt stmt, int nparams, const char *const *params);
/* Blocking: waits up to timeout_ms for notifications and hands them to the
 * notify handler. Returns how many arrived. */
int db_wait_notify_sync(struct db *db, int timeout_ms);

/* The server's NOTICEs and WARNINGs never reach the terminal: the newest
 * DB_NOTICES_KEPT wait here as "SEVERITY: message" (raw: the server's
 * bytes, to be sanitised before they are shown). Copies the oldest into out
 * and returns 1, or 0 when none waits. */
#define DB_NOTICES_KEPT 8
#define DB_NOTICE_MAX 512
int db_take_notice(struct db *db, char *out, size_t n);

/* Breaks the connection as a network fault would (tests). */
void db_drop(struct db *db);

/* A random (version 4) UUID for a user's action, 36 characters + NUL. */
int db_new_request_id(char out[37]);

/* The statement's name, for logs, and its SQL (to check its plans). */
const char *db_stmt_name(enum db_stmt stmt);
const char *db_stmt_sql(enum db_stmt stmt);

#endif
