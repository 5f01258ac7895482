/* Unit tests for supview.c: the figures table, the cell cursor and the
 * figure behind each column, the cells' text, the bars and the sparkline,
 * the warning about the calendar's end. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/supview.h"
#include "casedesk/text.h"

static const char *const dept_rows[][SUP_NFIELDS] = {
    {"1", "住房和城乡建设局", "12", "3", "1", "2", "4", "20", "61", "0.9200", "0.8750", "200",
     "8", "7", "1767225600.25"},
    {"2", "人民防空办公室", "0", "0", "0", "0", "0", "0", "0", NULL, NULL, NULL, "0", "0",
     "1767225600.25"},
    {"3", "人力资源和社会保障局", "5", "0", "0", "5", "0", "1", "1", "1.0000", "0.0000", "0",
     "0", "0", "1767225600.25"},
};

static const char *table_cell(void *ctx, int row, int col)
{
    (void)ctx;
    return dept_rows[row][col];
}

static void load_depts(struct sup_view *v)
{
    assert_int_equal(supview_load(&v->dept, 3, table_cell, NULL), 0);
}

static void reads_the_figures(void **state)
{
    (void)state;
    struct sup_view v;
    supview_init(&v);
    load_depts(&v);
    assert_int_equal(v.dept.n, 3);
    assert_int_equal(v.dept.figures_at, 1767225600);
    const struct sup_row *r = &v.dept.rows[0];
    assert_int_equal(r->key, 1);
    assert_string_equal(r->name, "住房和城乡建设局");
    assert_int_equal(r->open, 12);
    assert_int_equal(r->red, 1);
    assert_int_equal(r->d30, 61);
    assert_int_equal(r->median, 200);
    assert_true(r->on_time > 0.919 && r->on_time < 0.921);
    r = &v.dept.rows[1];
    assert_true(r->on_time < 0);
    assert_int_equal(r->median, SUP_NONE);
    supview_free(&v);
}

static void cell_texts(void **state)
{
    (void)state;
    struct sup_view v;
    char buf[32];
    supview_init(&v);
    load_depts(&v);
    const struct sup_row *a = &v.dept.rows[0], *b = &v.dept.rows[1], *c = &v.dept.rows[2];
    supview_cell_text(a, SUP_COL_OPEN, 420, buf, sizeof buf);
    assert_string_equal(buf, "12");
    supview_cell_text(a, SUP_COL_ON_TIME, 420, buf, sizeof buf);
    assert_string_equal(buf, "92.0%");
    supview_cell_text(a, SUP_COL_FIRST_PASS, 420, buf, sizeof buf);
    assert_string_equal(buf, "87.5%");
    supview_cell_text(a, SUP_COL_MEDIAN, 420, buf, sizeof buf);
    assert_string_equal(buf, "3h 20m");
    supview_cell_text(a, SUP_COL_ESC, 420, buf, sizeof buf);
    assert_string_equal(buf, "87.5%");
    supview_cell_text(b, SUP_COL_ON_TIME, 420, buf, sizeof buf);
    assert_string_equal(buf, "-");
    supview_cell_text(b, SUP_COL_MEDIAN, 420, buf, sizeof buf);
    assert_string_equal(buf, "-");
    supview_cell_text(b, SUP_COL_ESC, 420, buf, sizeof buf);
    assert_string_equal(buf, "-");
    supview_cell_text(c, SUP_COL_ON_TIME, 420, buf, sizeof buf);
    assert_string_equal(buf, "100%");
    supview_cell_text(c, SUP_COL_FIRST_PASS, 420, buf, sizeof buf);
    assert_string_equal(buf, "0%");
    supview_cell_text(c, SUP_COL_MEDIAN, 420, buf, sizeof buf);
    assert_string_equal(buf, "0m");
    /* Every cell fits its column. */
    for (size_t i = 0; i < v.dept.n; i++)
        for (int col = SUP_COL_OPEN; col < SUP_NCOLS; col++) {
            supview_cell_text(&v.dept.rows[i], (enum sup_col)col, 420, buf, sizeof buf);
            assert_true(text_width(buf) <= supview_col_width((enum sup_col)col));
            assert_true(text_width(supview_col_title((enum sup_col)col))
                        <= supview_col_width((enum sup_col)col));
        }
    supview_free(&v);
}

