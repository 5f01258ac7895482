/* casedesk — the meters under the tab bar, on every view: the open, red,
 * yellow and paused counts of the user's scope, the items the user holds
 * claimed, the escalations waiting with the most urgent one's countdown,
 * and today's on-time rate.
 *
 * The counts come as one text value ("open yellow red paused mine decided
 * on_time", casedesk.my_meters()) on answers the console fetches anyway:
 * the queue page and the periodic check. The escalations are the list the
 * console holds. Pure: the ui draws the segments laid out here.
 */
#ifndef CASEDESK_METERS_H
#define CASEDESK_METERS_H

#include <stddef.h>

struct meters {
    int known;                       /* an answer carried them */
    int open, yellow, red, paused, mine, decided, on_time;
    int no_claims;                   /* the user's job never claims: no "mine" */
};

/* Reads casedesk.my_meters()'s text into m; -1 (m unchanged) for anything
 * else, NULL included. */
int meters_parse(struct meters *m, const char *text);

/* Whether the console's periodic check asks for the meters: they ride on
 * what is fetched because of a change, so a check asks only when there are
 * none yet, when ask is set (a fetch came back without them, the
 * connection came back) or METERS_REFRESH_MS after they last came, for
 * what time alone changes (a new day's figures, an alarm in a scope whose
 * escalations the user does not see). */
#define METERS_REFRESH_MS 60000
int meters_wanted(const struct meters *m, int ask, long long now_ms, long long read_ms);

/* The escalations waiting for the user, as the console's list has them. */
struct meters_esc {
    int waiting;                     /* not acknowledged yet */
    int late;                        /* the most urgent is past its time */
    int soon;                        /* less than a minute left */
    char left[24];                   /* the most urgent one's countdown; "" for none */
};

enum meter_tone { METER_NORMAL, METER_YELLOW, METER_RED, METER_PAUSED };

/* What a meter counts, and where a key on it leads. */
enum meter_kind { METER_OPEN, METER_RED_ITEMS, METER_YELLOW_ITEMS, METER_PAUSED_ITEMS,
                  METER_MINE, METER_WAITING, METER_ON_TIME, METER_KINDS };

#define METER_TEXT_MAX 96
struct meter_seg {
    enum meter_kind kind;
    enum meter_tone tone;
    int x, width;                    /* where it stands on the line */
    char text[METER_TEXT_MAX];
};

/* The segments that fit in cols columns, laid out left to right two
 * columns apart: those that matter least (on-time rate, paused, mine,
 * yellow, open) go first when the line is short; red and the waiting
 * escalations stay. Symbols say what colour says (!!, !, ||), for NO_COLOR.
 * Returns how many were written to out (at most METER_KINDS). */
size_t meters_lay(const struct meters *m, const struct meters_esc *e, int cols,
                  struct meter_seg *out);

/* "93%", or "-" when nothing was decided today. */
void meters_rate_text(const struct meters *m, char *buf, size_t n);

#endif
