/* Unit tests for timefmt.c: compact times on the screen. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casedesk/text.h"
#include "casedesk/timefmt.h"
#include "support/catalogue.h"

#define DAY_MIN 420 /* the centre's business day: 09-12 and 13-17 */

static void check_remaining(long minutes, int per_day, const char *expected)
{
    char buf[TIMEFMT_BUFSIZE];

    memset(buf, 'x', sizeof buf);
    timefmt_remaining(minutes, per_day, buf, sizeof buf);
    assert_string_equal(buf, expected);
    assert_true(text_width(buf) <= TIMEFMT_MAX_COLS);
    assert_true(strlen(buf) < TIMEFMT_BUFSIZE);
}

static void check_age(long seconds, const char *expected)
{
    char buf[TIMEFMT_BUFSIZE];

    timefmt_age(seconds, buf, sizeof buf);
    assert_string_equal(buf, expected);
    assert_true(text_width(buf) <= TIMEFMT_MAX_COLS);
    assert_true(strlen(buf) < TIMEFMT_BUFSIZE);
}

static void check_countdown(long seconds, const char *expected)
{
    char buf[TIMEFMT_BUFSIZE];

    timefmt_countdown(seconds, buf, sizeof buf);
    assert_string_equal(buf, expected);
    assert_true(text_width(buf) <= TIMEFMT_MAX_COLS);
    assert_true(strlen(buf) < TIMEFMT_BUFSIZE);
}

static void remaining_minutes(void **state)
{
    (void)state;
    check_remaining(0, DAY_MIN, "0m");
    check_remaining(1, DAY_MIN, "1m");
    check_remaining(45, DAY_MIN, "45m");
    check_remaining(59, DAY_MIN, "59m");
}

static void remaining_hours(void **state)
{
    (void)state;
    check_remaining(60, DAY_MIN, "1h");
    check_remaining(61, DAY_MIN, "1h 1m");
    check_remaining(200, DAY_MIN, "3h 20m");
    check_remaining(180, DAY_MIN, "3h");
    check_remaining(419, DAY_MIN, "6h 59m");
}

static void remaining_days(void **state)
{
    (void)state;
    check_remaining(420, DAY_MIN, "1d");
    check_remaining(421, DAY_MIN, "1d");      /* minutes are dropped */
    check_remaining(479, DAY_MIN, "1d");
    check_remaining(480, DAY_MIN, "1d 1h");
    check_remaining(420 + 180, DAY_MIN, "1d 3h");
    check_remaining(2 * 420 + 419, DAY_MIN, "2d 6h");
    check_remaining(99 * 420 + 419, DAY_MIN, "99d 6h");
}

static void remaining_overdue(void **state)
{
    (void)state;
    check_remaining(-1, DAY_MIN, "-1m");
    check_remaining(-59, DAY_MIN, "-59m");
    check_remaining(-60, DAY_MIN, "-1h");
    check_remaining(-90, DAY_MIN, "-1h 30m");
    check_remaining(-120, DAY_MIN, "-2h");
    check_remaining(-420, DAY_MIN, "-1d");
    check_remaining(-(420 + 120), DAY_MIN, "-1d 2h");
    check_remaining(-(99 * 420 + 6 * 60 + 59), DAY_MIN, "-99d 6h");
}

static void remaining_saturates(void **state)
{
    (void)state;
    check_remaining(100 * 420, DAY_MIN, "99d+");
    check_remaining(-100 * 420, DAY_MIN, "-99d+");
    check_remaining(LONG_MAX, DAY_MIN, "99d+");
    check_remaining(LONG_MIN, DAY_MIN, "-99d+");
}

