/* Unit tests for sla_clock.c: business minutes between epochs and urgency. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "casedesk/sla_clock.h"

#define MIN 60
#define HOUR 3600
#define DAY (24 * HOUR)
/* Monday 2025-06-02 00:00 in Asia/Shanghai. */
#define MON ((int64_t)1748793600)
#define AT(day, h, m) (MON + (day) * DAY + (h) * HOUR + (m) * MIN)

/* Two working weeks of 09:00-12:00 and 13:00-17:00, Monday to Friday. */
static int make_calendar(void **state)
{
    static struct sla_calendar cal;
    struct sla_interval v[20];
    size_t n = 0;

    for (int week = 0; week < 2; week++) {
        for (int d = 0; d < 5; d++) {
            int day = week * 7 + d;
            v[n++] = (struct sla_interval){AT(day, 9, 0), AT(day, 12, 0)};
            v[n++] = (struct sla_interval){AT(day, 13, 0), AT(day, 17, 0)};
        }
    }
    sla_calendar_init(&cal);
    if (sla_calendar_set(&cal, v, n) < 0)
        return -1;
    *state = &cal;
    return 0;
}

static int free_calendar(void **state)
{
    sla_calendar_free(*state);
    return 0;
}

static void across_lunch_break(void **state)
{
    const struct sla_calendar *cal = *state;
    assert_int_equal(sla_remaining_minutes(cal, AT(0, 11, 0), AT(0, 14, 0), SLA_NONE), 120);
    assert_int_equal(sla_remaining_minutes(cal, AT(0, 12, 10), AT(0, 13, 30), SLA_NONE), 30);
    assert_int_equal(sla_business_seconds(cal, AT(0, 12, 0), AT(0, 13, 0)), 0);
}

static void across_weekend(void **state)
{
    const struct sla_calendar *cal = *state;
    /* Friday 16:00 to Monday 10:00: one hour each side of the weekend. */
    assert_int_equal(sla_remaining_minutes(cal, AT(4, 16, 0), AT(7, 10, 0), SLA_NONE), 120);
    /* From Saturday noon the clock starts at Monday's opening. */
    assert_int_equal(sla_remaining_minutes(cal, AT(5, 12, 0), AT(7, 10, 0), SLA_NONE), 60);
    /* A whole working week is five days of 420 minutes. */
    assert_int_equal(sla_remaining_minutes(cal, AT(0, 0, 0), AT(7, 0, 0), SLA_NONE), 5 * 420);
}

static void truncates_towards_less_time(void **state)
{
    const struct sla_calendar *cal = *state;
    assert_int_equal(sla_remaining_minutes(cal, AT(0, 9, 0) + 30, AT(0, 10, 0), SLA_NONE), 59);
    /* at the due instant it is red, and reads one minute late, not "0m" */
    assert_int_equal(sla_remaining_minutes(cal, AT(0, 10, 0), AT(0, 10, 0), SLA_NONE), -1);
}

static void overdue_is_negative(void **state)
{
    const struct sla_calendar *cal = *state;
    assert_int_equal(sla_remaining_minutes(cal, AT(0, 14, 0), AT(0, 11, 30), SLA_NONE), -90);
    /* Thirty seconds late reads a minute late; later on, whole minutes. */
    assert_int_equal(sla_remaining_minutes(cal, AT(0, 10, 0) + 30, AT(0, 10, 0), SLA_NONE), -1);
    assert_int_equal(sla_remaining_minutes(cal, AT(0, 10, 5) + 20, AT(0, 10, 0), SLA_NONE), -5);
    /* Due at Friday's close, looked at on Saturday: late, though no business
     * time has passed since. */
    assert_int_equal(sla_remaining_minutes(cal, AT(5, 10, 0), AT(4, 17, 0), SLA_NONE), -1);
}

static void paused_clock_stands(void **state)
{
    const struct sla_calendar *cal = *state;
    long at_pause = sla_remaining_minutes(cal, AT(0, 10, 0), AT(0, 14, 0), SLA_NONE);
    assert_int_equal(at_pause, 180);
    assert_int_equal(sla_remaining_minutes(cal, AT(3, 16, 0), AT(0, 14, 0), AT(0, 10, 0)), 180);
    assert_int_equal(sla_remaining_minutes(cal, AT(9, 16, 0), AT(0, 14, 0), AT(0, 10, 0)), 180);
}

static void empty_calendar_counts_wall_clock(void **state)
{
    struct sla_calendar none;
    (void)state;
    sla_calendar_init(&none);
    assert_int_equal(sla_remaining_minutes(&none, AT(0, 11, 0), AT(0, 14, 0), SLA_NONE), 180);
    assert_int_equal(sla_minutes_per_day(&none), 0);
    assert_int_equal(sla_remaining_minutes(&none, 0, SLA_NONE, SLA_NONE), 0);
}

