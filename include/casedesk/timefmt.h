/* casedesk — compact times for the screen ("1d 3h", "5m", "-1:30").
 *
 * The unit words are the catalogue's (context "time unit"): in Chinese
 * "1天3时", "5分", "-2天3时". Every result is at most TIMEFMT_MAX_COLS display
 * columns (a Chinese character counts two; a part that would pass them is
 * dropped) and shorter than TIMEFMT_BUFSIZE bytes. Larger amounts saturate
 * ("99d+"). The result is cut to fit buf when n is smaller; n == 0 writes
 * nothing. Magnitudes are truncated, never rounded up: a clock showing "3h"
 * has at least three hours left, never less.
 */
#ifndef CASEDESK_TIMEFMT_H
#define CASEDESK_TIMEFMT_H

#include <stddef.h>

#define TIMEFMT_MAX_COLS 7
#define TIMEFMT_BUFSIZE 16
/* Working minutes in a business day at the centre: 09:00-12:00 and 13:00-17:00. */
#define TIMEFMT_DEFAULT_MINUTES_PER_DAY 420

/* Remaining business time of an SLA, negative once overdue:
 *   >= 1 business day  "2d 3h", "1d" (no " 0h"; minutes dropped)
 *   >= 1 hour          "3h 20m", "3h" (no " 0m")
 *   otherwise          "45m", "0m"
 * Overdue gets one leading "-": "-1d 2h", "-45m". Beyond 99 days "99d+" or
 * "-99d+". A part that would make the text wider than TIMEFMT_MAX_COLS is
 * dropped. minutes_per_day outside 1..1440 means the centre's default 420. */
void timefmt_remaining(long minutes, int minutes_per_day, char *buf, size_t n);
/* The same for a column of cols display columns, narrower than
 * TIMEFMT_MAX_COLS: the smaller part is dropped when the two would pass it
 * (the supervisor's median: "6h 59m", but "6时" in Chinese). */
void timefmt_remaining_in(long minutes, int minutes_per_day, int cols, char *buf, size_t n);

/* Wall-clock age: "12s", "5m", "1h 5m", "3h", "2d 3h", "2d" (the hours are
 * dropped from 10 days on: "45d"), "999d+" beyond. Negative ages (clock skew)
 * show as "0s". */
void timefmt_age(long seconds, char *buf, size_t n);

/* A countdown clock: "3:00", "0:07", "-1:30", up to "-99:59"; from 100
 * minutes on it reads like timefmt_age() with the sign: "-1h 40m", "-2d 3h". */
void timefmt_countdown(long seconds, char *buf, size_t n);

/* Makes every local time of the process (localtime_r, strftime) the time of
 * the named zone, e.g. the centre's "Asia/Shanghai", whatever TZ the login
 * session has: the server writes its times into texts in that zone, and the
 * screen must agree with them. 1 when the zone changed, 0 when it was
 * already in use or zone is NULL or empty. */
int timefmt_use_zone(const char *zone);

#endif
