/* casedesk — the window's intake (view 4) in the console: the form that
 * files a matter (受理) and the finder that says where a case stands (查询).
 *
 * The form is a draft in the console's state: leaving the view, a refusal
 * or a lost connection keep what was typed. Enter starts filling it in; while
 * it is filled in it takes every key (Tab and the arrows move between
 * fields, Space ticks a material, Enter on the checklist asks y/N, Esc stops
 * and keeps it). A filing goes with a request id through actions.h, so a
 * repeated key or a lost connection files it once; its tracking code shows
 * as soon as it is filed. / opens the finder (intakefind.h).
 */
#ifndef CASEDESK_INTAKEVIEW_H
#define CASEDESK_INTAKEVIEW_H

#include "casedesk/view.h"

struct app;

void intakeview_init(struct app *app);
void intakeview_done(struct app *app);
/* View 4. */
extern const struct view_ops intakeview_ops;

#endif
