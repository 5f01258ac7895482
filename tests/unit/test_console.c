/* Unit tests for the console's deciding parts, without a terminal or a
 * database (app->db is NULL: the console is offline): what each view does
 * with a key and which keys it returns to the generic driver, what the
 * outcome of an action means, what news of a change makes each view fetch,
 * and that a notification only records what is wanted (nothing is sent or
 * fetched inside the database's callback). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/actions.h"
#include "casedesk/app_state.h"
#include "casedesk/detailview.h"
#include "casedesk/escdesk.h"
#include "casedesk/intakeview.h"
#include "casedesk/live.h"
#include "casedesk/overlays.h"
#include "casedesk/queueview.h"
#include "casedesk/qrview.h"
#include "casedesk/supdesk.h"
#include "casedesk/views.h"

static struct app app;
static struct keymap km;

static int setup(void **state)
{
    (void)state;
    memset(&app, 0, sizeof app);
    keymap_init_defaults(&km);
    app.km = &km;
    app.job = strdup("reviewer");
    queue_init(&app.q, 20);
    escview_init(&app.esc);
    supview_init(&app.sup);
    intakeview_init(&app);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    queue_free(&app.q);
    escview_free(&app.esc);
    supview_free(&app.sup);
    intakeview_done(&app);
    detail_clear(&app.detail);
    free(app.job);
    return 0;
}

static void as_job(const char *job)
{
    free(app.job);
    app.job = strdup(job);
}

static int key(enum action a)
{
    return views_current(&app)->key(&app, a, 0);
}

/* --- the table ------------------------------------------------------------------------ */

static void test_every_view_is_in_the_table(void **state)
{
    (void)state;
    for (int v = 0; v < VIEW_COUNT; v++) {
        const struct view_ops *ops = views_ops((enum view)v);
        assert_int_equal(ops->id, v);
        assert_non_null(ops->key);
        assert_non_null(ops->draw);
        assert_non_null(ops->hints);
    }
    /* The detail is no tab: it counts as the view it came from. */
    assert_null(views_ops(VIEW_DETAIL)->label);
}

static void test_supervisor_view_is_for_supervisors(void **state)
{
    (void)state;
    assert_false(view_available(&app, VIEW_SUPERVISOR));
    view_switch(&app, VIEW_SUPERVISOR);
    assert_int_equal(app.view, VIEW_QUEUE);
    assert_string_equal(app.message, "the supervisor view is for supervisors");
    as_job("supervisor");
    assert_true(view_available(&app, VIEW_SUPERVISOR));
    view_switch(&app, VIEW_SUPERVISOR);
    assert_int_equal(app.view, VIEW_SUPERVISOR);
}

/* A key as the view gets it: the action the key map gives it, and the key. */
static int intake_key(int k)
{
    return views_current(&app)->key(&app, keymap_lookup(&km, k), k);
}

static void intake_type(const char *s)
{
    for (; *s; s++)
        intake_key((unsigned char)*s);
}

static void test_intake_is_the_window_home_and_keeps_its_draft(void **state)
{
    (void)state;
    assert_false(view_available(&app, VIEW_INTAKE));
    view_switch(&app, VIEW_INTAKE);
    assert_int_equal(app.view, VIEW_QUEUE);
    assert_string_equal(app.message, "the intake view is for window clerks and supervisors");
    as_job("window");
    view_home(&app);
    assert_int_equal(app.view, VIEW_INTAKE);
    /* Enter starts filling in; then every key goes to the form, q and Tab
     * included. */
    assert_true(intake_key(KEYMAP_ENTER));
    intake_type("qx");
    assert_string_equal(editor_text(&app.intake.matter_q), "qx");
    assert_false(app.quit);
    /* What the form has no use for is the generic driver's: F1, C-l. */
    assert_false(intake_key(KEYMAP_FN(KEY_F(1))));
    assert_false(intake_key(12));
    intake_key('\t');
    assert_int_equal(app.view, VIEW_INTAKE);
    assert_int_equal(app.intake.focus, INTAKE_CODE);
    /* The code is checked as typed, in capitals. */
    intake_type("9135a");
    assert_string_equal(editor_text(&app.intake.code), "9135A");
    assert_string_equal(app.intake.note[INTAKE_CODE], "character 5 must be a digit (the region code)");
    intake_key(KEYMAP_FN(KEY_BACKSPACE));
    assert_string_equal(app.intake.note[INTAKE_CODE], "");
    /* Esc stops; another view and back: the draft is there. */
    intake_key(KEYMAP_ESC);
    assert_false(app.intake_editing);
    view_switch(&app, VIEW_QUEUE);
    view_switch(&app, VIEW_INTAKE);
    assert_string_equal(editor_text(&app.intake.matter_q), "qx");
    assert_string_equal(editor_text(&app.intake.code), "9135");
    /* Filing without a matter type: said beside its field, nothing sent. */
    app.intake_editing = 1;
    app.intake.focus = INTAKE_CHECKLIST;
    intake_key(KEYMAP_ENTER);
    assert_false(app.intake_confirming);
    assert_int_equal(app.intake.focus, INTAKE_MATTER);
    assert_string_not_equal(app.intake.note[INTAKE_MATTER], "");
    assert_null(app.unsure);
    /* / opens the finder; Enter ends typing, Esc goes back to the form,
     * whose fields are as they were. */
    intake_key(KEYMAP_ESC);
    intake_key('/');
    assert_int_equal(app.intake_page, INTAKE_PAGE_FIND);
    intake_type("acme q");
    assert_string_equal(editor_text(&app.finder.q), "acme q");
    intake_key(KEYMAP_ENTER);
    assert_false(app.intake_editing);
    assert_false(app.quit);
    intake_key(KEYMAP_ESC);
    assert_int_equal(app.intake_page, INTAKE_PAGE_FORM);
    assert_string_equal(editor_text(&app.intake.code), "9135");
}