static void cell_navigation(void **state)
{
    (void)state;
    struct sup_view v;
    supview_init(&v);
    load_depts(&v);
    assert_int_equal(v.row, 0);
    assert_int_equal(v.col, SUP_COL_NAME);
    supview_move(&v, 0, -1);
    assert_int_equal(v.col, SUP_COL_NAME);
    supview_move(&v, -1, 0);
    assert_int_equal(v.row, 0);
    supview_move(&v, 1, 3);
    assert_int_equal(v.row, 1);
    assert_int_equal(v.col, SUP_COL_RED);
    assert_string_equal(supview_figure((enum sup_col)v.col), "red");
    assert_int_equal(supview_current(&v)->key, 2);
    supview_move(&v, 10, 100);
    assert_int_equal(v.row, 2);
    assert_int_equal(v.col, SUP_COL_ESC);
    assert_string_equal(supview_figure((enum sup_col)v.col), "esc_missed");
    /* The other table is empty: no row under the cursor, and it stays at 0. */
    supview_toggle(&v);
    assert_int_equal(v.row, 0);
    assert_null(supview_current(&v));
    supview_move(&v, 1, 0);
    assert_int_equal(v.row, 0);
    supview_toggle(&v);
    /* A table that shrank keeps the cursor inside. */
    v.row = 2;
    assert_int_equal(supview_load(&v.dept, 1, table_cell, NULL), 0);
    supview_move(&v, 0, 0);
    assert_int_equal(v.row, 0);
    supview_free(&v);
}

static void figures_behind_columns(void **state)
{
    (void)state;
    assert_string_equal(supview_figure(SUP_COL_NAME), "open");
    assert_string_equal(supview_figure(SUP_COL_OPEN), "open");
    assert_string_equal(supview_figure(SUP_COL_YELLOW), "yellow");
    assert_string_equal(supview_figure(SUP_COL_PAUSED), "paused");
    assert_string_equal(supview_figure(SUP_COL_TODAY), "done_today");
    assert_string_equal(supview_figure(SUP_COL_7D), "done_7d");
    assert_string_equal(supview_figure(SUP_COL_30D), "done_30d");
    assert_string_equal(supview_figure(SUP_COL_ON_TIME), "late");
    assert_string_equal(supview_figure(SUP_COL_FIRST_PASS), "not_first_pass");
    assert_string_equal(supview_figure(SUP_COL_MEDIAN), "done_30d");
    assert_string_equal(supview_figure((enum sup_col)99), "open");
}

static void bar_widths(void **state)
{
    (void)state;
    char buf[256];
    for (int width = 0; width <= 40; width += 7)
        for (int value = 0; value <= 110; value += 3) {
            supview_bar(value, 100, width, buf, sizeof buf);
            assert_int_equal(text_width(buf), width);
        }
    assert_string_equal(supview_bar(100, 100, 4, buf, sizeof buf), "████");
    assert_string_equal(supview_bar(250, 100, 2, buf, sizeof buf), "██");
    assert_string_equal(supview_bar(50, 100, 4, buf, sizeof buf), "██  ");
    assert_string_equal(supview_bar(1, 8, 1, buf, sizeof buf), "▏");
    assert_string_equal(supview_bar(3, 8, 1, buf, sizeof buf), "▍");
    assert_string_equal(supview_bar(14, 16, 2, buf, sizeof buf), "█▊");
    assert_string_equal(supview_bar(0, 100, 3, buf, sizeof buf), "   ");
    assert_string_equal(supview_bar(5, 0, 3, buf, sizeof buf), "   ");
    /* One item among a thousand still shows. */
    assert_string_equal(supview_bar(1, 1000, 3, buf, sizeof buf), "▏  ");
    assert_string_equal(supview_bar(1, 1, 0, buf, sizeof buf), "");
    /* A buffer too small is cut at a character, never inside one. */
    supview_bar(100, 100, 10, buf, 8);
    assert_string_equal(buf, "██");
}

