/* casedesk — the message history (M): the messages of this session, newest
 * first, each with the time it was said, so that an action's outcome can be
 * read after a later message replaced it on the message line. Scrolls; any
 * other key closes it. */
#ifndef CASEDESK_MESSAGES_H
#define CASEDESK_MESSAGES_H

#include <stddef.h>

#include "casedesk/keymap.h"
#include "casedesk/ui.h"

struct app;

void messages_open(struct app *app);
void messages_key(struct app *app, enum action a);
void messages_draw(struct app *app);
const struct ui_hint *messages_hints(const struct app *app, size_t *n);

/* The i-th message, newest first (i from 0), as the history shows it:
 * "HH:MM:SS  text", with "! " before an error. 0 when there is none. */
int messages_line(const struct app *app, unsigned i, char *buf, size_t n);

#endif
