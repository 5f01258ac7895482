/* casedesk — the console's state, and the few services every part of the
 * console uses: the debug log, the message line, sending a query.
 *
 * Internal to the console: only its modules include this (app, page, detail,
 * live, actions, prompt, compose, choices, input, frame, view, escdesk,
 * supdesk, drill, command). The pure modules (queue, escview, supview,
 * editor, sla_clock, target, text, keymap, changes), the ui and the db know
 * nothing of it. There is one struct app, made by app_run(); the database's callbacks
 * get it as their context.
 *
 * Nothing draws in response to an event: a handler changes the state and
 * marks the regions of the screen that show it (dirty); frame_draw() draws
 * them once per turn of the loop.
 */
#ifndef CASEDESK_APP_STATE_H
#define CASEDESK_APP_STATE_H

#include <stdio.h>
#include <stdint.h>

#include "casedesk/changes.h"
#include "casedesk/config.h"
#include "casedesk/db.h"
#include "casedesk/detail.h"
#include "casedesk/editor.h"
#include "casedesk/escview.h"
#include "casedesk/keymap.h"
#include "casedesk/queue.h"
#include "casedesk/sla_clock.h"
#include "casedesk/supview.h"
#include "casedesk/target.h"
#include "casedesk/ui.h"
#include "casedesk/view.h"

/* Regions of the screen to draw again. */
enum {
    DIRTY_HEADER = 1 << 0,
    DIRTY_LIST = 1 << 1,
    DIRTY_TIMERS = 1 << 2,
    DIRTY_STATUS = 1 << 3,
    DIRTY_MESSAGE = 1 << 4,
    DIRTY_HINTS = 1 << 5,
    DIRTY_OVERLAY = 1 << 6,
    DIRTY_ALL = 0x7f
};

#define MESSAGE_MAX 512

/* What takes the keys before the view does. */
enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_CONFIRM, OVERLAY_SEARCH, OVERLAY_FILTER,
               OVERLAY_EDITOR, OVERLAY_COMMAND };

/* drill.c: the queue view showing a list instead of the queue's pages. */
enum drill_kind { DRILL_NONE, DRILL_FIGURE, DRILL_CLAIMED_BY };
struct drill {
    enum drill_kind kind;
    char figure[32];            /* casedesk.figure_items()'s name */
    int key, by_matter;         /* the department or matter type; 0: all */
    char login[64];             /* DRILL_CLAIMED_BY */
    char label[MESSAGE_MAX];    /* for the header */
    int release_on_load;        /* tag all and ask to release them when they arrive */
    enum view back;             /* where Esc goes */
};

struct action_req;   /* actions.c */

struct app {
    const struct config *cfg;
    const struct keymap *km;
    FILE *log;
    long long t0_ms;
    struct db *db;
    int quit;
    enum view view;
    enum overlay overlay;
    unsigned dirty;

    /* page.c */
    struct queue q;
    struct queue_request page_req;   /* the page request sent last */
    enum queue_place page_place;
    int page_inflight;
    long long data_at_ms;            /* when the data was last known current; 0 never */

    /* view.c: where the detail goes back to */
    enum view detail_back;

    /* detail.c */
    struct detail detail;
    int detail_lines;
    int detail_inflight[DETAIL_PARTS];

    /* live.c */
    struct sla_calendar cal;
    int minutes_per_day;
    int64_t skew;                    /* server clock minus ours, seconds */
    char *who, *login;
    char *job;                       /* "reviewer", "oncall", "supervisor", "window" */
    int home_shown;                  /* the job's home view was opened once */
    enum ui_conn conn;
    int was_online;
    struct changes changes;
    int changes_inflight, changes_again;
    unsigned notified;               /* CHANGED_* notifications asked for while that
                                        fetch was already under way (live.c) */
    int sweep_inflight;
    int frozen;

    /* escdesk.c */
    struct esc_list esc;
    int esc_inflight;
    int esc_unseen;                  /* new escalations not looked at in view 2 yet */
    long long flash_until_ms;        /* the tab flashes until then */
    int esc_opening;                 /* the item of an escalation is on its way */

    /* supdesk.c */
    struct sup_view sup;
    int sup_inflight, matter_inflight, history_inflight;
    int sup_again;                   /* the figures changed while they were on their way */

    /* drill.c */
    struct drill drill;
    int drill_inflight;

    /* app.c: timers */
    long long connecting_since_ms;
    long long next_tick_ms, next_refresh_ms, next_sweep_ms, next_spin_ms;
    unsigned spinner;

    char message[MESSAGE_MAX];
    int message_error;

    /* input.c */
    int help_scroll, help_lines;

    /* prompt.c: the y/N question */
    char question[MESSAGE_MAX];
    enum action confirm_act;
    int confirm_batch;
    struct target confirm_target;

    /* prompt.c: the search prompt */
    struct editor search;
    size_t search_origin;
    char *search_before;

    /* compose.c: the editor overlay */
    struct editor ed;
    enum editor_purpose ed_purpose;
    struct target ed_target;
    char ed_title[MESSAGE_MAX];
    char ed_notice[MESSAGE_MAX];
    int ed_asking_discard;
    char **choices;
    char **choice_values;            /* what each choice stands for: a department id, a login */
    size_t nchoices;
    int choices_inflight;
    int choice_department;           /* whose staff a list of reviewers shows */
    int ed_tags;                     /* the editor acts on the tagged items */
    char *step_value, *step_login;   /* a first step's answer: a department, a login */
    char *step_label;
    char *materials_literal;         /* the first step of a supplement request */

    /* command.c: the : line */
    struct editor cmd;

    /* actions.c and compose.c: text that did not reach the database */
    struct editor_drafts drafts;
    /* actions.c: actions whose outcome the broken connection hid; sent
     * again, with the same request id, when the database is back. */
    struct action_req *unsure;
};

/* A line in the debug log, if there is one. */
__attribute__((format(printf, 2, 3)))
void app_log(const struct app *app, const char *fmt, ...);
/* Puts a message in the message line (error: drawn as one) and the log. */
__attribute__((format(printf, 3, 4)))
void app_say(struct app *app, int error, const char *fmt, ...);

/* The database is up and may be asked. */
int app_online(const struct app *app);
/* db_send(), logged; the status line shows the request as pending. */
int app_send(struct app *app, enum db_stmt stmt, int n, const char *const *params,
             db_result_fn fn, void *ctx);
/* app_send(), counting the request in *inflight until its callback counts
 * it down. A request that could not be queued is not counted, as its
 * callback will never run. */
int app_send_counted(struct app *app, int *inflight, enum db_stmt stmt, int n,
                     const char *const *params, db_result_fn fn, void *ctx);
/* The outcome of a request, in the log. */
void app_log_result(const struct app *app, const struct db_result *r);
/* 1 when r failed. The user is told with fmt (one %s: the server's words),
 * unless the connection broke, which the status line tells already. */
int app_failed(struct app *app, const struct db_result *r, const char *fmt);
/* The data on screen is current: the server's clock (now_col of res's
 * first row) sets the skew, and the status line's age starts again. */
void app_note_fresh(struct app *app, const PGresult *res, int now_col);
/* Lays the screen out again for a new size, and refetches a page of the
 * new height. */
void app_relayout(struct app *app);

#endif
