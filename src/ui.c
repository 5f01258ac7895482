/* casedesk — drawing with ncursesw: the screen, its layout, and the primitives
 * every ui_*.c draws with (ui_prim.h). */
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

struct ui_state ui_state;

/* --- primitives ------------------------------------------------------------- */

attr_t ui_pair_attr(enum pair p)
{
    return ui_state.color ? COLOR_PAIR(p) : A_NORMAL;
}

/* Writes text sanitised and padded to exactly width columns at (y, x). */
void ui_put_cell(WINDOW *w, int y, int x, const char *text, int width, attr_t attr)
{
    char *cell;

    if (width <= 0)
        return;
    cell = text_pad(text, width);
    if (!cell)
        return;
    wattr_on(w, attr, NULL);
    mvwaddstr(w, y, x, cell);
    wattr_off(w, attr, NULL);
    free(cell);
}

/* A whole screen line: text, then blanks to the edge. */
void ui_put_line(WINDOW *w, int y, const char *text, attr_t attr)
{
    ui_put_cell(w, y, 0, text, getmaxx(w), attr);
}

void ui_blank(int y)
{
    ui_line(y, "", A_NORMAL);
}

void ui_local_time(int64_t epoch, const char *fmt, char *buf, size_t n)
{
    time_t t = (time_t)epoch;
    struct tm tm;

    if (epoch == SLA_NONE || !localtime_r(&t, &tm) || strftime(buf, n, fmt, &tm) == 0)
        snprintf(buf, n, "-");
}

const char *ui_status_word(const char *status)
{
    static const struct {
        const char *db;
        const char *word;
    } words[] = {
        {"pending", N_("open")},        {"claimed", N_("claimed")},
        {"supplement", N_("suppl.")},   {"suspended", N_("suspend")},
        {"approved", N_("approved")},   {"rejected", N_("rejected")},
        {"waiting", N_("waiting")},
    };
    for (size_t i = 0; status && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].db, status) == 0)
            return _(words[i].word);
    return status ? status : "";
}

/* --- opening and layout ----------------------------------------------------------- */

static void init_colors(void)
{
    start_color();
    use_default_colors();
    init_pair(PAIR_YELLOW, COLOR_YELLOW, -1);
    init_pair(PAIR_RED, COLOR_RED, -1);
    init_pair(PAIR_PAUSED, COLOR_CYAN, -1);
    init_pair(PAIR_ERROR, COLOR_RED, -1);
    init_pair(PAIR_OK, COLOR_GREEN, -1);
    init_pair(PAIR_TITLE, COLOR_BLUE, -1);
    init_pair(PAIR_OFFLINE, COLOR_WHITE, COLOR_RED);
    /* A phone reads dark modules on a light ground: bright white where the
     * terminal has it, for contrast, whatever its theme. */
    init_pair(PAIR_QR, COLOR_BLACK, COLORS >= 16 ? COLOR_WHITE + 8 : COLOR_WHITE);
}

void ui_open(int want_color, int escape_delay_ms)
{
    if (ui_state.open)
        return;
    initscr();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(escape_delay_ms);
    curs_set(0);
    ui_state.color = want_color && has_colors();
    if (ui_state.color)
        init_colors();
    ui_state.open = 1;
    if (ui_state.nwanted == 0) {
        for (int c = 0; c < CONFIG_COLUMN_COUNT; c++)
            ui_state.wanted[c] = (enum config_column)c;
        ui_state.nwanted = CONFIG_COLUMN_COUNT;
    }
    ui_relayout();
}

void ui_close(void)
{
    if (!ui_state.open)
        return;
    ui_state.open = 0;
    if (ui_state.overlay) {
        delwin(ui_state.overlay);
        ui_state.overlay = NULL;
    }
    curs_set(1);
    endwin();
}

int ui_is_open(void)
{
    return ui_state.open;
}

int ui_too_small(void)
{
    return ui_state.too_small;
}

int ui_detail_page(void)
{
    return ui_state.region.rows > 0 ? ui_state.region.rows : 1;
}

