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
#include "casedesk/app_state.h"
#include "casedesk/command.h"
#include "casedesk/compose.h"
#include "casedesk/frame.h"
#include "casedesk/i18n.h"
#include "casedesk/input.h"
#include "casedesk/live.h"
#include "casedesk/loop.h"
#include "casedesk/page.h"
#include "casedesk/prompt.h"
#include "casedesk/result.h"

#define TICK_MS 1000
#define SPINNER_MS 120
/* A connection attempt that has not finished by then is given up and retried. */
#define CONNECT_LIMIT_MS 15000
/* The loop wakes up at least this often. */
#define WAIT_MAX_MS 60000

/* --- services ---------------------------------------------------------------------- */

void app_log(const struct app *app, const char *fmt, ...)
{
    va_list ap;
    long long ms;

    if (!app->log)
        return;
    ms = loop_now_ms() - app->t0_ms;
    fprintf(app->log, "%6lld.%03lld ", ms / 1000, ms % 1000);
    va_start(ap, fmt);
    vfprintf(app->log, fmt, ap);
    va_end(ap);
    fputc('\n', app->log);
    fflush(app->log);
}

void app_say(struct app *app, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_error = error;
    app->dirty |= DIRTY_MESSAGE;
    app_log(app, "message: %s", app->message);
}

int app_online(const struct app *app)
{
    return db_state(app->db) == DB_READY;
}

int app_send(struct app *app, enum db_stmt stmt, int n, const char *const *params,
             db_result_fn fn, void *ctx)
{
    app_log(app, "send %s", db_stmt_name(stmt));
    app->dirty |= DIRTY_STATUS;
    return db_send(app->db, stmt, n, params, fn, ctx);
}

/* Counted before sending: offline, the callback runs inside db_send(). */
int app_send_counted(struct app *app, int *inflight, enum db_stmt stmt, int n,
                     const char *const *params, db_result_fn fn, void *ctx)
{
    ++*inflight;
    if (app_send(app, stmt, n, params, fn, ctx) == 0)
        return 0;
    --*inflight;
    return -1;
}

void app_log_result(const struct app *app, const struct db_result *r)
{
    if (r->ok)
        app_log(app, "result %s: %d rows", db_stmt_name(r->stmt), r->res ? PQntuples(r->res) : 0);
    else
        app_log(app, "result %s: %s %s", db_stmt_name(r->stmt), r->sqlstate, r->message);
}

int app_failed(struct app *app, const struct db_result *r, const char *fmt)
{
    if (r->ok)
        return 0;
    if (!result_connection_lost(r))
        app_say(app, 1, fmt, r->message);
    return 1;
}

void app_note_fresh(struct app *app, const PGresult *res, int now_col)
{
    const char *now = result_text(res, 0, now_col);
    if (now)
        app->skew = (int64_t)strtod(now, NULL) - (int64_t)time(NULL);
    app->data_at_ms = loop_now_ms();
    app->dirty |= DIRTY_STATUS;
}

/* --- size and signals ---------------------------------------------------------------- */

void app_relayout(struct app *app)
{
    ui_relayout();
    app->dirty |= DIRTY_ALL;
    app_log(app, "resize %dx%d", COLS, LINES);
    int rows = ui_list_rows();
    if (rows != app->q.page_size) {
        app->q.page_size = rows;
        if (app_online(app))
            page_again(app);
    }
}

/* SIGWINCH: curses learns the size from the terminal (resize_term, unlike
 * resizeterm, queues no KEY_RESIZE that would bring us here again). */
static void resize(struct app *app)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resize_term(ws.ws_row, ws.ws_col);
    app_relayout(app);
}

/* SIGWINCH resizes; the others (SIGHUP, SIGTERM, SIGINT) end the console. */
static void read_signals(struct app *app)
{
    int sig;
    while ((sig = loop_next_signal()) > 0) {
        app_log(app, "signal %d", sig);
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
        app_log(app, "connection attempt too slow; dropping it");
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
     * fallback check: an idle console asks one thing per period. */
    if (due(&app->next_sweep_ms, now, app->cfg->sweep_seconds) && live_sweep(app))
        app->next_refresh_ms = on_grid(now + app->cfg->refresh_seconds * 1000LL);
    /* Notifications are lost with a connection: ask now and then anyway. */
    if (due(&app->next_refresh_ms, now, app->cfg->refresh_seconds))
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

/* --- the loop ------------------------------------------------------------------------ */

static void loop_turn(struct app *app)
{
    struct loop_ready ready;

    if (loop_wait(db_fd(app->db), db_events(app->db), next_timeout(app, loop_now_ms()),
                  &ready) < 0) {
        app->quit = 1;
        return;
    }
    /* What woke the console, so that an idle one's wake-ups can be told
     * apart (the benchmark counts them). */
    app_log(app, "wake keys=%d db=0x%x signals=%d%s", ready.keys, (unsigned)ready.db,
            ready.signals, ready.keys || ready.db || ready.signals || ready.hangup ? "" : " timer");
    if (ready.signals)
        read_signals(app);
    if (ready.db)
        db_handle_io(app->db, ready.db);
    else if (db_state(app->db) == DB_OFFLINE)
        db_handle_io(app->db, 0);
    if (ready.keys)
        input_read(app);
    else if (ready.hangup)
        app->quit = 1;
    run_timers(app);
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
    supview_init(&app->sup);
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
    actions_forget(app);
    queue_free(&app->q);
    ui_detail_clear(&app->detail);
    sla_calendar_free(&app->cal);
    compose_done(app);
    prompt_done(app);
    command_done(app);
    escview_free(&app->esc);
    supview_free(&app->sup);
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
    ui_open(cfg->color);
    queue_init(&app.q, ui_list_rows());
    app.dirty = DIRTY_ALL;
    /* The log's times count from t0; the start line says when that was on
     * CLOCK_MONOTONIC, so that other programs' times can be set beside them. */
    app_log(&app, "start %dx%d monotonic %lld.%03lld", COLS, LINES, app.t0_ms / 1000,
            app.t0_ms % 1000);
    db_connect_start(app.db);
    timers_start(&app);
    while (!app.quit)
        loop_turn(&app);
    app_log(&app, "quit");
    ui_close();
    app_done(&app);
    loop_signals_remove();
    return 0;
}
