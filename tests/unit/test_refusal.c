/* The database's refusals in the user's language (refusal.c), read with the
 * Chinese catalogue that make builds, and the templates found in the SQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/refusal.h"
#include "support/catalogue.h"

static void expect(const char *sqlstate, const char *message, const char *want)
{
    char out[512];
    refusal_text(sqlstate, message, out, sizeof out);
    assert_string_equal(out, want);
}

static int setup(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return -1;
    catalogue_bind();
    return 0;
}

static void english_keeps_the_words(void **state)
{
    (void)state;
    catalogue_speak(NULL);
    expect("CD003", "claimed by 王芳 until 2026-12-03 16:30", "claimed by 王芳 until 2026-12-03 16:30");
    expect("CD002", "cannot approve an item that is pending; claim it first",
           "cannot approve an item that is pending; claim it first");
}

static void chinese_with_the_values(void **state)
{
    (void)state;
    catalogue_speak("zh_CN");
    expect("CD003", "claimed by 王芳 until 2026-12-03 16:30", "已被 王芳 认领，至 2026-12-03 16:30");
    expect("CD001", "changed by 李静 at 2026-12-03 09:05 (you saw version 3, it is now 4)",
           "已被 李静 于 2026-12-03 09:05 修改（您看到的是第 3 版，现为第 4 版）");
    expect("CD001", "changed by 李静 at 2026-12-03 09:05", "已被 李静 于 2026-12-03 09:05 修改");
    expect("P0002", "no item 4711", "没有事项 4711");
    expect("P0002", "no case 20261026-000008 that you can see",
           "没有您可查看的办件 20261026-000008");
    expect("P0002", "no case 77", "没有办件 77");
}

/* Status, job and action words inside a refusal are translated as well. */
static void chinese_words_inside(void **state)
{
    (void)state;
    catalogue_speak("zh_CN");
    expect("CD002", "cannot approve an item that is pending; claim it first",
           "事项当前为“待办”，无法通过；请先认领");
    expect("CD002", "already approved by 王芳 at 2026-12-01 10:00",
           "王芳 已于 2026-12-01 10:00 作出决定：已通过");
    expect("CD002", "already resolved by 陈杰 at 2026-12-01 10:00",
           "陈杰 已于 2026-12-01 10:00 答复办结");
    expect("42501", "a window may not do this", "窗口人员无权进行此操作");
    expect("22023", "the reason for rejecting must not be empty", "退回理由不能为空");
    expect("22001", "the note is 2001 characters long; the limit is 2000",
           "备注长 2001 个字，上限为 2000 个字");
}

/* What the console does not know keeps the database's words. */
static void unknown_refusals_fall_back(void **state)
{
    (void)state;
    catalogue_speak("zh_CN");
    expect("CD003", "something new happened", "something new happened");
    expect("P0002", "claimed by 王芳 until 2026-12-03 16:30", "claimed by 王芳 until 2026-12-03 16:30");
    expect("", "no item 5", "no item 5");
    expect(NULL, "no item 5", "no item 5");
    expect("P0002", NULL, "");
    expect("P0002", "no item ", "no item ");
    expect("P0002", "no item 5 and more", "没有事项 5 and more");
}

static char *read_sql(void)
{
    glob_t g;
    size_t len = 0;
    char *all = calloc(1, 1);

    assert_int_equal(glob("sql/repeatable/*.sql", 0, NULL, &g), 0);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        FILE *f = fopen(g.gl_pathv[i], "r");
        char buf[4096];
        size_t n;
        assert_non_null(f);
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
            all = realloc(all, len + n + 1);
            assert_non_null(all);
            memcpy(all + len, buf, n);
            len += n;
            all[len] = '\0';
        }
        fclose(f);
    }
    globfree(&g);
    return all;
}

/* Each template is a message the SQL raises: "%s" there is "%", a quote ''. */
static void templates_are_in_the_sql(void **state)
{
    char *sql = read_sql();
    const char *t, *sqlstate;

    (void)state;
    for (size_t i = 0; (t = refusal_template(i, &sqlstate)); i++) {
        char want[512];
        size_t n = 0;
        want[n++] = '\'';
        for (; *t && n < sizeof want - 3; t++) {
            if (t[0] == '%' && t[1] == 's') {
                want[n++] = '%';
                t++;
            } else if (*t == '\'') {
                want[n++] = '\'';
                want[n++] = '\'';
            } else {
                want[n++] = *t;
            }
        }
        want[n++] = '\'';
        want[n] = '\0';
        if (!strstr(sql, want))
            fail_msg("no RAISE of %s (%s) in sql/repeatable", want, sqlstate);
    }
    free(sql);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(english_keeps_the_words),
        cmocka_unit_test(chinese_with_the_values),
        cmocka_unit_test(chinese_words_inside),
        cmocka_unit_test(unknown_refusals_fall_back),
        cmocka_unit_test(templates_are_in_the_sql),
    };

    return cmocka_run_group_tests_name("refusal", tests, setup, NULL);
}
