/* casedesk — live updates and the connection's comings and goings. */
#include "casedesk/live.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/changes.h"
#include "casedesk/dash.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/meters.h"
#include "casedesk/page.h"
#include "casedesk/relaylink.h"
#include "casedesk/result.h"
#include "casedesk/svc.h"
#include "casedesk/timefmt.h"
#include "casedesk/views.h"

/* --- who the user is, business time ------------------------------------------- */

/* The job as the status line names it; in English the database's word. */
static const char *job_word(const char *job)
{
    if (!job)
        return "";
    if (strcmp(job, "reviewer") == 0)
        return C_("job", "reviewer");
    if (strcmp(job, "oncall") == 0)
        return C_("job", "oncall");
    if (strcmp(job, "supervisor") == 0)
        return C_("job", "supervisor");
    if (strcmp(job, "window") == 0)
        return C_("job", "window");
    if (strcmp(job, "admin") == 0)
        return C_("job", "admin");
    return job;
}

static void on_whoami(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    const PGresult *res = r->res;
    const char *name, *role, *dept, *zone;
    char buf[512];

    svc_log_result(app, r);
    if (svc_failed(app, r, "%s"))
        return;
    name = result_text(res, 0, 1);
    role = result_text(res, 0, 2);
    dept = result_text(res, 0, 3);
    snprintf(buf, sizeof buf, "%s %s %s", name ? name : "", job_word(role),
             dept ? dept : "");
    free(app->who);
    free(app->login);
    free(app->job);
    app->who = strdup(buf);
    app->login = result_dup(res, 0, 0);
    app->job = result_dup(res, 0, 2);
    svc_note_fresh(app, res, 4);
    changes_scope_set(&app->scope, result_text(res, 0, 6));
    /* Times on screen are the centre's, like those the server writes into
     * notes and messages, whatever zone the login session is in. */
    zone = result_text(res, 0, 5);
    if (timefmt_use_zone(zone)) {
        svc_log(app, "time zone %s", zone);
        app->dirty |= DIRTY_ALL;
    }
    /* The tab bar, the hints and which escalations are listed depend on
     * the job. */
    app->dirty |= DIRTY_HEADER | DIRTY_HINTS;
    app->want |= WANT_ESCALATIONS | WANT_HOME;
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

    svc_log_result(app, r);
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
    app->want |= news;
    if (!news)
        app->data_at_ms = loop_now_ms();
    app->dirty |= DIRTY_STATUS;
}

static void on_changes(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    svc_log_result(app, r);
    svc_arrived(&app->changes_inflight);
    if (r->ok) {
        changes_seen(app, r->res, 0);
        dash_meters_read(app, r->res, 2);
    }
    if (svc_again(&app->changes_inflight))
        app->want |= WANT_CHECK;
}

/* The parameters of a check: the newest change of each kind seen, the
 * sweep's period (p_sweep only) and whether the meters are wanted. */
struct seen_params {
    char items[24], escalations[24], period[16];
    const char *p_check[3], *p_sweep[4];
};

static void seen_params(const struct app *app, struct seen_params *sp)
{
    const char *meters = meters_wanted(&app->meters, app->meters_ask, loop_now_ms(),
                                       app->meters_read_ms) ? "t" : "f";

    snprintf(sp->items, sizeof sp->items, "%lld", (long long)app->changes.items);
    snprintf(sp->escalations, sizeof sp->escalations, "%lld", (long long)app->changes.escalations);
    snprintf(sp->period, sizeof sp->period, "%d", app->cfg->sweep_seconds);
    sp->p_check[0] = sp->p_sweep[0] = sp->items;
    sp->p_check[1] = sp->p_sweep[1] = sp->escalations;
    sp->p_sweep[2] = sp->period;
    sp->p_check[2] = sp->p_sweep[3] = meters;
}

void live_check(struct app *app)
{
    struct seen_params sp;

    if (!svc_online(app))
        return;
    if (svc_busy(&app->changes_inflight))
        return;
    seen_params(app, &sp);
    svc_send_counted(app, &app->changes_inflight, DB_CHANGES, 3, sp.p_check, on_changes, app);
}

static int concerns(const void *ctx, const struct change_hint *h)
{
    const struct app *app = ctx;
    return (h->dept >= 0 && changes_scope_has(&app->scope, h->dept)) || views_shows(app, h);
}

/* Paused, nothing is fetched: a check's answer then leaves the numbers
 * seen where they were, so the check after resuming finds what came. */
static void heard(struct app *app, const char *payload, const char *via)
{
    struct change_news n;

    svc_log(app, "notify %s%s", payload, via);
    /* Resting, the key that resumes asks what changed meanwhile. */
    if (app->resting)
        return;
    if (app->frozen) {
        app->want |= WANT_CHECK;
        return;
    }
    n = changes_notified(&app->changes, payload, concerns, app);
    if (n.fetch & CHANGED_ROWS && !page_note_row(app, n.item))
        n.fetch = (n.fetch & ~CHANGED_ROWS) | CHANGED_ITEMS;
    app->want |= n.fetch | (n.check ? WANT_CHECK : 0u);
    /* What is fetched carries the meters, unless it comes back empty. */
    if (n.fetch)
        app->meters_due = 1;
}

