/* casedesk — the keys that edit text, alike in the prompts of the message
 * line (search, the command line) and in the editor overlay: arrows, Home,
 * End, Delete, Backspace, and characters to insert.
 */
#ifndef CASEDESK_EDITKEYS_H
#define CASEDESK_EDITKEYS_H

#include <wchar.h>

#include "casedesk/editor.h"

/* Edits ed with key (keymap_from_curses() of rc and wch): moves, deletes,
 * inserts. 1 when the key was taken; 0 for other keys and for a character
 * the editor refuses. */
int editkeys_apply(struct editor *ed, int rc, wint_t wch, int key);
/* The same for a key as a view gets it (keymap.h): a form's field edited
 * in the view itself. Enter and Tab are the form's, not the text's: 0. */
int editkeys_apply_key(struct editor *ed, int key);

#endif
