/* Unit tests for queue.c: the page, the cursor kept by id, tags, search,
 * filters and the keyset requests. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/queue.h"

struct fake {
    long id;
    long due;
    const char *status;
    const char *assignee;
    const char *item;
};

struct table {
    const struct fake *rows;
    int n;
    char buf[QUEUE_NCOLS][64];
};

static const char *fake_cell(void *ctx, int row, int col)
{
    struct table *t = ctx;
    const struct fake *f = &t->rows[row];
    char *b = t->buf[col];

    switch (col) {
    case QUEUE_COL_ID: snprintf(b, 64, "%ld", f->id); return b;
    case QUEUE_COL_CASE_ID: return "7";
    case QUEUE_COL_CASE_NO: snprintf(b, 64, "20250602-%06ld", f->id); return b;
    case QUEUE_COL_MATTER: return "项目开工一件事";
    case QUEUE_COL_ITEM: return f->item ? f->item : "建筑工程施工许可";
    case QUEUE_COL_APPLICANT: return "福建某建设有限公司";
    case QUEUE_COL_STATUS: return f->status ? f->status : "pending";
    case QUEUE_COL_ASSIGNEE: return f->assignee;
    case QUEUE_COL_ASSIGNEE_NAME: return f->assignee ? "王芳" : NULL;
    case QUEUE_COL_DUE_AT: snprintf(b, 64, "due-%ld", f->due); return b;
    case QUEUE_COL_DUE: snprintf(b, 64, "%ld.25", f->due); return b;
    case QUEUE_COL_YELLOW: snprintf(b, 64, "%ld", f->due - 100); return b;
    case QUEUE_COL_PAUSED:
        return f->status && !strcmp(f->status, "supplement") ? "5.5" : NULL;
    case QUEUE_COL_VERSION: snprintf(b, 64, "%ld", f->id * 10); return b;
    case QUEUE_COL_LIMIT_UNIT: return f->id == 2 ? "calendar_hours" : "working_days";
    default: return NULL;
    }
}

static void load(struct queue *q, const struct queue_request *req, const struct fake *rows,
                 int n, enum queue_place place)
{
    struct table t = {.rows = rows, .n = n};
    assert_int_equal(queue_load(q, req, n, fake_cell, &t, place), 0);
}

static void load_first(struct queue *q, const struct fake *rows, int n)
{
    struct queue_request req;
    queue_request_first(q, &req);
    load(q, &req, rows, n, QUEUE_KEEP);
}

static void reads_rows(void **state)
{
    struct queue q;
    static const struct fake rows[] = {{1, 1000, "claimed", "rev_a", NULL}, {2, 2000, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 10);
    load_first(&q, rows, 2);
    assert_int_equal(q.n, 2);
    assert_int_equal(q.rows[0].id, 1);
    assert_int_equal(q.rows[0].due, 1001);  /* 1000.25: a deadline rounds up */
    assert_int_equal(q.rows[0].yellow, 900);
    assert_int_equal(q.rows[0].version, 10);
    assert_int_equal(q.rows[0].paused, SLA_NONE);
    assert_string_equal(q.rows[0].assignee, "rev_a");
    assert_null(q.rows[1].assignee);
    assert_string_equal(q.rows[1].assignee_name, "");
    assert_string_equal(q.rows[0].due_at, "due-1000");
    assert_false(q.rows[0].wall_clock);
    assert_true(q.rows[1].wall_clock);      /* limited in calendar hours */
    assert_int_equal(q.selected, 1);
    queue_free(&q);
}

