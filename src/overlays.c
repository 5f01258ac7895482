/* casedesk — the table of overlays. */
#include "casedesk/overlays.h"

#include "casedesk/command.h"
#include "casedesk/compose.h"
#include "casedesk/confirm.h"
#include "casedesk/help.h"
#include "casedesk/messages.h"
#include "casedesk/prompt.h"
#include "casedesk/qrview.h"

static void help_key_of(struct app *app, int rc, wint_t wch, int key, enum action a)
{
    (void)rc, (void)wch, (void)key;
    help_key(app, a);
}

static void messages_key_of(struct app *app, int rc, wint_t wch, int key, enum action a)
{
    (void)rc, (void)wch, (void)key;
    messages_key(app, a);
}

static void confirm_key_of(struct app *app, int rc, wint_t wch, int key, enum action a)
{
    (void)rc, (void)wch, (void)a;
    confirm_key(app, key);
}

static void search_key_of(struct app *app, int rc, wint_t wch, int key, enum action a)
{
    (void)a;
    prompt_search_key(app, rc, wch, key);
}

static void filter_key_of(struct app *app, int rc, wint_t wch, int key, enum action a)
{
    (void)rc, (void)wch;
    prompt_filter_key(app, key, a);
}

static void qr_key_of(struct app *app, int rc, wint_t wch, int key, enum action a)
{
    (void)rc, (void)wch, (void)key;
    qrview_key(app, a);
}

static void editor_key_of(struct app *app, int rc, wint_t wch, int key, enum action a)
{
    (void)a;
    compose_key(app, rc, wch, key);
}

static void editor_draw(struct app *app)
{
    compose_draw(app);
}

static void command_key_of(struct app *app, int rc, wint_t wch, int key, enum action a)
{
    (void)a;
    command_key(app, rc, wch, key);
}

/* The question or the choice a prompt asks, in the message line. */
static void question(const struct app *app)
{
    ui_draw_message(app->question, 0);
}

static const struct overlay_ops overlays[] = {
    [OVERLAY_HELP] = {.key = help_key_of, .draw = help_draw, .hints = help_hints},
    [OVERLAY_CONFIRM] = {.key = confirm_key_of, .message = question},
    [OVERLAY_SEARCH] = {.key = search_key_of, .message = prompt_search_draw, .private_text = 1},
    [OVERLAY_FILTER] = {.key = filter_key_of, .message = question},
    [OVERLAY_EDITOR] = {.key = editor_key_of, .draw = editor_draw, .private_text = 1},
    [OVERLAY_COMMAND] = {.key = command_key_of, .message = command_draw, .private_text = 1},
    [OVERLAY_MESSAGES] = {.key = messages_key_of, .draw = messages_draw, .hints = messages_hints},
    [OVERLAY_QR] = {.key = qr_key_of, .message = qrview_message, .draw = qrview_draw,
                    .hints = qrview_hints},
};

const struct overlay_ops *overlays_ops(enum overlay o)
{
    if (o <= OVERLAY_NONE || (size_t)o >= sizeof overlays / sizeof overlays[0])
        return NULL;
    return &overlays[o];
}
