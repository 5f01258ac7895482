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

/* The escalations: in their pane when the queue view has one, else view 2. */
static void show_waiting(struct app *app)
{
    struct panes p;
    int i;

    dash_panes(app, VIEW_QUEUE, &p);
    i = panes_find(&p, PANE_ESCALATIONS);
    if (p.n == 2 && i >= 0 && (app->view == VIEW_QUEUE || app->view == VIEW_DETAIL)) {
        view_switch(app, VIEW_QUEUE);
        app->pane_focus = i;
        app->dirty |= DIRTY_LIST | DIRTY_HINTS | DIRTY_HEADER;
        return;
    }
    view_switch(app, VIEW_ESCALATIONS);
}

/* Red items: a supervisor's are the kept figure's list (beside the figures
 * on a wide screen, else drill.c's); the others' queue shows them under the
 * overdue filter, which is what red is. */
static void show_red(struct app *app)
{
    struct panes p;
    int i;

    /* Beside the figures already, on a wide screen. */
    dash_panes(app, VIEW_SUPERVISOR, &p);
    i = panes_find(&p, PANE_RED);
    if (app->view == VIEW_SUPERVISOR && p.n == 2 && i >= 0) {
        app->pane_focus = i;
        app->dirty |= DIRTY_LIST | DIRTY_HINTS | DIRTY_HEADER;
        return;
    }
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

