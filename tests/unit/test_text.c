/* Unit tests for text.c: display width, sanitising, fitting to columns. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/text.h"

#define R TEXT_REPLACEMENT
#define E TEXT_ELLIPSIS

/* Compares a caller-frees result with the expected text and frees it. */
#define assert_owned_string(call, expected) \
    do { \
        char *got_ = (call); \
        assert_non_null(got_); \
        assert_string_equal(got_, (expected)); \
        free(got_); \
    } while (0)

static int set_utf8_locale(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void width_ascii_and_empty(void **state)
{
    (void)state;
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width(NULL), 0);
    assert_int_equal(text_width("a"), 1);
    assert_int_equal(text_width("case 4711"), 9);
}

static void width_cjk(void **state)
{
    (void)state;
    assert_int_equal(text_width("王芳"), 4);
    assert_int_equal(text_width("营业执照 A1"), 11);
    assert_int_equal(text_width("ＡＢ"), 4);       /* fullwidth Latin */
    assert_int_equal(text_width("\xe3\x80\x80"), 2); /* ideographic space */
    assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2); /* emoji */
}

static void width_combining_marks(void **state)
{
    (void)state;
    assert_int_equal(text_width("e\xcc\x81"), 1);
    assert_int_equal(text_width("caf" "e\xcc\x81"), 4);
    assert_int_equal(text_width("\xcc\x81"), 0);
}

static void width_invalid_and_controls(void **state)
{
    (void)state;
    assert_int_equal(text_width("\xff"), 1);
    assert_int_equal(text_width("a\xff" "b"), 3);
    assert_int_equal(text_width("\xe7\x8e"), 2);     /* 王 cut short: two bad bytes */
    assert_int_equal(text_width("\xc0\xaf"), 2);     /* overlong "/" */
    assert_int_equal(text_width("\xed\xa0\x80"), 3); /* surrogate */
    assert_int_equal(text_width("\x1b[2J"), 4);      /* ESC shows as U+FFFD */
    assert_int_equal(text_width("a\tb\nc"), 5);
    assert_int_equal(text_width("a\r\nb"), 3);
    assert_int_equal(text_width("a\xe2\x80\xae" "b"), 3); /* bidi override shows */
}

static void width_of_prefix(void **state)
{
    (void)state;
    assert_int_equal(text_width_n("王芳", 0), 0);
    assert_int_equal(text_width_n("王芳", 3), 2);
    assert_int_equal(text_width_n("王芳", 4), 2);
    assert_int_equal(text_width_n("王芳", 6), 4);
    assert_int_equal(text_width_n("a王b", 4), 3);
    assert_int_equal(text_width_n(NULL, 5), 0);
}

static void sanitize_escape_sequences(void **state)
{
    (void)state;
    assert_owned_string(text_sanitize("\x1b]0;pwned\x07"), R "]0;pwned" R);
    assert_owned_string(text_sanitize("\x1b[2J"), R "[2J");
    assert_owned_string(text_sanitize("ok\x1b[31mred"), "ok" R "[31mred");
    assert_owned_string(text_sanitize("a\x7f" "b"), "a" R "b");
    assert_owned_string(text_sanitize("\x08\x0d"), R R);
}

static void sanitize_c1_controls(void **state)
{
    (void)state;
    assert_owned_string(text_sanitize("a\xc2\x9b" "2J"), "a" R "2J"); /* CSI */
    assert_owned_string(text_sanitize("\xc2\x80\xc2\x9f"), R R);
    assert_owned_string(text_sanitize("\xc2\xa0"), "\xc2\xa0"); /* no-break space stays */
}

static void sanitize_bidi_controls(void **state)
{
    (void)state;
    assert_owned_string(text_sanitize("abc\xe2\x80\xae" "fdp.exe"), "abc" R "fdp.exe");
    assert_owned_string(text_sanitize("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad"),
                        R R R R);
    assert_owned_string(text_sanitize("\xe2\x81\xa6x\xe2\x81\xa7y\xe2\x81\xa8z\xe2\x81\xa9"),
                        R "x" R "y" R "z" R);
}

