/* Unit tests for intake.c: narrowing the matter types, the credit code
 * checked as typed, the checklist's ticks and summary per item, what a
 * filing sends, validation, and the finder's rows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/intake.h"

static const char *const matter_rows[][4] = {
    {"M1", "项目开工一件事", "project start", "2"},
    {"M2", "项目竣工一件事", "project completion", "2"},
    {"B7", "餐饮开店一件事", "Open a Restaurant", "3"},
};

/* As casedesk.intake_checklist() gives them for M1 of the fixture, and an
 * item without materials. */
static const char *const checklist_rows[][7] = {
    {"1", "T1", "建筑工程施工许可", "住房和城乡建设局", "1", "施工图设计文件审查合格书", NULL},
    {"1", "T1", "建筑工程施工许可", "住房和城乡建设局", "2", "建设工程规划许可证", NULL},
    {"2", "T2", "新建民用建筑防空地下室审批", "人民防空办公室", "1", "人防工程设计图", NULL},
    {"3", "T3", "竣工验收备案", "住房和城乡建设局", NULL, NULL, "T1"},
};

static const char *matter_cell(void *ctx, int row, int col)
{
    (void)ctx;
    return matter_rows[row][col];
}

static const char *checklist_cell(void *ctx, int row, int col)
{
    (void)ctx;
    return checklist_rows[row][col];
}

static void form_with_matters(struct intake_form *f)
{
    intake_init(f);
    assert_int_equal(intake_load_matters(f, 3, matter_cell, NULL), 0);
}

static void type(struct intake_form *f, enum intake_field field, const char *text)
{
    editor_set_text(intake_editor(f, field), text);
    if (field == INTAKE_MATTER)
        intake_narrow(f);
}

static void narrows_matters(void **state)
{
    struct intake_form f;
    (void)state;

    form_with_matters(&f);
    assert_int_equal(f.nshown, 3);
    type(&f, INTAKE_MATTER, "开工");
    assert_int_equal(f.nshown, 1);
    assert_string_equal(intake_picked(&f)->code, "M1");
    /* Codes and English names, ASCII in either case. */
    type(&f, INTAKE_MATTER, "m2");
    assert_int_equal(f.nshown, 1);
    assert_string_equal(intake_picked(&f)->code, "M2");
    type(&f, INTAKE_MATTER, "RESTAURANT");
    assert_string_equal(intake_picked(&f)->code, "B7");
    type(&f, INTAKE_MATTER, "一件事");
    assert_int_equal(f.nshown, 3);
    /* The highlight moves within the list and stays on its matter type
     * while it still matches. */
    intake_pick_move(&f, 1);
    intake_pick_move(&f, 5);
    assert_string_equal(intake_picked(&f)->code, "B7");
    type(&f, INTAKE_MATTER, "开");
    assert_int_equal(f.nshown, 2);
    assert_string_equal(intake_picked(&f)->code, "B7");
    intake_pick_move(&f, -9);
    assert_string_equal(intake_picked(&f)->code, "M1");
    type(&f, INTAKE_MATTER, "none such");
    assert_int_equal(f.nshown, 0);
    assert_null(intake_picked(&f));
    assert_int_equal(intake_choose(&f), -1);
    assert_null(intake_chosen(&f));
    type(&f, INTAKE_MATTER, "竣工");
    assert_int_equal(intake_choose(&f), 0);
    assert_string_equal(intake_chosen(&f)->code, "M2");
    assert_string_equal(editor_text(&f.matter_q), "项目竣工一件事");
    /* Typing over the name drops the choice. */
    assert_int_equal(intake_load_checklist(&f, 1, checklist_cell, NULL), 0);
    editor_backspace(&f.matter_q);
    intake_matter_typed(&f);
    assert_null(intake_chosen(&f));
    assert_false(f.checklist_loaded);
    assert_int_equal(f.nshown, 1);
    intake_free(&f);
}

static void contains(void **state)
{
    (void)state;
    assert_true(intake_contains("项目开工一件事", ""));
    assert_true(intake_contains("Project Start", "t s"));
    assert_false(intake_contains("Project", "projects"));
    assert_false(intake_contains(NULL, "x"));
}

static void check_chars(void **state)
{
    (void)state;
    /* The fixture's applicants, whose codes the database accepts. */
    assert_int_equal(intake_check_char("91350100M000100Y4"), '3');
    assert_int_equal(intake_check_char("91110000600037341"), 'L');
    assert_int_equal(intake_check_char("91350100m000100y4"), '3');
    assert_int_equal(intake_check_char("9135010OM000100Y4"), 0);
}

