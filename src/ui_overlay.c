/* casedesk — drawing the overlays: the help and the editor. */
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

/* --- overlays ----------------------------------------------------------------------- */

/* ASCII, so that no terminal's line-drawing set or ambiguous-width
 * characters can break it. */
static void frame(WINDOW *w)
{
    wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
}

static WINDOW *overlay_window_at(int y, int x, int height, int width)
{
    y = y < 0 ? 0 : y;
    x = x < 0 ? 0 : x;
    if (ui_state.overlay) {
        int h, w, oy, ox;
        getmaxyx(ui_state.overlay, h, w);
        getbegyx(ui_state.overlay, oy, ox);
        if (h == height && w == width && oy == y && ox == x)
            return ui_state.overlay;
        delwin(ui_state.overlay);
    }
    ui_state.overlay = newwin(height, width, y, x);
    return ui_state.overlay;
}

static WINDOW *overlay_window(int height, int width)
{
    return overlay_window_at((LINES - height) / 2, (COLS - width) / 2, height, width);
}

void ui_overlay_close(void)
{
    if (ui_state.overlay) {
        delwin(ui_state.overlay);
        ui_state.overlay = NULL;
        touchwin(stdscr);
    }
    ui_state.cursor_win = NULL;
}

void ui_cursor_off(void)
{
    ui_state.cursor_win = NULL;
}

#define HELP_KEYS_COLS 12

/* Columns of the help's middle column, what an action does in the user's
 * language: as wide as the widest such text, but leaving room for the
 * config name after it. */
static int help_text_cols(int inner)
{
    int text = text_width(_("what it does")), name = text_width(_("config name"));

    for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
        int t = text_width(action_help((enum action)a));
        int c = text_width(action_name((enum action)a));
        text = t > text ? t : text;
        name = c > name ? c : name;
    }
    if (text > inner - HELP_KEYS_COLS - 2 - name)
        text = inner - HELP_KEYS_COLS - 2 - name;
    return text > 0 ? text : 0;
}

/* One line of the help: the keys, what they do (translated, cut to its
 * column) and the action's name as the config file's bindings spell it. */
static void help_line(char *line, size_t n, const char *keys, const char *text, int text_cols,
                      const char *name)
{
    char k[64], t[512];
    char *fitted = text_fit(text, text_cols);

    snprintf(line, n, "%s %s %s", text_pad_to(k, sizeof k, keys, HELP_KEYS_COLS),
             text_pad_to(t, sizeof t, fitted ? fitted : "", text_cols), name);
    free(fitted);
}

int ui_draw_help(const struct keymap *km, int scroll, const char *const *extra, size_t nextra)
{
    int height = LINES - 2, width = COLS - 4 > 78 ? 78 : COLS - 4;
    WINDOW *w = overlay_window(height, width);
    char keys[128], line[1024];
    int inner = height - 2, total = ACTION_COUNT - 1 + 2 + (int)nextra;
    int text_cols = help_text_cols(width - 2);

    if (!w)
        return 0;
    werase(w);
    frame(w);
    ui_put_cell(w, 0, 2, _(" Keys "), text_width(_(" Keys ")), A_BOLD);
    for (int y = 0; y < inner; y++) {
        int i = scroll + y;
        if (i == 0) {
            help_line(line, sizeof line, _("keys"), _("what it does"), text_cols,
                      _("config name"));
            ui_put_cell(w, 1 + y, 1, line, width - 2, A_UNDERLINE);
            continue;
        }
        int a = i;  /* actions are numbered from 1 */
        if (a >= ACTION_COUNT) {
            /* After a blank line, the extra lines; a heading starts in the
             * first column. */
            size_t k = (size_t)(a - ACTION_COUNT);
            if (k >= 1 && k - 1 < nextra)
                ui_put_cell(w, 1 + y, 1, extra[k - 1], width - 2,
                         extra[k - 1][0] == ' ' ? A_NORMAL : A_BOLD);
            continue;
        }
        keymap_keys_for(km, (enum action)a, keys, sizeof keys);
        help_line(line, sizeof line, *keys ? keys : "-", action_help((enum action)a), text_cols,
                  action_name((enum action)a));
        ui_put_cell(w, 1 + y, 1, line, width - 2, A_NORMAL);
    }
    ui_state.cursor_win = NULL;
    return total;
}

