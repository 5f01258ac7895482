/* casedesk — the keys that edit text. */
#include "casedesk/editkeys.h"

#include <curses.h>

#include "casedesk/keymap.h"

static int edit_function_key(struct editor *ed, wint_t wch)
{
    switch ((int)wch) {
    case KEY_LEFT: editor_left(ed); return 1;
    case KEY_RIGHT: editor_right(ed); return 1;
    case KEY_UP: editor_up(ed); return 1;
    case KEY_DOWN: editor_down(ed); return 1;
    case KEY_HOME: editor_home(ed); return 1;
    case KEY_END: editor_end(ed); return 1;
    case KEY_DC: editor_delete(ed); return 1;
    case KEY_BACKSPACE: editor_backspace(ed); return 1;
    default: return 0;
    }
}

int editkeys_apply(struct editor *ed, int rc, wint_t wch, int key)
{
    if (rc == KEY_CODE_YES)
        return edit_function_key(ed, wch);
    if (key == KEYMAP_FN(KEY_BACKSPACE)) {
        editor_backspace(ed);
        return 1;
    }
    if (key == KEYMAP_ENTER)
        return editor_insert(ed, '\n') == 0;
    if (key == '\t' || key >= 0x20)
        return editor_insert(ed, (uint32_t)wch) == 0;
    return 0;
}

int editkeys_apply_key(struct editor *ed, int key)
{
    if (key >= KEYMAP_FN_BASE)
        return editkeys_apply(ed, KEY_CODE_YES, (wint_t)(key - KEYMAP_FN_BASE), key);
    if (key == KEYMAP_ENTER || key == '\t')
        return 0;
    return editkeys_apply(ed, OK, (wint_t)key, key);
}
