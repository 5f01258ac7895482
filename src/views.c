/* casedesk — the table of views. */
#include "casedesk/views.h"

#include <stdio.h>
#include <string.h>

#include "casedesk/detailview.h"
#include "casedesk/drill.h"
#include "casedesk/escdesk.h"
#include "casedesk/i18n.h"
#include "casedesk/intakeview.h"
#include "casedesk/page.h"
#include "casedesk/queueview.h"
#include "casedesk/supdesk.h"
#include "casedesk/svc.h"
#include "casedesk/text.h"

/* Every view, indexed by enum view; the tabs in the order Tab goes. */
static const struct view_ops *const views[VIEW_COUNT] = {
    [VIEW_QUEUE] = &queueview_ops,
    [VIEW_DETAIL] = &detailview_ops,
    [VIEW_ESCALATIONS] = &escdesk_ops,
    [VIEW_SUPERVISOR] = &supdesk_ops,
    [VIEW_INTAKE] = &intakeview_ops,
};
/* The tab flashes this long, on and off once a second. */
#define FLASH_PERIOD_MS 1000

const struct view_ops *views_ops(enum view v)
{
    return views[v < VIEW_COUNT ? v : VIEW_QUEUE];
}

const struct view_ops *views_current(const struct app *app)
{
    return views_ops(app->view);
}

int view_available(const struct app *app, enum view v)
{
    const struct view_ops *ops = views_ops(v);
    return !ops->available || ops->available(app);
}

enum view view_tab(const struct app *app)
{
    return app->view == VIEW_DETAIL ? app->detail_back : app->view;
}

void view_switch(struct app *app, enum view v)
{
    const struct view_ops *ops = views_ops(v);

    if (!view_available(app, v)) {
        svc_say(app, 1, "%s", _(ops->refused));
        return;
    }
    if (app->view == VIEW_DETAIL)
        detailview_close(app);
    if (v != VIEW_QUEUE && drill_active(app)) {
        drill_end(app);
        page_again(app);
    }
    if (app->view == v)
        return;
    app->view = v;
    /* Another view's panes: its first has the keys. */
    app->pane_focus = 0;
    app->dirty |= DIRTY_ALL;
    if (ops->enter)
        ops->enter(app);
}

void view_cycle(struct app *app, int dir)
{
    enum view now = view_tab(app);
    size_t at = 0;

    for (size_t i = 0; i < VIEW_COUNT; i++)
        if (views[i]->id == now)
            at = i;
    for (size_t step = 1; step < VIEW_COUNT; step++) {
        size_t i = (at + VIEW_COUNT + (dir > 0 ? step : VIEW_COUNT - step)) % VIEW_COUNT;
        if (views[i]->label && view_available(app, views[i]->id)) {
            view_switch(app, views[i]->id);
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
    if (svc_job_is(app, "oncall"))
        view_switch(app, VIEW_ESCALATIONS);
    else if (svc_job_is(app, "supervisor"))
        view_switch(app, VIEW_SUPERVISOR);
    else if (svc_job_is(app, "window"))
        view_switch(app, VIEW_INTAKE);
}

unsigned views_on_change(const struct app *app, unsigned changed)
{
    const struct view_ops *ops = views_current(app);
    unsigned want = 0;

    if (!changed)
        return 0;
    if (changed & CHANGED_ITEMS)
        want |= WANT_PAGE;
    else if (changed & CHANGED_ROWS)
        want |= WANT_ROWS;
    /* Beyond the page, items named are items changed. */
    if (changed & CHANGED_ROWS)
        changed = (changed & ~CHANGED_ROWS) | CHANGED_ITEMS;
    if (changed & CHANGED_ESCALATIONS)
        want |= WANT_ESCALATIONS;
    if (ops->on_change)
        want |= ops->on_change(app, changed);
    return want;
}

int views_shows(const struct app *app, const struct change_hint *h)
{
    const struct view_ops *ops = views_current(app);
    return ops->shows && ops->shows(app, h);
}

void views_place(const struct app *app, int64_t *kase, int64_t *item)
{
    const struct view_ops *ops = views_current(app);

    *kase = *item = -1;
    if (ops->place)
        ops->place(app, kase, item);
}

/* A tab's label; compact: only its number, the label's first word. */
static void tab_label(const struct view_ops *ops, int compact, char *buf, size_t n)
{
    const char *label = _(ops->label);
    size_t len = compact ? strcspn(label, " ") : strlen(label);
    snprintf(buf, n, "%.*s", (int)len, label);
}

static void tabs_write(const struct app *app, long long now_ms, int compact, char *buf, size_t n,
                       int *flash_x, int *flash_cols)
{
    enum view on = view_tab(app);
    size_t len = 0;

    *flash_x = *flash_cols = 0;
    if (n)
        buf[0] = '\0';
    for (size_t i = 0; i < VIEW_COUNT && len < n; i++) {
        const struct view_ops *ops = views[i];
        char label[96], name[64];
        if (!ops->label || !view_available(app, ops->id))
            continue;
        tab_label(ops, compact && ops->id != on, name, sizeof name);
        if (ops->id == VIEW_ESCALATIONS && app->esc_unseen > 0)
            snprintf(label, sizeof label, "%s +%d", name, app->esc_unseen);
        else
            snprintf(label, sizeof label, "%s", name);
        size_t start = len + (len ? 1 : 0);
        int w = snprintf(buf + len, n - len, ops->id == on ? "%s[%s]" : "%s%s",
                         len ? " " : "", label);
        if (w < 0 || (size_t)w >= n - len)
            break;
        len += (size_t)w;
        /* Flashing is drawing the tab reversed every other second. */
        if (ops->id == VIEW_ESCALATIONS && now_ms < app->flash_until_ms
            && (now_ms / FLASH_PERIOD_MS) % 2 == 0) {
            *flash_x = text_width_n(buf, start);
            *flash_cols = text_width(buf + start);
        }
    }
}

void view_tabs(const struct app *app, long long now_ms, char *buf, size_t n, int max_cols,
               int *flash_x, int *flash_cols)
{
    tabs_write(app, now_ms, 0, buf, n, flash_x, flash_cols);
    if (max_cols > 0 && text_width(buf) > max_cols)
        tabs_write(app, now_ms, 1, buf, n, flash_x, flash_cols);
}
