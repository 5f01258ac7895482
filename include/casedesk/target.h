/* casedesk — the item an action is for, as the user saw it when asking.
 *
 * A queue row can be replaced by the next page, or freed with the detail,
 * while a question, an editor or a request about it is still open: a target
 * is a copy of just what the action and its messages need. No terminal or
 * database code.
 */
#ifndef CASEDESK_TARGET_H
#define CASEDESK_TARGET_H

#include <stdint.h>

#include "casedesk/queue.h"

struct target {
    int64_t id, case_id;
    int version;
    char *case_no, *item, *applicant;   /* never NULL once set; "" for none */
};

/* Replaces what t held. NULL strings become "". 0, or -1 out of memory
 * (t is then empty). */
int target_set(struct target *t, int64_t id, int64_t case_id, int version, const char *case_no,
               const char *item, const char *applicant);
/* The item of a queue row. */
int target_from_row(struct target *t, const struct queue_row *r);
/* dst is overwritten, not freed: free it first if it held a target. */
int target_copy(struct target *dst, const struct target *src);
/* Frees the strings and zeroes t; safe on a zeroed target. */
void target_free(struct target *t);

#endif
