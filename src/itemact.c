/* casedesk — the keys that act on items. */
#include "casedesk/itemact.h"

#include "casedesk/actions.h"
#include "casedesk/compose.h"
#include "casedesk/confirm.h"
#include "casedesk/i18n.h"
#include "casedesk/svc.h"

/* --- acting ---------------------------------------------------------------------------- */

/* The item the keys act on: the detail's, or the one under the cursor. */
static const struct queue_row *focus_row(const struct app *app)
{
    if (app->view == VIEW_DETAIL)
        return app->detail.row.id ? &app->detail.row : NULL;
    return queue_current(&app->q);
}

/* Claim, release and approve go to the tagged items when there are any. */
static int acts_on_tags(const struct app *app, enum action a)
{
    return app->view == VIEW_QUEUE && app->q.ntags > 0
        && (a == ACTION_CLAIM || a == ACTION_RELEASE || a == ACTION_APPROVE);
}

/* The department of the tagged items, as far as the loaded rows tell; the
 * database refuses a reviewer of another department item by item. */
static int tagged_department(const struct app *app)
{
    for (size_t i = 0; i < app->q.ntags; i++) {
        long at = queue_find(&app->q, app->q.tags[i].id);
        if (at >= 0)
            return app->q.rows[at].department_id;
    }
    const struct queue_row *r = queue_current(&app->q);
    return r ? r->department_id : 0;
}

/* Reassigning starts with the reviewers of the item's department. */
static void reassign_start(struct app *app, const struct target *t, int department)
{
    if (!svc_job_is(app, "supervisor")) {
        svc_say(app, 1, "%s", _("only supervisors reassign work"));
        return;
    }
    app->choice_department = department;
    if (!t)
        compose_open_tags(app, EDITOR_REASSIGN_TO);
    else
        compose_open(app, EDITOR_REASSIGN_TO, t);
}

static void start_action(struct app *app, enum action a)
{
    const struct queue_row *r = focus_row(app);
    struct target t = {0};

    if (a == ACTION_REASSIGN && app->view == VIEW_QUEUE && app->q.ntags > 0) {
        reassign_start(app, NULL, tagged_department(app));
        return;
    }
    if (acts_on_tags(app, a)) {
        confirm_open(app, a, NULL);
        return;
    }
    if (!r || target_from_row(&t, r) < 0) {
        svc_say(app, 1, "%s", _("no item selected"));
        return;
    }
    switch (a) {
    case ACTION_APPROVE: confirm_open(app, a, &t); break;
    case ACTION_CLAIM:
    case ACTION_RELEASE: actions_on_target(app, a, &t, NULL); break;
    case ACTION_REJECT: compose_open(app, EDITOR_REASON, &t); break;
    case ACTION_SUPPLEMENT: compose_open(app, EDITOR_MATERIALS, &t); break;
    case ACTION_ANNOTATE: compose_open(app, EDITOR_NOTE, &t); break;
    case ACTION_ESCALATE:
        /* A window clerk asks whichever department can answer; a reviewer
         * the item's. */
        compose_open(app, svc_job_is(app, "window") ? EDITOR_ESC_DEPARTMENT : EDITOR_ESCALATION,
                     &t);
        break;
    case ACTION_REASSIGN: reassign_start(app, &t, r->department_id); break;
    default: break;
    }
    target_free(&t);
}

static void search_step(struct app *app, int dir)
{
    if (!app->q.search)
        svc_say(app, 0, "%s", _("no search yet: press / first"));
    else if (!queue_search_next(&app->q, dir))
        svc_say(app, 1, _("no loaded item matches \"%s\""), app->q.search);
    else
        app->dirty |= DIRTY_LIST;
}

int itemact_key(struct app *app, enum action a)
{
    switch (a) {
    case ACTION_CLAIM: case ACTION_RELEASE: case ACTION_APPROVE: case ACTION_REJECT:
    case ACTION_SUPPLEMENT: case ACTION_ANNOTATE: case ACTION_ESCALATE: case ACTION_REASSIGN:
        start_action(app, a);
        return 1;
    case ACTION_SEARCH_NEXT: search_step(app, 1); return 1;
    case ACTION_SEARCH_PREV: search_step(app, -1); return 1;
    case ACTION_UNTAG_ALL:
        queue_untag_all(&app->q);
        app->dirty |= DIRTY_LIST | DIRTY_HEADER;
        return 1;
    default:
        return 0;
    }
}

