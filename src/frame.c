/* casedesk — drawing a frame. */
#include "casedesk/frame.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "casedesk/dash.h"
#include "casedesk/drill.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/overlays.h"
#include "casedesk/page.h"
#include "casedesk/supdesk.h"
#include "casedesk/svc.h"
#include "casedesk/text.h"
#include "casedesk/views.h"

/* The page as long as the queue's list: a resize, the panes coming or
 * going. */
static void fit_page(struct app *app)
{
    int rows = dash_queue_rows(app);
    /* Too small, nothing is shown and no key acts: the page waits for a
     * size it can be shown at. */
    if (rows != app->q.page_size && !ui_too_small()) {
        app->q.page_size = rows;
        if (svc_online(app)) {
            app->want |= WANT_PAGE;
            page_hold_keys(app);
        }
    }
}

void frame_relayout(struct app *app)
{
    ui_relayout();
    app->dirty |= DIRTY_ALL;
    svc_log(app, "resize %dx%d", COLS, LINES);
    fit_page(app);
}

static void draw_header(const struct app *app)
{
    char tabs[256], info[MESSAGE_MAX + 32];
    int flash_x, flash_cols;
    int queue = app->view == VIEW_QUEUE && !drill_active(app);

    info[0] = '\0';
    if (views_current(app)->info)
        views_current(app)->info(app, info, sizeof info);
    /* The tabs leave room for what the view says, when they can. */
    const char *filter = queue ? queue_filter_label(app->q.filter) : NULL;
    int room = COLS - 1 - (info[0] ? 3 + text_width(info) : 0)
               - (filter ? 5 + text_width(_("filter")) + text_width(filter) : 0);
    view_tabs(app, loop_now_ms(), tabs, sizeof tabs, room > 0 ? room : 1, &flash_x, &flash_cols);
    struct ui_header h = {
        .view = tabs,
        .flash_x = flash_x, .flash_cols = flash_cols,
        .info = info[0] ? info : NULL,
        .filter = filter,
        /* The usual order (soonest due first) goes without saying. */
        .sort = !queue || (app->q.sort == QUEUE_SORT_DUE && !app->q.reversed)
                ? NULL : queue_sort_label(app->q.sort),
        .reversed = app->q.reversed,
        .search = app->view == VIEW_QUEUE ? app->q.search : NULL,
        .ntags = app->view == VIEW_QUEUE ? app->q.ntags : 0,
        .more_before = app->view == VIEW_QUEUE && app->q.more_before,
        .more_after = app->view == VIEW_QUEUE && app->q.more_after,
    };
    ui_draw_header(&h);
}

/* Countdowns run on the server's clock, as far as the console knows it. */
static int64_t server_now(const struct app *app)
{
    return (int64_t)time(NULL) + app->skew;
}

static void draw_meters(const struct app *app)
{
    struct meter_seg segs[METER_KINDS];
    size_t n = dash_meters(app, COLS, server_now(app), segs);

    ui_draw_meters(segs, n);
}

static void use_region(const struct pane_rect *r, int unfocused, int compact)
{
    struct ui_region reg = {r->top, r->left, r->rows, r->cols, unfocused, compact};
    ui_region_set(&reg);
}

static const enum view pane_view[] = {
    [PANE_QUEUE] = VIEW_QUEUE, [PANE_ESCALATIONS] = VIEW_ESCALATIONS,
    [PANE_FIGURES] = VIEW_SUPERVISOR, [PANE_RED] = VIEW_QUEUE,
};

/* A pane's title: what it shows, how many. */
static void pane_title(const struct app *app, enum pane_content c, char *buf, size_t n)
{
    char info[MESSAGE_MAX];

    info[0] = '\0';
    if (c != PANE_RED && views_ops(pane_view[c])->info)
        views_ops(pane_view[c])->info(app, info, sizeof info);
    if (c == PANE_ESCALATIONS)
        snprintf(buf, n, "%s%s%s", _("Escalations"), info[0] ? " — " : "", info);
    else if (c == PANE_FIGURES)
        snprintf(buf, n, "%s", _("Figures"));
    else if (c == PANE_RED)
        snprintf(buf, n, _("Red items, every department — %zu"), app->red.n);
    else
        snprintf(buf, n, "%s%s%s", _("Queue"), info[0] ? " — " : "", info);
}

