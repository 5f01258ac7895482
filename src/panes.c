/* casedesk — where the views draw. */
#include "casedesk/panes.h"

/* The smaller pane of a stack: a third of the body, within these. */
#define SMALL_MIN_ROWS 6
#define SMALL_MAX_ROWS 14

static void one_region(struct panes *p, enum pane_content c)
{
    p->kind = PANES_NONE;
    p->n = 1;
    p->pane[0] = p->body;
    p->title_row[0] = -1;
    p->content[0] = c;
}

/* Two panes, one above the other: the large one on top. */
static void stack(struct panes *p, enum pane_content large, enum pane_content small)
{
    int rows = p->body.rows, small_rows = rows / 3;

    if (small_rows < SMALL_MIN_ROWS)
        small_rows = SMALL_MIN_ROWS;
    if (small_rows > SMALL_MAX_ROWS)
        small_rows = SMALL_MAX_ROWS;
    p->n = 2;
    p->title_row[0] = p->body.top;
    p->pane[0] = (struct pane_rect){p->body.top + 1, 0, rows - small_rows - 1, p->body.cols};
    p->title_row[1] = p->body.top + rows - small_rows;
    p->pane[1] = (struct pane_rect){p->title_row[1] + 1, 0, small_rows - 1, p->body.cols};
    p->content[0] = large;
    p->content[1] = small;
}

/* Two panes side by side, a blank column between them. */
static void beside(struct panes *p, enum pane_content left, enum pane_content right)
{
    int right_cols = p->body.cols * PANES_SIDE_SHARE / 100;
    int left_cols = p->body.cols - right_cols - 1;

    p->n = 2;
    p->title_row[0] = p->title_row[1] = p->body.top;
    p->pane[0] = (struct pane_rect){p->body.top + 1, 0, p->body.rows - 1, left_cols};
    p->pane[1] = (struct pane_rect){p->body.top + 1, left_cols + 1, p->body.rows - 1, right_cols};
    p->content[0] = left;
    p->content[1] = right;
}

void panes_lay(struct panes *p, enum panes_kind kind, int cols, int lines, int min_cols,
               int min_rows)
{
    int rows = lines - PANES_BARS - PANES_METER_ROWS;

    p->body = (struct pane_rect){1 + PANES_METER_ROWS, 0, rows > 1 ? rows : 1, cols};
    p->kind = kind;
    switch (kind) {
    case PANES_QUEUE_ESC:
    case PANES_ESC_QUEUE:
        if (cols < min_cols || lines < min_rows)
            break;
        if (kind == PANES_QUEUE_ESC)
            stack(p, PANE_QUEUE, PANE_ESCALATIONS);
        else
            stack(p, PANE_ESCALATIONS, PANE_QUEUE);
        return;
    case PANES_FIGURES_RED:
        if (cols < min_cols || cols < PANES_SIDE_COLS || lines < min_rows)
            break;
        beside(p, PANE_FIGURES, PANE_RED);
        return;
    default:
        break;
    }
    one_region(p, kind == PANES_ESC_QUEUE ? PANE_ESCALATIONS
                  : kind == PANES_FIGURES_RED ? PANE_FIGURES : PANE_QUEUE);
}

int panes_find(const struct panes *p, enum pane_content c)
{
    for (int i = 0; i < p->n; i++)
        if (p->content[i] == c)
            return i;
    return -1;
}
