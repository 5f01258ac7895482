/* casedesk — the prompts in the message line: the incremental search (/)
 * and the filter letter (the y/N question is confirm.h, the keys that
 * edit text editkeys.h).
 *
 * A prompt is an overlay (app->overlay): while it is open its key function
 * gets every key, and it closes itself.
 */
#ifndef CASEDESK_PROMPT_H
#define CASEDESK_PROMPT_H

#include <wchar.h>

#include "casedesk/editor.h"
#include "casedesk/keymap.h"

struct app;

void prompt_init(struct app *app);
void prompt_done(struct app *app);


/* Moves the cursor to the first match as the text is typed; Enter keeps it
 * there, Esc goes back to where it was and to the search before. */
void prompt_search_open(struct app *app);
void prompt_search_key(struct app *app, int rc, wint_t wch, int key);
void prompt_search_draw(const struct app *app);

/* One letter picks a filter; the filter key again picks the next one. */
void prompt_filter_open(struct app *app);
void prompt_filter_key(struct app *app, int key, enum action a);

#endif
