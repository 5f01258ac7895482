/* casedesk — the database connection: libpq, non-blocking, for a poll() loop. */
#include "casedesk/db.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Columns every queue row carries, in this order (see queue.h). */
#define QUEUE_COLS \
    "id, case_id, case_no, matter, item, applicant, status, assignee, assignee_name, " \
    "department, due_at, extract(epoch FROM due_at), extract(epoch FROM yellow_at), " \
    "extract(epoch FROM entered_at), extract(epoch FROM paused_at), version, change_seq, " \
    "extract(epoch FROM received_at), project, extract(epoch FROM now()), " \
    "extract(epoch FROM original_due_at), paused_minutes, limit_unit, entered_at, department_id"
#define ITEM_RESULT "id, version, status, assignee, change_seq"
#define ESC_RESULT "id, version, acknowledged_by, resolved_by, change_seq"
/* Columns of an escalation row, in this order (see escview.h). The case and
 * the item are those row-level security lets the caller see (NULL else). */
#define ESC_COLS \
    "e.id, e.version, e.item_id, e.case_id, cf.case_no, it.name, e.department_id, d.name, " \
    "casedesk.display_name(e.addressee), e.kind, e.source, e.level, e.note, " \
    "casedesk.display_name(e.raised_by), extract(epoch FROM e.raised_at), " \
    "extract(epoch FROM e.respond_by), casedesk.display_name(e.acknowledged_by), " \
    "extract(epoch FROM e.acknowledged_at), casedesk.display_name(e.resolved_by), " \
    "extract(epoch FROM e.resolved_at), e.resolution, extract(epoch FROM e.escalated_at), " \
    "e.raised_by, extract(epoch FROM now()), e.hand_on_note"
#define ESC_FROM \
    " FROM casedesk.escalation e" \
    " JOIN casedesk.department d ON d.id = e.department_id" \
    " LEFT JOIN casedesk.case_file cf ON cf.id = e.case_id" \
    " LEFT JOIN casedesk.case_item ci ON ci.id = e.item_id" \
    " LEFT JOIN casedesk.item_type it ON it.id = ci.item_type_id"
/* Columns of a figures row (see supview.h). */
#define FIGURE_COLS \
    "open, yellow, red, paused, done_today, done_7d, done_30d, on_time_rate, " \
    "first_pass_rate, median_minutes, esc_total, esc_in_time, extract(epoch FROM figures_at)"
/* Whether an item is in the queue under the filter named by parameter $p. */
#define FILTER_ON(p) \
    " status IN ('pending','claimed','supplement','suspended')" \
    " AND CASE $" p " WHEN 'mine' THEN assignee = session_user" \
    "  WHEN 'unclaimed' THEN status = 'pending'" \
    "  WHEN 'paused' THEN status IN ('supplement','suspended')" \
    "  WHEN 'overdue' THEN due_at < now() AND status IN ('pending','claimed')" \
    "  ELSE true END"
#define OPEN_FILTER FILTER_ON("4")
/* A page of the queue in the order of key (then id), after or before
 * ($1 key, $2 id), $3 rows. The page is chosen from case_item alone and only
 * its rows are joined to cases, applicants and the rest: with the joins
 * first, a planner that misjudges how many rows row-level security lets
 * through (a few thousand items) joins all of them before sorting. An item
 * a user may see always has a case the user may see, so the joins drop
 * nothing. */
/* The newest change of table the caller may see, newer than $n seen
 * ($n 0: not asked, the console has seen nothing yet, and the whole table
 * would be read), in the statement's own snapshot: what a fetch covers. */
#define COVERED(table, n) \
    "greatest((SELECT max(change_seq) FROM casedesk." table " WHERE change_seq > $" n "::bigint" \
    " AND $" n "::bigint > 0), $" n "::bigint)"
/* The meters (casedesk.my_meters()) ride on the answers the console fetches
 * anyway: once per statement (a scalar subquery), never per row. The sweep's
 * alarms move them too, and fetch the escalation list. */
#define METERS "(SELECT casedesk.my_meters())"
#define QUEUE_PAGE(key, type, cmp, dir) \
    "SELECT " QUEUE_COLS ", " COVERED("case_item", "5") ", " METERS \
    " FROM casedesk.queue_row WHERE id IN (" \
    "SELECT id FROM casedesk.case_item WHERE" OPEN_FILTER \
    " AND (" key ", id) " cmp " ($1::" type ", $2::bigint)" \
    " ORDER BY " key dir ", id" dir " LIMIT $3::int)" \
    " ORDER BY " key dir ", id" dir

/* Where a row's keyset falls against ($k, $i): -1 before, 0 the same, 1
 * after, in the sort's own order. */
#define KEY_VS(key, type, k, i) \
    "CASE WHEN (" key ", id) < ($" k "::" type ", $" i "::bigint) THEN -1" \
    " WHEN (" key ", id) > ($" k "::" type ", $" i "::bigint) THEN 1 ELSE 0 END"
/* One item for the page (queue_patch): $1 its id, $2 the filter, $3 and $4
 * the key and id of the page's top row, $5 and $6 of the last row held:
 * the item's columns, its id again, whether it is under the filter, where
 * it falls against the two, and the meters. Always one row: the item's
 * columns NULL when the user does not see it. */
