/* casedesk — actions and the keys bound to them. */
#include "casedesk/keymap.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casedesk/text.h"

struct action_info {
    const char *name;
    const char *help;
    const char *keys;
};

#define ACTION_INFO(id, name, help, keys) [ACTION_##id] = { name, help, keys },
static const struct action_info actions[ACTION_COUNT] = {
    [ACTION_NONE] = { "none", "", "" },
    CASEDESK_ACTIONS(ACTION_INFO)
};
#undef ACTION_INFO

struct named_key {
    const char *name;
    int key;
};

/* The first name of a key is the one keymap_key_name() gives. */
static const struct named_key named_keys[] = {
    { "Enter", KEYMAP_ENTER },
    { "Esc", KEYMAP_ESC },
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
    { "Return", KEYMAP_ENTER },
    { "Escape", KEYMAP_ESC },
    { "S-Tab", KEYMAP_FN(KEY_BTAB) },
    { "Delete", KEYMAP_FN(KEY_DC) },
    { "Insert", KEYMAP_FN(KEY_IC) },
    { "PageDown", KEYMAP_FN(KEY_NPAGE) },
    { "PageUp", KEYMAP_FN(KEY_PPAGE) },
};
#define NAMED_KEYS (sizeof named_keys / sizeof named_keys[0])
#define MAX_FUNCTION_KEY 12
#define CTRL(c) ((c) & 0x1f)

enum action action_from_name(const char *name)
{
    int a;

    if (!name)
        return ACTION_NONE;
    for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
        if (strcmp(actions[a].name, name) == 0)
            return (enum action)a;
    return ACTION_NONE;
}

static int valid_action(enum action action)
{
    return (int)action > ACTION_NONE && action < ACTION_COUNT;
}

const char *action_name(enum action action)
{
    return valid_action(action) ? actions[action].name : actions[ACTION_NONE].name;
}

/* The action as the messages name it, in the user's language: a verb for
 * the actions on items, else what the help says it does (never the config
 * name, which is English). */
const char *action_word(enum action act)
{
    switch (act) {
    case ACTION_CLAIM: return _("claim");
    case ACTION_RELEASE: return _("release");
    case ACTION_APPROVE: return _("approve");
    case ACTION_REJECT: return _("reject");
    case ACTION_SUPPLEMENT: return _("supplement");
    case ACTION_ANNOTATE: return _("annotate");
    case ACTION_ESCALATE: return _("escalate");
    case ACTION_RESOLVE: return _("resolve");
    case ACTION_HAND_ON: return _("hand-on");
    case ACTION_REASSIGN: return _("reassign");
    default: return valid_action(act) ? action_help(act) : action_name(act);
    }
}

const char *action_help(enum action action)
{
    return valid_action(action) ? _(actions[action].help) : "";
}

const char *action_default_keys(enum action action)
{
    return valid_action(action) ? actions[action].keys : "";
}

/* A terminal sends Enter as CR or LF and Backspace as DEL or C-h depending on
 * its settings; one code for each keeps bindings independent of that. */
static int canonical_key(int key)
{
    switch (key) {
    case '\r':
    case KEYMAP_FN(KEY_ENTER):
        return KEYMAP_ENTER;
    case 0x7f:
    case CTRL('h'):
        return KEYMAP_FN(KEY_BACKSPACE);
    default:
        return key;
    }
}

/* Characters a key can be: a control code would be named, C1 and surrogates
 * never come from a keyboard. */
static int printable_key(uint32_t cp)
{
    return cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp <= 0x9f);
}

static int parse_single_char(const char *name)
{
    uint32_t cp;
    int len = text_decode(name, &cp);

    if (len <= 0 || name[len] != '\0' || !printable_key(cp))
        return -1;
    return (int)cp;
}

/* "C-f": letters in either case, and the punctuation that has a control code. */
static int parse_ctrl(const char *name)
{
    unsigned char c;

    if (strncasecmp(name, "C-", 2) != 0)
        return -1;
    c = (unsigned char)name[2];
    if (c == '\0' || name[3] != '\0')
        return -1;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || strchr("[\\]^_", c))
        return canonical_key(CTRL(c));
    return -1;
}

static int parse_function_key(const char *name)
{
    char *end;
    long n;

    if (name[0] != 'F' && name[0] != 'f')
        return -1;
    if (name[1] < '1' || name[1] > '9')
        return -1;
    n = strtol(name + 1, &end, 10);
    if (*end != '\0' || n < 1 || n > MAX_FUNCTION_KEY)
        return -1;
    return KEYMAP_FN(KEY_F((int)n));
}

int keymap_parse_key(const char *name)
{
    size_t i;
    int key;

    if (!name || !name[0])
        return -1;
    if ((key = parse_single_char(name)) >= 0)
        return key;
    for (i = 0; i < NAMED_KEYS; i++)
        if (strcasecmp(named_keys[i].name, name) == 0)
            return named_keys[i].key;
    if ((key = parse_ctrl(name)) >= 0)
        return key;
    return parse_function_key(name);
}

static void name_of_control(int key, char *buf, size_t n)
{
    if (key >= CTRL('a') && key <= CTRL('z'))
        snprintf(buf, n, "C-%c", key + 'a' - 1);
    else
        snprintf(buf, n, "C-%c", key + '@');
}

