/* casedesk — drawing a frame. */
#include "casedesk/frame.h"

#include <stdio.h>
#include <time.h>

#include "casedesk/app_state.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"

static void draw_header(const struct app *app)
{
    struct ui_header h = {
        .view = app->view == VIEW_QUEUE ? _("Queue") : _("Item"),
        .filter = queue_filter_label(app->q.filter),
        /* The usual order (soonest due first) goes without saying. */
        .sort = app->q.sort == QUEUE_SORT_DUE && !app->q.reversed ? NULL
                                                                  : queue_sort_label(app->q.sort),
        .reversed = app->q.reversed,
        .search = app->q.search, .ntags = app->q.ntags,
        .more_before = app->view == VIEW_QUEUE && app->q.more_before,
        .more_after = app->view == VIEW_QUEUE && app->q.more_after,
    };
    ui_draw_header(&h);
}

/* The list, or only its countdowns when nothing else changed. */
static void draw_view(struct app *app, unsigned d)
{
    /* Countdowns run on the server's clock, as far as the console knows it. */
    struct ui_clock clk = {(int64_t)time(NULL) + app->skew, &app->cal, app->minutes_per_day};

    if (app->view == VIEW_QUEUE) {
        if (d & DIRTY_LIST)
            ui_draw_queue(&app->q, &clk);
        else if (d & DIRTY_TIMERS)
            ui_draw_queue_timers(&app->q, &clk);
    } else if (d & (DIRTY_LIST | DIRTY_TIMERS)) {
        app->detail_lines = ui_draw_detail(&app->detail, &clk);
    }
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
    ui_draw_hints(app->km, app->overlay == OVERLAY_HELP ? UI_HINTS_HELP
                         : app->view == VIEW_DETAIL ? UI_HINTS_DETAIL : UI_HINTS_QUEUE);
}

static void draw_editor(const struct app *app)
{
    char hint[256];
    snprintf(hint, sizeof hint, "%s", app->ed.single_line
             ? _("Enter next  Esc cancel") : _("C-d save  Enter new line  Esc cancel"));
    struct ui_editor_view v = {
        .title = app->ed_title,
        .choices_title = app->ed_purpose == EDITOR_REASON
                       ? _("Common reasons (type the number to use one):")
                       : _("Required materials (numbers or names, comma separated):"),
        .choices = (const char *const *)app->choices,
        .nchoices = app->nchoices,
        .ed = &app->ed,
        .hint = hint,
        .notice = app->ed_notice[0] ? app->ed_notice : NULL,
    };
    ui_draw_editor(&v);
}

static void draw_overlay(struct app *app)
{
    if (app->overlay == OVERLAY_HELP)
        app->help_lines = ui_draw_help(app->km, app->help_scroll);
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
    app_log(app, "frame 0x%02x", d);
}
