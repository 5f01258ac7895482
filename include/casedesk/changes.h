/* casedesk — which changes the console has seen, and what news of another
 * means for the screen.
 *
 * Every change takes a number from one sequence (change_seq) and stores it
 * on the rows it wrote. Items and escalations are followed apart, so that
 * an alarm the sweep raises fetches the escalation list again and not the
 * queue page, and an approval the other way round. A change check asks the
 * database for the newest change of each kind the user may see; a
 * notification ("SEQ KIND ID") says that a change was committed.
 *
 * Pure: live.c asks the database and fetches what these say changed.
 */
#ifndef CASEDESK_CHANGES_H
#define CASEDESK_CHANGES_H

#include <stdint.h>

/* What changed, and so what to fetch again. */
enum {
    CHANGED_ITEMS = 1u << 0,        /* the queue page, the item opened */
    CHANGED_ESCALATIONS = 1u << 1,  /* the escalation list */
};

struct changes {
    int64_t items, escalations;     /* the newest change of each kind seen */
    int known;                      /* a check has answered */
};

/* A check's answer: the newest item and escalation changes the user may
 * see. Returns what is new since the numbers seen (CHANGED_*; nothing for
 * the first answer, which only sets them). Paused, the numbers stay where
 * they were, so that the check after resuming still finds what came
 * meanwhile. */
unsigned changes_answer(struct changes *c, int64_t items, int64_t escalations, int paused);

/* What a notification asks for: what to fetch at once (CHANGED_*) and
 * whether a check should find out whether the change is one the user may
 * see. */
struct change_news {
    unsigned fetch;
    int check;
};
/* on_screen(ctx, id): whether item id is on the user's screen. A change to
 * an item on screen is fetched at once, without a check first: the user can
 * see it, and the check's round trip would only delay the frame. */
struct change_news changes_notified(struct changes *c, const char *payload,
                                    int (*on_screen)(const void *ctx, int64_t id),
                                    const void *ctx);

#endif
