/* Unit tests for result.c: reading the database's answers. The results are
 * made by hand (PQmakeEmptyPGresult), no server needed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "casedesk/result.h"
#include "casedesk/sla_clock.h"

/* A text result of ncols columns with the cells given row by row; NULL
 * cells are SQL NULL. */
static PGresult *make_result(int ncols, int nrows, const char *const *cells)
{
    PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
    PGresAttDesc att[8];
    char names[8][4];

    assert_non_null(res);
    assert_true(ncols <= 8);
    for (int c = 0; c < ncols; c++) {
        memset(&att[c], 0, sizeof att[c]);
        names[c][0] = 'c';
        names[c][1] = (char)('0' + c);
        names[c][2] = '\0';
        att[c].name = names[c];
        att[c].typid = 25;      /* text */
        att[c].typlen = -1;
        att[c].atttypmod = -1;
    }
    assert_int_equal(PQsetResultAttrs(res, ncols, att), 1);
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < ncols; c++) {
            const char *v = cells[r * ncols + c];
            assert_int_equal(PQsetvalue(res, r, c, (char *)v, v ? (int)strlen(v) : -1), 1);
        }
    return res;
}

static void cells_and_nulls(void **state)
{
    const char *cells[] = {"42", "1700000000.75", "王芳", NULL};
    PGresult *res = make_result(4, 1, cells);
    char *s;
    (void)state;

    assert_string_equal(result_text(res, 0, 2), "王芳");
    assert_null(result_text(res, 0, 3));
    assert_int_equal(result_int(res, 0, 0), 42);
    assert_int_equal(result_int(res, 0, 3), 0);
    assert_int_equal(result_epoch(res, 0, 1), 1700000000);
    assert_true(result_epoch(res, 0, 3) == SLA_NONE);
    s = result_dup(res, 0, 2);
    assert_string_equal(s, "王芳");
    free(s);
    assert_null(result_dup(res, 0, 3));
    assert_string_equal(result_queue_cell(res, 0, 0), "42");
    PQclear(res);
}

static void out_of_range_reads_as_null(void **state)
{
    const char *cells[] = {"1"};
    PGresult *res = make_result(1, 1, cells);
    (void)state;

    assert_null(result_text(res, 1, 0));
    assert_null(result_text(res, 0, 1));
    assert_null(result_text(res, -1, 0));
    assert_null(result_text(NULL, 0, 0));
    assert_int_equal(result_int(NULL, 0, 0), 0);
    assert_true(result_epoch(NULL, 0, 0) == SLA_NONE);
    assert_null(result_dup(NULL, 0, 0));
    PQclear(res);
}

struct pair {
    int64_t a;
    char *b;
};

static void read_pair(void *elem, const PGresult *res, int i)
{
    struct pair *p = elem;
    p->a = result_int(res, i, 0);
    p->b = result_dup(res, i, 1);
}

static void rows_are_read_in_order(void **state)
{
    const char *cells[] = {"1", "甲", "2", NULL, "3", "丙"};
    PGresult *res = make_result(2, 3, cells);
    size_t n = 99;
    struct pair *v;
    (void)state;

    v = result_rows(res, sizeof *v, read_pair, &n);
    assert_non_null(v);
    assert_int_equal(n, 3);
    assert_int_equal(v[0].a, 1);
    assert_string_equal(v[0].b, "甲");
    assert_int_equal(v[1].a, 2);
    assert_null(v[1].b);
    assert_string_equal(v[2].b, "丙");
    for (size_t i = 0; i < n; i++)
        free(v[i].b);
    free(v);
    PQclear(res);
}

static void empty_answer_is_not_no_memory(void **state)
{
    PGresult *res = make_result(2, 0, NULL);
    size_t n = 99;
    void *v;
    (void)state;

    v = result_calloc(res, 16);
    assert_non_null(v);
    free(v);
    v = result_rows(res, sizeof(struct pair), read_pair, &n);
    assert_non_null(v);
    assert_int_equal(n, 0);
    free(v);
    v = result_rows(NULL, sizeof(struct pair), read_pair, &n);
    assert_non_null(v);
    assert_int_equal(n, 0);
    free(v);
    PQclear(res);
}

static void connection_lost_is_class_08(void **state)
{
    struct db_result lost = {.ok = 0, .sqlstate = "08006", .message = "gone"};
    struct db_result stale = {.ok = 0, .sqlstate = "CD001", .message = "changed"};
    struct db_result fine = {.ok = 1, .sqlstate = "", .message = ""};
    struct db_result odd = {.ok = 1, .sqlstate = "08000", .message = ""};
    (void)state;

    assert_true(result_connection_lost(&lost));
    assert_false(result_connection_lost(&stale));
    assert_false(result_connection_lost(&fine));
    assert_false(result_connection_lost(&odd));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_and_nulls),
        cmocka_unit_test(out_of_range_reads_as_null),
        cmocka_unit_test(rows_are_read_in_order),
        cmocka_unit_test(empty_answer_is_not_no_memory),
        cmocka_unit_test(connection_lost_is_class_08),
    };

    return cmocka_run_group_tests_name("result", tests, NULL, NULL);
}
