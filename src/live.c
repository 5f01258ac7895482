/* casedesk — live updates and the connection's comings and goings. */
#include "casedesk/live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/actions.h"
#include "casedesk/app_state.h"
#include "casedesk/detail.h"
#include "casedesk/escdesk.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/page.h"
#include "casedesk/result.h"
#include "casedesk/supdesk.h"
#include "casedesk/view.h"

/* The escalations are fetched whatever the view: a new one rings the bell
 * and flashes its tab wherever the user is. The figures cost more and are
 * only fetched while they are on screen. */
void live_refetch(struct app *app)
{
    if (!app_online(app))
        return;
    page_again(app);
    if (app->view == VIEW_DETAIL)
        detail_fetch(app);
    escdesk_fetch(app);
    if (app->view == VIEW_SUPERVISOR)
        supdesk_fetch(app);
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

/* The newest change the user can see is seq: reload if it is new. */
static void changes_seen(struct app *app, int64_t seq)
{
    if (app->seq_known && seq > app->last_seq && !app->frozen)
        live_refetch(app);
    else
        app->data_at_ms = loop_now_ms();
    if (!app->frozen || !app->seq_known)
        app->last_seq = seq > app->last_seq ? seq : app->last_seq;
    app->seq_known = 1;
    app->dirty |= DIRTY_STATUS;
}

static void on_changes(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    app_log_result(app, r);
    app->changes_inflight = 0;
    if (r->ok)
        changes_seen(app, result_int(r->res, 0, 0));
    if (app->changes_again) {
        app->changes_again = 0;
        live_check(app);
    }
}

void live_check(struct app *app)
{
    char seq[24];
    const char *params[1] = {seq};

    if (!app_online(app))
        return;
    if (app->changes_inflight) {
        app->changes_again = 1;
        return;
    }
    snprintf(seq, sizeof seq, "%lld", (long long)app->last_seq);
    app_send_counted(app, &app->changes_inflight, DB_CHANGES, 1, params, on_changes, app);
}

/* The payload starts with the change's sequence number. Sequence numbers
 * are taken before commit, so a change can commit after a higher one this
 * console has already seen: "newer than the last seen" would miss it, so
 * such a late change reloads the page at once. */
void live_on_notify(void *ctx, const char *payload)
{
    struct app *app = ctx;
    char *kind_at;
    long long seq = strtoll(payload, &kind_at, 10);

    app_log(app, "notify %s", payload);
    /* An escalation handed on to another department leaves the rows this
     * user may see, so the changes the user can see would not show it: the
     * notification itself says the list changed (a sweep's run too). */
    if ((strncmp(kind_at, " escalation ", 12) == 0 || strncmp(kind_at, " sweep ", 7) == 0)
        && !app->frozen)
        escdesk_fetch(app);
    if (app->seq_known && seq > 0 && seq <= app->last_seq && !app->frozen && app_online(app))
        live_refetch(app);
    else
        live_check(app);
}

/* --- the sweep --------------------------------------------------------------------- */

static void on_sweep(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    app_log_result(app, r);
    app->sweep_inflight = 0;
    if (r->ok)
        changes_seen(app, result_int(r->res, 0, 1));
}

/* One round trip does the sweep and the check for changes, so an idle
 * console asks the database one thing per period. Returns whether it was
 * sent. */
int live_sweep(struct app *app)
{
    char seq[24];
    const char *params[1] = {seq};

    if (!app_online(app) || app->sweep_inflight)
        return 0;
    snprintf(seq, sizeof seq, "%lld", (long long)app->last_seq);
    app_send_counted(app, &app->sweep_inflight, DB_SWEEP_CHECK, 1, params, on_sweep, app);
    return 1;
}

/* --- the connection ---------------------------------------------------------------- */

static void went_offline(struct app *app)
{
    app->conn = UI_OFFLINE;
    app->changes_inflight = 0;
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
