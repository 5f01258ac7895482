/* casedesk — the numbered choices the editor overlay offers: an item's
 * common reasons for rejection or its required materials (from the guidance
 * knowledge base), the departments (to escalate to, to hand an escalation
 * on to), the reviewers of a department (to reassign to). Each choice has a
 * label to show and a value a number stands for: the reason itself, a
 * department id, a login.
 */
#ifndef CASEDESK_CHOICES_H
#define CASEDESK_CHOICES_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/editor.h"

struct app;

/* Asks for the choices of purpose (none for most): the item's texts, the
 * departments, or the reviewers of app->choice_department. */
void choices_fetch(struct app *app, enum editor_purpose purpose, int64_t item);
void choices_clear(struct app *app);
/* What the number typed (alone, or first in text) stands for, or NULL;
 * *rest (may be NULL) points after the number. */
const char *choices_pick(const struct app *app, const char *text, const char **rest);
const char *choices_label_of(const struct app *app, const char *value);
/* The line above the choices in the editor. */
const char *choices_title(enum editor_purpose purpose);

#endif