static void code_as_typed(void **state)
{
    struct intake_code_check c;
    char note[INTAKE_NOTE_MAX];
    (void)state;

    assert_int_equal(intake_code_check("").state, INTAKE_CODE_EMPTY);
    assert_int_equal(intake_code_check("9135").state, INTAKE_CODE_PARTIAL);
    assert_int_equal(intake_code_check("91350100M000100Y43").state, INTAKE_CODE_VALID);
    assert_int_equal(intake_code_check("91350100m000100y43").state, INTAKE_CODE_VALID);
    c = intake_code_check("91350100M000100Y44");
    assert_int_equal(c.state, INTAKE_CODE_BAD_CHECK);
    assert_int_equal(c.pos, 18);
    assert_int_equal(c.expected, '3');
    intake_code_note(&c, note, sizeof note);
    assert_string_equal(note, "wrong check character at position 18: expected 3");
    /* The region code is digits; the rest the alphabet without I O S V Z. */
    c = intake_code_check("9135A");
    assert_int_equal(c.state, INTAKE_CODE_BAD_CHAR);
    assert_int_equal(c.pos, 5);
    intake_code_note(&c, note, sizeof note);
    assert_string_equal(note, "character 5 must be a digit (the region code)");
    c = intake_code_check("9I");
    assert_int_equal(c.state, INTAKE_CODE_BAD_CHAR);
    assert_int_equal(c.pos, 2);
    c = intake_code_check("91350100M000100Y43X");
    assert_int_equal(c.state, INTAKE_CODE_TOO_LONG);
    intake_code_note(&c, note, sizeof note);
    assert_string_equal(note, "a credit code has 18 characters");
    c = intake_code_check("9135");
    intake_code_note(&c, note, sizeof note);
    assert_string_equal(note, "");
}

static void checklist_ticks(void **state)
{
    struct intake_form f;
    struct intake_item items[4];
    char text[64], *ids, *ords;
    (void)state;

    form_with_matters(&f);
    assert_int_equal(intake_load_checklist(&f, 4, checklist_cell, NULL), 0);
    assert_int_equal(intake_items(&f, items, 4), 3);
    assert_string_equal(items[0].name, "建筑工程施工许可");
    assert_int_equal(items[0].materials, 2);
    assert_int_equal(items[0].missing, 2);
    assert_int_equal(items[2].materials, 0);
    intake_item_text(&items[2], text, sizeof text);
    assert_string_equal(text, "complete");
    /* Tick the first and the third; the item without materials has no tick. */
    intake_tick(&f);
    intake_row_move(&f, 2);
    intake_tick(&f);
    intake_row_move(&f, 1);
    assert_false(intake_tickable(&f, f.row));
    intake_tick(&f);
    intake_row_move(&f, 9);
    assert_int_equal(f.row, 3);
    assert_int_equal(intake_items(&f, items, 4), 3);
    assert_int_equal(items[0].missing, 1);
    assert_int_equal(items[1].missing, 0);
    intake_item_text(&items[0], text, sizeof text);
    assert_string_equal(text, "1 missing");
    intake_item_text(&items[1], text, sizeof text);
    assert_string_equal(text, "complete");
    assert_int_equal(intake_missing_literals(&f, &ids, &ords), 0);
    assert_string_equal(ids, "{1}");
    assert_string_equal(ords, "{2}");
    free(ids);
    free(ords);
    /* Untick: two materials missing, in the checklist's order. */
    intake_row_move(&f, -3);
    intake_tick(&f);
    intake_row_move(&f, 2);
    intake_tick(&f);
    assert_int_equal(intake_missing_literals(&f, &ids, &ords), 0);
    assert_string_equal(ids, "{1,1,2}");
    assert_string_equal(ords, "{1,2,1}");
    free(ids);
    free(ords);
    /* A summary cut short still counts every item. */
    assert_int_equal(intake_items(&f, items, 1), 3);
    assert_int_equal(items[0].missing, 2);
    intake_free(&f);
}

static void nothing_missing(void **state)
{
    struct intake_form f;
    char *ids, *ords;
    (void)state;

    intake_init(&f);
    assert_int_equal(intake_missing_literals(&f, &ids, &ords), 0);
    assert_string_equal(ids, "{}");
    assert_string_equal(ords, "{}");
    free(ids);
    free(ords);
    intake_free(&f);
}

