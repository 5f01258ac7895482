/* casedesk — which changes the console has seen, and what news of another
 * means for the screen.
 *
 * Every change takes a number from one sequence (change_seq) and stores it
 * on the rows it wrote. Items and escalations are followed apart, so that
 * an alarm the sweep raises fetches the escalation list again and not the
 * queue page, and an approval the other way round. A change check asks the
 * database for the newest change of each kind the user may see; a
 * notification ("SEQ KIND ID", for an item also its department and case)
 * says that a change was committed, and where.
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
    CHANGED_ROWS = 1u << 2,         /* items a notification named: as CHANGED_ITEMS, but
                                       the queue page may read them alone */
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

/* A change's place, as its notification names it: "SEQ item ID DEPT CASE"
 * (dept and kase -1 when the payload does not say). */
struct change_hint {
    int64_t item, dept, kase;
};

/* Which departments' items the user sees (row-level security: a reviewer
 * only their own), so that news of another department's item asks for
 * nothing. */
#define CHANGE_SCOPE_MAX 32
struct change_scope {
    int limited;                    /* only the departments below */
    int n;
    int64_t depts[CHANGE_SCOPE_MAX];
};

/* From a list of department ids ("1 4"); NULL, an empty or a bad list
 * means every department (asking too much is safe, too little is not). */
void changes_scope_set(struct change_scope *s, const char *list);
int changes_scope_has(const struct change_scope *s, int64_t dept);

/* The place a notification names: 1 and h filled for an item's ("SEQ item
 * ID", h->dept and h->kase -1, or "SEQ item ID DEPT CASE"), 0 for anything
 * else. Pure. */
int changes_place(const char *payload, struct change_hint *h);

/* What a notification asks for: what to fetch at once (CHANGED_*) and
 * whether a check should find out whether the change is one the user may
 * see. */
struct change_news {
    unsigned fetch;
    int check;
    int64_t item;                   /* with CHANGED_ROWS: the item named */
};
/* concerns(ctx, hint): whether a change there shows on the user's screen:
 * with a department, whether the user sees that department's items or the
 * screen shows the case; without one, whether the item is on the screen. A
 * change that concerns the screen is fetched at once, without a check
 * first, as CHANGED_ROWS (the item is named); one that names a department
 * and does not concern it asks for nothing. */
struct change_news changes_notified(struct changes *c, const char *payload,
                                    int (*concerns)(const void *ctx,
                                                    const struct change_hint *h),
                                    const void *ctx);

/* A fetch answered with the newest change of its kind (CHANGED_ITEMS or
 * CHANGED_ESCALATIONS) the user may see, read in the fetch's own snapshot:
 * the screen shows everything up to it, so a check finds nothing new
 * there. Read from rows, never from a payload. Paused, nothing moves (as
 * changes_answer). */
void changes_covered(struct changes *c, unsigned kind, int64_t seq, int paused);

#endif
