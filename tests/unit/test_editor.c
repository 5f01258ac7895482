/* Unit tests for editor.c: the UTF-8 text buffer and the drafts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/editor.h"

static int set_utf8_locale(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* 需 U+9700, 要 U+8981 */
#define XU 0x9700
#define YAO 0x8981

static void insert_cjk_and_ascii(void **state)
{
    struct editor ed;
    (void)state;
    editor_init(&ed, 0);
    assert_true(editor_is_blank(&ed));
    assert_int_equal(editor_insert(&ed, XU), 0);
    assert_int_equal(editor_insert(&ed, YAO), 0);
    assert_int_equal(editor_insert(&ed, 'a'), 0);
    assert_string_equal(editor_text(&ed), "需要a");
    assert_int_equal(ed.cursor, 7);
    assert_false(editor_is_blank(&ed));
    editor_free(&ed);
}

static void backspace_removes_whole_character(void **state)
{
    struct editor ed;
    (void)state;
    editor_init(&ed, 0);
    editor_insert_text(&ed, "a需要");
    editor_backspace(&ed);
    assert_string_equal(editor_text(&ed), "a需");
    assert_int_equal(ed.cursor, 4);
    editor_backspace(&ed);
    assert_string_equal(editor_text(&ed), "a");
    editor_backspace(&ed);
    editor_backspace(&ed);  /* at the start: nothing happens */
    assert_string_equal(editor_text(&ed), "");
    assert_int_equal(ed.cursor, 0);
    editor_free(&ed);
}

static void cursor_moves_over_multibyte(void **state)
{
    struct editor ed;
    (void)state;
    editor_init(&ed, 0);
    editor_insert_text(&ed, "需要材料");
    editor_left(&ed);
    assert_int_equal(ed.cursor, 9);
    editor_left(&ed);
    editor_left(&ed);
    assert_int_equal(ed.cursor, 3);
    editor_insert(&ed, 'x');
    assert_string_equal(editor_text(&ed), "需x要材料");
    editor_right(&ed);
    assert_int_equal(ed.cursor, 7);
    editor_delete(&ed);
    assert_string_equal(editor_text(&ed), "需x要料");
    editor_home(&ed);
    assert_int_equal(ed.cursor, 0);
    editor_left(&ed);
    assert_int_equal(ed.cursor, 0);
    editor_end(&ed);
    assert_int_equal(ed.cursor, strlen("需x要料"));
    editor_right(&ed);
    assert_int_equal(ed.cursor, strlen("需x要料"));
    editor_free(&ed);
}

static void newline_and_vertical_moves(void **state)
{
    struct editor ed;
    (void)state;
    editor_init(&ed, 0);
    editor_insert_text(&ed, "需要");
    assert_int_equal(editor_insert(&ed, '\n'), 0);
    editor_insert_text(&ed, "abcd");
    assert_string_equal(editor_text(&ed), "需要\nabcd");
    /* Column 4 of "abcd" is past 需要 (4 columns): the end of that line. */
    editor_up(&ed);
    assert_int_equal(ed.cursor, 6);
    editor_left(&ed);           /* before 要: column 2 */
    editor_down(&ed);
    assert_int_equal(ed.cursor, 7 + 2);
    editor_down(&ed);           /* last line: stays */
    assert_int_equal(ed.cursor, 9);
    editor_home(&ed);
    assert_int_equal(ed.cursor, 7);
    editor_backspace(&ed);      /* joins the lines */
    assert_string_equal(editor_text(&ed), "需要abcd");
    editor_free(&ed);
}

static void refuses_controls_and_newline_in_single_line(void **state)
{
    struct editor ed;
    (void)state;
    editor_init(&ed, 1);
    assert_int_equal(editor_insert(&ed, '\n'), -1);
    assert_int_equal(editor_insert(&ed, 0x1b), -1);
    assert_int_equal(editor_insert(&ed, 0x9b), -1);
    assert_int_equal(editor_insert(&ed, 0x202e), -1);
    assert_int_equal(editor_insert(&ed, 0xd800), -1);
    assert_int_equal(editor_insert(&ed, '\t'), 0);
    assert_string_equal(editor_text(&ed), "\t");
    assert_true(editor_is_blank(&ed));
    editor_set_text(&ed, "a\x1b[2Jb");
    assert_string_equal(editor_text(&ed), "a[2Jb");
    editor_free(&ed);
}

