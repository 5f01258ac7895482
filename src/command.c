/* casedesk — the command line. */
#include "casedesk/command.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/svc.h"
#include "casedesk/jump.h"
#include "casedesk/drill.h"
#include "casedesk/i18n.h"
#include "casedesk/live.h"
#include "casedesk/editkeys.h"

void command_init(struct app *app)
{
    editor_init(&app->cmd, 1);
}

void command_done(struct app *app)
{
    editor_free(&app->cmd);
}

void command_open(struct app *app)
{
    editor_free(&app->cmd);
    editor_init(&app->cmd, 1);
    app->overlay = OVERLAY_COMMAND;
    app->dirty |= DIRTY_MESSAGE;
}

static void command_close(struct app *app)
{
    app->overlay = OVERLAY_NONE;
    ui_cursor_off();
    app->dirty |= DIRTY_MESSAGE;
}

static void release_all(struct app *app, const char *login)
{
    if (!svc_job_is(app, "supervisor"))
        svc_say(app, 1, "%s", _("release-all is for supervisors"));
    else if (!login || !*login)
        svc_say(app, 1, "%s", _("release-all needs a login: :release-all rev_a"));
    else
        drill_claimed_by(app, login);
}

/* Words separated by blanks; the second is the argument. */
static void run(struct app *app, char *line)
{
    char *save = NULL;
    char *word = strtok_r(line, " \t", &save);
    char *arg = strtok_r(NULL, " \t", &save);

    if (!word)
        return;
    if (strcmp(word, "q") == 0 || strcmp(word, "quit") == 0)
        app->quit = 1;
    else if (strcmp(word, "release-all") == 0)
        release_all(app, arg);
    else if (!jump_show(app, word))
        svc_say(app, 1, _("unknown command \"%s\": try red, paused, mine, open, waiting, "
                          "release-all LOGIN, or q"), word);
}

void command_key(struct app *app, int rc, wint_t wch, int key)
{
    if (key == KEYMAP_ESC) {
        command_close(app);
        return;
    }
    if (key == KEYMAP_ENTER) {
        char *line = strdup(editor_text(&app->cmd));
        command_close(app);
        app->message[0] = '\0';
        if (line)
            run(app, line);
        free(line);
        return;
    }
    if (editkeys_apply(&app->cmd, rc, wch, key))
        app->dirty |= DIRTY_MESSAGE;
}

void command_draw(const struct app *app)
{
    ui_draw_prompt(":", &app->cmd);
}