#define QUEUE_ROW(key, type) \
    "SELECT " QUEUE_COLS ", $1::bigint, coalesce(" FILTER_ON("2") ", false), " \
    KEY_VS(key, type, "3", "4") ", " KEY_VS(key, type, "5", "6") ", " METERS \
    " FROM (SELECT) asked LEFT JOIN casedesk.queue_item($1::bigint) ON true"

static const struct {
    const char *name;
    const char *sql;
} statements[DB_STMT_COUNT] = {
    [DB_WHOAMI] = {"whoami",
        "SELECT s.login, s.display_name, s.job,"
        " (SELECT string_agg(d.name, '、' ORDER BY d.id) FROM casedesk.department d"
        "   WHERE d.id = ANY (casedesk.my_departments())),"
        " extract(epoch FROM now()),"
        " (SELECT c.time_zone FROM casedesk.centre c),"
        /* The departments whose items a reviewer sees (row-level security);
         * NULL for the jobs that see items of every department. */
        " CASE s.job WHEN 'reviewer' THEN array_to_string(casedesk.my_departments(), ' ') END"
        " FROM casedesk.me() s"},
    [DB_CLAIM] = {"claim", "SELECT " ITEM_RESULT " FROM casedesk.claim($1::bigint, $2::int, $3::uuid)"},
    [DB_RELEASE] = {"release", "SELECT " ITEM_RESULT " FROM casedesk.release($1::bigint, $2::int, $3::uuid)"},
    [DB_APPROVE] = {"approve", "SELECT " ITEM_RESULT " FROM casedesk.approve($1::bigint, $2::int, $3::uuid)"},
    [DB_REJECT] = {"reject",
        "SELECT " ITEM_RESULT " FROM casedesk.reject($1::bigint, $2::int, $3::uuid, $4::text)"},
    [DB_SUPPLEMENT] = {"supplement",
        "SELECT " ITEM_RESULT " FROM casedesk.request_supplement($1::bigint, $2::int, $3::uuid,"
        " $4::text[], $5::text)"},
    [DB_SUSPEND] = {"suspend",
        "SELECT " ITEM_RESULT " FROM casedesk.suspend($1::bigint, $2::int, $3::uuid, $4::text)"},
    [DB_RESUME] = {"resume", "SELECT " ITEM_RESULT " FROM casedesk.resume($1::bigint, $2::int, $3::uuid)"},
    [DB_REASSIGN] = {"reassign",
        "SELECT " ITEM_RESULT " FROM casedesk.reassign($1::bigint, $2::int, $3::uuid, $4::name)"},
    [DB_ANNOTATE] = {"annotate", "SELECT casedesk.annotate($1::bigint, $2::int, $3::uuid, $4::text)"},
    [DB_ESCALATE] = {"escalate",
        "SELECT casedesk.escalate($1::uuid, $2::bigint, $3::bigint, $4::smallint, $5::text)"},
    [DB_ACKNOWLEDGE] = {"acknowledge",
        "SELECT " ESC_RESULT " FROM casedesk.acknowledge($1::bigint, $2::int, $3::uuid)"},
    [DB_RESOLVE] = {"resolve",
        "SELECT " ESC_RESULT " FROM casedesk.resolve($1::bigint, $2::int, $3::uuid, $4::text)"},
    [DB_HAND_ON] = {"hand_on",
        "SELECT " ESC_RESULT " FROM casedesk.hand_on($1::bigint, $2::int, $3::uuid,"
        " $4::smallint, $5::name, $6::text)"},
    /* $1 due_at, $2 id: the key to start after; $3 page size; $4 filter;
     * $5 the newest item change seen (see COVERED). */
    [DB_QUEUE_PAGE] = {"queue_page", QUEUE_PAGE("due_at", "timestamptz", ">", "")},
    [DB_QUEUE_PAGE_BACK] = {"queue_page_back", QUEUE_PAGE("due_at", "timestamptz", "<", " DESC")},
    /* The same pages in the order items entered the queue, and by case. */
    [DB_QUEUE_BY_AGE] = {"queue_by_age", QUEUE_PAGE("entered_at", "timestamptz", ">", "")},
    [DB_QUEUE_BY_AGE_BACK] = {"queue_by_age_back",
        QUEUE_PAGE("entered_at", "timestamptz", "<", " DESC")},
    [DB_QUEUE_BY_CASE] = {"queue_by_case", QUEUE_PAGE("case_id", "bigint", ">", "")},
    [DB_QUEUE_BY_CASE_BACK] = {"queue_by_case_back", QUEUE_PAGE("case_id", "bigint", "<", " DESC")},
    [DB_QUEUE_ROW] = {"queue_row", QUEUE_ROW("due_at", "timestamptz")},
    [DB_QUEUE_ROW_BY_AGE] = {"queue_row_by_age", QUEUE_ROW("entered_at", "timestamptz")},
    [DB_QUEUE_ROW_BY_CASE] = {"queue_row_by_case", QUEUE_ROW("case_id", "bigint")},
    /* $1 an array of item ids. */
    [DB_QUEUE_ITEMS] = {"queue_items",
        "SELECT " QUEUE_COLS " FROM casedesk.queue_row WHERE id = ANY ($1::bigint[])"},
    /* $1 and $2 the newest item and escalation changes seen: the newest
     * of each the caller may see (row-level security), the same when none
     * is newer. Apart, so that an alarm does not reload the queue page.
     * $3: whether the meters are wanted (casedesk.my_meters(); NULL when
     * not). A function, so that its plans are generic and kept (see
     * console_check in 60_sla_watch.sql). */
    [DB_CHANGES] = {"changes",
        "SELECT item_seq, escalation_seq, meters"
        " FROM casedesk.console_check($1::bigint, $2::bigint, NULL, $3::boolean)"},
    /* $1 case id: every item of the matter, the text form of its flow chart. */
    [DB_CASE_ITEMS] = {"case_items", "SELECT * FROM casedesk.case_overview($1::bigint)"},
    /* $1 item id: knowledge base and annotations. */
    [DB_ITEM_TEXTS] = {"item_texts", "SELECT * FROM casedesk.item_texts($1::bigint)"},
    [DB_ITEM_HISTORY] = {"item_history",
        "SELECT extract(epoch FROM at), casedesk.display_name(actor), action,"
        " before ->> 'status', after ->> 'status'"
        " FROM casedesk.audit WHERE item_id = $1::bigint ORDER BY id"},
    [DB_BUSINESS_TIME] = {"business_time",
        "SELECT extract(epoch FROM opens), extract(epoch FROM closes)"
        " FROM casedesk.business_intervals(now() - interval '60 days', now() + interval '180 days')"},
    [DB_SWEEP] = {"sweep", "SELECT casedesk.sweep()"},
    /* The console's periodic call: the sweep when nobody swept within its
     * period ($3 seconds: once per centre, however many consoles are
     * open), and in the same round trip the check for changes a lost
     * notification would hide ($1, $2 as in changes). The check reads the
     * rows before the sweep runs; $4 as $3 of changes. sweeper: whether
     * this session is now the one that sweeps (see live_sweep). */
    [DB_SWEEP_CHECK] = {"sweep_check",
        "SELECT swept, item_seq, escalation_seq, meters, sweeper"
        " FROM casedesk.console_check($1::bigint, $2::bigint, $3::int, $4::boolean)"},
    /* $1 at most this many, $2 the newest escalation change seen (see
     * COVERED): the escalations not yet resolved that the
     * caller may see (row-level security: on-call staff theirs and their
     * departments', reviewers their departments', supervisors all). */
    /* The page is chosen from escalation alone, as for the queue (see
     * QUEUE_PAGE). */
    [DB_ESC_OPEN] = {"esc_open",
        "SELECT " ESC_COLS ", " COVERED("escalation", "2") ", " METERS ESC_FROM
        " WHERE e.id IN (SELECT id FROM casedesk.escalation"
        " WHERE resolved_at IS NULL ORDER BY respond_by, id LIMIT $1::int)"
        " ORDER BY e.respond_by, e.id"},
    /* $1 and $2 as for esc_open: what the caller raised this week, while open
     * and for a day after it was resolved (a window clerk's answers). */
    [DB_ESC_RAISED] = {"esc_raised",
        "SELECT " ESC_COLS ", " COVERED("escalation", "2") ", " METERS ESC_FROM
        " WHERE e.raised_by = session_user"
        " AND e.raised_at > now() - interval '7 days'"
        " AND (e.resolved_at IS NULL OR e.resolved_at > now() - interval '1 day')"
        " ORDER BY e.respond_by, e.id LIMIT $1::int"},
    /* $1 request, $2 case, $3 department, $4 question. The escalation is
     * about the case's item of that department when it has one: the
     * department's on-call staff may then open it. */
    [DB_ESCALATE_CASE] = {"escalate_case",
        "SELECT casedesk.escalate($1::uuid, $2::bigint,"
        " (SELECT ci.id FROM casedesk.case_item ci WHERE ci.case_id = $2::bigint"
        "   AND ci.department_id = $3::smallint ORDER BY ci.id LIMIT 1),"
        " $3::smallint, $4::text)"},
    [DB_DEPARTMENTS] = {"departments", "SELECT id, name FROM casedesk.department ORDER BY id"},
    /* $1 department, $2 job or NULL for any: its active staff. */
    [DB_DEPT_STAFF] = {"dept_staff",
        "SELECT s.login, s.display_name, s.job FROM casedesk.staff s"
        " JOIN casedesk.staff_department sd ON sd.login = s.login"
        " WHERE sd.department_id = $1::smallint AND s.active"
        " AND ($2::text IS NULL OR s.job::text = $2::text) ORDER BY s.login"},
    [DB_SUP_FIGURES] = {"sup_figures",
        "SELECT department_id, department, " FIGURE_COLS " FROM casedesk.supervisor_figures()"},
    [DB_MATTER_FIGURES] = {"matter_figures",
        "SELECT matter_type_id, matter, " FIGURE_COLS " FROM casedesk.matter_figures()"},
    /* $1 department, $2 matter type (either NULL): decisions per day. */
    [DB_HISTORY] = {"history",
        "SELECT day, completed, on_time, first_pass"
        " FROM casedesk.history_14d($1::smallint, $2::int)"},
    /* The working-day calendar's last day, the days to it, whether to warn. */
    [DB_CALENDAR_LEFT] = {"calendar_left",
        "SELECT to_char(ends, 'YYYY-MM-DD'), days, warn FROM casedesk.calendar_left()"},
    /* $1 department, $2 figure, $3 at most this many, $4 matter type: the
     * items behind a figure, in the order figure_items() gives them. The
     * ids come as an array so that the items are found by their key. */
    [DB_FIGURE_ITEMS] = {"figure_items",
        "SELECT " QUEUE_COLS " FROM unnest(ARRAY(SELECT casedesk.figure_items($1::smallint,"
        " $2::text, $3::int, $4::int))) WITH ORDINALITY f(fid, n)"
        " JOIN casedesk.queue_row q ON q.id = f.fid ORDER BY f.n"},
    /* $1 login, $2 at most this many: the items that login holds claimed. */
    [DB_CLAIMED_BY] = {"claimed_by",
        "SELECT " QUEUE_COLS " FROM casedesk.queue_row"
        " WHERE assignee = $1::name AND status = 'claimed' ORDER BY due_at, id LIMIT $2::int"},
    /* $1 a case number: the case if the caller may see it (row-level
     * security), for its tracking code. */
    [DB_CASE_NO] = {"case_no", "SELECT case_no FROM casedesk.case_file WHERE case_no = $1::text"},
    /* The window's intake: the matter types, a matter's checklist, the
     * applicant of a credit code (NULL: a new one). */
    [DB_INTAKE_MATTERS] = {"intake_matters",
        "SELECT code, name, name_en, items FROM casedesk.intake_matters()"},
    [DB_INTAKE_CHECKLIST] = {"intake_checklist",
        "SELECT item_type_id, item_code, item_name, department, ord, material, waits_for"
        " FROM casedesk.intake_checklist($1::text)"},
    [DB_APPLICANT_NAME] = {"applicant_name", "SELECT casedesk.applicant_name($1::text)"},
    /* $1 request id, $2 matter, $3 credit code, $4 applicant, $5 project,
     * $6 and $7 the item types and ords of the materials not received. */
    [DB_FILE_CASE] = {"file_case",
        "SELECT casedesk.file_case($1::uuid, $2::text, $3::text, $4::text, $5::text,"
        " 'window', $6::int[], $7::int[])"},
    /* A case just filed: its number for the tracking code, and when the
     * whole matter is promised. Apart from the filing, whose own rows the
     * statement that files could not see. */
    [DB_FILED_CASE] = {"filed_case",
        "SELECT case_no, casedesk.case_promised(id) FROM casedesk.case_file WHERE id = $1::bigint"},
    /* $1 a case number, credit code or part of a name; $2 at most this many. */
    [DB_FIND_CASES] = {"find_cases",
        "SELECT case_id, case_no, credit_code, applicant, matter, project, received_at, items,"
        " open_items, promised FROM casedesk.find_cases($1::text, $2::int)"},
    /* The first item of a case, whose detail shows the case's flow chart. */
    [DB_CASE_FIRST_ITEM] = {"case_first_item",
        "SELECT " QUEUE_COLS " FROM casedesk.queue_row WHERE case_id = $1::bigint"
        " ORDER BY id LIMIT 1"},
};

