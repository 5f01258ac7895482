/* casedesk — what the files that draw the console's own screens share (ui.c,
 * ui_bars.c, ui_queue.c, ui_detail.c, ui_overlay.c): the colour pairs, the
 * rows of the frame, the queue's columns as laid out, and the terminal's
 * state, which is one global thing to ncurses. Only those files include
 * this; the desks draw with ui_prim.h.
 */
#ifndef CASEDESK_UI_SCREEN_H
#define CASEDESK_UI_SCREEN_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "casedesk/config.h"
#include "casedesk/sla_clock.h"
#include "casedesk/timefmt.h"

enum pair {
    PAIR_YELLOW = 1,
    PAIR_RED,
    PAIR_PAUSED,
    PAIR_ERROR,
    PAIR_OK,
    PAIR_TITLE,
    PAIR_OFFLINE,
    PAIR_QR
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
struct ui_state {
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
    int cols_width;                 /* the width the queue's columns were laid out for */
    struct ui_region region;        /* where the view draws (ui_region_set) */
};
extern struct ui_state ui_state;

/* Rows of the frame, from the top and the bottom; a view's rows are its
 * region's (ui_region_set). */
#define HEADER_ROW 0
#define METER_ROW 1
#define STATUS_ROW (LINES - 3)
#define MESSAGE_ROW (LINES - 2)
#define HINT_ROW (LINES - 1)


attr_t ui_pair_attr(enum pair p);
/* Lays the queue's columns out for a list width columns wide. */
void ui_layout_columns(int width);
/* Writes text sanitised and padded to exactly width columns at (y, x). */
void ui_put_cell(WINDOW *w, int y, int x, const char *text, int width, attr_t attr);
/* A whole line of w: text, then blanks to the edge. */
void ui_put_line(WINDOW *w, int y, const char *text, attr_t attr);
/* epoch in local time with strftime's fmt; "-" for none. */
void ui_local_time(int64_t epoch, const char *fmt, char *buf, size_t n);

/* ui_queue.c, for the detail too: an item's urgency mark and colour, and
 * the time left as the queue shows it. */
struct queue_row;
struct ui_clock;
const char *ui_urgency_symbol(enum sla_urgency u);
attr_t ui_urgency_attr(enum sla_urgency u);
void ui_countdown_text(const struct queue_row *r, const struct ui_clock *clk, char *buf,
                       size_t n);
/* The same for any clock: wall-clock time for an item limited in calendar
 * hours, else business time; "-" without a due time. */
void ui_left_text(int wall_clock, int64_t due, int64_t paused, const struct ui_clock *clk,
                  char *buf, size_t n);

#endif
