/* casedesk — the escalation desk (view 2) in the console: fetching the list
 * (the escalations the user may answer, or a window clerk's own), telling
 * the user about new ones (the tab flashes; the bell rings when display.bell
 * is on), and the keys of the view: acknowledge (the approve key), resolve
 * with an answer, hand on to another department or person, open the item
 * behind an escalation.
 *
 * The actions go through actions.c like the queue's, with the escalation's
 * version as the user saw it: of two acknowledging at once one wins, and the
 * other hears who did ("already acknowledged by 陈杰 at 10:32").
 */
#ifndef CASEDESK_ESCDESK_H
#define CASEDESK_ESCDESK_H

#include "casedesk/view.h"

struct app;

/* Asks for the list again; while one is on its way, once it has arrived. */
void escdesk_fetch(struct app *app);
/* View 2. */
extern const struct view_ops escdesk_ops;
/* Whether the list is the user's own questions (a window clerk's). */
int escdesk_raised(const struct app *app);
/* Whether the user's job answers escalations (on-call staff, supervisors). */
int escdesk_answers(const struct app *app);

#endif
