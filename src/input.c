/* casedesk — keys. */
#include "casedesk/input.h"

#include <curses.h>

#include "casedesk/actions.h"
#include "casedesk/app_state.h"
#include "casedesk/command.h"
#include "casedesk/compose.h"
#include "casedesk/detail.h"
#include "casedesk/drill.h"
#include "casedesk/escdesk.h"
#include "casedesk/i18n.h"
#include "casedesk/live.h"
#include "casedesk/page.h"
#include "casedesk/prompt.h"
#include "casedesk/supdesk.h"
#include "casedesk/view.h"

/* Far enough to reach either end of any detail. */
#define DETAIL_FAR 1000000

/* --- help ------------------------------------------------------------------------------ */

static void help_open(struct app *app)
{
    app->overlay = OVERLAY_HELP;
    app->help_scroll = 0;
    app->dirty |= DIRTY_OVERLAY | DIRTY_HINTS;
}

static void help_close(struct app *app)
{
    app->overlay = OVERLAY_NONE;
    ui_overlay_close();
    app->dirty |= DIRTY_ALL;
}

static void help_key(struct app *app, enum action a)
{
    int page = LINES - 4;
    switch (a) {
    case ACTION_MOVE_DOWN: app->help_scroll++; break;
    case ACTION_MOVE_UP: app->help_scroll--; break;
    case ACTION_PAGE_DOWN: app->help_scroll += page; break;
    case ACTION_PAGE_UP: app->help_scroll -= page; break;
    case ACTION_TOP: app->help_scroll = 0; break;
    case ACTION_BOTTOM: app->help_scroll = app->help_lines; break;
    default: help_close(app); return;
    }
    if (app->help_scroll > app->help_lines - page)
        app->help_scroll = app->help_lines - page;
    if (app->help_scroll < 0)
        app->help_scroll = 0;
    app->dirty |= DIRTY_OVERLAY;
}

/* --- moving ---------------------------------------------------------------------------- */

static int detail_delta(enum action a)
{
    int page = ui_detail_page();
    switch (a) {
    case ACTION_MOVE_DOWN: return 1;
    case ACTION_MOVE_UP: return -1;
    case ACTION_PAGE_DOWN: return page;
    case ACTION_PAGE_UP: return -page;
    case ACTION_TOP: return -DETAIL_FAR;
    default: return DETAIL_FAR;
    }
}

static void move_key(struct app *app, enum action a)
{
    if (app->view == VIEW_DETAIL) {
        detail_scroll(app, detail_delta(a));
        return;
    }
    switch (a) {
    case ACTION_MOVE_DOWN: page_move(app, 1); break;
    case ACTION_MOVE_UP: page_move(app, -1); break;
    case ACTION_PAGE_DOWN: page_turn(app, 1); break;
    case ACTION_PAGE_UP: page_turn(app, 0); break;
    case ACTION_TOP: page_edge(app, 0); break;
    default: page_edge(app, 1); break;
    }
}

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
    if (!live_job_is(app, "supervisor")) {
        app_say(app, 1, "%s", _("only supervisors reassign work"));
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
        prompt_confirm(app, a, NULL);
        return;
    }
    if (!r || target_from_row(&t, r) < 0) {
        app_say(app, 1, "%s", _("no item selected"));
        return;
    }
    switch (a) {
    case ACTION_APPROVE: prompt_confirm(app, a, &t); break;
    case ACTION_CLAIM:
    case ACTION_RELEASE: actions_on_target(app, a, &t, NULL); break;
    case ACTION_REJECT: compose_open(app, EDITOR_REASON, &t); break;
    case ACTION_SUPPLEMENT: compose_open(app, EDITOR_MATERIALS, &t); break;
    case ACTION_ANNOTATE: compose_open(app, EDITOR_NOTE, &t); break;
    case ACTION_ESCALATE:
        /* A window clerk asks whichever department can answer; a reviewer
         * the item's. */
        compose_open(app, live_job_is(app, "window") ? EDITOR_ESC_DEPARTMENT : EDITOR_ESCALATION,
                     &t);
        break;
    case ACTION_REASSIGN: reassign_start(app, &t, r->department_id); break;
    default: break;
    }
    target_free(&t);
}

