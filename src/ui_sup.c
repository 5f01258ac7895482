/* casedesk — drawing the supervisor's figures (view 3). */
#include "casedesk/ui_desk.h"

#include <stdio.h>
#include <string.h>

#include "casedesk/i18n.h"
#include "casedesk/text.h"
#include "casedesk/timefmt.h"
#include "casedesk/ui_prim.h"

#define SEP 1
#define NAME_MAX_COLS 30
#define TITLE_ROW UI_BODY_TOP
#define TITLES_ROW (UI_BODY_TOP + 1)
#define FIRST_ROW (UI_BODY_TOP + 2)
#define RATE_COLS 5
#define COUNT_COLS 5
/* Bars leave room for the name, a rate, a count and the gaps between. */
#define BAR_EXTRA (SEP + SEP + RATE_COLS + 2 + SEP + COUNT_COLS)
#define BAR_MIN 4
#define CELL_MAX 64

static int fixed_cols(void)
{
    int total = 0;
    for (int c = SUP_COL_NAME + 1; c < SUP_NCOLS; c++)
        total += SEP + supview_col_width((enum sup_col)c);
    return total;
}

static int name_cols(void)
{
    int w = ui_cols() - fixed_cols();
    return w > NAME_MAX_COLS ? NAME_MAX_COLS : w < SUP_NAME_MIN ? SUP_NAME_MIN : w;
}

/* The column where each figure starts. */
static int col_x(enum sup_col col)
{
    int x = name_cols();
    for (int c = SUP_COL_NAME + 1; c < (int)col; c++)
        x += SEP + supview_col_width((enum sup_col)c);
    return col == SUP_COL_NAME ? 0 : x + SEP;
}

/* Figures line up on the right, as numbers do. */
static void right_cell(int y, int x, const char *text, int width, attr_t attr)
{
    char buf[CELL_MAX * 2];
    int pad = width - text_width(text);
    if (pad < 0 || pad > CELL_MAX)
        pad = 0;
    memset(buf, ' ', (size_t)pad);
    snprintf(buf + pad, sizeof buf - (size_t)pad, "%s", text);
    ui_cell(y, x, buf, width, attr);
}

static void draw_titles(const struct sup_view *v)
{
    ui_line(TITLES_ROW, "", A_UNDERLINE);
    ui_cell(TITLES_ROW, 0, v->by_matter ? _("matter type") : _("department"), name_cols(),
            A_UNDERLINE);
    for (int c = SUP_COL_NAME + 1; c < SUP_NCOLS; c++)
        right_cell(TITLES_ROW, col_x((enum sup_col)c), supview_col_title((enum sup_col)c),
                   supview_col_width((enum sup_col)c), A_UNDERLINE);
}

/* Red and late figures stand out by weight, and by colour where there is any. */
static attr_t figure_attr(const struct sup_row *r, enum sup_col c)
{
    if (c == SUP_COL_RED && r->red > 0)
        return A_BOLD | ui_tone(UI_TONE_RED);
    if (c == SUP_COL_YELLOW && r->yellow > 0)
        return ui_tone(UI_TONE_YELLOW);
    return A_NORMAL;
}

static void draw_row(const struct sup_view *v, const struct sup_row *r, size_t i, int y,
                     int minutes_per_day)
{
    char text[CELL_MAX];
    int here = i == v->row;

    ui_blank(y);
    for (int c = 0; c < SUP_NCOLS; c++) {
        attr_t a = figure_attr(r, (enum sup_col)c) | (here ? A_BOLD : A_NORMAL);
        if (here && c == v->col)
            a |= ui_cursor_attr();
        if (c == SUP_COL_NAME) {
            ui_cell(y, 0, r->name, name_cols(), a);
            continue;
        }
        supview_cell_text(r, (enum sup_col)c, minutes_per_day, text, sizeof text);
        right_cell(y, col_x((enum sup_col)c), text, supview_col_width((enum sup_col)c), a);
    }
}

/* Rows of the table that fit, the cursor's row among them. */
static size_t table_top(const struct sup_view *v, int rows)
{
    return rows > 0 && v->row >= (size_t)rows ? v->row - (size_t)rows + 1 : 0;
}

/* --- charts ---------------------------------------------------------------------- */

static int bar_cols(void)
{
    int w = (ui_cols() - name_cols() - BAR_EXTRA) / 2;
    return w < BAR_MIN ? 0 : w;
}

