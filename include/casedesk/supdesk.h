/* casedesk — the supervisor's view (view 3) in the console: fetching the
 * figures per department and per matter type and the 14-day history of the
 * row under the cursor, and the keys of the view: move between rows and
 * figures, Enter to list the items behind a figure (drill.h), the filter key
 * to switch between departments and matter types.
 *
 * The figures are the database's (casedesk.supervisor_figures() folds what
 * changed since the last look); they are fetched when the view opens, on R
 * and on every change while the view is on screen, one request at a time.
 */
#ifndef CASEDESK_SUPDESK_H
#define CASEDESK_SUPDESK_H

#include "casedesk/view.h"

struct app;

void supdesk_fetch(struct app *app);
/* The red items beside the figures (a pane of a wide screen): the list,
 * or only what time changes in it. */
void supdesk_draw_red(struct app *app, unsigned dirty, const struct ui_clock *clk);
/* View 3. */
extern const struct view_ops supdesk_ops;

#endif