/* --- the rest of the view's keys ------------------------------------------------------------ */

/* A list of items goes back to the queue's pages, and to the view it was
 * opened from. */
static void drill_back(struct app *app)
{
    enum view back = app->drill.back;
    drill_end(app);
    page_again(app);
    if (back != VIEW_QUEUE && back != VIEW_DETAIL)
        view_switch(app, back);
}

/* Back out of one thing: the detail, the search, a list of items, the
 * filter. */
static void back_key(struct app *app)
{
    if (app->view == VIEW_DETAIL) {
        detail_close(app);
    } else if (app->view != VIEW_QUEUE) {
        return;
    } else if (app->q.search) {
        queue_search_set(&app->q, NULL);
        app->dirty |= DIRTY_HEADER;
    } else if (drill_active(app)) {
        drill_back(app);
    } else if (app->q.filter != QUEUE_FILTER_ALL) {
        page_filter(app, QUEUE_FILTER_ALL);
    }
}

static void tag_key(struct app *app)
{
    if (app->view != VIEW_QUEUE)
        return;
    if (queue_tag_toggle(&app->q) >= 0)
        page_move(app, 1);
    app->dirty |= DIRTY_LIST | DIRTY_HEADER;
}

static void search_step(struct app *app, int dir)
{
    if (!app->q.search)
        app_say(app, 0, "%s", _("no search yet: press / first"));
    else if (!queue_search_next(&app->q, dir))
        app_say(app, 1, _("no loaded item matches \"%s\""), app->q.search);
    else
        app->dirty |= DIRTY_LIST;
}

static void refresh_key(struct app *app)
{
    if (!app_online(app))
        app_say(app, 1, "%s", _("the database is offline; retrying in the background"));
    live_refetch(app);
}

static void freeze_key(struct app *app)
{
    app->frozen = !app->frozen;
    app_say(app, 0, "%s", app->frozen ? _("live updates paused") : _("live updates resumed"));
    if (!app->frozen)
        live_check(app);
}

/* What every view does alike; 0 for the keys that depend on the view. */
static int common_key(struct app *app, enum action a)
{
    switch (a) {
    case ACTION_VIEW_QUEUE: view_switch(app, VIEW_QUEUE); break;
    case ACTION_VIEW_ESCALATIONS: view_switch(app, VIEW_ESCALATIONS); break;
    case ACTION_VIEW_SUPERVISOR: view_switch(app, VIEW_SUPERVISOR); break;
    case ACTION_NEXT_VIEW: view_cycle(app, 1); break;
    case ACTION_PREV_VIEW: view_cycle(app, -1); break;
    case ACTION_COMMAND: command_open(app); break;
    case ACTION_REFRESH: refresh_key(app); break;
    case ACTION_REDRAW: ui_invalidate(); app->dirty |= DIRTY_ALL; break;
    case ACTION_FREEZE: freeze_key(app); break;
    case ACTION_HELP: help_open(app); break;
    case ACTION_QUIT: app->quit = 1; break;
    case ACTION_NONE: break;
    default: return 0;
    }
    return 1;
}

