/* casedesk — the intake's finder in the console. */
#include "casedesk/intakefind.h"

#include <stdio.h>
#include <stdlib.h>

#include "casedesk/detailview.h"
#include "casedesk/editkeys.h"
#include "casedesk/i18n.h"
#include "casedesk/result.h"
#include "casedesk/svc.h"

/* Cases the finder lists at most. */
#define FIND_LIMIT "50"
/* Rows a page key moves. */
#define FIND_PAGE 10

static void on_found(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;

    svc_log_result(app, r);
    if (!svc_arrived(&app->intake_find_inflight) || svc_failed(app, r, _("find: %s")))
        return;
    if (intake_finder_load(&app->finder, PQntuples(r->res), result_queue_cell, (void *)r->res) < 0)
        svc_say(app, 1, "%s", _("out of memory"));
    app->dirty |= DIRTY_LIST | DIRTY_HEADER;
}

static void find_fetch(struct app *app)
{
    char *q = editor_trimmed(editor_text(&app->finder.q));
    const char *p[2] = {q, FIND_LIMIT};

    if (q && *q && svc_online(app))
        svc_send_counted(app, &app->intake_find_inflight, DB_FIND_CASES, 2, p, on_found, app);
    free(q);
}

static void on_first_item(void *ctx, const struct db_result *r)
{
    struct app *app = ctx;
    struct queue_row row;

    svc_log_result(app, r);
    if (!svc_arrived(&app->intake_open_inflight) || app->view != VIEW_INTAKE
        || svc_failed(app, r, _("case: %s")))
        return;
    if (PQntuples(r->res) == 0) {
        svc_say(app, 1, "%s", _("this case has no item you may see"));
        return;
    }
    if (queue_row_read(&row, 0, result_queue_cell, (void *)r->res) < 0) {
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    detailview_open_row(app, &row, VIEW_INTAKE);
    queue_row_free(&row);
}

static void open_case(struct app *app)
{
    const struct intake_found *c = intake_finder_current(&app->finder);
    char id[24];
    const char *p[1] = {id};

    if (!c) {
        app->intake_editing = 1;
        return;
    }
    snprintf(id, sizeof id, "%lld", (long long)c->case_id);
    svc_send_counted(app, &app->intake_open_inflight, DB_CASE_FIRST_ITEM, 1, p, on_first_item,
                     app);
}

int intakefind_edit_key(struct app *app, int key)
{
    switch (key) {
    case KEYMAP_ESC:
        app->intake_editing = 0;
        break;
    case KEYMAP_ENTER:
        app->intake_editing = 0;
        find_fetch(app);
        break;
    default:
        /* Every character is the query's, taken or not. */
        if (!editkeys_apply_key(&app->finder.q, key) && (key < 0x20 || key >= KEYMAP_FN_BASE))
            return 0;
        break;
    }
    app->dirty |= DIRTY_LIST | DIRTY_HINTS;
    return 1;
}

static void finder_move(struct app *app, long delta)
{
    intake_finder_move(&app->finder, delta);
    app->dirty |= DIRTY_LIST;
}

int intakefind_key(struct app *app, enum action a)
{
    switch (a) {
    case ACTION_MOVE_DOWN: finder_move(app, 1); break;
    case ACTION_MOVE_UP: finder_move(app, -1); break;
    case ACTION_PAGE_DOWN: finder_move(app, FIND_PAGE); break;
    case ACTION_PAGE_UP: finder_move(app, -FIND_PAGE); break;
    case ACTION_TOP: finder_move(app, -(long)app->finder.n); break;
    case ACTION_BOTTOM: finder_move(app, (long)app->finder.n); break;
    case ACTION_OPEN: open_case(app); break;
    case ACTION_BACK: app->intake_page = INTAKE_PAGE_FORM; break;
    case ACTION_REFRESH:
        /* The cases found again, and what every view fetches on R. */
        find_fetch(app);
        return 0;
    default: return 0;
    }
    app->dirty |= DIRTY_ALL;
    return 1;
}
