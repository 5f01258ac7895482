/* casedesk — the prompts in the message line. */
#include "casedesk/prompt.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/actions.h"
#include "casedesk/app_state.h"
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
    target_free(&app->confirm_target);
}

/* Shows a question or a choice in the message line; it takes the keys. */
static void prompt_show(struct app *app, enum overlay which, const char *question)
{
    snprintf(app->question, sizeof app->question, "%s", question);
    app->overlay = which;
    app->dirty |= DIRTY_MESSAGE;
}

static void prompt_close(struct app *app)
{
    app->overlay = OVERLAY_NONE;
    app->dirty |= DIRTY_MESSAGE;
}

/* --- y/N questions ------------------------------------------------------------------- */

static void confirm_question(const struct app *app, enum action act, const struct target *t,
                             char *q, size_t n)
{
    if (t) {
        snprintf(q, n, _("Approve %s for %s? [y/N]"), t->item, t->applicant);
        return;
    }
    const char *fmt = act == ACTION_APPROVE ? _("Approve %zu tagged items? [y/N]")
                    : act == ACTION_CLAIM ? _("Claim %zu tagged items? [y/N]")
                                          : _("Release %zu tagged items? [y/N]");
    snprintf(q, n, fmt, app->q.ntags);
}

void prompt_confirm(struct app *app, enum action act, const struct target *t)
{
    char q[MESSAGE_MAX];

    confirm_question(app, act, t, q, sizeof q);
    app->confirm_act = act;
    app->confirm_batch = !t;
    target_free(&app->confirm_target);
    if (t)
        target_copy(&app->confirm_target, t);
    prompt_show(app, OVERLAY_CONFIRM, q);
}

void prompt_confirm_key(struct app *app, int key)
{
    prompt_close(app);
    if (key != 'y' && key != 'Y') {
        app_say(app, 0, "%s", _("cancelled"));
        return;
    }
    app->message[0] = '\0';
    if (app->confirm_batch)
        actions_on_tags(app, app->confirm_act, NULL);
    else
        actions_on_target(app, app->confirm_act, &app->confirm_target, NULL);
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
    prompt_close(app);
    ui_cursor_off();
    app->dirty |= DIRTY_LIST | DIRTY_HEADER;
}

static void search_accept(struct app *app)
{
    prompt_close(app);
    ui_cursor_off();
    if (app->q.search && !queue_row_matches(queue_current(&app->q), app->q.search))
        app_say(app, 1, _("no loaded item matches \"%s\""), app->q.search);
    app->dirty |= DIRTY_HEADER;
}

void prompt_search_key(struct app *app, int rc, wint_t wch, int key)
{
    if (key == KEYMAP_ESC)
        search_cancel(app);
    else if (key == KEYMAP_ENTER)
        search_accept(app);
    else if (prompt_edit_key(&app->search, rc, wch, key))
        search_update(app);
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
    prompt_show(app, OVERLAY_FILTER, line);
}

void prompt_filter_key(struct app *app, int key, enum action a)
{
    int f = queue_filter_from_letter(key);
    prompt_close(app);
    app->message[0] = '\0';
    if (a == ACTION_FILTER)
        page_filter(app, queue_filter_next(app->q.filter));
    else if (f >= 0)
        page_filter(app, (enum queue_filter)f);
}

/* --- editing keys ----------------------------------------------------------------------- */

static int edit_function_key(struct editor *ed, wint_t wch)
{
    switch ((int)wch) {
    case KEY_LEFT: editor_left(ed); return 1;
    case KEY_RIGHT: editor_right(ed); return 1;
    case KEY_UP: editor_up(ed); return 1;
    case KEY_DOWN: editor_down(ed); return 1;
    case KEY_HOME: editor_home(ed); return 1;
    case KEY_END: editor_end(ed); return 1;
    case KEY_DC: editor_delete(ed); return 1;
    case KEY_BACKSPACE: editor_backspace(ed); return 1;
    default: return 0;
    }
}

int prompt_edit_key(struct editor *ed, int rc, wint_t wch, int key)
{
    if (rc == KEY_CODE_YES)
        return edit_function_key(ed, wch);
    if (key == KEYMAP_FN(KEY_BACKSPACE)) {
        editor_backspace(ed);
        return 1;
    }
    if (key == KEYMAP_ENTER)
        return editor_insert(ed, '\n') == 0;
    if (key == '\t' || key >= 0x20)
        return editor_insert(ed, (uint32_t)wch) == 0;
    return 0;
}
