/* casedesk — drawing a frame. */
#include "casedesk/frame.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "casedesk/choices.h"
#include "casedesk/drill.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/svc.h"
#include "casedesk/views.h"

void frame_relayout(struct app *app)
{
    ui_relayout();
    app->dirty |= DIRTY_ALL;
    svc_log(app, "resize %dx%d", COLS, LINES);
    int rows = ui_list_rows();
    if (rows != app->q.page_size) {
        app->q.page_size = rows;
        if (svc_online(app))
            app->want |= WANT_PAGE;
    }
}

static void draw_header(const struct app *app)
{
    char tabs[256], info[MESSAGE_MAX + 32];
    int flash_x, flash_cols;
    int queue = app->view == VIEW_QUEUE && !drill_active(app);

    view_tabs(app, loop_now_ms(), tabs, sizeof tabs, &flash_x, &flash_cols);
    info[0] = '\0';
    if (views_current(app)->info)
        views_current(app)->info(app, info, sizeof info);
    struct ui_header h = {
        .view = tabs,
        .flash_x = flash_x, .flash_cols = flash_cols,
        .info = info[0] ? info : NULL,
        .filter = queue ? queue_filter_label(app->q.filter) : NULL,
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

/* The view's list, or only what time changes in it. */
static void draw_view(struct app *app, unsigned d)
{
    /* Countdowns run on the server's clock, as far as the console knows it. */
    struct ui_clock clk = {(int64_t)time(NULL) + app->skew, &app->cal, app->minutes_per_day};
    const struct view_ops *ops = views_current(app);

    if (ops->draw)
        ops->draw(app, d, &clk);
}

static void draw_status(const struct app *app)
{
    struct ui_status st = {
        .who = app->who, .conn = app->conn,
        .data_age = app->data_at_ms ? (loop_now_ms() - app->data_at_ms) / 1000 : -1,
        .busy = db_pending(app->db) > 0, .spinner = app->spinner, .frozen = app->frozen,
    };
    ui_draw_status(&st);
}

/* The message, or the prompt that stands in its place. */
static void draw_message_line(const struct app *app)
{
    switch (app->overlay) {
    case OVERLAY_SEARCH: {
        const char *label = app->q.search && !queue_row_matches(queue_current(&app->q), app->q.search)
                          ? _("/ (no match) ") : "/";
        ui_draw_prompt(label, &app->search);
        break;
    }
    case OVERLAY_COMMAND:
        ui_draw_prompt(":", &app->cmd);
        break;
    case OVERLAY_CONFIRM:
    case OVERLAY_FILTER:
        ui_draw_message(app->question, 0);
        break;
    default:
        ui_draw_message(app->message[0] ? app->message : NULL, app->message_error);
        break;
    }
}

static void draw_hints(const struct app *app)
{
    static const struct ui_hint help_hints[] = {
        {ACTION_BACK, N_("close")}, {ACTION_MOVE_DOWN, N_("down")}, {ACTION_MOVE_UP, N_("up")},
    };
    const struct view_ops *ops = views_current(app);
    const struct ui_hint *h = NULL;
    size_t n = 0;

    if (app->overlay == OVERLAY_HELP) {
        h = help_hints;
        n = sizeof help_hints / sizeof help_hints[0];
    } else if (ops->hints) {
        h = ops->hints(app, &n);
    }
    ui_draw_hints(app->km, h, n);
}

static void draw_editor(const struct app *app)
{
    char hint[256];
    snprintf(hint, sizeof hint, "%s", app->ed.single_line
             ? _("Enter next  Esc cancel") : _("C-d save  Enter new line  Esc cancel"));
    struct ui_editor_view v = {
        .title = app->ed_title,
        .choices_title = choices_title(app->ed_purpose),
        .choices = (const char *const *)app->choices,
        .nchoices = app->nchoices,
        .ed = &app->ed,
        .hint = hint,
        .notice = app->ed_notice[0] ? app->ed_notice : NULL,
    };
    ui_draw_editor(&v);
}

/* --- help ---------------------------------------------------------------------------- */

#define HELP_EXTRA 16
#define HELP_LINE 160

/* The first key of a, as the help names it, or "-". */
static const char *key_of(const struct app *app, enum action a, char *buf, size_t n)
{
    if (!keymap_first_key(app->km, a, buf, n))
        snprintf(buf, n, "-");
    return buf;
}

/* What keys mean in the views where they mean something else than their
 * action's name says, with the user's bindings. */
static size_t help_extra(const struct app *app, char lines[][HELP_LINE])
{
    char k[64];
    size_t n = 0;
#define ADD(...) do { if (n < HELP_EXTRA) snprintf(lines[n++], HELP_LINE, __VA_ARGS__); } while (0)
    ADD("%s", _("In the escalations view (2):"));
    ADD("  %-12s %s", key_of(app, ACTION_APPROVE, k, sizeof k),
        _("acknowledge (the approve key): stops the response clock"));
    ADD("  %-12s %s", key_of(app, ACTION_RESOLVE, k, sizeof k), _("resolve it, with an answer"));
    ADD("  %-12s %s", key_of(app, ACTION_HAND_ON, k, sizeof k),
        _("hand it on: department number (a login may follow), note"));
    ADD("  %-12s %s", key_of(app, ACTION_OPEN, k, sizeof k), _("open the item behind it"));
    ADD("%s", _("In the supervisor view (3):"));
    char k2[64];
    key_of(app, ACTION_MOVE_LEFT, k, sizeof k);
    key_of(app, ACTION_MOVE_RIGHT, k2, sizeof k2);
    ADD("  %-5s %-6s %s", k, k2, _("move between the figures of a row"));
    ADD("  %-12s %s", key_of(app, ACTION_OPEN, k, sizeof k),
        _("list the items behind the figure; Esc comes back"));
    ADD("  %-12s %s", key_of(app, ACTION_FILTER, k, sizeof k),
        _("departments or matter types"));
    ADD("%s", _("In the queue, for supervisors:"));
    ADD("  %-12s %s", key_of(app, ACTION_REASSIGN, k, sizeof k),
        _("reassign the item or the tagged ones to a reviewer"));
    ADD("  %-12s %s", key_of(app, ACTION_RELEASE, k, sizeof k), _("release any claimed item"));
    ADD("  %s", _(":release-all LOGIN   tag what LOGIN holds claimed, to release"));
    ADD("%s", _("For window clerks:"));
    ADD("  %-12s %s", key_of(app, ACTION_ESCALATE, k, sizeof k),
        _("escalate: the department by number, then the question"));
#undef ADD
    return n;
}

static void draw_overlay(struct app *app)
{
    char lines[HELP_EXTRA][HELP_LINE];
    const char *extra[HELP_EXTRA];

    if (app->overlay == OVERLAY_HELP) {
        size_t n = help_extra(app, lines);
        for (size_t i = 0; i < n; i++)
            extra[i] = lines[i];
        app->help_lines = ui_draw_help(app->km, app->help_scroll, extra, n);
    }
    else if (app->overlay == OVERLAY_EDITOR)
        draw_editor(app);
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
    if (d & DIRTY_HEADER)
        draw_header(app);
    draw_view(app, d);
    if (d & DIRTY_STATUS)
        draw_status(app);
    if (d & DIRTY_MESSAGE)
        draw_message_line(app);
    if (d & DIRTY_HINTS)
        draw_hints(app);
    if (d & DIRTY_OVERLAY)
        draw_overlay(app);
    ui_flush();
    svc_log(app, "frame 0x%02x", d);
}
