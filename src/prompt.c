/* casedesk — the prompts in the message line. */
#include "casedesk/prompt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/editkeys.h"
#include "casedesk/svc.h"
#include "casedesk/i18n.h"
#include "casedesk/page.h"

void prompt_init(struct app *app)
{
    editor_init(&app->search, 1);
}

void prompt_done(struct app *app)
{
    editor_free(&app->search);
    free(app->search_before);
    app->search_before = NULL;
}

/* --- search -------------------------------------------------------------------------- */

void prompt_search_open(struct app *app)
{
    editor_free(&app->search);
    editor_init(&app->search, 1);
    app->search_origin = app->q.cursor;
    free(app->search_before);
    app->search_before = app->q.search ? strdup(app->q.search) : NULL;
    app->overlay = OVERLAY_SEARCH;
    app->dirty |= DIRTY_MESSAGE;
}

static void search_update(struct app *app)
{
    queue_search_set(&app->q, editor_text(&app->search));
    if (!queue_search_from(&app->q, app->search_origin, 1, 1))
        queue_select_index(&app->q, app->search_origin);
    app->dirty |= DIRTY_LIST | DIRTY_HEADER | DIRTY_MESSAGE;
}

static void search_cancel(struct app *app)
{
    queue_search_set(&app->q, app->search_before);
    queue_select_index(&app->q, app->search_origin);
    svc_ask_done(app);
    ui_cursor_off();
    app->dirty |= DIRTY_LIST | DIRTY_HEADER;
}

static void search_accept(struct app *app)
{
    svc_ask_done(app);
    ui_cursor_off();
    if (app->q.search && !queue_row_matches(queue_current(&app->q), app->q.search))
        svc_say(app, 1, _("no loaded item matches \"%s\""), app->q.search);
    app->dirty |= DIRTY_HEADER;
}

void prompt_search_key(struct app *app, int rc, wint_t wch, int key)
{
    if (key == KEYMAP_ESC)
        search_cancel(app);
    else if (key == KEYMAP_ENTER)
        search_accept(app);
    else if (editkeys_apply(&app->search, rc, wch, key))
        search_update(app);
}

/* The search prompt in the message line; it says when nothing matches. */
void prompt_search_draw(const struct app *app)
{
    const char *label = app->q.search && !queue_row_matches(queue_current(&app->q), app->q.search)
                      ? _("/ (no match) ") : "/";
    ui_draw_prompt(label, &app->search);
}

/* --- filter --------------------------------------------------------------------------- */

void prompt_filter_open(struct app *app)
{
    char line[MESSAGE_MAX];
    int n = snprintf(line, sizeof line, "%s", _("filter:"));
    for (int f = 0; f < QUEUE_FILTER_COUNT && n > 0 && (size_t)n < sizeof line; f++)
        n += snprintf(line + n, sizeof line - (size_t)n, "  %c %s",
                      queue_filter_letter((enum queue_filter)f),
                      queue_filter_label((enum queue_filter)f));
    svc_ask(app, OVERLAY_FILTER, line);
}

void prompt_filter_key(struct app *app, int key, enum action a)
{
    int f = queue_filter_from_letter(key);
    svc_ask_done(app);
    app->message[0] = '\0';
    if (a == ACTION_FILTER)
        page_filter(app, queue_filter_next(app->q.filter));
    else if (f >= 0)
        page_filter(app, (enum queue_filter)f);
}
