/* casedesk — drawing the bars: the header, the status line, the message
 * line and its prompts, the hint line. */
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
    ui_put_line(stdscr, HEADER_ROW, line, A_BOLD | ui_pair_attr(PAIR_TITLE));
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
            ui_put_cell(stdscr, HEADER_ROW, 1 + h->flash_x, tab, h->flash_cols, A_BOLD | A_REVERSE);
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
        if (st->waiting > 0) {
            char waited[TIMEFMT_BUFSIZE];
            timefmt_age(st->waiting, waited, sizeof waited);
            snprintf(buf, n, _("the server has not answered for %s"), waited);
        } else if (st->data_age < 0) {
            snprintf(buf, n, "%s", _("online"));
        } else {
            snprintf(buf, n, _("online | refreshed %s ago"), age);
        }
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
             st->resting  ? _(" | idle: live updates paused, any key resumes")
             : st->frozen ? _(" | live updates paused")
                          : "");
    ui_put_line(stdscr, STATUS_ROW, line, A_REVERSE);
    /* Stale data must stand out, in monochrome too. */
    if ((st->conn == UI_OFFLINE || st->waiting > 0) && text_width(prefix) < COLS)
        ui_put_cell(stdscr, STATUS_ROW, text_width(prefix), conn, text_width(conn),
                 A_BOLD | (ui_state.color ? ui_pair_attr(PAIR_OFFLINE) : A_NORMAL));
    if (st->busy)
        ui_put_cell(stdscr, STATUS_ROW, COLS - 2, spinner_frame(st->spinner), 1, A_REVERSE);
}

void ui_draw_message(const char *msg, int error)
{
    attr_t attr = error ? A_BOLD | ui_pair_attr(PAIR_ERROR) : A_NORMAL;
    if (!msg) {
        ui_put_line(stdscr, MESSAGE_ROW, "", A_NORMAL);
        return;
    }
    ui_put_line(stdscr, MESSAGE_ROW, msg, attr);
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
    ui_put_line(stdscr, MESSAGE_ROW, label, A_BOLD);
    ui_put_cell(stdscr, MESSAGE_ROW, lw, text + from, room, A_NORMAL);
    ui_state.cursor_win = stdscr;
    ui_state.cursor_y = MESSAGE_ROW;
    ui_state.cursor_x = lw + text_width_n(text + from, ed->cursor - from);
}

void ui_draw_hints(const struct keymap *km, const struct ui_hint *hints, size_t n)
{
    char line[UI_HINT_MAX_COLS * 4 + 1] = "", key[KEYMAP_KEY_NAME_MAX * 4], part[128];
    int used = 0, limit = COLS < UI_HINT_MAX_COLS ? COLS : UI_HINT_MAX_COLS;
    size_t len = 0;

    for (size_t i = 0; i < n; i++) {
        char right[32];
        if (hints[i].a == UI_HINT_ARROWS) {
            if (!keymap_first_key(km, ACTION_MOVE_LEFT, key, sizeof key)
                || !keymap_first_key(km, ACTION_MOVE_RIGHT, right, sizeof right))
                continue;
            size_t kl = strlen(key);
            snprintf(key + kl, sizeof key - kl, "/%s", right);
        } else if (!keymap_first_key(km, hints[i].a, key, sizeof key))
            continue;
        snprintf(part, sizeof part, "%s%s %s", used ? "  " : "", key, _(hints[i].label));
        int w = text_width(part);
        if (used + w > limit || len + strlen(part) >= sizeof line)
            continue;
        memcpy(line + len, part, strlen(part) + 1);
        len += strlen(part);
        used += w;
    }
    ui_put_line(stdscr, HINT_ROW, line, A_DIM);
}

/* --- the meters and the panes' titles ----------------------------------------------- */

static attr_t meter_attr(enum meter_tone t)
{
    switch (t) {
    case METER_RED: return ui_pair_attr(PAIR_RED) | A_BOLD;
    case METER_YELLOW: return ui_pair_attr(PAIR_YELLOW) | A_BOLD;
    case METER_PAUSED: return ui_pair_attr(PAIR_PAUSED);
    default: return A_NORMAL;
    }
}

void ui_draw_meters(const struct meter_seg *s, size_t n)
{
    ui_put_line(stdscr, METER_ROW, "", A_NORMAL);
    for (size_t i = 0; i < n; i++)
        ui_put_cell(stdscr, METER_ROW, s[i].x, s[i].text, s[i].width, meter_attr(s[i].tone));
}

void ui_draw_pane_title(int row, int left, int cols, const char *title, int focused)
{
    char line[512];

    snprintf(line, sizeof line, "%s %s", focused ? "▶" : " ", title);
    /* Not reversed: that is the selected line's mark. */
    ui_put_cell(stdscr, row, left, line, cols,
                focused ? A_BOLD | A_UNDERLINE | ui_pair_attr(PAIR_TITLE) : A_DIM);
}
