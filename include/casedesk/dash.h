/* casedesk — the dashboard: the meters under the tab bar of every view, and
 * on a large screen the panes of the queue view (panes.h), which of them
 * has the keys, and the lists a meter leads to.
 *
 * The meters' counts ride on answers the console fetches anyway (db.c: the
 * queue page, the change check, the periodic sweep and check), so an idle
 * console asks nothing more; the escalations are the list it holds.
 */
#ifndef CASEDESK_DASH_H
#define CASEDESK_DASH_H

#include <libpq-fe.h>
#include <stddef.h>

#include "casedesk/meters.h"
#include "casedesk/panes.h"
#include "casedesk/view.h"

struct app;

/* The panes view v shows for the user's job on this terminal. */
void dash_panes(const struct app *app, enum view v, struct panes *p);
/* What the pane with the keys shows in the view on screen; PANE_QUEUE and
 * the like for a screen of one region (what the view itself shows). */
enum pane_content dash_focused(const struct app *app);
/* Rows of the queue's list in the queue view, at least 1. */
int dash_queue_rows(const struct app *app);

/* Gives the keys to the other pane; says so when the screen has one. */
int dash_focus_next(struct app *app);

/* An answer carried the meters (casedesk.my_meters()) in column col of its
 * first row. One without rows carries none: when it answered news of a
 * change (app->meters_due, live.c), the check is asked for them. */
void dash_meters_read(struct app *app, const PGresult *res, int col);
void dash_meters_missed(struct app *app);
/* The meters laid out for a line cols wide at the server's time now. */
size_t dash_meters(const struct app *app, int cols, long long now, struct meter_seg *out);

#endif