static void remaining_other_day_lengths(void **state)
{
    (void)state;
    check_remaining(480, 480, "1d");
    check_remaining(479, 480, "7h 59m");
    /* a 24-hour day: parts that would pass 7 columns are dropped */
    check_remaining(1439, 1440, "23h 59m");
    check_remaining(-1439, 1440, "-23h");
    check_remaining(-(10 * 1440 + 23 * 60), 1440, "-10d");
    check_remaining(9 * 1440 + 23 * 60, 1440, "9d 23h");
    /* nonsense day lengths fall back to the centre's 420 */
    check_remaining(420, 0, "1d");
    check_remaining(420, -5, "1d");
    check_remaining(420, 5000, "1d");
}

static void remaining_small_buffers(void **state)
{
    char buf[4] = "zzz";

    (void)state;
    timefmt_remaining(200, DAY_MIN, buf, sizeof buf);
    assert_string_equal(buf, "3h ");
    timefmt_remaining(200, DAY_MIN, buf, 0);
    assert_string_equal(buf, "3h ");
    timefmt_remaining(200, DAY_MIN, NULL, 10);
}

static void age_seconds_and_minutes(void **state)
{
    (void)state;
    check_age(0, "0s");
    check_age(12, "12s");
    check_age(59, "59s");
    check_age(60, "1m");
    check_age(5 * 60 + 59, "5m");
    check_age(3599, "59m");
    check_age(-30, "0s"); /* clock skew */
}

static void age_hours_and_days(void **state)
{
    (void)state;
    check_age(3600, "1h");
    check_age(3600 + 5 * 60 + 7, "1h 5m");
    check_age(3 * 3600, "3h");
    check_age(86399, "23h 59m");
    check_age(86400, "1d");
    check_age(2 * 86400 + 3 * 3600 + 59, "2d 3h");
    check_age(9 * 86400 + 23 * 3600, "9d 23h");
    check_age(10 * 86400 + 23 * 3600, "10d");
    check_age(45L * 86400, "45d");
    check_age(999L * 86400, "999d");
    check_age(1000L * 86400, "999d+");
    check_age(LONG_MAX, "999d+");
}

static void countdown_clock(void **state)
{
    (void)state;
    check_countdown(180, "3:00");
    check_countdown(179, "2:59");
    check_countdown(7, "0:07");
    check_countdown(0, "0:00");
    check_countdown(-1, "-0:01");
    check_countdown(-90, "-1:30");
    check_countdown(-(99 * 60 + 59), "-99:59");
    check_countdown(99 * 60 + 59, "99:59");
}

static void countdown_long_overdue(void **state)
{
    (void)state;
    check_countdown(-100 * 60, "-1h 40m");
    check_countdown(-(2 * 86400 + 3 * 3600), "-2d 3h");
    check_countdown(-(23 * 3600 + 59 * 60), "-23h");
    check_countdown(LONG_MIN, "-999d+");
}

static int chinese(void **state)
{
    (void)state;
    catalogue_bind();
    catalogue_speak("zh_CN");
    return 0;
}

static int english(void **state)
{
    (void)state;
    catalogue_speak(NULL);
    return 0;
}

/* Chinese units, no gap between the parts; a Chinese character counts two
 * columns, so a smaller part that would pass seven is dropped. */
static void zh_remaining(void **state)
{
    (void)state;
    check_remaining(45, DAY_MIN, "45分");
    check_remaining(0, DAY_MIN, "0分");
    check_remaining(200, DAY_MIN, "3时20分");   /* 7 columns */
    check_remaining(180, DAY_MIN, "3时");
    check_remaining(420 + 180, DAY_MIN, "1天3时");
    check_remaining(5 * 420 + 120, DAY_MIN, "5天2时");
    check_remaining(99 * 420 + 419, DAY_MIN, "99天6时");
    check_remaining(-(2 * 420 + 180), DAY_MIN, "-2天3时");
    check_remaining(-90, DAY_MIN, "-1时");        /* "-1时30分" is 8 columns */
    check_remaining(-(99 * 420 + 419), DAY_MIN, "-99天");
    check_remaining(1439, 1440, "23时");
    check_remaining(100 * 420, DAY_MIN, "99天+");
    check_remaining(LONG_MIN, DAY_MIN, "-99天+");
}

