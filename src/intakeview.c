/* casedesk — the window's intake in the console. */
#include "casedesk/intakeview.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casedesk/actions.h"
#include "casedesk/editkeys.h"
#include "casedesk/i18n.h"
#include "casedesk/intakefind.h"
#include "casedesk/qrview.h"
#include "casedesk/refusal.h"
#include "casedesk/result.h"
#include "casedesk/svc.h"
#include "casedesk/ui_intake.h"

void intakeview_init(struct app *app)
{
    intake_init(&app->intake);
    intake_finder_init(&app->finder);
}

void intakeview_done(struct app *app)
{
    intake_free(&app->intake);
    intake_finder_free(&app->finder);
}

/* --- what the database knows ---------------------------------------------------------- */

static void on_matters(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    svc_log_result(app, r);
    if (!svc_arrived(&app->intake_matters_inflight) || svc_failed(app, r, _("matter types: %s")))
        return;
    if (intake_load_matters(&app->intake, PQntuples(r->res), result_queue_cell, (void *)r->res) < 0)
        svc_say(app, 1, "%s", _("out of memory"));
    app->dirty |= DIRTY_LIST;
}

static void matters_fetch(struct app *app)
{
    if (svc_online(app))
        svc_send_counted(app, &app->intake_matters_inflight, DB_INTAKE_MATTERS, 0, NULL,
                         on_matters, app);
}

static void on_checklist(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct intake_form *f = &app->intake;

    svc_log_result(app, r);
    if (!svc_arrived(&app->intake_checklist_inflight) || svc_failed(app, r, _("checklist: %s")))
        return;
    /* Another matter type was chosen meanwhile: its own checklist follows. */
    const struct intake_matter *m = intake_chosen(f);
    if (!m || PQntuples(r->res) < 1 || f->checklist_loaded)
        return;
    if (intake_load_checklist(f, PQntuples(r->res), result_queue_cell, (void *)r->res) < 0)
        svc_say(app, 1, "%s", _("out of memory"));
    f->note[INTAKE_CHECKLIST][0] = '\0';
    app->dirty |= DIRTY_LIST;
}

/* again: a matter type was chosen, whatever request is on its way; else
 * only when none is (the checklist is asked for as the focus reaches it,
 * in case it could not be when the matter type was chosen). */
static void checklist_fetch(struct app *app, int again)
{
    const struct intake_matter *m = intake_chosen(&app->intake);
    const char *p[1];

    if (!m || app->intake.checklist_loaded || !svc_online(app)
        || (!again && app->intake_checklist_inflight.n > 0))
        return;
    p[0] = m->code;
    svc_send_counted(app, &app->intake_checklist_inflight, DB_INTAKE_CHECKLIST, 1, p,
                     on_checklist, app);
}

/* The applicant of the code typed: a known one's name fills the name in. */
static void on_applicant(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct intake_form *f = &app->intake;
    char *code;

    svc_log_result(app, r);
    if (!svc_arrived(&app->intake_applicant_inflight))
        return;
    /* Not known either way: asked again on R. */
    if (svc_failed(app, r, _("applicant: %s"))) {
        f->applicant = INTAKE_APPLICANT_UNASKED;
        f->asked_code[0] = '\0';
        app->dirty |= DIRTY_LIST;
        return;
    }
    code = intake_code_value(f);
    if (code && strcmp(code, f->asked_code) == 0 && PQntuples(r->res) == 1) {
        if (PQgetisnull(r->res, 0, 0)) {
            f->applicant = INTAKE_APPLICANT_NEW;
        } else {
            f->applicant = INTAKE_APPLICANT_KNOWN;
            editor_set_text(&f->name, PQgetvalue(r->res, 0, 0));
            f->note[INTAKE_NAME][0] = '\0';
        }
        app->dirty |= DIRTY_LIST;
    }
    free(code);
}

static void applicant_fetch(struct app *app, const char *code)
{
    struct intake_form *f = &app->intake;
    const char *p[1] = {code};

    if (!svc_online(app))
        return;
    snprintf(f->asked_code, sizeof f->asked_code, "%s", code);
    f->applicant = INTAKE_APPLICANT_ASKING;
    svc_send_counted(app, &app->intake_applicant_inflight, DB_APPLICANT_NAME, 1, p, on_applicant,
                     app);
}

/* --- filing ------------------------------------------------------------------------------ */

/* Where a refusal of the server belongs: next to the field it names. */
static enum intake_field refused_field(const char *message)
{
    if (strstr(message, "credit code"))
        return INTAKE_CODE;
    if (strstr(message, "applicant"))
        return INTAKE_NAME;
    if (strstr(message, "project"))
        return INTAKE_PROJECT;
    if (strstr(message, "matter"))
        return INTAKE_MATTER;
    return INTAKE_NFIELDS;
}

