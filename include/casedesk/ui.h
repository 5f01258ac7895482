/* casedesk — drawing with ncursesw: the queue, the detail of an item, the
 * status and message lines, the key hints, the help overlay, the prompts and
 * the text editor.
 *
 * The ui draws what it is given and decides nothing: the console owns the
 * state (app_state.h) and frame.c says which regions changed. Every string that comes from
 * the database or the user is sanitised here before it reaches the terminal
 * (text_fit/text_pad/text_sanitize), so an escape sequence in an applicant's
 * name shows as U+FFFD and never acts.
 */
#ifndef CASEDESK_UI_H
#define CASEDESK_UI_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/config.h"
#include "casedesk/detail.h"
#include "casedesk/editor.h"
#include "casedesk/keymap.h"
#include "casedesk/meters.h"
#include "casedesk/qr.h"
#include "casedesk/queue.h"
#include "casedesk/sla_clock.h"

/* Below this the screen says "terminal too small" and action keys wait. */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10
/* Below this width the optional columns (matter, age) are hidden. */
#define UI_WIDE_COLS 100
/* The hint bar never grows past this, whatever the terminal's width. */
#define UI_HINT_MAX_COLS 80

enum ui_conn { UI_CONNECTING, UI_ONLINE, UI_OFFLINE };

/* The time the countdowns are drawn for: the server's clock, as far as the
 * console knows it, and the business intervals that count. */
struct ui_clock {
    int64_t now;
    const struct sla_calendar *cal;
    int minutes_per_day;
};

struct ui_status {
    const char *who;       /* "王芳 reviewer 住房和城乡建设局"; NULL until known */
    enum ui_conn conn;
    long data_age;         /* seconds since the page was fetched; -1: never */
    int busy;              /* requests in flight */
    long waiting;          /* seconds the server has not answered for; 0: it answers */
    unsigned spinner;      /* frame counter */
    int frozen;            /* live updates paused */
    int resting;           /* closed while idle: paused until a key */
};

struct ui_header {
    const char *view;      /* the tab bar: "[1 Queue] 2 Escalations" */
    const char *filter;    /* label of the filter; NULL: none (views 2, 3) */
    const char *info;      /* what else the view says ("2 waiting"), or NULL */
    int flash_x, flash_cols; /* the part of view drawn reversed (a flashing tab) */
    const char *sort;      /* label of the order; NULL: the usual one */
    int reversed;
    const char *search;    /* NULL: none */
    size_t ntags;
    int more_before, more_after;
};

/* A key the hint line offers: the first key bound to a, and a word (N_()).
 * The views say which (view.h). */
struct ui_hint {
    enum action a;
    const char *label;
};
/* The one hint for keys outside the key map: the arrows that move between
 * the supervisor's figures. */
#define UI_HINT_ARROWS ACTION_NONE

/* --- the editor overlay ------------------------------------------------------ */

struct ui_editor_view {
    const char *title;              /* "Reject 建筑工程施工许可" */
    const char *choices_title;      /* "Common reasons (type a number):" */
    const char *const *choices;     /* numbered 1.. */
    size_t nchoices;
    const struct editor *ed;
    const char *hint;               /* "C-d save  Esc cancel" */
    const char *notice;             /* a line under the title, or NULL */
};

/* --- the screen ---------------------------------------------------------------- */

/* Opens the screen: colour when wanted and available; Esc waits that long
 * for the rest of an escape sequence. */
void ui_open(int want_color, int escape_delay_ms);
/* Leaves the screen; safe to call twice and from a signal handler's path. */
void ui_close(void);
int ui_is_open(void);

/* Recomputes the layout from LINES and COLS (after a resize). */
void ui_relayout(void);
int ui_too_small(void);
/* Where a view draws (panes.h): a rectangle of the screen, rows and
 * columns counted from its corner. unfocused: the other pane has the keys,
 * and the cursor is underlined instead of reversed; compact: a small pane,
 * with no room for the selected line in full under a list. */
struct ui_region {
    int top, left, rows, cols;
    int unfocused, compact;
};
void ui_region_set(const struct ui_region *r);
/* A pane's title line: bold, underlined and marked with an arrow while the
 * pane has the keys, dim when it has not. */
void ui_draw_pane_title(int row, int left, int cols, const char *title, int focused);
/* The meters' line under the tab bar (meters.h). */
void ui_draw_meters(const struct meter_seg *s, size_t n);
/* Columns of the queue, from the configuration. */
void ui_set_columns(const enum config_column *cols, size_t n);

void ui_draw_too_small(void);
void ui_draw_header(const struct ui_header *h);
void ui_draw_queue(const struct queue *q, const struct ui_clock *clk);
/* Only the cells that change with time: urgency, countdown, age. */
void ui_draw_queue_timers(const struct queue *q, const struct ui_clock *clk);
/* Returns the number of lines the detail has, to bound scrolling. */
int ui_draw_detail(const struct detail *d, const struct ui_clock *clk);
/* Rows of the body, where the detail scrolls. */
int ui_detail_page(void);
void ui_draw_status(const struct ui_status *st);
/* A message (error: drawn as one) or, with NULL, an empty line. */
void ui_draw_message(const char *msg, int error);
/* A one-line prompt in the message line, with the cursor in it. */
void ui_draw_prompt(const char *label, const struct editor *ed);
void ui_draw_hints(const struct keymap *km, const struct ui_hint *hints, size_t n);
/* The keys, then the lines of extra (what keys mean in some views); returns
 * the number of lines the help has. */
int ui_draw_help(const struct keymap *km, int scroll, const char *const *extra, size_t nextra);
void ui_draw_editor(const struct ui_editor_view *v);
/* A boxed list of lines from scroll on, titled; empty when there are none. */
void ui_draw_lines(const char *title, const char *empty, const char *const *lines, size_t n,
                   int scroll);
/* A QR code, quiet zone included, centred above the message line: black on
 * white with colours, else in the terminal's colours, dark modules as
 * glyphs. When the screen is too small for it, a line saying how large it
 * must be instead (a code cut by the edge would not scan). 1 when the code
 * was drawn. */
int ui_draw_qr(const struct qr_code *code);
/* Removes the help or editor overlay; what lies under it is drawn again. */
void ui_overlay_close(void);
/* Hides the text cursor a prompt or the editor showed. */
void ui_cursor_off(void);
/* Sends the frame to the terminal. */
void ui_flush(void);
/* Forgets what the terminal shows (C-l, resize): the next frame is whole. */
void ui_invalidate(void);
/* Blanks the screen to be drawn (not the terminal): what is not drawn again
 * before the next flush shows as blank. */
void ui_erase(void);

/* "open", "claimed", ... for a status as the database spells it. */
const char *ui_status_word(const char *status);

#endif
