/* casedesk — live updates and the connection's comings and goings. */
#include "casedesk/live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/actions.h"
#include "casedesk/app_state.h"
#include "casedesk/changes.h"
#include "casedesk/detail.h"
#include "casedesk/escdesk.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/page.h"
#include "casedesk/result.h"
#include "casedesk/supdesk.h"
#include "casedesk/view.h"

/* Fetches again what shows the changes in what (CHANGED_*). The
 * escalations are fetched whatever the view: a new one rings the bell and
 * flashes its tab wherever the user is. The figures cost more and are only
 * fetched while they are on screen; they count items and escalations alike. */
static void refetch(struct app *app, unsigned what)
{
    if (!what || !app_online(app))
        return;
    if (what & CHANGED_ITEMS) {
        page_again(app);
        if (app->view == VIEW_DETAIL)
            detail_fetch(app);
    }
    if (what & CHANGED_ESCALATIONS)
        escdesk_fetch(app);
    if (app->view == VIEW_SUPERVISOR)
        supdesk_fetch(app);
}

void live_refetch(struct app *app)
{
    refetch(app, CHANGED_ITEMS | CHANGED_ESCALATIONS);
}

int live_job_is(const struct app *app, const char *job)
{
    return app->job && strcmp(app->job, job) == 0;
}

/* --- who the user is, business time ------------------------------------------- */

static void on_whoami(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    const PGresult *res = r->res;
    const char *name, *role, *dept;
    char buf[512];

    app_log_result(app, r);
    if (app_failed(app, r, "%s"))
        return;
    name = result_text(res, 0, 1);
    role = result_text(res, 0, 2);
    dept = result_text(res, 0, 3);
    snprintf(buf, sizeof buf, "%s %s %s", name ? name : "", role ? _(role) : "",
             dept ? dept : "");
    free(app->who);
    free(app->login);
    free(app->job);
    app->who = strdup(buf);
    app->login = result_dup(res, 0, 0);
    app->job = result_dup(res, 0, 2);
    app_note_fresh(app, res, 4);
    /* The tab bar, the hints and which escalations are listed depend on
     * the job. */
    app->dirty |= DIRTY_HEADER | DIRTY_HINTS;
    escdesk_fetch(app);
    view_home(app);
}

static void read_interval(void *elem, const PGresult *res, int i)
{
    struct sla_interval *v = elem;
    v->opens = result_epoch(res, i, 0);
    v->closes = result_epoch(res, i, 1);
}

static void on_business_time(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct sla_interval *v;
    size_t n;

    app_log_result(app, r);
    if (!r->ok || !(v = result_rows(r->res, sizeof *v, read_interval, &n)))
        return;
    if (sla_calendar_set(&app->cal, v, n) == 0)
        app->minutes_per_day = sla_minutes_per_day(&app->cal);
    free(v);
    app->dirty |= DIRTY_TIMERS | DIRTY_LIST;
}

/* --- changes ---------------------------------------------------------------------- */

/* A check's answer: the newest item and escalation changes the user may see. */
static void changes_seen(struct app *app, const PGresult *res, int col)
{
    unsigned news = changes_answer(&app->changes, result_int(res, 0, col),
                                   result_int(res, 0, col + 1), app->frozen);
    refetch(app, news);
    if (!news)
        app->data_at_ms = loop_now_ms();
    app->dirty |= DIRTY_STATUS;
}

static void on_changes(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    unsigned held = app->notified;

    app_log_result(app, r);
    app->changes_inflight = 0;
    app->notified = 0;
    if (r->ok)
        changes_seen(app, r->res, 0);
    /* The fetches notifications asked for while one was under way: that one
     * has answered by now (answers come in order), so one more covers them. */
    refetch(app, held);
    if (app->changes_again) {
        app->changes_again = 0;
        live_check(app);
    }
}

/* The parameters of a check: the newest change of each kind seen. */
struct seen_params {
    char items[24], escalations[24];
    const char *p[2];
};

