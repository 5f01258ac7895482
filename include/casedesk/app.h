/* casedesk — the console: one poll() loop over the terminal, the database
 * socket and a pipe that signals write to, and the state that ties the
 * database's answers to what the screen shows.
 *
 * Nothing in the loop waits for the database: every query goes through
 * db_send() and its answer comes back to a callback in the console module
 * that asked (page, detailview, live, actions, choices, ...), which updates
 * the state, marks the regions of the screen to draw again and records in
 * app->want what else must happen; the loop does that once per turn. The
 * state and what each module owns of it: app_state.h.
 */
#ifndef CASEDESK_APP_H
#define CASEDESK_APP_H

#include <stdio.h>

#include "casedesk/config.h"
#include "casedesk/keymap.h"

/* Runs the console until the user quits or a terminating signal arrives.
 * cfg and km are used as given (the caller has applied its options).
 * log: an open debug log, or NULL. Returns the exit status. */
int app_run(const struct config *cfg, const struct keymap *km, FILE *log);

/* Leaves the terminal usable (endwin) if the console has it; for atexit()
 * and fatal signals. */
void app_restore_terminal(void);

#endif