/* A tab bar too wide for the header shows the other tabs by number. */
static void test_tabs_compact_when_narrow(void **state)
{
    char buf[256];
    int x, cols;
    (void)state;

    as_job("supervisor");
    app.view = VIEW_SUPERVISOR;
    view_tabs(&app, 0, buf, sizeof buf, 0, &x, &cols);
    assert_string_equal(buf, "1 Queue 2 Escalations [3 Supervisor] 4 Intake");
    view_tabs(&app, 0, buf, sizeof buf, 45, &x, &cols);
    assert_string_equal(buf, "1 Queue 2 Escalations [3 Supervisor] 4 Intake");
    view_tabs(&app, 0, buf, sizeof buf, 44, &x, &cols);
    assert_string_equal(buf, "1 2 [3 Supervisor] 4");
    /* The escalations' count of new ones stays, and flashes where it is. */
    app.esc_unseen = 2;
    app.flash_until_ms = 1000000;
    view_tabs(&app, 0, buf, sizeof buf, 20, &x, &cols);
    assert_string_equal(buf, "1 2 +2 [3 Supervisor] 4");
    assert_int_equal(x, 2);
    assert_int_equal(cols, 4);
}

static void test_tab_skips_views_the_job_lacks(void **state)
{
    (void)state;
    view_cycle(&app, 1);
    assert_int_equal(app.view, VIEW_ESCALATIONS);
    view_cycle(&app, 1);
    assert_int_equal(app.view, VIEW_QUEUE);
    view_cycle(&app, -1);
    assert_int_equal(app.view, VIEW_ESCALATIONS);
}

/* --- news of changes ---------------------------------------------------------------------- */

static void test_change_fetches_per_view(void **state)
{
    (void)state;
    app.view = VIEW_QUEUE;
    assert_int_equal(views_on_change(&app, CHANGED_ITEMS), WANT_PAGE);
    assert_int_equal(views_on_change(&app, CHANGED_ESCALATIONS), WANT_ESCALATIONS);
    assert_int_equal(views_on_change(&app, 0), 0);
    app.view = VIEW_DETAIL;
    assert_int_equal(views_on_change(&app, CHANGED_ITEMS), WANT_PAGE | WANT_DETAIL);
    assert_int_equal(views_on_change(&app, CHANGED_ESCALATIONS), WANT_ESCALATIONS);
    app.view = VIEW_ESCALATIONS;
    assert_int_equal(views_on_change(&app, CHANGED_ITEMS), WANT_PAGE);
    /* The figures count items and escalations alike, and only on screen. */
    app.view = VIEW_SUPERVISOR;
    assert_int_equal(views_on_change(&app, CHANGED_ITEMS), WANT_PAGE | WANT_FIGURES);
    assert_int_equal(views_on_change(&app, CHANGED_ESCALATIONS),
                     WANT_ESCALATIONS | WANT_FIGURES);
}

