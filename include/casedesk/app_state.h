/* casedesk — the console's state. Types only: the services that act on it
 * are svc.h.
 *
 * Internal to the console: only its modules include this (through svc.h).
 * The pure modules (queue, escview, supview, cells, detail, editor,
 * sla_clock, target, text, keymap, changes), the ui and the db know nothing
 * of it. There is one struct app, made by app_run(); the database's
 * callbacks get it as their context.
 *
 * Nothing draws in response to an event: a handler changes the state and
 * marks the regions of the screen that show it (dirty); frame_draw() draws
 * them once per turn of the loop. Nothing calls another console module
 * back either: what a handler wants done besides (fetch this, switch to
 * that view) it records in app->want, and the loop does it (app.c).
 */
#ifndef CASEDESK_APP_STATE_H
#define CASEDESK_APP_STATE_H

#include <stdio.h>
#include <time.h>
#include <stdint.h>

#include "casedesk/changes.h"
#include "casedesk/config.h"
#include "casedesk/db.h"
#include "casedesk/detail.h"
#include "casedesk/editor.h"
#include "casedesk/escview.h"
#include "casedesk/intake.h"
#include "casedesk/keymap.h"
#include "casedesk/relaylink.h"
#include "casedesk/meters.h"
#include "casedesk/qr.h"
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

/* What a handler wants done that is not its own state (app->want): the
 * loop does it once per turn, after the database's callbacks and the keys
 * (app.c), so that no handler calls another console module back and no
 * call-back runs nested in another. The first two are news of changes
 * (CHANGED_*, changes.h): each view says what it fetches again for them. */
enum {
    WANT_CHANGED_ITEMS = CHANGED_ITEMS,
    WANT_CHANGED_ESCALATIONS = CHANGED_ESCALATIONS,
    WANT_CHANGED_ROWS = CHANGED_ROWS,
    WANT_PAGE = 1u << 3,            /* the queue page, or the list shown instead */
    WANT_DETAIL = 1u << 4,          /* every part of the item in the detail */
    WANT_ESCALATIONS = 1u << 5,     /* the escalation list */
    WANT_FIGURES = 1u << 6,         /* the supervisor's figures */
    WANT_CHECK = 1u << 7,           /* ask which changes were not seen yet */
    WANT_RESEND = 1u << 8,          /* the unsure actions, again */
    WANT_HOME = 1u << 9,            /* the job's home view, the first time */
    WANT_VIEW = 1u << 10,           /* switch to app->want_view */
    WANT_ROWS = 1u << 11,           /* the items in app->rows_changed, on the page */
};
#define WANT_CHANGED (WANT_CHANGED_ITEMS | WANT_CHANGED_ESCALATIONS | WANT_CHANGED_ROWS)

/* Requests of one kind on their way; only the answer to the last is
 * loaded (svc_arrived). again: asked for once more while one was on its
 * way (svc_busy), to be sent when it arrives. */
struct inflight {
    int n;
    int again;
};

#define MESSAGE_MAX 512

/* What takes the keys before the view does. */
enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_CONFIRM, OVERLAY_SEARCH, OVERLAY_FILTER,
               OVERLAY_EDITOR, OVERLAY_COMMAND, OVERLAY_MESSAGES, OVERLAY_QR };

/* A message said on the message line, kept for the message history (M):
 * an action's outcome stays readable after the next message replaced it. */
#define SAID_KEPT 50
struct said {
    time_t at;
    int error;
    char text[MESSAGE_MAX];
};

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
    unsigned want;                   /* WANT_* */
    enum view want_view;             /* WANT_VIEW */

    /* page.c */
    struct queue q;
    struct queue_request page_req;   /* the page request sent last */
    enum queue_place page_place;
    struct inflight page_inflight;
    /* Items to read alone (WANT_ROWS, page_patch()); more than this many
     * waiting, the page is read whole. */
#define PAGE_ROWS_MAX 16
    int64_t rows_changed[PAGE_ROWS_MAX];
    int nrows_changed;
    int rows_warm;                   /* this connection has read an item alone */
    long long keys_held_ms;          /* when keys began to wait for a page a key asked for */
    long long data_at_ms;            /* when the data was last known current; 0 never */

    /* detailview.c: where the detail goes back to */
    enum view detail_back;

    /* detailview.c */
    struct detail detail;
    int detail_lines;
    struct inflight detail_inflight[DETAIL_PARTS];

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
    struct change_scope scope;       /* whose items the user sees */
    struct inflight changes_inflight, sweep_inflight;
    int sweeper;                     /* this console's backend sweeps for the centre */
    struct relaylink relay;          /* the host's relay, when configured */
    long long relay_retry_ms;        /* when to try its socket again */
    int relay_absent;                /* the last try found none (said once) */
    int frozen;
    /* Closed while its user was away (live_rest): live updates wait for a
     * key, which is not acted on (the screen it would act on is old). */
    int resting;
    long long key_ms;                /* the user's last key */

    /* escdesk.c */
    struct esc_list esc;
    struct inflight esc_inflight;
    int esc_unseen;                  /* new escalations not looked at in view 2 yet */
    long long flash_until_ms;        /* the tab flashes until then */
    struct inflight esc_opening;               /* the item of an escalation is on its way */

    /* supdesk.c */
    struct sup_view sup;
    /* again: the figures changed while they were on their way */
    struct inflight sup_inflight, matter_inflight, history_inflight;

    /* dash.c: the meters and the panes of a large screen */
    struct meters meters;
    int pane_focus;                  /* the pane with the keys: 0 the large one, 1 the other */
    int meters_due;                  /* a change is being fetched: its meters are awaited */
    int meters_ask;                  /* the next check asks for the meters (live.c) */
    long long meters_read_ms;        /* when the meters last arrived */
    /* supdesk.c: the red items beside the figures, on a wide screen */
    struct queue red;
    struct inflight red_inflight;

    /* drill.c */
    struct drill drill;
    struct inflight drill_inflight;

    /* app.c: timers */
    long long connecting_since_ms;
    long long next_tick_ms, next_refresh_ms, next_sweep_ms, next_spin_ms;
    unsigned spinner;

    char message[MESSAGE_MAX];
    int message_error;
    unsigned long turn;              /* turns of the loop so far */
    unsigned long message_turn;      /* the turn the message was said in */

    /* help.c */
    int help_scroll, help_lines;
    struct said said[SAID_KEPT];     /* svc.c: a ring, oldest at said_first */
    unsigned said_first, said_n;
    int said_scroll;

    /* qrview.c: the tracking code shown, and the text it holds */
    struct qr_code qr;
    char *qr_text;

    /* intakeview.c: the window clerk's form, kept while the view is left,
     * and the finder (查询) */
    struct intake_form intake;
    struct intake_finder finder;
    enum intake_page intake_page;
    int intake_editing;              /* the form or the finder takes the keys */
    int intake_confirming;           /* asking y/N before filing */
    int intake_filing;               /* a filing is on its way */
    char intake_filed[MESSAGE_MAX];  /* what the last filing gave: its case, its promise */
    char intake_request[37];         /* its request id, until its outcome is known */
    struct inflight intake_matters_inflight, intake_checklist_inflight, intake_applicant_inflight,
        intake_find_inflight, intake_open_inflight;

    /* confirm.c: the y/N question */
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
    struct inflight choices_inflight;
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


#endif