static void set_sorts_merges_and_skips(void **state)
{
    struct sla_calendar cal;
    struct sla_interval v[] = {
        {AT(0, 13, 0), AT(0, 17, 0)},
        {AT(0, 9, 0), AT(0, 12, 0)},
        {AT(0, 12, 0), AT(0, 12, 30)},   /* touches the morning: merged */
        {AT(0, 10, 0), AT(0, 11, 0)},    /* inside the morning */
        {AT(0, 20, 0), AT(0, 19, 0)},    /* reversed: skipped */
    };
    (void)state;
    sla_calendar_init(&cal);
    assert_int_equal(sla_calendar_set(&cal, v, 5), 0);
    assert_int_equal(cal.n, 2);
    assert_int_equal(cal.v[0].opens, AT(0, 9, 0));
    assert_int_equal(cal.v[0].closes, AT(0, 12, 30));
    assert_int_equal(sla_business_seconds(&cal, AT(0, 0, 0), AT(1, 0, 0)), 7 * HOUR + 30 * MIN);
    sla_calendar_free(&cal);
}

static void minutes_per_day(void **state)
{
    assert_int_equal(sla_minutes_per_day(*state), 420);
}

static void urgency_transitions(void **state)
{
    int64_t yellow = AT(0, 15, 0), due = AT(0, 17, 0);
    (void)state;
    assert_int_equal(sla_urgency_at(yellow - 1, due, yellow, SLA_NONE), SLA_GREEN);
    assert_int_equal(sla_urgency_at(yellow, due, yellow, SLA_NONE), SLA_YELLOW);
    assert_int_equal(sla_urgency_at(due - 1, due, yellow, SLA_NONE), SLA_YELLOW);
    assert_int_equal(sla_urgency_at(due, due, yellow, SLA_NONE), SLA_RED);
    assert_int_equal(sla_urgency_at(due + DAY, due, yellow, SLA_NONE), SLA_RED);
    assert_int_equal(sla_urgency_at(due + DAY, due, yellow, AT(0, 10, 0)), SLA_PAUSED);
    assert_int_equal(sla_urgency_at(due - 1, due, SLA_NONE, SLA_NONE), SLA_GREEN);
    assert_int_equal(sla_urgency_at(due, due, SLA_NONE, SLA_NONE), SLA_RED);
    assert_int_equal(sla_urgency_at(due, SLA_NONE, SLA_NONE, SLA_NONE), SLA_GREEN);
}

static void next_opening(void **state)
{
    const struct sla_calendar *cal = *state;
    struct sla_calendar empty;

    /* Inside business time the clock runs; a block's close is outside. */
    assert_true(sla_next_opening(cal, AT(0, 9, 0)) == SLA_NONE);
    assert_true(sla_next_opening(cal, AT(0, 11, 59)) == SLA_NONE);
    assert_true(sla_next_opening(cal, AT(0, 12, 0)) == AT(0, 13, 0));
    /* Before the first block, at night, over the weekend. */
    assert_true(sla_next_opening(cal, AT(0, 8, 0)) == AT(0, 9, 0));
    assert_true(sla_next_opening(cal, AT(0, 17, 0)) == AT(1, 9, 0));
    assert_true(sla_next_opening(cal, AT(4, 18, 30)) == AT(7, 9, 0));
    assert_true(sla_next_opening(cal, AT(5, 10, 0)) == AT(7, 9, 0));
    assert_true(sla_next_opening(cal, AT(-1, 10, 0)) == AT(0, 9, 0));
    /* Past the calendar's end nothing is known; wall-clock never stops. */
    assert_true(sla_next_opening(cal, AT(11, 18, 0)) == SLA_NONE);
    sla_calendar_init(&empty);
    assert_true(sla_next_opening(&empty, AT(0, 20, 0)) == SLA_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(across_lunch_break),
        cmocka_unit_test(across_weekend),
        cmocka_unit_test(truncates_towards_less_time),
        cmocka_unit_test(overdue_is_negative),
        cmocka_unit_test(paused_clock_stands),
        cmocka_unit_test(empty_calendar_counts_wall_clock),
        cmocka_unit_test(set_sorts_merges_and_skips),
        cmocka_unit_test(minutes_per_day),
        cmocka_unit_test(urgency_transitions),
        cmocka_unit_test(next_opening),
    };

    return cmocka_run_group_tests_name("sla_clock", tests, make_calendar, free_calendar);
}
