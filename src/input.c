/* casedesk — keys. */
#include "casedesk/input.h"

#include <curses.h>

#include "casedesk/command.h"
#include "casedesk/jump.h"
#include "casedesk/frame.h"
#include "casedesk/help.h"
#include "casedesk/messages.h"
#include "casedesk/i18n.h"
#include "casedesk/live.h"
#include "casedesk/loop.h"
#include "casedesk/overlays.h"
#include "casedesk/svc.h"
#include "casedesk/views.h"

static void refresh_key(struct app *app)
{
    if (!svc_online(app))
        svc_say(app, 1, "%s", _("the database is offline; retrying in the background"));
    app->want |= WANT_CHANGED;
}

static void freeze_key(struct app *app)
{
    app->frozen = !app->frozen;
    svc_say(app, 0, "%s", app->frozen ? _("live updates paused") : _("live updates resumed"));
    if (!app->frozen)
        app->want |= WANT_CHECK;
}

/* What every view does alike; 0 for the keys that depend on the view. */
static int common_key(struct app *app, enum action a)
{
    switch (a) {
    case ACTION_VIEW_QUEUE: view_switch(app, VIEW_QUEUE); break;
    case ACTION_VIEW_ESCALATIONS: view_switch(app, VIEW_ESCALATIONS); break;
    case ACTION_VIEW_SUPERVISOR: view_switch(app, VIEW_SUPERVISOR); break;
    case ACTION_VIEW_INTAKE: view_switch(app, VIEW_INTAKE); break;
    case ACTION_NEXT_VIEW: view_cycle(app, 1); break;
    case ACTION_PREV_VIEW: view_cycle(app, -1); break;
    case ACTION_COMMAND: command_open(app); break;
    case ACTION_REFRESH: refresh_key(app); break;
    case ACTION_REDRAW: ui_invalidate(); app->dirty |= DIRTY_ALL; break;
    case ACTION_FREEZE: freeze_key(app); break;
    case ACTION_HELP: help_open(app); break;
    case ACTION_MESSAGES: messages_open(app); break;
    case ACTION_QUIT: app->quit = 1; break;
    case ACTION_FOCUS_PANE: case ACTION_SHOW_RED: case ACTION_SHOW_WAITING:
        return jump_key(app, a);
    case ACTION_NONE: break;
    default: return 0;
    }
    return 1;
}

/* The view's keys first: what it does not handle, the generic driver does. */
static void view_key(struct app *app, enum action a, int key)
{
    const struct view_ops *ops = views_current(app);

    if (ops->key && ops->key(app, a, key))
        return;
    if (!common_key(app, a))
        svc_say(app, 0, _("%s: not available in this view"), action_word(a));
}

/* --- one key ------------------------------------------------------------------------------ */

/* What is typed into an editor or the search stays out of the log. */
static void log_key(const struct app *app, int rc, int key)
{
    char name[KEYMAP_KEY_NAME_MAX];

    const struct overlay_ops *o = overlays_ops(app->overlay);
    if (o && o->private_text && rc == OK && key >= 0x20)
        svc_log(app, "key (text)");
    else
        svc_log(app, "key %s", keymap_key_name(key, name, sizeof name));
}

/* A key that does something in a view clears the last message, except n and
 * N, whose message is about the search they repeat, and C-l, which only
 * draws again what is there. */
static void clear_message(struct app *app, enum action a)
{
    if (a != ACTION_NONE && app->overlay == OVERLAY_NONE && app->message[0]
        && a != ACTION_SEARCH_NEXT && a != ACTION_SEARCH_PREV && a != ACTION_REDRAW) {
        app->message[0] = '\0';
        app->dirty |= DIRTY_MESSAGE;
    }
}

void input_key(struct app *app, int rc, wint_t wch)
{
    int key = keymap_from_curses(rc, wch);
    enum action a = keymap_lookup(app->km, key);

    log_key(app, rc, key);
    /* curses already knows the new size; asking the terminal again would
     * queue another KEY_RESIZE. */
    if (rc == KEY_CODE_YES && wch == KEY_RESIZE) {
        frame_relayout(app);
        return;
    }
    app->key_ms = loop_now_ms();
    if (app->resting) {
        live_resume(app);
        return;
    }
    if (ui_too_small()) {
        if (a == ACTION_QUIT && app->overlay == OVERLAY_NONE)
            app->quit = 1;
        return;
    }
    clear_message(app, a);
    const struct overlay_ops *o = overlays_ops(app->overlay);
    if (o)
        o->key(app, rc, wch, key, a);
    else
        view_key(app, a, key);
}
