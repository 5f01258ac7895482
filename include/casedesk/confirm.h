/* casedesk — the y/N question before an action, in the message line: on
 * one item, or on the tagged ones. y sends the action, any other key
 * cancels. An overlay (app->overlay) like the prompts of prompt.h.
 */
#ifndef CASEDESK_CONFIRM_H
#define CASEDESK_CONFIRM_H

#include "casedesk/keymap.h"
#include "casedesk/target.h"

struct app;

/* Asks before act: on the item t (copied), or with t NULL on the tagged
 * items. */
void confirm_open(struct app *app, enum action act, const struct target *t);
void confirm_key(struct app *app, int key);
void confirm_done(struct app *app);

#endif
