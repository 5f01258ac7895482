/* casedesk — a list of items in the queue view. */
#include "casedesk/drill.h"

#include <stdio.h>
#include <string.h>

#include "casedesk/svc.h"
#include "casedesk/i18n.h"
#include "casedesk/confirm.h"
#include "casedesk/result.h"

/* More than a screen, fewer than a reviewer's month: the figure_items()
 * limit. */
#define DRILL_MAX 500

int drill_active(const struct app *app)
{
    return app->drill.kind != DRILL_NONE;
}

static void release_them(struct app *app)
{
    app->drill.release_on_load = 0;
    if (app->q.n == 0) {
        svc_say(app, 0, _("%s holds no claimed item"), app->drill.login);
        return;
    }
    queue_untag_all(&app->q);
    if (queue_tag_all(&app->q) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    confirm_open(app, ACTION_RELEASE, NULL);
}

static void on_drill(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    svc_log_result(app, r);
    if (!svc_arrived(&app->drill_inflight) || !drill_active(app) || svc_failed(app, r, "%s"))
        return;
    if (queue_load_list(&app->q, PQntuples(r->res), result_queue_cell, (void *)r->res) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    svc_note_fresh(app, r->res, QUEUE_COL_SERVER_NOW);
    app->dirty |= DIRTY_LIST | DIRTY_HEADER | DIRTY_TIMERS;
    if (app->drill.release_on_load)
        release_them(app);
}

void drill_again(struct app *app)
{
    char key[16], limit[16];
    const struct drill *d = &app->drill;

    if (!drill_active(app) || !svc_online(app))
        return;
    snprintf(key, sizeof key, "%d", d->key);
    snprintf(limit, sizeof limit, "%d", DRILL_MAX);
    if (d->kind == DRILL_CLAIMED_BY) {
        const char *p[2] = {d->login, limit};
        svc_send_counted(app, &app->drill_inflight, DB_CLAIMED_BY, 2, p, on_drill, app);
        return;
    }
    const char *p[4] = {d->key && !d->by_matter ? key : NULL, d->figure, limit,
                        d->key && d->by_matter ? key : NULL};
    svc_send_counted(app, &app->drill_inflight, DB_FIGURE_ITEMS, 4, p, on_drill, app);
}

/* The list replaces the page at once: what is on screen must be what the
 * keys act on. */
static void drill_start(struct app *app, enum view back)
{
    app->drill.back = back;
    if (app->view == VIEW_DETAIL)
        detail_clear(&app->detail);
    queue_reset(&app->q);
    app->view = VIEW_QUEUE;
    app->dirty |= DIRTY_ALL;
    if (!svc_online(app))
        svc_say(app, 1, "%s", _("the database is offline; the list comes when it is back"));
    drill_again(app);
}

void drill_figure(struct app *app, const char *figure, int key, int by_matter, const char *name)
{
    struct drill *d = &app->drill;

    memset(d, 0, sizeof *d);
    d->kind = DRILL_FIGURE;
    snprintf(d->figure, sizeof d->figure, "%s", figure);
    d->key = key;
    d->by_matter = by_matter;
    snprintf(d->label, sizeof d->label, "%s · %s", figure, name && *name ? name : _("all"));
    drill_start(app, VIEW_SUPERVISOR);
}

void drill_claimed_by(struct app *app, const char *login)
{
    struct drill *d = &app->drill;
    /* From one list to another, Esc still goes where the first came from. */
    enum view back = drill_active(app) ? d->back
                   : app->view == VIEW_DETAIL ? app->detail_back : app->view;

    memset(d, 0, sizeof *d);
    d->kind = DRILL_CLAIMED_BY;
    snprintf(d->login, sizeof d->login, "%s", login);
    snprintf(d->label, sizeof d->label, _("claimed by %s"), login);
    d->release_on_load = 1;
    drill_start(app, back);
}

void drill_end(struct app *app)
{
    if (!drill_active(app))
        return;
    memset(&app->drill, 0, sizeof app->drill);
    /* Tags act on what is seen: they do not outlive the list they were
     * made on, and the user is told so. */
    if (app->q.ntags > 0)
        svc_say(app, 0, _("%zu tags cleared with the list"), app->q.ntags);
    queue_untag_all(&app->q);
    queue_reset(&app->q);
    app->dirty |= DIRTY_ALL;
}