/* The supervisor's median has six columns: enough for English, not for
 * "6时59分" (7). */
static void zh_remaining_narrow(void **state)
{
    char buf[TIMEFMT_BUFSIZE];

    (void)state;
    timefmt_remaining_in(419, DAY_MIN, 6, buf, sizeof buf);
    assert_string_equal(buf, "6时");
    timefmt_remaining_in(99 * 420 + 419, DAY_MIN, 6, buf, sizeof buf);
    assert_string_equal(buf, "99天");
    timefmt_remaining_in(420 + 180, DAY_MIN, 6, buf, sizeof buf);
    assert_string_equal(buf, "1天3时");
    catalogue_speak(NULL);
    timefmt_remaining_in(419, DAY_MIN, 6, buf, sizeof buf);
    assert_string_equal(buf, "6h 59m");
}

static void zh_age_and_countdown(void **state)
{
    (void)state;
    check_age(45, "45秒");
    check_age(5 * 60, "5分");
    check_age(3600 + 5 * 60, "1时5分");
    check_age(2 * 86400 + 3 * 3600, "2天3时");
    check_age(9 * 86400 + 23 * 3600, "9天23时");
    check_age(45L * 86400, "45天");
    check_age(LONG_MAX, "999天+");
    check_countdown(-90, "-1:30");
    check_countdown(-(2 * 86400 + 3 * 3600), "-2天3时");
    check_countdown(-100 * 60, "-1时");          /* "-1时40分" is 8 columns */
}

/* 2024-05-12 09:00 UTC: 17:00 in Beijing, 05:00 in New York. */
#define MAY_12_0900_UTC 1715504400

static int local_hour(time_t t)
{
    struct tm tm;
    assert_non_null(localtime_r(&t, &tm));
    return tm.tm_hour;
}

/* A console whose login session is in New York shows the centre's time. */
static void zone_of_the_centre(void **state)
{
    (void)state;
    assert_int_equal(setenv("TZ", "America/New_York", 1), 0);
    tzset();
    assert_int_equal(local_hour(MAY_12_0900_UTC), 5);

    assert_int_equal(timefmt_use_zone("Asia/Shanghai"), 1);
    assert_int_equal(local_hour(MAY_12_0900_UTC), 17);
    assert_string_equal(getenv("TZ"), "Asia/Shanghai");
    /* The same zone again, or none, changes nothing. */
    assert_int_equal(timefmt_use_zone("Asia/Shanghai"), 0);
    assert_int_equal(timefmt_use_zone(NULL), 0);
    assert_int_equal(timefmt_use_zone(""), 0);
    assert_int_equal(local_hour(MAY_12_0900_UTC), 17);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(remaining_minutes),
        cmocka_unit_test(remaining_hours),
        cmocka_unit_test(remaining_days),
        cmocka_unit_test(remaining_overdue),
        cmocka_unit_test(remaining_saturates),
        cmocka_unit_test(remaining_other_day_lengths),
        cmocka_unit_test(remaining_small_buffers),
        cmocka_unit_test(age_seconds_and_minutes),
        cmocka_unit_test(age_hours_and_days),
        cmocka_unit_test(countdown_clock),
        cmocka_unit_test(countdown_long_overdue),
        cmocka_unit_test(zone_of_the_centre),
        cmocka_unit_test_setup_teardown(zh_remaining, chinese, english),
        cmocka_unit_test_setup_teardown(zh_age_and_countdown, chinese, english),
        cmocka_unit_test_setup_teardown(zh_remaining_narrow, chinese, english),
    };

    if (!setlocale(LC_ALL, "C.UTF-8"))
        return 1;
    return cmocka_run_group_tests_name("timefmt", tests, NULL, NULL);
}