struct request {
    enum db_stmt stmt;
    const char *command;         /* a session command of db.c's own, instead */
    int nparams;
    char **params;
    db_result_fn fn;
    void *ctx;
    struct request *next;
};

struct db {
    char *conninfo;
    const char *app_name;        /* fallback_application_name (static) */
    PGconn *conn;
    enum db_state state;
    int connect_wants_write;     /* PQconnectPoll asked to wait for writability */
    int flushing;                /* output still queued in libpq */
    /* Statements are prepared on their first use on a connection: a
     * session keeps a parsed statement for each, and a reviewer uses a
     * third of them. */
    unsigned char prepared[DB_STMT_COUNT];
    int preparing;               /* the request in flight is its statement's Parse */
    int listen_sent;
    int listen;                  /* LISTEN on this connection (no relay) */
    PGresult *partial;           /* result of the request in flight */
    struct request *head, *tail; /* head is in flight once sent */
    int in_flight;
    long long sent_ms;           /* when the request in flight went out */
    long long used_ms;           /* when a request last went out or came back */
    int waking;                  /* reopening after a rest: not announced */
    long long retry_at_ms;
    int backoff_ms;
    char error[512];
    /* Notices and warnings the server sent, oldest first, until taken. */
    char notices[DB_NOTICES_KEPT][DB_NOTICE_MAX];
    unsigned notice_first, notice_count;
    db_notify_fn on_notify;
    db_state_fn on_state;
    void *handler_ctx;
};