static void view_key(struct app *app, enum action a, int key)
{
    if (app->view == VIEW_ESCALATIONS && escdesk_key(app, a))
        return;
    if (app->view == VIEW_SUPERVISOR && supdesk_key(app, a, key))
        return;
    if (common_key(app, a))
        return;
    if (app->view != VIEW_QUEUE && app->view != VIEW_DETAIL) {
        app_say(app, 0, _("%s: not available in this view"), action_name(a));
        return;
    }
    switch (a) {
    case ACTION_MOVE_DOWN: case ACTION_MOVE_UP: case ACTION_PAGE_DOWN:
    case ACTION_PAGE_UP: case ACTION_TOP: case ACTION_BOTTOM:
        move_key(app, a);
        break;
    case ACTION_CLAIM: case ACTION_RELEASE: case ACTION_APPROVE: case ACTION_REJECT:
    case ACTION_SUPPLEMENT: case ACTION_ANNOTATE: case ACTION_ESCALATE: case ACTION_REASSIGN:
        start_action(app, a);
        break;
    case ACTION_OPEN: if (app->view == VIEW_QUEUE) detail_open(app); break;
    case ACTION_BACK: back_key(app); break;
    case ACTION_TAG: tag_key(app); break;
    case ACTION_UNTAG_ALL:
        queue_untag_all(&app->q);
        app->dirty |= DIRTY_LIST | DIRTY_HEADER;
        break;
    case ACTION_SEARCH: if (app->view == VIEW_QUEUE) prompt_search_open(app); break;
    case ACTION_SEARCH_NEXT: search_step(app, 1); break;
    case ACTION_SEARCH_PREV: search_step(app, -1); break;
    case ACTION_FILTER: if (app->view == VIEW_QUEUE) prompt_filter_open(app); break;
    case ACTION_SORT:
        if (app->view == VIEW_QUEUE)
            page_sort(app, queue_sort_next(app->q.sort), 0);
        break;
    case ACTION_SORT_REVERSE:
        if (app->view == VIEW_QUEUE)
            page_sort(app, app->q.sort, !app->q.reversed);
        break;
    default:
        app_say(app, 0, _("%s: not available in this view"), action_name(a));
        break;
    }
}

/* --- one key ------------------------------------------------------------------------------ */

/* What is typed into an editor or the search stays out of the log. */
static void log_key(const struct app *app, int rc, int key)
{
    char name[KEYMAP_KEY_NAME_MAX];

    if ((app->overlay == OVERLAY_EDITOR || app->overlay == OVERLAY_SEARCH
         || app->overlay == OVERLAY_COMMAND) && rc == OK && key >= 0x20)
        app_log(app, "key (text)");
    else
        app_log(app, "key %s", keymap_key_name(key, name, sizeof name));
}

/* A key that does something in a view clears the last message, except n and
 * N, whose message is about the search they repeat. */
static void clear_message(struct app *app, enum action a)
{
    if (a != ACTION_NONE && app->overlay == OVERLAY_NONE && app->message[0]
        && a != ACTION_SEARCH_NEXT && a != ACTION_SEARCH_PREV) {
        app->message[0] = '\0';
        app->dirty |= DIRTY_MESSAGE;
    }
}

static void handle_key(struct app *app, int rc, wint_t wch)
{
    int key = keymap_from_curses(rc, wch);
    enum action a = keymap_lookup(app->km, key);

    log_key(app, rc, key);
    /* curses already knows the new size; asking the terminal again would
     * queue another KEY_RESIZE. */
    if (rc == KEY_CODE_YES && wch == KEY_RESIZE) {
        app_relayout(app);
        return;
    }
    if (ui_too_small()) {
        if (a == ACTION_QUIT && app->overlay == OVERLAY_NONE)
            app->quit = 1;
        return;
    }
    clear_message(app, a);
    switch (app->overlay) {
    case OVERLAY_HELP: help_key(app, a); break;
    case OVERLAY_CONFIRM: prompt_confirm_key(app, key); break;
    case OVERLAY_SEARCH: prompt_search_key(app, rc, wch, key); break;
    case OVERLAY_FILTER: prompt_filter_key(app, key, a); break;
    case OVERLAY_EDITOR: compose_key(app, rc, wch, key); break;
    case OVERLAY_COMMAND: command_key(app, rc, wch, key); break;
    default: view_key(app, a, key); break;
    }
}

void input_read(struct app *app)
{
    wint_t wch;
    int rc;
    while (!app->quit && (rc = wget_wch(stdscr, &wch)) != ERR)
        handle_key(app, rc, wch);
}
