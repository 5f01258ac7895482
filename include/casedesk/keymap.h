/* casedesk — actions and the keys bound to them.
 *
 * CASEDESK_ACTIONS is the one list of what a user can do: the enum, the
 * names used in the configuration file, the help overlay and the default
 * bindings are all generated from it, so they cannot drift apart.
 *
 * Keys are ints: a character key is its Unicode code point (control
 * characters included, so C-f is 6), a curses function key is
 * KEYMAP_FN(KEY_*). Curses key codes (0401-0777) are also valid code points,
 * hence the offset. Enter is always '\n' and Backspace always
 * KEYMAP_FN(KEY_BACKSPACE), however the terminal sends them.
 */
#ifndef CASEDESK_KEYMAP_H
#define CASEDESK_KEYMAP_H

#include <stddef.h>
#include <wchar.h>

#include "casedesk/i18n.h"

/* X(ID, "name", N_("help text"), "default keys, space separated").
 *
 * Annotate is on m (memo): ux.md also offers n, but n/N are search
 * next/previous as in vi, less and mutt, and one key cannot do both.
 * Acknowledging an escalation has no action of its own yet: ux.md puts it
 * on a, which approve already holds in this single key map. */
#define CASEDESK_ACTIONS(X) \
    X(MOVE_DOWN, "move-down", N_("Move down one line"), "j Down") \
    X(MOVE_UP, "move-up", N_("Move up one line"), "k Up") \
    X(MOVE_LEFT, "move-left", N_("Move to the figure on the left"), "Left") \
    X(MOVE_RIGHT, "move-right", N_("Move to the figure on the right"), "Right") \
    X(PAGE_DOWN, "page-down", N_("Move down one page"), "PgDn C-f") \
    X(PAGE_UP, "page-up", N_("Move up one page"), "PgUp C-b") \
    X(TOP, "top", N_("Go to the first line"), "g Home") \
    X(BOTTOM, "bottom", N_("Go to the last line"), "G End") \
    X(SEARCH, "search", N_("Search the list"), "/") \
    X(SEARCH_NEXT, "search-next", N_("Go to the next match"), "n") \
    X(SEARCH_PREV, "search-prev", N_("Go to the previous match"), "N") \
    X(FILTER, "filter", N_("Show only the lines that match"), "\\") \
    X(SORT, "sort", N_("Sort by another column"), "o") \
    X(SORT_REVERSE, "sort-reverse", N_("Reverse the sort order"), "O") \
    X(VIEW_QUEUE, "view-queue", N_("Show the work queue"), "1") \
    X(VIEW_ESCALATIONS, "view-escalations", N_("Show the escalations"), "2") \
    X(VIEW_SUPERVISOR, "view-supervisor", N_("Show the supervisor view"), "3") \
    X(VIEW_INTAKE, "view-intake", N_("Show the window intake"), "4") \
    X(NEXT_VIEW, "next-view", N_("Switch to the next view"), "Tab") \
    X(PREV_VIEW, "prev-view", N_("Switch to the previous view"), "BTab") \
    X(OPEN, "open", N_("Open the selected item"), "Enter") \
    X(BACK, "back", N_("Go back, cancel or clear the filter"), "Esc") \
    X(CLAIM, "claim", N_("Claim the item"), "c") \
    X(RELEASE, "release", N_("Release the item back to the queue"), "u") \
    X(APPROVE, "approve", N_("Approve the item"), "a") \
    X(REJECT, "reject", N_("Reject the item, with a reason"), "r") \
    X(SUPPLEMENT, "supplement", N_("Request supplementary material (pauses the clock)"), "s") \
    X(ANNOTATE, "annotate", N_("Add a note to the item"), "m") \
    X(ESCALATE, "escalate", N_("Escalate the item"), "e") \
    X(RESOLVE, "resolve", N_("Resolve the escalation"), "d") \
    X(HAND_ON, "hand-on", N_("Hand the escalation on"), "h") \
    X(REASSIGN, "reassign", N_("Reassign the item to another officer"), "@") \
    X(TAG, "tag", N_("Tag the item and move down"), "Space") \
    X(UNTAG_ALL, "untag-all", N_("Remove all tags"), "U") \
    X(REFRESH, "refresh", N_("Fetch the data again"), "R") \
    X(REDRAW, "redraw", N_("Redraw the screen"), "C-l") \
    X(FREEZE, "freeze", N_("Pause or resume live updates"), "Z") \
    X(COMMAND, "command", N_("Enter a command"), ":") \
    X(MESSAGES, "messages", N_("Show the recent messages"), "M") \
    X(TRACKING_CODE, "tracking-code", N_("Show the case's tracking QR code (in the detail)"), "Q") \
    X(FOCUS_PANE, "focus-pane", N_("Give the keys to the other pane (on a large screen)"), "w") \
    X(SHOW_RED, "show-red", N_("List the red items the meters count"), "!") \
    X(SHOW_WAITING, "show-waiting", N_("Show the escalations waiting for you"), "W") \
    X(HELP, "help", N_("Show the keys"), "? F1") \
    X(QUIT, "quit", N_("Quit"), "q")

