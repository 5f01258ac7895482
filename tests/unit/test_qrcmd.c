/* Unit tests for qrcmd.c: the arguments of `casedesk qr`. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "casedesk/qrcmd.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof(a)[0]) - 1)

static void plain_case_number(void **state)
{
    char *argv[] = {"qr", "20261203-000001", NULL};
    struct qrcmd_args a;
    char err[256] = "";
    (void)state;
    assert_int_equal(qrcmd_parse(ARGC(argv), argv, &a, err, sizeof err), 0);
    assert_string_equal(a.case_no, "20261203-000001");
    assert_int_equal(a.format, QR_UTF8);
    assert_null(a.conninfo);
    assert_null(a.config_path);
    assert_int_equal(a.help, 0);
}

static void options_before_and_after(void **state)
{
    char *argv[] = {"qr", "-d", "dbname=x", "20261203-000001", "--format=ascii",
                    "--config", "/etc/x.cfg", NULL};
    char *argv2[] = {"qr", "--format", "utf8", "--dbname=service=c", "-c", "a.cfg", "--",
                     "-7", NULL};
    struct qrcmd_args a;
    char err[256] = "";
    (void)state;
    assert_int_equal(qrcmd_parse(ARGC(argv), argv, &a, err, sizeof err), 0);
    assert_string_equal(a.case_no, "20261203-000001");
    assert_int_equal(a.format, QR_ASCII);
    assert_string_equal(a.conninfo, "dbname=x");
    assert_string_equal(a.config_path, "/etc/x.cfg");
    /* parsed twice in one process: getopt starts afresh */
    assert_int_equal(qrcmd_parse(ARGC(argv2), argv2, &a, err, sizeof err), 0);
    assert_string_equal(a.case_no, "-7");
    assert_int_equal(a.format, QR_UTF8);
    assert_string_equal(a.conninfo, "service=c");
    assert_string_equal(a.config_path, "a.cfg");
}

static void help(void **state)
{
    char *argv[] = {"qr", "--help", NULL};
    struct qrcmd_args a;
    char err[256] = "";
    (void)state;
    assert_int_equal(qrcmd_parse(ARGC(argv), argv, &a, err, sizeof err), 0);
    assert_int_equal(a.help, 1);
}

static void expect_refusal(char **argv, int argc, const char *message)
{
    struct qrcmd_args a;
    char err[256] = "";
    assert_int_equal(qrcmd_parse(argc, argv, &a, err, sizeof err), -1);
    assert_string_equal(err, message);
}

static void bad_arguments(void **state)
{
    char *none[] = {"qr", NULL};
    char *two[] = {"qr", "1", "2", NULL};
    char *format[] = {"qr", "--format=png", "1", NULL};
    char *unknown[] = {"qr", "--colour", "1", NULL};
    char *value[] = {"qr", "1", "-d", NULL};
    char *empty[] = {"qr", "", NULL};
    char *tab[] = {"qr", "2026\t1", NULL};
    char *esc[] = {"qr", "\x1b[2J", NULL};
    char *c1[] = {"qr", "12\xc2\x9b" "3", NULL};
    char *del[] = {"qr", "12\x7f", NULL};
    char *latin1[] = {"qr", "12\xe9", NULL};
    char long_no[QRCMD_CASE_NO_MAX + 2];
    char *toolong[] = {"qr", long_no, NULL};
    (void)state;
    memset(long_no, '1', sizeof long_no - 1);
    long_no[sizeof long_no - 1] = '\0';
    expect_refusal(none, ARGC(none), "a case number is needed (casedesk qr --help)");
    expect_refusal(two, ARGC(two), "unexpected argument '2'");
    expect_refusal(format, ARGC(format), "unknown format 'png' (utf8 or ascii)");
    expect_refusal(unknown, ARGC(unknown), "unknown option '--colour'");
    expect_refusal(value, ARGC(value), "option -d needs a value");
    expect_refusal(empty, ARGC(empty), "the case number is empty");
    expect_refusal(tab, ARGC(tab), "the case number holds a control character");
    expect_refusal(esc, ARGC(esc), "the case number holds a control character");
    expect_refusal(c1, ARGC(c1), "the case number holds a control character");
    expect_refusal(del, ARGC(del), "the case number holds a control character");
    expect_refusal(latin1, ARGC(latin1), "the case number is not valid UTF-8");
    expect_refusal(toolong, ARGC(toolong), "the case number is too long");
}

static void case_numbers(void **state)
{
    (void)state;
    assert_null(qrcmd_case_no_fault("20261203-000001"));
    assert_null(qrcmd_case_no_fault("苏-2026-1"));
    assert_non_null(qrcmd_case_no_fault(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_case_number),
        cmocka_unit_test(options_before_and_after),
        cmocka_unit_test(help),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(case_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
