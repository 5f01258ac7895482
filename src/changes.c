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

/* The item a notification of kind "item" names, or -1. */
static int64_t item_named(const char *kind)
{
    char *end;
    long long id;

    if (strncmp(kind, " item ", 6) != 0)
        return -1;
    id = strtoll(kind + 6, &end, 10);
    return end != kind + 6 && *end == '\0' ? id : -1;
}

struct change_news changes_notified(struct changes *c, const char *payload,
                                    int (*on_screen)(const void *ctx, int64_t id),
                                    const void *ctx)
{
    struct change_news n = {0, 0};
    char *kind;
    long long seq = strtoll(payload, &kind, 10);
    int64_t item = item_named(kind);

    /* Anyone may NOTIFY this channel with any payload, so a payload is a
     * hint of what to fetch, never a number seen: only a check's answer,
     * read from the rows, moves those. A forged "9223372036854775807 item
     * 1" would otherwise hide every later change. */
    if (about_escalations(kind)) {
        /* The notification itself says the list changed: an escalation
         * handed on to another department leaves the rows this user may
         * see, so no check would show it. A check that found exactly this
         * number already had the list fetched. */
        if (!c->known || seq != c->escalations)
            n.fetch = CHANGED_ESCALATIONS;
        return n;
    }
    /* Sequence numbers are taken before commit, so a change can commit
     * after a higher one that was already seen: "newer than the last
     * seen" would miss it, so such a late change reloads at once. */
    if (c->known && seq > 0 && seq <= c->items) {
        n.fetch = CHANGED_ITEMS;
    } else if (c->known && item >= 0 && on_screen && on_screen(ctx, item)) {
        n.fetch = CHANGED_ITEMS;
    } else {
        n.check = 1;
    }
    return n;
}
