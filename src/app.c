/* casedesk — the console: its state's life, the services its modules share,
 * the timers and one turn of the loop. */
#include "casedesk/app.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "casedesk/actions.h"
#include "casedesk/command.h"
#include "casedesk/compose.h"
#include "casedesk/confirm.h"
#include "casedesk/dash.h"
#include "casedesk/detailview.h"
#include "casedesk/escdesk.h"
#include "casedesk/frame.h"
#include "casedesk/i18n.h"
#include "casedesk/input.h"
#include "casedesk/intakeview.h"
#include "casedesk/live.h"
#include "casedesk/loop.h"
#include "casedesk/page.h"
#include "casedesk/prompt.h"
#include "casedesk/qrview.h"
#include "casedesk/supdesk.h"
#include "casedesk/svc.h"
#include "casedesk/term.h"
#include "casedesk/text.h"
#include "casedesk/views.h"

#define TICK_MS 1000
#define SPINNER_MS 120
/* A connection attempt that has not finished by then is given up and retried. */
#define CONNECT_LIMIT_MS 15000
/* The loop wakes up at least this often. */
#define WAIT_MAX_MS 60000

/* --- size and signals ---------------------------------------------------------------- */

/* SIGWINCH: curses learns the size from the terminal (resize_term, unlike
 * resizeterm, queues no KEY_RESIZE that would bring us here again). */
static void resize(struct app *app)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resize_term(ws.ws_row, ws.ws_col);
    frame_relayout(app);
}

/* SIGWINCH resizes; the others (SIGHUP, SIGTERM, SIGINT) end the console. */
static void read_signals(struct app *app)
{
    int sig;
    while ((sig = loop_next_signal()) > 0) {
        svc_log(app, "signal %d", sig);
        if (sig == SIGWINCH)
            resize(app);
        else
            app->quit = 1;
    }
}

/* --- timers -------------------------------------------------------------------------- */

static int next_timeout(const struct app *app, long long now)
{
    long long next = app->next_tick_ms;
    if (app->next_refresh_ms < next)
        next = app->next_refresh_ms;
    if (app->next_sweep_ms < next)
        next = app->next_sweep_ms;
    if (db_pending(app->db) > 0 && app->next_spin_ms < next)
        next = app->next_spin_ms;
    if (page_keys_held(app, now) && app->keys_held_ms + PAGE_KEYS_HOLD_MS < next)
        next = app->keys_held_ms + PAGE_KEYS_HOLD_MS;
    long long ms = next - now;
    int db_ms = db_timeout_ms(app->db);
    if (db_ms >= 0 && db_ms < ms)
        ms = db_ms;
    return ms < 0 ? 0 : ms > WAIT_MAX_MS ? WAIT_MAX_MS : (int)ms;
}

static void connecting_watch(struct app *app, long long now)
{
    enum db_state st = db_state(app->db);
    if (st != DB_CONNECTING && st != DB_PREPARING) {
        app->connecting_since_ms = 0;
        return;
    }
    if (!app->connecting_since_ms) {
        app->connecting_since_ms = now;
    } else if (now - app->connecting_since_ms > CONNECT_LIMIT_MS) {
        svc_log(app, "connection attempt too slow; dropping it");
        app->connecting_since_ms = 0;
        db_drop(app->db);
    }
}

/* Every second, on the second: the countdowns and the data's age. */
static void tick(struct app *app, long long now)
{
    app->next_tick_ms = now + TICK_MS - (now % TICK_MS);
    app->dirty |= DIRTY_TIMERS | DIRTY_STATUS;
    /* The escalations tab flashes, and stops flashing, on the second. */
    if (now < app->flash_until_ms + TICK_MS)
        app->dirty |= DIRTY_HEADER;
    connecting_watch(app, now);
    live_relay_keep(app, now);
    live_rest(app);
    if (app->conn == UI_CONNECTING && db_state(app->db) == DB_OFFLINE)
        app->conn = UI_OFFLINE;
}

/* Periodic timers fall on the tick's grid, so that they share its wake-up
 * instead of waking the console on their own. */
static long long on_grid(long long t)
{
    return t - t % TICK_MS;
}

/* Whether a periodic timer is due; if so, it is set period_s from now. */
static int due(long long *at, long long now, int period_s)
{
    if (now < *at)
        return 0;
    *at = on_grid(now + period_s * 1000LL);
    return 1;
}

