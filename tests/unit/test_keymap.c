/* Unit tests for keymap.c: actions, key names and bindings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "casedesk/keymap.h"

struct named {
    const char *name;
    int key;
};

/* Every name keymap_key_name() gives, with its code. */
static const struct named canonical[] = {
    { "Enter", '\n' },
    { "Esc", 0x1b },
    { "Tab", '\t' },
    { "BTab", KEYMAP_FN(KEY_BTAB) },
    { "Space", ' ' },
    { "Backspace", KEYMAP_FN(KEY_BACKSPACE) },
    { "Del", KEYMAP_FN(KEY_DC) },
    { "Ins", KEYMAP_FN(KEY_IC) },
    { "PgDn", KEYMAP_FN(KEY_NPAGE) },
    { "PgUp", KEYMAP_FN(KEY_PPAGE) },
    { "Home", KEYMAP_FN(KEY_HOME) },
    { "End", KEYMAP_FN(KEY_END) },
    { "Up", KEYMAP_FN(KEY_UP) },
    { "Down", KEYMAP_FN(KEY_DOWN) },
    { "Left", KEYMAP_FN(KEY_LEFT) },
    { "Right", KEYMAP_FN(KEY_RIGHT) },
    { "F1", KEYMAP_FN(KEY_F(1)) },
    { "F2", KEYMAP_FN(KEY_F(2)) },
    { "F3", KEYMAP_FN(KEY_F(3)) },
    { "F4", KEYMAP_FN(KEY_F(4)) },
    { "F5", KEYMAP_FN(KEY_F(5)) },
    { "F6", KEYMAP_FN(KEY_F(6)) },
    { "F7", KEYMAP_FN(KEY_F(7)) },
    { "F8", KEYMAP_FN(KEY_F(8)) },
    { "F9", KEYMAP_FN(KEY_F(9)) },
    { "F10", KEYMAP_FN(KEY_F(10)) },
    { "F11", KEYMAP_FN(KEY_F(11)) },
    { "F12", KEYMAP_FN(KEY_F(12)) },
    { "C-a", 1 },
    { "C-b", 2 },
    { "C-f", 6 },
    { "C-l", 12 },
    { "C-z", 26 },
    { "C-\\", 28 },
    { "C-]", 29 },
    { "C-^", 30 },
    { "C-_", 31 },
    { "j", 'j' },
    { "G", 'G' },
    { "/", '/' },
    { "\\", '\\' },
    { "?", '?' },
    { ":", ':' },
    { "@", '@' },
    { "1", '1' },
    { "王", 0x738B },
    { "\xc3\xa9", 0xE9 },
    { "\xf0\x9f\x98\x80", 0x1F600 },
};

/* Other spellings, and what they mean. */
static const struct named aliases[] = {
    { "enter", '\n' },
    { "ENTER", '\n' },
    { "Return", '\n' },
    { "Escape", 0x1b },
    { "esc", 0x1b },
    { "S-Tab", KEYMAP_FN(KEY_BTAB) },
    { "btab", KEYMAP_FN(KEY_BTAB) },
    { "pgdn", KEYMAP_FN(KEY_NPAGE) },
    { "PageDown", KEYMAP_FN(KEY_NPAGE) },
    { "PageUp", KEYMAP_FN(KEY_PPAGE) },
    { "Delete", KEYMAP_FN(KEY_DC) },
    { "Insert", KEYMAP_FN(KEY_IC) },
    { "space", ' ' },
    { " ", ' ' },
    { "f5", KEYMAP_FN(KEY_F(5)) },
    { "C-F", 6 },
    { "c-f", 6 },
    { "C-i", '\t' },
    { "C-m", '\n' },
    { "C-j", '\n' },
    { "C-[", 0x1b },
    { "C-h", KEYMAP_FN(KEY_BACKSPACE) },
};

static const char *const not_keys[] = {
    "", "C-", "C-1", "C-ab", "C-@", "C- ", "F0", "F13", "F01", "F1x", "Foo", "ab", "jj",
    "\x01", "\x7f", "\xff", "\xc2\x9b", "\xe7\x8e", "王芳", "Ctrl-f",
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static void parse_canonical_names(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(canonical); i++) {
        print_message("%s\n", canonical[i].name);
        assert_int_equal(keymap_parse_key(canonical[i].name), canonical[i].key);
    }
}

static void parse_aliases(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(aliases); i++) {
        print_message("%s\n", aliases[i].name);
        assert_int_equal(keymap_parse_key(aliases[i].name), aliases[i].key);
    }
}