void ui_region_set(const struct ui_region *r)
{
    ui_state.region = *r;
}

void ui_set_columns(const enum config_column *cols, size_t n)
{
    ui_state.nwanted = 0;
    for (size_t i = 0; i < n && i < MAX_COLUMNS; i++)
        ui_state.wanted[ui_state.nwanted++] = cols[i];
    if (ui_state.open)
        ui_relayout();
}

/* Fixed width, or for a text column the least it may shrink to and the most
 * it wants. */
static void column_widths(enum config_column c, int *min, int *pref)
{
    static const int widths[CONFIG_COLUMN_COUNT][2] = {
        [CONFIG_COLUMN_URGENCY] = {URGENCY_COLS, URGENCY_COLS},
        [CONFIG_COLUMN_DUE] = {DUE_COLS, DUE_COLS},
        [CONFIG_COLUMN_CASE] = {15, 15},
        [CONFIG_COLUMN_MATTER] = {8, 18},
        [CONFIG_COLUMN_ITEM] = {10, 30},
        [CONFIG_COLUMN_APPLICANT] = {10, 30},
        [CONFIG_COLUMN_STATUS] = {8, 8},
        [CONFIG_COLUMN_ASSIGNEE] = {6, 6},
        [CONFIG_COLUMN_AGE] = {TIMEFMT_MAX_COLS, TIMEFMT_MAX_COLS},
    };
    *min = widths[c][0];
    *pref = widths[c][1];
}

/* Which column goes first when the terminal is too narrow for all. */
static const enum config_column drop_order[] = {
    CONFIG_COLUMN_AGE, CONFIG_COLUMN_MATTER, CONFIG_COLUMN_ASSIGNEE, CONFIG_COLUMN_STATUS,
    CONFIG_COLUMN_APPLICANT, CONFIG_COLUMN_CASE, CONFIG_COLUMN_DUE,
};

static int optional_column(enum config_column c)
{
    return c == CONFIG_COLUMN_MATTER || c == CONFIG_COLUMN_AGE;
}

static int columns_min_width(void)
{
    int total = 0, min, pref;
    for (size_t i = 0; i < ui_state.ncols; i++) {
        column_widths(ui_state.cols[i].id, &min, &pref);
        total += min + (i ? SEP : 0);
    }
    return total;
}

static void drop_column(enum config_column c)
{
    for (size_t i = 0; i < ui_state.ncols; i++) {
        if (ui_state.cols[i].id == c) {
            memmove(&ui_state.cols[i], &ui_state.cols[i + 1], (ui_state.ncols - i - 1) * sizeof ui_state.cols[0]);
            ui_state.ncols--;
            return;
        }
    }
}

/* Spare columns go one at a time to the text columns still under their
 * preferred width, from the right (by default the applicant's name, the
 * longest text, comes first); the rightmost text column takes what is left. */
static void share_spare(int spare)
{
    int min, pref, gave = 1, last_flex = -1;

    while (spare > 0 && gave) {
        gave = 0;
        for (size_t i = ui_state.ncols; i-- > 0 && spare > 0;) {
            column_widths(ui_state.cols[i].id, &min, &pref);
            if (min == pref)
                continue;
            if (last_flex < 0)
                last_flex = (int)i;
            if (ui_state.cols[i].width < pref) {
                ui_state.cols[i].width++;
                spare--;
                gave = 1;
            }
        }
    }
    if (spare > 0 && last_flex >= 0)
        ui_state.cols[last_flex].width += spare;
}

/* The queue's columns for a list width columns wide. */
void ui_layout_columns(int width)
{
    int min, pref, x = 0;

    ui_state.cols_width = width;
    ui_state.ncols = 0;
    for (size_t i = 0; i < ui_state.nwanted; i++) {
        if (optional_column(ui_state.wanted[i]) && width < UI_WIDE_COLS)
            continue;
        column_widths(ui_state.wanted[i], &min, &pref);
        ui_state.cols[ui_state.ncols++] = (struct column){ui_state.wanted[i], 0, min};
    }
    for (size_t d = 0; d < sizeof drop_order / sizeof drop_order[0]; d++)
        if (columns_min_width() > width)
            drop_column(drop_order[d]);
    share_spare(width - columns_min_width());
    for (size_t i = 0; i < ui_state.ncols; i++) {
        ui_state.cols[i].x = x;
        x += ui_state.cols[i].width + SEP;
    }
}

