/* casedesk — from a meter to the list it counts. */
#include "casedesk/jump.h"

#include <string.h>

#include "casedesk/dash.h"
#include "casedesk/drill.h"
#include "casedesk/i18n.h"
#include "casedesk/page.h"
#include "casedesk/svc.h"
#include "casedesk/views.h"

static void show_filter(struct app *app, enum queue_filter f)
{
    view_switch(app, VIEW_QUEUE);
    if (app->view == VIEW_QUEUE)
        page_filter(app, f);
}

/* Gives the keys to the pane of v that shows c; 0 when v has none on this
 * screen. */
static int focus_pane(struct app *app, enum view v, enum pane_content c)
{
    struct panes p;
    int i;

    dash_panes(app, v, &p);
    i = panes_find(&p, c);
    if (p.n < 2 || i < 0)
        return 0;
    view_switch(app, v);
    if (app->view != v)
        return 0;
    app->pane_focus = i;
    app->dirty |= DIRTY_LIST | DIRTY_HINTS | DIRTY_HEADER;
    return 1;
}

/* The escalations: their pane where the view on screen has one, else the
 * escalation desk (its own pane of it, for on-call staff). */
static void show_waiting(struct app *app)
{
    if (focus_pane(app, view_tab(app), PANE_ESCALATIONS))
        return;
    if (!focus_pane(app, VIEW_ESCALATIONS, PANE_ESCALATIONS))
        view_switch(app, VIEW_ESCALATIONS);
}

/* Red items: a supervisor's are the kept figure's list (beside the figures
 * on a wide screen, else drill.c's); the others' queue shows them under the
 * overdue filter, which is what red is. */
static void show_red(struct app *app)
{
    /* Beside the figures already, on a wide screen. */
    if (app->view == VIEW_SUPERVISOR && focus_pane(app, VIEW_SUPERVISOR, PANE_RED))
        return;
    if (svc_job_is(app, "supervisor")) {
        view_switch(app, VIEW_QUEUE);
        if (app->view == VIEW_QUEUE)
            drill_figure(app, "red", 0, 0, _("red items, every department"));
        return;
    }
    show_filter(app, QUEUE_FILTER_OVERDUE);
}

int jump_show(struct app *app, const char *word)
{
    if (strcmp(word, "red") == 0)
        show_red(app);
    else if (strcmp(word, "paused") == 0)
        show_filter(app, QUEUE_FILTER_PAUSED);
    else if (strcmp(word, "mine") == 0)
        show_filter(app, QUEUE_FILTER_MINE);
    else if (strcmp(word, "open") == 0)
        show_filter(app, QUEUE_FILTER_ALL);
    else if (strcmp(word, "waiting") == 0)
        show_waiting(app);
    else
        return 0;
    return 1;
}

int jump_key(struct app *app, enum action a)
{
    switch (a) {
    case ACTION_FOCUS_PANE: return dash_focus_next(app);
    case ACTION_SHOW_RED: return jump_show(app, "red");
    case ACTION_SHOW_WAITING: return jump_show(app, "waiting");
    default: return 0;
    }
}

