/* casedesk — the table of views and moving between them: switching, Tab
 * and Shift-Tab through the views the job has, the tab bar, the home view
 * a job starts in (the escalation desk for on-call staff, the figures for
 * supervisors, the intake for window clerks, the queue for everyone else).
 *
 * Adding a view:
 *   1. a value in enum view (view.h) and, for a tab, an action that opens
 *      it (keymap.h, with its default key);
 *   2. a module that implements struct view_ops (key, draw, hints, info,
 *      enter, on_change, shows, available) over its own part of struct app, using
 *      only svc.h and the modules below it; it returns the keys it does not
 *      handle, and records what else must happen in app->want;
 *   3. its ops in views[] (views.c), in the order Tab goes through them;
 *      app.c, input.c and frame.c find it there, and nothing else changes.
 */
#ifndef CASEDESK_VIEWS_H
#define CASEDESK_VIEWS_H

#include <stddef.h>

#include "casedesk/view.h"

/* The ops of view v. */
const struct view_ops *views_ops(enum view v);
/* The ops of the view on screen. */
const struct view_ops *views_current(const struct app *app);

/* Whether the user's job has the view. */
int view_available(const struct app *app, enum view v);
/* Shows v: closes an item's detail or a list of a figure's items on the
 * way, fetches what v shows. Says why when the job does not have v. */
void view_switch(struct app *app, enum view v);
/* Tab and Shift-Tab: the next or previous view the job has. */
void view_cycle(struct app *app, int dir);
/* The job's home view, the first time the database says who the user is. */
void view_home(struct app *app);
/* The view the tab bar marks: the detail counts as the view it came from. */
enum view view_tab(const struct app *app);
/* What news of changes (CHANGED_*) makes the console fetch (WANT_*): the
 * queue page for items and the escalation list for escalations whatever the
 * view (a new escalation rings the bell wherever the user is), and what the
 * view on screen asks for besides. */
unsigned views_on_change(const struct app *app, unsigned changed);
/* Whether a change there shows on the screen besides the user's
 * departments (view_ops.shows of the view on screen). */
int views_shows(const struct app *app, const struct change_hint *h);
/* The case and item the view on screen has open (view_ops.place); -1 for
 * none. */
void views_place(const struct app *app, int64_t *kase, int64_t *item);

/* The tab bar, "[1 Queue] 2 Escalations 3 Supervisor", in buf; wider than
 * max_cols (0: no limit), the tabs not on screen show only their numbers,
 * "1 2 [3 Supervisor] 4", so that what the header says besides fits.
 * *flash_x and *flash_cols (columns from the start of buf) say which part
 * flashes now, *flash_cols 0 for none. */
void view_tabs(const struct app *app, long long now_ms, char *buf, size_t n, int max_cols,
               int *flash_x, int *flash_cols);

#endif
