/* casedesk — the drawing primitives the ui's files share (ui.c, ui_esc.c,
 * ui_sup.c): cells sanitised and fitted to columns, the body of the screen
 * between the header and the status line, attributes that read in
 * monochrome too. Only the ui's files include this; it needs curses.
 */
#ifndef CASEDESK_UI_PRIM_H
#define CASEDESK_UI_PRIM_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

/* The view's region (ui_region_set): rows from UI_BODY_TOP to
 * ui_body_bottom(), ui_cols() columns; ui_cell, ui_line and ui_blank count
 * from its corner and never draw outside it. */
#define UI_BODY_TOP 0
int ui_body_bottom(void);
int ui_cols(void);
/* The selected line's attribute: reversed in the pane that has the keys,
 * underlined in the other. */
attr_t ui_cursor_attr(void);
/* A small pane: lists leave out the selected line in full. */
int ui_compact(void);

enum ui_tone { UI_TONE_NORMAL, UI_TONE_YELLOW, UI_TONE_RED, UI_TONE_PAUSED, UI_TONE_OK,
               UI_TONE_ERROR, UI_TONE_TITLE };

/* The colour of a tone, or nothing without colour: callers add a symbol or
 * an attribute that says the same. */
attr_t ui_tone(enum ui_tone t);
/* text sanitised and padded to exactly width columns at (y, x) of the
 * region, cut at its edge. */
void ui_cell(int y, int x, const char *text, int width, attr_t attr);
/* A whole line of the region: text, then blanks to its edge. */
void ui_line(int y, const char *text, attr_t attr);
void ui_blank(int y);
/* Shows the text cursor at (y, x) of the region in the next frame. */
void ui_cursor_at(int y, int x);
/* "10:32" today, "11-03 10:32" on another day, "-" for none (local time). */
void ui_clock_text(int64_t epoch, int64_t now, char *buf, size_t n);


#endif
