/* casedesk — compact times for the screen. */
#include "casedesk/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MINUTE 60ul
#define HOUR (60ul * MINUTE)
#define DAY (24ul * HOUR)
#define MAX_SLA_DAYS 99ul
#define MAX_AGE_DAYS 999ul
/* Past this many days the hours of an age are noise. */
#define AGE_DAYS_WITH_HOURS 10ul
/* Below this a countdown keeps its M:SS form. */
#define COUNTDOWN_CLOCK_LIMIT (100ul * MINUTE)

/* |value| without overflow for LONG_MIN. */
static unsigned long magnitude(long value)
{
    return value < 0 ? 0ul - (unsigned long)value : (unsigned long)value;
}

static void put(char *buf, size_t n, const char *text)
{
    if (buf && n > 0)
        snprintf(buf, n, "%s", text);
}

/* "2d 3h"; the smaller part is left out when zero or when it would make the
 * text wider than the column the screen keeps for it. */
static void two_units(char *buf, size_t n, const char *sign, unsigned long big,
                      char big_unit, unsigned long small, char small_unit)
{
    char tmp[3 * TIMEFMT_BUFSIZE];
    int len = -1;

    if (small > 0)
        len = snprintf(tmp, sizeof tmp, "%s%lu%c %lu%c", sign, big, big_unit,
                       small, small_unit);
    if (len < 0 || len > TIMEFMT_MAX_COLS)
        snprintf(tmp, sizeof tmp, "%s%lu%c", sign, big, big_unit);
    put(buf, n, tmp);
}

static void one_unit(char *buf, size_t n, const char *sign, unsigned long value,
                     const char *unit)
{
    char tmp[3 * TIMEFMT_BUFSIZE];

    snprintf(tmp, sizeof tmp, "%s%lu%s", sign, value, unit);
    put(buf, n, tmp);
}

void timefmt_remaining(long minutes, int minutes_per_day, char *buf, size_t n)
{
    const char *sign = minutes < 0 ? "-" : "";
    unsigned long mag = magnitude(minutes);
    unsigned long per_day, days, rest;

    if (minutes_per_day < 1 || minutes_per_day > 24 * 60)
        minutes_per_day = TIMEFMT_DEFAULT_MINUTES_PER_DAY;
    per_day = (unsigned long)minutes_per_day;
    days = mag / per_day;
    rest = mag % per_day;
    if (days > MAX_SLA_DAYS)
        one_unit(buf, n, sign, MAX_SLA_DAYS, "d+");
    else if (days > 0)
        two_units(buf, n, sign, days, 'd', rest / 60, 'h');
    else if (mag >= 60)
        two_units(buf, n, sign, mag / 60, 'h', mag % 60, 'm');
    else
        one_unit(buf, n, sign, mag, "m");
}

/* The age ladder shared by timefmt_age() and long countdowns. */
static void compact_seconds(char *buf, size_t n, const char *sign, unsigned long mag)
{
    unsigned long days = mag / DAY;

    if (mag < MINUTE)
        one_unit(buf, n, sign, mag, "s");
    else if (mag < HOUR)
        one_unit(buf, n, sign, mag / MINUTE, "m");
    else if (mag < DAY)
        two_units(buf, n, sign, mag / HOUR, 'h', mag % HOUR / MINUTE, 'm');
    else if (days < AGE_DAYS_WITH_HOURS)
        two_units(buf, n, sign, days, 'd', mag % DAY / HOUR, 'h');
    else if (days <= MAX_AGE_DAYS)
        one_unit(buf, n, sign, days, "d");
    else
        one_unit(buf, n, sign, MAX_AGE_DAYS, "d+");
}

void timefmt_age(long seconds, char *buf, size_t n)
{
    compact_seconds(buf, n, "", seconds < 0 ? 0ul : (unsigned long)seconds);
}

void timefmt_countdown(long seconds, char *buf, size_t n)
{
    const char *sign = seconds < 0 ? "-" : "";
    unsigned long mag = magnitude(seconds);
    char tmp[3 * TIMEFMT_BUFSIZE];

    if (mag >= COUNTDOWN_CLOCK_LIMIT) {
        compact_seconds(buf, n, sign, mag);
        return;
    }
    snprintf(tmp, sizeof tmp, "%s%lu:%02lu", sign, mag / MINUTE, mag % MINUTE);
    put(buf, n, tmp);
}

int timefmt_use_zone(const char *zone)
{
    const char *now = getenv("TZ");

    if (!zone || !*zone || (now && strcmp(now, zone) == 0))
        return 0;
    if (setenv("TZ", zone, 1) != 0)
        return 0;
    tzset();
    return 1;
}