/* 0 when key is no character a keyboard sends. */
static int name_of_character(int key, char *buf, size_t n)
{
    char utf8[4];
    size_t len;

    if (key < 0 || key >= KEYMAP_FN_BASE || !printable_key((uint32_t)key))
        return 0;
    len = text_encode((uint32_t)key, utf8);
    if (len == 0)
        return 0;
    snprintf(buf, n, "%.*s", (int)len, utf8);
    return 1;
}

const char *keymap_key_name(int key, char *buf, size_t n)
{
    size_t i;

    if (!buf || n == 0)
        return "";
    key = canonical_key(key);
    for (i = 0; i < NAMED_KEYS; i++) {
        if (named_keys[i].key == key) {
            snprintf(buf, n, "%s", named_keys[i].name);
            return buf;
        }
    }
    if (key >= KEYMAP_FN(KEY_F(1)) && key <= KEYMAP_FN(KEY_F(63)))
        snprintf(buf, n, "F%d", key - KEYMAP_FN(KEY_F0));
    else if (key > 0 && key < 0x20)
        name_of_control(key, buf, n);
    else if (!name_of_character(key, buf, n))
        snprintf(buf, n, "<%#x>", (unsigned)key);
    return buf;
}

int keymap_from_curses(int rc, wint_t wch)
{
    if (rc == KEY_CODE_YES)
        return canonical_key(KEYMAP_FN((int)wch));
    if (rc == OK)
        return canonical_key((int)wch);
    return -1;
}

static void remove_at(struct keymap *km, size_t i)
{
    memmove(&km->bindings[i], &km->bindings[i + 1],
        (km->count - i - 1) * sizeof km->bindings[0]);
    km->count--;
}

static void unbind_key(struct keymap *km, int key)
{
    size_t i;

    for (i = 0; i < km->count; i++) {
        if (km->bindings[i].key == key) {
            remove_at(km, i);
            return;
        }
    }
}

/* 0, or -1 when the table is full. */
static int bind_code(struct keymap *km, int key, enum action action)
{
    if (keymap_lookup(km, key) == action)
        return 0;
    unbind_key(km, key);
    if (action == ACTION_NONE)
        return 0;
    if (km->count == KEYMAP_MAX_BINDINGS)
        return -1;
    km->bindings[km->count].key = key;
    km->bindings[km->count].action = action;
    km->count++;
    return 0;
}

static void bind_defaults_of(struct keymap *km, enum action action)
{
    char names[64];
    char *name, *save = NULL;
    int key;

    snprintf(names, sizeof names, "%s", actions[action].keys);
    for (name = strtok_r(names, " ", &save); name; name = strtok_r(NULL, " ", &save))
        if ((key = keymap_parse_key(name)) >= 0)
            bind_code(km, key, action);
}

void keymap_init_defaults(struct keymap *km)
{
    int a;

    km->count = 0;
    for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
        bind_defaults_of(km, (enum action)a);
}

__attribute__((format(printf, 3, 4)))
static void set_error(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (!err || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

int keymap_bind(struct keymap *km, const char *keyname, const char *actname,
        char *err, size_t errlen)
{
    int key = keymap_parse_key(keyname);
    enum action action = action_from_name(actname);

    if (action == ACTION_NONE && (!actname || strcmp(actname, "none") != 0)) {
        set_error(err, errlen, _("unknown action '%s'"), actname ? actname : "");
        return -1;
    }
    if (key < 0) {
        set_error(err, errlen, _("unknown key '%s'"), keyname ? keyname : "");
        return -1;
    }
    if (bind_code(km, key, action) < 0) {
        set_error(err, errlen, _("too many key bindings (at most %d)"), KEYMAP_MAX_BINDINGS);
        return -1;
    }
    return 0;
}

void keymap_unbind_action(struct keymap *km, enum action action)
{
    size_t i = 0;

    while (i < km->count) {
        if (km->bindings[i].action == action)
            remove_at(km, i);
        else
            i++;
    }
}

enum action keymap_lookup(const struct keymap *km, int key)
{
    size_t i;

    for (i = 0; i < km->count; i++)
        if (km->bindings[i].key == key)
            return km->bindings[i].action;
    return ACTION_NONE;
}

size_t keymap_keys_for(const struct keymap *km, enum action action, char *buf, size_t n)
{
    char name[KEYMAP_KEY_NAME_MAX];
    size_t i, used = 0, count = 0, len;
    int full = !buf || n == 0;
    const char *sep;

    if (!full)
        buf[0] = '\0';
    for (i = 0; i < km->count; i++) {
        if (km->bindings[i].action != action)
            continue;
        sep = count++ ? ", " : "";
        keymap_key_name(km->bindings[i].key, name, sizeof name);
        len = strlen(sep) + strlen(name);
        /* Stop at the first name that does not fit, so the list never skips
         * one and shows a later one. */
        if (full || used + len >= n) {
            full = 1;
            continue;
        }
        snprintf(buf + used, n - used, "%s%s", sep, name);
        used += len;
    }
    return count;
}

int keymap_first_key(const struct keymap *km, enum action action, char *buf,
                     size_t n)
{
    if (keymap_keys_for(km, action, buf, n) == 0)
        return 0;
    char *comma = strstr(buf, ", ");
    if (comma)
        *comma = '\0';
    return 1;
}
