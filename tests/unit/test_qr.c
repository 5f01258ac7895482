/* Unit tests for qr.c: encoding, the quiet zone, the two text formats. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/qr.h"

#define URL "https://example.gov.cn/track/20261203-000001"

/* Reads the modules back from a rendering: each text line is split into
 * glyphs, each glyph gives one or two module rows. Checks every line has
 * the size qr_size() promised and every module equals qr_module(). */
static void assert_rendering_matches(const struct qr_code *code, enum qr_format format)
{
    char *text = qr_render(code, format);
    const char *p;
    int cols, rows, line = 0;

    assert_non_null(text);
    qr_size(code, format, &cols, &rows);
    p = text;
    while (*p) {
        const char *end = strchr(p, '\n');
        int x = 0;

        assert_non_null(end);
        assert_true(line < rows);
        while (p < end) {
            int upper, lower;

            if (format == QR_ASCII) {
                assert_true(end - p >= 2);
                assert_true(memcmp(p, "##", 2) == 0 || memcmp(p, "  ", 2) == 0);
                assert_int_equal(p[0] == '#', qr_module(code, x / 2, line));
                p += 2;
                x += 2;
                continue;
            }
            if (*p == ' ') {
                upper = lower = 0;
                p += 1;
            } else {
                assert_true(end - p >= 3);
                if (memcmp(p, "\xe2\x96\x88", 3) == 0)
                    upper = lower = 1;
                else if (memcmp(p, "\xe2\x96\x80", 3) == 0)
                    upper = 1, lower = 0;
                else if (memcmp(p, "\xe2\x96\x84", 3) == 0)
                    upper = 0, lower = 1;
                else
                    fail_msg("unexpected glyph on line %d column %d", line, x);
                p += 3;
            }
            assert_int_equal(upper, qr_module(code, x, 2 * line));
            assert_int_equal(lower, qr_module(code, x, 2 * line + 1));
            x++;
        }
        assert_int_equal(x, cols);
        p = end + 1;
        line++;
    }
    assert_int_equal(line, rows);
    free(text);
}

static void empty_text_is_refused(void **state)
{
    struct qr_code code;
    (void)state;
    errno = 0;
    assert_int_equal(qr_encode("", &code), -1);
    assert_int_equal(errno, EINVAL);
    assert_null(code.dark);
    errno = 0;
    assert_int_equal(qr_encode(NULL, &code), -1);
    assert_int_equal(errno, EINVAL);
}

static void too_long_text_is_refused(void **state)
{
    struct qr_code code;
    char *text = malloc(4001);
    (void)state;
    assert_non_null(text);
    memset(text, 'x', 4000);
    text[4000] = '\0';
    errno = 0;
    assert_int_equal(qr_encode(text, &code), -1);
    assert_int_equal(errno, ERANGE);
    assert_null(code.dark);
    qr_free(&code);
    free(text);
}

/* Byte mode at level M: 44 bytes need version 4 (33 modules), which holds
 * up to 62 (version 3 only 42); 15 bytes need version 2 (version 1 holds 14). */
static void url_takes_version_four(void **state)
{
    struct qr_code code;
    (void)state;
    assert_int_equal(qr_encode(URL, &code), 0);
    assert_int_equal(code.width, 33);
    qr_free(&code);
    assert_int_equal(qr_encode("20261203-000001", &code), 0);
    assert_int_equal(code.width, 25);
    qr_free(&code);
    assert_null(code.dark);
}

static void quiet_zone_and_finder_pattern(void **state)
{
    struct qr_code code;
    int n;
    (void)state;
    assert_int_equal(qr_encode(URL, &code), 0);
    n = code.width + 2 * QR_QUIET;
    for (int i = 0; i < n; i++) {
        for (int q = 0; q < QR_QUIET; q++) {
            assert_int_equal(qr_module(&code, i, q), 0);
            assert_int_equal(qr_module(&code, q, i), 0);
            assert_int_equal(qr_module(&code, i, n - 1 - q), 0);
            assert_int_equal(qr_module(&code, n - 1 - q, i), 0);
        }
    }
    /* The top left finder: a dark ring, a light ring, a dark 3x3 centre. */
    for (int i = 0; i < 7; i++) {
        assert_int_equal(qr_module(&code, QR_QUIET + i, QR_QUIET), 1);
        assert_int_equal(qr_module(&code, QR_QUIET, QR_QUIET + i), 1);
        assert_int_equal(qr_module(&code, QR_QUIET + i, QR_QUIET + 6), 1);
    }
    for (int i = 1; i < 6; i++)
        assert_int_equal(qr_module(&code, QR_QUIET + i, QR_QUIET + 1), 0);
    assert_int_equal(qr_module(&code, QR_QUIET + 3, QR_QUIET + 3), 1);
    assert_int_equal(qr_module(&code, -1, 5), 0);
    assert_int_equal(qr_module(&code, 5, n), 0);
    qr_free(&code);
}