/* The view's list, or only what time changes in it; on a large screen each
 * pane's, under its title. */
static void draw_view(struct app *app, unsigned d)
{
    struct ui_clock clk = {server_now(app), &app->cal, app->minutes_per_day};
    const struct view_ops *ops = views_current(app);
    struct panes p;

    dash_panes(app, app->view, &p);
    if (p.n == 1) {
        use_region(&p.pane[0], 0, 0);
        if (ops->draw)
            ops->draw(app, d, &clk);
        return;
    }
    for (int i = 0; i < p.n; i++) {
        const struct view_ops *pops = views_ops(pane_view[p.content[i]]);
        int focused = (app->pane_focus ? 1 : 0) == i;
        if (d & (DIRTY_LIST | DIRTY_HEADER)) {
            char title[MESSAGE_MAX + 64];
            pane_title(app, p.content[i], title, sizeof title);
            ui_draw_pane_title(p.title_row[i], p.pane[i].left, p.pane[i].cols, title, focused);
        }
        use_region(&p.pane[i], !focused, i == 1 && p.pane[i].left == 0);
        if (p.content[i] == PANE_RED)
            supdesk_draw_red(app, d, &clk);
        else if (pops->draw)
            pops->draw(app, d, &clk);
    }
}

#define FRAME_NOT_ANSWERING_MS 4000

static void draw_status(const struct app *app)
{
    struct ui_status st = {
        .who = app->who, .conn = app->conn,
        .data_age = app->data_at_ms ? (loop_now_ms() - app->data_at_ms) / 1000 : -1,
        .busy = db_pending(app->db) > 0, .spinner = app->spinner, .frozen = app->frozen,
        .resting = app->resting,
    };
    long long waited = db_waiting_ms(app->db);

    /* A few seconds without an answer: a hung server or a link that died
     * without a word, which TCP keepalives take longer to notice. */
    if (waited >= FRAME_NOT_ANSWERING_MS)
        st.waiting = (long)(waited / 1000);
    ui_draw_status(&st);
}

/* The message, or the question or prompt an overlay puts in its place. */
static void draw_message_line(const struct app *app)
{
    const struct overlay_ops *o = overlays_ops(app->overlay);

    if (o && o->message)
        o->message(app);
    else
        ui_draw_message(app->message[0] ? app->message : NULL, app->message_error);
}

static void draw_hints(const struct app *app)
{
    const struct overlay_ops *o = overlays_ops(app->overlay);
    const struct view_ops *ops = views_current(app);
    const struct ui_hint *h = NULL;
    size_t n = 0;

    if (o && o->hints)
        h = o->hints(app, &n);
    else if (ops->hints)
        h = ops->hints(app, &n);
    ui_draw_hints(app->km, h, n);
}

void frame_draw(struct app *app)
{
    unsigned d = app->dirty;

    if (!d)
        return;
    app->dirty = 0;
    if (ui_too_small()) {
        ui_draw_too_small();
        ui_flush();
        return;
    }
    /* Every region at once (another view, a resize, an overlay gone): start
     * from a blank screen, so that no cell a region does not draw keeps what
     * the last screen had there. curses still sends only what changed. */
    if ((d & DIRTY_ALL) == DIRTY_ALL)
        ui_erase();
    if (d & DIRTY_HEADER)
        draw_header(app);
    if (d & (DIRTY_HEADER | DIRTY_TIMERS))
        draw_meters(app);
    fit_page(app);
    draw_view(app, d);
    if (d & DIRTY_STATUS)
        draw_status(app);
    if (d & DIRTY_MESSAGE)
        draw_message_line(app);
    if (d & DIRTY_HINTS)
        draw_hints(app);
    const struct overlay_ops *o = overlays_ops(app->overlay);
    if (d & DIRTY_OVERLAY && o && o->draw)
        o->draw(app);
    ui_flush();
    svc_log(app, "frame 0x%02x", d);
}
