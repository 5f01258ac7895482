/* casedesk — the message history overlay. */
#include "casedesk/messages.h"

#include <curses.h>
#include <stdio.h>
#include <time.h>

#include "casedesk/i18n.h"
#include "casedesk/svc.h"

void messages_open(struct app *app)
{
    app->overlay = OVERLAY_MESSAGES;
    app->said_scroll = 0;
    app->dirty |= DIRTY_OVERLAY | DIRTY_HINTS;
}

static void messages_close(struct app *app)
{
    app->overlay = OVERLAY_NONE;
    ui_overlay_close();
    app->dirty |= DIRTY_ALL;
}

void messages_key(struct app *app, enum action a)
{
    int page = LINES - 4, last = (int)app->said_n - page;

    switch (a) {
    case ACTION_MOVE_DOWN: app->said_scroll++; break;
    case ACTION_MOVE_UP: app->said_scroll--; break;
    case ACTION_PAGE_DOWN: app->said_scroll += page; break;
    case ACTION_PAGE_UP: app->said_scroll -= page; break;
    case ACTION_TOP: app->said_scroll = 0; break;
    case ACTION_BOTTOM: app->said_scroll = last; break;
    default: messages_close(app); return;
    }
    if (app->said_scroll > last)
        app->said_scroll = last;
    if (app->said_scroll < 0)
        app->said_scroll = 0;
    app->dirty |= DIRTY_OVERLAY;
}

int messages_line(const struct app *app, unsigned i, char *buf, size_t n)
{
    const struct said *s;
    struct tm tm;
    char at[16];

    if (i >= app->said_n)
        return 0;
    s = &app->said[(app->said_first + app->said_n - 1 - i) % SAID_KEPT];
    localtime_r(&s->at, &tm);
    strftime(at, sizeof at, "%H:%M:%S", &tm);
    snprintf(buf, n, "%s  %s%s", at, s->error ? "! " : "", s->text);
    return 1;
}

void messages_draw(struct app *app)
{
    static char lines[SAID_KEPT][MESSAGE_MAX + 32];
    const char *shown[SAID_KEPT];
    unsigned n = 0;

    while (n < SAID_KEPT && messages_line(app, n, lines[n], sizeof lines[n])) {
        shown[n] = lines[n];
        n++;
    }
    ui_draw_lines(_(" Messages "), _("no messages yet"), shown, n, app->said_scroll);
}

const struct ui_hint *messages_hints(const struct app *app, size_t *n)
{
    static const struct ui_hint hints[] = {
        {ACTION_BACK, N_("close")}, {ACTION_MOVE_DOWN, N_("down")}, {ACTION_MOVE_UP, N_("up")},
    };
    (void)app;
    *n = sizeof hints / sizeof hints[0];
    return hints;
}
