/* Unit tests for config.c: reading casedesk.cfg and finding it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casedesk/config.h"
#include "casedesk/keymap.h"

/* The tests run from the top of the source tree (tests/run-suite does). */
#define SAMPLE "conf/casedesk.cfg"

static char tmpdir[1024];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int make_tmpdir(void **state)
{
    const char *base = getenv("TMPDIR");

    (void)state;
    if ((size_t)snprintf(tmpdir, sizeof tmpdir, "%s/casedesk-config-XXXXXX",
                         base && base[0] ? base : "/tmp") >= sizeof tmpdir)
        return -1;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* tmpdir/rel into buf. */
static const char *tmp_path(char *buf, size_t n, const char *rel)
{
    if ((size_t)snprintf(buf, n, "%s/%s", tmpdir, rel) >= n)
        fail_msg("path too long: %s/%s", tmpdir, rel);
    return buf;
}

/* Writes text to tmpdir/rel, making the directories on the way; returns the
 * full path in buf. */
static const char *write_file(char *buf, size_t n, const char *rel, const char *text)
{
    char *slash;
    FILE *f;

    tmp_path(buf, n, rel);
    for (slash = strchr(buf + strlen(tmpdir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(buf, 0700) < 0 && errno != EEXIST)
            fail_msg("mkdir %s: %s", buf, strerror(errno));
        *slash = '/';
    }
    f = fopen(buf, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return buf;
}

/* Loads text as rel and expects the error "PATH:LINE: message". */
static void expect_error(const char *rel, const char *text, int line, const char *message)
{
    char path[PATH_MAX], expected[PATH_MAX + 256], err[512] = "";
    struct config cfg;
    struct keymap km;

    write_file(path, sizeof path, rel, text);
    config_defaults(&cfg);
    keymap_init_defaults(&km);
    assert_int_equal(config_load(&cfg, &km, path, err, sizeof err), -1);
    snprintf(expected, sizeof expected, "%s:%d: %s", path, line, message);
    assert_string_equal(err, expected);
    config_free(&cfg);
}

static void assert_default_config(const struct config *cfg)
{
    int c;

    assert_null(cfg->conninfo);
    assert_null(cfg->log_file);
    assert_null(cfg->language);
    assert_null(cfg->tracking_url);
    assert_null(cfg->relay_socket);
    assert_int_equal(cfg->close_idle_seconds, 0);
    assert_int_equal(cfg->refresh_seconds, 120);
    assert_int_equal(cfg->sweep_seconds, 10);
    assert_int_equal(cfg->color, 1);
    assert_int_equal(cfg->bell, 0);
    assert_int_equal(cfg->escape_delay_ms, -1);
    assert_int_equal(cfg->pane_min_columns, 120);
    assert_int_equal(cfg->pane_min_rows, 36);
    assert_int_equal(cfg->ncolumns, CONFIG_COLUMN_COUNT);
    for (c = 0; c < CONFIG_COLUMN_COUNT; c++)
        assert_int_equal(cfg->columns[c], c);
}

static void defaults(void **state)
{
    struct config cfg;

    (void)state;
    config_defaults(&cfg);
    assert_default_config(&cfg);
    assert_string_equal(config_column_name(CONFIG_COLUMN_URGENCY), "urgency");
    assert_string_equal(config_column_name(CONFIG_COLUMN_AGE), "age");
    assert_string_equal(config_column_name(CONFIG_COLUMN_COUNT), "");
    assert_int_equal(config_column_from_name("applicant"), CONFIG_COLUMN_APPLICANT);
    assert_int_equal(config_column_from_name("deadline"), -1);
    assert_int_equal(config_column_from_name(NULL), -1);
    config_free(&cfg);
}

/* The sample shows every default: loaded over nothing, it must give exactly
 * the compiled-in configuration and key map. */
static void sample_is_the_defaults(void **state)
{
    struct config cfg;
    struct keymap km, defaults_km;
    char err[512] = "", got[64], want[64];
    int a;

    (void)state;
    config_defaults(&cfg);
    memset(&km, 0, sizeof km);
    keymap_init_defaults(&defaults_km);
    if (config_load(&cfg, &km, SAMPLE, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_default_config(&cfg);
    assert_int_equal(km.count, defaults_km.count);
    for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
        keymap_keys_for(&km, (enum action)a, got, sizeof got);
        keymap_keys_for(&defaults_km, (enum action)a, want, sizeof want);
        print_message("%s: %s\n", action_name((enum action)a), got);
        assert_string_equal(got, want);
    }
    config_free(&cfg);
}

static const char custom[] =
    "# every setting changed\n"
    "database = { conninfo = \"service=casedesk\"; };\n"
    "refresh = {\n"
    "  fallback_seconds = 30;\n"
    "  sweep_seconds = 2;\n"
    "};\n"
    "display = {\n"
    "  color = false;\n"
    "  bell = true;\n"
    "  escape_delay_ms = 300;\n"
    "  pane_min_columns = 100; pane_min_rows = 30;\n"
    "  language = \"zh_CN\";\n"
    "  columns = [ \"due\", \"case\", \"applicant\" ];\n"
    "};\n"
    "bindings = {\n"
    "  approve = \"y\";\n"
    "  page-down = [ \"PgDn\", \"C-f\", \"Space\" ];\n"
    "  none = \"q\";\n"
    "  annotate = [ ];\n"
    "};\n"
    "log = { file = \"/var/log/casedesk.log\"; };\n"
    "relay = { socket = \"/run/casedesk/relay.sock\"; close_idle_seconds = 60; };\n"
    "tracking_url = \"https://example.gov.cn/track/%s?from=%%E4%%B8%%80\";\n";

static void custom_file(void **state)
{
    char path[PATH_MAX], err[512] = "", keys[64];
    struct config cfg;
    struct keymap km;

    (void)state;
    write_file(path, sizeof path, "custom.cfg", custom);
    config_defaults(&cfg);
    keymap_init_defaults(&km);
    if (config_load(&cfg, &km, path, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(cfg.conninfo, "service=casedesk");
    assert_string_equal(cfg.log_file, "/var/log/casedesk.log");
    assert_string_equal(cfg.relay_socket, "/run/casedesk/relay.sock");
    assert_int_equal(cfg.close_idle_seconds, 60);
    assert_string_equal(cfg.tracking_url, "https://example.gov.cn/track/%s?from=%%E4%%B8%%80");
    assert_int_equal(cfg.refresh_seconds, 30);
    assert_int_equal(cfg.sweep_seconds, 2);
    assert_int_equal(cfg.color, 0);
    assert_int_equal(cfg.bell, 1);
    assert_int_equal(cfg.escape_delay_ms, 300);
    assert_int_equal(cfg.pane_min_columns, 100);
    assert_int_equal(cfg.pane_min_rows, 30);
    assert_string_equal(cfg.language, "zh_CN");
    assert_int_equal(cfg.ncolumns, 3);
    assert_int_equal(cfg.columns[0], CONFIG_COLUMN_DUE);
    assert_int_equal(cfg.columns[1], CONFIG_COLUMN_CASE);
    assert_int_equal(cfg.columns[2], CONFIG_COLUMN_APPLICANT);

    /* approve loses a, the tag key moves to page-down, q and m are gone */
    assert_int_equal(keymap_lookup(&km, 'y'), ACTION_APPROVE);
    assert_int_equal(keymap_lookup(&km, 'a'), ACTION_NONE);
    assert_int_equal(keymap_lookup(&km, ' '), ACTION_PAGE_DOWN);
    assert_int_equal(keymap_lookup(&km, 'q'), ACTION_NONE);
    assert_int_equal(keymap_lookup(&km, 'm'), ACTION_NONE);
    assert_int_equal(keymap_keys_for(&km, ACTION_PAGE_DOWN, keys, sizeof keys), 3);
    assert_string_equal(keys, "PgDn, C-f, Space");
    assert_int_equal(keymap_keys_for(&km, ACTION_TAG, keys, sizeof keys), 0);
    assert_int_equal(keymap_lookup(&km, 'j'), ACTION_MOVE_DOWN);

    /* a second load replaces (and frees) the first one's strings */
    if (config_load(&cfg, &km, path, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(cfg.conninfo, "service=casedesk");
    config_free(&cfg);
    assert_default_config(&cfg);
}

static void empty_strings_mean_unset(void **state)
{
    char path[PATH_MAX], err[512] = "";
    struct config cfg;

    (void)state;
    write_file(path, sizeof path, "empty.cfg",
               "database = { conninfo = \"\"; };\nlog = { file = \"\"; };\n"
               "tracking_url = \"\";\n");
    config_defaults(&cfg);
    assert_int_equal(config_load(&cfg, NULL, path, err, sizeof err), 0);
    assert_null(cfg.conninfo);
    assert_null(cfg.log_file);
    assert_null(cfg.tracking_url);
    config_free(&cfg);

    write_file(path, sizeof path, "nothing.cfg", "# only a comment\n");
    config_defaults(&cfg);
    assert_int_equal(config_load(&cfg, NULL, path, err, sizeof err), 0);
    assert_default_config(&cfg);
    config_free(&cfg);
}

static void syntax_error(void **state)
{
    (void)state;
    expect_error("syntax.cfg", "refresh = {\n  fallback_seconds = = 10;\n};\n", 2,
                 "syntax error");
    /* an open string is reported where the file ends */
    expect_error("string.cfg", "database = {\n  conninfo = \"service=x;\n};\n", 4,
                 "syntax error");
    expect_error("brace.cfg", "refresh = {\n  sweep_seconds = 5;\n};\n};\n", 4,
                 "syntax error");
    expect_error("dup.cfg", "refresh = {\n  sweep_seconds = 5;\n  sweep_seconds = 6;\n};\n", 3,
                 "duplicate setting name");
}

static void unknown_settings(void **state)
{
    (void)state;
    expect_error("top.cfg", "# a comment\nrefresh_secs = 10;\n", 2,
                 "unknown setting 'refresh_secs'");
    expect_error("member.cfg", "refresh = {\n  sweep_seconds = 5;\n  fallback_secs = 10;\n};\n",
                 3, "unknown setting 'refresh.fallback_secs'");
    expect_error("colour.cfg", "display = {\n\n  colour = true;\n};\n", 3,
                 "unknown setting 'display.colour'");
}

static void wrong_types(void **state)
{
    (void)state;
    expect_error("group.cfg", "refresh = 10;\n", 1,
                 "'refresh' must be a group: refresh = { ... };");
    expect_error("int.cfg", "refresh = {\n  fallback_seconds = \"10\";\n};\n", 2,
                 "'refresh.fallback_seconds' must be a whole number of seconds");
    expect_error("float.cfg", "refresh = {\n  sweep_seconds = 1.5;\n};\n", 2,
                 "'refresh.sweep_seconds' must be a whole number of seconds");
    expect_error("bool.cfg", "display = {\n  color = 1;\n};\n", 2,
                 "'display.color' must be true or false");
    expect_error("string.cfg", "database = { conninfo = 5; };\n", 1,
                 "'database.conninfo' must be a string");
    expect_error("columns.cfg", "display = { columns = \"due\"; };\n", 1,
                 "'display.columns' must be a list of strings");
    expect_error("keys.cfg", "bindings = {\n  approve = [ 1, 2 ];\n};\n", 2,
                 "'bindings.approve' must be a list of strings");
    expect_error("langtype.cfg", "display = {\n  language = 86;\n};\n", 2,
                 "'display.language' must be a string");
}

static void bad_language(void **state)
{
    (void)state;
    expect_error("lang.cfg", "display = {\n  color = true;\n  language = \"Chinese\";\n};\n", 3,
                 "'display.language' must be a language such as \"zh_CN\" or \"en\"");
    expect_error("langpath.cfg", "display = { language = \"../../etc/zh\"; };\n", 1,
                 "'display.language' must be a language such as \"zh_CN\" or \"en\"");
}

static void out_of_range(void **state)
{
    (void)state;
    expect_error("zero.cfg", "refresh = {\n  fallback_seconds = 0;\n};\n", 2,
                 "'refresh.fallback_seconds' must be between 1 and 3600");
    expect_error("big.cfg", "refresh = {\n  sweep_seconds = 3601;\n};\n", 2,
                 "'refresh.sweep_seconds' must be between 1 and 3600");
    expect_error("huge.cfg", "refresh = {\n  sweep_seconds = 99999999999L;\n};\n", 2,
                 "'refresh.sweep_seconds' must be between 1 and 3600");
    expect_error("neg.cfg", "refresh = { fallback_seconds = -10; };\n", 1,
                 "'refresh.fallback_seconds' must be between 1 and 3600");
    expect_error("esc.cfg", "display = {\n  escape_delay_ms = 5;\n};\n", 2,
                 "'display.escape_delay_ms' must be between 10 and 2000");
    expect_error("escs.cfg", "display = { escape_delay_ms = \"slow\"; };\n", 1,
                 "'display.escape_delay_ms' must be a whole number of milliseconds");
    expect_error("panes.cfg", "display = {\n  pane_min_columns = 0;\n};\n", 2,
                 "'display.pane_min_columns' must be between 1 and 10000");
    expect_error("panes-rows.cfg", "display = {\n\n  pane_min_rows = \"36\";\n};\n", 3,
                 "'display.pane_min_rows' must be a whole number of rows");
}

/* Exactly one %s; %% is a percent sign; any other % is refused. */
static void tracking_url_templates(void **state)
{
    static const char other[] =
        "may hold no % but %s (the case number) and %% (a percent sign, as in %%2F)";
    char message[256];

    (void)state;
    expect_error("url-none.cfg", "# the tracking code\ntracking_url = \"https://x.cn/track\";\n",
                 2, "'tracking_url' must hold %s once, where the case number goes");
    expect_error("url-two.cfg", "tracking_url = \"https://x.cn/%s/%s\";\n", 1,
                 "'tracking_url' holds %s more than once; the case number goes in one place");
    snprintf(message, sizeof message, "'tracking_url' %s", other);
    expect_error("url-d.cfg", "\n\ntracking_url = \"https://x.cn/%d/%s\";\n", 3, message);
    expect_error("url-pct.cfg", "tracking_url = \"https://x.cn/a%20b/%s\";\n", 1, message);
    expect_error("url-end.cfg", "tracking_url = \"https://x.cn/%s%\";\n", 1, message);
    expect_error("url-type.cfg", "tracking_url = 5;\n", 1, "'tracking_url' must be a string");
}

/* The relay's socket path must fit a socket address (107 bytes). */
static void relay_socket_path(void **state)
{
    char text[256], long_path[109];

    (void)state;
    memset(long_path, 'r', sizeof long_path - 1);
    long_path[0] = '/';
    long_path[sizeof long_path - 1] = '\0';
    snprintf(text, sizeof text, "relay = {\n  socket = \"%s\";\n};\n", long_path);
    expect_error("relay-long.cfg", text, 2,
                 "'relay.socket' must be a path of at most 107 bytes");
    expect_error("relay-type.cfg", "relay = { socket = 1; };\n", 1,
                 "'relay.socket' must be a string");
    expect_error("relay-member.cfg", "relay = { path = \"/run/x\"; };\n", 1,
                 "unknown setting 'relay.path'");
    expect_error("relay-idle.cfg", "relay = {\n  close_idle_seconds = -1;\n};\n", 2,
                 "'relay.close_idle_seconds' must be between 0 and 3600");
    expect_error("relay-idle-type.cfg", "relay = { close_idle_seconds = \"1m\"; };\n", 1,
                 "'relay.close_idle_seconds' must be a whole number of seconds");
    expect_error("url-group.cfg", "display = {\n  tracking_url = \"%s\";\n};\n", 2,
                 "unknown setting 'display.tracking_url'");
}

static void bad_bindings(void **state)
{
    (void)state;
    expect_error("key.cfg", "bindings = {\n  approve = \"C-\";\n};\n", 2, "unknown key 'C-'");
    expect_error("action.cfg", "bindings = {\n  move-down = \"j\";\n  aprove = \"a\";\n};\n", 3,
                 "unknown action 'aprove'");
    expect_error("listkey.cfg",
                 "bindings = {\n  page-down = [\n    \"PgDn\",\n    \"Pg Dn\",\n    \"C-f\" ];\n};\n",
                 4, "unknown key 'Pg Dn'");
}

static void bad_columns(void **state)
{
    (void)state;
    expect_error("col.cfg", "display = {\n  columns = [ \"urgency\", \"deadline\" ];\n};\n", 2,
                 "unknown column 'deadline'");
    expect_error("twice.cfg", "display = {\n  columns = [ \"due\",\n  \"case\", \"due\" ];\n};\n", 3,
                 "column 'due' is listed twice");
    expect_error("none.cfg", "display = {\n  columns = [ ];\n};\n", 2,
                 "'display.columns' must name at least one column");
}

static void unreadable_files(void **state)
{
    char path[PATH_MAX], expected[PATH_MAX + 64], err[512] = "";
    struct config cfg;

    (void)state;
    config_defaults(&cfg);
    tmp_path(path, sizeof path, "missing.cfg");
    assert_int_equal(config_load(&cfg, NULL, path, err, sizeof err), -1);
    snprintf(expected, sizeof expected, "%s: %s", path, strerror(ENOENT));
    assert_string_equal(err, expected);

    assert_int_equal(config_load(&cfg, NULL, tmpdir, err, sizeof err), -1);
    snprintf(expected, sizeof expected, "%s: %s", tmpdir, strerror(EISDIR));
    assert_string_equal(err, expected);
    config_free(&cfg);
}

/* A bad file changes nothing: the console can reload and keep running. */
static void error_leaves_state_alone(void **state)
{
    char good[PATH_MAX], bad[PATH_MAX], err[512];
    struct config cfg;
    struct keymap km, before;

    (void)state;
    write_file(good, sizeof good, "good.cfg", custom);
    write_file(bad, sizeof bad, "bad.cfg",
               "database = { conninfo = \"host=elsewhere\"; };\n"
               "bindings = { quit = \"x\"; };\n"
               "refresh = { fallback_seconds = 0; };\n");
    config_defaults(&cfg);
    keymap_init_defaults(&km);
    assert_int_equal(config_load(&cfg, &km, good, err, sizeof err), 0);
    before = km;
    assert_int_equal(config_load(&cfg, &km, bad, err, sizeof err), -1);
    assert_string_equal(cfg.conninfo, "service=casedesk");
    assert_int_equal(cfg.refresh_seconds, 30);
    assert_int_equal(km.count, before.count);
    assert_memory_equal(km.bindings, before.bindings, km.count * sizeof km.bindings[0]);
    assert_int_equal(keymap_lookup(&km, 'x'), ACTION_NONE);
    config_free(&cfg);
}

static void include_is_relative_to_the_file(void **state)
{
    char path[PATH_MAX], inc[PATH_MAX], expected[PATH_MAX + 64], err[512] = "";
    struct config cfg;

    (void)state;
    write_file(inc, sizeof inc, "incdir/keys.cfg", "\nbindings = {\n  quit = \"Q\";\n  help = \"C-\";\n};\n");
    write_file(path, sizeof path, "incdir/main.cfg", "refresh = { sweep_seconds = 7; };\n@include \"keys.cfg\"\n");
    config_defaults(&cfg);
    assert_int_equal(config_load(&cfg, NULL, path, err, sizeof err), -1);
    /* the error names the included file and its line */
    snprintf(expected, sizeof expected, "%s:4: unknown key 'C-'", inc);
    assert_string_equal(err, expected);
    assert_int_equal(cfg.sweep_seconds, 10);
    config_free(&cfg);
}

/* --- finding the file ---------------------------------------------------- */

static void clear_env(const char *home)
{
    unsetenv("CASEDESK_CONFIG");
    unsetenv("XDG_CONFIG_HOME");
    if (home)
        setenv("HOME", home, 1);
    else
        unsetenv("HOME");
}

static void expect_found(const char *explicit_path, const char *etc, int rc, const char *path)
{
    char out[PATH_MAX];

    assert_int_equal(config_find_in(explicit_path, etc, out, sizeof out), rc);
    assert_string_equal(out, path);
}

static void find_order(void **state)
{
    char home[PATH_MAX], etc[PATH_MAX], home_cfg[PATH_MAX], xdg[PATH_MAX], xdg_cfg[PATH_MAX];
    char env_cfg[PATH_MAX], explicit_cfg[PATH_MAX];

    (void)state;
    tmp_path(home, sizeof home, "find/home");
    tmp_path(etc, sizeof etc, "find/etc/casedesk.cfg");
    tmp_path(xdg, sizeof xdg, "find/xdg");
    mkdir(tmp_path(home_cfg, sizeof home_cfg, "find"), 0700);
    mkdir(home, 0700);
    clear_env(home);

    /* nothing anywhere: defaults */
    expect_found(NULL, etc, 1, "");
    expect_found(NULL, NULL, 1, "");

    write_file(etc, sizeof etc, "find/etc/casedesk.cfg", "");
    expect_found(NULL, etc, 0, etc);

    write_file(home_cfg, sizeof home_cfg, "find/home/.config/casedesk/casedesk.cfg", "");
    expect_found(NULL, etc, 0, home_cfg);

    /* XDG_CONFIG_HOME replaces ~/.config, even when it has no file */
    setenv("XDG_CONFIG_HOME", xdg, 1);
    expect_found(NULL, etc, 0, etc);
    write_file(xdg_cfg, sizeof xdg_cfg, "find/xdg/casedesk/casedesk.cfg", "");
    expect_found(NULL, etc, 0, xdg_cfg);

    /* a relative or empty XDG_CONFIG_HOME is ignored */
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);
    expect_found(NULL, etc, 0, home_cfg);
    setenv("XDG_CONFIG_HOME", "", 1);
    expect_found(NULL, etc, 0, home_cfg);
    setenv("XDG_CONFIG_HOME", xdg, 1);

    /* CASEDESK_CONFIG wins over the user's file and must exist */
    tmp_path(env_cfg, sizeof env_cfg, "find/env.cfg");
    setenv("CASEDESK_CONFIG", env_cfg, 1);
    errno = 0;
    expect_found(NULL, etc, -1, env_cfg);
    assert_int_equal(errno, ENOENT);
    write_file(env_cfg, sizeof env_cfg, "find/env.cfg", "");
    expect_found(NULL, etc, 0, env_cfg);
    setenv("CASEDESK_CONFIG", "", 1);
    expect_found(NULL, etc, 0, xdg_cfg);
    setenv("CASEDESK_CONFIG", env_cfg, 1);

    /* --config wins over everything and must exist */
    tmp_path(explicit_cfg, sizeof explicit_cfg, "find/explicit.cfg");
    expect_found(explicit_cfg, etc, -1, explicit_cfg);
    write_file(explicit_cfg, sizeof explicit_cfg, "find/explicit.cfg", "");
    expect_found(explicit_cfg, etc, 0, explicit_cfg);
    expect_found(explicit_cfg, NULL, 0, explicit_cfg);
    {
        char out[PATH_MAX];

        assert_int_equal(config_find(explicit_cfg, out, sizeof out), 0);
        assert_string_equal(out, explicit_cfg);
    }
    clear_env(home);
}

static void find_without_home(void **state)
{
    char etc[PATH_MAX];

    (void)state;
    clear_env(NULL);
    tmp_path(etc, sizeof etc, "nohome/casedesk.cfg");
    expect_found(NULL, etc, 1, "");
    write_file(etc, sizeof etc, "nohome/casedesk.cfg", "");
    expect_found(NULL, etc, 0, etc);
    setenv("HOME", "", 1);
    expect_found(NULL, etc, 0, etc);
}

static void find_small_buffer(void **state)
{
    char path[PATH_MAX], out[8];

    (void)state;
    clear_env(tmpdir);
    write_file(path, sizeof path, "small.cfg", "");
    errno = 0;
    assert_int_equal(config_find_in(path, NULL, out, sizeof out), -1);
    assert_int_equal(errno, ENAMETOOLONG);
    assert_int_equal(config_find_in(NULL, path, out, sizeof out), -1);
    assert_int_equal(errno, ENAMETOOLONG);
    assert_int_equal(config_find_in(path, NULL, out, 0), -1);
    assert_int_equal(errno, EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults),
        cmocka_unit_test(sample_is_the_defaults),
        cmocka_unit_test(custom_file),
        cmocka_unit_test(empty_strings_mean_unset),
        cmocka_unit_test(syntax_error),
        cmocka_unit_test(unknown_settings),
        cmocka_unit_test(wrong_types),
        cmocka_unit_test(out_of_range),
        cmocka_unit_test(bad_language),
        cmocka_unit_test(relay_socket_path),
        cmocka_unit_test(tracking_url_templates),
        cmocka_unit_test(bad_bindings),
        cmocka_unit_test(bad_columns),
        cmocka_unit_test(unreadable_files),
        cmocka_unit_test(error_leaves_state_alone),
        cmocka_unit_test(include_is_relative_to_the_file),
        cmocka_unit_test(find_order),
        cmocka_unit_test(find_without_home),
        cmocka_unit_test(find_small_buffer),
    };

    return cmocka_run_group_tests_name("config", tests, make_tmpdir, remove_tmpdir);
}