/* "2026-12-09 17:00", in the centre's time zone. */
static void local_time(int64_t epoch, char *buf, size_t n)
{
    time_t t = (time_t)epoch;
    struct tm tm;

    if (!localtime_r(&t, &tm) || strftime(buf, n, "%Y-%m-%d %H:%M", &tm) == 0)
        snprintf(buf, n, "-");
}

/* What the new case is: shown as its tracking code, and under the form. */
static void on_filed_case(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    char when[64] = "-";

    svc_log_result(app, r);
    if (svc_failed(app, r, _("the new case: %s")) || PQntuples(r->res) != 1)
        return;
    const char *case_no = PQgetvalue(r->res, 0, 0);
    if (!PQgetisnull(r->res, 0, 1))
        local_time(result_epoch(r->res, 0, 1), when, sizeof when);
    snprintf(app->intake_filed, sizeof app->intake_filed,
             _("filed %s — promised completion %s"), case_no, when);
    svc_say(app, 0, "%s", app->intake_filed);
    app->dirty |= DIRTY_LIST;
    if (app->view == VIEW_INTAKE && app->overlay == OVERLAY_NONE)
        qrview_show(app, case_no);
}

static void on_filing(struct app *app, const struct db_result *r)
{
    struct intake_form *f = &app->intake;

    app->intake_filing = 0;
    app->dirty |= DIRTY_LIST | DIRTY_HINTS;
    /* Lost again, the case may have been filed: filing the same form once
     * more keeps the request id, which the database answers with that case
     * (and refuses for other data). Otherwise the next filing is a new one. */
    if (r->ok || !result_connection_lost(r))
        app->intake_request[0] = '\0';
    if (r->ok && PQntuples(r->res) == 1) {
        const char *p[1] = {PQgetvalue(r->res, 0, 0)};
        intake_clear(f);
        app->intake_editing = 0;
        app->want |= WANT_CHANGED;
        svc_send(app, DB_FILED_CASE, 1, p, on_filed_case, app);
        return;
    }
    /* Refused, or the connection broke again on the way: nothing typed is
     * lost, and the message stands beside what it is about. */
    char why[INTAKE_NOTE_MAX];
    if (result_connection_lost(r))
        snprintf(why, sizeof why, "%s",
                 _("the connection broke again: look the case up (/) before filing again"));
    else
        refusal_text(r->sqlstate, r->message, why, sizeof why);
    enum intake_field at = refused_field(r->message ? r->message : "");
    if (at < INTAKE_NFIELDS) {
        snprintf(f->note[at], sizeof f->note[at], "%s", why);
        f->focus = at;
    }
    snprintf(f->form_note, sizeof f->form_note, _("not filed: %s (the form is kept)"), why);
    svc_say(app, 1, "%s", f->form_note);
}

