/* casedesk — which changes the console has seen. */
#include "casedesk/changes.h"

#include <stdlib.h>
#include <string.h>

static int64_t newer(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

unsigned changes_answer(struct changes *c, int64_t items, int64_t escalations, int paused)
{
    unsigned news = 0;

    if (c->known && !paused) {
        if (items > c->items)
            news |= CHANGED_ITEMS;
        if (escalations > c->escalations)
            news |= CHANGED_ESCALATIONS;
    }
    if (!paused || !c->known) {
        c->items = newer(c->items, items);
        c->escalations = newer(c->escalations, escalations);
    }
    c->known = 1;
    return news;
}

/* Whether the word after the number names a change of escalations: one
 * person's action on an escalation, or a sweep's run (its alarms; the
 * alarm marker it sets on an item shows nowhere). */
static int about_escalations(const char *kind)
{
    return strncmp(kind, " escalation ", 12) == 0 || strncmp(kind, " sweep ", 7) == 0;
}

void changes_covered(struct changes *c, unsigned kind, int64_t seq, int paused)
{
    if (paused || !c->known)
        return;
    if (kind & CHANGED_ITEMS)
        c->items = newer(c->items, seq);
    if (kind & CHANGED_ESCALATIONS)
        c->escalations = newer(c->escalations, seq);
}

/* A non-negative number and what follows it, or -1. */
static int64_t number(const char *s, const char **rest)
{
    char *end;
    long long v;

    if (*s < '0' || *s > '9')
        return -1;
    v = strtoll(s, &end, 10);
    *rest = end;
    return v;
}

void changes_scope_set(struct change_scope *s, const char *list)
{
    const char *p = list, *end;

    s->limited = 0;
    s->n = 0;
    if (!list)
        return;
    while (*p) {
        int64_t d = number(p, &end);
        if (d < 0 || s->n == CHANGE_SCOPE_MAX || (*end && (*end != ' ' || !end[1]))) {
            s->n = 0;
            return;
        }
        s->depts[s->n++] = d;
        p = *end ? end + 1 : end;
    }
    s->limited = s->n > 0;
}

int changes_scope_has(const struct change_scope *s, int64_t dept)
{
    if (!s->limited)
        return 1;
    for (int i = 0; i < s->n; i++)
        if (s->depts[i] == dept)
            return 1;
    return 0;
}

/* The place of the item a notification of kind "item" names ("ID" or
 * "ID DEPT CASE"); returns 0 when the payload is not one. */
static int item_named(const char *kind, struct change_hint *h)
{
    const char *p;

    h->item = h->dept = h->kase = -1;
    if (strncmp(kind, " item ", 6) != 0 || (h->item = number(kind + 6, &p)) < 0)
        return 0;
    if (*p == '\0')
        return 1;
    if (*p != ' ' || (h->dept = number(p + 1, &p)) < 0 || *p != ' '
        || (h->kase = number(p + 1, &p)) < 0 || *p != '\0') {
        h->dept = h->kase = -1;
        return 0;
    }
    return 1;
}

int changes_place(const char *payload, struct change_hint *h)
{
    const char *kind;

    h->item = h->dept = h->kase = -1;
    return number(payload, &kind) >= 0 && item_named(kind, h);
}

struct change_news changes_notified(struct changes *c, const char *payload,
                                    int (*concerns)(const void *ctx,
                                                    const struct change_hint *h),
                                    const void *ctx)
{
    struct change_news n = {0, 0, -1};
    char *kind;
    long long seq = strtoll(payload, &kind, 10);
    struct change_hint h;
    int item = item_named(kind, &h);

    /* Anyone may NOTIFY this channel with any payload, so a payload is a
     * hint of what to fetch, never a number seen: only rows read (a check's
     * answer, a fetch's covered change) move those. A forged
     * "9223372036854775807 item 1" would otherwise hide every later
     * change. A forged place costs at most a fetch, or misses nothing: the
     * real change sends its own notification. */
    if (about_escalations(kind)) {
        /* The notification itself says the list changed: an escalation
         * handed on to another department leaves the rows this user may
         * see, so no check would show it. A check that found exactly this
         * number already had the list fetched. */
        if (!c->known || seq != c->escalations)
            n.fetch = CHANGED_ESCALATIONS;
        return n;
    }
    if (!c->known || !item) {
        n.check = 1;
    } else if (concerns && concerns(ctx, &h)) {
        n.fetch = CHANGED_ROWS;
        n.item = h.item;
    } else if (h.dept >= 0) {
        /* Another department's item, of a case not on the screen. */
    } else if (seq > 0 && seq <= c->items) {
        /* Sequence numbers are taken before commit, so a change can commit
         * after a higher one was seen: a check would miss it. */
        n.fetch = CHANGED_ITEMS;
    } else {
        n.check = 1;
    }
    return n;
}
