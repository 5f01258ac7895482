/* casedesk — an item's detail as a view: the item itself, the flow chart of
 * its case, its texts and its history (detail.h), asked for together and
 * drawn part by part as they arrive. An answer that a newer request for the
 * same part has overtaken, or that arrives after the view was left, is
 * dropped. Its keys scroll, act on the item (itemact.h) and go back.
 */
#ifndef CASEDESK_DETAILVIEW_H
#define CASEDESK_DETAILVIEW_H

#include "casedesk/view.h"

struct queue_row;

/* Opens the view on the queue's current item and fetches it if online. */
void detailview_open(struct app *app);
/* Opens it on the item r (copied), e.g. the one behind an escalation; Esc
 * goes back to the view back. */
void detailview_open_row(struct app *app, const struct queue_row *r, enum view back);
/* Back to the view the detail was opened from. */
void detailview_close(struct app *app);
/* Asks for every part of the item shown again. */
void detailview_fetch(struct app *app);
/* Scrolls by delta lines, within the detail's length. */
void detailview_scroll(struct app *app, int delta);

extern const struct view_ops detailview_ops;

#endif
