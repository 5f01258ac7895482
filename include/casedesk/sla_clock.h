/* casedesk — the SLA clock shown on screen: business time left until an
 * item falls due, and how urgent that makes it.
 *
 * The database decides what business time is (casedesk.business_intervals:
 * working days, lunch breaks, holidays and make-up days); the console only
 * counts seconds inside the intervals it was given, so that the countdown can
 * tick every second without asking the server. Times are Unix epoch seconds.
 */
#ifndef CASEDESK_SLA_CLOCK_H
#define CASEDESK_SLA_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* An epoch that is not there (SQL NULL). */
#define SLA_NONE INT64_MIN

/* [opens, closes): business time. */
struct sla_interval {
    int64_t opens;
    int64_t closes;
};

struct sla_calendar {
    struct sla_interval *v;   /* sorted, not overlapping */
    size_t n;
};

enum sla_urgency {
    SLA_GREEN,     /* time left */
    SLA_YELLOW,    /* past the yellow mark: nearly used */
    SLA_RED,       /* overdue */
    SLA_PAUSED     /* the clock stands: supplement or suspension */
};

void sla_calendar_init(struct sla_calendar *cal);
void sla_calendar_free(struct sla_calendar *cal);

/* Replaces the intervals with a sorted copy of v; empty and reversed
 * intervals are skipped, overlapping or touching ones merged. 0, or -1 out of
 * memory (the old intervals stay). */
int sla_calendar_set(struct sla_calendar *cal, const struct sla_interval *v, size_t n);

/* Business seconds in [a, b); 0 when b <= a. */
int64_t sla_business_seconds(const struct sla_calendar *cal, int64_t a, int64_t b);

/* Business minutes from now until due: positive while time is left, negative
 * once overdue, both truncated (a clock never shows more time left, nor more
 * lateness, than there is), except that an overdue item is at least one
 * minute over. With a paused epoch the clock
 * stands at the time left when it stopped. An empty calendar counts wall-clock
 * time. */
long sla_remaining_minutes(const struct sla_calendar *cal, int64_t now, int64_t due,
                           int64_t paused);

/* When business time next begins, seen at t: the opening of the next
 * interval while t lies outside business time (at night, at lunch, on a
 * holiday; a clock counting business time stands until then). SLA_NONE
 * inside business time, with an empty calendar (wall-clock time never
 * stops) and past the calendar's last interval. */
int64_t sla_next_opening(const struct sla_calendar *cal, int64_t t);

/* Business minutes in the centre's longest working day (for "1d" on screen),
 * or 0 when the calendar is empty. Intervals less than eight hours apart
 * belong to the same day. */
int sla_minutes_per_day(const struct sla_calendar *cal);

/* Paused wins; then red at due, yellow at the yellow mark. A missing due is
 * green, a missing yellow mark goes straight from green to red. */
enum sla_urgency sla_urgency_at(int64_t now, int64_t due, int64_t yellow, int64_t paused);

#endif