static void parse_rejects_unknown(void **state)
{
    size_t i;

    (void)state;
    assert_int_equal(keymap_parse_key(NULL), -1);
    for (i = 0; i < COUNT(not_keys); i++) {
        print_message("'%s'\n", not_keys[i]);
        assert_int_equal(keymap_parse_key(not_keys[i]), -1);
    }
}

static void name_round_trip(void **state)
{
    char buf[KEYMAP_KEY_NAME_MAX];
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(canonical); i++) {
        int key = keymap_parse_key(canonical[i].name);

        assert_string_equal(keymap_key_name(key, buf, sizeof buf), canonical[i].name);
    }
    for (i = 0; i < COUNT(aliases); i++) {
        int key = keymap_parse_key(aliases[i].name);

        assert_int_equal(keymap_parse_key(keymap_key_name(key, buf, sizeof buf)), key);
    }
}

static void names_of_odd_codes(void **state)
{
    char buf[KEYMAP_KEY_NAME_MAX];

    (void)state;
    assert_string_equal(keymap_key_name('\r', buf, sizeof buf), "Enter");
    assert_string_equal(keymap_key_name(0x7f, buf, sizeof buf), "Backspace");
    assert_string_equal(keymap_key_name(8, buf, sizeof buf), "Backspace");
    assert_string_equal(keymap_key_name(KEYMAP_FN(KEY_ENTER), buf, sizeof buf), "Enter");
    assert_string_equal(keymap_key_name(KEYMAP_FN(KEY_F(20)), buf, sizeof buf), "F20");
    assert_string_equal(keymap_key_name(KEYMAP_FN(KEY_RESIZE), buf, sizeof buf), "<0x11019a>");
    assert_string_equal(keymap_key_name(0x9b, buf, sizeof buf), "<0x9b>");
    assert_string_equal(keymap_key_name(-1, buf, sizeof buf), "<0xffffffff>");
    assert_string_equal(keymap_key_name('j', NULL, 0), "");
    assert_string_equal(keymap_key_name(KEYMAP_FN(KEY_NPAGE), buf, 3), "Pg");
}

static void keys_from_curses(void **state)
{
    (void)state;
    assert_int_equal(keymap_from_curses(OK, 'j'), 'j');
    assert_int_equal(keymap_from_curses(OK, 0x738B), 0x738B);
    assert_int_equal(keymap_from_curses(OK, 6), 6);
    assert_int_equal(keymap_from_curses(OK, '\r'), '\n');
    assert_int_equal(keymap_from_curses(OK, '\n'), '\n');
    assert_int_equal(keymap_from_curses(OK, 0x7f), KEYMAP_FN(KEY_BACKSPACE));
    assert_int_equal(keymap_from_curses(KEY_CODE_YES, KEY_NPAGE), KEYMAP_FN(KEY_NPAGE));
    assert_int_equal(keymap_from_curses(KEY_CODE_YES, KEY_ENTER), '\n');
    assert_int_equal(keymap_from_curses(KEY_CODE_YES, KEY_BACKSPACE), KEYMAP_FN(KEY_BACKSPACE));
    assert_int_equal(keymap_from_curses(KEY_CODE_YES, KEY_RESIZE), KEYMAP_FN(KEY_RESIZE));
    assert_int_equal(keymap_from_curses(ERR, 0), -1);
    /* 'Ă' (U+0102) and KEY_DOWN (0402) share a number; the rc keeps them apart */
    assert_int_not_equal(keymap_from_curses(OK, 0x102), keymap_from_curses(KEY_CODE_YES, KEY_DOWN));
}

static void action_names(void **state)
{
    int a, b;

    (void)state;
    assert_int_equal(action_from_name("approve"), ACTION_APPROVE);
    assert_int_equal(action_from_name("page-down"), ACTION_PAGE_DOWN);
    assert_int_equal(action_from_name("annotate"), ACTION_ANNOTATE);
    assert_int_equal(action_from_name("aprove"), ACTION_NONE);
    assert_int_equal(action_from_name("none"), ACTION_NONE);
    assert_int_equal(action_from_name(""), ACTION_NONE);
    assert_int_equal(action_from_name(NULL), ACTION_NONE);
    assert_string_equal(action_name(ACTION_MOVE_DOWN), "move-down");
    assert_string_equal(action_name(ACTION_QUIT), "quit");
    assert_string_equal(action_name(ACTION_NONE), "none");
    assert_string_equal(action_name(ACTION_COUNT), "none");
    assert_string_equal(action_help(ACTION_APPROVE), "Approve the item");
    assert_string_equal(action_help(ACTION_NONE), "");
    /* Messages name an action in words, never by its config name. */
    assert_string_equal(action_word(ACTION_CLAIM), "claim");
    assert_string_equal(action_word(ACTION_SEARCH), "Search the list");
    assert_string_equal(action_word(ACTION_MOVE_DOWN), "Move down one line");
    assert_string_equal(action_default_keys(ACTION_HELP), "? F1");
    for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
        assert_int_equal(action_from_name(action_name((enum action)a)), a);
        assert_true(strlen(action_help((enum action)a)) > 0);
        for (b = a + 1; b < ACTION_COUNT; b++)
            assert_string_not_equal(action_name((enum action)a), action_name((enum action)b));
    }
}

