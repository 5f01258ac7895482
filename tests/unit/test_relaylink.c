/* Unit tests for relaylink.c (the relay's protocol as a console reads it,
 * over a real socket pair) and relay_one_line() of relay.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "casedesk/relay.h"
#include "casedesk/relaylink.h"

static void parses_the_three_lines(void **state)
{
    struct relay_line ln;
    (void)state;

    ln = relaylink_parse("hello 1 10 1");
    assert_int_equal(ln.kind, RELAY_HELLO);
    assert_int_equal(ln.period, 10);
    assert_int_equal(ln.sweeping, 1);
    ln = relaylink_parse("hello 1 30 0");
    assert_int_equal(ln.kind, RELAY_HELLO);
    assert_int_equal(ln.period, 30);
    assert_int_equal(ln.sweeping, 0);
    ln = relaylink_parse("n 42 item 7 3 12");
    assert_int_equal(ln.kind, RELAY_NOTIFY);
    assert_string_equal(ln.payload, "42 item 7 3 12");
    ln = relaylink_parse("tick 1");
    assert_int_equal(ln.kind, RELAY_TICK);
    assert_int_equal(ln.sweeping, 1);
    ln = relaylink_parse("tick 0");
    assert_int_equal(ln.kind, RELAY_TICK);
    assert_int_equal(ln.sweeping, 0);
}

static void refuses_what_is_not_the_protocol(void **state)
{
    (void)state;
    const char *junk[] = {"", "n ", "n", "tick", "tick ", "tick 2", "tick 10", "ticks",
                          "hello", "hello 2 10 1",
                          "hello 1 0 1", "hello 1 3601 1", "hello 1 10 2", "hello 1 10",
                          "hello 1 x 1", "hello 1 10 1 more", "N 1 item 1"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        assert_int_equal(relaylink_parse(junk[i]).kind, RELAY_JUNK);
}

static void one_line_blanks_control_characters(void **state)
{
    char p[] = "1 item\n2\rtick\t\x7f" "end";
    (void)state;
    relay_one_line(p);
    assert_string_equal(p, "1 item 2 tick  end");
}

/* What a console's loop does with the lines read: notes them, keeps the
 * notifications' payloads. */
struct heard {
    struct relaylink *l;
    int lines;
    char last[64];
    long long now;
};

static void on_line(void *ctx, const struct relay_line *ln)
{
    struct heard *h = ctx;
    h->lines++;
    relaylink_note(h->l, ln, h->now);
    if (ln->kind == RELAY_NOTIFY)
        snprintf(h->last, sizeof h->last, "%s", ln->payload);
}

/* A link over one end of a socket pair; the test writes the other. */
static int pair(struct relaylink *l)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
    relaylink_init(l);
    l->fd = sv[0];
    return sv[1];
}

