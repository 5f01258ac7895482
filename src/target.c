/* casedesk — the item an action is for. */
#include "casedesk/target.h"

#include <stdlib.h>
#include <string.h>

void target_free(struct target *t)
{
    free(t->case_no);
    free(t->item);
    free(t->applicant);
    memset(t, 0, sizeof *t);
}

int target_set(struct target *t, int64_t id, int64_t case_id, int version, const char *case_no,
               const char *item, const char *applicant)
{
    target_free(t);
    t->id = id;
    t->case_id = case_id;
    t->version = version;
    t->case_no = strdup(case_no ? case_no : "");
    t->item = strdup(item ? item : "");
    t->applicant = strdup(applicant ? applicant : "");
    if (!t->case_no || !t->item || !t->applicant) {
        target_free(t);
        return -1;
    }
    return 0;
}

int target_from_row(struct target *t, const struct queue_row *r)
{
    return target_set(t, r->id, r->case_id, r->version, r->case_no, r->item, r->applicant);
}

int target_copy(struct target *dst, const struct target *src)
{
    memset(dst, 0, sizeof *dst);
    return target_set(dst, src->id, src->case_id, src->version, src->case_no, src->item,
                      src->applicant);
}