/* Each default key names a key, and no key is the default of two actions
 * (binding moves keys, so a clash would silently rob the first action). */
static void defaults_are_consistent(void **state)
{
    struct keymap km;
    size_t total = 0;
    int a;

    (void)state;
    keymap_init_defaults(&km);
    for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
        char keys[64], *name, *save = NULL;
        size_t n = 0;

        strcpy(keys, action_default_keys((enum action)a));
        for (name = strtok_r(keys, " ", &save); name; name = strtok_r(NULL, " ", &save)) {
            int key = keymap_parse_key(name);

            print_message("%s: %s\n", action_name((enum action)a), name);
            assert_int_not_equal(key, -1);
            assert_int_equal(keymap_lookup(&km, key), a);
            n++;
        }
        assert_true(n > 0);
        total += n;
    }
    assert_int_equal(km.count, total);
}

static void default_lookups(void **state)
{
    struct keymap km;

    (void)state;
    keymap_init_defaults(&km);
    assert_int_equal(keymap_lookup(&km, 'j'), ACTION_MOVE_DOWN);
    assert_int_equal(keymap_lookup(&km, KEYMAP_FN(KEY_DOWN)), ACTION_MOVE_DOWN);
    assert_int_equal(keymap_lookup(&km, 6), ACTION_PAGE_DOWN);
    assert_int_equal(keymap_lookup(&km, 'n'), ACTION_SEARCH_NEXT);
    assert_int_equal(keymap_lookup(&km, 'N'), ACTION_SEARCH_PREV);
    assert_int_equal(keymap_lookup(&km, 'm'), ACTION_ANNOTATE);
    assert_int_equal(keymap_lookup(&km, '\\'), ACTION_FILTER);
    assert_int_equal(keymap_lookup(&km, '\n'), ACTION_OPEN);
    assert_int_equal(keymap_lookup(&km, 0x1b), ACTION_BACK);
    assert_int_equal(keymap_lookup(&km, ' '), ACTION_TAG);
    assert_int_equal(keymap_lookup(&km, '\t'), ACTION_NEXT_VIEW);
    assert_int_equal(keymap_lookup(&km, KEYMAP_FN(KEY_BTAB)), ACTION_PREV_VIEW);
    assert_int_equal(keymap_lookup(&km, 12), ACTION_REDRAW);
    assert_int_equal(keymap_lookup(&km, '?'), ACTION_HELP);
    assert_int_equal(keymap_lookup(&km, KEYMAP_FN(KEY_F(1))), ACTION_HELP);
    assert_int_equal(keymap_lookup(&km, 'q'), ACTION_QUIT);
    assert_int_equal(keymap_lookup(&km, 'x'), ACTION_NONE);
    assert_int_equal(keymap_lookup(&km, -1), ACTION_NONE);
}

