/* casedesk — the work queue as the console holds it: one page of rows, the
 * cursor, tags, the filter and a search in the loaded rows.
 *
 * Pure data: rows come in through an accessor (row, column) -> text, so the
 * same code reads a PGresult in the console and a table of strings in the
 * tests. The server pages with keysets on (sort key, id), the sort key being
 * the due time, the time the item entered the queue, or the case; this module
 * says which page to ask for next and keeps the cursor on the same item id
 * whatever arrives.
 */
#ifndef CASEDESK_QUEUE_H
#define CASEDESK_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/sla_clock.h"

/* The columns of a queue row, in the order db.c's QUEUE_COLS selects them. */
enum queue_col {
    QUEUE_COL_ID,
    QUEUE_COL_CASE_ID,
    QUEUE_COL_CASE_NO,
    QUEUE_COL_MATTER,
    QUEUE_COL_ITEM,
    QUEUE_COL_APPLICANT,
    QUEUE_COL_STATUS,
    QUEUE_COL_ASSIGNEE,
    QUEUE_COL_ASSIGNEE_NAME,
    QUEUE_COL_DEPARTMENT,
    QUEUE_COL_DUE_AT,
    QUEUE_COL_DUE,
    QUEUE_COL_YELLOW,
    QUEUE_COL_ENTERED,
    QUEUE_COL_PAUSED,
    QUEUE_COL_VERSION,
    QUEUE_COL_CHANGE_SEQ,
    QUEUE_COL_RECEIVED,
    QUEUE_COL_PROJECT,
    QUEUE_COL_SERVER_NOW,
    QUEUE_COL_ORIGINAL_DUE,
    QUEUE_COL_PAUSED_MINUTES,
    QUEUE_COL_LIMIT_UNIT,
    QUEUE_COL_ENTERED_AT,
    QUEUE_COL_DEPARTMENT_ID,
    QUEUE_NCOLS
};

/* The text of one cell, or NULL for SQL NULL. */
typedef const char *(*queue_get_fn)(void *ctx, int row, int col);

struct queue_row {
    int64_t id, case_id;
    char *case_no, *matter, *item, *applicant, *status, *assignee, *assignee_name;
    char *department, *due_at, *entered_at, *project;
    int64_t due, yellow, entered, paused, received, original_due;  /* SLA_NONE: NULL */
    int version;
    int64_t change_seq;
    int paused_minutes;
    int wall_clock;             /* limited in calendar hours, not business time */
    int department_id;
};

enum queue_filter {
    QUEUE_FILTER_ALL,        /* every open item of my departments */
    QUEUE_FILTER_MINE,
    QUEUE_FILTER_UNCLAIMED,
    QUEUE_FILTER_PAUSED,
    QUEUE_FILTER_OVERDUE,
    QUEUE_FILTER_COUNT
};

/* The order of the queue; each is a keyset the server pages on. */
enum queue_sort {
    QUEUE_SORT_DUE,          /* due time, soonest first */
    QUEUE_SORT_AGE,          /* entered the queue, oldest first */
    QUEUE_SORT_CASE,         /* case, in the order cases were filed */
    QUEUE_SORT_COUNT
};

/* Room for a timestamptz as PostgreSQL prints it, or "-infinity". */
#define QUEUE_KEY_MAX 64

/* A page to ask the server for: rows after (or, back, before) the key, in
 * the sort's order, or its reverse. */
struct queue_request {
    int back;
    char key[QUEUE_KEY_MAX];
    char id[24];
    char limit[12];
    enum queue_filter filter;
    enum queue_sort sort;
    int reversed;
};

/* Where the cursor goes when a page arrives. */
enum queue_place {
    QUEUE_KEEP,     /* on the same item id; else the same line */
    QUEUE_FIRST,
    QUEUE_LAST
};

/* An item tagged for an action on several at once. Tags outlive the page
 * they were set on, so they carry what the action and its message need. */
