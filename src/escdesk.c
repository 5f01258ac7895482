/* casedesk — the escalation desk in the console. */
#include "casedesk/escdesk.h"

#include <stdio.h>
#include <stdlib.h>

#include "casedesk/actions.h"
#include "casedesk/app_state.h"
#include "casedesk/compose.h"
#include "casedesk/detail.h"
#include "casedesk/i18n.h"
#include "casedesk/live.h"
#include "casedesk/loop.h"
#include "casedesk/result.h"
#include "casedesk/ui_desk.h"

/* Far more than a desk answers in a day; the most urgent come first. */
#define ESC_LIST_MAX 200
/* How long the tab flashes after a new escalation. */
#define FLASH_MS 6000
/* Lines a page key moves in the list. */
#define ESC_PAGE 10

int escdesk_raised(const struct app *app)
{
    return live_job_is(app, "window");
}

int escdesk_answers(const struct app *app)
{
    return live_job_is(app, "oncall") || live_job_is(app, "supervisor");
}

/* --- the list ---------------------------------------------------------------------- */

static void tell_new(struct app *app, int fresh)
{
    if (fresh <= 0)
        return;
    app->flash_until_ms = loop_now_ms() + FLASH_MS;
    if (app->view != VIEW_ESCALATIONS)
        app->esc_unseen += fresh;
    app->dirty |= DIRTY_HEADER;
    app_log(app, "new escalations: %d", fresh);
    if (app->cfg->bell) {
        ui_bell();
        app_log(app, "bell");
    }
}

static void on_list(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    int fresh = 0;

    app_log_result(app, r);
    if (--app->esc_inflight > 0 || app_failed(app, r, _("escalations: %s")))
        return;
    if (escview_load(&app->esc, PQntuples(r->res), result_queue_cell, (void *)r->res,
                     app->login, &fresh) < 0) {
        app_say(app, 1, "%s", _("out of memory"));
        return;
    }
    if (app->view == VIEW_ESCALATIONS) {
        app_note_fresh(app, r->res, ESC_COL_SERVER_NOW);
        app->dirty |= DIRTY_LIST | DIRTY_TIMERS | DIRTY_HEADER;
    }
    tell_new(app, fresh);
}

void escdesk_fetch(struct app *app)
{
    char limit[16];
    const char *p[1] = {limit};

    if (!app_online(app))
        return;
    snprintf(limit, sizeof limit, "%d", ESC_LIST_MAX);
    app_send_counted(app, &app->esc_inflight, escdesk_raised(app) ? DB_ESC_RAISED : DB_ESC_OPEN,
                     1, p, on_list, app);
}

void escdesk_apply(struct app *app, const PGresult *res)
{
    long i;
    if (!res || PQntuples(res) < 1 || (i = escview_find(&app->esc, result_int(res, 0, 0))) < 0)
        return;
    app->esc.rows[i].version = (int)result_int(res, 0, 1);
    app->dirty |= DIRTY_LIST;
}

/* --- acting --------------------------------------------------------------------------- */

/* An escalation as an action's target: its case and item say what it is
 * about in messages and titles, its department where it was sent. */
static int target_of(const struct esc_row *r, struct target *t)
{
    char kase[32];
    if (*r->case_no)
        snprintf(kase, sizeof kase, "%s", r->case_no);
    else
        snprintf(kase, sizeof kase, "#%lld", (long long)r->case_id);
    return target_set(t, r->id, r->case_id, r->version, kase,
                      *r->item ? r->item : _("(the case)"), r->department);
}

static void answer(struct app *app, enum action a)
{
    const struct esc_row *r = escview_current(&app->esc);
    struct target t = {0};

    if (!escdesk_answers(app)) {
        app_say(app, 1, "%s", _("only on-call staff and supervisors answer escalations"));
        return;
    }
    if (!r || target_of(r, &t) < 0) {
        app_say(app, 1, "%s", _("no escalation selected"));
        return;
    }
    if (a == ACTION_APPROVE) {
        struct action_args args = {.escalation = 1};
        actions_on_target(app, ACTION_APPROVE, &t, &args);
    } else {
        compose_open(app, a == ACTION_RESOLVE ? EDITOR_RESOLUTION : EDITOR_HAND_ON_TO, &t);
    }
    target_free(&t);
}

static void on_item(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct queue_row row;

    app_log_result(app, r);
    if (--app->esc_opening > 0 || app->view != VIEW_ESCALATIONS
        || app_failed(app, r, _("item: %s")))
        return;
    if (PQntuples(r->res) == 0) {
        app_say(app, 1, "%s", _("the item behind this escalation is not one you may see"));
        return;
    }
    if (queue_row_read(&row, 0, result_queue_cell, (void *)r->res) < 0) {
        app_say(app, 1, "%s", _("out of memory"));
        return;
    }
    detail_open_row(app, &row, VIEW_ESCALATIONS);
    queue_row_free(&row);
}

static void open_item(struct app *app)
{
    const struct esc_row *r = escview_current(&app->esc);
    char ids[32];
    const char *p[1] = {ids};

    if (!r)
        return;
    if (!r->item_id) {
        app_say(app, 0, _("escalation %lld is about the whole case: there is no item to open"),
                (long long)r->id);
        return;
    }
    if (!app_online(app)) {
        app_say(app, 1, "%s", _("the database is offline; retrying in the background"));
        return;
    }
    snprintf(ids, sizeof ids, "{%lld}", (long long)r->item_id);
    app_send_counted(app, &app->esc_opening, DB_QUEUE_ITEMS, 1, p, on_item, app);
}

int escdesk_key(struct app *app, enum action a)
{
    struct esc_list *l = &app->esc;

    switch (a) {
    case ACTION_MOVE_DOWN: escview_move(l, 1); break;
    case ACTION_MOVE_UP: escview_move(l, -1); break;
    case ACTION_PAGE_DOWN: escview_move(l, ESC_PAGE); break;
    case ACTION_PAGE_UP: escview_move(l, -ESC_PAGE); break;
    case ACTION_TOP: escview_select_index(l, 0); break;
    case ACTION_BOTTOM: escview_select_index(l, l->n ? l->n - 1 : 0); break;
    case ACTION_OPEN: open_item(app); return 1;
    case ACTION_APPROVE:
    case ACTION_RESOLVE:
    case ACTION_HAND_ON:
        answer(app, a);
        return 1;
    default:
        return 0;
    }
    app->dirty |= DIRTY_LIST;
    return 1;
}