static void test_notification_only_records_what_is_wanted(void **state)
{
    (void)state;
    app.changes.known = 1;
    app.changes.items = 10;
    app.changes.escalations = 10;
    live_on_notify(&app, "11 escalation 4");
    assert_int_equal(app.want, WANT_CHANGED_ESCALATIONS);
    app.want = 0;
    /* An item not on screen: a check finds out whether the user may see it. */
    live_on_notify(&app, "12 item 99");
    assert_int_equal(app.want, WANT_CHECK);
    app.want = 0;
    app.frozen = 1;
    live_on_notify(&app, "13 escalation 4");
    assert_int_equal(app.want, WANT_CHECK);
}

/* --- the outcome of an action ------------------------------------------------------------- */

static struct db_result answer(int ok, const char *sqlstate)
{
    struct db_result r = {.ok = ok, .sqlstate = sqlstate, .message = "m", .stmt = DB_CLAIM};
    return r;
}

static void test_action_outcome(void **state)
{
    (void)state;
    struct db_result r = answer(1, "");
    struct action_outcome o = actions_outcome(&r, 0, 0);
    assert_int_equal(o.effect, ACTION_APPLIED);
    assert_int_equal(o.want, WANT_CHANGED);
    assert_int_equal(o.dirty, DIRTY_LIST | DIRTY_HEADER);

    /* Stale: refused, the text kept, and what shows the item reloaded. */
    r = answer(0, "CD001");
    o = actions_outcome(&r, 0, 0);
    assert_int_equal(o.effect, ACTION_KEEP_TEXT);
    assert_int_equal(o.want, WANT_CHANGED);

    /* Refused for another reason: nothing on screen is old. */
    r = answer(0, "42501");
    o = actions_outcome(&r, 0, 0);
    assert_int_equal(o.effect, ACTION_KEEP_TEXT);
    assert_int_equal(o.want, 0);

    /* The connection broke: sent again later, once, and not for a batch. */
    r = answer(0, "08006");
    assert_int_equal(actions_outcome(&r, 0, 0).effect, ACTION_UNSURE);
    assert_int_equal(actions_outcome(&r, 0, 0).want, 0);
    assert_int_equal(actions_outcome(&r, 1, 0).effect, ACTION_KEEP_TEXT);
    assert_int_equal(actions_outcome(&r, 0, 1).effect, ACTION_KEEP_TEXT);
}

/* --- keys per view ------------------------------------------------------------------------ */

static void test_queue_returns_foreign_keys(void **state)
{
    (void)state;
    app.view = VIEW_QUEUE;
    /* Keys of other views and the generic ones go to the driver. */
    assert_false(key(ACTION_RESOLVE));
    assert_false(key(ACTION_HAND_ON));
    assert_false(key(ACTION_MOVE_LEFT));
    assert_false(key(ACTION_HELP));
    assert_false(key(ACTION_NEXT_VIEW));
    assert_true(key(ACTION_CLAIM));
    assert_string_equal(app.message, "no item selected");
}

static void test_queue_back_from_a_figure_list_wants_the_figures(void **state)
{
    (void)state;
    as_job("supervisor");
    app.view = VIEW_QUEUE;
    app.drill.kind = DRILL_FIGURE;
    app.drill.back = VIEW_SUPERVISOR;
    assert_true(key(ACTION_BACK));
    assert_int_equal(app.drill.kind, DRILL_NONE);
    /* Not switched inside the handler: the loop does it after the key. */
    assert_int_equal(app.view, VIEW_QUEUE);
    assert_true(app.want & WANT_VIEW);
    assert_int_equal(app.want_view, VIEW_SUPERVISOR);
}

static void test_detail_takes_queue_keys_quietly(void **state)
{
    (void)state;
    app.view = VIEW_DETAIL;
    app.detail_back = VIEW_ESCALATIONS;
    assert_true(key(ACTION_TAG));
    assert_true(key(ACTION_SORT));
    assert_string_equal(app.message, "");
    assert_false(key(ACTION_HAND_ON));
    assert_true(key(ACTION_BACK));
    assert_int_equal(app.view, VIEW_ESCALATIONS);
}

static void add_escalations(size_t n)
{
    app.esc.rows = calloc(n, sizeof *app.esc.rows);
    assert_non_null(app.esc.rows);
    for (size_t i = 0; i < n; i++) {
        struct esc_row *r = &app.esc.rows[i];
        r->id = (int64_t)i + 1;
        r->version = 1;
        r->item_id = 10;
        r->case_id = 20;
        const char **s[] = {(const char **)&r->case_no, (const char **)&r->item,
                            (const char **)&r->department, (const char **)&r->addressee,
                            (const char **)&r->kind, (const char **)&r->source,
                            (const char **)&r->note, (const char **)&r->raised_by,
                            (const char **)&r->raiser_login, (const char **)&r->ack_by,
                            (const char **)&r->resolved_by, (const char **)&r->resolution,
                            (const char **)&r->hand_on_note};
        for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
            *(char **)s[k] = strdup("x");
    }
    app.esc.n = n;
    app.esc.selected = 1;
}

