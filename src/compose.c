/* casedesk — the editor overlay. */
#include "casedesk/compose.h"

#include <curses.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/actions.h"
#include "casedesk/svc.h"
#include "casedesk/choices.h"
#include "casedesk/i18n.h"
#include "casedesk/editkeys.h"

#define CTRL_KEY(c) ((c) & 0x1f)
#define SUBMIT_KEY CTRL_KEY('d')

void compose_init(struct app *app)
{
    editor_init(&app->ed, 0);
}

static void step_clear(struct app *app)
{
    free(app->step_value);
    free(app->step_login);
    free(app->step_label);
    app->step_value = app->step_login = app->step_label = NULL;
}

void compose_done(struct app *app)
{
    editor_free(&app->ed);
    choices_clear(app);
    target_free(&app->ed_target);
    free(app->materials_literal);
    app->materials_literal = NULL;
    step_clear(app);
}

/* --- opening and closing ---------------------------------------------------------------- */

/* Each takes two strings: an item's name and its applicant, or an
 * escalation's case number and item. */
static const char *purpose_title(enum editor_purpose p)
{
    switch (p) {
    case EDITOR_REASON: return _("Reject %s for %s — reason");
    case EDITOR_MATERIALS: return _("Ask %s for material (%s) — which materials");
    case EDITOR_SUPPLEMENT_NOTE: return _("Ask %s for material (%s) — note (optional)");
    case EDITOR_ESCALATION: return _("Escalate %s for %s — question");
    case EDITOR_RESOLUTION: return _("Resolve the escalation on %s %s — answer");
    case EDITOR_HAND_ON_TO: return _("Hand on the escalation on %s %s — to whom");
    case EDITOR_REASSIGN_TO: return _("Reassign %s for %s — to whom");
    default: return _("Note on %s for %s");
    }
}

/* One line: a number to pick, or the materials. */
static int single_line(enum editor_purpose p)
{
    return p == EDITOR_MATERIALS || p == EDITOR_ESC_DEPARTMENT || p == EDITOR_HAND_ON_TO
        || p == EDITOR_REASSIGN_TO;
}

static void compose_notice(struct app *app, const char *text)
{
    snprintf(app->ed_notice, sizeof app->ed_notice, "%s", text);
    app->dirty |= DIRTY_OVERLAY;
}

/* Titles fit the editor (76 columns): a second step names where the first
 * chose to go, not again what the first step's title said. */
static void set_title(struct app *app, enum editor_purpose purpose, const struct target *t)
{
    char *title = app->ed_title;
    size_t n = sizeof app->ed_title;

    switch (purpose) {
    case EDITOR_ESC_DEPARTMENT:
        /* A window clerk's escalation is about the case, whichever of its
         * items the cursor was on. */
        snprintf(title, n, _("Escalate case %s (%s) — to which department"), t->case_no,
                 t->applicant);
        return;
    case EDITOR_ESCALATION:
        if (app->step_label) {
            snprintf(title, n, _("Escalate case %s to %s — question"), t->case_no,
                     app->step_label);
            return;
        }
        break;
    case EDITOR_HAND_ON_NOTE:
        snprintf(title, n, _("Hand on to %s — note"), app->step_label ? app->step_label : "");
        return;
    case EDITOR_RESOLUTION:
    case EDITOR_HAND_ON_TO:
        /* An escalation is known by its case and item. */
        snprintf(title, n, purpose_title(purpose), t->case_no, t->item);
        return;
    case EDITOR_REASSIGN_TO:
        if (app->ed_tags) {
            snprintf(title, n, _("Reassign %zu tagged items — to whom"), app->q.ntags);
            return;
        }
        break;
    default:
        break;
    }
    snprintf(title, n, purpose_title(purpose), t->item, t->applicant);
}

/* keep_step: the second step of a two-step editor, which keeps the first's
 * answer. */
static void open_editor(struct app *app, enum editor_purpose purpose, const struct target *t,
                        int keep_step)
{
    const char *draft;

    if (!keep_step)
        step_clear(app);
    editor_free(&app->ed);
    editor_init(&app->ed, single_line(purpose));
    app->ed_purpose = purpose;
    /* t may be app->ed_target itself. */
    struct target copy;
    target_copy(&copy, t);
    target_free(&app->ed_target);
    app->ed_target = copy;
    set_title(app, purpose, t);
    app->ed_notice[0] = '\0';
    app->ed_asking_discard = 0;
    if (!app->ed_tags && (draft = editor_drafts_get(&app->drafts, t->id, purpose)) != NULL) {
        editor_set_text(&app->ed, draft);
        compose_notice(app, _("This text was not sent last time; it is here again."));
    }
    choices_fetch(app, purpose, t->id);
    app->overlay = OVERLAY_EDITOR;
    app->dirty |= DIRTY_OVERLAY;
}