static void sparkline_scaling(void **state)
{
    (void)state;
    char buf[128];
    const int zeros[14] = {0};
    supview_sparkline(zeros, 14, buf, sizeof buf);
    assert_string_equal(buf, "▁▁▁▁▁▁▁▁▁▁▁▁▁▁");
    assert_int_equal(text_width(buf), 14);
    const int ramp[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    supview_sparkline(ramp, 8, buf, sizeof buf);
    assert_string_equal(buf, "▁▂▃▄▅▆▇█");
    const int spike[4] = {0, 1, 0, 100};
    supview_sparkline(spike, 4, buf, sizeof buf);
    assert_string_equal(buf, "▁▂▁█");
    const int flat[3] = {5, 5, 5};
    supview_sparkline(flat, 3, buf, sizeof buf);
    assert_string_equal(buf, "███");
    const int negative[2] = {-3, 2};
    supview_sparkline(negative, 2, buf, sizeof buf);
    assert_string_equal(buf, "▁█");
    supview_sparkline(ramp, 0, buf, sizeof buf);
    assert_string_equal(buf, "");
}

static void rates(void **state)
{
    (void)state;
    char buf[16];
    supview_rate_text(0.92, buf, sizeof buf);
    assert_string_equal(buf, "92.0%");
    supview_rate_text(0.9996, buf, sizeof buf);
    assert_string_equal(buf, "100%");
    supview_rate_text(0.0001, buf, sizeof buf);
    assert_string_equal(buf, "0.0%");
    supview_rate_text(SUP_NONE, buf, sizeof buf);
    assert_string_equal(buf, "-");
    struct sup_row r = {.esc_total = 4, .esc_in_time = 3};
    assert_true(supview_esc_rate(&r) > 0.74 && supview_esc_rate(&r) < 0.76);
    r.esc_total = 0;
    assert_true(supview_esc_rate(&r) < 0);
}

/* The warning about the calendar's end: none while it runs on, the date and
 * the days while it ends soon, words for an ended one and for none loaded;
 * each fits 80 columns. */
static void calendar_end(void **state)
{
    (void)state;
    struct sup_calendar c;
    char buf[256];

    supview_calendar_load(&c, "2027-12-31", "393", "f");
    assert_int_equal(supview_calendar_text(&c, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    supview_calendar_load(&c, "2026-12-31", "28", "t");
    assert_int_equal(supview_calendar_text(&c, buf, sizeof buf), 1);
    assert_string_equal(buf, "Working-day calendar ends 2026-12-31, in 28 days: import next year's");
    supview_calendar_load(&c, "2026-12-31", "1", "t");
    supview_calendar_text(&c, buf, sizeof buf);
    assert_string_equal(buf, "Working-day calendar ends 2026-12-31, in 1 day: import next year's");
    supview_calendar_load(&c, "2025-12-31", "-337", "t");
    assert_int_equal(supview_calendar_text(&c, buf, sizeof buf), 1);
    assert_string_equal(buf, "Working-day calendar ended 2025-12-31: every limit is wrong; import next year's");
    assert_true(text_width(buf) <= 80);
    supview_calendar_load(&c, NULL, NULL, "t");
    assert_int_equal(supview_calendar_text(&c, buf, sizeof buf), 1);
    assert_string_equal(buf, "No working-day calendar is loaded: every time limit is wrong; import one");
    /* A buffer too small is cut, never overrun. */
    supview_calendar_text(&c, buf, 8);
    assert_string_equal(buf, "No work");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_the_figures),
        cmocka_unit_test(cell_texts),
        cmocka_unit_test(cell_navigation),
        cmocka_unit_test(figures_behind_columns),
        cmocka_unit_test(bar_widths),
        cmocka_unit_test(sparkline_scaling),
        cmocka_unit_test(rates),
        cmocka_unit_test(calendar_end),
    };
    setlocale(LC_ALL, "C.UTF-8");
    return cmocka_run_group_tests_name("supview", tests, NULL, NULL);
}