static void test_escalation_keys(void **state)
{
    (void)state;
    add_escalations(3);
    app.view = VIEW_ESCALATIONS;
    assert_true(key(ACTION_MOVE_DOWN));
    assert_int_equal(app.esc.cursor, 1);
    assert_true(app.dirty & DIRTY_LIST);
    assert_true(key(ACTION_BOTTOM));
    assert_int_equal(app.esc.cursor, 2);
    /* Not the desk's: the driver says it is not available here. */
    assert_false(key(ACTION_CLAIM));
    assert_false(key(ACTION_SEARCH));
    /* A reviewer may not answer. */
    assert_true(key(ACTION_APPROVE));
    assert_string_equal(app.message, "only on-call staff and supervisors answer escalations");
    /* On-call staff may, but not offline; nothing is sent. */
    as_job("oncall");
    assert_true(key(ACTION_APPROVE));
    assert_string_equal(app.message, "cannot acknowledge now: the database is offline");
}

/* On a screen large enough for the dashboard's panes, keys go to the pane
 * that has them: the queue view's escalations answer j and a as the
 * escalation desk does, and on-call staff's desk hands the queue's keys to
 * the queue. */
static void test_panes_route_keys(void **state)
{
    size_t n;

    (void)state;
    add_escalations(3);
    COLS = 132;
    LINES = 40;
    app.view = VIEW_QUEUE;
    app.pane_focus = 1;
    assert_true(key(ACTION_MOVE_DOWN));
    assert_int_equal(app.esc.cursor, 1);
    assert_true(key(ACTION_APPROVE));
    assert_string_equal(app.message, "only on-call staff and supervisors answer escalations");
    assert_false(key(ACTION_TAG));
    assert_int_equal(queueview_ops.hints(&app, &n)[0].a, ACTION_OPEN);
    /* The other pane: the queue's own keys again. */
    app.pane_focus = 0;
    assert_true(key(ACTION_TAG));
    assert_int_equal(queueview_ops.hints(&app, &n)[0].a, ACTION_CLAIM);
    /* On-call staff's desk: the escalations on top, the items under them. */
    as_job("oncall");
    app.view = VIEW_ESCALATIONS;
    assert_true(key(ACTION_MOVE_DOWN));
    assert_int_equal(app.esc.cursor, 2);
    assert_false(key(ACTION_TAG));
    app.pane_focus = 1;
    assert_true(key(ACTION_TAG));
    assert_true(key(ACTION_MOVE_UP));
    assert_int_equal(app.esc.cursor, 2);
    /* Below the size, one region: the view's own keys whatever the focus. */
    COLS = 80;
    LINES = 24;
    assert_false(key(ACTION_TAG));
    COLS = LINES = 0;
}

static void test_supervisor_keys(void **state)
{
    (void)state;
    static char name[] = "住房和城乡建设局";
    struct sup_row row = {.key = 7, .name = name};

    as_job("supervisor");
    app.view = VIEW_SUPERVISOR;
    app.sup.dept.rows = &row;
    app.sup.dept.n = 1;
    assert_true(key(ACTION_MOVE_RIGHT));
    assert_int_equal(app.sup.col, 1);
    assert_false(key(ACTION_CLAIM));
    assert_false(key(ACTION_TAG));
    /* Enter lists the items behind the figure, in the queue view. */
    assert_true(key(ACTION_OPEN));
    assert_int_equal(app.view, VIEW_QUEUE);
    assert_int_equal(app.drill.kind, DRILL_FIGURE);
    assert_int_equal(app.drill.key, 7);
    assert_int_equal(app.drill.back, VIEW_SUPERVISOR);
    app.sup.dept.rows = NULL;
    app.sup.dept.n = 0;
}

/* Q in the detail: the case's code, holding tracking_url with the case
 * number, or the number alone; any key closes it and frees the code. */