void compose_open(struct app *app, enum editor_purpose purpose, const struct target *t)
{
    app->ed_tags = 0;
    open_editor(app, purpose, t, 0);
}

void compose_open_tags(struct app *app, enum editor_purpose purpose)
{
    struct target none = {0};
    app->ed_tags = 1;
    target_set(&none, 0, 0, 0, "", "", "");
    open_editor(app, purpose, &none, 0);
    target_free(&none);
}

static void compose_close(struct app *app)
{
    app->overlay = OVERLAY_NONE;
    choices_clear(app);
    ui_overlay_close();
    app->dirty |= DIRTY_ALL;
}

/* Closes the editor and sends act with what was written. */
static void compose_send(struct app *app, enum action act, const struct action_args *a)
{
    compose_close(app);
    if (app->ed_tags)
        actions_on_tags(app, act, a);
    else
        actions_on_target(app, act, &app->ed_target, a);
}

/* --- submitting ------------------------------------------------------------------------- */

static void submit_reason(struct app *app, const char *text)
{
    if (!*text) {
        compose_notice(app, _("A reason is required: type one, or the number of a reason above."));
        return;
    }
    /* A number standing alone picks that choice. The choices go with the
     * editor; the reason must outlive it. */
    const char *pick = editor_choice(text, (const char *const *)app->choices, app->nchoices);
    char *reason = strdup(pick ? pick : text);
    struct action_args a = {.text = reason, .purpose = EDITOR_REASON};
    if (!reason)
        return;
    compose_send(app, ACTION_REJECT, &a);
    free(reason);
}

/* The first step of a supplement request: the note follows. */
static void submit_materials(struct app *app, const char *text)
{
    char *lit = editor_list_literal(text, (const char *const *)app->choices, app->nchoices);
    if (!lit) {
        compose_notice(app, _("Name at least one material: numbers from the list or names, "
                              "separated by commas."));
        return;
    }
    free(app->materials_literal);
    app->materials_literal = lit;
    editor_drafts_put(&app->drafts, app->ed_target.id, EDITOR_MATERIALS, text);
    open_editor(app, EDITOR_SUPPLEMENT_NOTE, &app->ed_target, 1);
}

static void submit_supplement(struct app *app, const char *text)
{
    /* A copy: keeping the materials as a draft again, if the request
     * fails, replaces the text the drafts hold. */
    const char *typed = editor_drafts_get(&app->drafts, app->ed_target.id, EDITOR_MATERIALS);
    char *typed_copy = typed ? strdup(typed) : NULL;
    struct action_args a = {
        .text = *text ? text : NULL,
        .materials = app->materials_literal,
        .materials_text = typed_copy,
        .purpose = EDITOR_SUPPLEMENT_NOTE,
    };
    compose_send(app, ACTION_SUPPLEMENT, &a);
    free(typed_copy);
}

/* The first step that picks a department, and for a hand-on maybe a login
 * after it: the text of the second step follows. */
static void submit_department(struct app *app, const char *text, enum editor_purpose next)
{
    const char *rest = NULL, *dept = choices_pick(app, text, &rest);

    if (!dept) {
        compose_notice(app, _("Type the number of a department from the list."));
        return;
    }
    if (rest && *rest && next != EDITOR_HAND_ON_NOTE) {
        compose_notice(app, _("Only the number of a department, please."));
        return;
    }
    step_clear(app);
    app->step_value = strdup(dept);
    app->step_login = rest && *rest ? strdup(rest) : NULL;
    const char *name = choices_label_of(app, dept);
    char label[256];
    if (app->step_login)
        snprintf(label, sizeof label, "%s, %s", app->step_login, name);
    else
        snprintf(label, sizeof label, "%s", name);
    app->step_label = strdup(label);
    open_editor(app, next, &app->ed_target, 1);
}

