/* Unit tests for actor.c: the system's alarms are said in words, people by
 * their names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "casedesk/actor.h"

static void the_system_in_words(void **state)
{
    (void)state;
    assert_string_equal(actor_name(ACTOR_SYSTEM), "SLA watch");
    assert_string_equal(actor_name("电子监察"), "SLA watch");
}

static void people_by_their_names(void **state)
{
    (void)state;
    assert_string_equal(actor_name("王芳"), "王芳");
    assert_string_equal(actor_name("电子监察 "), "电子监察 ");
    assert_string_equal(actor_name("rev_a"), "rev_a");
    assert_string_equal(actor_name(""), "");
    assert_string_equal(actor_name(NULL), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_system_in_words),
        cmocka_unit_test(people_by_their_names),
    };

    return cmocka_run_group_tests_name("actor", tests, NULL, NULL);
}