void ui_relayout(void)
{
    if (!ui_state.open)
        return;
    ui_state.too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
    ui_layout_columns(COLS);
    if (ui_state.overlay) {
        delwin(ui_state.overlay);
        ui_state.overlay = NULL;
    }
    ui_invalidate();
}

void ui_erase(void)
{
    erase();
}

void ui_invalidate(void)
{
    clearok(curscr, TRUE);
    erase();
}

void ui_draw_too_small(void)
{
    char size[64];
    erase();
    snprintf(size, sizeof size, _("%dx%d, needs %dx%d"), COLS, LINES, UI_MIN_COLS, UI_MIN_ROWS);
    ui_put_cell(stdscr, LINES / 2 - 1, 0, _("terminal too small"), COLS, A_BOLD);
    ui_put_cell(stdscr, LINES / 2, 0, size, COLS, A_NORMAL);
}

void ui_flush(void)
{
    if (ui_state.cursor_win == stdscr)
        wmove(stdscr, ui_state.cursor_y, ui_state.cursor_x);
    wnoutrefresh(stdscr);
    if (ui_state.overlay) {
        touchwin(ui_state.overlay);
        if (ui_state.cursor_win == ui_state.overlay)
            wmove(ui_state.overlay, ui_state.cursor_y, ui_state.cursor_x);
        wnoutrefresh(ui_state.overlay);
    }
    curs_set(ui_state.cursor_win ? 1 : 0);
    doupdate();
}

/* --- for the desks' drawing (ui_prim.h) ------------------------------------------- */

int ui_body_bottom(void)
{
    return ui_state.region.rows - 1;
}

int ui_cols(void)
{
    return ui_state.region.cols;
}

int ui_compact(void)
{
    return ui_state.region.compact;
}

attr_t ui_cursor_attr(void)
{
    return ui_state.region.unfocused ? A_UNDERLINE | A_BOLD : A_REVERSE;
}

attr_t ui_tone(enum ui_tone t)
{
    static const enum pair pairs[] = {
        [UI_TONE_YELLOW] = PAIR_YELLOW, [UI_TONE_RED] = PAIR_RED, [UI_TONE_PAUSED] = PAIR_PAUSED,
        [UI_TONE_OK] = PAIR_OK, [UI_TONE_ERROR] = PAIR_ERROR, [UI_TONE_TITLE] = PAIR_TITLE,
    };
    return t == UI_TONE_NORMAL ? A_NORMAL : ui_pair_attr(pairs[t]);
}

void ui_cell(int y, int x, const char *text, int width, attr_t attr)
{
    const struct ui_region *r = &ui_state.region;

    if (y < 0 || y >= r->rows || x < 0 || x >= r->cols)
        return;
    if (width > r->cols - x)
        width = r->cols - x;
    ui_put_cell(stdscr, r->top + y, r->left + x, text, width, attr);
}

void ui_line(int y, const char *text, attr_t attr)
{
    ui_cell(y, 0, text, ui_state.region.cols, attr);
}

void ui_cursor_at(int y, int x)
{
    const struct ui_region *r = &ui_state.region;

    if (y < 0 || y >= r->rows || x < 0 || x >= r->cols)
        return;
    ui_state.cursor_win = stdscr;
    ui_state.cursor_y = r->top + y;
    ui_state.cursor_x = r->left + x;
}

void ui_clock_text(int64_t epoch, int64_t now, char *buf, size_t n)
{
    char day[16], today[16];
    ui_local_time(epoch, "%Y-%m-%d", day, sizeof day);
    ui_local_time(now, "%Y-%m-%d", today, sizeof today);
    ui_local_time(epoch, strcmp(day, today) == 0 ? "%H:%M" : "%m-%d %H:%M", buf, n);
}
