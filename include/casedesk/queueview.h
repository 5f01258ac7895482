/* casedesk — the queue as a view (view 1): its pages, or a list of items
 * drill.h put in their place. Its keys: moving and paging, acting on the
 * item under the cursor or the tagged ones (itemact.h), opening the
 * detail, tags, search, filter, order, and Esc backing out of one thing.
 */
#ifndef CASEDESK_QUEUEVIEW_H
#define CASEDESK_QUEUEVIEW_H

#include "casedesk/view.h"

extern const struct view_ops queueview_ops;

#endif