void ui_draw_lines(const char *title, const char *empty, const char *const *lines, size_t n,
                   int scroll)
{
    int height = LINES - 2, width = COLS - 4 > 100 ? 100 : COLS - 4;
    WINDOW *w = overlay_window(height, width);

    if (!w)
        return;
    werase(w);
    frame(w);
    ui_put_cell(w, 0, 2, title, text_width(title), A_BOLD);
    if (n == 0)
        ui_put_cell(w, 1, 1, empty, width - 2, A_NORMAL);
    for (int y = 0; y < height - 2 && scroll + y < (int)n; y++)
        ui_put_cell(w, 1 + y, 1, lines[scroll + y], width - 2, A_NORMAL);
    ui_state.cursor_win = NULL;
}

static void draw_qr_too_small(int need_cols, int need_rows)
{
    char line[160];
    int w_cols;
    WINDOW *w;

    snprintf(line, sizeof line, _("the code needs %dx%d; the screen is %dx%d"), need_cols,
             need_rows, COLS, LINES);
    w_cols = text_width(line) + 4 > COLS ? COLS : text_width(line) + 4;
    if (!(w = overlay_window(3, w_cols)))
        return;
    werase(w);
    frame(w);
    ui_put_cell(w, 1, 1, line, w_cols - 2, A_BOLD);
}

/* The code's own quiet zone is its frame; the message and hint lines stay
 * visible below it (the message line names what the code holds). */
int ui_draw_qr(const struct qr_code *code)
{
    int cols, rows, above = LINES - 2;
    char *drawn, *line, *end;
    attr_t attr = ui_pair_attr(PAIR_QR);
    WINDOW *w;

    ui_state.cursor_win = NULL;
    qr_size(code, QR_UTF8, &cols, &rows);
    if (COLS < cols || above < rows) {
        draw_qr_too_small(cols, rows + LINES - above);
        return 0;
    }
    w = overlay_window_at((above - rows) / 2, (COLS - cols) / 2, rows, cols);
    if (!w || !(drawn = qr_render(code, QR_UTF8)))
        return 0;
    werase(w);
    line = drawn;
    for (int y = 0; y < rows && (end = strchr(line, '\n')); y++, line = end + 1) {
        *end = '\0';
        ui_put_cell(w, y, 0, line, cols, attr);
    }
    free(drawn);
    return 1;
}

static void draw_choices(WINDOW *w, int *y, int width, const struct ui_editor_view *v,
                         int max_rows)
{
    char line[1024];
    if (!v->nchoices)
        return;
    ui_put_cell(w, (*y)++, 2, v->choices_title, width - 4, A_BOLD);
    for (size_t i = 0; i < v->nchoices && max_rows-- > 0; i++) {
        snprintf(line, sizeof line, "%zu. %s", i + 1, v->choices[i]);
        ui_put_cell(w, (*y)++, 2, line, width - 4, A_NORMAL);
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
    ui_put_cell(w, 0, 2, v->title, width - 4, A_BOLD);
    if (v->notice)
        ui_put_cell(w, y++, 2, v->notice, width - 4, A_BOLD | ui_pair_attr(PAIR_ERROR));
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
                ui_put_cell(w, y + r, 2, piece, text_width_cols, A_NORMAL);
            free(piece);
        }
        ui_state.cursor_win = w;
        ui_state.cursor_y = y + (int)(crow - first);
        ui_state.cursor_x = 2 + ccol;
    }
    free(rows);
    ui_put_cell(w, height - 2, 2, v->hint, width - 4, A_DIM);
}
