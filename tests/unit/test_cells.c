/* Unit tests for cells.c: reading an answer's cells, and the cursor's clamp
 * the queue, the escalation desk and the supervisor's figures share. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "casedesk/cells.h"

static void test_int(void **state)
{
    (void)state;
    assert_int_equal(cells_int("42", -1), 42);
    assert_int_equal(cells_int("-7", 0), -7);
    assert_int_equal(cells_int(NULL, -1), -1);
    assert_int_equal(cells_int("", -1), -1);
    assert_int_equal(cells_int("x", -1), -1);
    assert_int_equal(cells_int("99999999999999999999", -1), -1);
}

static void test_number_and_epoch(void **state)
{
    (void)state;
    assert_true(cells_number("0.25", -1) == 0.25);
    assert_true(cells_number(NULL, -1) == -1);
    assert_true(cells_number("nan", -1) == -1);
    assert_true(cells_number("inf", -1) == -1);
    /* Fractions of a second are dropped: the clock counts whole ones. */
    assert_int_equal(cells_epoch("1767225600.75", -2), 1767225600);
    assert_int_equal(cells_epoch(NULL, -2), -2);
    assert_int_equal(cells_epoch("soon", -2), -2);
}

static void test_dup(void **state)
{
    (void)state;
    char *s;
    assert_int_equal(cells_dup(&s, "王芳"), 0);
    assert_string_equal(s, "王芳");
    free(s);
    assert_int_equal(cells_dup(&s, NULL), 0);
    assert_string_equal(s, "");
    free(s);
}

static void test_clamp(void **state)
{
    (void)state;
    assert_int_equal(cells_clamp(3, 10), 3);
    assert_int_equal(cells_clamp(-4, 10), 0);
    assert_int_equal(cells_clamp(12, 10), 9);
    assert_int_equal(cells_clamp(5, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_number_and_epoch),
        cmocka_unit_test(test_dup),
        cmocka_unit_test(test_clamp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