/* The console's one clock, which the wall clock's jumps do not move. */
static long long now_ms(void)
{
    return loop_now_ms();
}

const char *db_stmt_name(enum db_stmt stmt)
{
    return stmt < DB_STMT_COUNT ? statements[stmt].name : "?";
}

const char *db_stmt_sql(enum db_stmt stmt)
{
    return stmt < DB_STMT_COUNT ? statements[stmt].sql : "";
}

struct db *db_new(const char *conninfo)
{
    struct db *db = calloc(1, sizeof *db);
    if (!db)
        return NULL;
    if (conninfo && *conninfo && !(db->conninfo = strdup(conninfo))) {
        free(db);
        return NULL;
    }
    db->state = DB_OFFLINE;
    db->backoff_ms = 250;
    db->listen = 1;
    db->app_name = "casedesk";
    return db;
}

static void request_free(struct request *rq)
{
    for (int i = 0; i < rq->nparams; i++)
        free(rq->params[i]);
    free(rq->params);
    free(rq);
}

static void set_error(struct db *db, const char *msg)
{
    snprintf(db->error, sizeof db->error, "%s", msg ? msg : "");
    /* libpq messages end in a newline; the status line wants one line. */
    size_t n = strlen(db->error);
    while (n && (db->error[n - 1] == '\n' || db->error[n - 1] == ' '))
        db->error[--n] = '\0';
}