static void validation(void **state)
{
    struct intake_form f;
    char *code;
    (void)state;

    form_with_matters(&f);
    f.focus = INTAKE_PROJECT;
    assert_int_equal(intake_validate(&f), -1);
    assert_int_equal(f.focus, INTAKE_MATTER);
    assert_string_not_equal(f.note[INTAKE_MATTER], "");
    type(&f, INTAKE_MATTER, "M1");
    intake_choose(&f);
    type(&f, INTAKE_CODE, " 91350100m000100y44");
    assert_int_equal(intake_validate(&f), -1);
    assert_int_equal(f.focus, INTAKE_CODE);
    assert_string_equal(f.note[INTAKE_CODE], "wrong check character at position 18: expected 3");
    type(&f, INTAKE_CODE, " 91350100m000100y43");
    code = intake_code_value(&f);
    assert_string_equal(code, "91350100M000100Y43");
    free(code);
    assert_int_equal(intake_validate(&f), -1);
    assert_int_equal(f.focus, INTAKE_NAME);
    type(&f, INTAKE_NAME, "福建某建设有限公司");
    assert_int_equal(intake_validate(&f), -1);
    assert_int_equal(f.focus, INTAKE_CHECKLIST);
    assert_int_equal(intake_load_checklist(&f, 3, checklist_cell, NULL), 0);
    assert_int_equal(intake_validate(&f), 0);
    /* Choosing another matter type drops the old checklist. */
    type(&f, INTAKE_MATTER, "M2");
    intake_choose(&f);
    assert_int_equal(f.checklist_loaded, 0);
    /* Clearing empties the fields but keeps the matter types. */
    intake_clear(&f);
    assert_string_equal(editor_text(&f.code), "");
    assert_null(intake_chosen(&f));
    assert_int_equal(f.nshown, 3);
    intake_free(&f);
}

static void focus(void **state)
{
    struct intake_form f;
    (void)state;

    intake_init(&f);
    intake_focus_move(&f, -1);
    assert_int_equal(f.focus, INTAKE_MATTER);
    intake_focus_move(&f, 3);
    assert_int_equal(f.focus, INTAKE_PROJECT);
    assert_ptr_equal(intake_editor(&f, f.focus), &f.project);
    intake_focus_move(&f, 5);
    assert_int_equal(f.focus, INTAKE_CHECKLIST);
    assert_null(intake_editor(&f, f.focus));
    intake_free(&f);
}

static const char *const found_rows[][10] = {
    {"7", "20261203-000007", "91350100M000100Y43", "福建某建设有限公司", "项目开工一件事",
     "滨江花园一期", "1764720000.5", "2", "1", "1765238400"},
    {"9", "20261203-000009", "91110000600037341L", "北京某置业有限公司", "项目竣工一件事", "",
     "1764723600", "2", "0", NULL},
};

static const char *found_cell(void *ctx, int row, int col)
{
    (void)ctx;
    return found_rows[row][col];
}

static void finder(void **state)
{
    struct intake_finder fd;
    (void)state;

    intake_finder_init(&fd);
    assert_null(intake_finder_current(&fd));
    assert_int_equal(intake_finder_load(&fd, 2, found_cell, NULL), 0);
    const struct intake_found *r = intake_finder_current(&fd);
    assert_int_equal(r->case_id, 7);
    assert_string_equal(r->case_no, "20261203-000007");
    assert_int_equal(r->received_at, 1764720000);
    assert_int_equal(r->items, 2);
    assert_int_equal(r->open_items, 1);
    assert_int_equal(r->promised, 1765238400);
    intake_finder_move(&fd, 5);
    r = intake_finder_current(&fd);
    assert_int_equal(r->case_id, 9);
    assert_int_equal(r->promised, 0);
    assert_int_equal(intake_finder_load(&fd, 0, found_cell, NULL), 0);
    assert_null(intake_finder_current(&fd));
    assert_true(fd.loaded);
    intake_finder_free(&fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(narrows_matters),
        cmocka_unit_test(contains),
        cmocka_unit_test(check_chars),
        cmocka_unit_test(code_as_typed),
        cmocka_unit_test(checklist_ticks),
        cmocka_unit_test(nothing_missing),
        cmocka_unit_test(validation),
        cmocka_unit_test(focus),
        cmocka_unit_test(finder),
    };
    setlocale(LC_ALL, "C.UTF-8");
    return cmocka_run_group_tests_name("intake", tests, NULL, NULL);
}
