/* casedesk — a meter is a way in: from the meters (dash.h) to the list each
 * counts, by a key (show-red, show-waiting) or a command (:red, :paused,
 * :mine, :open, :waiting). Also the key that moves the focus between the
 * dashboard's panes.
 */
#ifndef CASEDESK_JUMP_H
#define CASEDESK_JUMP_H

#include "casedesk/keymap.h"

struct app;

/* focus-pane, show-red, show-waiting: 1 when a is one of them. */
int jump_key(struct app *app, enum action a);
/* Shows the list a meter counts: "red", "paused", "mine", "open",
 * "waiting"; 0 when word names none. */
int jump_show(struct app *app, const char *word);

#endif