static void complete(struct request *rq, const PGresult *res, int ok, const char *sqlstate,
                     const char *message)
{
    struct db_result r = {
        .ok = ok, .res = res, .sqlstate = sqlstate ? sqlstate : "",
        .message = message ? message : "", .stmt = rq->stmt,
    };
    if (rq->fn)
        rq->fn(rq->ctx, &r);
}

/* Fails every queued request: the connection they were meant for is gone. */
static void fail_all(struct db *db, const char *why)
{
    while (db->head) {
        struct request *rq = db->head;
        db->head = rq->next;
        complete(rq, NULL, 0, "08006", why);
        request_free(rq);
    }
    db->tail = NULL;
    db->in_flight = 0;
}

/* The handler hears of READY and OFFLINE; a rest and the reopening after
 * it are the connection's own business unless the reopening fails. */
static void enter_state(struct db *db, enum db_state st)
{
    int quiet = st == DB_READY && db->waking;

    if (db->state == st)
        return;
    db->state = st;
    if (st != DB_READY && st != DB_OFFLINE)
        return;
    db->waking = 0;
    if (!quiet && db->on_state)
        db->on_state(db->handler_ctx, st);
}

static void go_offline(struct db *db, const char *why)
{
    if (db->conn && !*db->error)
        set_error(db, why ? why : PQerrorMessage(db->conn));
    else if (why)
        set_error(db, why);
    if (db->partial) {
        PQclear(db->partial);
        db->partial = NULL;
    }
    if (db->conn) {
        PQfinish(db->conn);
        db->conn = NULL;
    }
    db->retry_at_ms = now_ms() + db->backoff_ms;
    db->backoff_ms = db->backoff_ms * 2 > 10000 ? 10000 : db->backoff_ms * 2;
    db->flushing = 0;
    db->preparing = 0;
    enter_state(db, DB_OFFLINE);
    fail_all(db, _("connection to the database lost"));
}

void db_free(struct db *db)
{
    if (!db)
        return;
    if (db->partial)
        PQclear(db->partial);
    if (db->conn)
        PQfinish(db->conn);
    fail_all(db, _("closing"));
    free(db->conninfo);
    free(db);
}

void db_set_handlers(struct db *db, db_notify_fn on_notify, db_state_fn on_state, void *ctx)
{
    db->on_notify = on_notify;
    db->on_state = on_state;
    db->handler_ctx = ctx;
}

/* The session's settings and its LISTEN, sent once connected. Every statement is planned for the values it is run with: the
 * queue's filter, keyset and sort are parameters, and one generic plan for
 * all of them (what PostgreSQL may switch to after five runs) reads the
 * whole open-items index for a "mine" page of someone who holds nothing,
 * about a second at a million items. */
/* lock_timeout: a row another session holds (an action's transaction left
 * open with psql) makes an action fail after 5 s with 55P03 instead of
 * freezing the console; the actions set the same for themselves. */
/* jit: the console's statements are short, and compiling one costs a
 * second and about 26 MB of the backend's memory for good (a plan whose
 * estimates are high, such as a calendar function's before its tables were
 * analysed, crosses jit_above_cost at once). */
#define SESSION_SETUP "SET plan_cache_mode = force_custom_plan; SET lock_timeout = '5s';" \
    " SET jit = off"
#define LISTEN_SQL "LISTEN casedesk"
#define UNLISTEN_SQL "UNLISTEN casedesk"

/* The statements every console sends each period are prepared with the
 * session's set-up: prepared on first use, the first period of an idle
 * console would cost a round trip (and a wake-up) more. */
static const enum db_stmt periodic[] = {DB_CHANGES, DB_SWEEP_CHECK};

/* SESSION_SETUP, the LISTEN unless a relay listens for the console, and
 * the PREPAREs of the periodic statements, one simple query (statement
 * texts of the table only: no user data). */
