/* Unit tests for calfile.c: the working-day schedule file, its checks with
 * file:line, and printing it back. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/calfile.h"

static void refused(const char *text, const char *message)
{
    struct calfile cf;
    char err[512];

    assert_int_equal(calfile_parse(&cf, text, "cal.txt", err, sizeof err), -1);
    assert_string_equal(err, message);
    assert_int_equal(cf.ndays, 0);
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(calfile_weekday(2026, 12, 2), 3);   /* Wednesday */
    assert_int_equal(calfile_weekday(2027, 2, 14), 7);
    assert_int_equal(calfile_weekday(2000, 1, 1), 6);
    assert_int_equal(calfile_weekday(2024, 2, 29), 4);
}

static void test_parse_ranges_and_names(void **state)
{
    struct calfile cf;
    char err[512];

    (void)state;
    assert_int_equal(calfile_parse(&cf, "# the 2027 schedule\n\n  year 2027\r\n"
                                        "2027-02-06..2027-02-12 holiday 春节  \n"
                                        "2027-01-01 holiday 元旦\n"
                                        "2027-02-14\tworkday\t春节调休上班\n"
                                        "2027-12-31 holiday", "cal.txt", err, sizeof err), 0);
    assert_int_equal(cf.year, 2027);
    assert_int_equal(cf.ndays, 10);
    /* Sorted by day, whatever the order of the lines. */
    assert_int_equal(cf.days[0].month, 1);
    assert_string_equal(cf.days[0].name, "元旦");
    assert_int_equal(cf.days[1].line, 4);
    assert_string_equal(cf.days[7].name, "春节");
    assert_int_equal(cf.days[8].kind, CALFILE_WORKDAY);
    assert_string_equal(cf.days[9].name, "");
    /* 261 weekdays in 2027; holidays on 7 of them, one Sunday worked. */
    assert_int_equal(calfile_working_days(&cf), 261 - 1 - 5 - 1 + 1);
    calfile_free(&cf);
}

static void test_print_reads_back(void **state)
{
    struct calfile cf, again;
    char err[512], *out = NULL;
    size_t len = 0;
    FILE *f;
    const char *text = "year 2027\n"
                       "2027-01-01 holiday 元旦\n"
                       "2027-02-06..2027-02-12 holiday 春节\n"
                       "2027-02-13 holiday 春节调休\n"
                       "2027-02-14 workday 春节调休上班\n"
                       "2027-12-31 holiday\n";

    (void)state;
    assert_int_equal(calfile_parse(&cf, text, "cal.txt", err, sizeof err), 0);
    f = open_memstream(&out, &len);
    calfile_print(f, &cf);
    fclose(f);
    assert_string_equal(out, text);
    assert_int_equal(calfile_parse(&again, out, "out", err, sizeof err), 0);
    assert_int_equal(again.ndays, cf.ndays);
    calfile_free(&again);
    calfile_free(&cf);
    free(out);
}

static void test_refusals(void **state)
{
    (void)state;
    refused("", "cal.txt: no 'year YYYY' line");
    refused("# nothing\n", "cal.txt: no 'year YYYY' line");
    refused("2027-01-01 holiday\n", "cal.txt:1: expected 'year YYYY' before the first day");
    refused("year 27\n", "cal.txt:1: the year must be a number from 2000 to 2200");
    refused("year 2027\nyear 2028\n", "cal.txt:2: a second 'year' line");
    refused("year 2027\n2027-02-30 holiday\n",
            "cal.txt:2: expected a date YYYY-MM-DD (or a range YYYY-MM-DD..YYYY-MM-DD)");
    refused("year 2027\n2027-01-01 vacation\n",
            "cal.txt:2: expected 'holiday' or 'workday' after the date");
    refused("year 2027\n2028-01-01 holiday\n", "cal.txt:2: the day is not in 2027");
    refused("year 2027\n2026-12-31..2027-01-02 holiday\n", "cal.txt:2: the day is not in 2027");
    refused("year 2027\n2027-01-05..2027-01-02 holiday\n", "cal.txt:2: the range ends before it starts");
    /* A date twice, also inside a range. */
    refused("year 2027\n2027-02-06..2027-02-12 holiday\n\n2027-02-10 holiday\n",
            "cal.txt:4: 2027-02-10 is already listed on line 2");
    /* A make-up working day on a weekday. */
    refused("year 2027\n2027-03-01 workday\n",
            "cal.txt:2: 2027-03-01 is a Monday; a make-up working day must be a Saturday or Sunday");
    refused("year 2027\n2027-03-01 holiday a\x1b[2Jb\n", "cal.txt:2: the name contains control characters");
    /* A year with no working day. */
    refused("year 2027\n2027-01-01..2027-12-31 holiday 休\n", "cal.txt: the year 2027 has no working day");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_parse_ranges_and_names),
        cmocka_unit_test(test_print_reads_back),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