/* man ZWJ woman ZWJ girl, a heart with VS16, a thumb with a skin tone: the
 * terminal joins them into glyphs of its own width; the parts are shown
 * apart instead, in the width counted. */
static void sanitize_emoji_sequences(void **state)
{
    const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
    const char *heart = "\xe2\x9d\xa4\xef\xb8\x8f";
    const char *thumb = "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd";
    char *s;
    (void)state;
    s = text_sanitize(family);
    assert_string_equal(s, "\xf0\x9f\x91\xa8\xf0\x9f\x91\xa9\xf0\x9f\x91\xa7");
    assert_int_equal(text_width(family), text_width(s));
    free(s);
    s = text_sanitize(heart);
    assert_string_equal(s, "\xe2\x9d\xa4");
    free(s);
    s = text_sanitize(thumb);
    assert_string_equal(s, "\xf0\x9f\x91\x8d");
    assert_int_equal(text_width(thumb), 2);
    free(s);
    /* Fitting drops them too, and never counts them. */
    s = text_fit("\xe2\x9d\xa4\xef\xb8\x8f\xe5\x85\xac\xe5\x8f\xb8", 4);
    assert_string_equal(s, "\xe2\x9d\xa4\xe5\x85\xac" TEXT_ELLIPSIS);
    free(s);
}

static void sanitize_invalid_utf8(void **state)
{
    (void)state;
    assert_owned_string(text_sanitize("\xff"), R);
    assert_owned_string(text_sanitize("a\xe7\x8e" "b"), "a" R R "b");
    assert_owned_string(text_sanitize("\xc0\xaf"), R R);
    assert_owned_string(text_sanitize("\xed\xa0\x80"), R R R);
    assert_owned_string(text_sanitize("\xf4\x90\x80\x80"), R R R R);
    assert_owned_string(text_sanitize("\xe2\x80\xa8"), R); /* line separator */
}

static void sanitize_keeps_text(void **state)
{
    (void)state;
    assert_owned_string(text_sanitize("张三申请营业执照"), "张三申请营业执照");
    assert_owned_string(text_sanitize("e\xcc\x81 \xf0\x9f\x98\x80"), "e\xcc\x81 \xf0\x9f\x98\x80");
    assert_owned_string(text_sanitize(R), R);
    assert_owned_string(text_sanitize(""), "");
    assert_owned_string(text_sanitize(NULL), "");
}

static void sanitize_whitespace(void **state)
{
    (void)state;
    assert_owned_string(text_sanitize("line1\nline2\tx"), "line1 line2 x");
    assert_owned_string(text_sanitize("a\r\nb"), "a b");
    assert_owned_string(text_sanitize("a\rb"), "a" R "b");
}

static void sanitize_multiline(void **state)
{
    (void)state;
    assert_owned_string(text_sanitize_multiline("第一行\n第二行"), "第一行\n第二行");
    assert_owned_string(text_sanitize_multiline("a\r\nb\tc"), "a\nb c");
    assert_owned_string(text_sanitize_multiline("\x1b[2J\n\xc2\x9b"), R "[2J\n" R);
    assert_owned_string(text_sanitize_multiline(NULL), "");
}

static void fit_short_text_unchanged(void **state)
{
    (void)state;
    assert_owned_string(text_fit("王芳ab", 6), "王芳ab");
    assert_owned_string(text_fit("王芳ab", 40), "王芳ab");
    assert_owned_string(text_fit("", 3), "");
    assert_owned_string(text_fit(NULL, 3), "");
    assert_owned_string(text_fit("\x1b[2Jab", 10), R "[2Jab");
}

static void fit_cuts_cjk_at_boundaries(void **state)
{
    (void)state;
    assert_owned_string(text_fit("王芳ab", 5), "王芳" E);
    assert_owned_string(text_fit("王芳ab", 4), "王" E); /* 芳 would straddle */
    assert_owned_string(text_fit("王芳ab", 3), "王" E);
    assert_owned_string(text_fit("王芳ab", 2), E);
    assert_owned_string(text_fit("王芳ab", 1), E);
    assert_owned_string(text_fit("ab王芳", 5), "ab王" E);
    assert_owned_string(text_fit("ab王芳", 4), "ab" E);
    assert_owned_string(text_fit("abcdef", 4), "abc" E);
}

