/* casedesk — the y/N question before an action. */
#include "casedesk/confirm.h"

#include <stdio.h>

#include "casedesk/actions.h"
#include "casedesk/i18n.h"
#include "casedesk/svc.h"

void confirm_done(struct app *app)
{
    target_free(&app->confirm_target);
}

static void confirm_question(const struct app *app, enum action act, const struct target *t,
                             char *q, size_t n)
{
    if (t) {
        snprintf(q, n, _("Approve %s for %s? [y/N]"), t->item, t->applicant);
        return;
    }
    const char *fmt = act == ACTION_APPROVE ? _("Approve %zu tagged items? [y/N]")
                    : act == ACTION_CLAIM ? _("Claim %zu tagged items? [y/N]")
                                          : _("Release %zu tagged items? [y/N]");
    snprintf(q, n, fmt, app->q.ntags);
}

void confirm_open(struct app *app, enum action act, const struct target *t)
{
    char q[MESSAGE_MAX];

    confirm_question(app, act, t, q, sizeof q);
    app->confirm_act = act;
    app->confirm_batch = !t;
    target_free(&app->confirm_target);
    if (t)
        target_copy(&app->confirm_target, t);
    svc_ask(app, OVERLAY_CONFIRM, q);
}

void confirm_key(struct app *app, int key)
{
    svc_ask_done(app);
    if (key != 'y' && key != 'Y') {
        svc_say(app, 0, "%s", _("cancelled"));
        return;
    }
    app->message[0] = '\0';
    if (app->confirm_batch)
        actions_on_tags(app, app->confirm_act, NULL);
    else
        actions_on_target(app, app->confirm_act, &app->confirm_target, NULL);
}

