/* casedesk — the escalation desk as the console holds it: the escalations
 * the user may answer (or, for a window clerk, has raised), most urgent
 * first, the cursor on one of them, and which ones are new.
 *
 * Pure data, like the queue: rows come in through an accessor (row, column)
 * -> text, so the tests feed it strings. The response clock counts business
 * time in the intervals the console loaded (sla_clock.h): three business
 * minutes asked at 11:59 are not over at 12:02.
 */
#ifndef CASEDESK_ESCVIEW_H
#define CASEDESK_ESCVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/queue.h"
#include "casedesk/sla_clock.h"

/* The columns of an escalation row, in the order db.c's ESC_COLS selects
 * them. */
enum esc_col {
    ESC_COL_ID,
    ESC_COL_VERSION,
    ESC_COL_ITEM_ID,
    ESC_COL_CASE_ID,
    ESC_COL_CASE_NO,
    ESC_COL_ITEM,
    ESC_COL_DEPARTMENT_ID,
    ESC_COL_DEPARTMENT,
    ESC_COL_ADDRESSEE,
    ESC_COL_KIND,
    ESC_COL_SOURCE,
    ESC_COL_LEVEL,
    ESC_COL_NOTE,
    ESC_COL_RAISED_BY,
    ESC_COL_RAISED_AT,
    ESC_COL_RESPOND_BY,
    ESC_COL_ACK_BY,
    ESC_COL_ACK_AT,
    ESC_COL_RESOLVED_BY,
    ESC_COL_RESOLVED_AT,
    ESC_COL_RESOLUTION,
    ESC_COL_ESCALATED_AT,
    ESC_COL_RAISER_LOGIN,
    ESC_COL_SERVER_NOW,
    ESC_COL_HAND_ON_NOTE,
    ESC_NCOLS
};

struct esc_row {
    int64_t id, item_id, case_id;      /* item_id 0: about the whole case */
    int version, level, department_id;
    /* Never NULL once read; "" for SQL NULL. */
    char *case_no, *item, *department, *addressee, *kind, *source, *note;
    char *raised_by, *raiser_login, *ack_by, *resolved_by, *resolution, *hand_on_note;
    int64_t raised_at, respond_by, ack_at, resolved_at, escalated_at;  /* SLA_NONE: NULL */
};

/* Where an escalation stands, most urgent first. */
enum esc_state {
    ESC_OPEN,        /* waiting to be acknowledged, time left */
    ESC_LATE,        /* waiting, past its response time */
    ESC_MOVED_UP,    /* nobody acknowledged it in time: the sweep raised the next level */
    ESC_ACKED,       /* acknowledged, not resolved */
    ESC_RESOLVED
};

struct esc_list {
    struct esc_row *rows;
    size_t n;
    size_t cursor;           /* index into rows, 0 when empty */
    int64_t selected;        /* id under the cursor, 0 when none */
    int loaded;              /* a list has arrived */
    int64_t *known;          /* the ids of the last list, to tell new ones */
    size_t nknown;
};

void escview_init(struct esc_list *l);
void escview_free(struct esc_list *l);

/* Replaces the rows with nrows rows read through get, sorts them most urgent
 * first and keeps the cursor on the same escalation (else the same line).
 * *fresh (may be NULL) gets how many of them are new for the user me: not
 * in the previous list, waiting, and not raised by me; 0 for the first list.
 * 0, or -1 out of memory (the old rows stay). */
int escview_load(struct esc_list *l, int nrows, queue_get_fn get, void *ctx, const char *me,
                 int *fresh);

/* Most urgent first: waiting (on time or late) before moved up, before
 * acknowledged, before resolved; then the earlier response time, the higher
 * level, the older escalation. A qsort() comparator over struct esc_row. */
int escview_compare(const void *a, const void *b);
void escview_sort(struct esc_row *rows, size_t n);

enum esc_state escview_state(const struct esc_row *r, int64_t now);

/* Business seconds from now until respond_by: positive while time is left,
 * negative once it is over (at least -1: late looks late even when it fell
 * due after hours). An empty calendar counts wall-clock time. */
long escview_left_seconds(const struct sla_calendar *cal, int64_t now, int64_t respond_by);

/* While it waits for an answer outside business time, its response clock
 * stands: when it starts again (the next opening). SLA_NONE while the
 * clock runs, once it is late or answered, and without a calendar. */
int64_t escview_stopped_until(const struct esc_row *r, const struct sla_calendar *cal,
                              int64_t now);

/* What the list shows where the clock is: the countdown ("2:41", "-0:30")
 * while it waits, else the state in a word ("ack'd", "moved up", "done").
 * At most TIMEFMT_MAX_COLS + 1 columns. */
void escview_left_text(const struct esc_row *r, const struct sla_calendar *cal, int64_t now,
                       char *buf, size_t n);

/* Who raised it and how high it is: "window L1", "reviewer L1", "red L2",
 * "unanswered L3" (a sweep's escalations by their kind). */
void escview_origin(const struct esc_row *r, char *buf, size_t n);

/* --- cursor ------------------------------------------------------------- */

const struct esc_row *escview_current(const struct esc_list *l);
void escview_move(struct esc_list *l, long delta);
void escview_select_index(struct esc_list *l, size_t i);
long escview_find(const struct esc_list *l, int64_t id);
/* An action on escalation id succeeded: its row takes the new version, so
 * that the next action on it is not refused as stale. 1 when the row is
 * loaded. */
int escview_apply(struct esc_list *l, int64_t id, int version);

void escview_row_free(struct esc_row *r);

#endif
