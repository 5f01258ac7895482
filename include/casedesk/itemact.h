/* casedesk — what the queue and an item's detail do alike: the keys that act
 * on the item under the cursor or in the detail, or on the tagged items
 * (claim, release and approve go to the tags when there are any; a
 * supervisor reassigns them), and repeating the search.
 */
#ifndef CASEDESK_ITEMACT_H
#define CASEDESK_ITEMACT_H

#include "casedesk/keymap.h"

struct app;

/* 1 when a is one of those keys (and was handled), 0 otherwise. */
int itemact_key(struct app *app, enum action a);

#endif
