/* casedesk — the views the tab bar offers (1 queue, 2 escalations, 3 the
 * supervisor's figures), which of them the user's job has, switching between
 * them, and the home view a job starts in: the escalation desk for on-call
 * staff, the figures for supervisors, the queue for everyone else.
 */
#ifndef CASEDESK_VIEW_H
#define CASEDESK_VIEW_H

#include <stddef.h>

struct app;

/* The views 1, 2 and 3 of the tab bar, and an item's detail. */
enum view { VIEW_QUEUE, VIEW_DETAIL, VIEW_ESCALATIONS, VIEW_SUPERVISOR };

/* Whether the user's job has the view (the supervisor's figures are for
 * supervisors; until the database said who the user is, nobody has them). */
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

/* The tab bar, "[1 Queue] 2 Escalations 3 Supervisor", in buf; *flash_x and
 * *flash_cols (columns from the start of buf) say which part flashes now,
 * *flash_cols 0 for none. */
void view_tabs(const struct app *app, long long now_ms, char *buf, size_t n, int *flash_x,
               int *flash_cols);

#endif
