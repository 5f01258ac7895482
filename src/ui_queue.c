/* casedesk — drawing the queue. */
#include "casedesk/ui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casedesk/i18n.h"
#include "casedesk/text.h"
#include "casedesk/timefmt.h"
#include "casedesk/ui_prim.h"
#include "casedesk/ui_screen.h"

/* --- the queue ------------------------------------------------------------------------ */

static const char *column_title(enum config_column c)
{
    switch (c) {
    case CONFIG_COLUMN_URGENCY: return "";
    case CONFIG_COLUMN_DUE: return _("left");
    case CONFIG_COLUMN_CASE: return _("case");
    case CONFIG_COLUMN_MATTER: return _("matter");
    case CONFIG_COLUMN_ITEM: return _("item");
    case CONFIG_COLUMN_APPLICANT: return _("applicant");
    case CONFIG_COLUMN_STATUS: return _("status");
    case CONFIG_COLUMN_ASSIGNEE: return _("owner");
    case CONFIG_COLUMN_AGE: return _("age");
    default: return "";
    }
}

/* Two columns that read without colour: blank, "! ", "!!", "||". */
const char *ui_urgency_symbol(enum sla_urgency u)
{
    switch (u) {
    case SLA_YELLOW: return "! ";
    case SLA_RED: return "!!";
    case SLA_PAUSED: return "||";
    default: return "  ";
    }
}

attr_t ui_urgency_attr(enum sla_urgency u)
{
    switch (u) {
    case SLA_YELLOW: return ui_pair_attr(PAIR_YELLOW) | A_BOLD;
    case SLA_RED: return ui_pair_attr(PAIR_RED) | A_BOLD;
    case SLA_PAUSED: return ui_pair_attr(PAIR_PAUSED);
    default: return A_NORMAL;
    }
}

void ui_left_text(int wall_clock, int64_t due, int64_t paused, const struct ui_clock *clk,
                  char *buf, size_t n)
{
    /* An item limited in calendar hours counts wall-clock time, in days of
     * 24 hours; the others business time. */
    static const struct sla_calendar wall = {0};
    const struct sla_calendar *cal = wall_clock ? &wall : clk->cal;
    long left = sla_remaining_minutes(cal, clk->now, due, paused);
    if (due == SLA_NONE)
        snprintf(buf, n, "-");
    else
        timefmt_remaining(left, wall_clock ? 24 * 60 : clk->minutes_per_day, buf, n);
}

void ui_countdown_text(const struct queue_row *r, const struct ui_clock *clk, char *buf,
                       size_t n)
{
    ui_left_text(r->wall_clock, r->due, r->paused, clk, buf, n);
}

/* Text of a cell that does not change with time. */
static const char *static_cell(const struct queue_row *r, enum config_column c)
{
    switch (c) {
    case CONFIG_COLUMN_CASE: return r->case_no;
    case CONFIG_COLUMN_MATTER: return r->matter;
    case CONFIG_COLUMN_ITEM: return r->item;
    case CONFIG_COLUMN_APPLICANT: return r->applicant;
    case CONFIG_COLUMN_STATUS: return ui_status_word(r->status);
    case CONFIG_COLUMN_ASSIGNEE: return r->assignee_name;
    default: return NULL;
    }
}

static void draw_timer_cells(const struct queue *q, size_t i, int y, const struct ui_clock *clk,
                             attr_t base)
{
    const struct queue_row *r = &q->rows[i];
    enum sla_urgency u = queue_row_urgency(r, clk->now);
    char buf[TIMEFMT_BUFSIZE + 8];

    for (size_t c = 0; c < ui_state.ncols; c++) {
        const struct column *col = &ui_state.cols[c];
        switch (col->id) {
        case CONFIG_COLUMN_URGENCY:
            snprintf(buf, sizeof buf, "%s%s", queue_is_tagged(q, r->id) ? "*" : " ",
                     ui_urgency_symbol(u));
            ui_cell(y, col->x, buf, col->width, base | ui_urgency_attr(u));
            break;
        case CONFIG_COLUMN_DUE:
            ui_countdown_text(r, clk, buf, sizeof buf);
            ui_cell(y, col->x, buf, col->width, base | ui_urgency_attr(u));
            break;
        case CONFIG_COLUMN_AGE:
            timefmt_age(r->entered == SLA_NONE ? 0 : (long)(clk->now - r->entered), buf,
                        sizeof buf);
            ui_cell(y, col->x, buf, col->width, base);
            break;
        default:
            break;
        }
    }
}

static attr_t row_attr(const struct queue *q, size_t i)
{
    return i == q->cursor ? ui_cursor_attr() : A_NORMAL;
}

/* A page has as many rows as the screen, but between a resize and the page
 * that fits it the cursor may lie below the last line: keep it in sight. */
static size_t first_visible(const struct queue *q, int rows)
{
    return q->cursor >= (size_t)rows ? q->cursor - (size_t)rows + 1 : 0;
}

static void draw_row(const struct queue *q, size_t i, int y, const struct ui_clock *clk)
{
    const struct queue_row *r = &q->rows[i];
    attr_t base = row_attr(q, i);

    ui_line(y, "", base);
    for (size_t c = 0; c < ui_state.ncols; c++) {
        const char *text = static_cell(r, ui_state.cols[c].id);
        if (text)
            ui_cell(y, ui_state.cols[c].x, text, ui_state.cols[c].width, base);
    }
    draw_timer_cells(q, i, y, clk, base);
}

/* The column titles on the region's first row, the list under them. */
#define TITLES_ROW UI_BODY_TOP
#define LIST_TOP (UI_BODY_TOP + 1)

static void draw_titles(void)
{
    ui_line(TITLES_ROW, "", A_UNDERLINE);
    for (size_t c = 0; c < ui_state.ncols; c++)
        ui_cell(TITLES_ROW, ui_state.cols[c].x, column_title(ui_state.cols[c].id),
                ui_state.cols[c].width + (c + 1 < ui_state.ncols ? SEP : 0), A_UNDERLINE);
}

/* Rows of the list in the region, at least 1; the columns fitted to its
 * width. */
static int list_rows(void)
{
    if (ui_state.cols_width != ui_cols())
        ui_layout_columns(ui_cols());
    return ui_body_bottom() - LIST_TOP + 1 > 0 ? ui_body_bottom() - LIST_TOP + 1 : 1;
}

void ui_draw_queue(const struct queue *q, const struct ui_clock *clk)
{
    int rows = list_rows();
    size_t top = first_visible(q, rows);

    draw_titles();
    for (int y = 0; y < rows; y++) {
        if (top + (size_t)y < q->n)
            draw_row(q, top + (size_t)y, LIST_TOP + y, clk);
        else
            ui_blank(LIST_TOP + y);
    }
    if (q->n == 0)
        ui_cell(LIST_TOP + rows / 2, 2,
                q->loaded ? _("Nothing here: no open item matches the filter.") : _("Loading…"),
                ui_cols() - 2, A_DIM);
}

void ui_draw_queue_timers(const struct queue *q, const struct ui_clock *clk)
{
    int rows = list_rows();
    size_t top = first_visible(q, rows);
    for (int y = 0; y < rows && top + (size_t)y < q->n; y++)
        draw_timer_cells(q, top + (size_t)y, LIST_TOP + y, clk, row_attr(q, top + (size_t)y));
}