static void test_detail_tracking_code(void **state)
{
    struct config cfg;

    (void)state;
    config_defaults(&cfg);
    cfg.tracking_url = strdup("https://example.gov.cn/track/%s");
    app.cfg = &cfg;
    app.view = VIEW_DETAIL;
    app.detail.row.case_no = strdup("20261203-000007");
    assert_true(key(ACTION_TRACKING_CODE));
    assert_int_equal(app.overlay, OVERLAY_QR);
    assert_string_equal(app.qr_text, "https://example.gov.cn/track/20261203-000007");
    assert_int_equal(app.qr.width, 33);
    assert_int_equal(app.view, VIEW_DETAIL);
    overlays_ops(OVERLAY_QR)->key(&app, 0, 0, 'x', ACTION_NONE);
    assert_int_equal(app.overlay, OVERLAY_NONE);
    assert_null(app.qr_text);
    assert_null(app.qr.dark);
    assert_int_equal(app.view, VIEW_DETAIL);

    free(cfg.tracking_url);
    cfg.tracking_url = NULL;
    assert_true(key(ACTION_TRACKING_CODE));
    assert_string_equal(app.qr_text, "20261203-000007");
    assert_int_equal(app.qr.width, 25);
    qrview_free(&app);
    app.overlay = OVERLAY_NONE;
    app.cfg = NULL;
    config_free(&cfg);
}

/* --- hints ---------------------------------------------------------------------------------- */

static void test_hints_per_view_and_job(void **state)
{
    (void)state;
    size_t n;
    const struct ui_hint *h = queueview_ops.hints(&app, &n);
    assert_int_equal(h[0].a, ACTION_CLAIM);
    as_job("supervisor");
    h = queueview_ops.hints(&app, &n);
    assert_int_equal(h[0].a, ACTION_REASSIGN);
    as_job("window");
    h = queueview_ops.hints(&app, &n);
    assert_int_equal(h[0].a, ACTION_ESCALATE);
    h = detailview_ops.hints(&app, &n);
    assert_int_equal(n, 5);
    assert_int_equal(h[1].a, ACTION_ESCALATE);
    assert_int_equal(h[2].a, ACTION_TRACKING_CODE);
    h = escdesk_ops.hints(&app, &n);
    assert_int_equal(h[0].a, ACTION_OPEN);
    as_job("oncall");
    h = escdesk_ops.hints(&app, &n);
    assert_int_equal(h[0].a, ACTION_APPROVE);
    h = supdesk_ops.hints(&app, &n);
    assert_int_equal(h[1].a, UI_HINT_ARROWS);
}

/* --- overlays ------------------------------------------------------------------------------ */

static void test_every_overlay_is_in_the_table(void **state)
{
    (void)state;
    assert_null(overlays_ops(OVERLAY_NONE));
    for (int o = OVERLAY_HELP; o <= OVERLAY_QR; o++)
        assert_non_null(overlays_ops((enum overlay)o)->key);
    /* What is typed into a text stays out of the log; y/N and letters not. */
    assert_true(overlays_ops(OVERLAY_EDITOR)->private_text);
    assert_true(overlays_ops(OVERLAY_SEARCH)->private_text);
    assert_true(overlays_ops(OVERLAY_COMMAND)->private_text);
    assert_false(overlays_ops(OVERLAY_CONFIRM)->private_text);
    assert_non_null(overlays_ops(OVERLAY_HELP)->hints);
}

static void test_filter_letter_offline_waits(void **state)
{
    (void)state;
    app.overlay = OVERLAY_FILTER;
    overlays_ops(OVERLAY_FILTER)->key(&app, 0, 'u', 'u', ACTION_NONE);
    assert_int_equal(app.overlay, OVERLAY_NONE);
    assert_string_equal(app.message, "the database is offline; the filter applies when it is back");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_every_view_is_in_the_table),
        T(test_supervisor_view_is_for_supervisors),
        T(test_tab_skips_views_the_job_lacks),
        T(test_intake_is_the_window_home_and_keeps_its_draft),
        T(test_tabs_compact_when_narrow),
        T(test_change_fetches_per_view),
        T(test_notification_only_records_what_is_wanted),
        T(test_action_outcome),
        T(test_queue_returns_foreign_keys),
        T(test_queue_back_from_a_figure_list_wants_the_figures),
        T(test_detail_takes_queue_keys_quietly),
        T(test_detail_tracking_code),
        T(test_escalation_keys),
        T(test_panes_route_keys),
        T(test_supervisor_keys),
        T(test_hints_per_view_and_job),
        T(test_every_overlay_is_in_the_table),
        T(test_filter_letter_offline_waits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