static void submit_reassign(struct app *app, const char *text)
{
    const char *login = choices_pick(app, text, NULL);
    if (!login) {
        compose_notice(app, _("Type the number of a reviewer from the list."));
        return;
    }
    char *copy = strdup(login);
    struct action_args a = {.login = copy, .purpose = EDITOR_REASSIGN_TO};
    if (!copy)
        return;
    compose_send(app, ACTION_REASSIGN, &a);
    free(copy);
}

static void submit_text(struct app *app, enum action act, const char *text)
{
    struct action_args a = {
        .text = text, .purpose = app->ed_purpose,
        .dept = app->step_value, .login = app->step_login,
        .escalation = act == ACTION_RESOLVE || act == ACTION_HAND_ON,
    };
    if (!*text) {
        compose_notice(app, _("The text is empty; write something or press Esc."));
        return;
    }
    /* A window clerk's escalation goes to the department chosen: the
     * messages name it where they name the item. */
    char *to = act == ACTION_ESCALATE && app->step_label ? strdup(app->step_label) : NULL;
    if (to) {
        free(app->ed_target.item);
        app->ed_target.item = to;
    }
    compose_send(app, act, &a);
}

static void compose_submit(struct app *app)
{
    char *text = editor_trimmed(editor_text(&app->ed));

    if (!text)
        return;
    switch (app->ed_purpose) {
    case EDITOR_REASON: submit_reason(app, text); break;
    case EDITOR_MATERIALS: submit_materials(app, text); break;
    case EDITOR_SUPPLEMENT_NOTE: submit_supplement(app, text); break;
    case EDITOR_ESCALATION: submit_text(app, ACTION_ESCALATE, text); break;
    case EDITOR_NOTE: submit_text(app, ACTION_ANNOTATE, text); break;
    case EDITOR_ESC_DEPARTMENT: submit_department(app, text, EDITOR_ESCALATION); break;
    case EDITOR_RESOLUTION: submit_text(app, ACTION_RESOLVE, text); break;
    case EDITOR_HAND_ON_TO: submit_department(app, text, EDITOR_HAND_ON_NOTE); break;
    case EDITOR_HAND_ON_NOTE: submit_text(app, ACTION_HAND_ON, text); break;
    case EDITOR_REASSIGN_TO: submit_reassign(app, text); break;
    default: break;
    }
    free(text);
}

/* --- keys ----------------------------------------------------------------------------------- */

static void compose_cancel(struct app *app)
{
    if (editor_is_blank(&app->ed) || app->ed_asking_discard) {
        if (app->ed_asking_discard)
            editor_drafts_drop(&app->drafts, app->ed_target.id, app->ed_purpose);
        compose_close(app);
        svc_say(app, 0, "%s", _("cancelled"));
        return;
    }
    app->ed_asking_discard = 1;
    compose_notice(app, _("Discard the text? y discards, any other key goes back to it."));
}

void compose_key(struct app *app, int rc, wint_t wch, int key)
{
    if (app->ed_asking_discard) {
        if (key == 'y' || key == 'Y') {
            compose_cancel(app);
            return;
        }
        app->ed_asking_discard = 0;
        compose_notice(app, "");
        return;
    }
    if (key == KEYMAP_ESC) {
        compose_cancel(app);
        return;
    }
    if (key == SUBMIT_KEY || (key == KEYMAP_ENTER && app->ed.single_line)) {
        compose_submit(app);
        return;
    }
    /* Past the limit, each character is refused at once (no text grows, no
     * copying), and the editor says so once. */
    if (rc != KEY_CODE_YES && (key >= 0x20 || key == '\t' || key == KEYMAP_ENTER)
        && editor_full(&app->ed)) {
        if (!app->ed_notice[0])
            compose_notice(app, _("the text is full; what is typed or pasted past it is dropped"));
        return;
    }
    if (editkeys_apply(&app->ed, rc, wch, key))
        app->dirty |= DIRTY_OVERLAY;
}

/* --- drawing ------------------------------------------------------------------------------- */

void compose_draw(const struct app *app)
{
    char hint[256];
    snprintf(hint, sizeof hint, "%s", app->ed.single_line
             ? _("Enter next  Esc cancel") : _("C-d save  Enter new line  Esc cancel"));
    struct ui_editor_view v = {
        .title = app->ed_title,
        .choices_title = choices_title(app->ed_purpose),
        .choices = (const char *const *)app->choices,
        .nchoices = app->nchoices,
        .ed = &app->ed,
        .hint = hint,
        .notice = app->ed_notice[0] ? app->ed_notice : NULL,
    };
    ui_draw_editor(&v);
}
