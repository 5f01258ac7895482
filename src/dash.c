/* casedesk — the dashboard. */
#include "casedesk/dash.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "casedesk/escview.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/result.h"
#include "casedesk/svc.h"

/* --- the panes ---------------------------------------------------------------------- */

void dash_panes(const struct app *app, enum view v, struct panes *p)
{
    enum panes_kind kind = PANES_NONE;

    /* Before the database says who the user is, the queue alone. */
    /* On-call staff's home, the escalation desk, is theirs the other way
     * round: the escalations large, the items behind them small. */
    if (v == VIEW_QUEUE && app->job)
        kind = PANES_QUEUE_ESC;
    else if (v == VIEW_ESCALATIONS && svc_job_is(app, "oncall"))
        kind = PANES_ESC_QUEUE;
    else if (v == VIEW_SUPERVISOR && svc_job_is(app, "supervisor"))
        kind = PANES_FIGURES_RED;
    panes_lay(p, kind, COLS, LINES,
              app->cfg ? app->cfg->pane_min_columns : CONFIG_PANE_MIN_COLUMNS,
              app->cfg ? app->cfg->pane_min_rows : CONFIG_PANE_MIN_ROWS);
}

enum pane_content dash_focused(const struct app *app)
{
    struct panes p;

    dash_panes(app, app->view, &p);
    if (p.n == 1)
        return app->view == VIEW_ESCALATIONS ? PANE_ESCALATIONS
             : app->view == VIEW_SUPERVISOR ? PANE_FIGURES : PANE_QUEUE;
    return p.content[app->pane_focus ? 1 : 0];
}

int dash_queue_rows(const struct app *app)
{
    struct panes p;
    int i;

    dash_panes(app, VIEW_QUEUE, &p);
    i = panes_find(&p, PANE_QUEUE);
    /* The column titles take the region's first row. */
    int rows = i < 0 ? 1 : p.pane[i].rows - 1;
    return rows > 0 ? rows : 1;
}

int dash_focus_next(struct app *app)
{
    struct panes p;

    dash_panes(app, app->view, &p);
    if (p.n < 2) {
        svc_say(app, 0, _("one pane on this screen: the panes begin at %dx%d"),
                app->cfg->pane_min_columns, app->cfg->pane_min_rows);
        return 1;
    }
    app->pane_focus = !app->pane_focus;
    app->dirty |= DIRTY_LIST | DIRTY_HINTS | DIRTY_HEADER;
    return 1;
}

/* --- the meters ------------------------------------------------------------------------ */

void dash_meters_read(struct app *app, const PGresult *res, int col)
{
    if (!res || PQntuples(res) < 1 || PQnfields(res) <= col) {
        dash_meters_missed(app);
        return;
    }
    if (meters_parse(&app->meters, result_text(res, 0, col)) == 0) {
        app->meters_due = app->meters_ask = 0;
        app->meters_read_ms = loop_now_ms();
        app->dirty |= DIRTY_HEADER;
    }
}

void dash_meters_missed(struct app *app)
{
    if (app->meters_due) {
        app->meters_due = 0;
        app->meters_ask = 1;
        app->want |= WANT_CHECK;
    }
}

/* The escalations waiting for an answer, and the most urgent one's clock:
 * the list is most urgent first. */
static void waiting(const struct app *app, long long now, struct meters_esc *e)
{
    memset(e, 0, sizeof *e);
    for (size_t i = 0; i < app->esc.n; i++) {
        const struct esc_row *r = &app->esc.rows[i];
        enum esc_state st = escview_state(r, now);
        if (st != ESC_OPEN && st != ESC_LATE)
            continue;
        if (e->waiting++ == 0) {
            escview_left_text(r, &app->cal, now, e->left, sizeof e->left);
            e->late = st == ESC_LATE;
            e->soon = !e->late && escview_left_seconds(&app->cal, now, r->respond_by) < 60;
        }
    }
}

size_t dash_meters(const struct app *app, int cols, long long now, struct meter_seg *out)
{
    struct meters_esc e;
    struct meters m = app->meters;

    /* Only reviewers claim items (casedesk.claim): window clerks, on-call
     * staff and supervisors would read a "mine 0" that never changes. */
    m.no_claims = app->job && !svc_job_is(app, "reviewer");
    waiting(app, now, &e);
    return meters_lay(&m, &e, cols, out);
}
