/* casedesk — the editor overlay. */
#include "casedesk/compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/actions.h"
#include "casedesk/app_state.h"
#include "casedesk/i18n.h"
#include "casedesk/prompt.h"
#include "casedesk/result.h"

#define CTRL_KEY(c) ((c) & 0x1f)
#define SUBMIT_KEY CTRL_KEY('d')

void compose_init(struct app *app)
{
    editor_init(&app->ed, 0);
}

static void choices_clear(struct app *app)
{
    for (size_t i = 0; i < app->nchoices; i++)
        free(app->choices[i]);
    free(app->choices);
    app->choices = NULL;
    app->nchoices = 0;
}

void compose_done(struct app *app)
{
    editor_free(&app->ed);
    choices_clear(app);
    target_free(&app->ed_target);
    free(app->materials_literal);
    app->materials_literal = NULL;
}

/* --- the numbered choices ------------------------------------------------------------ */

/* The kind of the item's texts offered as choices, or NULL for none. */
static const char *choice_kind(enum editor_purpose p)
{
    return p == EDITOR_REASON ? "reason" : p == EDITOR_MATERIALS ? "material" : NULL;
}

static void on_choices(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    const char *kind = choice_kind(app->ed_purpose);

    app_log_result(app, r);
    if (--app->choices_inflight > 0 || app->overlay != OVERLAY_EDITOR || !kind || !r->ok)
        return;
    choices_clear(app);
    app->choices = result_calloc(r->res, sizeof *app->choices);
    for (int i = 0; app->choices && i < PQntuples(r->res); i++) {
        const char *k = result_text(r->res, i, 0), *body = result_text(r->res, i, 2);
        if (k && body && strcmp(k, kind) == 0 && (app->choices[app->nchoices] = strdup(body)))
            app->nchoices++;
    }
    app->dirty |= DIRTY_OVERLAY;
}

static void choices_fetch(struct app *app, int64_t item)
{
    char id[24];
    const char *p[1] = {id};

    snprintf(id, sizeof id, "%lld", (long long)item);
    app_send_counted(app, &app->choices_inflight, DB_ITEM_TEXTS, 1, p, on_choices, app);
}

/* --- opening and closing ---------------------------------------------------------------- */

static const char *purpose_title(enum editor_purpose p)
{
    switch (p) {
    case EDITOR_REASON: return _("Reject %s for %s — reason");
    case EDITOR_MATERIALS: return _("Ask %s for material (%s) — which materials");
    case EDITOR_SUPPLEMENT_NOTE: return _("Ask %s for material (%s) — note (optional)");
    case EDITOR_ESCALATION: return _("Escalate %s for %s — question");
    default: return _("Note on %s for %s");
    }
}

static void compose_notice(struct app *app, const char *text)
{
    snprintf(app->ed_notice, sizeof app->ed_notice, "%s", text);
    app->dirty |= DIRTY_OVERLAY;
}

void compose_open(struct app *app, enum editor_purpose purpose, const struct target *t)
{
    const char *draft;

    editor_free(&app->ed);
    editor_init(&app->ed, purpose == EDITOR_MATERIALS);
    app->ed_purpose = purpose;
    target_free(&app->ed_target);
    target_copy(&app->ed_target, t);
    snprintf(app->ed_title, sizeof app->ed_title, purpose_title(purpose), t->item,
             t->applicant);
    app->ed_notice[0] = '\0';
    app->ed_asking_discard = 0;
    if ((draft = editor_drafts_get(&app->drafts, t->id, purpose)) != NULL) {
        editor_set_text(&app->ed, draft);
        compose_notice(app, _("This text was not sent last time; it is here again."));
    }
    choices_clear(app);
    if (choice_kind(purpose) && app_online(app))
        choices_fetch(app, t->id);
    app->overlay = OVERLAY_EDITOR;
    app->dirty |= DIRTY_OVERLAY;
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
    /* compose_open() replaces ed_target: open on a copy. */
    struct target t;
    target_copy(&t, &app->ed_target);
    compose_open(app, EDITOR_SUPPLEMENT_NOTE, &t);
    target_free(&t);
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

static void submit_text(struct app *app, enum action act, const char *text)
{
    struct action_args a = {.text = text, .purpose = app->ed_purpose};
    if (!*text) {
        compose_notice(app, _("The text is empty; write something or press Esc."));
        return;
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
        app_say(app, 0, "%s", _("cancelled"));
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
    if (prompt_edit_key(&app->ed, rc, wch, key))
        app->dirty |= DIRTY_OVERLAY;
}