/* The spinner turns while requests are pending. */
static void spin(struct app *app, long long now)
{
    if (db_pending(app->db) > 0 && now >= app->next_spin_ms) {
        app->next_spin_ms = now + SPINNER_MS;
        app->spinner++;
        app->dirty |= DIRTY_STATUS;
    } else if (db_pending(app->db) == 0 && app->next_spin_ms) {
        app->next_spin_ms = 0;
        app->dirty |= DIRTY_STATUS;
    }
}

static void run_timers(struct app *app)
{
    long long now = loop_now_ms();

    if (now >= app->next_tick_ms)
        tick(app, now);
    /* The sweep's round trip also checks for changes, so it counts as the
     * fallback check: an idle console asks one thing per period. While the
     * host's relay sweeps, and hears the notifications on a connection
     * that is not lost without the console knowing, neither is asked. */
    /* Resting, nothing is asked until the user is back; the timers still
     * move on, or the loop would find them due on every turn. */
    if (due(&app->next_sweep_ms, now, live_sweep_seconds(app)) && !app->resting &&
        !live_relay_sweeps(app, now) && live_sweep(app))
        app->next_refresh_ms = on_grid(now + app->cfg->refresh_seconds * 1000LL);
    /* Notifications are lost with a connection: ask now and then anyway. */
    if (due(&app->next_refresh_ms, now, app->cfg->refresh_seconds) && !app->resting &&
        !live_relay_listens(app))
        live_check(app);
    spin(app, now);
}

static void timers_start(struct app *app)
{
    long long now = loop_now_ms();
    app->next_tick_ms = now;
    app->next_refresh_ms = on_grid(now + app->cfg->refresh_seconds * 1000LL);
    app->next_sweep_ms = on_grid(now + app->cfg->sweep_seconds * 1000LL);
}

/* --- effects -------------------------------------------------------------------------- */

/* Doing what may want more (a fetch that fails at once, offline) is
 * bounded: what is left waits for the next turn. */
#define EFFECT_ROUNDS 4

/* What the handlers wanted (app->want), each once, outside of any
 * callback: news of changes become what the views fetch, then the
 * requests go out. */
static void effects_apply(struct app *app)
{
    for (int round = 0; round < EFFECT_ROUNDS && app->want; round++) {
        unsigned w = app->want;
        int online = svc_online(app);

        app->want = 0;
        live_relay_scope(app);
        if (w & WANT_CHANGED && online)
            w |= views_on_change(app, w & WANT_CHANGED);
        if (w & WANT_RESEND)
            actions_resend(app);
        if (w & WANT_CHECK)
            live_check(app);
        if (w & WANT_PAGE && online)
            page_again(app);
        else if (w & WANT_ROWS && online)
            page_patch(app);
        if (w & WANT_DETAIL && online && app->view == VIEW_DETAIL)
            detailview_fetch(app);
        if (w & WANT_ESCALATIONS)
            escdesk_fetch(app);
        if (w & WANT_FIGURES)
            supdesk_fetch(app);
        if (w & WANT_VIEW)
            view_switch(app, app->want_view);
        if (w & WANT_HOME)
            view_home(app);
    }
    /* A view left, a scope read: the relay may pass on less. */
    live_relay_scope(app);
}

/* --- the loop ------------------------------------------------------------------------ */

/* Every key the terminal has sent, each with its effects, until none is
 * left or the user quits: the next key sees what the last one did. */
static void read_keys(struct app *app)
{
    wint_t wch;
    int rc;
    while (!app->quit && !page_keys_held(app, loop_now_ms()) && (rc = wget_wch(stdscr, &wch)) != ERR) {
        input_key(app, rc, wch);
        effects_apply(app);
    }
}

/* What the server said besides results (a NOTICE, or a WARNING such as a
 * synchronous standby's cancelled wait), made safe: always to the log, and
 * to the message line unless an action's outcome was said this turn. */
static void show_notices(struct app *app)
{
    char raw[DB_NOTICE_MAX];
    char *clean;

    while (db_take_notice(app->db, raw, sizeof raw)) {
        clean = text_sanitize(raw);
        if (!clean)
            continue;
        if (app->message[0] && app->message_turn == app->turn)
            svc_log(app, "server said: %s", clean);
        else
            svc_say(app, 0, _("server said: %s"), clean);
        free(clean);
    }
}