static void file_now(struct app *app)
{
    struct intake_form *f = &app->intake;
    char *code, *items, *ords, what[MESSAGE_MAX];

    if (!svc_online(app)) {
        snprintf(f->form_note, sizeof f->form_note, "%s",
                 _("not filed: the database is offline (the form is kept)"));
        return;
    }
    if (!(code = intake_code_value(f)))
        return;
    if (intake_missing_literals(f, &items, &ords) < 0) {
        free(code);
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    if (!app->intake_request[0] && db_new_request_id(app->intake_request) < 0)
        app->intake_request[0] = '\0';
    const char *p[7] = {app->intake_request, intake_chosen(f)->code, code, editor_text(&f->name),
                        editor_text(&f->project), items, ords};
    snprintf(what, sizeof what, _("file %s for %s"), intake_chosen(f)->name, editor_text(&f->name));
    struct actions_once once = {DB_FILE_CASE, 7, p, what, on_filing};
    /* On its way before it is sent: an outcome known at once (not even
     * queued) ends it within the call. */
    app->intake_filing = 1;
    snprintf(f->form_note, sizeof f->form_note, "%s", _("filing…"));
    if (!app->intake_request[0] || actions_send_once(app, &once) < 0) {
        app->intake_filing = 0;
        f->form_note[0] = '\0';
        svc_say(app, 1, "%s", _("out of memory"));
    }
    free(code);
    free(items);
    free(ords);
}

/* Enter on the checklist: y/N first, the filing named. */
static void ask_to_file(struct app *app)
{
    struct intake_form *f = &app->intake;

    if (app->intake_filing) {
        svc_say(app, 0, "%s", _("the filing is on its way"));
        return;
    }
    if (intake_validate(f) < 0) {
        app->dirty |= DIRTY_LIST;
        return;
    }
    app->intake_confirming = 1;
    app->dirty |= DIRTY_LIST | DIRTY_HINTS;
}

static void confirm_key(struct app *app, int key)
{
    app->intake_confirming = 0;
    app->dirty |= DIRTY_LIST | DIRTY_HINTS;
    if (key == 'y' || key == 'Y')
        file_now(app);
    else
        svc_say(app, 0, "%s", _("not filed; the form is kept"));
}

/* --- the form's keys ----------------------------------------------------------------------- */

/* The code as typed: letters in capitals, checked at once; a whole valid
 * code asks who it is. */
static void code_typed(struct app *app)
{
    struct intake_form *f = &app->intake;
    char *code = intake_code_value(f);
    struct intake_code_check c;

    if (!code)
        return;
    c = intake_code_check(code);
    intake_code_note(&c, f->note[INTAKE_CODE], sizeof f->note[INTAKE_CODE]);
    if (strcmp(code, f->asked_code) != 0) {
        /* A name filled in for another code is not this one's. */
        if (f->applicant == INTAKE_APPLICANT_KNOWN)
            editor_set_text(&f->name, NULL);
        f->applicant = INTAKE_APPLICANT_UNASKED;
        f->asked_code[0] = '\0';
        if (c.state == INTAKE_CODE_VALID)
            applicant_fetch(app, code);
    }
    free(code);
}

static void choose_matter(struct app *app)
{
    struct intake_form *f = &app->intake;

    if (intake_choose(f) < 0) {
        snprintf(f->note[INTAKE_MATTER], sizeof f->note[INTAKE_MATTER], "%s",
                 _("no matter type has that in its name or code"));
        return;
    }
    checklist_fetch(app, 1);
    intake_focus_move(f, 1);
}

static void text_key(struct app *app, struct editor *ed, int key)
{
    struct intake_form *f = &app->intake;

    if (f->focus == INTAKE_NAME && f->applicant == INTAKE_APPLICANT_KNOWN) {
        snprintf(f->note[INTAKE_NAME], sizeof f->note[INTAKE_NAME], "%s",
                 _("the name on record for this code; change the code for another applicant"));
        return;
    }
    /* Codes are written in capitals. */
    if (f->focus == INTAKE_CODE && key >= 'a' && key <= 'z')
        key -= 'a' - 'A';
    if (!editkeys_apply_key(ed, key))
        return;
    if (f->focus == INTAKE_MATTER)
        intake_matter_typed(f);
    else if (f->focus == INTAKE_CODE)
        code_typed(app);
    else
        f->note[f->focus][0] = '\0';
    f->form_note[0] = '\0';
}

static void enter_key(struct app *app)
{
    struct intake_form *f = &app->intake;

    switch (f->focus) {
    case INTAKE_MATTER: choose_matter(app); break;
    case INTAKE_CHECKLIST: ask_to_file(app); break;
    default: intake_focus_move(f, 1); break;
    }
    if (f->focus == INTAKE_CHECKLIST)
        checklist_fetch(app, 0);
}

/* Up and down: within the list of matter types or the checklist, else to
 * the field above or below. */
static void up_down(struct app *app, int delta)
{
    struct intake_form *f = &app->intake;

    if (f->focus == INTAKE_MATTER && f->nshown > 1 && !(delta < 0 && f->pick == 0)
        && !(delta > 0 && f->pick + 1 == f->nshown))
        intake_pick_move(f, delta);
    else if (f->focus == INTAKE_CHECKLIST && !(delta < 0 && f->row == 0))
        intake_row_move(f, delta);
    else
        intake_focus_move(f, delta);
}

/* A character: the form's, whether a field takes it or not. */
static int is_text(int key)
{
    return key >= 0x20 && key < KEYMAP_FN_BASE;
}

/* 0 for the keys the form has no use for (F1, C-l): the generic driver's. */
static int form_key(struct app *app, int key)
{
    struct intake_form *f = &app->intake;
    struct editor *ed = intake_editor(f, f->focus);

    switch (key) {
    case KEYMAP_ESC:
        app->intake_editing = 0;
        app->dirty |= DIRTY_HINTS;
        break;
    case '\t': intake_focus_move(f, 1); break;
    case KEYMAP_FN(KEY_BTAB): intake_focus_move(f, -1); break;
    case KEYMAP_FN(KEY_UP): up_down(app, -1); break;
    case KEYMAP_FN(KEY_DOWN): up_down(app, 1); break;
    case KEYMAP_ENTER: enter_key(app); break;
    case KEYMAP_FN(KEY_LEFT): case KEYMAP_FN(KEY_RIGHT): case KEYMAP_FN(KEY_HOME):
    case KEYMAP_FN(KEY_END): case KEYMAP_FN(KEY_DC): case KEYMAP_FN(KEY_BACKSPACE):
        if (ed)
            text_key(app, ed, key);
        break;
    default:
        if (!is_text(key))
            return 0;
        if (ed)
            text_key(app, ed, key);
        else if (key == ' ')
            intake_tick(f);
        break;
    }
    if (f->focus == INTAKE_CHECKLIST)
        checklist_fetch(app, 0);
    app->dirty |= DIRTY_LIST;
    return 1;
}

/* --- the view ------------------------------------------------------------------------------ */

/* What the form needs and does not have yet: also on R, after what could
 * not be asked offline. */
static void intakeview_enter(struct app *app)
{
    struct intake_form *f = &app->intake;
    char *code = intake_code_value(f);

    if (!f->matters_loaded)
        matters_fetch(app);
    checklist_fetch(app, 0);
    if (code && f->applicant == INTAKE_APPLICANT_UNASKED
        && intake_code_check(code).state == INTAKE_CODE_VALID)
        applicant_fetch(app, code);
    free(code);
}

static int intakeview_key(struct app *app, enum action a, int key)
{
    if (app->intake_confirming) {
        confirm_key(app, key);
        return 1;
    }
    if (app->intake_editing) {
        if (app->intake_page == INTAKE_PAGE_FIND)
            return intakefind_edit_key(app, key);
        return form_key(app, key);
    }
    if (a == ACTION_SEARCH) {
        app->intake_page = INTAKE_PAGE_FIND;
        app->intake_editing = 1;
        app->dirty |= DIRTY_ALL;
        return 1;
    }
    if (app->intake_page == INTAKE_PAGE_FIND)
        return intakefind_key(app, a);
    if (a == ACTION_OPEN) {
        app->intake_editing = 1;
        app->dirty |= DIRTY_LIST | DIRTY_HINTS;
        return 1;
    }
    /* What a failed request left out is asked for again with the rest. */
    if (a == ACTION_REFRESH)
        intakeview_enter(app);
    return 0;
}

static int intakeview_available(const struct app *app)
{
    return svc_job_is(app, "window") || svc_job_is(app, "supervisor");
}

static void intakeview_draw(struct app *app, unsigned d, const struct ui_clock *clk)
{
    if (!(d & DIRTY_LIST))
        return;
    struct ui_intake v = {
        .form = &app->intake,
        .finder = &app->finder,
        .find_page = app->intake_page == INTAKE_PAGE_FIND,
        .editing = app->intake_editing && app->overlay == OVERLAY_NONE,
        .confirming = app->intake_confirming,
        .filing = app->intake_filing,
        .filed = app->intake_filed[0] ? app->intake_filed : NULL,
        .now = clk->now,
    };
    ui_draw_intake(&v);
}

static void intakeview_info(const struct app *app, char *buf, size_t n)
{
    if (app->intake_page == INTAKE_PAGE_FIND)
        snprintf(buf, n, "%s", _("find a case"));
    else
        snprintf(buf, n, "%s", _("file a matter"));
}

static const struct ui_hint *intakeview_hints(const struct app *app, size_t *n)
{
    static const struct ui_hint browse[] = {
        {ACTION_OPEN, N_("fill in")},     {ACTION_SEARCH, N_("find")},
        {ACTION_HELP, N_("help")},        {ACTION_QUIT, N_("quit")},
        {ACTION_NEXT_VIEW, N_("views")},
    };
    static const struct ui_hint found[] = {
        {ACTION_OPEN, N_("flow chart")},  {ACTION_SEARCH, N_("find")},
        {ACTION_BACK, N_("form")},        {ACTION_HELP, N_("help")},
        {ACTION_QUIT, N_("quit")},        {ACTION_NEXT_VIEW, N_("views")},
    };
    static const struct ui_hint editing[] = {
        {ACTION_NEXT_VIEW, N_("next field")}, {ACTION_OPEN, N_("next / file")},
        {ACTION_TAG, N_("tick")},             {ACTION_BACK, N_("stop (kept)")},
    };
    static const struct ui_hint confirming[] = {
        {ACTION_NONE, NULL},
    };

    if (app->intake_confirming) {
        *n = 0;
        return confirming;
    }
    if (app->intake_editing) {
        *n = sizeof editing / sizeof editing[0];
        return editing;
    }
    if (app->intake_page == INTAKE_PAGE_FIND) {
        *n = sizeof found / sizeof found[0];
        return found;
    }
    *n = sizeof browse / sizeof browse[0];
    return browse;
}

const struct view_ops intakeview_ops = {
    .id = VIEW_INTAKE,
    .label = N_("4 Intake"),
    .available = intakeview_available,
    .refused = N_("the intake view is for window clerks and supervisors"),
    .enter = intakeview_enter,
    .key = intakeview_key,
    .draw = intakeview_draw,
    .info = intakeview_info,
    .hints = intakeview_hints,
};
