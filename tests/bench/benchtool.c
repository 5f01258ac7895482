/* tests/bench/benchtool — the small clock-keeping parts of tests/bench/run.
 *
 * Every time it prints is CLOCK_MONOTONIC in seconds, the clock the console's
 * --log uses (loop_now_ms), so its figures and the console's can be subtracted.
 * The console logs times relative to its own start, which its start line gives
 * on this clock; "stamp" lets that be checked from outside (see
 * tests/bench/analyse).
 *
 *   benchtool now                        the clock
 *   benchtool exec FILE CMD [ARG...]     writes "CLOCK PID" to FILE, then becomes CMD
 *   benchtool time FILE CMD [ARG...]     runs CMD; writes "START END MAXRSS_KB" to FILE
 *   benchtool stamp                      copies stdin lines to stdout, each prefixed
 *                                        with the clock at which it was read
 *   benchtool stampbytes                 for each read() of stdin: "CLOCK BYTES"
 *   benchtool pagesql                    the console's own queue_page statement
 *   benchtool approve ROUNDS GAP_MS      the propagation load client (below)
 *   benchtool decide RATE SECONDS        decisions spread over every department (below)
 *   benchtool repeat N SQL               runs SQL N times; prints each run's ms
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "casedesk/db.h"

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

static int cmd_exec(char **argv)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.6f %ld\n", mono(), (long)getpid());
    if (write_file(argv[0], buf) < 0)
        return 1;
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    return 127;
}

static int cmd_time(char **argv)
{
    char buf[96];
    struct rusage ru;
    int status;
    double start = mono();
    pid_t pid = fork();

    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 1;
    }
    snprintf(buf, sizeof buf, "%.6f %.6f %ld\n", start, mono(), ru.ru_maxrss);
    if (write_file(argv[0], buf) < 0)
        return 1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* Unbuffered reads, so that a line is stamped when the writer flushed it,
 * not when a stdio buffer happened to fill. */
static int cmd_stamp(int lines)
{
    char buf[65536], line[8192];
    size_t len = 0;
    ssize_t n;

    while ((n = read(0, buf, sizeof buf)) > 0) {
        double t = mono();
        if (!lines) {
            printf("%.6f %zd\n", t, n);
            fflush(stdout);
            continue;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n' || len == sizeof line - 1) {
                printf("%.6f %.*s\n", t, (int)len, line);
                len = 0;
            } else {
                line[len++] = buf[i];
            }
        }
        fflush(stdout);
    }
    return 0;
}

static PGconn *connect_env(void)
{
    PGconn *c = PQconnectdb("");
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "benchtool: %s", PQerrorMessage(c));
        exit(1);
    }
    return c;
}

static PGresult *must(PGconn *c, PGresult *r, const char *what)
{
    if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
        fprintf(stderr, "benchtool: %s: %s", what, PQerrorMessage(c));
        exit(1);
    }
    return r;
}

/* Each round claims the first pending item of the queue every console shows
 * (so that its change is on their first page), waits, approves it and prints
 * "CLOCK ITEM CHANGE_SEQ" the moment the approval's commit has returned: an
 * autocommitted statement's result arrives after its commit, so CLOCK is no
 * earlier than the commit (later by one trip over the local socket). */
static int cmd_approve(char **argv)
{
    int rounds = atoi(argv[0]), gap = atoi(argv[1]);
    PGconn *c = connect_env();

    for (int i = 0; i < rounds; i++) {
        PGresult *r = must(c, PQexec(c,
            "SELECT id, version FROM casedesk.queue_row"
            " WHERE status = 'pending' ORDER BY due_at, id LIMIT 1"), "pick");
        char id[32], ver[16], next[16], seq[32];
        if (PQntuples(r) != 1) {
            fprintf(stderr, "benchtool: no pending item left\n");
            return 1;
        }
        snprintf(id, sizeof id, "%s", PQgetvalue(r, 0, 0));
        snprintf(ver, sizeof ver, "%s", PQgetvalue(r, 0, 1));
        snprintf(next, sizeof next, "%d", atoi(ver) + 1);
        PQclear(r);
        const char *p1[2] = {id, ver};
        PQclear(must(c, PQexecParams(c, "SELECT 1 FROM casedesk.claim($1, $2, gen_random_uuid())",
                                     2, NULL, p1, NULL, NULL, 0), "claim"));
        sleep_ms(gap);
        const char *p2[2] = {id, next};
        r = must(c, PQexecParams(c, "SELECT change_seq FROM casedesk.approve($1, $2, gen_random_uuid())",
                                 2, NULL, p2, NULL, NULL, 0), "approve");
        double t = mono();
        snprintf(seq, sizeof seq, "%s", PQgetvalue(r, 0, 0));
        PQclear(r);
        printf("%.6f %s %s\n", t, id, seq);
        fflush(stdout);
        sleep_ms(gap);
    }
    PQfinish(c);
    return 0;
}