static void loop_turn(struct app *app)
{
    struct loop_ready ready;

    long long now = loop_now_ms();
    int held = page_keys_held(app, now);

    if (loop_wait(db_fd(app->db), db_events(app->db), app->relay.fd, !held,
                  next_timeout(app, now), &ready) < 0) {
        app->quit = 1;
        return;
    }
    /* What woke the console, so that an idle one's wake-ups can be told
     * apart (the benchmark counts them). */
    svc_log(app, "wake keys=%d db=0x%x relay=0x%x signals=%d%s", ready.keys, (unsigned)ready.db,
            (unsigned)ready.relay, ready.signals,
            ready.keys || ready.db || ready.relay || ready.signals || ready.hangup ? "" : " timer");
    if (ready.signals)
        read_signals(app);
    app->turn++;
    if (ready.db)
        db_handle_io(app->db, ready.db);
    else if (db_state(app->db) == DB_OFFLINE || db_state(app->db) == DB_RESTING)
        db_handle_io(app->db, 0);
    if (ready.relay)
        live_relay_io(app);
    show_notices(app);
    effects_apply(app);
    /* Keys are read on every turn they may be: curses can hold keys the
     * terminal sent already (read ahead, or put back), which poll() does not
     * report; and keys that waited for a page are read once it has come or
     * the wait ran out. Without keys this costs one read that finds none. */
    if (ready.keys || !page_keys_held(app, loop_now_ms()))
        read_keys(app);
    if (!ready.keys && ready.hangup)
        app->quit = 1;
    run_timers(app);
    effects_apply(app);
    frame_draw(app);
}

static int app_init(struct app *app, const struct config *cfg, const struct keymap *km, FILE *log)
{
    memset(app, 0, sizeof *app);
    app->cfg = cfg;
    app->km = km;
    app->log = log;
    app->t0_ms = loop_now_ms();
    app->conn = UI_CONNECTING;
    sla_calendar_init(&app->cal);
    compose_init(app);
    prompt_init(app);
    command_init(app);
    escview_init(&app->esc);
    relaylink_init(&app->relay);
    supview_init(&app->sup);
    intakeview_init(app);
    app->db = db_new(cfg->conninfo);
    if (!app->db)
        return -1;
    db_set_handlers(app->db, live_on_notify, live_on_state, app);
    return 0;
}

static void app_done(struct app *app)
{
    /* The database goes first: its pending callbacks still use the state. */
    db_free(app->db);
    app->db = NULL;
    relaylink_close(&app->relay);
    actions_forget(app);
    queue_free(&app->q);
    queue_free(&app->red);
    detail_clear(&app->detail);
    qrview_free(app);
    sla_calendar_free(&app->cal);
    compose_done(app);
    prompt_done(app);
    confirm_done(app);
    command_done(app);
    escview_free(&app->esc);
    supview_free(&app->sup);
    intakeview_done(app);
    editor_drafts_free(&app->drafts);
    free(app->who);
    free(app->login);
    free(app->job);
}

void app_restore_terminal(void)
{
    ui_close();
}

int app_run(const struct config *cfg, const struct keymap *km, FILE *log)
{
    static struct app app;

    if (app_init(&app, cfg, km, log) < 0) {
        fprintf(stderr, "casedesk: %s\n", _("out of memory"));
        return 1;
    }
    if (loop_signals_install(app_restore_terminal) < 0) {
        perror("casedesk: pipe");
        app_done(&app);
        return 1;
    }
    ui_set_columns(cfg->columns, cfg->ncolumns);
    ui_open(cfg->color, term_escape_delay(cfg->escape_delay_ms, getenv("ESCDELAY")));
    queue_init(&app.q, dash_queue_rows(&app));
    queue_init(&app.red, 1);
    app.dirty = DIRTY_ALL;
    /* The log's times count from t0; the start line says when that was on
     * CLOCK_MONOTONIC, so that other programs' times can be set beside them. */
    svc_log(&app, "start %dx%d monotonic %lld.%03lld", COLS, LINES, app.t0_ms / 1000,
            app.t0_ms % 1000);
    /* The relay first, so that what it passes on is heard from before the
     * first page is read; its hello, a moment later, turns the connection's
     * own LISTEN off (or leaves it out, if the connection is not made yet). */
    live_relay_keep(&app, loop_now_ms());
    db_connect_start(app.db);
    timers_start(&app);
    while (!app.quit)
        loop_turn(&app);
    svc_log(&app, "quit");
    ui_close();
    app_done(&app);
    loop_signals_remove();
    return 0;
}
