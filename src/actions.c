/* casedesk — action requests. */
#include "casedesk/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/svc.h"
#include "casedesk/i18n.h"
#include "casedesk/refusal.h"
#include "casedesk/result.h"

/* Stale version: the item changed after the user saw it. */
#define SQLSTATE_CHANGED "CD001"

/* Several results of one user action (the tagged items) make one message. */
struct batch {
    enum action act;
    int total, done, ok;
    char first_error[MESSAGE_MAX];
};

/* One action on one item, kept until its outcome is known. */
struct action_req {
    struct app *app;
    enum action act;
    struct target t;
    struct batch *batch;
    char request_id[37];
    enum editor_purpose purpose;
    char *text;                 /* reason or note; kept as a draft on failure */
    char *materials;            /* array literal for a supplement request */
    char *materials_text;       /* the materials as typed, for the draft */
    char *dept, *login;         /* where an escalation or an item goes */
    int escalation;             /* t is an escalation, not an item */
    int resent;
    struct action_req *next;    /* in the list waiting for the connection */
    /* Another view's request (actions_send_once): its statement and
     * parameters, the request id first, and who hears of its outcome. */
    enum db_stmt stmt;
    char *params[ACTIONS_ONCE_MAX_PARAMS];
    int nparams;
    char *what;
    actions_done_fn done;
};

static const char *action_past(enum action act)
{
    switch (act) {
    case ACTION_RESOLVE: return _("resolved");
    case ACTION_HAND_ON: return _("handed on");
    case ACTION_REASSIGN: return _("reassigned");
    case ACTION_CLAIM: return _("claimed");
    case ACTION_RELEASE: return _("released");
    case ACTION_APPROVE: return _("approved");
    case ACTION_REJECT: return _("rejected");
    case ACTION_SUPPLEMENT: return _("asked for material:");
    case ACTION_ANNOTATE: return _("note added to");
    case ACTION_ESCALATE: return _("escalated");
    default: return action_word(act);
    }
}

/* The approve key acknowledges an escalation: say so. */
static const char *req_name(const struct action_req *rq)
{
    return rq->escalation && rq->act == ACTION_APPROVE ? _("acknowledge") : action_word(rq->act);
}

static const char *req_past(const struct action_req *rq)
{
    return rq->escalation && rq->act == ACTION_APPROVE ? _("acknowledged") : action_past(rq->act);
}

/* --- drafts -------------------------------------------------------------------- */

static void drafts_keep(struct app *app, int64_t item, enum editor_purpose purpose,
                        const char *text, const char *materials_text)
{
    if (text)
        editor_drafts_put(&app->drafts, item, purpose, text);
    if (materials_text)
        editor_drafts_put(&app->drafts, item, EDITOR_MATERIALS, materials_text);
}

static void drafts_drop(struct app *app, const struct action_req *rq)
{
    if (rq->text)
        editor_drafts_drop(&app->drafts, rq->t.id, rq->purpose);
    if (rq->materials_text)
        editor_drafts_drop(&app->drafts, rq->t.id, EDITOR_MATERIALS);
}

/* The end of a refusal message, when the user typed something. */
static const char *kept_note(const char *text)
{
    return text ? _(" (your text is kept)") : "";
}

/* --- outcomes ------------------------------------------------------------------- */

static void failure_text(const struct action_req *rq, const struct db_result *r, char *buf,
                         size_t n)
{
    const char *kept = kept_note(rq->text);
    char why[MESSAGE_MAX / 2];     /* room left for the action, the case and the note */

    refusal_text(r->sqlstate, r->message, why, sizeof why);
    /* Who got to an escalation first is what the loser needs to hear. */
    if (strcmp(r->sqlstate, SQLSTATE_CHANGED) == 0 && rq->escalation)
        snprintf(buf, n, _("%s %s: %s — reloaded%s"), req_name(rq), rq->t.case_no, why, kept);
    else if (strcmp(r->sqlstate, SQLSTATE_CHANGED) == 0)
        snprintf(buf, n, _("%s %s: changed meanwhile — reloaded%s"), req_name(rq),
                 rq->t.case_no, kept);
    else if (result_connection_lost(r))
        snprintf(buf, n, _("%s %s: the connection broke again; look at the item and retry%s"),
                 req_name(rq), rq->t.case_no, kept);
    else
        snprintf(buf, n, "%s %s: %s%s", req_name(rq), rq->t.case_no, why, kept);
}

