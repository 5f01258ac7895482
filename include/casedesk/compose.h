/* casedesk — the editor overlay, where a reviewer writes what an action
 * sends: a reason to reject (or the number of a common reason), the
 * materials to ask for (numbers from the item's list, or names), the
 * optional note that goes with them, a note, an escalation's question; the
 * answer that resolves an escalation; and the numbered picks: the department
 * a window clerk escalates to, the department (and maybe person) an
 * escalation is handed on to, the reviewer a supervisor reassigns to.
 *
 * Asking for material takes two steps, the materials then the note; the
 * materials wait in app->materials_literal meanwhile. A window clerk's
 * escalation and a hand-on take two steps too, the department then the
 * text; the department waits in app->step_value. Text left in the editor
 * after a failed request comes back as a draft (actions.h). Esc on a text
 * asks before throwing it away.
 */
#ifndef CASEDESK_COMPOSE_H
#define CASEDESK_COMPOSE_H

#include <wchar.h>

#include "casedesk/editor.h"
#include "casedesk/target.h"

struct app;

void compose_init(struct app *app);
void compose_done(struct app *app);

/* Opens the editor for purpose on the item t, with its draft if there is
 * one, and fetches the item's numbered choices (reasons, materials). */
void compose_open(struct app *app, enum editor_purpose purpose, const struct target *t);
/* Opens the editor for purpose on the tagged items (a reassignment). */
void compose_open_tags(struct app *app, enum editor_purpose purpose);
void compose_key(struct app *app, int rc, wint_t wch, int key);
/* The editor overlay, with its title, choices and notice. */
void compose_draw(const struct app *app);

#endif
