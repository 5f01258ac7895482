/* casedesk — numbered choices for the editor overlay. */
#include "casedesk/choices.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/svc.h"
#include "casedesk/i18n.h"
#include "casedesk/result.h"

/* A number longer than this picks nothing. */
#define PICK_DIGITS 6

void choices_clear(struct app *app)
{
    for (size_t i = 0; i < app->nchoices; i++) {
        free(app->choices[i]);
        free(app->choice_values[i]);
    }
    free(app->choices);
    free(app->choice_values);
    app->choices = NULL;
    app->choice_values = NULL;
    app->nchoices = 0;
}

/* Where the choices come from. */
enum source { FROM_NONE, FROM_TEXTS, FROM_DEPARTMENTS, FROM_REVIEWERS };

static enum source source_of(enum editor_purpose p)
{
    switch (p) {
    case EDITOR_REASON:
    case EDITOR_MATERIALS:
        return FROM_TEXTS;
    case EDITOR_ESC_DEPARTMENT:
    case EDITOR_HAND_ON_TO:
        return FROM_DEPARTMENTS;
    case EDITOR_REASSIGN_TO:
        return FROM_REVIEWERS;
    default:
        return FROM_NONE;
    }
}

/* The kind of the item's texts offered, for the purposes that take them. */
static const char *text_kind(enum editor_purpose p)
{
    return p == EDITOR_REASON ? "reason" : p == EDITOR_MATERIALS ? "material" : NULL;
}

static int add_choice(struct app *app, const char *label, const char *value)
{
    char *l = strdup(label), *v = strdup(value);
    if (!l || !v) {
        free(l);
        free(v);
        return -1;
    }
    app->choices[app->nchoices] = l;
    app->choice_values[app->nchoices++] = v;
    return 0;
}

/* Rows of (kind, ord, body, ...) for the texts; (value, name[, job]) else. */
static void read_choices(struct app *app, const PGresult *res, enum source from)
{
    const char *kind = text_kind(app->ed_purpose);
    char label[512];

    for (int i = 0; i < PQntuples(res); i++) {
        const char *a = result_text(res, i, 0), *b = result_text(res, i, 1);
        if (from == FROM_TEXTS) {
            const char *body = result_text(res, i, 2);
            if (a && body && kind && strcmp(a, kind) == 0)
                add_choice(app, body, body);
        } else if (a && b) {
            if (from == FROM_REVIEWERS)
                snprintf(label, sizeof label, "%s (%s)", b, a);
            else
                snprintf(label, sizeof label, "%s", b);
            add_choice(app, label, a);
        }
    }
}

struct choices_req {
    struct app *app;
    enum source from;
};

static void on_choices(void *ctx, const struct db_result *r)
{
    struct choices_req *cr = ctx;
    struct app *app = cr->app;

    svc_log_result(app, r);
    if (!svc_arrived(&app->choices_inflight) || app->overlay != OVERLAY_EDITOR || !r->ok
        || source_of(app->ed_purpose) != cr->from) {
        free(cr);
        return;
    }
    choices_clear(app);
    app->choices = result_calloc(r->res, sizeof *app->choices);
    app->choice_values = result_calloc(r->res, sizeof *app->choice_values);
    if (app->choices && app->choice_values)
        read_choices(app, r->res, cr->from);
    app->dirty |= DIRTY_OVERLAY;
    free(cr);
}

void choices_fetch(struct app *app, enum editor_purpose purpose, int64_t item)
{
    char id[24];
    const char *p[2] = {id, NULL};
    enum source from = source_of(purpose);
    struct choices_req *cr;
    enum db_stmt stmt;
    int n = 1;

    choices_clear(app);
    if (from == FROM_NONE || !svc_online(app) || !(cr = malloc(sizeof *cr)))
        return;
    *cr = (struct choices_req){app, from};
    switch (from) {
    case FROM_TEXTS:
        snprintf(id, sizeof id, "%lld", (long long)item);
        stmt = DB_ITEM_TEXTS;
        break;
    case FROM_DEPARTMENTS:
        stmt = DB_DEPARTMENTS;
        n = 0;
        break;
    default:
        snprintf(id, sizeof id, "%d", app->choice_department);
        p[1] = "reviewer";
        stmt = DB_DEPT_STAFF;
        n = 2;
        break;
    }
    if (svc_send_counted(app, &app->choices_inflight, stmt, n, p, on_choices, cr) < 0)
        free(cr);
}

const char *choices_pick(const struct app *app, const char *text, const char **rest)
{
    size_t digits = 0;

    while (text && isdigit((unsigned char)text[digits]))
        digits++;
    if (!digits || digits > PICK_DIGITS || (text[digits] && !isspace((unsigned char)text[digits])))
        return NULL;
    long k = strtol(text, NULL, 10);
    if (k < 1 || (size_t)k > app->nchoices)
        return NULL;
    if (rest) {
        const char *r = text + digits;
        while (isspace((unsigned char)*r))
            r++;
        *rest = r;
    }
    return app->choice_values[k - 1];
}

const char *choices_label_of(const struct app *app, const char *value)
{
    for (size_t i = 0; value && i < app->nchoices; i++)
        if (strcmp(app->choice_values[i], value) == 0)
            return app->choices[i];
    return value ? value : "";
}

const char *choices_title(enum editor_purpose purpose)
{
    switch (purpose) {
    case EDITOR_REASON: return _("Common reasons (type the number to use one):");
    case EDITOR_MATERIALS: return _("Required materials (numbers or names, comma separated):");
    case EDITOR_ESC_DEPARTMENT: return _("Departments (type the number):");
    case EDITOR_HAND_ON_TO:
        return _("Departments (type the number; a login after it hands on to that person):");
    case EDITOR_REASSIGN_TO: return _("Reviewers of the item's department (type the number):");
    default: return "";
    }
}
