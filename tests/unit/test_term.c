/* The terminal checks' pure parts: the codeset and the escape delay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "casedesk/config.h"
#include "casedesk/term.h"

static void codesets(void **state)
{
    (void)state;
    assert_true(term_codeset_is_utf8("UTF-8"));
    assert_true(term_codeset_is_utf8("utf8"));
    assert_false(term_codeset_is_utf8("ANSI_X3.4-1968"));
    assert_false(term_codeset_is_utf8("GB18030"));
    assert_false(term_codeset_is_utf8(""));
    assert_false(term_codeset_is_utf8(NULL));
}

static void escape_delay(void **state)
{
    (void)state;
    assert_int_equal(term_escape_delay(-1, NULL), TERM_ESCAPE_DELAY_DEFAULT);
    assert_int_equal(term_escape_delay(-1, ""), TERM_ESCAPE_DELAY_DEFAULT);
    assert_int_equal(term_escape_delay(-1, "300"), 300);
    /* The configuration wins over the environment. */
    assert_int_equal(term_escape_delay(80, "300"), 80);
    /* Junk or out of range in the environment: the default. */
    assert_int_equal(term_escape_delay(-1, "fast"), TERM_ESCAPE_DELAY_DEFAULT);
    assert_int_equal(term_escape_delay(-1, "25ms"), TERM_ESCAPE_DELAY_DEFAULT);
    assert_int_equal(term_escape_delay(-1, "0"), TERM_ESCAPE_DELAY_DEFAULT);
    assert_int_equal(term_escape_delay(-1, "999999"), TERM_ESCAPE_DELAY_DEFAULT);
    assert_true(TERM_ESCAPE_DELAY_DEFAULT >= 100 && TERM_ESCAPE_DELAY_DEFAULT <= 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codesets),
        cmocka_unit_test(escape_delay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
