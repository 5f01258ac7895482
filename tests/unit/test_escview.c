/* Unit tests for escview.c: the escalation desk's rows, most urgent first,
 * the response clock in business time, the cursor and what counts as new. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/escview.h"

#define T0 1767225600L /* 2026-01-01 00:00 UTC */

struct fake {
    long id;
    long respond_by;     /* 0: NULL */
    long ack_at;         /* 0: NULL */
    long resolved_at;    /* 0: NULL */
    long escalated_at;   /* 0: NULL */
    int level;
    const char *raiser;
    const char *kind;
    const char *source;
};

struct table {
    const struct fake *rows;
    char buf[ESC_NCOLS][64];
};

static const char *epoch(char *b, long v)
{
    if (!v)
        return NULL;
    snprintf(b, 64, "%ld.5", v);
    return b;
}

static const char *fake_cell(void *ctx, int row, int col)
{
    struct table *t = ctx;
    const struct fake *f = &t->rows[row];
    char *b = t->buf[col];

    switch (col) {
    case ESC_COL_ID: snprintf(b, 64, "%ld", f->id); return b;
    case ESC_COL_VERSION: return "2";
    case ESC_COL_ITEM_ID: return f->id == 9 ? NULL : "1";
    case ESC_COL_CASE_ID: return "1";
    case ESC_COL_CASE_NO: return "20260101-000001";
    case ESC_COL_ITEM: return f->id == 9 ? NULL : "建筑工程施工许可";
    case ESC_COL_DEPARTMENT_ID: return "1";
    case ESC_COL_DEPARTMENT: return "住房和城乡建设局";
    case ESC_COL_KIND: return f->kind ? f->kind : "question";
    case ESC_COL_SOURCE: return f->source ? f->source : "window";
    case ESC_COL_LEVEL: snprintf(b, 64, "%d", f->level ? f->level : 1); return b;
    case ESC_COL_NOTE: return "请确认";
    case ESC_COL_RAISED_BY: return "孙丽";
    case ESC_COL_RAISER_LOGIN: return f->raiser ? f->raiser : "win";
    case ESC_COL_RESPOND_BY: return epoch(b, f->respond_by);
    case ESC_COL_ACK_AT: return epoch(b, f->ack_at);
    case ESC_COL_ACK_BY: return f->ack_at ? "陈杰" : NULL;
    case ESC_COL_RESOLVED_AT: return epoch(b, f->resolved_at);
    case ESC_COL_ESCALATED_AT: return epoch(b, f->escalated_at);
    default: return NULL;
    }
}

static void load(struct esc_list *l, const struct fake *rows, int n, const char *me, int *fresh)
{
    struct table t = {.rows = rows};
    assert_int_equal(escview_load(l, n, fake_cell, &t, me, fresh), 0);
}