static const char *setup_sql(int listen)
{
    static char both[2][4096];
    char *sql = both[listen != 0];
    size_t len, size = sizeof both[0];

    if (sql[0])
        return sql;
    len = (size_t)snprintf(sql, size, "%s%s", SESSION_SETUP, listen ? "; " LISTEN_SQL : "");
    for (size_t i = 0; i < sizeof periodic / sizeof periodic[0] && len < size; i++)
        len += (size_t)snprintf(sql + len, size - len, "; PREPARE %s AS %s",
                                statements[periodic[i]].name, statements[periodic[i]].sql);
    return sql;
}

static void set_up(struct db *db)
{
    memset(db->prepared, 0, sizeof db->prepared);
    for (size_t i = 0; i < sizeof periodic / sizeof periodic[0]; i++)
        db->prepared[periodic[i]] = 1;
}

/* libpq's default prints notices to stderr, which is the screen: keep them
 * for the console to show, made safe, on its message line. A burst keeps
 * the newest. */
static void keep_notice(void *arg, const PGresult *res)
{
    struct db *db = arg;
    const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY);
    const char *message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    unsigned slot;

    if (db->notice_count == DB_NOTICES_KEPT) {
        db->notice_first = (db->notice_first + 1) % DB_NOTICES_KEPT;
        db->notice_count--;
    }
    slot = (db->notice_first + db->notice_count++) % DB_NOTICES_KEPT;
    snprintf(db->notices[slot], DB_NOTICE_MAX, "%s: %s", severity ? severity : "NOTICE",
             message ? message : "");
}

int db_take_notice(struct db *db, char *out, size_t n)
{
    if (db->notice_count == 0)
        return 0;
    snprintf(out, n, "%s", db->notices[db->notice_first]);
    db->notice_first = (db->notice_first + 1) % DB_NOTICES_KEPT;
    db->notice_count--;
    return 1;
}

/* libpq's conninfo rules apply to the user's string; casedesk's defaults
 * come first so that anything the user says wins. */
static PGconn *start_conn(const struct db *db, int blocking)
{
    const char *keys[] = {"fallback_application_name", "keepalives", "keepalives_idle",
                          "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                          "connect_timeout", "dbname", NULL};
    const char *vals[] = {db->app_name, "1", "30", "10", "3", "30000", "5", db->conninfo, NULL};
    PGconn *conn;

    if (!db->conninfo)
        keys[7] = NULL;
    conn = blocking ? PQconnectdbParams(keys, vals, 1) : PQconnectStartParams(keys, vals, 1);
    if (conn)
        PQsetNoticeReceiver(conn, keep_notice, (void *)db);
    return conn;
}

void db_connect_start(struct db *db)
{
    if (db->conn)
        PQfinish(db->conn);
    db->error[0] = '\0';
    db->conn = start_conn(db, 0);
    set_up(db);
    db->preparing = 0;
    db->listen_sent = 0;
    if (!db->conn || PQstatus(db->conn) == CONNECTION_BAD) {
        go_offline(db, db->conn ? PQerrorMessage(db->conn) : _("out of memory"));
        return;
    }
    db->connect_wants_write = 1;
    enter_state(db, DB_CONNECTING);
}

int db_connect_sync(struct db *db)
{
    if (db->conn)
        PQfinish(db->conn);
    db->conn = start_conn(db, 1);
    if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        set_error(db, db->conn ? PQerrorMessage(db->conn) : _("out of memory"));
        if (db->conn)
            PQfinish(db->conn);
        db->conn = NULL;
        db->state = DB_OFFLINE;
        return -1;
    }
    set_up(db);
    PGresult *r = PQexec(db->conn, setup_sql(db->listen));
    PQclear(r);
    db->state = DB_READY;
    db->backoff_ms = 250;
    return 0;
}

enum db_state db_state(const struct db *db) { return db->state; }
const char *db_error(const struct db *db) { return db->error; }

int db_fd(const struct db *db)
{
    return db->conn ? PQsocket(db->conn) : -1;
}

short db_events(const struct db *db)
{
    if (!db->conn)
        return 0;
    if (db->state == DB_CONNECTING)
        return db->connect_wants_write ? POLLOUT : POLLIN;
    return POLLIN | (db->flushing ? POLLOUT : 0);
}

/* A resting connection is opened on the loop's next turn, outside the
 * db_send() that asked for it: a failure to connect then answers the
 * request as any lost connection does, never inside the call. */
static int wake_wanted(const struct db *db)
{
    return db->state == DB_RESTING && (db->head || db->listen);
}

int db_timeout_ms(const struct db *db)
{
    if (wake_wanted(db))
        return 0;
    if (db->state != DB_OFFLINE)
        return -1;
    long long left = db->retry_at_ms - now_ms();
    return left < 0 ? 0 : (int)left;
}

static int flush(struct db *db)
{
    int r = PQflush(db->conn);
    if (r < 0)
        return -1;
    db->flushing = r == 1;
    return 0;
}

/* While PREPARING: the session's settings, LISTEN and the periodic
 * statements. */
static void setup_session(struct db *db)
{
    if (!PQsendQuery(db->conn, setup_sql(db->listen)) || flush(db) < 0)
        go_offline(db, PQerrorMessage(db->conn));
}

