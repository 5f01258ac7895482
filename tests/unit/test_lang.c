/* Which language names are accepted, and where the catalogues are looked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "casedesk/lang.h"

static void valid_names(void **state)
{
    (void)state;
    assert_true(lang_valid("zh_CN"));
    assert_true(lang_valid("zh_CN.UTF-8"));
    assert_true(lang_valid("zh_CN.utf8"));
    assert_true(lang_valid("en"));
    assert_true(lang_valid("yue"));
    assert_false(lang_valid(NULL));
    assert_false(lang_valid(""));
    assert_false(lang_valid("z"));
    assert_false(lang_valid("Chinese"));
    assert_false(lang_valid("zh_cn"));
    assert_false(lang_valid("zh_CNX"));
    assert_false(lang_valid("zh_CN.GB2312"));
    assert_false(lang_valid("../zh"));
    assert_false(lang_valid("zh/CN"));
}

static const char *existing;

static int fake_is_dir(const char *path)
{
    return existing && strcmp(path, existing) == 0;
}

static void catalogue_dir_order(void **state)
{
    char out[256];

    (void)state;
    existing = "/src/casedesk/build/locale";
    lang_catalogue_dir("/opt/msgs", "/src/casedesk/build", "/usr/share/locale", fake_is_dir,
                       out, sizeof out);
    assert_string_equal(out, "/opt/msgs");
    lang_catalogue_dir("", "/src/casedesk/build", "/usr/share/locale", fake_is_dir, out,
                       sizeof out);
    assert_string_equal(out, "/src/casedesk/build/locale");
    lang_catalogue_dir(NULL, "/usr/bin", "/usr/share/locale", fake_is_dir, out, sizeof out);
    assert_string_equal(out, "/usr/share/locale");
    lang_catalogue_dir(NULL, NULL, "/usr/share/locale", fake_is_dir, out, sizeof out);
    assert_string_equal(out, "/usr/share/locale");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_names),
        cmocka_unit_test(catalogue_dir_order),
    };

    return cmocka_run_group_tests_name("lang", tests, NULL, NULL);
}
