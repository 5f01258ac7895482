/* Unit tests for meters.c and panes.c: the meters' text as the database
 * sends it, the line laid out for the terminal's width (what goes first
 * when it is short), and the dashboard's panes for each size. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "casedesk/meters.h"
#include "casedesk/panes.h"
#include "casedesk/text.h"

static void test_parse(void **state)
{
    (void)state;
    struct meters m = {0};

    assert_int_equal(meters_parse(&m, "42 5 3 2 4 30 28"), 0);
    assert_true(m.known);
    assert_int_equal(m.open, 42);
    assert_int_equal(m.yellow, 5);
    assert_int_equal(m.red, 3);
    assert_int_equal(m.paused, 2);
    assert_int_equal(m.mine, 4);
    assert_int_equal(m.decided, 30);
    assert_int_equal(m.on_time, 28);
}

static void test_parse_refuses(void **state)
{
    (void)state;
    struct meters m = {.known = 1, .open = 7};
    const char *bad[] = {NULL, "", "1 2 3", "1 2 3 4 5 6 7 8", "1 2 3 4 5 6 x", "-1 0 0 0 0 0 0",
                         "1 0 0 0 0 2 3", "1 2 3 4 5 6 7 junk"};

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(meters_parse(&m, bad[i]), -1);
        assert_int_equal(m.open, 7);
    }
}

/* A check asks for the meters only when it must: most idle checks cost
 * the two lookups alone. */
static void test_wanted(void **state)
{
    struct meters m = {0};
    (void)state;
    assert_true(meters_wanted(&m, 0, 1000, 0));              /* none yet */
    assert_int_equal(meters_parse(&m, "10 2 1 0 0 3 3"), 0);
    assert_false(meters_wanted(&m, 0, 1000 + 59999, 1000));  /* fresh */
    assert_true(meters_wanted(&m, 1, 1000 + 10000, 1000));   /* asked for */
    assert_true(meters_wanted(&m, 0, 1000 + METERS_REFRESH_MS, 1000)); /* a minute on */
}

static void test_rate(void **state)
{
    (void)state;
    struct meters m = {.known = 1};
    char buf[16];

    meters_rate_text(&m, buf, sizeof buf);
    assert_string_equal(buf, "-");
    m.decided = 30;
    m.on_time = 28;
    meters_rate_text(&m, buf, sizeof buf);
    assert_string_equal(buf, "93%");
    m.on_time = 30;
    meters_rate_text(&m, buf, sizeof buf);
    assert_string_equal(buf, "100%");
}

static const char *find(const struct meter_seg *s, size_t n, enum meter_kind k)
{
    for (size_t i = 0; i < n; i++)
        if (s[i].kind == k)
            return s[i].text;
    return NULL;
}

static void test_wide_line(void **state)
{
    (void)state;
    struct meters m = {1, 42, 5, 3, 2, 4, 30, 28, 0};
    struct meters_esc e = {2, 0, 0, "4:12"};
    struct meter_seg s[METER_KINDS];
    size_t n = meters_lay(&m, &e, 132, s);

    assert_int_equal(n, METER_KINDS);
    assert_string_equal(find(s, n, METER_OPEN), "open 42");
    assert_string_equal(find(s, n, METER_RED_ITEMS), "!! red 3");
    assert_string_equal(find(s, n, METER_YELLOW_ITEMS), "! yellow 5");
    assert_string_equal(find(s, n, METER_PAUSED_ITEMS), "|| paused 2");
    assert_string_equal(find(s, n, METER_MINE), "mine 4");
    assert_string_equal(find(s, n, METER_WAITING), "escalations 2, 4:12");
    assert_string_equal(find(s, n, METER_ON_TIME), "on time today 93%");
    /* Colour and symbol say the same. */
    assert_int_equal(s[1].tone, METER_RED);
    assert_int_equal(s[2].tone, METER_YELLOW);
    assert_int_equal(s[3].tone, METER_PAUSED);
    /* Left to right, two columns apart, from column 1. */
    assert_int_equal(s[0].x, 1);
    for (size_t i = 1; i < n; i++)
        assert_int_equal(s[i].x, s[i - 1].x + s[i - 1].width + 2);
}

static void test_nothing_red_is_plain(void **state)
{
    (void)state;
    struct meters m = {1, 4, 0, 0, 0, 0, 0, 0, 0};
    struct meters_esc e = {0};
    struct meter_seg s[METER_KINDS];
    size_t n = meters_lay(&m, &e, 132, s);

    for (size_t i = 0; i < n; i++)
        assert_int_equal(s[i].tone, METER_NORMAL);
    assert_string_equal(find(s, n, METER_WAITING), "escalations 0");
    assert_string_equal(find(s, n, METER_ON_TIME), "on time today -");
}

/* A job that never claims (window clerks, on-call staff, supervisors) has
 * no "mine": the rest of the line is the same. */
static void test_no_claims_no_mine(void **state)
{
    (void)state;
    struct meters m = {1, 42, 5, 3, 2, 0, 30, 28, 1};
    struct meters_esc e = {1, 0, 0, "2:41"};
    struct meter_seg s[METER_KINDS];
    size_t n = meters_lay(&m, &e, 132, s);

    assert_int_equal(n, METER_KINDS - 1);
    assert_null(find(s, n, METER_MINE));
    assert_string_equal(find(s, n, METER_PAUSED_ITEMS), "|| paused 2");
    assert_string_equal(find(s, n, METER_WAITING), "escalations 1, 2:41");
    assert_int_equal(s[4].kind, METER_WAITING);
    assert_int_equal(s[4].x, s[3].x + s[3].width + 2);
}