static void draw_bars(const struct sup_table *t, int y, int rows)
{
    char bar[4 * 132], rate[16], count[16];
    int bw = bar_cols(), nw = name_cols(), max = 0;
    int rate_x = nw + SEP + bw + SEP, load_x = rate_x + RATE_COLS + 2;

    if (bw == 0 || rows < 2)
        return;
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].open > max)
            max = t->rows[i].open;
    ui_blank(y);
    ui_cell(y, nw + SEP, _("on time, last 30 days"), bw + SEP + RATE_COLS, A_BOLD);
    ui_cell(y, load_x, _("open items"), bw, A_BOLD);
    for (size_t i = 0; i < t->n && (int)i + 1 < rows; i++) {
        const struct sup_row *r = &t->rows[i];
        int yy = y + 1 + (int)i;
        ui_blank(yy);
        ui_cell(yy, 0, r->name, nw, A_NORMAL);
        supview_bar(r->on_time < 0 ? 0 : r->on_time, 1.0, bw, bar, sizeof bar);
        ui_cell(yy, nw + SEP, bar, bw, ui_tone(UI_TONE_OK));
        supview_rate_text(r->on_time, rate, sizeof rate);
        right_cell(yy, rate_x, rate, RATE_COLS, A_NORMAL);
        supview_bar(r->open, max, bw, bar, sizeof bar);
        ui_cell(yy, load_x, bar, bw, A_NORMAL);
        snprintf(count, sizeof count, "%d", r->open);
        right_cell(yy, load_x + bw + SEP, count, COUNT_COLS, A_NORMAL);
    }
}

static void draw_history(const struct sup_view *v, int y)
{
    const struct sup_row *r = supview_current(v);
    char spark[4 * SUP_HISTORY_DAYS + 1], line[512];
    int max = 0;

    ui_blank(y);
    if (!r)
        return;
    if (v->nhistory == 0 || v->history_key != r->key || v->history_by_matter != v->by_matter) {
        snprintf(line, sizeof line, "%s  %s", _("last 14 days"), _("loading…"));
        ui_cell(y, 0, line, ui_cols(), A_DIM);
        return;
    }
    for (int i = 0; i < v->nhistory; i++)
        if (v->history[i] > max)
            max = v->history[i];
    supview_sparkline(v->history, v->nhistory, spark, sizeof spark);
    snprintf(line, sizeof line, _("last 14 days  %s  decisions a day, %s (most %d)"), spark,
             r->name, max);
    ui_cell(y, 0, line, ui_cols(), A_NORMAL);
}

/* --- the view ----------------------------------------------------------------------- */

void ui_draw_supervisor_age(const struct sup_view *v, int64_t now)
{
    const struct sup_table *t = supview_table(v);
    char at[32], age[TIMEFMT_BUFSIZE], line[256];

    if (!t->loaded) {
        ui_line(TITLE_ROW, _("Loading the figures…"), A_DIM);
        return;
    }
    ui_clock_text(t->figures_at, now, at, sizeof at);
    timefmt_age((long)(now - t->figures_at), age, sizeof age);
    snprintf(line, sizeof line, _("%s — figures of %s, %s old"),
             v->by_matter ? _("By matter type") : _("By department"), at, age);
    ui_line(TITLE_ROW, line, A_BOLD);
}

/* The calendar's end takes the last row of the body while it is near: in
 * bold, and red where there is colour. Returns the rows it took. */
static int draw_calendar(const struct sup_view *v, int y)
{
    char line[256];

    if (!supview_calendar_text(&v->cal, line, sizeof line))
        return 0;
    ui_line(y, line, A_BOLD | ui_tone(UI_TONE_RED));
    return 1;
}

void ui_draw_supervisor(const struct sup_view *v, int minutes_per_day, int64_t now)
{
    const struct sup_table *t = supview_table(v);
    int bottom = ui_body_bottom() - draw_calendar(v, ui_body_bottom());
    int space = bottom - FIRST_ROW + 1;
    /* The charts want a blank, a title, a bar per row, a blank, the sparkline. */
    int charts = (int)t->n + 4;
    int table_rows = (int)t->n;

    if (table_rows > space)
        table_rows = space;
    if (space - table_rows < charts)
        charts = space - table_rows;
    ui_draw_supervisor_age(v, now);
    draw_titles(v);
    size_t top = table_top(v, table_rows);
    for (int y = 0; y < table_rows; y++)
        draw_row(v, &t->rows[top + (size_t)y], top + (size_t)y, FIRST_ROW + y, minutes_per_day);
    for (int y = FIRST_ROW + table_rows; y <= bottom; y++)
        ui_blank(y);
    if (t->n == 0 && t->loaded)
        ui_cell(FIRST_ROW, 2, _("No figures."), ui_cols() - 2, A_DIM);
    int y = FIRST_ROW + table_rows + 1;
    if (charts >= 4) {
        draw_bars(t, y, charts - 3);
        draw_history(v, y + charts - 2);
    }
}
