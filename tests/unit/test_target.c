/* Unit tests for target.c: the item an action is for. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "casedesk/target.h"

static void assert_target(const struct target *t, int64_t id, int64_t case_id, int version,
                          const char *case_no, const char *item, const char *applicant)
{
    assert_int_equal(t->id, id);
    assert_int_equal(t->case_id, case_id);
    assert_int_equal(t->version, version);
    assert_string_equal(t->case_no, case_no);
    assert_string_equal(t->item, item);
    assert_string_equal(t->applicant, applicant);
}

static void set_copies_and_fills_null(void **state)
{
    struct target t = {0};
    char case_no[] = "SX2024-0001";
    (void)state;
    assert_int_equal(target_set(&t, 7, 3, 2, case_no, "建筑工程施工许可", NULL), 0);
    case_no[0] = 'X';
    assert_target(&t, 7, 3, 2, "SX2024-0001", "建筑工程施工许可", "");
    /* Setting again replaces (and frees) what was there. */
    assert_int_equal(target_set(&t, 8, 0, 1, NULL, NULL, "张三"), 0);
    assert_target(&t, 8, 0, 1, "", "", "张三");
    target_free(&t);
    assert_null(t.case_no);
    assert_int_equal(t.id, 0);
    target_free(&t);    /* twice is harmless */
}

static void copy_is_deep(void **state)
{
    struct target a = {0}, b;
    (void)state;
    assert_int_equal(target_set(&a, 1, 2, 3, "c", "i", "p"), 0);
    assert_int_equal(target_copy(&b, &a), 0);
    assert_ptr_not_equal(a.item, b.item);
    target_free(&a);
    assert_target(&b, 1, 2, 3, "c", "i", "p");
    target_free(&b);
}

static void from_row_takes_what_the_action_needs(void **state)
{
    struct queue_row r;
    struct target t = {0};
    (void)state;
    memset(&r, 0, sizeof r);
    r.id = 11;
    r.case_id = 5;
    r.version = 4;
    r.case_no = "SX2024-0002";
    r.item = "人防工程审批";
    r.applicant = NULL;
    assert_int_equal(target_from_row(&t, &r), 0);
    assert_target(&t, 11, 5, 4, "SX2024-0002", "人防工程审批", "");
    target_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_copies_and_fills_null),
        cmocka_unit_test(copy_is_deep),
        cmocka_unit_test(from_row_takes_what_the_action_needs),
    };

    return cmocka_run_group_tests_name("target", tests, NULL, NULL);
}