static void fit_nonpositive_width(void **state)
{
    (void)state;
    assert_owned_string(text_fit("王芳", 0), "");
    assert_owned_string(text_fit("王芳", -3), "");
    assert_owned_string(text_pad("王芳", 0), "");
    assert_owned_string(text_pad("王芳", -1), "");
}

static void fit_keeps_combining_marks_with_their_base(void **state)
{
    (void)state;
    assert_owned_string(text_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2), "e\xcc\x81" E);
    assert_owned_string(text_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3),
                        "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
}

/* Every width from 0 to past the end: never wider than asked, always valid
 * UTF-8, always a prefix of the sanitised text plus at most an ellipsis. */
static void fit_never_exceeds_or_splits(void **state)
{
    static const char *const samples[] = {
        "王芳a李b", "a王b芳c李", "营业执照办理", "ab\xff王\x1b芳", "e\xcc\x81王\xf0\x9f\x98\x80x",
    };
    size_t i;
    int cols;

    (void)state;
    for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char *clean = text_sanitize(samples[i]);
        int full = text_width(samples[i]);

        for (cols = 0; cols <= full + 2; cols++) {
            char *fit = text_fit(samples[i], cols);
            char *pad = text_pad(samples[i], cols);
            size_t len = strlen(fit);
            int width = text_width(fit);

            assert_true(width <= cols);
            assert_true(width >= cols - 1 || width == full);
            assert_int_equal(text_width(pad), cols);
            assert_true(text_valid_utf8(fit));
            if (cols > 0 && width < full) {
                assert_true(len >= strlen(E));
                assert_string_equal(fit + len - strlen(E), E);
                len -= strlen(E);
            }
            assert_memory_equal(fit, clean, len);
            free(fit);
            free(pad);
        }
        free(clean);
    }
}

static void pad_to_exact_width(void **state)
{
    (void)state;
    assert_owned_string(text_pad("王芳李", 4), "王" E " ");
    assert_owned_string(text_pad("王芳李", 3), "王" E);
    assert_owned_string(text_pad("王芳李", 8), "王芳李  ");
    assert_owned_string(text_pad("ab", 2), "ab");
    assert_owned_string(text_pad("", 3), "   ");
    assert_owned_string(text_pad(NULL, 2), "  ");
    assert_owned_string(text_pad("a\nb", 4), "a b ");
}

/* Labels: padded by columns, never cut (the caller chose them). */
static void pad_label_by_columns(void **state)
{
    char buf[32], tiny[4];

    (void)state;
    assert_string_equal(text_pad_to(buf, sizeof buf, "一件事", 10), "一件事    ");
    assert_string_equal(text_pad_to(buf, sizeof buf, "Matter", 10), "Matter    ");
    assert_string_equal(text_pad_to(buf, sizeof buf, "承诺时限承诺时限", 10), "承诺时限承诺时限");
    assert_string_equal(text_pad_to(buf, sizeof buf, NULL, 2), "  ");
    assert_string_equal(text_pad_to(tiny, sizeof tiny, "ab", 10), "ab ");
    assert_ptr_equal(text_pad_to(buf, 0, "ab", 10), buf);
}

static void valid_utf8(void **state)
{
    (void)state;
    assert_true(text_valid_utf8(""));
    assert_true(text_valid_utf8(NULL));
    assert_true(text_valid_utf8("王芳 abc"));
    assert_true(text_valid_utf8("\xf4\x8f\xbf\xbf"));  /* U+10FFFF */
    assert_true(text_valid_utf8("\xee\x80\x80"));      /* U+E000 */
    assert_false(text_valid_utf8("\xff"));
    assert_false(text_valid_utf8("\x80"));
    assert_false(text_valid_utf8("\xc0\x80"));         /* overlong NUL */
    assert_false(text_valid_utf8("\xe0\x80\x80"));     /* overlong */
    assert_false(text_valid_utf8("\xf0\x80\x80\x80")); /* overlong */
    assert_false(text_valid_utf8("\xed\xa0\x80"));     /* surrogate */
    assert_false(text_valid_utf8("\xf4\x90\x80\x80")); /* above U+10FFFF */
    assert_false(text_valid_utf8("\xe7\x8e"));         /* cut short */
    assert_false(text_valid_utf8("ab\xe7\x8e" "c"));
}

