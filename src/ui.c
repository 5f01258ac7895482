/* casedesk — drawing with ncursesw. */
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

enum pair {
    PAIR_YELLOW = 1,
    PAIR_RED,
    PAIR_PAUSED,
    PAIR_ERROR,
    PAIR_OK,
    PAIR_TITLE,
    PAIR_OFFLINE
};

#define SEP 1
#define URGENCY_COLS 3      /* tag mark + two urgency symbols */
#define DUE_COLS TIMEFMT_MAX_COLS
#define MAX_COLUMNS CONFIG_COLUMN_COUNT

struct column {
    enum config_column id;
    int x, width;
};

/* The terminal is one global thing to ncurses; so is its state here. */
static struct {
    int open;
    int color;
    int too_small;
    enum config_column wanted[MAX_COLUMNS];
    size_t nwanted;
    struct column cols[MAX_COLUMNS];
    size_t ncols;
    WINDOW *overlay;
    WINDOW *cursor_win;
    int cursor_y, cursor_x;
} ui = {.nwanted = 0};

/* Rows of the frame, from the top and the bottom. */
#define HEADER_ROW 0
#define TITLES_ROW 1
#define LIST_TOP 2
#define STATUS_ROW (LINES - 3)
#define MESSAGE_ROW (LINES - 2)
#define HINT_ROW (LINES - 1)

/* --- primitives ------------------------------------------------------------- */

static attr_t pair_attr(enum pair p)
{
    return ui.color ? COLOR_PAIR(p) : A_NORMAL;
}

/* Writes text sanitised and padded to exactly width columns at (y, x). */
static void put_cell(WINDOW *w, int y, int x, const char *text, int width, attr_t attr)
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
static void put_line(WINDOW *w, int y, const char *text, attr_t attr)
{
    put_cell(w, y, 0, text, getmaxx(w), attr);
}

static void clear_line(int y)
{
    move(y, 0);
    clrtoeol();
}

static void local_time(int64_t epoch, const char *fmt, char *buf, size_t n)
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
}

void ui_open(int want_color)
{
    if (ui.open)
        return;
    initscr();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    ui.color = want_color && has_colors();
    if (ui.color)
        init_colors();
    ui.open = 1;
    if (ui.nwanted == 0) {
        for (int c = 0; c < CONFIG_COLUMN_COUNT; c++)
            ui.wanted[c] = (enum config_column)c;
        ui.nwanted = CONFIG_COLUMN_COUNT;
    }
    ui_relayout();
}

void ui_close(void)
{
    if (!ui.open)
        return;
    ui.open = 0;
    if (ui.overlay) {
        delwin(ui.overlay);
        ui.overlay = NULL;
    }
    curs_set(1);
    endwin();
}

int ui_is_open(void)
{
    return ui.open;
}

int ui_too_small(void)
{
    return ui.too_small;
}

int ui_list_rows(void)
{
    int rows = LINES - 5;
    return rows > 0 ? rows : 1;
}

int ui_detail_page(void)
{
    int rows = LINES - 4;
    return rows > 0 ? rows : 1;
}

void ui_set_columns(const enum config_column *cols, size_t n)
{
    ui.nwanted = 0;
    for (size_t i = 0; i < n && i < MAX_COLUMNS; i++)
        ui.wanted[ui.nwanted++] = cols[i];
    if (ui.open)
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
    for (size_t i = 0; i < ui.ncols; i++) {
        column_widths(ui.cols[i].id, &min, &pref);
        total += min + (i ? SEP : 0);
    }
    return total;
}