void live_on_notify(void *ctx, const char *payload)
{
    heard(ctx, payload, "");
}

/* --- the sweep --------------------------------------------------------------------- */

/* A console that has just taken the sweep over asks again after the
 * sweep's period, not after the longer pace it was on. */
static void sweeper_now(struct app *app, int sweeper)
{
    long long next = loop_now_ms() + app->cfg->sweep_seconds * 1000LL;

    if (sweeper && !app->sweeper && app->next_sweep_ms > next)
        app->next_sweep_ms = next;
    app->sweeper = sweeper;
}

/* The sweep's own alarms are not in the answer (its check read the rows as
 * they were before it); they come with its notification, as everyone's. */
static void on_sweep(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    svc_log_result(app, r);
    svc_arrived(&app->sweep_inflight);
    if (r->ok) {
        changes_seen(app, r->res, 1);
        dash_meters_read(app, r->res, 3);
        sweeper_now(app, result_bool(r->res, 0, 4));
    }
}

/* One round trip does the sweep (when no other console or the scheduled
 * sweep did within the period) and the check for changes. Only the console
 * whose backend sweeps asks every period (live_sweep_seconds); the others
 * rely on notifications and ask at the fallback's pace, taking the sweep
 * over then if it has stopped, so an idle centre wakes one backend per
 * period rather than every console's. Returns whether it was sent. */
int live_sweep(struct app *app)
{
    struct seen_params sp;

    if (!svc_online(app) || app->sweep_inflight.n)
        return 0;
    seen_params(app, &sp);
    svc_send_counted(app, &app->sweep_inflight, DB_SWEEP_CHECK, 4, sp.p_sweep, on_sweep, app);
    return 1;
}

int live_sweep_seconds(const struct app *app)
{
    int period = app->cfg->sweep_seconds, fallback = app->cfg->refresh_seconds;
    return app->sweeper || fallback < period ? period : fallback;
}

/* --- the relay --------------------------------------------------------------------- */

static void relay_up(struct app *app)
{
    svc_log(app, "relay listens (sweep period %d s, sweeping %d)", app->relay.period,
            app->relay.sweeping);
    db_set_listen(app->db, 0);
    live_relay_scope(app);
}

/* What was sent between the relay's last line and the LISTEN is found by
 * the check, which goes after the LISTEN on the same connection. A relay
 * that swept leaves the sweep to whichever console asks first once it is
 * overdue (sweep_due): this one asks within a period. */
static void relay_lost(struct app *app, int swept)
{
    long long now = loop_now_ms();

    svc_log(app, "relay lost");
    app->relay_retry_ms = now + app->cfg->sweep_seconds * 1000LL;
    /* Resting, the console listens when its user is back (live_resume):
     * a relay restarting must not open every resting console's
     * connection at once. */
    if (db_listens(app->db) || app->resting)
        return;
    db_set_listen(app->db, 1);
    app->want |= WANT_CHECK;
    if (swept && app->next_sweep_ms > now + app->cfg->sweep_seconds * 1000LL)
        app->next_sweep_ms = now + app->cfg->sweep_seconds * 1000LL;
}

/* A tick says the relay is connected and has passed on what it heard:
 * the data is as fresh as a check that found nothing would make it. */
static void relay_tick(struct app *app)
{
    if (!app->want && !app->resting && db_pending(app->db) == 0) {
        app->data_at_ms = loop_now_ms();
        app->dirty |= DIRTY_STATUS;
    }
}

static void on_relay_line(void *ctx, const struct relay_line *ln)
{
    struct app *app = ctx;
    int had_hello = relaylink_listens(&app->relay);

    relaylink_note(&app->relay, ln, loop_now_ms());
    switch (ln->kind) {
    case RELAY_HELLO:
        if (!had_hello)
            relay_up(app);
        break;
    case RELAY_NOTIFY:
        /* One line in the log, as from the connection: a benchmark's log
         * reader wakes for each. */
        if (had_hello)
            heard(app, ln->payload, " (relayed)");
        break;
    case RELAY_TICK:
        if (had_hello)
            relay_tick(app);
        break;
    case RELAY_JUNK:
        svc_log(app, "relay sent a line that is not the protocol's");
        break;
    }
}

void live_relay_io(struct app *app)
{
    int swept = relaylink_sweeps(&app->relay, loop_now_ms());

    if (relaylink_read(&app->relay, on_relay_line, app) < 0)
        relay_lost(app, swept);
}

/* A relay gone quiet is given up as one gone away; the next attempt
 * connects to its socket again, and waits for its hello. */