static void test_late_escalation_is_red(void **state)
{
    (void)state;
    struct meters m = {0};
    struct meters_esc e = {1, 1, 0, "-0:30"};
    struct meter_seg s[METER_KINDS];
    size_t n = meters_lay(&m, &e, 80, s);

    /* Before the first answer: only what the console holds. */
    assert_int_equal(n, 1);
    assert_string_equal(s[0].text, "!! escalations 1, -0:30");
    assert_int_equal(s[0].tone, METER_RED);
}

/* Short lines lose the on-time rate first, then paused, mine, yellow and
 * open; red and the escalations stay, and nothing passes the edge. */
static void test_short_lines(void **state)
{
    (void)state;
    struct meters m = {1, 142, 15, 13, 12, 14, 130, 128, 0};
    struct meters_esc e = {12, 0, 1, "0:42"};
    struct meter_seg s[METER_KINDS];
    size_t n;

    n = meters_lay(&m, &e, 80, s);
    assert_null(find(s, n, METER_ON_TIME));
    assert_non_null(find(s, n, METER_PAUSED_ITEMS));
    n = meters_lay(&m, &e, 60, s);
    assert_null(find(s, n, METER_PAUSED_ITEMS));
    assert_non_null(find(s, n, METER_RED_ITEMS));
    n = meters_lay(&m, &e, 40, s);
    assert_int_equal(n, 2);
    assert_non_null(find(s, n, METER_RED_ITEMS));
    assert_string_equal(find(s, n, METER_WAITING), "escalations 12, 0:42");
    assert_int_equal(s[1].tone, METER_YELLOW);
    for (int cols = 10; cols <= 132; cols++) {
        n = meters_lay(&m, &e, cols, s);
        for (size_t i = 0; i < n; i++) {
            assert_true(s[i].width > 0);
            assert_true(s[i].x + s[i].width <= cols);
        }
    }
}

static void test_panes_small_screens(void **state)
{
    (void)state;
    struct panes p;

    /* 80x24: one region under the tab bar and the meters, over the status,
     * message and hint lines. */
    panes_lay(&p, PANES_QUEUE_ESC, 80, 24, 120, 36);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.kind, PANES_NONE);
    assert_int_equal(p.pane[0].top, 2);
    assert_int_equal(p.pane[0].rows, 19);
    assert_int_equal(p.pane[0].cols, 80);
    assert_int_equal(p.content[0], PANE_QUEUE);
    /* Wide but short, tall but narrow: still one. */
    panes_lay(&p, PANES_QUEUE_ESC, 200, 35, 120, 36);
    assert_int_equal(p.n, 1);
    panes_lay(&p, PANES_QUEUE_ESC, 119, 60, 120, 36);
    assert_int_equal(p.n, 1);
    panes_lay(&p, PANES_ESC_QUEUE, 100, 30, 120, 36);
    assert_int_equal(p.content[0], PANE_ESCALATIONS);
    /* The supervisor's side by side wants 160 columns. */
    panes_lay(&p, PANES_FIGURES_RED, 132, 40, 120, 36);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.content[0], PANE_FIGURES);
}

static void test_panes_stacked(void **state)
{
    (void)state;
    struct panes p;

    panes_lay(&p, PANES_QUEUE_ESC, 132, 40, 120, 36);
    assert_int_equal(p.n, 2);
    assert_int_equal(p.content[0], PANE_QUEUE);
    assert_int_equal(p.content[1], PANE_ESCALATIONS);
    /* Body rows 2..36: the queue's title, its region, the escalations'
     * title and region, nothing left over, nothing overlapping. */
    assert_int_equal(p.title_row[0], 2);
    assert_int_equal(p.pane[0].top, 3);
    assert_int_equal(p.title_row[1], p.pane[0].top + p.pane[0].rows);
    assert_int_equal(p.pane[1].top, p.title_row[1] + 1);
    assert_int_equal(p.pane[1].top + p.pane[1].rows, 2 + 35);
    assert_true(p.pane[0].rows > p.pane[1].rows);
    assert_true(p.pane[1].rows >= 5);
    panes_lay(&p, PANES_ESC_QUEUE, 120, 36, 120, 36);
    assert_int_equal(p.n, 2);
    assert_int_equal(p.content[0], PANE_ESCALATIONS);
    assert_int_equal(p.content[1], PANE_QUEUE);
    assert_int_equal(panes_find(&p, PANE_QUEUE), 1);
    assert_int_equal(panes_find(&p, PANE_FIGURES), -1);
    /* The threshold is the configuration's. */
    panes_lay(&p, PANES_QUEUE_ESC, 100, 30, 100, 30);
    assert_int_equal(p.n, 2);
}

static void test_panes_beside(void **state)
{
    (void)state;
    struct panes p;

    panes_lay(&p, PANES_FIGURES_RED, 160, 48, 120, 36);
    assert_int_equal(p.n, 2);
    assert_int_equal(p.content[0], PANE_FIGURES);
    assert_int_equal(p.content[1], PANE_RED);
    assert_int_equal(p.title_row[0], p.title_row[1]);
    assert_int_equal(p.pane[0].left, 0);
    assert_int_equal(p.pane[1].left, p.pane[0].cols + 1);
    assert_int_equal(p.pane[1].left + p.pane[1].cols, 160);
    assert_int_equal(p.pane[0].rows, p.pane[1].rows);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_refuses),
        cmocka_unit_test(test_wanted),
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_wide_line),
        cmocka_unit_test(test_nothing_red_is_plain),
        cmocka_unit_test(test_no_claims_no_mine),
        cmocka_unit_test(test_late_escalation_is_red),
        cmocka_unit_test(test_short_lines),
        cmocka_unit_test(test_panes_small_screens),
        cmocka_unit_test(test_panes_stacked),
        cmocka_unit_test(test_panes_beside),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