static void ids_are(const struct esc_list *l, const long *want, size_t n)
{
    assert_int_equal(l->n, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(l->rows[i].id, want[i]);
}

static void most_urgent_first(void **state)
{
    (void)state;
    struct esc_list l;
    escview_init(&l);
    const struct fake rows[] = {
        {.id = 1, .respond_by = T0 + 300, .ack_at = T0 + 10},        /* acknowledged */
        {.id = 2, .respond_by = T0 + 200},                            /* waiting */
        {.id = 3, .respond_by = T0 - 60},                             /* late */
        {.id = 4, .respond_by = T0 + 100, .resolved_at = T0},         /* resolved */
        {.id = 5, .respond_by = T0 - 500, .escalated_at = T0 - 300},  /* moved up */
        {.id = 6, .respond_by = T0 + 200, .level = 3},                /* same time, higher level */
        {.id = 7, .respond_by = T0 + 50, .ack_at = T0 + 20},          /* acknowledged earlier */
    };
    load(&l, rows, 7, "oncall_a", NULL);
    const long want[] = {3, 6, 2, 5, 7, 1, 4};
    ids_are(&l, want, 7);
    assert_int_equal(escview_state(&l.rows[0], T0), ESC_LATE);
    assert_int_equal(escview_state(&l.rows[1], T0), ESC_OPEN);
    assert_int_equal(escview_state(&l.rows[3], T0), ESC_MOVED_UP);
    assert_int_equal(escview_state(&l.rows[4], T0), ESC_ACKED);
    assert_int_equal(escview_state(&l.rows[6], T0), ESC_RESOLVED);
    /* Whole seconds, SQL NULL and texts as they came. */
    assert_int_equal(l.rows[0].respond_by, T0 - 60);
    assert_int_equal(l.rows[0].ack_at, INT64_MIN);
    assert_string_equal(l.rows[0].ack_by, "");
    assert_string_equal(l.rows[4].ack_by, "陈杰");
    escview_free(&l);
}

static void ties_by_id_and_no_time_last(void **state)
{
    (void)state;
    struct esc_list l;
    escview_init(&l);
    const struct fake rows[] = {
        {.id = 12, .respond_by = T0 + 100},
        {.id = 10, .respond_by = 0},
        {.id = 11, .respond_by = T0 + 100},
    };
    load(&l, rows, 3, NULL, NULL);
    const long want[] = {11, 12, 10};
    ids_are(&l, want, 3);
    escview_free(&l);
}

/* Business hours 09:00-12:00 and 13:00-17:00 on one day. */
static const struct sla_interval day[] = {
    {T0 + 9 * 3600, T0 + 12 * 3600},
    {T0 + 13 * 3600, T0 + 17 * 3600},
};

static void countdown_in_business_time(void **state)
{
    (void)state;
    struct sla_calendar cal;
    char buf[32];

    sla_calendar_init(&cal);
    assert_int_equal(sla_calendar_set(&cal, day, 2), 0);
    /* Asked at 11:59 with three minutes to answer: due 13:02. */
    long asked = T0 + 11 * 3600 + 59 * 60, due = T0 + 13 * 3600 + 2 * 60;
    assert_int_equal(escview_left_seconds(&cal, asked, due), 180);
    assert_int_equal(escview_left_seconds(&cal, T0 + 12 * 3600 + 30 * 60, due), 120);
    assert_int_equal(escview_left_seconds(&cal, due + 30, due), -30);
    /* Late after hours is still late. */
    assert_int_equal(escview_left_seconds(&cal, T0 + 17 * 3600 + 10, T0 + 17 * 3600), -1);
    /* No calendar: wall-clock time. */
    assert_int_equal(escview_left_seconds(NULL, asked, due), 63 * 60);

    struct esc_row r = {.respond_by = due, .ack_at = INT64_MIN, .resolved_at = INT64_MIN,
                        .escalated_at = INT64_MIN};
    escview_left_text(&r, &cal, asked, buf, sizeof buf);
    assert_string_equal(buf, "3:00");
    escview_left_text(&r, &cal, asked + 1, buf, sizeof buf);
    assert_string_equal(buf, "2:59");
    escview_left_text(&r, &cal, due + 90, buf, sizeof buf);
    assert_string_equal(buf, "-1:30");
    r.ack_at = asked + 30;
    escview_left_text(&r, &cal, due + 90, buf, sizeof buf);
    assert_string_equal(buf, "ack'd");
    sla_calendar_free(&cal);
}

/* Over lunch the response clock stands until 13:00, and says so; inside
 * business time, once late or once acknowledged it does not. */
static void clock_stands_out_of_hours(void **state)
{
    (void)state;
    struct sla_calendar cal;

    sla_calendar_init(&cal);
    assert_int_equal(sla_calendar_set(&cal, day, 2), 0);
    long asked = T0 + 11 * 3600 + 59 * 60, due = T0 + 13 * 3600 + 2 * 60;
    struct esc_row r = {.respond_by = due, .ack_at = INT64_MIN, .resolved_at = INT64_MIN,
                        .escalated_at = INT64_MIN};
    assert_true(escview_stopped_until(&r, &cal, asked) == SLA_NONE);
    assert_true(escview_stopped_until(&r, &cal, T0 + 12 * 3600) == T0 + 13 * 3600);
    assert_true(escview_stopped_until(&r, &cal, T0 + 12 * 3600 + 59 * 60) == T0 + 13 * 3600);
    assert_true(escview_stopped_until(&r, &cal, T0 + 13 * 3600) == SLA_NONE);
    /* No calendar: wall-clock time, which never stands. */
    assert_true(escview_stopped_until(&r, NULL, T0 + 12 * 3600) == SLA_NONE);
    /* Late after hours: the lateness is told, not a stopped clock. */
    r.respond_by = T0 + 17 * 3600;
    assert_true(escview_stopped_until(&r, &cal, T0 + 18 * 3600) == SLA_NONE);
    r.respond_by = due;
    r.ack_at = asked + 30;
    assert_true(escview_stopped_until(&r, &cal, T0 + 12 * 3600) == SLA_NONE);
    sla_calendar_free(&cal);
}

static void origin_words(void **state)
{
    (void)state;
    char buf[32];
    struct esc_row r = {.source = "window", .kind = "question", .level = 1};
    escview_origin(&r, buf, sizeof buf);
    assert_string_equal(buf, "window L1");
    r = (struct esc_row){.source = "sweep", .kind = "red", .level = 2};
    escview_origin(&r, buf, sizeof buf);
    assert_string_equal(buf, "red L2");
    r = (struct esc_row){.source = "sweep", .kind = "unanswered", .level = 3};
    escview_origin(&r, buf, sizeof buf);
    assert_string_equal(buf, "unanswered L3");
}

static void cursor_follows_the_escalation(void **state)
{
    (void)state;
    struct esc_list l;
    escview_init(&l);
    const struct fake first[] = {
        {.id = 1, .respond_by = T0 + 100}, {.id = 2, .respond_by = T0 + 200},
        {.id = 3, .respond_by = T0 + 300},
    };
    load(&l, first, 3, NULL, NULL);
    escview_move(&l, 1);
    assert_int_equal(escview_current(&l)->id, 2);
    /* A more urgent one arrives above: the cursor stays on 2. */
    const struct fake second[] = {
        {.id = 4, .respond_by = T0 + 50}, {.id = 1, .respond_by = T0 + 100},
        {.id = 2, .respond_by = T0 + 200}, {.id = 3, .respond_by = T0 + 300},
    };
    load(&l, second, 4, NULL, NULL);
    assert_int_equal(escview_current(&l)->id, 2);
    assert_int_equal(l.cursor, 2);
    /* 2 resolved and gone: the line below moves up into its place. */
    const struct fake third[] = {
        {.id = 4, .respond_by = T0 + 50}, {.id = 1, .respond_by = T0 + 100},
        {.id = 3, .respond_by = T0 + 300},
    };
    load(&l, third, 3, NULL, NULL);
    assert_int_equal(escview_current(&l)->id, 3);
    escview_move(&l, 100);
    assert_int_equal(escview_current(&l)->id, 3);
    escview_move(&l, -100);
    assert_int_equal(escview_current(&l)->id, 4);
    assert_int_equal(escview_find(&l, 1), 1);
    assert_int_equal(escview_find(&l, 99), -1);
    load(&l, third, 0, NULL, NULL);
    assert_null(escview_current(&l));
    escview_free(&l);
}

static void new_ones_are_counted(void **state)
{
    (void)state;
    struct esc_list l;
    int fresh = -1;
    escview_init(&l);
    const struct fake first[] = {{.id = 1, .respond_by = T0 + 100}};
    load(&l, first, 1, "oncall_a", &fresh);
    assert_int_equal(fresh, 0); /* the first list is not news */
    const struct fake second[] = {
        {.id = 1, .respond_by = T0 + 100},
        {.id = 2, .respond_by = T0 + 100},                    /* new */
        {.id = 3, .respond_by = T0 + 100, .raiser = "oncall_a"}, /* mine */
        {.id = 4, .respond_by = T0 + 100, .ack_at = T0},     /* already acknowledged */
        {.id = 5, .respond_by = T0 + 100, .source = "sweep", .kind = "red"}, /* new */
    };
    load(&l, second, 5, "oncall_a", &fresh);
    assert_int_equal(fresh, 2);
    load(&l, second, 5, "oncall_a", &fresh);
    assert_int_equal(fresh, 0);
    /* Handed away and back: new again. */
    load(&l, first, 1, "oncall_a", &fresh);
    load(&l, second, 2, "oncall_a", &fresh);
    assert_int_equal(fresh, 1);
    escview_free(&l);
}

static void case_level_escalation(void **state)
{
    (void)state;
    struct esc_list l;
    escview_init(&l);
    const struct fake rows[] = {{.id = 9, .respond_by = T0 + 100}};
    load(&l, rows, 1, NULL, NULL);
    assert_int_equal(l.rows[0].item_id, 0);
    assert_string_equal(l.rows[0].item, "");
    escview_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(most_urgent_first),
        cmocka_unit_test(ties_by_id_and_no_time_last),
        cmocka_unit_test(countdown_in_business_time),
        cmocka_unit_test(clock_stands_out_of_hours),
        cmocka_unit_test(origin_words),
        cmocka_unit_test(cursor_follows_the_escalation),
        cmocka_unit_test(new_ones_are_counted),
        cmocka_unit_test(case_level_escalation),
    };
    setlocale(LC_ALL, "C.UTF-8");
    return cmocka_run_group_tests_name("escview", tests, NULL, NULL);
}