struct queue_tag {
    int64_t id;
    int version;
    char *case_no;
    char *item;
};

/* Rows read past a forward page and not shown: when a change takes a row
 * off the page, the first of them moves up, with no page to fetch. */
#define QUEUE_SPARE 8

struct queue {
    struct queue_row *rows;
    size_t n;
    struct queue_row *spare;    /* the rows that follow the page, in order */
    size_t nspare;
    int spare_end;              /* no row follows the spare ones (or the page) */
    size_t cursor;              /* index into rows, 0 when empty */
    int64_t selected;           /* id under the cursor, 0 when none */
    int page_size;              /* rows on screen */
    enum queue_filter filter;
    enum queue_sort sort;
    int reversed;               /* the sort's order turned round */
    struct queue_request page;  /* the request this page answered */
    int more_before, more_after;
    int loaded;                 /* a page has arrived since the last reset */
    struct queue_tag *tags;
    size_t ntags;
    char *search;               /* NULL: no search */
};

void queue_init(struct queue *q, int page_size);
void queue_free(struct queue *q);

/* --- paging ----------------------------------------------------------------- */

/* The requests for the first page, the last page, the pages after and before
 * the loaded one (0 when there is none), and this page again. Each asks for
 * one row more than a page, to learn whether there are more. */
void queue_request_first(const struct queue *q, struct queue_request *req);
void queue_request_last(const struct queue *q, struct queue_request *req);
int queue_request_next(const struct queue *q, struct queue_request *req);
int queue_request_prev(const struct queue *q, struct queue_request *req);
/* This page again, at the current page size; when the size changed, a page
 * that still holds the selected row (the selection is an item, not a line). */
void queue_request_again(const struct queue *q, struct queue_request *req);
/* Brings an earlier request up to the current page size and filter. */
void queue_request_update(const struct queue *q, struct queue_request *req);
/* Whether the server reads the request's rows backwards (a back request in
 * the sort's order, or a forward one in the reversed order): it then wants
 * the "_BACK" statement of the sort. */
int queue_request_descending(const struct queue_request *req);

/* Replaces the page with nrows rows read through get (in the order the server
 * sent them: descending for a back request) and places the cursor. Keeps tags
 * up to date with the versions that arrived. 0, or -1 out of memory (the old
 * page stays). */
int queue_load(struct queue *q, const struct queue_request *req, int nrows, queue_get_fn get,
               void *ctx, enum queue_place place);

/* --- one changed item --------------------------------------------------------- */

/* What a change of one item did to the page. */
enum queue_patch {
    QUEUE_PATCH_NONE,       /* nothing shown changed */
    QUEUE_PATCH_DONE,       /* the page changed and is complete */
    QUEUE_PATCH_REFETCH     /* the page cannot be made from what is held: fetch it */
};
/* The keyset of the first row shown and of the last row held (the last
 * spare one, else the last shown), in the terms page requests use. 0 when
 * the page is empty. */
int queue_patch_edges(const struct queue *q, struct queue_request *top, struct queue_request *end);
/* Puts the item id as the server now shows it in its place: row is the
 * item's row when it belongs under the page's filter, NULL when it does not
 * or the user no longer sees it; vs_top and vs_end say where its key falls
 * against the edges' (<0 before, 0 equal, >0 after, in the sort's own
 * order, as the server compares them, whether or not the list is shown
 * reversed). Takes row (kept or freed). A row that keeps its key is
 * replaced in place; one that leaves is removed and the first spare row
 * moves up; one that comes into the range held, or moves within it, asks
 * for the page. */
enum queue_patch queue_patch(struct queue *q, int64_t id, struct queue_row *row, int vs_top,
                             int vs_end);

/* A back request that found no more rows before it reached the top: the
 * screen is better filled by loading the first page forwards. */
int queue_short_at_top(const struct queue *q);

