/* casedesk — the prompts in the message line: the y/N question before an
 * action, the incremental search (/) and the filter letter; and the keys
 * that edit text, shared with the editor overlay (compose.c).
 *
 * A prompt is an overlay (app->overlay): while it is open its key function
 * gets every key, and it closes itself.
 */
#ifndef CASEDESK_PROMPT_H
#define CASEDESK_PROMPT_H

#include <wchar.h>

#include "casedesk/editor.h"
#include "casedesk/keymap.h"
#include "casedesk/target.h"

struct app;

void prompt_init(struct app *app);
void prompt_done(struct app *app);

/* Asks before act: on the item t, or with t NULL on the tagged items. y
 * sends it, any other key cancels. */
void prompt_confirm(struct app *app, enum action act, const struct target *t);
void prompt_confirm_key(struct app *app, int key);

/* Moves the cursor to the first match as the text is typed; Enter keeps it
 * there, Esc goes back to where it was and to the search before. */
void prompt_search_open(struct app *app);
void prompt_search_key(struct app *app, int rc, wint_t wch, int key);

/* One letter picks a filter; the filter key again picks the next one. */
void prompt_filter_open(struct app *app);
void prompt_filter_key(struct app *app, int key, enum action a);

/* Edits ed with key (keymap_from_curses() of rc and wch): moves, deletes,
 * inserts. 1 when the key was taken; 0 for other keys and for a character
 * the editor refuses. */
int prompt_edit_key(struct editor *ed, int rc, wint_t wch, int key);

#endif
