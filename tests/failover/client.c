/* tests/failover/client — one reviewer deciding items while the database
 * fails over underneath (see tests/failover/run).
 *
 *   client CONNINFO SLOT SLOTS SECONDS LOG
 *
 * Decides the pending items whose id is SLOT modulo SLOTS, as the console
 * does: claim, then approve, each with a request id of its own. When the
 * connection breaks, or lands on a server that is not (or no longer) the
 * primary, the client connects again with CONNINFO (a multi-host conninfo
 * with target_session_attrs=read-write finds the new primary) and sends the
 * same statement with the same request id until it learns the outcome: the
 * action functions return the stored outcome of a request id they have
 * already carried out, so a resend never acts twice.
 *
 * Every decision the client saw committed goes to LOG as
 *   "decided ITEM REQUEST PORT MS"
 * (PORT: the server's, MS: wall clock in milliseconds when the answer came),
 * every reconnection as "connected PORT MS", every request sent again as
 * "resend ACTION ITEM REQUEST". It stops after SECONDS, on
 * SIGTERM, or when it finds nothing left to decide; a request whose outcome
 * it has not learned by then is logged as "unknown ITEM REQUEST". Exit 0
 * unless something other than a lost connection went wrong.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "casedesk/db.h"

static volatile sig_atomic_t stopping;
static const char *conninfo;
static PGconn *conn;
static FILE *out;
static long long deadline_ms;
static char port[16];

static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
}

static long long wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int out_of_time(void)
{
    return stopping || wall_ms() >= deadline_ms;
}

/* Connects until a primary answers or time is up; 0 when connected. */
static int reconnect(void)
{
    int delay = 100;
    for (;;) {
        if (conn)
            PQfinish(conn);
        conn = PQconnectdb(conninfo);
        if (PQstatus(conn) == CONNECTION_OK) {
            PGresult *r = PQexec(conn, "SELECT inet_server_port()");
            int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
            if (ok)
                snprintf(port, sizeof port, "%s", PQgetvalue(r, 0, 0));
            PQclear(r);
            if (ok) {
                fprintf(out, "connected %s %lld\n", port, wall_ms());
                fflush(out);
                return 0;
            }
        }
        if (out_of_time())
            return -1;
        sleep_ms(delay);
        delay = delay * 2 > 1000 ? 1000 : delay * 2;
    }
}

/* The error means the outcome is unknown and the request must go again on
 * a new connection: the connection broke, the server is shutting down or
 * starting, or it is a standby now. */
static int must_resend(const PGresult *r)
{
    if (PQstatus(conn) != CONNECTION_OK)
        return 1;
    const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (!st)
        return 1;
    return strncmp(st, "08", 2) == 0 || strncmp(st, "57P", 3) == 0 ||
           strcmp(st, "25006") == 0 || strcmp(st, "40001") == 0 || strcmp(st, "40P01") == 0;
}

/* Runs sql with params until its outcome is known. Returns the result
 * (tuples or an error of the request itself), or NULL when time ran out
 * with the outcome still unknown. An action (what names it) that goes
 * again is logged as "resend WHAT ITEM REQUEST". */
static PGresult *exec_known(const char *what, const char *sql, int n, const char *const *params)
{
    for (int tries = 0;; tries++) {
        if ((!conn || PQstatus(conn) != CONNECTION_OK) && reconnect() < 0)
            return NULL;
        if (tries && what) {
            fprintf(out, "resend %s %s %s\n", what, params[0], params[n - 1]);
            fflush(out);
        }
        PGresult *r = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
        if (PQresultStatus(r) == PGRES_TUPLES_OK || !must_resend(r))
            return r;
        PQclear(r);
        if (PQstatus(conn) == CONNECTION_OK) {
            /* A standby, or a server on its way down: find the primary. */
            PQfinish(conn);
            conn = NULL;
        }
        if (out_of_time())
            return NULL;
    }
}

/* One item: claim, then approve. 1 decided, 0 skipped (someone else's
 * change or a rule), -1 outcome unknown at the end, -2 a real failure. */
static int decide(const char *item, const char *version)
{
    char req[37], ver[16];
    if (db_new_request_id(req) < 0)
        return -2;
    const char *claim[] = {item, version, req};
    PGresult *r = exec_known("claim", "SELECT version FROM casedesk.claim($1::bigint, $2::int, $3::uuid)",
                             3, claim);
    if (!r) {
        fprintf(out, "unknown %s %s\n", item, req);
        return -1;
    }
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        int rule = st && strncmp(st, "CD", 2) == 0;
        if (!rule)
            fprintf(stderr, "claim %s: %s", item, PQresultErrorMessage(r));
        PQclear(r);
        return rule ? 0 : -2;
    }
    snprintf(ver, sizeof ver, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);

    if (db_new_request_id(req) < 0)
        return -2;
    const char *approve[] = {item, ver, req};
    r = exec_known("approve", "SELECT status FROM casedesk.approve($1::bigint, $2::int, $3::uuid)", 3, approve);
    if (!r) {
        fprintf(out, "unknown %s %s\n", item, req);
        return -1;
    }
    if (PQresultStatus(r) != PGRES_TUPLES_OK || strcmp(PQgetvalue(r, 0, 0), "approved") != 0) {
        fprintf(stderr, "approve %s: %s", item, PQresultErrorMessage(r));
        PQclear(r);
        return -2;
    }
    PQclear(r);
    fprintf(out, "decided %s %s %s %lld\n", item, req, port, wall_ms());
    fflush(out);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: client CONNINFO SLOT SLOTS SECONDS LOG\n");
        return 2;
    }
    conninfo = argv[1];
    const char *slot = argv[2], *slots = argv[3];
    deadline_ms = wall_ms() + atoll(argv[4]) * 1000;
    if (!(out = fopen(argv[5], "w"))) {
        perror(argv[5]);
        return 2;
    }
    struct sigaction sa = {.sa_handler = on_term};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    int failed = 0, decided = 0;
    char last[24] = "0";
    while (!out_of_time() && !failed) {
        const char *params[] = {slot, slots, last};
        PGresult *r = exec_known(
            NULL, "SELECT id, version FROM casedesk.case_item WHERE status = 'pending'"
            " AND id % $2::int = $1::int AND id > $3::bigint ORDER BY id LIMIT 20",
            3, params);
        if (!r)
            break;
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            fprintf(stderr, "items: %s", PQresultErrorMessage(r));
            PQclear(r);
            failed = 1;
            break;
        }
        int n = PQntuples(r);
        if (n == 0 && strcmp(last, "0") == 0) {
            PQclear(r);
            break; /* nothing left */
        }
        snprintf(last, sizeof last, "%s", n ? PQgetvalue(r, n - 1, 0) : "0");
        for (int i = 0; i < n && !out_of_time(); i++) {
            int d = decide(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
            if (d == -2)
                failed = 1;
            if (d < 0)
                break;
            decided += d;
        }
        PQclear(r);
    }
    fprintf(out, "done %d\n", decided);
    fclose(out);
    if (conn)
        PQfinish(conn);
    return failed;
}
