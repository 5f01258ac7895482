/* casedesk — the help overlay: every key with its action, then what keys
 * mean in the views where they mean something else than their action's
 * name says, with the user's own bindings. Scrolls; any other key closes it.
 */
#ifndef CASEDESK_HELP_H
#define CASEDESK_HELP_H

#include <stddef.h>

#include "casedesk/keymap.h"
#include "casedesk/ui.h"

struct app;

void help_open(struct app *app);
void help_key(struct app *app, enum action a);
void help_draw(struct app *app);
/* The hint line while the help is open. */
const struct ui_hint *help_hints(const struct app *app, size_t *n);

#endif