/* Drops the page (a different filter, a new page size); keeps the selection. */
void queue_reset(struct queue *q);

/* Replaces the rows with a list of nrows rows that is not a page of the
 * queue (the items behind a supervisor's figure): all of them, in the order
 * given, nothing before or after; the cursor stays on its item. 0, or -1 out
 * of memory (the old rows stay). */
int queue_load_list(struct queue *q, int nrows, queue_get_fn get, void *ctx);

/* --- cursor ----------------------------------------------------------------- */

const struct queue_row *queue_current(const struct queue *q);
/* Moves by delta lines inside the page; returns what could not be moved
 * (positive past the end, negative before the start). */
int queue_move(struct queue *q, int delta);
void queue_select_index(struct queue *q, size_t i);
/* Index of the row with this id, or -1. */
long queue_find(const struct queue *q, int64_t id);

/* After an action: what the server returned for the item. */
void queue_apply(struct queue *q, int64_t id, int version, const char *status,
                 const char *assignee);

/* --- sort ------------------------------------------------------------------- */

/* Sets the order of the pages asked for from now on; the rows shown stay
 * until the first page in the new order arrives. */
void queue_set_sort(struct queue *q, enum queue_sort sort, int reversed);
enum queue_sort queue_sort_next(enum queue_sort s);
/* For the header: "due", "age", "case" (translated). */
const char *queue_sort_label(enum queue_sort s);

/* --- filters ---------------------------------------------------------------- */

/* "all", "mine", ...: what the statement's filter parameter expects. */
const char *queue_filter_name(enum queue_filter f);
/* For the header: "my departments", "mine", ... (translated). */
const char *queue_filter_label(enum queue_filter f);
/* The key that picks the filter after the filter key: d, m, u, p, o. */
int queue_filter_letter(enum queue_filter f);
/* The filter a letter picks, or -1. */
int queue_filter_from_letter(int letter);
enum queue_filter queue_filter_next(enum queue_filter f);
/* Whether a row belongs under the filter, as the server decides it. */
int queue_filter_matches(const struct queue_row *r, enum queue_filter f, const char *me,
                         int64_t now);

/* --- tags ------------------------------------------------------------------- */

/* Toggles the tag of the row under the cursor; 1 tagged, 0 untagged, -1 none. */
int queue_tag_toggle(struct queue *q);
/* Tags every loaded row; returns how many are tagged, or -1 out of memory. */
int queue_tag_all(struct queue *q);
int queue_is_tagged(const struct queue *q, int64_t id);
void queue_untag(struct queue *q, int64_t id);
void queue_untag_all(struct queue *q);

/* --- search ----------------------------------------------------------------- */

/* Sets (or with NULL/"" clears) the text searched for. */
int queue_search_set(struct queue *q, const char *text);
int queue_row_matches(const struct queue_row *r, const char *text);
/* Moves the cursor to the next (dir > 0) or previous match, starting after /
 * before index from and wrapping around; from itself is tried last. With
 * include_from, from itself is tried first (incremental search). Returns 1
 * when the cursor moved to a match, 0 when nothing matches. */
int queue_search_from(struct queue *q, size_t from, int dir, int include_from);
/* n / N: from the cursor. */
int queue_search_next(struct queue *q, int dir);

/* --- rows ------------------------------------------------------------------- */

/* Reads row i through get into r (which it owns afterwards), or -1 out of
 * memory. */
int queue_row_read(struct queue_row *r, int i, queue_get_fn get, void *ctx);
enum sla_urgency queue_row_urgency(const struct queue_row *r, int64_t now);
/* Whether a limit unit (item_type.limit_unit; NULL for none) counts
 * wall-clock time rather than business time: calendar hours. */
int queue_wall_clock(const char *limit_unit);
/* A deep copy (for the detail view), or -1 out of memory. */
int queue_row_copy(struct queue_row *dst, const struct queue_row *src);
void queue_row_free(struct queue_row *r);

#endif