static void put(int fd, const char *s)
{
    assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

static void lines_cut_anywhere_are_read_whole(void **state)
{
    struct relaylink l;
    struct heard h = {.l = &l, .now = 1000};
    int peer = pair(&l);
    (void)state;

    assert_int_equal(relaylink_listens(&l), 0);
    put(peer, "hello 1 10 1\nn 5 item 9");
    assert_int_equal(relaylink_read(&l, on_line, &h), 0);
    assert_int_equal(h.lines, 1);
    assert_int_equal(relaylink_listens(&l), 1);
    assert_int_equal(relaylink_sweeps(&l, 1000), 1);
    put(peer, " 2 4\n");
    assert_int_equal(relaylink_read(&l, on_line, &h), 0);
    assert_int_equal(h.lines, 2);
    assert_string_equal(h.last, "5 item 9 2 4");
    relaylink_close(&l);
    close(peer);
}

static void ticks_keep_the_sweep_and_their_absence_ends_it(void **state)
{
    struct relaylink l;
    struct heard h = {.l = &l, .now = 1000};
    int peer = pair(&l);
    (void)state;

    put(peer, "hello 1 10 0\n");
    assert_int_equal(relaylink_read(&l, on_line, &h), 0);
    assert_int_equal(relaylink_listens(&l), 1);
    assert_int_equal(relaylink_sweeps(&l, 1000), 0);
    assert_int_equal(relaylink_stale(&l, 1000 + 25000), 0);
    assert_int_equal(relaylink_stale(&l, 1000 + 25001), 1);
    h.now = 5000;
    put(peer, "tick 1\n");
    assert_int_equal(relaylink_read(&l, on_line, &h), 0);
    assert_int_equal(relaylink_sweeps(&l, 5000 + 25000), 1);
    assert_int_equal(relaylink_stale(&l, 5000 + 25000), 0);
    assert_int_equal(relaylink_sweeps(&l, 5000 + 25001), 0);
    assert_int_equal(relaylink_stale(&l, 5000 + 25001), 1);
    /* A refused sweep: still there, not sweeping. */
    h.now = 15000;
    put(peer, "tick 0\n");
    assert_int_equal(relaylink_read(&l, on_line, &h), 0);
    assert_int_equal(relaylink_sweeps(&l, 15000), 0);
    assert_int_equal(relaylink_stale(&l, 15000), 0);
    assert_int_equal(relaylink_listens(&l), 1);
    relaylink_close(&l);
    close(peer);
}

static void a_tick_before_hello_counts_for_nothing(void **state)
{
    struct relaylink l;
    struct heard h = {.l = &l, .now = 1000};
    int peer = pair(&l);
    (void)state;

    put(peer, "tick 1\n");
    assert_int_equal(relaylink_read(&l, on_line, &h), 0);
    assert_int_equal(relaylink_listens(&l), 0);
    assert_int_equal(relaylink_sweeps(&l, 1000), 0);
    assert_int_equal(relaylink_stale(&l, 1000000), 0);
    relaylink_close(&l);
    close(peer);
}

static void the_relay_closing_closes_the_link(void **state)
{
    struct relaylink l;
    struct heard h = {.l = &l, .now = 1000};
    int peer = pair(&l);
    (void)state;

    put(peer, "hello 1 10 1\nn 1 sweep 2\n");
    close(peer);
    assert_int_equal(relaylink_read(&l, on_line, &h), -1);
    /* What came before the end was still heard. */
    assert_int_equal(h.lines, 2);
    assert_string_equal(h.last, "1 sweep 2");
    assert_int_equal(l.fd, -1);
    assert_int_equal(relaylink_listens(&l), 0);
    assert_int_equal(relaylink_sweeps(&l, 1000), 0);
}

static void a_line_too_long_closes_the_link(void **state)
{
    struct relaylink l;
    struct heard h = {.l = &l, .now = 1000};
    int peer = pair(&l);
    char big[1024];
    int rc = 0;
    (void)state;

    memset(big, 'x', sizeof big);
    for (size_t sent = 0; sent <= RELAY_LINE_MAX && rc == 0; sent += sizeof big) {
        assert_int_equal(write(peer, big, sizeof big), (ssize_t)sizeof big);
        rc = relaylink_read(&l, on_line, &h);
    }
    assert_int_equal(rc, -1);
    assert_int_equal(h.lines, 0);
    assert_int_equal(l.fd, -1);
    close(peer);
}

static void no_relay_there(void **state)
{
    struct relaylink l;
    (void)state;

    relaylink_init(&l);
    assert_int_equal(relaylink_open(&l, "/nonexistent/casedesk-relay.sock"), -1);
    assert_int_equal(l.fd, -1);
    assert_int_equal(relaylink_listens(&l), 0);
}

/* --- watching ------------------------------------------------------------------ */

static struct relay_watch watching(const char *line)
{
    struct relay_watch w = {0};
    assert_int_equal(relaylink_watch_parse(line, &w), 0);
    return w;
}

static void a_watch_line_reads_back_as_written(void **state)
{
    struct change_scope scope;
    struct relay_watch w;
    char line[RELAY_WATCH_MAX];
    (void)state;

    changes_scope_set(&scope, "3 7");
    assert_int_equal(relaylink_watch_line(&scope, 12, 88, line, sizeof line), 16);
    assert_string_equal(line, "watch 12 88 3 7\n");
    line[15] = '\0';
    w = watching(line);
    assert_int_equal(w.said, 1);
    assert_int_equal(w.kase, 12);
    assert_int_equal(w.item, 88);
    assert_int_equal(w.scope.limited, 1);
    assert_int_equal(w.scope.n, 2);

    changes_scope_set(&scope, NULL);
    relaylink_watch_line(&scope, -1, -1, line, sizeof line);
    assert_string_equal(line, "watch - - *\n");
    assert_int_equal(relaylink_watch_line(&scope, -1, -1, line, 12), -1);
}

static void every_department_of_a_full_scope_fits(void **state)
{
    struct change_scope scope = {.limited = 1, .n = CHANGE_SCOPE_MAX};
    char line[RELAY_WATCH_MAX];
    (void)state;

    for (int i = 0; i < CHANGE_SCOPE_MAX; i++)
        scope.depts[i] = INT64_MAX;
    assert_true(relaylink_watch_line(&scope, INT64_MAX, INT64_MAX, line, sizeof line) > 0);
}

static void what_is_not_a_watch_changes_nothing(void **state)
{
    struct relay_watch w = watching("watch 5 - 2");
    (void)state;

    assert_int_equal(relaylink_watch_parse("watch", &w), -1);
    assert_int_equal(relaylink_watch_parse("watch 5 2", &w), -1);
    assert_int_equal(relaylink_watch_parse("watch -5 - 2", &w), -1);
    assert_int_equal(relaylink_watch_parse("watch x - 2", &w), -1);
    assert_int_equal(relaylink_watch_parse("hello 1 10 1", &w), -1);
    assert_int_equal(w.kase, 5);
    assert_int_equal(w.item, -1);
    assert_int_equal(changes_scope_has(&w.scope, 2), 1);
    assert_int_equal(changes_scope_has(&w.scope, 3), 0);
}

/* A department list that does not read is every department: a console
 * hears too much rather than too little. */
static void a_bad_scope_hears_everything(void **state)
{
    struct relay_watch w = watching("watch - - 2 x");
    (void)state;

    assert_int_equal(relaylink_watch_passes(&w, "9 item 40 6 300"), 1);
}

static void an_item_passes_by_department_case_or_itself(void **state)
{
    struct relay_watch w = watching("watch 300 41 2 5");
    struct relay_watch none = {0};
    struct relay_watch all = watching("watch - - *");
    (void)state;

    assert_int_equal(relaylink_watch_passes(&w, "9 item 40 2 77"), 1);  /* department */
    assert_int_equal(relaylink_watch_passes(&w, "9 item 40 5 77"), 1);
    assert_int_equal(relaylink_watch_passes(&w, "9 item 40 6 300"), 1); /* the case */
    assert_int_equal(relaylink_watch_passes(&w, "9 item 41 6 301"), 1); /* the item */
    assert_int_equal(relaylink_watch_passes(&w, "9 item 40 6 77"), 0);  /* none of them */
    /* What does not name a place goes to everyone. */
    assert_int_equal(relaylink_watch_passes(&w, "9 item 40"), 1);
    assert_int_equal(relaylink_watch_passes(&w, "9 escalation 40"), 1);
    assert_int_equal(relaylink_watch_passes(&w, "9 sweep 3"), 1);
    assert_int_equal(relaylink_watch_passes(&w, "9 case 300"), 1);
    assert_int_equal(relaylink_watch_passes(&w, "junk"), 1);
    assert_int_equal(relaylink_watch_passes(&w, "9 item 40 6 77 extra"), 1);
    /* Before its first watch line, and watching everything, a console
     * hears everything. */
    assert_int_equal(relaylink_watch_passes(&none, "9 item 40 6 77"), 1);
    assert_int_equal(relaylink_watch_passes(&all, "9 item 40 6 77"), 1);
    /* Nothing open: only the departments. */
    w = watching("watch - - 2");
    assert_int_equal(relaylink_watch_passes(&w, "9 item 40 6 -1"), 1);
    assert_int_equal(relaylink_watch_passes(&w, "9 item 1 6 1"), 0);
}

static void a_watch_is_said_once(void **state)
{
    struct relaylink l;
    int peer = pair(&l);
    char got[64];
    (void)state;

    assert_int_equal(relaylink_say_watch(&l, "watch - - 2\n"), 0);
    assert_int_equal(relaylink_say_watch(&l, "watch - - 2\n"), 0);
    assert_int_equal(relaylink_say_watch(&l, "watch 4 9 2\n"), 0);
    assert_int_equal(read(peer, got, sizeof got), 24);
    assert_memory_equal(got, "watch - - 2\nwatch 4 9 2\n", 24);
    /* A new link (the relay restarted) is told again. */
    relaylink_close(&l);
    close(peer);
    peer = pair(&l);
    assert_int_equal(relaylink_say_watch(&l, "watch 4 9 2\n"), 0);
    assert_int_equal(read(peer, got, sizeof got), 12);
    /* A relay gone: the link closes. */
    close(peer);
    assert_int_equal(relaylink_say_watch(&l, "watch - - 2\n"), -1);
    assert_int_equal(l.fd, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_the_three_lines),
        cmocka_unit_test(refuses_what_is_not_the_protocol),
        cmocka_unit_test(one_line_blanks_control_characters),
        cmocka_unit_test(lines_cut_anywhere_are_read_whole),
        cmocka_unit_test(ticks_keep_the_sweep_and_their_absence_ends_it),
        cmocka_unit_test(a_tick_before_hello_counts_for_nothing),
        cmocka_unit_test(the_relay_closing_closes_the_link),
        cmocka_unit_test(a_line_too_long_closes_the_link),
        cmocka_unit_test(no_relay_there),
        cmocka_unit_test(a_watch_line_reads_back_as_written),
        cmocka_unit_test(every_department_of_a_full_scope_fits),
        cmocka_unit_test(what_is_not_a_watch_changes_nothing),
        cmocka_unit_test(a_bad_scope_hears_everything),
        cmocka_unit_test(an_item_passes_by_department_case_or_itself),
        cmocka_unit_test(a_watch_is_said_once),
    };

    return cmocka_run_group_tests_name("relaylink", tests, NULL, NULL);
}
