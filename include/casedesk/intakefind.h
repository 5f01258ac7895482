/* casedesk — the intake's finder (查询) in the console: the cases found by
 * case number, credit code or part of the applicant's name, with their open
 * items and promised completion (casedesk.find_cases()); Enter opens the
 * detail of a case's first item, whose flow chart covers the whole case,
 * and Esc there comes back. The finder's state is app->finder; intakeview.c
 * gives it the keys while it is on screen.
 */
#ifndef CASEDESK_INTAKEFIND_H
#define CASEDESK_INTAKEFIND_H

#include "casedesk/keymap.h"

struct app;

/* A key while the query is typed: Enter finds, Esc stops typing. 0 for a
 * key the query has no use for (F1, C-l). */
int intakefind_edit_key(struct app *app, int key);
/* A key while the cases are listed: 1 when handled. */
int intakefind_key(struct app *app, enum action a);

#endif