/* One more result for the batch; the last one says how the batch went. */
static void batch_count(struct app *app, struct batch *b, int ok, const char *text)
{
    b->done++;
    b->ok += ok;
    if (!ok && !b->first_error[0])
        snprintf(b->first_error, sizeof b->first_error, "%s", text);
    if (b->done < b->total)
        return;
    if (b->ok == b->total)
        svc_say(app, 0, _("%s %d tagged items"), action_past(b->act), b->total);
    else
        svc_say(app, 1, _("%s %d of %d tagged items; %s"), action_past(b->act), b->ok, b->total,
                b->first_error);
    free(b);
}

/* The item's new version, status and assignee, as the server returns them. */
static void apply_item_result(struct app *app, const PGresult *res)
{
    if (!res || PQnfields(res) < 4 || PQntuples(res) < 1)
        return;
    int64_t id = result_int(res, 0, 0);
    int version = (int)result_int(res, 0, 1);
    queue_apply(&app->q, id, version, result_text(res, 0, 2), result_text(res, 0, 3));
    if (app->view == VIEW_DETAIL && app->detail.row.id == id) {
        struct queue_row *row = &app->detail.row;
        row->version = version;
        char *status = result_dup(res, 0, 2);
        if (status) {
            free(row->status);
            row->status = status;
        }
    }
}

static void action_req_free(struct action_req *rq)
{
    for (int i = 0; i < rq->nparams; i++)
        free(rq->params[i]);
    free(rq->what);
    target_free(&rq->t);
    free(rq->text);
    free(rq->materials);
    free(rq->materials_text);
    free(rq->dept);
    free(rq->login);
    free(rq);
}

/* The connection broke while the action was on its way: it may or may not
 * have been committed. The request id makes sending it again safe. */
static void keep_unsure(struct app *app, struct action_req *rq)
{
    rq->next = app->unsure;
    app->unsure = rq;
    if (rq->done)
        svc_say(app, 1, _("%s: the connection broke; it is sent again when the database is back"),
                rq->what);
    else
        svc_say(app, 1, _("%s %s: the connection broke; it is sent again when the database is back"),
                req_name(rq), rq->t.case_no);
}

struct action_outcome actions_outcome(const struct db_result *r, int resent, int batch)
{
    struct action_outcome o = {0, 0, 0};

    if (!r->ok && result_connection_lost(r) && !resent && !batch) {
        o.effect = ACTION_UNSURE;
        return o;
    }
    o.effect = r->ok ? ACTION_APPLIED : ACTION_KEEP_TEXT;
    /* Done, or refused because the item changed: what the screen shows of
     * it is old either way. */
    if (r->ok || strcmp(r->sqlstate, SQLSTATE_CHANGED) == 0)
        o.want = WANT_CHANGED;
    o.dirty = DIRTY_LIST | DIRTY_HEADER;
    return o;
}

/* The escalation's new version, as the server returns it. */
static void apply_escalation_result(struct app *app, const PGresult *res)
{
    if (res && PQntuples(res) >= 1
        && escview_apply(&app->esc, result_int(res, 0, 0), (int)result_int(res, 0, 1)))
        app->dirty |= DIRTY_LIST;
}

static void on_action(void *ctx, const struct db_result *r)
{
    struct action_req *rq = ctx;
    struct app *app = rq->app;
    char text[MESSAGE_MAX];
    struct action_outcome o = actions_outcome(r, rq->resent, rq->batch != NULL);

    svc_log_result(app, r);
    if (o.effect & ACTION_UNSURE) {
        keep_unsure(app, rq);
        return;
    }
    if (rq->done) {
        rq->done(app, r);
        action_req_free(rq);
        return;
    }
    if (o.effect & ACTION_APPLIED) {
        if (rq->escalation)
            apply_escalation_result(app, r->res);
        else
            apply_item_result(app, r->res);
        drafts_drop(app, rq);
        if (rq->batch)
            queue_untag(&app->q, rq->t.id);
        if (rq->act == ACTION_ESCALATE && rq->dept)
            snprintf(text, sizeof text, _("%s %s to %s"), req_past(rq), rq->t.case_no,
                     rq->t.item);
        else
            snprintf(text, sizeof text, "%s %s %s", req_past(rq), rq->t.case_no, rq->t.item);
    } else {
        drafts_keep(app, rq->t.id, rq->purpose, rq->text, rq->materials_text);
        failure_text(rq, r, text, sizeof text);
    }
    if (rq->batch)
        batch_count(app, rq->batch, r->ok, text);
    else
        svc_say(app, !r->ok, "%s", text);
    app->want |= o.want;
    app->dirty |= o.dirty;
    action_req_free(rq);
}