static void selection_kept_across_refresh(void **state)
{
    struct queue q;
    static const struct fake first[] = {{1, 100, NULL, NULL, NULL}, {2, 200, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL}, {4, 400, NULL, NULL, NULL}};
    static const struct fake inserted[] = {{9, 50, NULL, NULL, NULL}, {1, 100, NULL, NULL, NULL}, {2, 200, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL}, {4, 400, NULL, NULL, NULL}};
    static const struct fake removed_above[] = {{2, 200, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL}, {4, 400, NULL, NULL, NULL}};
    static const struct fake gone[] = {{2, 200, NULL, NULL, NULL}, {4, 400, NULL, NULL, NULL}, {5, 500, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 10);
    load_first(&q, first, 4);
    queue_move(&q, 2);
    assert_int_equal(q.selected, 3);
    load_first(&q, inserted, 5);
    assert_int_equal(q.cursor, 3);
    assert_int_equal(queue_current(&q)->id, 3);
    load_first(&q, removed_above, 3);
    assert_int_equal(q.cursor, 1);
    assert_int_equal(q.selected, 3);
    /* The item left: the one below takes its line. */
    load_first(&q, gone, 3);
    assert_int_equal(q.cursor, 1);
    assert_int_equal(q.selected, 4);
    queue_free(&q);
}

static void keyset_requests(void **state)
{
    struct queue q;
    struct queue_request req;
    static const struct fake page1[] = {{1, 100, NULL, NULL, NULL}, {2, 200, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL}};
    static const struct fake back[] = {{2, 200, NULL, NULL, NULL}, {1, 100, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 2);
    queue_request_first(&q, &req);
    assert_false(req.back);
    assert_string_equal(req.key, "-infinity");
    /* A page, one row to say that there is more, and the spare rows. */
    assert_string_equal(req.limit, "11");
    load(&q, &req, page1, 3, QUEUE_KEEP);
    assert_int_equal(q.n, 2);          /* the third row is not shown */
    assert_int_equal(q.nspare, 1);
    assert_true(q.spare_end);
    assert_true(q.more_after);
    assert_false(q.more_before);
    assert_false(queue_request_prev(&q, &req));
    assert_true(queue_request_next(&q, &req));
    assert_false(req.back);
    assert_string_equal(req.key, "due-200");
    assert_string_equal(req.id, "2");

    queue_request_last(&q, &req);
    assert_true(req.back);
    assert_string_equal(req.key, "infinity");
    assert_string_equal(req.id, "9223372036854775807");
    /* A back page arrives newest first and is shown in order; with no
     * extra row it reached the top. */
    load(&q, &req, back, 2, QUEUE_LAST);
    assert_int_equal(q.rows[0].id, 1);
    assert_int_equal(q.rows[1].id, 2);
    assert_int_equal(q.cursor, 1);
    assert_false(q.more_before);
    assert_false(q.more_after);
    assert_false(queue_short_at_top(&q));

    queue_request_again(&q, &req);
    assert_true(req.back);
    assert_string_equal(req.key, "infinity");
    queue_free(&q);
}

/* A new page size (a resize) asks for a page that still holds the selected
 * item, wherever the cursor was, forwards and backwards. */
static void resize_keeps_selection(void **state)
{
    struct queue q;
    struct queue_request req;
    static const struct fake rows[] = {{1, 100, NULL, NULL, NULL}, {2, 200, NULL, NULL, NULL},
                                       {3, 300, NULL, NULL, NULL}, {4, 400, NULL, NULL, NULL},
                                       {5, 500, NULL, NULL, NULL}, {6, 600, NULL, NULL, NULL}};
    static const struct fake after2[] = {{3, 300, NULL, NULL, NULL}, {4, 400, NULL, NULL, NULL},
                                         {5, 500, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 6);
    load_first(&q, rows, 6);
    queue_move(&q, 4);                 /* on item 5, the 5th line */
    assert_int_equal(q.selected, 5);

    /* Smaller: the page that ends with item 5, after item 2. */
    q.page_size = 3;
    queue_request_again(&q, &req);
    assert_false(req.back);
    assert_string_equal(req.key, "due-200");
    assert_string_equal(req.id, "2");
    assert_string_equal(req.limit, "12");
    load(&q, &req, after2, 3, QUEUE_KEEP);
    assert_int_equal(queue_current(&q)->id, 5);

    /* Larger again: the same start, the cursor still on item 5. */
    q.page_size = 6;
    queue_request_again(&q, &req);
    assert_string_equal(req.id, "2");
    assert_string_equal(req.limit, "15");

    /* Within the window from the top: the same request, a new size. */
    load_first(&q, rows, 6);
    queue_select_index(&q, 1);
    q.page_size = 3;
    queue_request_again(&q, &req);
    assert_false(req.back);
    assert_string_equal(req.key, "-infinity");
    assert_string_equal(req.limit, "12");

    /* A page read backwards keeps its last row; a smaller one would lose
     * the selected first rows: read back from the row after the window. */
    q.page_size = 6;
    queue_request_last(&q, &req);
    load(&q, &req, (const struct fake[]){{6, 600, NULL, NULL, NULL}, {5, 500, NULL, NULL, NULL},
                                         {4, 400, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL},
                                         {2, 200, NULL, NULL, NULL}, {1, 100, NULL, NULL, NULL}},
         6, QUEUE_FIRST);
    assert_int_equal(q.selected, 1);
    q.page_size = 2;
    queue_request_again(&q, &req);
    assert_true(req.back);
    assert_string_equal(req.key, "due-300");
    assert_string_equal(req.id, "3");
    queue_free(&q);
}

static void short_back_page(void **state)
{
    struct queue q;
    struct queue_request req;
    static const struct fake one[] = {{1, 100, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 5);
    queue_request_last(&q, &req);
    load(&q, &req, one, 1, QUEUE_LAST);
    assert_true(queue_short_at_top(&q));
    queue_free(&q);
}

static void move_reports_overflow(void **state)
{
    struct queue q;
    static const struct fake rows[] = {{1, 100, NULL, NULL, NULL}, {2, 200, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 10);
    assert_int_equal(queue_move(&q, 1), 1);   /* empty page */
    load_first(&q, rows, 3);
    assert_int_equal(queue_move(&q, 1), 0);
    assert_int_equal(queue_move(&q, 5), 4);
    assert_int_equal(q.cursor, 2);
    assert_int_equal(queue_move(&q, -4), -2);
    assert_int_equal(q.cursor, 0);
    queue_free(&q);
}

static void tags(void **state)
{
    struct queue q;
    static const struct fake rows[] = {{1, 100, NULL, NULL, NULL}, {2, 200, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL}};
    static const struct fake other[] = {{7, 700, NULL, NULL, NULL}, {2, 200, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 10);
    load_first(&q, rows, 3);
    assert_int_equal(queue_tag_toggle(&q), 1);
    queue_move(&q, 2);
    assert_int_equal(queue_tag_toggle(&q), 1);
    assert_int_equal(q.ntags, 2);
    assert_true(queue_is_tagged(&q, 1));
    assert_false(queue_is_tagged(&q, 2));
    assert_string_equal(q.tags[1].case_no, "20250602-000003");
    assert_int_equal(queue_tag_toggle(&q), 0);
    assert_int_equal(q.ntags, 1);
    /* Tags outlive the page they were set on. */
    load_first(&q, other, 2);
    assert_true(queue_is_tagged(&q, 1));
    queue_select_index(&q, 1);
    queue_tag_toggle(&q);
    queue_apply(&q, 2, 99, "claimed", "rev_a");
    assert_int_equal(q.tags[1].version, 99);
    assert_int_equal(q.rows[1].version, 99);
    assert_string_equal(q.rows[1].status, "claimed");
    assert_string_equal(q.rows[1].assignee, "rev_a");
    /* A reload brings the version the server has. */
    load_first(&q, other, 2);
    assert_int_equal(q.tags[1].version, 20);
    queue_untag(&q, 1);
    assert_int_equal(q.ntags, 1);
    queue_untag_all(&q);
    assert_int_equal(q.ntags, 0);
    assert_false(queue_is_tagged(&q, 2));
    queue_free(&q);
}

static void search_wraps_both_ways(void **state)
{
    struct queue q;
    static const struct fake rows[] = {
        {1, 100, NULL, NULL, "施工许可"}, {2, 200, NULL, NULL, "防空审批"},
        {3, 300, NULL, NULL, "竣工 ABC 施工"}, {4, 400, NULL, NULL, "其他"},
    };
    (void)state;
    queue_init(&q, 10);
    load_first(&q, rows, 4);
    assert_int_equal(queue_search_next(&q, 1), 0);   /* nothing searched yet */
    queue_search_set(&q, "施工");
    assert_int_equal(queue_search_next(&q, 1), 1);
    assert_int_equal(q.cursor, 2);
    assert_int_equal(queue_search_next(&q, 1), 1);
    assert_int_equal(q.cursor, 0);                   /* wrapped */
    assert_int_equal(queue_search_next(&q, -1), 1);
    assert_int_equal(q.cursor, 2);                   /* wrapped back */
    assert_int_equal(queue_search_next(&q, -1), 1);
    assert_int_equal(q.cursor, 0);
    /* ASCII ignores case; a lone match is found again from itself. */
    queue_search_set(&q, "abc");
    assert_int_equal(queue_search_next(&q, 1), 1);
    assert_int_equal(q.cursor, 2);
    assert_int_equal(queue_search_next(&q, 1), 1);
    assert_int_equal(q.cursor, 2);
    /* Incremental: the row the search started on counts. */
    queue_search_set(&q, "其他");
    assert_int_equal(queue_search_from(&q, 3, 1, 1), 1);
    assert_int_equal(q.cursor, 3);
    queue_search_set(&q, "nowhere");
    assert_int_equal(queue_search_next(&q, 1), 0);
    assert_int_equal(q.cursor, 3);
    queue_search_set(&q, "");
    assert_null(q.search);
    queue_free(&q);
}

static void filters(void **state)
{
    struct queue q;
    static const struct fake rows[] = {
        {1, 100, "claimed", "rev_a", NULL}, {2, 200, "pending", NULL, NULL}, {3, 300, "supplement", NULL, NULL},
        {4, 5000, "claimed", "rev_b", NULL},
    };
    (void)state;
    assert_string_equal(queue_filter_name(QUEUE_FILTER_ALL), "all");
    assert_string_equal(queue_filter_name(QUEUE_FILTER_OVERDUE), "overdue");
    assert_int_equal(queue_filter_from_letter('m'), QUEUE_FILTER_MINE);
    assert_int_equal(queue_filter_from_letter('d'), QUEUE_FILTER_ALL);
    assert_int_equal(queue_filter_from_letter('x'), -1);
    assert_int_equal(queue_filter_letter(QUEUE_FILTER_PAUSED), 'p');
    enum queue_filter f = QUEUE_FILTER_ALL;
    for (int i = 0; i < QUEUE_FILTER_COUNT; i++)
        f = queue_filter_next(f);
    assert_int_equal(f, QUEUE_FILTER_ALL);
    assert_int_equal(queue_filter_next(QUEUE_FILTER_OVERDUE), QUEUE_FILTER_ALL);

    queue_init(&q, 10);
    load_first(&q, rows, 4);
    const struct queue_row *r = q.rows;
    assert_true(queue_filter_matches(&r[0], QUEUE_FILTER_MINE, "rev_a", 0));
    assert_false(queue_filter_matches(&r[3], QUEUE_FILTER_MINE, "rev_a", 0));
    assert_false(queue_filter_matches(&r[1], QUEUE_FILTER_MINE, "rev_a", 0));
    assert_true(queue_filter_matches(&r[1], QUEUE_FILTER_UNCLAIMED, NULL, 0));
    assert_false(queue_filter_matches(&r[0], QUEUE_FILTER_UNCLAIMED, NULL, 0));
    assert_true(queue_filter_matches(&r[2], QUEUE_FILTER_PAUSED, NULL, 0));
    assert_false(queue_filter_matches(&r[1], QUEUE_FILTER_PAUSED, NULL, 0));
    assert_true(queue_filter_matches(&r[0], QUEUE_FILTER_OVERDUE, NULL, 1000));
    assert_false(queue_filter_matches(&r[3], QUEUE_FILTER_OVERDUE, NULL, 1000));
    assert_false(queue_filter_matches(&r[2], QUEUE_FILTER_OVERDUE, NULL, 1000));
    assert_true(queue_filter_matches(&r[2], QUEUE_FILTER_ALL, NULL, 0));
    /* The filter goes into every request. */
    struct queue_request req;
    q.filter = QUEUE_FILTER_MINE;
    queue_request_first(&q, &req);
    assert_int_equal(req.filter, QUEUE_FILTER_MINE);
    assert_int_equal(queue_row_urgency(&r[2], 0), SLA_PAUSED);
    assert_int_equal(queue_row_urgency(&r[0], 150), SLA_RED);
    assert_int_equal(queue_row_urgency(&r[1], 150), SLA_YELLOW);
    queue_free(&q);
}

static void row_copy(void **state)
{
    struct queue q;
    struct queue_row copy;
    static const struct fake rows[] = {{1, 100, "claimed", "rev_a", NULL}};
    (void)state;
    queue_init(&q, 10);
    load_first(&q, rows, 1);
    assert_int_equal(queue_row_copy(&copy, &q.rows[0]), 0);
    queue_free(&q);
    assert_string_equal(copy.applicant, "福建某建设有限公司");
    assert_string_equal(copy.assignee, "rev_a");
    queue_row_free(&copy);
}

/* Another order pages on its own key; reversed, forward pages are read
 * backwards by the server and a back page forwards. */
static void sorted_requests(void **state)
{
    struct queue q;
    struct queue_request req;
    static const struct fake rows[] = {{5, 500, NULL, NULL, NULL}, {4, 400, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 2);

    queue_set_sort(&q, QUEUE_SORT_CASE, 1);
    queue_request_first(&q, &req);
    assert_int_equal(req.sort, QUEUE_SORT_CASE);
    assert_false(req.back);
    assert_true(queue_request_descending(&req));
    assert_string_equal(req.key, "9223372036854775807");
    assert_string_equal(req.id, "9223372036854775807");
    load(&q, &req, rows, 3, QUEUE_KEEP);
    assert_int_equal(q.rows[0].id, 5);          /* in the order the server sent */
    assert_true(q.more_after);
    assert_false(q.more_before);
    assert_true(queue_request_next(&q, &req));
    assert_true(queue_request_descending(&req));
    assert_string_equal(req.key, "7");          /* the case of the last row shown */
    assert_string_equal(req.id, "4");

    queue_request_last(&q, &req);
    assert_true(req.back);
    assert_false(queue_request_descending(&req));
    assert_string_equal(req.key, "0");

    queue_set_sort(&q, QUEUE_SORT_AGE, 0);
    queue_request_first(&q, &req);
    assert_string_equal(req.key, "-infinity");
    assert_false(queue_request_descending(&req));
    /* a request made for another order starts again at the top */
    struct queue_request old = q.page;
    queue_request_update(&q, &old);
    assert_int_equal(old.sort, QUEUE_SORT_AGE);
    assert_string_equal(old.key, "-infinity");
    assert_int_equal(queue_sort_next(QUEUE_SORT_CASE), QUEUE_SORT_DUE);
    assert_string_equal(queue_sort_label(QUEUE_SORT_AGE), "age");
    queue_free(&q);
}

/* --- one changed item (queue_patch) ---------------------------------------- */

/* The item as the server sends it for a patch. */
static struct queue_row patch_row(long id, long due, const char *status, const char *assignee)
{
    struct fake f = {id, due, status, assignee, NULL};
    struct table t = {.rows = &f, .n = 1};
    struct queue_row r;
    assert_int_equal(queue_row_read(&r, 0, fake_cell, &t), 0);
    return r;
}

/* Items 1..12 due at 100, 200, ... */
static const struct fake items[] = {
    {1, 100, NULL, NULL, NULL}, {2, 200, NULL, NULL, NULL}, {3, 300, NULL, NULL, NULL},
    {4, 400, NULL, NULL, NULL}, {5, 500, NULL, NULL, NULL}, {6, 600, NULL, NULL, NULL},
    {7, 700, NULL, NULL, NULL}, {8, 800, NULL, NULL, NULL}, {9, 900, NULL, NULL, NULL},
    {10, 1000, NULL, NULL, NULL}, {11, 1100, NULL, NULL, NULL}, {12, 1200, NULL, NULL, NULL}};

static void expect_ids(const struct queue *q, const char *want)
{
    char got[128] = "";
    size_t len = 0;
    for (size_t i = 0; i < q->n; i++)
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%ld", i ? " " : "", (long)q->rows[i].id);
    len += (size_t)snprintf(got + len, sizeof got - len, " |");
    for (size_t i = 0; i < q->nspare; i++)
        len += (size_t)snprintf(got + len, sizeof got - len, " %ld", (long)q->spare[i].id);
    assert_string_equal(got, want);
}

/* A forward page keeps the rows after it; the edges a patch is placed
 * against are its first row and the last row held. */
static void patch_edges_and_spares(void **state)
{
    struct queue q;
    struct queue_request top, end;
    (void)state;
    queue_init(&q, 3);
    assert_false(queue_patch_edges(&q, &top, &end));
    load_first(&q, items, 6);
    expect_ids(&q, "1 2 3 | 4 5 6");
    assert_true(q.more_after);
    assert_true(q.spare_end);           /* 6 rows of the 12 asked: the end */
    assert_true(queue_patch_edges(&q, &top, &end));
    assert_string_equal(top.key, "due-100");
    assert_string_equal(top.id, "1");
    assert_string_equal(end.key, "due-600");
    assert_string_equal(end.id, "6");
    queue_free(&q);
}

/* A row that keeps its key is replaced where it is, and the cursor stays on
 * its item; one that leaves the filter is removed, the first spare row
 * moves up, and the cursor keeps its line. */
static void patch_in_place_and_removed(void **state)
{
    struct queue q;
    struct queue_row r;
    (void)state;
    queue_init(&q, 3);
    load_first(&q, items, 6);
    queue_move(&q, 1);
    assert_int_equal(q.selected, 2);

    r = patch_row(2, 200, "claimed", "rev_b");
    assert_int_equal(queue_patch(&q, 2, &r, 0, -1), QUEUE_PATCH_DONE);
    assert_string_equal(q.rows[1].status, "claimed");
    assert_string_equal(q.rows[1].assignee, "rev_b");
    assert_int_equal(q.selected, 2);

    assert_int_equal(queue_patch(&q, 2, NULL, 0, 0), QUEUE_PATCH_DONE);
    expect_ids(&q, "1 3 4 | 5 6");
    assert_int_equal(q.cursor, 1);
    assert_int_equal(q.selected, 3);
    assert_int_equal(queue_patch(&q, 1, NULL, 0, 0), QUEUE_PATCH_DONE);
    assert_int_equal(queue_patch(&q, 3, NULL, 0, 0), QUEUE_PATCH_DONE);
    expect_ids(&q, "4 5 6 |");
    assert_false(q.more_after);
    /* The end of the list is held: a page one line short is complete. */
    assert_int_equal(queue_patch(&q, 6, NULL, 0, 0), QUEUE_PATCH_DONE);
    expect_ids(&q, "4 5 |");
    /* Not held and not in the filter: nothing changes. */
    assert_int_equal(queue_patch(&q, 42, NULL, 0, 0), QUEUE_PATCH_NONE);
    queue_free(&q);
}

/* When the spare rows run out and more follow, the page is fetched whole. */
static void patch_out_of_spares(void **state)
{
    struct queue q;
    (void)state;
    queue_init(&q, 1);
    load_first(&q, items, 10);            /* all 10 asked for: more may follow */
    expect_ids(&q, "1 | 2 3 4 5 6 7 8 9 10");
    assert_false(q.spare_end);
    for (long id = 1; id <= 9; id++)
        assert_int_equal(queue_patch(&q, id, NULL, 0, 0), QUEUE_PATCH_DONE);
    expect_ids(&q, "10 |");
    assert_true(q.more_after);
    assert_int_equal(queue_patch(&q, 10, NULL, 0, 0), QUEUE_PATCH_REFETCH);
    queue_free(&q);
}

/* An item in the filter that is not held: before the page or after all
 * that is held, nothing shown changes; after the end of the list, it is
 * added; within what is held, the page is fetched whole. */
static void patch_placed_by_key(void **state)
{
    struct queue q;
    struct queue_row r;
    struct queue_request req;
    (void)state;
    queue_init(&q, 3);
    load_first(&q, items, 12);          /* all 12 asked for: more may follow */
    assert_false(q.spare_end);
    r = patch_row(42, 5000, NULL, NULL);
    assert_int_equal(queue_patch(&q, 42, &r, 1, 1), QUEUE_PATCH_NONE);
    expect_ids(&q, "1 2 3 | 4 5 6 7 8 9 10 11 12");
    r = patch_row(42, 250, NULL, NULL);
    assert_int_equal(queue_patch(&q, 42, &r, 1, -1), QUEUE_PATCH_REFETCH);
    /* A row whose key moved is taken out and placed again: out of reach. */
    r = patch_row(2, 5000, "pending", NULL);
    assert_int_equal(queue_patch(&q, 2, &r, 1, 1), QUEUE_PATCH_DONE);
    expect_ids(&q, "1 3 4 | 5 6 7 8 9 10 11 12");
    /* Before a page that is not the first. */
    assert_true(queue_request_next(&q, &req));
    load(&q, &req, items + 4, 6, QUEUE_FIRST);
    expect_ids(&q, "5 6 7 | 8 9 10");
    assert_true(q.more_before && q.spare_end);
    r = patch_row(42, 50, NULL, NULL);
    assert_int_equal(queue_patch(&q, 42, &r, -1, -1), QUEUE_PATCH_NONE);
    /* After the end of the list: among the spare rows, then on the page. */
    r = patch_row(42, 5000, NULL, NULL);
    assert_int_equal(queue_patch(&q, 42, &r, 1, 1), QUEUE_PATCH_NONE);
    expect_ids(&q, "5 6 7 | 8 9 10 42");
    for (long id = 8; id <= 10; id++)
        assert_int_equal(queue_patch(&q, id, NULL, 0, 0), QUEUE_PATCH_NONE);
    assert_int_equal(queue_patch(&q, 42, NULL, 0, 0), QUEUE_PATCH_NONE);
    assert_false(q.more_after);
    assert_int_equal(queue_patch(&q, 7, NULL, 0, 0), QUEUE_PATCH_DONE);
    r = patch_row(43, 6000, NULL, NULL);
    assert_int_equal(queue_patch(&q, 43, &r, 1, 1), QUEUE_PATCH_DONE);
    expect_ids(&q, "5 6 43 |");
    queue_free(&q);
}

/* Reversed, the server's comparisons are turned round: after the top in
 * the sort's order is above it on the screen. A page of another order on
 * its way takes no patch. */
static void patch_reversed_and_stale(void **state)
{
    struct queue q;
    struct queue_row r;
    struct queue_request req;
    static const struct fake down[] = {{10, 1000, NULL, NULL, NULL}, {9, 900, NULL, NULL, NULL},
                                       {8, 800, NULL, NULL, NULL}};
    (void)state;
    queue_init(&q, 2);
    queue_set_sort(&q, QUEUE_SORT_DUE, 1);
    assert_true(queue_request_next(&q, &req) == 0);
    queue_request_first(&q, &req);
    req.key[0] = '5';                   /* a page that is not the first */
    load(&q, &req, down, 3, QUEUE_KEEP);
    expect_ids(&q, "10 9 | 8");
    assert_true(q.more_before);
    r = patch_row(11, 1100, NULL, NULL);
    assert_int_equal(queue_patch(&q, 11, &r, 1, 1), QUEUE_PATCH_NONE);
    r = patch_row(42, 850, NULL, NULL);
    assert_int_equal(queue_patch(&q, 42, &r, -1, 1), QUEUE_PATCH_REFETCH);
    queue_set_sort(&q, QUEUE_SORT_AGE, 0);
    r = patch_row(9, 900, "claimed", NULL);
    assert_int_equal(queue_patch(&q, 9, &r, 0, 0), QUEUE_PATCH_NONE);
    assert_string_equal(q.rows[1].status, "pending");
    queue_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_rows),
        cmocka_unit_test(selection_kept_across_refresh),
        cmocka_unit_test(keyset_requests),
        cmocka_unit_test(sorted_requests),
        cmocka_unit_test(resize_keeps_selection),
        cmocka_unit_test(short_back_page),
        cmocka_unit_test(move_reports_overflow),
        cmocka_unit_test(tags),
        cmocka_unit_test(search_wraps_both_ways),
        cmocka_unit_test(filters),
        cmocka_unit_test(row_copy),
        cmocka_unit_test(patch_edges_and_spares),
        cmocka_unit_test(patch_in_place_and_removed),
        cmocka_unit_test(patch_out_of_spares),
        cmocka_unit_test(patch_placed_by_key),
        cmocka_unit_test(patch_reversed_and_stale),
    };

    return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
