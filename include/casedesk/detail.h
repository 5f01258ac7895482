/* casedesk — the detail view's data: the item itself, the flow chart of its
 * case, its texts (knowledge base and notes) and its history.
 *
 * The four parts are asked for together and arrive one by one; each is
 * drawn as soon as it is there. An answer that a newer request for the same
 * part has overtaken, or that arrives after the view was left, is dropped.
 * The data lives in app->detail (struct detail, ui.h).
 */
#ifndef CASEDESK_DETAIL_H
#define CASEDESK_DETAIL_H

#include "casedesk/view.h"

/* The parts whose requests are counted (app->detail_inflight). */
enum detail_part { DETAIL_ITEMS, DETAIL_TEXTS, DETAIL_EVENTS, DETAIL_PARTS };

struct app;
struct queue_row;

/* Opens the view on the queue's current item and fetches it if online. */
void detail_open(struct app *app);
/* Opens it on the item r (copied), e.g. the one behind an escalation; Esc
 * goes back to the view back. */
void detail_open_row(struct app *app, const struct queue_row *r, enum view back);
/* Back to the view the detail was opened from. */
void detail_close(struct app *app);
/* Asks for every part of the item shown again. */
void detail_fetch(struct app *app);
/* Scrolls by delta lines, within the detail's length. */
void detail_scroll(struct app *app, int delta);

#endif