static void cursor_movement(void **state)
{
    const char *s = "a王\xc3\xa9\xf0\x9f\x98\x80"; /* a, 王, é, emoji: 0 1 4 6 10 */

    (void)state;
    assert_int_equal(text_next_char(s, 0), 1);
    assert_int_equal(text_next_char(s, 1), 4);
    assert_int_equal(text_next_char(s, 4), 6);
    assert_int_equal(text_next_char(s, 6), 10);
    assert_int_equal(text_next_char(s, 10), 10);
    assert_int_equal(text_prev_char(s, 10), 6);
    assert_int_equal(text_prev_char(s, 6), 4);
    assert_int_equal(text_prev_char(s, 4), 1);
    assert_int_equal(text_prev_char(s, 1), 0);
    assert_int_equal(text_prev_char(s, 0), 0);
}

static void cursor_movement_over_invalid_bytes(void **state)
{
    (void)state;
    assert_int_equal(text_next_char("a\xff" "b", 1), 2);
    assert_int_equal(text_prev_char("a\xff" "b", 2), 1);
    assert_int_equal(text_prev_char("\x80\x80", 2), 1);
    assert_int_equal(text_prev_char("\xe7\x8e", 2), 1);
    assert_int_equal(text_next_char("\xe7\x8e", 0), 1);
    assert_int_equal(text_prev_char("\xe7\x8e\x8b\x8b", 4), 3);
}

static void decode_and_encode(void **state)
{
    char buf[4];
    uint32_t cp;

    (void)state;
    assert_int_equal(text_decode("王", &cp), 3);
    assert_int_equal(cp, 0x738B);
    assert_int_equal(text_decode("", &cp), 0);
    assert_int_equal(text_decode("\xff", &cp), -1);
    assert_int_equal(text_decode("\xf0\x9f\x98\x80", &cp), 4);
    assert_int_equal(cp, 0x1F600);

    assert_int_equal(text_encode('$', buf), 1);
    assert_memory_equal(buf, "$", 1);
    assert_int_equal(text_encode(0xA9, buf), 2);
    assert_memory_equal(buf, "\xc2\xa9", 2);
    assert_int_equal(text_encode(0x738B, buf), 3);
    assert_memory_equal(buf, "王", 3);
    assert_int_equal(text_encode(0x1F600, buf), 4);
    assert_memory_equal(buf, "\xf0\x9f\x98\x80", 4);
    assert_int_equal(text_encode(0xD800, buf), 0);
    assert_int_equal(text_encode(0x110000, buf), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(width_ascii_and_empty),
        cmocka_unit_test(width_cjk),
        cmocka_unit_test(width_combining_marks),
        cmocka_unit_test(width_invalid_and_controls),
        cmocka_unit_test(width_of_prefix),
        cmocka_unit_test(sanitize_escape_sequences),
        cmocka_unit_test(sanitize_c1_controls),
        cmocka_unit_test(sanitize_bidi_controls),
        cmocka_unit_test(sanitize_emoji_sequences),
        cmocka_unit_test(sanitize_invalid_utf8),
        cmocka_unit_test(sanitize_keeps_text),
        cmocka_unit_test(sanitize_whitespace),
        cmocka_unit_test(sanitize_multiline),
        cmocka_unit_test(fit_short_text_unchanged),
        cmocka_unit_test(fit_cuts_cjk_at_boundaries),
        cmocka_unit_test(fit_nonpositive_width),
        cmocka_unit_test(fit_keeps_combining_marks_with_their_base),
        cmocka_unit_test(fit_never_exceeds_or_splits),
        cmocka_unit_test(pad_to_exact_width),
        cmocka_unit_test(pad_label_by_columns),
        cmocka_unit_test(valid_utf8),
        cmocka_unit_test(cursor_movement),
        cmocka_unit_test(cursor_movement_over_invalid_bytes),
        cmocka_unit_test(decode_and_encode),
    };

    return cmocka_run_group_tests_name("text", tests, set_utf8_locale, NULL);
}
