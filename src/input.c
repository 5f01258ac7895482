/* casedesk — keys. */
#include "casedesk/input.h"

#include <curses.h>

#include "casedesk/actions.h"
#include "casedesk/app_state.h"
#include "casedesk/compose.h"
#include "casedesk/detail.h"
#include "casedesk/i18n.h"
#include "casedesk/live.h"
#include "casedesk/page.h"
#include "casedesk/prompt.h"

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

static void start_action(struct app *app, enum action a)
{
    const struct queue_row *r = focus_row(app);
    struct target t = {0};

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
    case ACTION_ESCALATE: compose_open(app, EDITOR_ESCALATION, &t); break;
    default: break;
    }
    target_free(&t);
}

/* --- the rest of the view's keys ------------------------------------------------------------ */

/* Back out of one thing: the detail, the search, the filter. */
static void back_key(struct app *app)
{
    if (app->view == VIEW_DETAIL) {
        detail_close(app);
    } else if (app->q.search) {
        queue_search_set(&app->q, NULL);
        app->dirty |= DIRTY_HEADER;
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

static void view_key(struct app *app, enum action a)
{
    switch (a) {
    case ACTION_MOVE_DOWN: case ACTION_MOVE_UP: case ACTION_PAGE_DOWN:
    case ACTION_PAGE_UP: case ACTION_TOP: case ACTION_BOTTOM:
        move_key(app, a);
        break;
    case ACTION_CLAIM: case ACTION_RELEASE: case ACTION_APPROVE: case ACTION_REJECT:
    case ACTION_SUPPLEMENT: case ACTION_ANNOTATE: case ACTION_ESCALATE:
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
    case ACTION_REFRESH: refresh_key(app); break;
    case ACTION_REDRAW: ui_invalidate(); app->dirty |= DIRTY_ALL; break;
    case ACTION_FREEZE: freeze_key(app); break;
    case ACTION_HELP: help_open(app); break;
    case ACTION_QUIT: app->quit = 1; break;
    case ACTION_NONE: break;
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

    if ((app->overlay == OVERLAY_EDITOR || app->overlay == OVERLAY_SEARCH) && rc == OK
        && key >= 0x20)
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
    default: view_key(app, a); break;
    }
}

void input_read(struct app *app)
{
    wint_t wch;
    int rc;
    while (!app->quit && (rc = wget_wch(stdscr, &wch)) != ERR)
        handle_key(app, rc, wch);
}
