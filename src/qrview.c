/* casedesk — the tracking code overlay. */
#include "casedesk/qrview.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/i18n.h"
#include "casedesk/svc.h"

void qrview_free(struct app *app)
{
    qr_free(&app->qr);
    free(app->qr_text);
    app->qr_text = NULL;
}

void qrview_open(struct app *app)
{
    qrview_show(app, app->detail.row.case_no);
}

void qrview_show(struct app *app, const char *case_no)
{
    qrview_free(app);
    if (!case_no || !*case_no)
        return;
    if (!(app->qr_text = qr_template_expand(app->cfg->tracking_url, case_no))) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    if (qr_encode(app->qr_text, &app->qr) < 0) {
        svc_say(app, 1, "%s", errno == ERANGE ? _("the tracking text is too long for a QR code")
                                              : _("out of memory"));
        qrview_free(app);
        return;
    }
    app->overlay = OVERLAY_QR;
    app->dirty |= DIRTY_OVERLAY | DIRTY_MESSAGE | DIRTY_HINTS;
}

void qrview_key(struct app *app, enum action a)
{
    /* A redraw keeps it open: it only draws again what is there. */
    if (a == ACTION_REDRAW) {
        ui_invalidate();
        app->dirty |= DIRTY_ALL;
        return;
    }
    app->overlay = OVERLAY_NONE;
    qrview_free(app);
    ui_overlay_close();
    app->dirty |= DIRTY_ALL;
}

void qrview_draw(struct app *app)
{
    ui_draw_qr(&app->qr);
}

void qrview_message(const struct app *app)
{
    char line[MESSAGE_MAX];

    snprintf(line, sizeof line, _("tracking code: %s"), app->qr_text ? app->qr_text : "");
    ui_draw_message(line, 0);
}

const struct ui_hint *qrview_hints(const struct app *app, size_t *n)
{
    static const struct ui_hint hints[] = {
        {ACTION_BACK, N_("close")},
    };
    (void)app;
    *n = sizeof hints / sizeof hints[0];
    return hints;
}