/* --- sending -------------------------------------------------------------------- */

/* The statement for rq and its parameters (id and version as the user saw
 * them, the request id, then what the action needs). */
static enum db_stmt escalation_params(const struct action_req *rq, const char **p, int *n)
{
    switch (rq->act) {
    case ACTION_APPROVE: return DB_ACKNOWLEDGE;
    case ACTION_RESOLVE: p[3] = rq->text; *n = 4; return DB_RESOLVE;
    case ACTION_HAND_ON:
        p[3] = rq->dept;
        p[4] = rq->login;
        p[5] = rq->text;
        *n = 6;
        return DB_HAND_ON;
    default:
        return DB_STMT_COUNT;
    }
}

static enum db_stmt action_params(const struct action_req *rq, const char *id, const char *ver,
                                  const char *case_id, const char **p, int *n)
{
    p[0] = id;
    p[1] = ver;
    p[2] = rq->request_id;
    *n = 3;
    if (rq->escalation)
        return escalation_params(rq, p, n);
    switch (rq->act) {
    case ACTION_CLAIM: return DB_CLAIM;
    case ACTION_RELEASE: return DB_RELEASE;
    case ACTION_APPROVE: return DB_APPROVE;
    case ACTION_REJECT: p[3] = rq->text; *n = 4; return DB_REJECT;
    case ACTION_ANNOTATE: p[3] = rq->text; *n = 4; return DB_ANNOTATE;
    case ACTION_SUPPLEMENT:
        p[3] = rq->materials;
        p[4] = rq->text && *rq->text ? rq->text : NULL;
        *n = 5;
        return DB_SUPPLEMENT;
    case ACTION_REASSIGN: p[3] = rq->login; *n = 4; return DB_REASSIGN;
    case ACTION_ESCALATE:
        p[0] = rq->request_id;
        if (rq->dept) {
            /* A window clerk's, to the department chosen, about the case. */
            p[1] = case_id;
            p[2] = rq->dept;
            p[3] = rq->text;
            *n = 4;
            return DB_ESCALATE_CASE;
        }
        p[1] = NULL;
        p[2] = id;
        p[3] = NULL;
        p[4] = rq->text;
        *n = 5;
        return DB_ESCALATE;
    default:
        return DB_STMT_COUNT;
    }
}

/* Another view's request: its own statement and parameters. */
static enum db_stmt once_params(const struct action_req *rq, const char **p, int *n)
{
    for (*n = 0; *n < rq->nparams; (*n)++)
        p[*n] = rq->params[*n];
    return rq->stmt;
}

static void action_dispatch(struct app *app, struct action_req *rq)
{
    char id[24], ver[16], case_id[24];
    const char *p[ACTIONS_ONCE_MAX_PARAMS] = {NULL};
    int n;
    enum db_stmt stmt;

    snprintf(id, sizeof id, "%lld", (long long)rq->t.id);
    snprintf(ver, sizeof ver, "%d", rq->t.version);
    snprintf(case_id, sizeof case_id, "%lld", (long long)rq->t.case_id);
    if (rq->done) {
        stmt = once_params(rq, p, &n);
        svc_log(app, "request %s%s", rq->request_id, rq->resent ? " (again)" : "");
    } else {
        stmt = action_params(rq, id, ver, case_id, p, &n);
        svc_log(app, "action %s on %s %s version %s request %s%s", req_name(rq),
                rq->escalation ? "escalation" : "item", id, ver, rq->request_id,
                rq->resent ? " (again)" : "");
    }
    if (svc_send(app, stmt, n, p, on_action, rq) < 0) {
        /* Not even queued: the callback would never run, so the request
         * ends here, as one the connection lost (sent again when it is
         * back) or as refused, its text kept and its batch counted. */
        int offline = !app->db || db_state(app->db) == DB_OFFLINE;
        struct db_result r = {.ok = 0, .sqlstate = offline ? "08006" : "",
                              .message = offline ? _("not connected to the database")
                                                 : _("out of memory"),
                              .stmt = stmt};
        on_action(rq, &r);
    }
}

static int dup_arg(char **out, const char *s)
{
    *out = NULL;
    return s && !(*out = strdup(s)) ? -1 : 0;
}