#define CASEDESK_ACTION_ENUM(id, name, help, keys) ACTION_##id,
enum action {
    ACTION_NONE,
    CASEDESK_ACTIONS(CASEDESK_ACTION_ENUM)
    ACTION_COUNT
};
#undef CASEDESK_ACTION_ENUM

#define KEYMAP_FN_BASE 0x110000
#define KEYMAP_FN(curses_key) (KEYMAP_FN_BASE + (curses_key))
#define KEYMAP_ENTER '\n'
#define KEYMAP_ESC 0x1b
/* Room for any name keymap_key_name() produces, NUL included. */
#define KEYMAP_KEY_NAME_MAX 16
#define KEYMAP_MAX_BINDINGS 256

struct keymap_binding {
    int key;
    enum action action;
};

/* Key -> action, in the order the keys were bound (the help overlay lists
 * them in that order). Plain data: copy it, keep it on the stack. Change it
 * only through the functions below. */
struct keymap {
    size_t count;
    struct keymap_binding bindings[KEYMAP_MAX_BINDINGS];
};

/* "move-down" -> ACTION_MOVE_DOWN; ACTION_NONE for an unknown name. */
enum action action_from_name(const char *name);
/* ACTION_MOVE_DOWN -> "move-down"; "none" for ACTION_NONE or out of range. */
const char *action_name(enum action action);
/* The action as messages name it, in the user's language: a verb ("claim",
 * 认领) for the actions on items, what action_help() says for the others;
 * never the config name. */
const char *action_word(enum action action);
/* The help text in the user's language; "" for ACTION_NONE. */
const char *action_help(enum action action);
/* The compiled-in default keys, space separated: "j Down". */
const char *action_default_keys(enum action action);

/* "j", "G", "王", "C-f", "Enter", "Esc", "Tab", "BTab", "Space", "PgDn", "PgUp",
 * "Home", "End", "Up", "Down", "Left", "Right", "F1".."F12", "Backspace",
 * "Del", "Ins" -> key code; names of more than one character ignore case.
 * Also accepts "Return", "Escape", "S-Tab", "PageDown", "PageUp", "Delete",
 * "Insert" and a literal space. -1 for anything else. */
int keymap_parse_key(const char *name);

/* The canonical name of key (the first of the names above), written to buf
 * and returned; KEYMAP_KEY_NAME_MAX bytes always suffice. */
const char *keymap_key_name(int key, char *buf, size_t n);

/* The key code for what get_wch() returned: rc is its return value
 * (OK or KEY_CODE_YES), wch what it stored. -1 for ERR. */
int keymap_from_curses(int rc, wint_t wch);

/* Only the compiled-in bindings of CASEDESK_ACTIONS. */
void keymap_init_defaults(struct keymap *km);

/* Binds the key named keyname to the action named actname, taking the key
 * away from the action that had it; action "none" unbinds the key. Returns 0,
 * or -1 with a message in err ("unknown action 'aprove'"). */
int keymap_bind(struct keymap *km, const char *keyname, const char *actname,
        char *err, size_t errlen);

/* Removes every key of action (before giving it a new set). */
void keymap_unbind_action(struct keymap *km, enum action action);

/* The action bound to key, or ACTION_NONE. */
enum action keymap_lookup(const struct keymap *km, int key);

/* Writes the keys of action to buf as "j, Down" (only whole names; "" when
 * unbound) and returns how many keys it has. */
size_t keymap_keys_for(const struct keymap *km, enum action action, char *buf,
                       size_t n);
/* The first key of action, as the help and the hint line name it; 0 (and
 * "") when it is unbound. */
int keymap_first_key(const struct keymap *km, enum action action, char *buf,
                     size_t n);

#endif
