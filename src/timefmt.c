/* casedesk — compact times for the screen. */
#include "casedesk/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casedesk/i18n.h"
#include "casedesk/text.h"

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

/* The unit words come from the catalogue, each with the context "time unit"
 * so that "d" or "m" as a unit is translated apart from any other "d" or
 * "m": 天, 时, 分, 秒 in Chinese. */
enum unit { UNIT_DAY, UNIT_HOUR, UNIT_MINUTE, UNIT_SECOND };

static const char *unit_word(enum unit u)
{
    switch (u) {
    case UNIT_DAY: return C_("time unit", "d");
    case UNIT_HOUR: return C_("time unit", "h");
    case UNIT_MINUTE: return C_("time unit", "m");
    default: return C_("time unit", "s");
    }
}

static void one_unit(char *buf, size_t n, const char *sign, unsigned long value, enum unit u,
                     const char *more)
{
    char tmp[3 * TIMEFMT_BUFSIZE];

    snprintf(tmp, sizeof tmp, "%s%lu%s%s", sign, value, unit_word(u), more);
    put(buf, n, tmp);
}

/* "2d 3h" ("2天3时": the catalogue says how two parts join); the smaller part
 * is left out when zero or when it would make the text wider, in display
 * columns, than the column the screen keeps for it. */
static void two_units(char *buf, size_t n, int cols, const char *sign, unsigned long big,
                      enum unit big_unit, unsigned long small, enum unit small_unit)
{
    char a[4 * TIMEFMT_BUFSIZE], b[4 * TIMEFMT_BUFSIZE], tmp[9 * TIMEFMT_BUFSIZE];

    if (small > 0) {
        snprintf(a, sizeof a, "%s%lu%s", sign, big, unit_word(big_unit));
        snprintf(b, sizeof b, "%lu%s", small, unit_word(small_unit));
        /* TRANSLATORS: a duration of two parts, such as "2d" and "3h". */
        snprintf(tmp, sizeof tmp, C_("time unit", "%s %s"), a, b);
        if (strlen(tmp) < TIMEFMT_BUFSIZE && text_width(tmp) <= cols) {
            put(buf, n, tmp);
            return;
        }
    }
    one_unit(buf, n, sign, big, big_unit, "");
}

void timefmt_remaining(long minutes, int minutes_per_day, char *buf, size_t n)
{
    timefmt_remaining_in(minutes, minutes_per_day, TIMEFMT_MAX_COLS, buf, n);
}

void timefmt_remaining_in(long minutes, int minutes_per_day, int cols, char *buf, size_t n)
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
        one_unit(buf, n, sign, MAX_SLA_DAYS, UNIT_DAY, "+");
    else if (days > 0)
        two_units(buf, n, cols, sign, days, UNIT_DAY, rest / 60, UNIT_HOUR);
    else if (mag >= 60)
        two_units(buf, n, cols, sign, mag / 60, UNIT_HOUR, mag % 60, UNIT_MINUTE);
    else
        one_unit(buf, n, sign, mag, UNIT_MINUTE, "");
}

/* The age ladder shared by timefmt_age() and long countdowns. */
static void compact_seconds(char *buf, size_t n, const char *sign, unsigned long mag)
{
    unsigned long days = mag / DAY;

    if (mag < MINUTE)
        one_unit(buf, n, sign, mag, UNIT_SECOND, "");
    else if (mag < HOUR)
        one_unit(buf, n, sign, mag / MINUTE, UNIT_MINUTE, "");
    else if (mag < DAY)
        two_units(buf, n, TIMEFMT_MAX_COLS, sign, mag / HOUR, UNIT_HOUR, mag % HOUR / MINUTE,
                  UNIT_MINUTE);
    else if (days < AGE_DAYS_WITH_HOURS)
        two_units(buf, n, TIMEFMT_MAX_COLS, sign, days, UNIT_DAY, mag % DAY / HOUR, UNIT_HOUR);
    else if (days <= MAX_AGE_DAYS)
        one_unit(buf, n, sign, days, UNIT_DAY, "");
    else
        one_unit(buf, n, sign, MAX_AGE_DAYS, UNIT_DAY, "+");
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