static struct action_req *action_req_new(enum action act, const struct target *t,
                                         const struct action_args *a)
{
    struct action_req *rq = calloc(1, sizeof *rq);

    if (!rq)
        return NULL;
    if (db_new_request_id(rq->request_id) < 0 || target_copy(&rq->t, t) < 0
        || dup_arg(&rq->text, a->text) < 0 || dup_arg(&rq->materials, a->materials) < 0
        || dup_arg(&rq->materials_text, a->materials_text) < 0 || dup_arg(&rq->dept, a->dept) < 0
        || dup_arg(&rq->login, a->login) < 0) {
        action_req_free(rq);
        return NULL;
    }
    rq->act = act;
    rq->purpose = a->purpose;
    rq->escalation = a->escalation;
    return rq;
}

static void action_send(struct app *app, enum action act, const struct target *t,
                        const struct action_args *a, struct batch *b)
{
    static const struct action_args none = {0};
    struct action_req *rq = action_req_new(act, t, a ? a : &none);

    if (!rq) {
        if (b)
            batch_count(app, b, 0, _("out of memory"));
        else
            svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    rq->app = app;
    rq->batch = b;
    action_dispatch(app, rq);
}

int actions_send_once(struct app *app, const struct actions_once *once)
{
    struct action_req *rq;

    if (once->n < 1 || once->n > ACTIONS_ONCE_MAX_PARAMS || !(rq = calloc(1, sizeof *rq)))
        return -1;
    rq->app = app;
    rq->stmt = once->stmt;
    rq->done = once->done;
    rq->nparams = once->n;
    int bad = dup_arg(&rq->what, once->what);
    for (int i = 0; i < once->n; i++)
        bad |= dup_arg(&rq->params[i], once->params[i]);
    snprintf(rq->request_id, sizeof rq->request_id, "%s", once->params[0] ? once->params[0] : "");
    if (bad) {
        action_req_free(rq);
        return -1;
    }
    action_dispatch(app, rq);
    return 0;
}

void actions_resend(struct app *app)
{
    struct action_req *rq = app->unsure;
    app->unsure = NULL;
    while (rq) {
        struct action_req *next = rq->next;
        rq->next = NULL;
        rq->resent = 1;
        action_dispatch(app, rq);
        rq = next;
    }
}

void actions_forget(struct app *app)
{
    while (app->unsure) {
        struct action_req *next = app->unsure->next;
        action_req_free(app->unsure);
        app->unsure = next;
    }
}

/* Offline, an action is not even tried: the user hears why at once and keeps
 * what was typed. */
static int refuse_offline(struct app *app, enum action act, const struct action_args *a,
                          const struct target *t)
{
    if (svc_online(app))
        return 0;
    if (a)
        drafts_keep(app, t->id, a->purpose, a->text, a->materials_text);
    svc_say(app, 1, _("cannot %s now: the database is offline%s"),
            a && a->escalation && act == ACTION_APPROVE ? _("acknowledge") : action_word(act),
            kept_note(a ? (a->text ? a->text : a->materials_text) : NULL));
    return 1;
}

void actions_on_target(struct app *app, enum action act, const struct target *t,
                       const struct action_args *a)
{
    if (refuse_offline(app, act, a, t))
        return;
    action_send(app, act, t, a, NULL);
}

static struct batch *batch_new(enum action act, int total)
{
    struct batch *b = calloc(1, sizeof *b);
    if (b) {
        b->act = act;
        b->total = total;
    }
    return b;
}

void actions_on_tags(struct app *app, enum action act, const struct action_args *a)
{
    struct queue *q = &app->q;
    size_t n = q->ntags;
    struct batch *b;
    struct target *ts;

    if (n == 0 || refuse_offline(app, act, NULL, NULL))
        return;
    /* Copies first: results may untag while the loop still runs. */
    b = batch_new(act, (int)n);
    ts = b ? calloc(n, sizeof *ts) : NULL;
    if (!ts) {
        free(b);
        svc_say(app, 1, "%s", _("out of memory"));
        return;
    }
    for (size_t i = 0; i < n; i++)
        target_set(&ts[i], q->tags[i].id, 0, q->tags[i].version, q->tags[i].case_no,
                   q->tags[i].item, "");
    for (size_t i = 0; i < n; i++) {
        action_send(app, act, &ts[i], a, b);
        target_free(&ts[i]);
    }
    free(ts);
}