static void rows_wrap_by_display_width(void **state)
{
    struct editor ed;
    struct editor_row rows[8];
    size_t row;
    int col;
    (void)state;
    editor_init(&ed, 0);
    /* width 7 leaves 6 columns of text: three Chinese characters a row. */
    editor_insert_text(&ed, "需要补充材料吗\nab");
    assert_int_equal(editor_rows(&ed, 7, rows, 8), 4);
    assert_int_equal(rows[0].start, 0);
    assert_int_equal(rows[0].len, 9);
    assert_int_equal(rows[1].start, 9);
    assert_int_equal(rows[1].len, 9);
    assert_int_equal(rows[2].len, 3);
    assert_int_equal(rows[3].start, strlen("需要补充材料吗\n"));
    editor_cursor_at(&ed, 7, &row, &col);
    assert_int_equal(row, 3);
    assert_int_equal(col, 2);
    /* Up goes to the line above, not the row: column 2 of its first row. */
    editor_up(&ed);
    editor_cursor_at(&ed, 7, &row, &col);
    assert_int_equal(row, 0);
    assert_int_equal(col, 2);
    /* The cursor after a full row's last character stays on that row. */
    ed.cursor = 9;
    editor_cursor_at(&ed, 7, &row, &col);
    assert_int_equal(row, 1);
    assert_int_equal(col, 0);
    editor_set_text(&ed, "");
    assert_int_equal(editor_rows(&ed, 7, rows, 8), 1);
    editor_free(&ed);
}

static void drafts_put_get_drop(void **state)
{
    struct editor_drafts d = {0};
    (void)state;
    assert_null(editor_drafts_get(&d, 1, EDITOR_NOTE));
    assert_int_equal(editor_drafts_put(&d, 1, EDITOR_NOTE, "需要补充材料"), 0);
    assert_int_equal(editor_drafts_put(&d, 1, EDITOR_REASON, "原因"), 0);
    assert_int_equal(editor_drafts_put(&d, 2, EDITOR_NOTE, "other"), 0);
    assert_string_equal(editor_drafts_get(&d, 1, EDITOR_NOTE), "需要补充材料");
    assert_int_equal(editor_drafts_put(&d, 1, EDITOR_NOTE, "改了"), 0);
    assert_string_equal(editor_drafts_get(&d, 1, EDITOR_NOTE), "改了");
    editor_drafts_drop(&d, 1, EDITOR_NOTE);
    assert_null(editor_drafts_get(&d, 1, EDITOR_NOTE));
    assert_string_equal(editor_drafts_get(&d, 1, EDITOR_REASON), "原因");
    assert_int_equal(editor_drafts_put(&d, 2, EDITOR_NOTE, "  \n"), 0);
    assert_null(editor_drafts_get(&d, 2, EDITOR_NOTE));
    editor_drafts_free(&d);
}

static void typed_lists_and_choices(void **state)
{
    static const char *const materials[] = {"施工图设计文件审查合格书", "建设工程规划许可证"};
    char *t;
    (void)state;
    assert_string_equal(editor_choice("2", materials, 2), "建设工程规划许可证");
    assert_null(editor_choice("3", materials, 2));
    assert_null(editor_choice("0", materials, 2));
    assert_null(editor_choice("2a", materials, 2));
    assert_null(editor_choice("", materials, 2));
    t = editor_trimmed("  \n 需要 补充\t\n");
    assert_string_equal(t, "需要 补充");
    free(t);
    t = editor_list_literal("1，2、 人防工程设计图; say \"x\\y\" ,", materials, 2);
    assert_string_equal(t, "{\"施工图设计文件审查合格书\",\"建设工程规划许可证\",\"人防工程设计图\","
                           "\"say \\\"x\\\\y\\\"\"}");
    free(t);
    assert_null(editor_list_literal(" , ，", materials, 2));
    assert_null(editor_list_literal("", materials, 2));
}

/* The editor holds EDITOR_MAX_BYTES at most: a huge paste stops there. */
static void holds_a_limit(void **state)
{
    struct editor ed;
    size_t n = 0;
    (void)state;
    editor_init(&ed, 0);
    while (editor_insert(&ed, 0x4E2D) == 0)      /* 中, 3 bytes */
        n++;
    assert_int_equal(n, EDITOR_MAX_BYTES / 3);
    assert_true(editor_full(&ed));
    assert_int_equal(editor_insert(&ed, 'a'), -1);
    editor_backspace(&ed);
    editor_backspace(&ed);
    assert_false(editor_full(&ed));
    assert_int_equal(editor_insert(&ed, 'a'), 0);
    editor_free(&ed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(holds_a_limit),
        cmocka_unit_test(insert_cjk_and_ascii),
        cmocka_unit_test(backspace_removes_whole_character),
        cmocka_unit_test(cursor_moves_over_multibyte),
        cmocka_unit_test(newline_and_vertical_moves),
        cmocka_unit_test(refuses_controls_and_newline_in_single_line),
        cmocka_unit_test(rows_wrap_by_display_width),
        cmocka_unit_test(drafts_put_get_drop),
        cmocka_unit_test(typed_lists_and_choices),
    };

    return cmocka_run_group_tests_name("editor", tests, set_utf8_locale, NULL);
}
