/* casedesk — the views of the tab bar. */
#include "casedesk/view.h"

#include <stdio.h>
#include <string.h>

#include "casedesk/app_state.h"
#include "casedesk/detail.h"
#include "casedesk/drill.h"
#include "casedesk/escdesk.h"
#include "casedesk/i18n.h"
#include "casedesk/live.h"
#include "casedesk/page.h"
#include "casedesk/supdesk.h"
#include "casedesk/text.h"

/* The tab bar's views, in the order Tab goes through them. */
static const struct {
    enum view view;
    const char *label;
} tabs[] = {
    {VIEW_QUEUE, N_("1 Queue")},
    {VIEW_ESCALATIONS, N_("2 Escalations")},
    {VIEW_SUPERVISOR, N_("3 Supervisor")},
};
#define NTABS (sizeof tabs / sizeof tabs[0])
/* The tab flashes this long, on and off once a second. */
#define FLASH_PERIOD_MS 1000

int view_available(const struct app *app, enum view v)
{
    return v != VIEW_SUPERVISOR || live_job_is(app, "supervisor");
}

enum view view_tab(const struct app *app)
{
    return app->view == VIEW_DETAIL ? app->detail_back : app->view;
}

void view_switch(struct app *app, enum view v)
{
    if (!view_available(app, v)) {
        app_say(app, 1, "%s", _("the supervisor view is for supervisors"));
        return;
    }
    if (app->view == VIEW_DETAIL)
        detail_close(app);
    if (v != VIEW_QUEUE && drill_active(app)) {
        drill_end(app);
        page_again(app);
    }
    if (app->view == v)
        return;
    app->view = v;
    app->dirty |= DIRTY_ALL;
    if (v == VIEW_ESCALATIONS) {
        app->esc_unseen = 0;
        escdesk_fetch(app);
    } else if (v == VIEW_SUPERVISOR) {
        supdesk_fetch(app);
    }
}

void view_cycle(struct app *app, int dir)
{
    enum view now = view_tab(app);
    size_t at = 0;

    for (size_t i = 0; i < NTABS; i++)
        if (tabs[i].view == now)
            at = i;
    for (size_t step = 1; step < NTABS; step++) {
        size_t i = (at + NTABS + (dir > 0 ? step : NTABS - step)) % NTABS;
        if (view_available(app, tabs[i].view)) {
            view_switch(app, tabs[i].view);
            return;
        }
    }
}

/* Only from where the console starts: a user who already went elsewhere
 * is not moved. */
void view_home(struct app *app)
{
    if (app->home_shown)
        return;
    app->home_shown = 1;
    if (app->view != VIEW_QUEUE || app->overlay != OVERLAY_NONE || drill_active(app))
        return;
    if (live_job_is(app, "oncall"))
        view_switch(app, VIEW_ESCALATIONS);
    else if (live_job_is(app, "supervisor"))
        view_switch(app, VIEW_SUPERVISOR);
}

void view_tabs(const struct app *app, long long now_ms, char *buf, size_t n, int *flash_x,
               int *flash_cols)
{
    enum view on = view_tab(app);
    size_t len = 0;

    *flash_x = *flash_cols = 0;
    if (n)
        buf[0] = '\0';
    for (size_t i = 0; i < NTABS && len < n; i++) {
        char label[64];
        if (!view_available(app, tabs[i].view))
            continue;
        if (tabs[i].view == VIEW_ESCALATIONS && app->esc_unseen > 0)
            snprintf(label, sizeof label, "%s +%d", _(tabs[i].label), app->esc_unseen);
        else
            snprintf(label, sizeof label, "%s", _(tabs[i].label));
        size_t start = len + (len ? 1 : 0);
        int w = snprintf(buf + len, n - len, tabs[i].view == on ? "%s[%s]" : "%s%s",
                         len ? " " : "", label);
        if (w < 0 || (size_t)w >= n - len)
            break;
        len += (size_t)w;
        /* Flashing is drawing the tab reversed every other second. */
        if (tabs[i].view == VIEW_ESCALATIONS && now_ms < app->flash_until_ms
            && (now_ms / FLASH_PERIOD_MS) % 2 == 0) {
            *flash_x = text_width_n(buf, start);
            *flash_cols = text_width(buf + start);
        }
    }
}
