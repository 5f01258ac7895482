/* casedesk — where the views draw: the body of the screen between the
 * meters and the status line, as one region, or on a large enough terminal
 * as two panes of a dashboard, each under a title line that says which one
 * has the focus.
 *
 *   the queue view: the queue, and under it the escalations waiting for the
 *     user with their countdowns;
 *   on-call staff's escalation desk, the reverse: the escalations large,
 *     the items behind them under them;
 *   the supervisor from 160 columns: the figures, and beside them the red
 *     items.
 *
 * Pure geometry, from the terminal's size: the console decides which
 * dashboard a view shows (frame.c), the ui draws in the rectangles.
 */
#ifndef CASEDESK_PANES_H
#define CASEDESK_PANES_H

/* Rows of the screen that are not the body: the tab bar, the status, the
 * message and the hint lines. */
#define PANES_BARS 4
/* Lines of meters under the tab bar. */
#define PANES_METER_ROWS 1
/* The figures and the red items side by side from this width on. */
#define PANES_SIDE_COLS 160
/* The supervisor's red items take this share of the width (percent). */
#define PANES_SIDE_SHARE 40

enum panes_kind {
    PANES_NONE,          /* one region: the view alone */
    PANES_QUEUE_ESC,     /* the queue, the escalations under it */
    PANES_ESC_QUEUE,     /* the escalations, the items under them */
    PANES_FIGURES_RED,   /* the figures, the red items beside them */
};

enum pane_content { PANE_QUEUE, PANE_ESCALATIONS, PANE_FIGURES, PANE_RED };

struct pane_rect {
    int top, left, rows, cols;
};

struct panes {
    enum panes_kind kind;        /* PANES_NONE when the screen is too small */
    int n;                       /* 1 or 2 */
    struct pane_rect body;       /* the whole body */
    /* Each pane's region under its title line (the whole body when n is 1),
     * and the title line's row; the first pane is the large one. */
    struct pane_rect pane[2];
    int title_row[2];
    enum pane_content content[2];
};

/* The layout of kind on a cols x lines terminal: kind itself from
 * min_cols x min_rows on (PANES_FIGURES_RED from PANES_SIDE_COLS columns
 * too), else one region. */
void panes_lay(struct panes *p, enum panes_kind kind, int cols, int lines, int min_cols,
               int min_rows);

/* The pane that shows c; -1 for none. */
int panes_find(const struct panes *p, enum pane_content c);

#endif
