/* casedesk — what a key does. The key map turns a key into an action; an
 * open overlay (help, a prompt, the editor) takes the key first, otherwise
 * the view on screen (its view_ops) handles what it knows, and the keys it
 * returns are the generic driver's: switching views, help, the command
 * line, refresh, redraw, pausing live updates, quit.
 */
#ifndef CASEDESK_INPUT_H
#define CASEDESK_INPUT_H

#include <wchar.h>

struct app;

/* One key, as wget_wch() returned it (rc, wch). */
void input_key(struct app *app, int rc, wint_t wch);

#endif