static void drop_column(enum config_column c)
{
    for (size_t i = 0; i < ui.ncols; i++) {
        if (ui.cols[i].id == c) {
            memmove(&ui.cols[i], &ui.cols[i + 1], (ui.ncols - i - 1) * sizeof ui.cols[0]);
            ui.ncols--;
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
        for (size_t i = ui.ncols; i-- > 0 && spare > 0;) {
            column_widths(ui.cols[i].id, &min, &pref);
            if (min == pref)
                continue;
            if (last_flex < 0)
                last_flex = (int)i;
            if (ui.cols[i].width < pref) {
                ui.cols[i].width++;
                spare--;
                gave = 1;
            }
        }
    }
    if (spare > 0 && last_flex >= 0)
        ui.cols[last_flex].width += spare;
}

static void layout_columns(void)
{
    int min, pref, x = 0;

    ui.ncols = 0;
    for (size_t i = 0; i < ui.nwanted; i++) {
        if (optional_column(ui.wanted[i]) && COLS < UI_WIDE_COLS)
            continue;
        column_widths(ui.wanted[i], &min, &pref);
        ui.cols[ui.ncols++] = (struct column){ui.wanted[i], 0, min};
    }
    for (size_t d = 0; d < sizeof drop_order / sizeof drop_order[0]; d++)
        if (columns_min_width() > COLS)
            drop_column(drop_order[d]);
    share_spare(COLS - columns_min_width());
    for (size_t i = 0; i < ui.ncols; i++) {
        ui.cols[i].x = x;
        x += ui.cols[i].width + SEP;
    }
}

void ui_relayout(void)
{
    if (!ui.open)
        return;
    ui.too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
    layout_columns();
    if (ui.overlay) {
        delwin(ui.overlay);
        ui.overlay = NULL;
    }
    ui_invalidate();
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
    put_cell(stdscr, LINES / 2 - 1, 0, _("terminal too small"), COLS, A_BOLD);
    put_cell(stdscr, LINES / 2, 0, size, COLS, A_NORMAL);
}

/* --- header and status -------------------------------------------------------------- */

void ui_draw_header(const struct ui_header *h)
{
    char line[512];
    /* The tab bar leads: at 80 columns there is no room for the name too. */
    int n = snprintf(line, sizeof line, " %s", h->view);
    if (h->filter && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, " | %s: %s", _("filter"), h->filter);
    if (h->info && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, " | %s", h->info);
    if (h->sort && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, " | %s: %s %s", _("sort"), h->sort,
                      h->reversed ? "↓" : "↑");
    if (h->search && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, " | /%s", h->search);
    if (h->ntags && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, " | %zu %s", h->ntags, _("tagged"));
    if ((h->more_before || h->more_after) && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, " | %s%s%s",
                 h->more_before ? _("more above") : "",
                 h->more_before && h->more_after ? ", " : "",
                 h->more_after ? _("more below") : "");
    put_line(stdscr, HEADER_ROW, line, A_BOLD | pair_attr(PAIR_TITLE));
    if (h->flash_cols > 0) {
        /* The same text, reversed: where the tab was, whatever its script. */
        const char *bar = line + 1;
        size_t from = 0, to;
        while (bar[from] && text_width_n(bar, from) < h->flash_x)
            from = text_next_char(bar, from);
        for (to = from; bar[to] && text_width_n(bar + from, to - from) < h->flash_cols;)
            to = text_next_char(bar, to);
        char *tab = strndup(bar + from, to - from);
        if (tab && 1 + h->flash_x < COLS)
            put_cell(stdscr, HEADER_ROW, 1 + h->flash_x, tab, h->flash_cols, A_BOLD | A_REVERSE);
        free(tab);
    }
}

static const char *spinner_frame(unsigned n)
{
    static const char *const frames[] = {"|", "/", "-", "\\"};
    return frames[n % 4];
}

static void connection_text(const struct ui_status *st, char *buf, size_t n)
{
    char age[TIMEFMT_BUFSIZE];

    timefmt_age(st->data_age < 0 ? 0 : st->data_age, age, sizeof age);
    switch (st->conn) {
    case UI_CONNECTING:
        snprintf(buf, n, "%s", _("connecting"));
        break;
    case UI_OFFLINE:
        if (st->data_age < 0)
            snprintf(buf, n, "%s", _("OFFLINE — no data yet"));
        else
            snprintf(buf, n, _("OFFLINE — data %s old"), age);
        break;
    default:
        if (st->data_age < 0)
            snprintf(buf, n, "%s", _("online"));
        else
            snprintf(buf, n, _("online | refreshed %s ago"), age);
        break;
    }
}

void ui_draw_status(const struct ui_status *st)
{
    char conn[128], prefix[1024], line[1536];
    char *who;

    connection_text(st, conn, sizeof conn);
    /* The connection matters more than a long list of departments. */
    who = text_fit(st->who && *st->who ? st->who : "…", COLS - text_width(conn) - 8);
    snprintf(prefix, sizeof prefix, " %s | ", who ? who : "");
    free(who);
    snprintf(line, sizeof line, "%s%s%s", prefix, conn,
             st->frozen ? _(" | live updates paused") : "");
    put_line(stdscr, STATUS_ROW, line, A_REVERSE);
    /* Stale data must stand out, in monochrome too. */
    if (st->conn == UI_OFFLINE && text_width(prefix) < COLS)
        put_cell(stdscr, STATUS_ROW, text_width(prefix), conn, text_width(conn),
                 A_BOLD | (ui.color ? pair_attr(PAIR_OFFLINE) : A_NORMAL));
    if (st->busy)
        put_cell(stdscr, STATUS_ROW, COLS - 2, spinner_frame(st->spinner), 1, A_REVERSE);
}

void ui_draw_message(const char *msg, int error)
{
    attr_t attr = error ? A_BOLD | pair_attr(PAIR_ERROR) : A_NORMAL;
    if (!msg) {
        clear_line(MESSAGE_ROW);
        return;
    }
    put_line(stdscr, MESSAGE_ROW, msg, attr);
}

void ui_draw_prompt(const char *label, const struct editor *ed)
{
    int lw = text_width(label);
    int room = COLS - lw - 1;
    const char *text = editor_text(ed);
    size_t from = 0;

    /* Keep the cursor in sight: drop characters from the left. */
    while (room > 0 && text_width_n(text + from, ed->cursor - from) >= room)
        from = text_next_char(text, from);
    put_line(stdscr, MESSAGE_ROW, label, A_BOLD);
    put_cell(stdscr, MESSAGE_ROW, lw, text + from, room, A_NORMAL);
    ui.cursor_win = stdscr;
    ui.cursor_y = MESSAGE_ROW;
    ui.cursor_x = lw + text_width_n(text + from, ed->cursor - from);
}

/* The first key bound to action, as named in the help. */
static int first_key(const struct keymap *km, enum action a, char *buf, size_t n)
{
    if (keymap_keys_for(km, a, buf, n) == 0)
        return 0;
    char *comma = strstr(buf, ", ");
    if (comma)
        *comma = '\0';
    return 1;
}

struct hint {
    enum action a;
    const char *label;
};

/* The one hint for keys outside the key map: the arrows that move between
 * the supervisor's figures. */
#define HINT_ARROWS ACTION_NONE

void ui_draw_hints(const struct keymap *km, enum ui_hints which)
{
    static const struct hint queue_hints[] = {
        {ACTION_CLAIM, N_("claim")},     {ACTION_APPROVE, N_("approve")},
        {ACTION_REJECT, N_("reject")},   {ACTION_SUPPLEMENT, N_("suppl")},
        {ACTION_ANNOTATE, N_("note")},   {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},       {ACTION_RELEASE, N_("release")},
        {ACTION_ESCALATE, N_("escalate")}, {ACTION_OPEN, N_("open")},
        {ACTION_SEARCH, N_("search")},   {ACTION_FILTER, N_("filter")},
        {ACTION_TAG, N_("tag")},
    }, detail_hints[] = {
        {ACTION_BACK, N_("back")},       {ACTION_CLAIM, N_("claim")},
        {ACTION_APPROVE, N_("approve")}, {ACTION_REJECT, N_("reject")},
        {ACTION_SUPPLEMENT, N_("suppl")}, {ACTION_ANNOTATE, N_("note")},
        {ACTION_HELP, N_("help")},       {ACTION_RELEASE, N_("release")},
        {ACTION_ESCALATE, N_("escalate")},
    }, help_hints[] = {
        {ACTION_BACK, N_("close")}, {ACTION_MOVE_DOWN, N_("down")}, {ACTION_MOVE_UP, N_("up")},
    }, escalation_hints[] = {
        /* The approve key acknowledges in this view. */
        {ACTION_APPROVE, N_("ack")},      {ACTION_RESOLVE, N_("resolve")},
        {ACTION_HAND_ON, N_("hand on")},  {ACTION_OPEN, N_("open item")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
        {ACTION_NEXT_VIEW, N_("views")},  {ACTION_REFRESH, N_("refresh")},
    }, watch_hints[] = {
        {ACTION_OPEN, N_("open item")},   {ACTION_MOVE_DOWN, N_("down")},
        {ACTION_MOVE_UP, N_("up")},       {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},        {ACTION_NEXT_VIEW, N_("views")},
        {ACTION_REFRESH, N_("refresh")},
    }, supervisor_hints[] = {
        {ACTION_OPEN, N_("items")},       {HINT_ARROWS, N_("figure")},
        {ACTION_FILTER, N_("dept/matter")}, {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},        {ACTION_NEXT_VIEW, N_("views")},
        {ACTION_REFRESH, N_("refresh")},
    }, sup_queue_hints[] = {
        {ACTION_REASSIGN, N_("reassign")}, {ACTION_RELEASE, N_("release")},
        {ACTION_TAG, N_("tag")},          {ACTION_OPEN, N_("open")},
        {ACTION_BACK, N_("back")},        {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},        {ACTION_COMMAND, N_("command")},
        {ACTION_SEARCH, N_("search")},
    }, look_hints[] = {
        /* On-call staff see the items behind their escalations, read only. */
        {ACTION_OPEN, N_("open")},        {ACTION_SEARCH, N_("search")},
        {ACTION_FILTER, N_("filter")},    {ACTION_NEXT_VIEW, N_("views")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
    }, window_hints[] = {
        {ACTION_ESCALATE, N_("ask a department")}, {ACTION_OPEN, N_("open")},
        {ACTION_SEARCH, N_("search")},    {ACTION_FILTER, N_("filter")},
        {ACTION_NEXT_VIEW, N_("views")},  {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},
    }, detail_look_hints[] = {
        {ACTION_BACK, N_("back")},        {ACTION_NEXT_VIEW, N_("views")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
    }, detail_window_hints[] = {
        {ACTION_BACK, N_("back")},        {ACTION_ESCALATE, N_("ask a department")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
    };
#define HINT_SET(a) {a, sizeof a / sizeof a[0]}
    static const struct {
        const struct hint *h;
        size_t n;
    } sets[UI_HINTS_NONE] = {
        [UI_HINTS_QUEUE] = HINT_SET(queue_hints),
        [UI_HINTS_DETAIL] = HINT_SET(detail_hints),
        [UI_HINTS_HELP] = HINT_SET(help_hints),
        [UI_HINTS_ESCALATIONS] = HINT_SET(escalation_hints),
        [UI_HINTS_ESC_WATCH] = HINT_SET(watch_hints),
        [UI_HINTS_SUPERVISOR] = HINT_SET(supervisor_hints),
        [UI_HINTS_SUP_QUEUE] = HINT_SET(sup_queue_hints),
        [UI_HINTS_LOOK] = HINT_SET(look_hints),
        [UI_HINTS_WINDOW] = HINT_SET(window_hints),
        [UI_HINTS_DETAIL_LOOK] = HINT_SET(detail_look_hints),
        [UI_HINTS_DETAIL_WINDOW] = HINT_SET(detail_window_hints),
    };
#undef HINT_SET
    char line[UI_HINT_MAX_COLS * 4 + 1] = "", key[KEYMAP_KEY_NAME_MAX * 4], part[128];
    int used = 0, limit = COLS < UI_HINT_MAX_COLS ? COLS : UI_HINT_MAX_COLS;
    size_t n = 0, len = 0;
    const struct hint *hints = NULL;

    if (which < UI_HINTS_NONE) {
        hints = sets[which].h;
        n = sets[which].n;
    }
    for (size_t i = 0; i < n; i++) {
        char right[32];
        if (hints[i].a == HINT_ARROWS) {
            if (!first_key(km, ACTION_MOVE_LEFT, key, sizeof key)
                || !first_key(km, ACTION_MOVE_RIGHT, right, sizeof right))
                continue;
            size_t kl = strlen(key);
            snprintf(key + kl, sizeof key - kl, "/%s", right);
        } else if (!first_key(km, hints[i].a, key, sizeof key))
            continue;
        snprintf(part, sizeof part, "%s%s %s", used ? "  " : "", key, _(hints[i].label));
        int w = text_width(part);
        if (used + w > limit || len + strlen(part) >= sizeof line)
            continue;
        memcpy(line + len, part, strlen(part) + 1);
        len += strlen(part);
        used += w;
    }
    put_line(stdscr, HINT_ROW, line, A_DIM);
}

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
static const char *urgency_symbol(enum sla_urgency u)
{
    switch (u) {
    case SLA_YELLOW: return "! ";
    case SLA_RED: return "!!";
    case SLA_PAUSED: return "||";
    default: return "  ";
    }
}

static attr_t urgency_attr(enum sla_urgency u)
{
    switch (u) {
    case SLA_YELLOW: return pair_attr(PAIR_YELLOW) | A_BOLD;
    case SLA_RED: return pair_attr(PAIR_RED) | A_BOLD;
    case SLA_PAUSED: return pair_attr(PAIR_PAUSED);
    default: return A_NORMAL;
    }
}

static void countdown_text(const struct queue_row *r, const struct ui_clock *clk, char *buf,
                           size_t n)
{
    /* An item limited in calendar hours counts wall-clock time, in days of
     * 24 hours; the others business time. */
    static const struct sla_calendar wall = {0};
    const struct sla_calendar *cal = r->wall_clock ? &wall : clk->cal;
    long left = sla_remaining_minutes(cal, clk->now, r->due, r->paused);
    if (r->due == SLA_NONE)
        snprintf(buf, n, "-");
    else
        timefmt_remaining(left, r->wall_clock ? 24 * 60 : clk->minutes_per_day, buf, n);
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

    for (size_t c = 0; c < ui.ncols; c++) {
        const struct column *col = &ui.cols[c];
        switch (col->id) {
        case CONFIG_COLUMN_URGENCY:
            snprintf(buf, sizeof buf, "%s%s", queue_is_tagged(q, r->id) ? "*" : " ",
                     urgency_symbol(u));
            put_cell(stdscr, y, col->x, buf, col->width, base | urgency_attr(u));
            break;
        case CONFIG_COLUMN_DUE:
            countdown_text(r, clk, buf, sizeof buf);
            put_cell(stdscr, y, col->x, buf, col->width, base | urgency_attr(u));
            break;
        case CONFIG_COLUMN_AGE:
            timefmt_age(r->entered == SLA_NONE ? 0 : (long)(clk->now - r->entered), buf,
                        sizeof buf);
            put_cell(stdscr, y, col->x, buf, col->width, base);
            break;
        default:
            break;
        }
    }
}

static attr_t row_attr(const struct queue *q, size_t i)
{
    return i == q->cursor ? A_REVERSE : A_NORMAL;
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

    put_cell(stdscr, y, 0, "", COLS, base);
    for (size_t c = 0; c < ui.ncols; c++) {
        const char *text = static_cell(r, ui.cols[c].id);
        if (text)
            put_cell(stdscr, y, ui.cols[c].x, text, ui.cols[c].width, base);
    }
    draw_timer_cells(q, i, y, clk, base);
}

static void draw_titles(void)
{
    put_line(stdscr, TITLES_ROW, "", A_UNDERLINE);
    for (size_t c = 0; c < ui.ncols; c++)
        put_cell(stdscr, TITLES_ROW, ui.cols[c].x, column_title(ui.cols[c].id),
                 ui.cols[c].width + (c + 1 < ui.ncols ? SEP : 0), A_UNDERLINE);
}

void ui_draw_queue(const struct queue *q, const struct ui_clock *clk)
{
    int rows = ui_list_rows();
    size_t top = first_visible(q, rows);

    draw_titles();
    for (int y = 0; y < rows; y++) {
        if (top + (size_t)y < q->n)
            draw_row(q, top + (size_t)y, LIST_TOP + y, clk);
        else
            clear_line(LIST_TOP + y);
    }
    if (q->n == 0)
        put_cell(stdscr, LIST_TOP + rows / 2, 2,
                 q->loaded ? _("Nothing here: no open item matches the filter.") : _("Loading…"),
                 COLS - 2, A_DIM);
}

void ui_draw_queue_timers(const struct queue *q, const struct ui_clock *clk)
{
    int rows = ui_list_rows();
    size_t top = first_visible(q, rows);
    for (int y = 0; y < rows && top + (size_t)y < q->n; y++)
        draw_timer_cells(q, top + (size_t)y, LIST_TOP + y, clk, row_attr(q, top + (size_t)y));
}

/* --- the detail --------------------------------------------------------------------- */

void ui_detail_clear_items(struct detail *d)
{
    for (size_t i = 0; i < d->nitems; i++) {
        free(d->items[i].item);
        free(d->items[i].department);
        free(d->items[i].status);
        free(d->items[i].assignee);
        free(d->items[i].waits_for);
    }
    free(d->items);
    d->items = NULL;
    d->nitems = 0;
    d->items_loaded = 0;
}

void ui_detail_clear_texts(struct detail *d)
{
    for (size_t i = 0; i < d->ntexts; i++) {
        free(d->texts[i].kind);
        free(d->texts[i].body);
        free(d->texts[i].author);
    }
    free(d->texts);
    d->texts = NULL;
    d->ntexts = 0;
    d->texts_loaded = 0;
}

void ui_detail_clear_events(struct detail *d)
{
    for (size_t i = 0; i < d->nevents; i++) {
        free(d->events[i].actor);
        free(d->events[i].action);
        free(d->events[i].before);
        free(d->events[i].after);
    }
    free(d->events);
    d->events = NULL;
    d->nevents = 0;
    d->events_loaded = 0;
}

void ui_detail_clear(struct detail *d)
{
    ui_detail_clear_items(d);
    ui_detail_clear_texts(d);
    ui_detail_clear_events(d);
    queue_row_free(&d->row);
    free(d->error);
    memset(d, 0, sizeof *d);
}

const char **ui_detail_bodies(const struct detail *d, const char *kind, size_t *n)
{
    const char **v = calloc(d->ntexts + 1, sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < d->ntexts; i++)
        if (d->texts[i].kind && strcmp(d->texts[i].kind, kind) == 0)
            v[(*n)++] = d->texts[i].body ? d->texts[i].body : "";
    return v;
}

/* The detail is a list of lines, built whole and drawn from the scroll
 * position down; it is short (a matter has a handful of items). */
struct line {
    char *text;
    attr_t attr;
};

struct lines {
    struct line *v;
    size_t n, cap;
    int width;
};

static void lines_add(struct lines *ls, const char *text, attr_t attr)
{
    if (ls->n == ls->cap) {
        size_t cap = ls->cap ? ls->cap * 2 : 64;
        struct line *grown = realloc(ls->v, cap * sizeof *grown);
        if (!grown)
            return;
        ls->v = grown;
        ls->cap = cap;
    }
    char *copy = strdup(text ? text : "");
    if (!copy)
        return;
    ls->v[ls->n++] = (struct line){copy, attr};
}

__attribute__((format(printf, 3, 4)))
static void lines_addf(struct lines *ls, attr_t attr, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    lines_add(ls, buf, attr);
}

/* Multi-line text (a note) indented and wrapped at the screen's width. */
static void lines_add_wrapped(struct lines *ls, const char *text, int indent)
{
    char *clean = text_sanitize_multiline(text);
    int width = ls->width - indent;
    char pad[32];

    if (!clean)
        return;
    snprintf(pad, sizeof pad, "%*s", indent < 31 ? indent : 31, "");
    for (char *line = clean, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        do {
            size_t cut = 0;
            while (line[cut] && text_width_n(line, text_next_char(line, cut)) <= width)
                cut = text_next_char(line, cut);
            if (cut == 0 && line[0])
                cut = text_next_char(line, 0);
            lines_addf(ls, A_NORMAL, "%s%.*s", pad, (int)cut, line);
            line += cut;
        } while (*line);
    }
    free(clean);
}

static void lines_free(struct lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->v[i].text);
    free(ls->v);
}

static void detail_summary(struct lines *ls, const struct detail *d, const struct ui_clock *clk)
{
    const struct queue_row *r = &d->row;
    char due[32], orig[32], recv[32], left[TIMEFMT_BUFSIZE], paused[TIMEFMT_BUFSIZE];
    enum sla_urgency u = queue_row_urgency(r, clk->now);

    local_time(r->due, "%Y-%m-%d %H:%M", due, sizeof due);
    local_time(r->original_due, "%Y-%m-%d %H:%M", orig, sizeof orig);
    local_time(r->received, "%Y-%m-%d %H:%M", recv, sizeof recv);
    countdown_text(r, clk, left, sizeof left);
    timefmt_remaining(r->paused_minutes, clk->minutes_per_day, paused, sizeof paused);

    lines_addf(ls, A_BOLD, "%s  %s", r->case_no, r->applicant);
    lines_addf(ls, A_NORMAL, "%-10s %s", _("Project"), r->project);
    lines_addf(ls, A_NORMAL, "%-10s %s", _("Matter"), r->matter);
    lines_addf(ls, A_NORMAL, "%-10s %s | %s | %s%s%s", _("Item"), r->item, r->department,
               ui_status_word(r->status), r->assignee_name && *r->assignee_name ? " " : "",
               r->assignee_name ? r->assignee_name : "");
    lines_addf(ls, urgency_attr(u), "%-10s %s %s", _("Left"), left, urgency_symbol(u));
    lines_addf(ls, A_NORMAL, "%-10s %s (%s %s) | %s %s", _("Due"), due, _("originally"), orig,
               _("paused in all"), paused);
    lines_addf(ls, A_NORMAL, "%-10s %s", _("Received"), recv);
}

static int item_open(const char *status)
{
    static const char *const open[] = {"pending", "claimed", "supplement", "suspended"};
    for (size_t i = 0; status && i < sizeof open / sizeof open[0]; i++)
        if (strcmp(status, open[i]) == 0)
            return 1;
    return 0;
}

static void detail_flow(struct lines *ls, const struct detail *d, const struct ui_clock *clk)
{
    lines_add(ls, "", A_NORMAL);
    lines_addf(ls, A_BOLD, "%s", _("Flow chart (items run in parallel; -> waits for the items named)"));
    if (!d->items_loaded) {
        lines_addf(ls, A_DIM, "  %s", _("loading…"));
        return;
    }
    for (size_t i = 0; i < d->nitems; i++) {
        const struct detail_item *it = &d->items[i];
        char left[TIMEFMT_BUFSIZE] = "";
        int waits = it->waits_for && *it->waits_for;
        /* Time left means nothing for an item decided or not yet started. */
        if (it->due != SLA_NONE && item_open(it->status))
            timefmt_remaining(sla_remaining_minutes(clk->cal, clk->now, it->due, it->paused),
                              clk->minutes_per_day, left, sizeof left);
        char *name = text_pad(it->item, 28), *dept = text_pad(it->department, 18);
        lines_addf(ls, it->id == d->row.id ? A_BOLD : A_NORMAL, "  %s %s %s %-8s %-7s %s%s%s",
                   waits ? "->" : "  ", name ? name : "", dept ? dept : "",
                   ui_status_word(it->status), left, it->assignee ? it->assignee : "",
                   waits ? _("  waits for ") : "", waits ? it->waits_for : "");
        free(name);
        free(dept);
    }
}

static void detail_texts(struct lines *ls, const struct detail *d, const char *kind,
                         const char *title)
{
    int any = 0;
    lines_add(ls, "", A_NORMAL);
    lines_add(ls, title, A_BOLD);
    for (size_t i = 0; i < d->ntexts; i++) {
        const struct detail_text *t = &d->texts[i];
        if (!t->kind || strcmp(t->kind, kind) != 0)
            continue;
        any = 1;
        if (strcmp(kind, "note") == 0) {
            char at[32];
            local_time(t->at, "%m-%d %H:%M", at, sizeof at);
            lines_addf(ls, A_UNDERLINE, "  %s %s", t->author ? t->author : "", at);
            lines_add_wrapped(ls, t->body, 4);
        } else {
            lines_addf(ls, A_NORMAL, "  %ld. %s", t->ord, t->body ? t->body : "");
        }
    }
    if (!d->texts_loaded)
        lines_addf(ls, A_DIM, "  %s", _("loading…"));
    else if (!any)
        lines_addf(ls, A_DIM, "  %s", _("none"));
}

static void detail_history(struct lines *ls, const struct detail *d)
{
    lines_add(ls, "", A_NORMAL);
    lines_add(ls, _("History"), A_BOLD);
    if (!d->events_loaded) {
        lines_addf(ls, A_DIM, "  %s", _("loading…"));
        return;
    }
    for (size_t i = 0; i < d->nevents; i++) {
        const struct detail_event *e = &d->events[i];
        char at[32];
        local_time(e->at, "%m-%d %H:%M", at, sizeof at);
        if (e->before && e->after && strcmp(e->before, e->after) != 0)
            lines_addf(ls, A_NORMAL, "  %s  %s  %s  %s -> %s", at, e->actor, e->action,
                       ui_status_word(e->before), ui_status_word(e->after));
        else
            lines_addf(ls, A_NORMAL, "  %s  %s  %s", at, e->actor, e->action);
    }
    if (d->nevents == 0)
        lines_addf(ls, A_DIM, "  %s", _("none"));
}

int ui_draw_detail(const struct detail *d, const struct ui_clock *clk)
{
    struct lines ls = {.width = COLS - 1};
    int rows = ui_detail_page();

    detail_summary(&ls, d, clk);
    if (d->error)
        lines_addf(&ls, A_BOLD | pair_attr(PAIR_ERROR), "%s", d->error);
    detail_flow(&ls, d, clk);
    detail_texts(&ls, d, "note", _("Notes"));
    detail_texts(&ls, d, "material", _("Required materials"));
    detail_texts(&ls, d, "reason", _("Common reasons for rejection"));
    detail_history(&ls, d);

    for (int y = 0; y < rows; y++) {
        size_t i = (size_t)(d->scroll + y);
        if (d->scroll + y >= 0 && i < ls.n)
            put_cell(stdscr, 1 + y, 1, ls.v[i].text, COLS - 1, ls.v[i].attr);
        else
            clear_line(1 + y);
    }
    int total = (int)ls.n;
    lines_free(&ls);
    return total;
}

/* --- overlays ----------------------------------------------------------------------- */

/* ASCII, so that no terminal's line-drawing set or ambiguous-width
 * characters can break it. */
static void frame(WINDOW *w)
{
    wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
}

static WINDOW *overlay_window(int height, int width)
{
    int y = (LINES - height) / 2, x = (COLS - width) / 2;
    if (ui.overlay) {
        int h, w;
        getmaxyx(ui.overlay, h, w);
        if (h == height && w == width)
            return ui.overlay;
        delwin(ui.overlay);
    }
    ui.overlay = newwin(height, width, y < 0 ? 0 : y, x < 0 ? 0 : x);
    return ui.overlay;
}

void ui_overlay_close(void)
{
    if (ui.overlay) {
        delwin(ui.overlay);
        ui.overlay = NULL;
        touchwin(stdscr);
    }
    ui.cursor_win = NULL;
}

void ui_cursor_off(void)
{
    ui.cursor_win = NULL;
}

int ui_draw_help(const struct keymap *km, int scroll, const char *const *extra, size_t nextra)
{
    int height = LINES - 2, width = COLS - 4 > 78 ? 78 : COLS - 4;
    WINDOW *w = overlay_window(height, width);
    char keys[128], line[512];
    int inner = height - 2, total = ACTION_COUNT - 1 + 2 + (int)nextra;

    if (!w)
        return 0;
    werase(w);
    frame(w);
    put_cell(w, 0, 2, _(" Keys "), text_width(_(" Keys ")), A_BOLD);
    for (int y = 0; y < inner; y++) {
        int i = scroll + y;
        if (i == 0) {
            snprintf(line, sizeof line, "%-12s %-18s %s", _("keys"), _("action"), _("what it does"));
            put_cell(w, 1 + y, 1, line, width - 2, A_UNDERLINE);
            continue;
        }
        int a = i;  /* actions are numbered from 1 */
        if (a >= ACTION_COUNT) {
            /* After a blank line, the extra lines; a heading starts in the
             * first column. */
            size_t k = (size_t)(a - ACTION_COUNT);
            if (k >= 1 && k - 1 < nextra)
                put_cell(w, 1 + y, 1, extra[k - 1], width - 2,
                         extra[k - 1][0] == ' ' ? A_NORMAL : A_BOLD);
            continue;
        }
        keymap_keys_for(km, (enum action)a, keys, sizeof keys);
        snprintf(line, sizeof line, "%-12s %-18s %s", *keys ? keys : "-",
                 action_name((enum action)a), action_help((enum action)a));
        put_cell(w, 1 + y, 1, line, width - 2, A_NORMAL);
    }
    ui.cursor_win = NULL;
    return total;
}

static void draw_choices(WINDOW *w, int *y, int width, const struct ui_editor_view *v,
                         int max_rows)
{
    char line[1024];
    if (!v->nchoices)
        return;
    put_cell(w, (*y)++, 2, v->choices_title, width - 4, A_BOLD);
    for (size_t i = 0; i < v->nchoices && max_rows-- > 0; i++) {
        snprintf(line, sizeof line, "%zu. %s", i + 1, v->choices[i]);
        put_cell(w, (*y)++, 2, line, width - 4, A_NORMAL);
    }
}

void ui_draw_editor(const struct ui_editor_view *v)
{
    int width = COLS - 4 > 76 ? 76 : COLS - 4;
    int height = LINES - 2 > 20 ? 20 : LINES - 2;
    WINDOW *w = overlay_window(height, width);
    int y = 1, text_width_cols = width - 4;
    size_t crow;
    int ccol;

    if (!w)
        return;
    werase(w);
    frame(w);
    put_cell(w, 0, 2, v->title, width - 4, A_BOLD);
    if (v->notice)
        put_cell(w, y++, 2, v->notice, width - 4, A_BOLD | pair_attr(PAIR_ERROR));
    draw_choices(w, &y, width, v, height / 3);
    mvwhline(w, y++, 1, '-', width - 2);

    int text_rows = height - 1 - y - 1;
    size_t n = editor_rows(v->ed, text_width_cols, NULL, 0);
    struct editor_row *rows = malloc((n ? n : 1) * sizeof *rows);
    editor_cursor_at(v->ed, text_width_cols, &crow, &ccol);
    if (rows && text_rows > 0) {
        editor_rows(v->ed, text_width_cols, rows, n);
        size_t first = crow >= (size_t)text_rows ? crow - (size_t)text_rows + 1 : 0;
        for (int r = 0; r < text_rows && first + (size_t)r < n; r++) {
            const struct editor_row *er = &rows[first + (size_t)r];
            char *piece = strndup(editor_text(v->ed) + er->start, er->len);
            if (piece)
                put_cell(w, y + r, 2, piece, text_width_cols, A_NORMAL);
            free(piece);
        }
        ui.cursor_win = w;
        ui.cursor_y = y + (int)(crow - first);
        ui.cursor_x = 2 + ccol;
    }
    free(rows);
    put_cell(w, height - 2, 2, v->hint, width - 4, A_DIM);
}

void ui_flush(void)
{
    if (ui.cursor_win == stdscr)
        wmove(stdscr, ui.cursor_y, ui.cursor_x);
    wnoutrefresh(stdscr);
    if (ui.overlay) {
        touchwin(ui.overlay);
        if (ui.cursor_win == ui.overlay)
            wmove(ui.overlay, ui.cursor_y, ui.cursor_x);
        wnoutrefresh(ui.overlay);
    }
    curs_set(ui.cursor_win ? 1 : 0);
    doupdate();
}

/* --- for the desks' drawing (ui_prim.h) ------------------------------------------- */

int ui_body_bottom(void)
{
    return STATUS_ROW - 1;
}

attr_t ui_tone(enum ui_tone t)
{
    static const enum pair pairs[] = {
        [UI_TONE_YELLOW] = PAIR_YELLOW, [UI_TONE_RED] = PAIR_RED, [UI_TONE_PAUSED] = PAIR_PAUSED,
        [UI_TONE_OK] = PAIR_OK, [UI_TONE_ERROR] = PAIR_ERROR, [UI_TONE_TITLE] = PAIR_TITLE,
    };
    return t == UI_TONE_NORMAL ? A_NORMAL : pair_attr(pairs[t]);
}

void ui_cell(int y, int x, const char *text, int width, attr_t attr)
{
    put_cell(stdscr, y, x, text, width, attr);
}

void ui_line(int y, const char *text, attr_t attr)
{
    put_line(stdscr, y, text, attr);
}

void ui_blank(int y)
{
    clear_line(y);
}

void ui_clock_text(int64_t epoch, int64_t now, char *buf, size_t n)
{
    char day[16], today[16];
    local_time(epoch, "%Y-%m-%d", day, sizeof day);
    local_time(now, "%Y-%m-%d", today, sizeof today);
    local_time(epoch, strcmp(day, today) == 0 ? "%H:%M" : "%m-%d %H:%M", buf, n);
}