static void sizes(void **state)
{
    struct qr_code code;
    int cols, rows;
    (void)state;
    assert_int_equal(qr_encode(URL, &code), 0);
    qr_size(&code, QR_UTF8, &cols, &rows);
    assert_int_equal(cols, 41);
    assert_int_equal(rows, 21); /* 41 module rows: the last line has one */
    qr_size(&code, QR_ASCII, &cols, &rows);
    assert_int_equal(cols, 82);
    assert_int_equal(rows, 41);
    qr_free(&code);
}

static void utf8_lines(void **state)
{
    struct qr_code code;
    char *text;
    char expected[256];
    (void)state;
    assert_int_equal(qr_encode(URL, &code), 0);
    text = qr_render(&code, QR_UTF8);
    assert_non_null(text);
    /* Two lines of quiet zone, then module rows 4 and 5: the finder's top
     * edge over its sides. */
    memset(expected, ' ', 41);
    expected[41] = '\n';
    expected[42] = '\0';
    assert_memory_equal(text, expected, 42);
    assert_memory_equal(text + 42, expected, 42);
    assert_memory_equal(text + 84, "    \xe2\x96\x88"
                                   "\xe2\x96\x80\xe2\x96\x80\xe2\x96\x80\xe2\x96\x80\xe2\x96\x80"
                                   "\xe2\x96\x88", 4 + 3 * 7);
    /* The last line holds module row 40 alone: quiet, so all spaces. */
    assert_string_equal(text + strlen(text) - 42, expected);
    free(text);
    assert_rendering_matches(&code, QR_UTF8);
    qr_free(&code);
}

static void ascii_lines(void **state)
{
    struct qr_code code;
    char *text;
    (void)state;
    assert_int_equal(qr_encode(URL, &code), 0);
    text = qr_render(&code, QR_ASCII);
    assert_non_null(text);
    /* Line 4 (module row 4): 8 spaces of quiet zone, then the finder. */
    {
        const char *line = text;
        for (int i = 0; i < 4; i++)
            line = strchr(line, '\n') + 1;
        assert_memory_equal(line, "        ##############  ", 24);
    }
    free(text);
    assert_rendering_matches(&code, QR_ASCII);
    qr_free(&code);
}

static void small_code_renders_both_ways(void **state)
{
    struct qr_code code;
    (void)state;
    assert_int_equal(qr_encode("20261203-000001", &code), 0);
    assert_rendering_matches(&code, QR_UTF8);
    assert_rendering_matches(&code, QR_ASCII);
    qr_free(&code);
}

static void format_names(void **state)
{
    (void)state;
    assert_int_equal(qr_format_from_name("utf8"), QR_UTF8);
    assert_int_equal(qr_format_from_name("ascii"), QR_ASCII);
    assert_int_equal(qr_format_from_name("UTF8"), -1);
    assert_int_equal(qr_format_from_name(""), -1);
    assert_int_equal(qr_format_from_name(NULL), -1);
}

static void templates(void **state)
{
    (void)state;
    assert_int_equal(qr_template_check("https://example.gov.cn/track/%s"), QR_TEMPLATE_OK);
    assert_int_equal(qr_template_check("%s"), QR_TEMPLATE_OK);
    assert_int_equal(qr_template_check("https://x.cn/t?q=%%E4%%B8%%80&c=%s"), QR_TEMPLATE_OK);
    assert_int_equal(qr_template_check(""), QR_TEMPLATE_NO_SLOT);
    assert_int_equal(qr_template_check("https://x.cn/track"), QR_TEMPLATE_NO_SLOT);
    assert_int_equal(qr_template_check("https://x.cn/%%s"), QR_TEMPLATE_NO_SLOT);
    assert_int_equal(qr_template_check("%s/%s"), QR_TEMPLATE_SLOTS);
    assert_int_equal(qr_template_check("%d/%s"), QR_TEMPLATE_CONVERSION);
    assert_int_equal(qr_template_check("https://x.cn/a%20b/%s"), QR_TEMPLATE_CONVERSION);
    assert_int_equal(qr_template_check("%s%"), QR_TEMPLATE_CONVERSION);
    assert_int_equal(qr_template_check("%ls"), QR_TEMPLATE_CONVERSION);
}

static void expansion(void **state)
{
    char *s;
    (void)state;
    s = qr_template_expand("https://example.gov.cn/track/%s", "20261203-000001");
    assert_string_equal(s, URL);
    free(s);
    s = qr_template_expand("a%%20b/%s?x=%%s%%", "7");
    assert_string_equal(s, "a%20b/7?x=%s%");
    free(s);
    s = qr_template_expand(NULL, "20261203-000001");
    assert_string_equal(s, "20261203-000001");
    free(s);
    s = qr_template_expand("%s", "");
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_text_is_refused),
        cmocka_unit_test(too_long_text_is_refused),
        cmocka_unit_test(url_takes_version_four),
        cmocka_unit_test(quiet_zone_and_finder_pattern),
        cmocka_unit_test(sizes),
        cmocka_unit_test(utf8_lines),
        cmocka_unit_test(ascii_lines),
        cmocka_unit_test(small_code_renders_both_ways),
        cmocka_unit_test(format_names),
        cmocka_unit_test(templates),
        cmocka_unit_test(expansion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