/* RATE decisions a second for SECONDS, of the items on stdin ("ID VERSION
 * DEPT" lines, pending, in the order to decide them: tests/bench/consoles-
 * measure takes the departments in turn, earliest due first). Each claims
 * and approves its item and prints "CLOCK ITEM CHANGE_SEQ DEPT" once the
 * approval's commit has returned. CLOCK is the server's clock as the
 * approval ended, on this machine's monotonic clock: on a machine loaded
 * past its cores this client may get the processor back long after the
 * consoles drew the change, and its own reading would put the commit after
 * the frames it caused. The server is on this machine (same clock); the
 * commit follows within the same statement. The wall clock is set against
 * the monotonic one again for each decision: a virtual machine's wall
 * clock may be slewed by a few milliseconds a second, and an offset taken
 * once would drift a minute's window by hundreds of milliseconds. Decision i starts i /
 * RATE seconds after the first whatever the ones before it cost, so a slow
 * server shows as late decisions (counted on stderr), not as a lower rate;
 * at twice SECONDS it stops, however many are left (a server that far
 * behind has failed the measurement). */
static double wall_minus_mono(void)
{
    struct timespec wall;

    clock_gettime(CLOCK_REALTIME, &wall);
    return wall.tv_sec + wall.tv_nsec / 1e9 - mono();
}

static int cmd_decide(char **argv)
{
    double rate = atof(argv[0]);
    int total = (int)(rate * atof(argv[1])), late = 0, i = 0;
    long long id, dept;
    int ver;

    if (rate <= 0 || total <= 0) {
        fprintf(stderr, "benchtool: decide RATE SECONDS, both above 0\n");
        return 2;
    }
    PGconn *c = connect_env();
    double start = mono(), stop = start + 2 * atof(argv[1]);
    for (; i < total && mono() < stop && scanf("%lld %d %lld", &id, &ver, &dept) == 3; i++) {
        double wait = start + i / rate - mono();
        if (wait > 0)
            sleep_ms((int)(wait * 1000));
        else if (wait < -0.5 / rate)
            late++;
        char sid[32], sver[16], snext[16], seq[32];
        snprintf(sid, sizeof sid, "%lld", id);
        snprintf(sver, sizeof sver, "%d", ver);
        snprintf(snext, sizeof snext, "%d", ver + 1);
        const char *p1[2] = {sid, sver}, *p2[2] = {sid, snext};
        PQclear(must(c, PQexecParams(c, "SELECT 1 FROM casedesk.claim($1, $2, gen_random_uuid())",
                                     2, NULL, p1, NULL, NULL, 0), "claim"));
        PGresult *r = must(c, PQexecParams(c,
            "SELECT change_seq, extract(epoch FROM clock_timestamp())"
            " FROM casedesk.approve($1, $2, gen_random_uuid())",
            2, NULL, p2, NULL, NULL, 0), "approve");
        double t = atof(PQgetvalue(r, 0, 1)) - wall_minus_mono();
        snprintf(seq, sizeof seq, "%s", PQgetvalue(r, 0, 0));
        PQclear(r);
        printf("%.6f %s %s %lld\n", t, sid, seq, dept);
        fflush(stdout);
    }
    PQfinish(c);
    if (late)
        fprintf(stderr, "benchtool: %d of %d decisions started late\n", late, i);
    if (i < total) {
        fprintf(stderr, "benchtool: %d decisions of %d made\n", i, total);
        return 1;
    }
    return 0;
}

/* The time from sending the query to holding its whole result. */
static int cmd_repeat(char **argv)
{
    int n = atoi(argv[0]);
    PGconn *c = connect_env();

    for (int i = 0; i < n; i++) {
        double t = mono();
        PQclear(must(c, PQexec(c, argv[1]), "repeat"));
        printf("%.3f\n", (mono() - t) * 1000);
    }
    PQfinish(c);
    return 0;
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";

    if (strcmp(cmd, "now") == 0) {
        printf("%.6f\n", mono());
        return 0;
    }
    if (strcmp(cmd, "exec") == 0 && argc >= 4)
        return cmd_exec(argv + 2);
    if (strcmp(cmd, "time") == 0 && argc >= 4)
        return cmd_time(argv + 2);
    if (strcmp(cmd, "stamp") == 0)
        return cmd_stamp(1);
    if (strcmp(cmd, "stampbytes") == 0)
        return cmd_stamp(0);
    if (strcmp(cmd, "pagesql") == 0) {
        puts(db_stmt_sql(DB_QUEUE_PAGE));
        return 0;
    }
    if (strcmp(cmd, "approve") == 0 && argc == 4)
        return cmd_approve(argv + 2);
    if (strcmp(cmd, "decide") == 0 && argc == 4)
        return cmd_decide(argv + 2);
    if (strcmp(cmd, "repeat") == 0 && argc == 4)
        return cmd_repeat(argv + 2);
    fprintf(stderr, "usage: see the top of tests/bench/benchtool.c\n");
    return 2;
}