static void keys_for_help(void **state)
{
    struct keymap km;
    char buf[64];

    (void)state;
    keymap_init_defaults(&km);
    assert_int_equal(keymap_keys_for(&km, ACTION_MOVE_DOWN, buf, sizeof buf), 2);
    assert_string_equal(buf, "j, Down");
    assert_int_equal(keymap_keys_for(&km, ACTION_PAGE_DOWN, buf, sizeof buf), 2);
    assert_string_equal(buf, "PgDn, C-f");
    assert_int_equal(keymap_keys_for(&km, ACTION_HELP, buf, sizeof buf), 2);
    assert_string_equal(buf, "?, F1");
    assert_int_equal(keymap_keys_for(&km, ACTION_TAG, buf, sizeof buf), 1);
    assert_string_equal(buf, "Space");
    /* only whole names fit */
    assert_int_equal(keymap_keys_for(&km, ACTION_MOVE_DOWN, buf, 7), 2);
    assert_string_equal(buf, "j");
    assert_int_equal(keymap_keys_for(&km, ACTION_MOVE_DOWN, buf, 8), 2);
    assert_string_equal(buf, "j, Down");
    assert_int_equal(keymap_keys_for(&km, ACTION_MOVE_DOWN, NULL, 0), 2);
    assert_int_equal(keymap_keys_for(&km, ACTION_NONE, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

static void bind_adds_and_moves(void **state)
{
    struct keymap km;
    char buf[64], err[128] = "";

    (void)state;
    keymap_init_defaults(&km);
    assert_int_equal(keymap_bind(&km, "y", "approve", err, sizeof err), 0);
    assert_int_equal(keymap_lookup(&km, 'y'), ACTION_APPROVE);
    keymap_keys_for(&km, ACTION_APPROVE, buf, sizeof buf);
    assert_string_equal(buf, "a, y");

    assert_int_equal(keymap_bind(&km, "a", "reject", err, sizeof err), 0);
    assert_int_equal(keymap_lookup(&km, 'a'), ACTION_REJECT);
    keymap_keys_for(&km, ACTION_APPROVE, buf, sizeof buf);
    assert_string_equal(buf, "y");
    keymap_keys_for(&km, ACTION_REJECT, buf, sizeof buf);
    assert_string_equal(buf, "r, a");

    /* binding a key to the action it already has keeps its place */
    assert_int_equal(keymap_bind(&km, "j", "move-down", err, sizeof err), 0);
    keymap_keys_for(&km, ACTION_MOVE_DOWN, buf, sizeof buf);
    assert_string_equal(buf, "j, Down");
    assert_string_equal(err, "");
}

static void bind_none_and_unbind_action(void **state)
{
    struct keymap km;
    char buf[64], err[128];

    (void)state;
    keymap_init_defaults(&km);
    assert_int_equal(keymap_bind(&km, "q", "none", err, sizeof err), 0);
    assert_int_equal(keymap_lookup(&km, 'q'), ACTION_NONE);
    assert_int_equal(keymap_keys_for(&km, ACTION_QUIT, buf, sizeof buf), 0);
    assert_string_equal(buf, "");

    keymap_unbind_action(&km, ACTION_MOVE_DOWN);
    assert_int_equal(keymap_lookup(&km, 'j'), ACTION_NONE);
    assert_int_equal(keymap_lookup(&km, KEYMAP_FN(KEY_DOWN)), ACTION_NONE);
    assert_int_equal(keymap_lookup(&km, 'k'), ACTION_MOVE_UP);
}

static void bind_errors(void **state)
{
    struct keymap km, before;
    char err[128];

    (void)state;
    keymap_init_defaults(&km);
    before = km;
    assert_int_equal(keymap_bind(&km, "a", "aprove", err, sizeof err), -1);
    assert_string_equal(err, "unknown action 'aprove'");
    assert_int_equal(keymap_bind(&km, "C-", "approve", err, sizeof err), -1);
    assert_string_equal(err, "unknown key 'C-'");
    assert_int_equal(keymap_bind(&km, "Ctrl-x", "quit", err, sizeof err), -1);
    assert_string_equal(err, "unknown key 'Ctrl-x'");
    assert_int_equal(keymap_bind(&km, NULL, "quit", err, sizeof err), -1);
    assert_string_equal(err, "unknown key ''");
    assert_int_equal(keymap_bind(&km, "a", NULL, err, sizeof err), -1);
    assert_string_equal(err, "unknown action ''");
    assert_int_equal(keymap_bind(&km, "a", "bogus", NULL, 0), -1);
    assert_int_equal(km.count, before.count);
    assert_memory_equal(km.bindings, before.bindings, km.count * sizeof km.bindings[0]);
}

static void bind_until_full(void **state)
{
    struct keymap km;
    char name[8], err[128];
    int i, rc = 0;

    (void)state;
    keymap_init_defaults(&km);
    for (i = 0; rc == 0 && i < 2 * KEYMAP_MAX_BINDINGS; i++) {
        /* a run of CJK ideographs from U+4E00, none bound by default */
        name[0] = (char)0xe4;
        name[1] = (char)(0xb8 + i / 64);
        name[2] = (char)(0x80 + i % 64);
        name[3] = '\0';
        rc = keymap_bind(&km, name, "claim", err, sizeof err);
    }
    assert_int_equal(rc, -1);
    assert_int_equal(km.count, KEYMAP_MAX_BINDINGS);
    assert_string_equal(err, "too many key bindings (at most 256)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_canonical_names),
        cmocka_unit_test(parse_aliases),
        cmocka_unit_test(parse_rejects_unknown),
        cmocka_unit_test(name_round_trip),
        cmocka_unit_test(names_of_odd_codes),
        cmocka_unit_test(keys_from_curses),
        cmocka_unit_test(action_names),
        cmocka_unit_test(defaults_are_consistent),
        cmocka_unit_test(default_lookups),
        cmocka_unit_test(keys_for_help),
        cmocka_unit_test(bind_adds_and_moves),
        cmocka_unit_test(bind_none_and_unbind_action),
        cmocka_unit_test(bind_errors),
        cmocka_unit_test(bind_until_full),
    };

    return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}
