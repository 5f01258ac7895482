/* Unit tests for the argument parsing of `casedesk admin`. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "casedesk/admin.h"

#define ARGV(...) ((char *[]){"admin", __VA_ARGS__, NULL})
#define ARGC(...) ((int)(sizeof((char *[]){"admin", __VA_ARGS__}) / sizeof(char *)))
#define PARSE(cmd, err, ...) admin_parse(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), cmd, err, sizeof err)

static void test_staff_add(void **state)
{
    struct admin_cmd c;
    char err[256];

    (void)state;
    assert_int_equal(PARSE(&c, err, "-d", "dbname=x", "staff", "add", "wang", "--name", "王芳",
                           "--job=reviewer", "--dept", "ZJ", "--dept=RF"), 0);
    assert_int_equal(c.verb, ADMIN_STAFF_ADD);
    assert_string_equal(c.conninfo, "dbname=x");
    assert_string_equal(c.login, "wang");
    assert_string_equal(c.name, "王芳");
    assert_string_equal(c.job, "reviewer");
    assert_int_equal(c.ndepts, 2);
    assert_string_equal(c.depts[1], "RF");
}

static void test_other_commands(void **state)
{
    struct admin_cmd c;
    char err[256];

    (void)state;
    assert_int_equal(PARSE(&c, err, "init"), 0);
    assert_int_equal(c.verb, ADMIN_INIT);
    assert_int_equal(PARSE(&c, err, "staff", "list", "--dbname=service=centre"), 0);
    assert_int_equal(c.verb, ADMIN_STAFF_LIST);
    assert_string_equal(c.conninfo, "service=centre");
    assert_int_equal(PARSE(&c, err, "staff", "set", "li", "--job", "oncall"), 0);
    assert_int_equal(c.verb, ADMIN_STAFF_SET);
    assert_int_equal(PARSE(&c, err, "staff", "disable", "li"), 0);
    assert_int_equal(c.verb, ADMIN_STAFF_DISABLE);
    assert_string_equal(c.login, "li");
    assert_int_equal(PARSE(&c, err, "calendar", "import", "cal-2027.txt"), 0);
    assert_string_equal(c.file, "cal-2027.txt");
    assert_int_equal(PARSE(&c, err, "calendar", "show", "2027"), 0);
    assert_int_equal(c.year, 2027);
    assert_int_equal(PARSE(&c, err, "staff", "--help"), 0);
    assert_int_equal(c.verb, ADMIN_HELP);
}

static void refused(int rc, const char *err, const char *want)
{
    assert_int_equal(rc, -1);
    assert_string_equal(err, want);
}

static void test_refusals(void **state)
{
    struct admin_cmd c;
    char err[256];

    (void)state;
    refused(PARSE(&c, err, "-d"), err, "option -d needs a value");
    refused(PARSE(&c, err, "--verbose", "init"), err, "unknown option '--verbose'");
    refused(PARSE(&c, err, "frobnicate"), err, "unknown command 'frobnicate'");
    refused(PARSE(&c, err, "staff", "fire", "li"), err, "unknown command 'fire'");
    refused(PARSE(&c, err, "staff", "add", "li", "--name", "李"), err, "'staff add' needs --name and --job");
    refused(PARSE(&c, err, "staff", "add", "li", "--name", "李", "--job", "boss"), err,
            "unknown job 'boss': reviewer, oncall, supervisor, window or admin");
    refused(PARSE(&c, err, "staff", "add", "--name", "李", "--job", "window"), err, "'add' needs an argument");
    refused(PARSE(&c, err, "staff", "set", "li"), err, "'staff set' needs --name, --job or --dept");
    refused(PARSE(&c, err, "staff", "disable", "li", "wang"), err, "unexpected argument 'wang'");
    refused(PARSE(&c, err, "staff", "list", "--name", "x"), err, "--name, --job and --dept only go with 'staff add/set'");
    refused(PARSE(&c, err, "staff", "set", "li", "--dept", "ZJ,RF"), err, "bad department code 'ZJ,RF' (one code per --dept)");
    refused(PARSE(&c, err, "calendar", "show", "27"), err, "'27' is not a year from 2000 to 2200");
    refused(PARSE(&c, err, "calendar", "show", "2027x"), err, "'2027x' is not a year from 2000 to 2200");
    refused(PARSE(&c, err, "init", "now"), err, "unexpected argument 'now'");
    refused(PARSE(&c, err, "kb"), err, "'kb' needs a command (casedesk admin --help)");
    refused(PARSE(&c, err, "kb", "apply", "kb.cfg", "--dry-run", "--name", "x"), err,
            "--name, --job and --dept only go with 'staff add/set'");
    refused(PARSE(&c, err, "kb", "export", "--dry-run"), err, "--dry-run only goes with 'kb apply'");
    refused(PARSE(&c, err, "kb", "check"), err, "'check' needs an argument");
    assert_int_equal(PARSE(&c, err, "kb", "export"), 0);
    assert_null(c.file);
    assert_int_equal(PARSE(&c, err, "kb", "apply", "--dry-run", "kb.cfg"), 0);
    assert_int_equal(c.verb, ADMIN_KB_APPLY);
    assert_true(c.dry_run);
    assert_string_equal(c.file, "kb.cfg");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_staff_add),
        cmocka_unit_test(test_other_commands),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