/* The request at the head goes out; its statement's Parse first, the first
 * time it is used on this connection (a round trip of its own: libpq
 * outside pipeline mode takes one query at a time). */
static void send_next(struct db *db)
{
    if (db->state != DB_READY || db->in_flight || !db->head)
        return;
    struct request *rq = db->head;
    int sent;

    db->preparing = !rq->command && !db->prepared[rq->stmt];
    if (rq->command)
        sent = PQsendQuery(db->conn, rq->command);
    else if (db->preparing)
        sent = PQsendPrepare(db->conn, statements[rq->stmt].name, statements[rq->stmt].sql, 0,
                             NULL);
    else
        sent = PQsendQueryPrepared(db->conn, statements[rq->stmt].name, rq->nparams,
                                   (const char *const *)rq->params, NULL, NULL, 0);
    if (!sent || flush(db) < 0) {
        go_offline(db, PQerrorMessage(db->conn));
        return;
    }
    if (!db->in_flight)
        db->sent_ms = db->used_ms = now_ms();
    db->in_flight = 1;
}

long long db_waiting_ms(const struct db *db)
{
    return db->in_flight ? now_ms() - db->sent_ms : -1;
}

static void advance_connect(struct db *db)
{
    switch (PQconnectPoll(db->conn)) {
    case PGRES_POLLING_READING:
        db->connect_wants_write = 0;
        break;
    case PGRES_POLLING_WRITING:
        db->connect_wants_write = 1;
        break;
    case PGRES_POLLING_OK:
        if (PQsetnonblocking(db->conn, 1) != 0) {
            go_offline(db, PQerrorMessage(db->conn));
            return;
        }
        db->state = DB_PREPARING;
        setup_session(db);
        break;
    default:
        go_offline(db, PQerrorMessage(db->conn));
        break;
    }
}

/* The session's setup answered with r (one of a NULL-terminated sequence). */
static void setup_result(struct db *db, PGresult *r)
{
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK) {
        char msg[600];
        snprintf(msg, sizeof msg, "LISTEN: %s", PQresultErrorMessage(r));
        PQclear(r);
        /* A database that refuses it is not cured by reconnecting soon. */
        db->backoff_ms = 10000;
        go_offline(db, msg);
        return;
    }
    PQclear(r);
    db->listen_sent = 1;
}

static void finish_request(struct db *db);

/* The Parse of the request in flight answered (r is NULL at its end): on
 * success the request itself goes out; a statement the database refuses
 * (a schema that does not match) is the request's failure. */
static void prepare_done(struct db *db, PGresult *r)
{
    if (r) {
        if (db->partial)
            PQclear(db->partial);
        db->partial = r;
        return;
    }
    if (db->partial && PQresultStatus(db->partial) != PGRES_COMMAND_OK) {
        db->preparing = 0;
        finish_request(db);
        send_next(db);
        return;
    }
    PQclear(db->partial);
    db->partial = NULL;
    db->prepared[db->head->stmt] = 1;
    db->in_flight = 0;
    send_next(db);
}

static void finish_request(struct db *db)
{
    struct request *rq = db->head;
    PGresult *r = db->partial;
    db->partial = NULL;
    db->head = rq->next;
    if (!db->head)
        db->tail = NULL;
    db->in_flight = 0;
    db->used_ms = now_ms();
    ExecStatusType st = PQresultStatus(r);
    int ok = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    complete(rq, r, ok, state, ok ? "" : (msg ? msg : PQerrorMessage(db->conn)));
    PQclear(r);
    request_free(rq);
}

static void drain_results(struct db *db)
{
    while (db->conn && !PQisBusy(db->conn)) {
        PGresult *r = PQgetResult(db->conn);
        if (db->state == DB_PREPARING) {
            if (r) {
                setup_result(db, r);
                continue;
            }
            if (!db->conn)
                return;
            if (db->listen_sent) {
                db->backoff_ms = 250;
                db->used_ms = now_ms();
                enter_state(db, DB_READY);
                send_next(db);
            }
            return;
        }
        if (!db->in_flight)
            return;
        if (db->preparing) {
            prepare_done(db, r);
            if (r)
                continue;
            return;
        }
        if (r) {
            if (db->partial)
                PQclear(db->partial);
            db->partial = r;
            continue;
        }
        finish_request(db);
        send_next(db);
        return;
    }
}

static void deliver_notifications(struct db *db)
{
    PGnotify *n;
    while (db->conn && (n = PQnotifies(db->conn)) != NULL) {
        if (db->on_notify)
            db->on_notify(db->handler_ctx, n->extra);
        PQfreemem(n);
    }
}

void db_handle_io(struct db *db, short revents)
{
    if (db->state == DB_RESTING) {
        if (wake_wanted(db)) {
            db->waking = 1;
            db_connect_start(db);
        }
        return;
    }
    if (db->state == DB_OFFLINE) {
        if (now_ms() >= db->retry_at_ms)
            db_connect_start(db);
        return;
    }
    if (db->state == DB_CONNECTING) {
        if (revents)
            advance_connect(db);
        return;
    }
    if ((revents & POLLOUT) && flush(db) < 0) {
        go_offline(db, PQerrorMessage(db->conn));
        return;
    }
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
        if (!PQconsumeInput(db->conn) || PQstatus(db->conn) == CONNECTION_BAD) {
            go_offline(db, PQerrorMessage(db->conn));
            return;
        }
    }
    drain_results(db);
    deliver_notifications(db);
}

