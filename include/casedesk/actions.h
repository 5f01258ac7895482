/* casedesk — the user's decisions sent to the database: claim, release,
 * approve, reject, ask for material, annotate, escalate, reassign; on one
 * item or on the tagged ones. And the on-call answers to an escalation:
 * acknowledge (the approve action on an escalation), resolve, hand on.
 *
 * Every request carries a fresh request id and the version of the item the
 * user saw. The database refuses a stale version (CD001: the item is
 * reloaded) and applies a request id once, so a request whose outcome a
 * broken connection hid is sent again, unchanged, when the database is back.
 * Text typed for a request that did not get through is kept as a draft and
 * offered again the next time the same editor opens for the same item.
 * Offline, nothing is sent: the user is told at once.
 */
#ifndef CASEDESK_ACTIONS_H
#define CASEDESK_ACTIONS_H

#include "casedesk/db.h"
#include "casedesk/editor.h"
#include "casedesk/keymap.h"
#include "casedesk/target.h"

struct app;

/* What an action needs besides the item; all optional, all copied. */
struct action_args {
    const char *text;           /* reason, note or question */
    const char *materials;      /* array literal, for a supplement request */
    const char *materials_text; /* the materials as typed, for the draft */
    enum editor_purpose purpose;/* which editor text came from */
    const char *dept;           /* the department escalated or handed on to */
    const char *login;          /* the person handed on or reassigned to */
    int escalation;             /* the target is an escalation */
};

/* What the outcome of an action means besides its message. */
enum {
    ACTION_UNSURE = 1,      /* the connection hid it: kept, sent again when back */
    ACTION_APPLIED = 2,     /* done: the new version is loaded, the draft dropped */
    ACTION_KEEP_TEXT = 4,   /* refused: what was typed is kept as a draft */
};
struct action_outcome {
    unsigned effect;        /* ACTION_UNSURE, _APPLIED or _KEEP_TEXT */
    unsigned want, dirty;   /* for app->want and app->dirty */
};
/* Decides it from the answer r to a request sent for the first time or
 * again (resent), alone or for the tagged items (batch). Pure. */
struct action_outcome actions_outcome(const struct db_result *r, int resent, int batch);

/* Sends act for the item t; a may be NULL. */
void actions_on_target(struct app *app, enum action act, const struct target *t,
                       const struct action_args *a);
/* Sends act for every tagged item (a may be NULL); one message tells how
 * it went. */
void actions_on_tags(struct app *app, enum action act, const struct action_args *a);
/* A request of another view sent as the actions are: with a request id
 * the database applies once, so that one whose outcome a broken connection
 * hid is kept and sent again, unchanged, when the database is back. done
 * runs once with the known outcome: success, a refusal, or the connection
 * lost again while it was sent again. */
typedef void (*actions_done_fn)(struct app *app, const struct db_result *r);
#define ACTIONS_ONCE_MAX_PARAMS 8
struct actions_once {
    enum db_stmt stmt;
    int n;                          /* parameters, the request id first */
    const char *const *params;      /* copied */
    const char *what;               /* for the messages: "file 项目开工一件事" */
    actions_done_fn done;
};
/* -1 when it could not be sent (out of memory, too many parameters): done
 * is not called. */
int actions_send_once(struct app *app, const struct actions_once *once);

/* Sends the unsure requests again (the connection is back). */
void actions_resend(struct app *app);
/* Drops the unsure requests (the console is closing). */
void actions_forget(struct app *app);

#endif
