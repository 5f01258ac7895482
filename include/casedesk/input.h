/* casedesk — what a key does. The key map turns a key into an action; an
 * open overlay (help, a prompt, the editor) takes the key first, otherwise
 * the view does what the action says: move, open, act on the item or the
 * tagged items, search, filter, refresh, pause live updates, quit.
 */
#ifndef CASEDESK_INPUT_H
#define CASEDESK_INPUT_H

struct app;

/* Handles every key the terminal has sent, until none is left or the user
 * quits. */
void input_read(struct app *app);

#endif