/* At the queue's end; out at once when nothing is ahead of it. */
static void enqueue(struct db *db, struct request *rq)
{
    if (db->tail)
        db->tail->next = rq;
    else
        db->head = rq;
    db->tail = rq;
    send_next(db);
}

int db_send(struct db *db, enum db_stmt stmt, int nparams, const char *const *params,
            db_result_fn fn, void *ctx)
{
    struct request *rq = calloc(1, sizeof *rq);
    if (!rq)
        return -1;
    rq->stmt = stmt;
    rq->fn = fn;
    rq->ctx = ctx;
    if (nparams > 0) {
        rq->params = calloc((size_t)nparams, sizeof *rq->params);
        if (!rq->params) {
            free(rq);
            return -1;
        }
        rq->nparams = nparams;
        for (int i = 0; i < nparams; i++) {
            if (params[i] && !(rq->params[i] = strdup(params[i]))) {
                request_free(rq);
                return -1;
            }
        }
    }
    if (db->state == DB_OFFLINE) {
        complete(rq, NULL, 0, "08006", _("not connected to the database"));
        request_free(rq);
        return 0;
    }
    enqueue(db, rq);
    return 0;
}

/* LISTEN and UNLISTEN take effect in order with the requests queued
 * before them; a connection still being made is set up as wanted. */
void db_set_listen(struct db *db, int on)
{
    struct request *rq;

    on = on != 0;
    if (db->listen == on)
        return;
    db->listen = on;
    /* Resting, the LISTEN comes with the reopened connection's set-up. */
    if (db->state != DB_PREPARING && db->state != DB_READY)
        return;
    rq = calloc(1, sizeof *rq);
    if (!rq) {
        /* Without it the connection is set up anew, as wanted. */
        go_offline(db, _("out of memory"));
        return;
    }
    rq->command = on ? LISTEN_SQL : UNLISTEN_SQL;
    rq->stmt = DB_STMT_COUNT;
    enqueue(db, rq);
}

void db_set_app_name(struct db *db, const char *name)
{
    db->app_name = name;
}

int db_listens(const struct db *db)
{
    return db->listen;
}

int db_rest(struct db *db)
{
    if (db->state != DB_READY || db->listen || db->head || db->partial || db->flushing)
        return 0;
    PQfinish(db->conn);
    db->conn = NULL;
    db->state = DB_RESTING;
    return 1;
}

int db_online(const struct db *db)
{
    switch (db->state) {
    case DB_READY:
    case DB_RESTING:
        return 1;
    case DB_CONNECTING:
    case DB_PREPARING:
        return db->waking;
    default:
        return 0;
    }
}

long long db_idle_ms(const struct db *db)
{
    if (db->state != DB_READY || db->head)
        return -1;
    return now_ms() - db->used_ms;
}

size_t db_pending(const struct db *db)
{
    size_t n = 0;
    for (const struct request *rq = db->head; rq; rq = rq->next)
        n++;
    return n;
}

PGresult *db_exec_sync(struct db *db, enum db_stmt stmt, int nparams, const char *const *params)
{
    if (!db->conn || db->state != DB_READY)
        return NULL;
    if (!db->prepared[stmt]) {
        PGresult *p = PQprepare(db->conn, statements[stmt].name, statements[stmt].sql, 0, NULL);
        if (PQresultStatus(p) != PGRES_COMMAND_OK)
            return p;
        PQclear(p);
        db->prepared[stmt] = 1;
    }
    PGresult *r = PQexecPrepared(db->conn, statements[stmt].name, nparams, params, NULL, NULL, 0);
    if (PQstatus(db->conn) == CONNECTION_BAD) {
        PQclear(r);
        go_offline(db, PQerrorMessage(db->conn));
        return NULL;
    }
    deliver_notifications(db);
    return r;
}

int db_wait_notify_sync(struct db *db, int timeout_ms)
{
    int count = 0;
    long long until = now_ms() + timeout_ms;
    while (db->conn) {
        PQconsumeInput(db->conn);
        PGnotify *n;
        while ((n = PQnotifies(db->conn)) != NULL) {
            if (db->on_notify)
                db->on_notify(db->handler_ctx, n->extra);
            PQfreemem(n);
            count++;
        }
        long long left = until - now_ms();
        if (count || left <= 0)
            break;
        struct pollfd p = {.fd = PQsocket(db->conn), .events = POLLIN};
        if (poll(&p, 1, (int)left) <= 0)
            break;
    }
    return count;
}

void db_drop(struct db *db)
{
    if (db->conn)
        shutdown(PQsocket(db->conn), SHUT_RDWR);
}

int db_new_request_id(char out[37])
{
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t n = getrandom(b + got, sizeof b - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        got += (size_t)n;
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
    return 0;
}