static const char *const *seen_params(const struct app *app, struct seen_params *sp)
{
    snprintf(sp->items, sizeof sp->items, "%lld", (long long)app->changes.items);
    snprintf(sp->escalations, sizeof sp->escalations, "%lld", (long long)app->changes.escalations);
    sp->p[0] = sp->items;
    sp->p[1] = sp->escalations;
    return sp->p;
}

void live_check(struct app *app)
{
    struct seen_params sp;

    if (!app_online(app))
        return;
    if (app->changes_inflight) {
        app->changes_again = 1;
        return;
    }
    app_send_counted(app, &app->changes_inflight, DB_CHANGES, 2, seen_params(app, &sp),
                     on_changes, app);
}

static int on_screen(const void *ctx, int64_t id)
{
    const struct app *app = ctx;
    return app->view == VIEW_QUEUE && queue_find(&app->q, id) >= 0;
}

/* The fetches (CHANGED_*) under way. */
static unsigned fetching(const struct app *app)
{
    return (app->page_inflight > 0 ? CHANGED_ITEMS : 0u)
         | (app->esc_inflight > 0 ? CHANGED_ESCALATIONS : 0u);
}

/* Paused, nothing is fetched: a check's answer then leaves the numbers
 * seen where they were, so the check after resuming finds what came. */
void live_on_notify(void *ctx, const char *payload)
{
    struct app *app = ctx;
    struct change_news n;
    unsigned held;

    app_log(app, "notify %s", payload);
    if (app->frozen) {
        live_check(app);
        return;
    }
    n = changes_notified(&app->changes, payload, on_screen, app);
    /* Anyone may flood the channel: a fetch already under way is not sent
     * again for each notification; it is sent once more after the check
     * that follows it, however many came meanwhile. */
    held = n.fetch & fetching(app);
    app->notified |= held;
    refetch(app, n.fetch & ~held);
    if (n.check || held)
        live_check(app);
}

/* --- the sweep --------------------------------------------------------------------- */

/* The sweep's own alarms are not in the answer (its check read the rows as
 * they were before it); they come with its notification, as everyone's. */
static void on_sweep(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    app_log_result(app, r);
    app->sweep_inflight = 0;
    if (r->ok)
        changes_seen(app, r->res, 1);
}

/* One round trip does the sweep and the check for changes, so an idle
 * console asks the database one thing per period. Returns whether it was
 * sent. */
int live_sweep(struct app *app)
{
    struct seen_params sp;

    if (!app_online(app) || app->sweep_inflight)
        return 0;
    app_send_counted(app, &app->sweep_inflight, DB_SWEEP_CHECK, 2, seen_params(app, &sp),
                     on_sweep, app);
    return 1;
}

/* --- the connection ---------------------------------------------------------------- */

static void went_offline(struct app *app)
{
    app->conn = UI_OFFLINE;
    app->changes_inflight = 0;
    app->notified = 0;
    app->sweep_inflight = 0;
    app_say(app, 1, app->was_online ? _("database connection lost: %s — retrying")
                                    : _("cannot connect to the database: %s — retrying"),
            db_error(app->db));
}

static void came_online(struct app *app)
{
    app->conn = UI_ONLINE;
    if (app->was_online)
        app_say(app, 0, "%s", _("back online; data reloaded"));
    app->was_online = 1;
    app_send(app, DB_WHOAMI, 0, NULL, on_whoami, app);
    app_send(app, DB_BUSINESS_TIME, 0, NULL, on_business_time, app);
    actions_resend(app);
    live_check(app);
    live_refetch(app);
}

void live_on_state(void *ctx, enum db_state st)
{
    struct app *app = ctx;

    app_log(app, "database %s", st == DB_READY ? "ready" : "offline");
    app->dirty |= DIRTY_STATUS;
    if (st == DB_OFFLINE)
        went_offline(app);
    else
        came_online(app);
}
