/* casedesk — the supervisor's figures as the console holds them: one row per
 * department (or per matter type), a cell cursor on one figure, the figure
 * an Enter lists the items of, and the terminal charts (bars in eighths of
 * a block, a 14-day sparkline).
 *
 * Pure data: rows come in through an accessor (row, column) -> text, the
 * charts are strings whose display width the tests measure with
 * text_width(). The figures themselves are the database's
 * (casedesk.supervisor_figures, matter_figures, history_14d).
 */
#ifndef CASEDESK_SUPVIEW_H
#define CASEDESK_SUPVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/queue.h"

/* The columns of a figures row, in the order db.c selects them. */
enum sup_field {
    SUP_FIELD_KEY,
    SUP_FIELD_NAME,
    SUP_FIELD_OPEN,
    SUP_FIELD_YELLOW,
    SUP_FIELD_RED,
    SUP_FIELD_PAUSED,
    SUP_FIELD_TODAY,
    SUP_FIELD_7D,
    SUP_FIELD_30D,
    SUP_FIELD_ON_TIME,
    SUP_FIELD_FIRST_PASS,
    SUP_FIELD_MEDIAN,
    SUP_FIELD_ESC_TOTAL,
    SUP_FIELD_ESC_IN_TIME,
    SUP_FIELD_FIGURES_AT,
    SUP_NFIELDS
};

/* The columns of the table on screen, left to right. */
enum sup_col {
    SUP_COL_NAME,
    SUP_COL_OPEN,
    SUP_COL_YELLOW,
    SUP_COL_RED,
    SUP_COL_PAUSED,
    SUP_COL_TODAY,
    SUP_COL_7D,
    SUP_COL_30D,
    SUP_COL_ON_TIME,
    SUP_COL_FIRST_PASS,
    SUP_COL_MEDIAN,
    SUP_COL_ESC,
    SUP_NCOLS
};

/* A rate or a median the database had nothing to compute from. */
#define SUP_NONE (-1)

struct sup_row {
    int key;                       /* department or matter type id */
    char *name;
    int open, yellow, red, paused, today, d7, d30;
    double on_time, first_pass;    /* 0..1, or SUP_NONE */
    int median;                    /* business minutes, or SUP_NONE */
    int esc_total, esc_in_time;
};

struct sup_table {
    struct sup_row *rows;
    size_t n;
    int64_t figures_at;            /* epoch the figures stand for; 0 before any */
    int loaded;
};

#define SUP_HISTORY_DAYS 14

/* How long the working-day calendar lasts, as casedesk.calendar_left()
 * says: a limit counted past its end is wrong, so the view warns from the
 * day the database does. */
struct sup_calendar {
    int warn;                      /* ends soon, has ended, or none is loaded */
    int loaded;                    /* a year is loaded: end and days are known */
    char end[16];                  /* its last day, "2026-12-31" */
    int days;                      /* from today to the end; negative once over */
};

struct sup_view {
    struct sup_table dept, matter;
    int by_matter;                 /* the table shown: matter types, else departments */
    size_t row;                    /* cell cursor */
    int col;
    int history[SUP_HISTORY_DAYS]; /* decisions per day, oldest first */
    int nhistory;
    int history_key;               /* the row the history is of */
    int history_by_matter;
    struct sup_calendar cal;
};

void supview_init(struct sup_view *v);
void supview_free(struct sup_view *v);

/* Replaces table t with nrows rows read through get. 0, or -1 out of memory
 * (the old rows stay). */
int supview_load(struct sup_table *t, int nrows, queue_get_fn get, void *ctx);
/* The table on screen. */
const struct sup_table *supview_table(const struct sup_view *v);
/* Shows the other table; the cursor stays in its column, on the first row. */
void supview_toggle(struct sup_view *v);

/* --- the cell cursor ------------------------------------------------------ */

/* Moves by rows and columns, stopping at the edges; the row is also kept
 * inside a table that shrank. */
void supview_move(struct sup_view *v, long drow, int dcol);
const struct sup_row *supview_current(const struct sup_view *v);
/* The figure casedesk.figure_items() lists for a column: the load columns
 * their own, the decisions their window, the on-time and first-pass rates
 * the decisions that missed them (late, not_first_pass), the median all
 * decisions of its 30 days, the escalation compliance esc_missed, the name
 * column every open item. */
const char *supview_figure(enum sup_col col);

/* --- cells ------------------------------------------------------------------- */

/* Titles and widths of the figure columns (the name column takes the rest,
 * at least SUP_NAME_MIN). */
#define SUP_NAME_MIN 8
const char *supview_col_title(enum sup_col col);
int supview_col_width(enum sup_col col);
/* The text of a cell: counts, "92.3%", "100%", "3h 20m", "-" for none. */
void supview_cell_text(const struct sup_row *r, enum sup_col col, int minutes_per_day,
                       char *buf, size_t n);
/* "92.3%", "100%", "0%"; "-" for SUP_NONE. */
void supview_rate_text(double rate, char *buf, size_t n);
/* The escalation compliance as a rate: in time / known outcome, or SUP_NONE. */
double supview_esc_rate(const struct sup_row *r);

/* --- charts -------------------------------------------------------------------- */

/* A horizontal bar of value out of max in exactly width columns: full blocks
 * and one partial eighth (█▉▊▋▌▍▎▏), then spaces. Readable without colour.
 * A value above max fills the bar; max <= 0 or width <= 0 gives blanks
 * (width <= 0: ""). Returns buf; n >= 3 * width + 1 always suffices. */
char *supview_bar(double value, double max, int width, char *buf, size_t n);

/* One character per value (▁▂▃▄▅▆▇█), scaled to the largest: zero is ▁,
 * anything above zero at least ▂, the largest █. All zeros: all ▁. Returns
 * buf; n >= 3 * count + 1 always suffices. */
char *supview_sparkline(const int *values, int count, char *buf, size_t n);

/* --- the calendar's end ---------------------------------------------------------- */

/* Reads calendar_left()'s row: the end date (NULL: none loaded), the days
 * to it and the warn flag, as text ("t"/"f"). */
void supview_calendar_load(struct sup_calendar *c, const char *end, const char *days,
                           const char *warn);
/* The warning to show, translated; 0 and "" when there is none. */
int supview_calendar_text(const struct sup_calendar *c, char *buf, size_t n);

void supview_row_free(struct sup_row *r);

#endif
