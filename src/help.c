/* casedesk — the help overlay. */
#include "casedesk/help.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "casedesk/i18n.h"
#include "casedesk/svc.h"

void help_open(struct app *app)
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

void help_key(struct app *app, enum action a)
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

#define HELP_EXTRA 24
#define HELP_LINE 160

/* The first key of a, as the help names it, or "-". */
static const char *key_of(const struct app *app, enum action a, char *buf, size_t n)
{
    if (!keymap_first_key(app->km, a, buf, n))
        snprintf(buf, n, "-");
    return buf;
}

/* What keys mean in the views where they mean something else than their
 * action's name says, with the user's bindings. */
static size_t help_extra(const struct app *app, char lines[][HELP_LINE])
{
    char k[64];
    size_t n = 0;
#define ADD(...) do { if (n < HELP_EXTRA) snprintf(lines[n++], HELP_LINE, __VA_ARGS__); } while (0)
    ADD("%s", _("In the escalations view (2):"));
    ADD("  %-12s %s", key_of(app, ACTION_APPROVE, k, sizeof k),
        _("acknowledge (the approve key): stops the response clock"));
    ADD("  %-12s %s", key_of(app, ACTION_RESOLVE, k, sizeof k), _("resolve it, with an answer"));
    ADD("  %-12s %s", key_of(app, ACTION_HAND_ON, k, sizeof k),
        _("hand it on: department number (a login may follow), note"));
    ADD("  %-12s %s", key_of(app, ACTION_OPEN, k, sizeof k), _("open the item behind it"));
    ADD("%s", _("In the supervisor view (3):"));
    char k2[64];
    key_of(app, ACTION_MOVE_LEFT, k, sizeof k);
    key_of(app, ACTION_MOVE_RIGHT, k2, sizeof k2);
    ADD("  %-5s %-6s %s", k, k2, _("move between the figures of a row"));
    ADD("  %-12s %s", key_of(app, ACTION_OPEN, k, sizeof k),
        _("list the items behind the figure; Esc comes back"));
    ADD("  %-12s %s", key_of(app, ACTION_FILTER, k, sizeof k),
        _("departments or matter types"));
    ADD("%s", _("In the queue, for supervisors:"));
    ADD("  %-12s %s", key_of(app, ACTION_REASSIGN, k, sizeof k),
        _("reassign the item or the tagged ones to a reviewer"));
    ADD("  %-12s %s", key_of(app, ACTION_RELEASE, k, sizeof k), _("release any claimed item"));
    ADD("  %s", _(":release-all LOGIN   tag what LOGIN holds claimed, to release"));
    ADD("%s", _("For window clerks:"));
    ADD("  %-12s %s", key_of(app, ACTION_ESCALATE, k, sizeof k),
        _("escalate: the department by number, then the question"));
    ADD("%s", _("In the intake (4), for window clerks and supervisors:"));
    ADD("  %-12s %s", key_of(app, ACTION_OPEN, k, sizeof k),
        _("fill the form in: it takes every key; Tab and the arrows move between fields"));
    ADD("  %-12s %s", key_of(app, ACTION_TAG, k, sizeof k),
        _("tick a material as received; Enter on the checklist files (y/N)"));
    ADD("  %-12s %s", key_of(app, ACTION_BACK, k, sizeof k),
        _("stop filling in: the form is kept as it is"));
    ADD("  %-12s %s", key_of(app, ACTION_SEARCH, k, sizeof k),
        _("find a case (查询); Enter opens its flow chart"));
#undef ADD
    return n;
}

void help_draw(struct app *app)
{
    char lines[HELP_EXTRA][HELP_LINE];
    const char *extra[HELP_EXTRA];
    size_t n = help_extra(app, lines);

    for (size_t i = 0; i < n; i++)
        extra[i] = lines[i];
    app->help_lines = ui_draw_help(app->km, app->help_scroll, extra, n);
}

const struct ui_hint *help_hints(const struct app *app, size_t *n)
{
    static const struct ui_hint hints[] = {
        {ACTION_BACK, N_("close")}, {ACTION_MOVE_DOWN, N_("down")}, {ACTION_MOVE_UP, N_("up")},
    };
    (void)app;
    *n = sizeof hints / sizeof hints[0];
    return hints;
}
