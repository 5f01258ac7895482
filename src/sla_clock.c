/* casedesk — the SLA clock shown on screen. */
#include "casedesk/sla_clock.h"

#include <stdlib.h>
#include <string.h>

#define DAY_GAP_SECONDS (8 * 3600)

void sla_calendar_init(struct sla_calendar *cal)
{
    cal->v = NULL;
    cal->n = 0;
}

void sla_calendar_free(struct sla_calendar *cal)
{
    free(cal->v);
    sla_calendar_init(cal);
}

static int by_opens(const void *a, const void *b)
{
    const struct sla_interval *x = a, *y = b;
    return (x->opens > y->opens) - (x->opens < y->opens);
}

int sla_calendar_set(struct sla_calendar *cal, const struct sla_interval *v, size_t n)
{
    struct sla_interval *copy = malloc((n ? n : 1) * sizeof *copy);
    size_t kept = 0;

    if (!copy)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (v[i].closes > v[i].opens)
            copy[kept++] = v[i];
    qsort(copy, kept, sizeof *copy, by_opens);
    size_t out = 0;
    for (size_t i = 0; i < kept; i++) {
        if (out > 0 && copy[i].opens <= copy[out - 1].closes) {
            if (copy[i].closes > copy[out - 1].closes)
                copy[out - 1].closes = copy[i].closes;
        } else {
            copy[out++] = copy[i];
        }
    }
    free(cal->v);
    cal->v = copy;
    cal->n = out;
    return 0;
}

/* The first interval that closes after t. */
static size_t first_closing_after(const struct sla_calendar *cal, int64_t t)
{
    size_t lo = 0, hi = cal->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->v[mid].closes <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int64_t sla_business_seconds(const struct sla_calendar *cal, int64_t a, int64_t b)
{
    int64_t total = 0;

    if (b <= a)
        return 0;
    for (size_t i = first_closing_after(cal, a); i < cal->n && cal->v[i].opens < b; i++) {
        int64_t from = cal->v[i].opens > a ? cal->v[i].opens : a;
        int64_t to = cal->v[i].closes < b ? cal->v[i].closes : b;
        total += to - from;
    }
    return total;
}

static int64_t span(const struct sla_calendar *cal, int64_t a, int64_t b)
{
    if (cal->n == 0)
        return b > a ? b - a : 0;
    return sla_business_seconds(cal, a, b);
}

long sla_remaining_minutes(const struct sla_calendar *cal, int64_t now, int64_t due,
                           int64_t paused)
{
    if (due == SLA_NONE)
        return 0;
    if (paused != SLA_NONE)
        now = paused;
    /* At the due instant the item is red (sla_urgency_at), so it reads late. */
    if (now < due)
        return (long)(span(cal, now, due) / 60);
    long over = (long)(span(cal, due, now) / 60);
    /* Truncated like the time left, but an overdue item never reads "0m",
     * even when it fell due after hours: late must look late. */
    return over > 0 ? -over : -1;
}

int64_t sla_next_opening(const struct sla_calendar *cal, int64_t t)
{
    size_t i = first_closing_after(cal, t);

    if (i == cal->n || cal->v[i].opens <= t)
        return SLA_NONE;
    return cal->v[i].opens;
}

int sla_minutes_per_day(const struct sla_calendar *cal)
{
    int64_t best = 0, day = 0;

    for (size_t i = 0; i < cal->n; i++) {
        if (i > 0 && cal->v[i].opens - cal->v[i - 1].closes >= DAY_GAP_SECONDS)
            day = 0;
        day += cal->v[i].closes - cal->v[i].opens;
        if (day > best)
            best = day;
    }
    return (int)(best / 60);
}

enum sla_urgency sla_urgency_at(int64_t now, int64_t due, int64_t yellow, int64_t paused)
{
    if (paused != SLA_NONE)
        return SLA_PAUSED;
    if (due != SLA_NONE && now >= due)
        return SLA_RED;
    if (yellow != SLA_NONE && now >= yellow)
        return SLA_YELLOW;
    return SLA_GREEN;
}