void live_relay_keep(struct app *app, long long now_ms)
{
    const char *path = app->cfg->relay_socket;

    if (relaylink_stale(&app->relay, now_ms)) {
        svc_log(app, "relay quiet since %lld ms", now_ms - app->relay.tick_ms);
        relaylink_close(&app->relay);
        relay_lost(app, 1);
    }
    if (!path || app->relay.fd >= 0 || now_ms < app->relay_retry_ms)
        return;
    app->relay_retry_ms = now_ms + app->cfg->sweep_seconds * 1000LL;
    if (relaylink_open(&app->relay, path) < 0) {
        if (!app->relay_absent)
            svc_log(app, "no relay at %s: %s", path, strerror(errno));
        app->relay_absent = 1;
    } else {
        svc_log(app, "relay connected");
        app->relay_absent = 0;
    }
}

void live_relay_scope(struct app *app)
{
    char line[RELAY_WATCH_MAX];
    int64_t kase, item;
    int swept = relaylink_sweeps(&app->relay, loop_now_ms());

    if (!relaylink_listens(&app->relay))
        return;
    views_place(app, &kase, &item);
    relaylink_watch_line(&app->scope, kase, item, line, sizeof line);
    if (strcmp(line, app->relay.watch) == 0)
        return;
    svc_log(app, "relay %.*s", (int)strcspn(line, "\n"), line);
    if (relaylink_say_watch(&app->relay, line) < 0)
        relay_lost(app, swept);
}

int live_relay_sweeps(const struct app *app, long long now_ms)
{
    return relaylink_sweeps(&app->relay, now_ms);
}

int live_relay_listens(const struct app *app)
{
    return relaylink_listens(&app->relay);
}

/* --- the connection ---------------------------------------------------------------- */

/* While the relay listens for the console, its connection carries no
 * LISTEN and no timer. When neither the user nor the screen has used it
 * for close_idle_seconds, it is closed and its backend's memory goes back
 * to the server; live updates then wait for the user's next key. Opening
 * it again for each change instead would have every resting console of a
 * department open a backend at once for the same change, which at a few
 * hundred consoles takes the server tens of seconds. Only reviewers'
 * consoles rest: on-call staff must see an escalation within minutes,
 * window clerks their answers, supervisors their figures. */
void live_rest(struct app *app)
{
    long long after = app->cfg->close_idle_seconds * 1000LL, idle;

    if (after <= 0 || app->resting || app->want || !live_relay_listens(app) ||
        !svc_job_is(app, "reviewer") || loop_now_ms() - app->key_ms < after)
        return;
    idle = db_idle_ms(app->db);
    if (idle < after || !db_rest(app->db))
        return;
    app->resting = 1;
    /* The next backend is not the one recorded as sweeping. */
    app->sweeper = 0;
    app->dirty |= DIRTY_STATUS;
    svc_log(app, "connection closed after %lld s unused; updates wait for a key", idle / 1000);
}

void live_resume(struct app *app)
{
    app->resting = 0;
    app->dirty |= DIRTY_STATUS;
    svc_log(app, "back from idle");
    /* Paused by the user before, they stay paused. */
    if (!app->frozen)
        svc_say(app, 0, "%s", _("live updates resumed"));
    if (!live_relay_listens(app))
        db_set_listen(app->db, 1);
    app->meters_ask = 1;
    app->want |= WANT_CHECK;
}

/* libpq's first line says what went wrong; the rest (socket paths, hints)
 * is for the log. */
static void first_line(const char *s, char *out, size_t n)
{
    size_t len = strcspn(s, "\n");
    snprintf(out, n, "%.*s", (int)len, s);
}

static void went_offline(struct app *app)
{
    char cause[160];
    int news = app->conn != UI_OFFLINE;

    app->conn = UI_OFFLINE;
    svc_forget(&app->changes_inflight);
    svc_forget(&app->sweep_inflight);
    /* A new backend is not the recorded sweeper. */
    app->sweeper = 0;
    svc_log(app, "offline: %s", db_error(app->db));
    /* Said once: each failed retry would otherwise replace whatever the user
     * was just told ("cannot claim now...") with the same news. */
    if (!news)
        return;
    first_line(db_error(app->db), cause, sizeof cause);
    svc_say(app, 1, app->was_online ? _("database connection lost: %s — retrying")
                                    : _("cannot connect to the database: %s — retrying"),
            cause);
}

static void came_online(struct app *app)
{
    app->conn = UI_ONLINE;
    if (app->was_online)
        svc_say(app, 0, "%s", _("back online; data reloaded"));
    app->was_online = 1;
    svc_send(app, DB_WHOAMI, 0, NULL, on_whoami, app);
    svc_send(app, DB_BUSINESS_TIME, 0, NULL, on_business_time, app);
    /* What changed while offline reaches the meters through the check. */
    app->meters_ask = 1;
    app->rows_warm = 0;
    app->want |= WANT_RESEND | WANT_CHECK | WANT_CHANGED;
}

void live_on_state(void *ctx, enum db_state st)
{
    struct app *app = ctx;

    svc_log(app, "database %s", st == DB_READY ? "ready" : "offline");
    app->dirty |= DIRTY_STATUS;
    if (st == DB_OFFLINE)
        went_offline(app);
    else
        came_online(app);
}
