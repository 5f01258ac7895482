/* The C database layer against the real server: every action's success path
 * (state, audit row, notification) and every kind of refusal (SQLSTATE and
 * words, nothing changed). Each test files its own case, so tests do not
 * depend on each other's rows. */
#include "casedesk/db.h"
#include "support/dbtest.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID(buf, v) (snprintf((buf), sizeof(buf), "%lld", (long long)(v)), (buf))

static char last_payload[128];
static int notify_count;

static void on_notify(void *ctx, const char *payload)
{
    (void)ctx;
    snprintf(last_payload, sizeof last_payload, "%s", payload);
    notify_count++;
}

/* Runs one statement; returns the result, checking it succeeded or failed
 * with the expected SQLSTATE (NULL = success). */
static PGresult *run(struct db *db, enum db_stmt st, const char *want_state, int n,
                     const char *const *p)
{
    PGresult *r = db_exec_sync(db, st, n, p);
    assert_non_null(r);
    const char *got = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (!want_state) {
        if (PQresultStatus(r) != PGRES_TUPLES_OK)
            fail_msg("%s failed: %s", db_stmt_name(st), PQresultErrorMessage(r));
    } else if (!got || strcmp(got, want_state) != 0) {
        fail_msg("%s: wanted SQLSTATE %s, got %s (%s)", db_stmt_name(st), want_state,
                 got ? got : "success", PQresultErrorMessage(r));
    }
    return r;
}

static long long count_audit(long long item, const char *action, const char *actor)
{
    char id[24];
    const char *p[] = {ID(id, item), action, actor};
    return dbtest_scalar("SELECT count(*) FROM casedesk.audit WHERE item_id = $1 AND action = $2"
                         " AND actor = $3", 3, p);
}

static const char *item_status(long long item, char *buf, size_t n)
{
    char id[24];
    const char *p[] = {ID(id, item)};
    return dbtest_text(buf, n, "SELECT status || ':' || coalesce(assignee, '-') || ':' || version"
                               " FROM casedesk.case_item WHERE id = $1", 1, p);
}

/* Claims ITEM as DB's login and returns the new version as text. */
static void claim(struct db *db, long long item, char ver[16])
{
    char id[24], uuid[37], seen[16];
    db_new_request_id(uuid);
    const char *p[] = {ID(id, item), dbtest_version(item, seen), uuid};
    PQclear(run(db, DB_CLAIM, NULL, 3, p));
    dbtest_version(item, ver);
}

static void test_whoami_comes_from_the_database(void **state)
{
    (void)state;
    struct db *db = dbtest_connect_as("rev_ab");
    PGresult *r = run(db, DB_WHOAMI, NULL, 0, NULL);
    assert_int_equal(PQntuples(r), 1);
    assert_string_equal(PQgetvalue(r, 0, 0), "rev_ab");
    assert_string_equal(PQgetvalue(r, 0, 1), "刘洋");
    assert_string_equal(PQgetvalue(r, 0, 2), "reviewer");
    assert_string_equal(PQgetvalue(r, 0, 3), "住房和城乡建设局、人民防空办公室");
    assert_string_equal(PQgetvalue(r, 0, 5), "Asia/Shanghai");
    PQclear(r);
    db_free(db);

    db = dbtest_connect_as("nobody");
    PQclear(run(db, DB_WHOAMI, "42501", 0, NULL));
    db_free(db);
}

static void test_claim_approve_audit_and_notify(void **state)
{
    (void)state;
    long long item = dbtest_new_item("M1", 1);
    struct db *rev = dbtest_connect_as("rev_a");
    struct db *watcher = dbtest_connect_as("rev_b");
    db_set_handlers(watcher, on_notify, NULL, NULL);
    notify_count = 0;

    char id[24], uuid[37], seen[16], ver[16], buf[64], want[64];
    db_new_request_id(uuid);
    const char *p[] = {ID(id, item), dbtest_version(item, seen), uuid};
    PGresult *r = run(rev, DB_CLAIM, NULL, 3, p);
    assert_string_equal(PQgetvalue(r, 0, 2), "claimed");
    assert_string_equal(PQgetvalue(r, 0, 3), "rev_a");
    long long seq = atoll(PQgetvalue(r, 0, 4));
    PQclear(r);
    assert_string_equal(item_status(item, buf, sizeof buf), "claimed:rev_a:2");
    assert_int_equal(count_audit(item, "claim", "rev_a"), 1);

    /* The notification names the item's department and case, no text. */
    assert_true(db_wait_notify_sync(watcher, 2000) >= 1);
    snprintf(want, sizeof want, "%lld item %lld 1 %lld", seq, item,
             dbtest_scalar("SELECT case_id FROM casedesk.case_item WHERE id = $1", 1, p));
    assert_string_equal(last_payload, want);

    db_new_request_id(uuid);
    const char *a[] = {id, dbtest_version(item, ver), uuid};
    PQclear(run(rev, DB_APPROVE, NULL, 3, a));
    assert_string_equal(item_status(item, buf, sizeof buf), "approved:rev_a:3");
    assert_int_equal(count_audit(item, "approve", "rev_a"), 1);
    const char *q[] = {id};
    assert_int_equal(dbtest_scalar("SELECT count(*) FROM casedesk.decision WHERE item_id = $1"
                                   " AND kind = 'approve' AND decided_by = 'rev_a'", 1, q), 1);
    notify_count = 0;
    assert_true(db_wait_notify_sync(watcher, 2000) >= 1);
    db_free(rev);
    db_free(watcher);
}

static void test_refusals(void **state)
{
    (void)state;
    long long item = dbtest_new_item("M1", 1);   /* department 1 */
    struct db *a = dbtest_connect_as("rev_a");
    struct db *b = dbtest_connect_as("rev_b");
    struct db *c = dbtest_connect_as("rev_c");
    char id[24], uuid[37], seen[16], buf[64], before[64];
    const char *p[] = {ID(id, item), dbtest_version(item, seen), uuid};

    /* wrong department */
    db_new_request_id(uuid);
    PQclear(run(c, DB_CLAIM, "42501", 3, p));
    /* illegal transition: approve before claiming */
    db_new_request_id(uuid);
    PQclear(run(a, DB_APPROVE, "CD002", 3, p));
    assert_string_equal(item_status(item, buf, sizeof buf), "pending:-:1");

    char ver[16];
    claim(a, item, ver);
    /* stale version: b saw version 1 */
    db_new_request_id(uuid);
    PGresult *r = run(b, DB_CLAIM, "CD001", 3, p);
    assert_non_null(strstr(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY), "changed by 王芳 at"));
    PQclear(r);
    /* claimed by someone else, with the current version */
    const char *pc[] = {id, ver, uuid};
    db_new_request_id(uuid);
    r = run(b, DB_CLAIM, "CD003", 3, pc);
    assert_non_null(strstr(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY), "claimed by 王芳 until"));
    PQclear(r);
    db_new_request_id(uuid);
    PQclear(run(b, DB_APPROVE, "CD003", 3, pc));

    /* bad input: empty reason, control characters; nothing changes */
    item_status(item, before, sizeof before);
    const char *rej_empty[] = {id, ver, uuid, "  \n "};
    db_new_request_id(uuid);
    PQclear(run(a, DB_REJECT, "22023", 4, rej_empty));
    const char *rej_esc[] = {id, ver, uuid, "bad\x1b[2Jreason"};
    db_new_request_id(uuid);
    PQclear(run(a, DB_REJECT, "22023", 4, rej_esc));
    const char *rej_null[] = {id, ver, uuid, NULL};
    db_new_request_id(uuid);
    PQclear(run(a, DB_REJECT, "22023", 4, rej_null));
    assert_string_equal(item_status(item, buf, sizeof buf), before);
    assert_int_equal(count_audit(item, "reject", "rev_a"), 0);

    /* annotation over the limit */
    char *big = malloc(4002);
    memset(big, 'x', 4001);
    big[4001] = '\0';
    const char *ann[] = {id, ver, uuid, big};
    db_new_request_id(uuid);
    PQclear(run(a, DB_ANNOTATE, "22001", 4, ann));
    free(big);

    /* unknown item */
    const char *unknown[] = {"999999", "1", uuid};
    db_new_request_id(uuid);
    PQclear(run(a, DB_CLAIM, "P0002", 3, unknown));

    /* a supplement request needs materials */
    const char *sup[] = {id, ver, uuid, "{}", "note"};
    db_new_request_id(uuid);
    PQclear(run(a, DB_SUPPLEMENT, "22023", 5, sup));
    assert_string_equal(item_status(item, buf, sizeof buf), before);
    db_free(a);
    db_free(b);
    db_free(c);
}

static void test_replayed_request_acts_once(void **state)
{
    (void)state;
    long long item = dbtest_new_item("M1", 1);
    struct db *a = dbtest_connect_as("rev_a");
    char id[24], uuid[37], seen[16], buf[64];
    db_new_request_id(uuid);
    const char *p[] = {ID(id, item), dbtest_version(item, seen), uuid};
    PGresult *first = run(a, DB_CLAIM, NULL, 3, p);
    PGresult *again = run(a, DB_CLAIM, NULL, 3, p);   /* same UUID, old version */
    for (int col = 0; col < 5; col++)
        assert_string_equal(PQgetvalue(first, 0, col), PQgetvalue(again, 0, col));
    PQclear(first);
    PQclear(again);
    assert_string_equal(item_status(item, buf, sizeof buf), "claimed:rev_a:2");
    assert_int_equal(count_audit(item, "claim", "rev_a"), 1);
    const char *q[] = {uuid};
    assert_int_equal(dbtest_scalar("SELECT count(*) FROM casedesk.request WHERE request_id = $1",
                                   1, q), 1);
    /* the same UUID for another action is refused */
    PQclear(run(a, DB_RELEASE, "CD004", 3, p));
    assert_string_equal(item_status(item, buf, sizeof buf), "claimed:rev_a:2");
    db_free(a);
}

static void test_reject_supplement_resume_annotate(void **state)
{
    (void)state;
    long long item = dbtest_new_item("M1", 1);
    struct db *a = dbtest_connect_as("rev_a");
    char id[24], uuid[37], ver[16], buf[64];
    ID(id, item);

    claim(a, item, ver);
    const char *sup[] = {id, ver, uuid, "{施工图设计文件审查合格书,建设工程规划许可证}", "请补充"};
    db_new_request_id(uuid);
    PQclear(run(a, DB_SUPPLEMENT, NULL, 5, sup));
    assert_string_equal(item_status(item, buf, sizeof buf), "supplement:rev_a:3");
    const char *q[] = {id};
    assert_int_equal(dbtest_scalar("SELECT count(*) FROM casedesk.case_item WHERE id = $1"
                                   " AND paused_at IS NOT NULL", 1, q), 1);
    assert_int_equal(count_audit(item, "request_supplement", "rev_a"), 1);

    dbtest_version(item, ver);
    const char *res[] = {id, ver, uuid};
    db_new_request_id(uuid);
    PQclear(run(a, DB_RESUME, NULL, 3, res));
    assert_string_equal(item_status(item, buf, sizeof buf), "claimed:rev_a:4");
    assert_int_equal(dbtest_scalar("SELECT count(*) FROM casedesk.case_item WHERE id = $1"
                                   " AND paused_at IS NULL AND due_at >= original_due_at", 1, q), 1);

    const char *body = "施工图第3页缺少盖章。\n\t请补正后重新提交。";
    dbtest_version(item, ver);
    const char *ann[] = {id, ver, uuid, body};
    db_new_request_id(uuid);
    PQclear(run(a, DB_ANNOTATE, NULL, 4, ann));
    assert_string_equal(dbtest_text(buf, sizeof buf, "SELECT body FROM casedesk.annotation"
                                    " WHERE item_id = $1", 1, q), body);
    assert_int_equal(count_audit(item, "annotate", "rev_a"), 1);

    /* 特别程序: the clock stops again, a reason is required */
    dbtest_version(item, ver);
    const char *sus_empty[] = {id, ver, uuid, ""};
    db_new_request_id(uuid);
    PQclear(run(a, DB_SUSPEND, "22023", 4, sus_empty));
    const char *sus[] = {id, ver, uuid, "需组织专家评审"};
    db_new_request_id(uuid);
    PQclear(run(a, DB_SUSPEND, NULL, 4, sus));
    assert_string_equal(item_status(item, buf, sizeof buf), "suspended:rev_a:5");
    assert_int_equal(count_audit(item, "suspend", "rev_a"), 1);
    dbtest_version(item, ver);
    db_new_request_id(uuid);
    PQclear(run(a, DB_RESUME, NULL, 3, res));
    assert_string_equal(item_status(item, buf, sizeof buf), "claimed:rev_a:6");

    dbtest_version(item, ver);
    const char *rej[] = {id, ver, uuid, "施工图审查未通过"};
    db_new_request_id(uuid);
    PQclear(run(a, DB_REJECT, NULL, 4, rej));
    assert_string_equal(item_status(item, buf, sizeof buf), "rejected:rev_a:7");
    assert_string_equal(dbtest_text(buf, sizeof buf, "SELECT reason FROM casedesk.decision"
                                    " WHERE item_id = $1 AND kind = 'reject'", 1, q),
                        "施工图审查未通过");
    /* a decided item stays decided */
    dbtest_version(item, ver);
    db_new_request_id(uuid);
    PGresult *r = run(a, DB_APPROVE, "CD002", 3, res);
    assert_non_null(strstr(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY), "already rejected by 王芳"));
    PQclear(r);
    db_free(a);
}

static void test_supervisor_reassigns_and_release(void **state)
{
    (void)state;
    long long item = dbtest_new_item("M1", 1);
    struct db *sup = dbtest_connect_as("sup");
    struct db *a = dbtest_connect_as("rev_a");
    char id[24], uuid[37], ver[16], buf[64];
    ID(id, item);
    dbtest_version(item, ver);
    const char *to_c[] = {id, ver, uuid, "rev_c"};     /* department 2 only */
    db_new_request_id(uuid);
    PQclear(run(sup, DB_REASSIGN, "P0002", 4, to_c));
    const char *to_b[] = {id, ver, uuid, "rev_b"};
    db_new_request_id(uuid);
    PQclear(run(sup, DB_REASSIGN, NULL, 4, to_b));
    assert_string_equal(item_status(item, buf, sizeof buf), "claimed:rev_b:2");
    assert_int_equal(count_audit(item, "reassign", "sup"), 1);
    /* a reviewer may not reassign (no EXECUTE privilege) */
    dbtest_version(item, ver);
    const char *to_a[] = {id, ver, uuid, "rev_a"};
    db_new_request_id(uuid);
    PQclear(run(a, DB_REASSIGN, "42501", 4, to_a));
    /* nor release someone else's claim; a supervisor may */
    const char *rel[] = {id, ver, uuid};
    db_new_request_id(uuid);
    PQclear(run(a, DB_RELEASE, "CD003", 3, rel));
    db_new_request_id(uuid);
    PQclear(run(sup, DB_RELEASE, NULL, 3, rel));
    assert_string_equal(item_status(item, buf, sizeof buf), "pending:-:3");
    db_free(sup);
    db_free(a);
}

static void test_escalation_acknowledge_once(void **state)
{
    (void)state;
    long long item = dbtest_new_item("M1", 1);
    struct db *a = dbtest_connect_as("rev_a");
    struct db *on = dbtest_connect_as("oncall_a");
    struct db *sup = dbtest_connect_as("sup");
    char id[24], uuid[37], esc[24], buf[64];
    ID(id, item);
    const char *e[] = {uuid, NULL, id, NULL, "申请人询问施工许可进度，请尽快答复"};
    db_new_request_id(uuid);
    PGresult *r = run(a, DB_ESCALATE, NULL, 5, e);
    snprintf(esc, sizeof esc, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    const char *q[] = {esc};
    assert_int_equal(dbtest_scalar("SELECT count(*) FROM casedesk.escalation WHERE id = $1"
                                   " AND department_id = 1 AND kind = 'question'"
                                   " AND respond_by > raised_at", 1, q), 1);
    const char *ack[] = {esc, "1", uuid};
    db_new_request_id(uuid);
    PQclear(run(on, DB_ACKNOWLEDGE, NULL, 3, ack));
    db_new_request_id(uuid);
    r = run(sup, DB_ACKNOWLEDGE, "CD001", 3, ack);   /* saw version 1, it is 2 now */
    assert_non_null(strstr(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY), "already acknowledged by 陈杰"));
    PQclear(r);
    assert_string_equal(dbtest_text(buf, sizeof buf, "SELECT acknowledged_by FROM casedesk.escalation"
                                    " WHERE id = $1", 1, q), "oncall_a");
    /* handed on to department 3: unacknowledged again, a fresh response clock */
    const char *hand[] = {esc, "2", uuid, "3", NULL, "涉及社保登记，请人社局答复"};
    db_new_request_id(uuid);
    PQclear(run(on, DB_HAND_ON, NULL, 6, hand));
    assert_int_equal(dbtest_scalar("SELECT count(*) FROM casedesk.escalation WHERE id = $1"
                                   " AND department_id = 3 AND acknowledged_at IS NULL"
                                   " AND respond_by > now()", 1, q), 1);
    /* now it is not oncall_a's department's any more */
    const char *res[] = {esc, "3", uuid, "已电话答复申请人"};
    db_new_request_id(uuid);
    PQclear(run(on, DB_RESOLVE, "42501", 4, res));
    db_new_request_id(uuid);
    PQclear(run(sup, DB_RESOLVE, NULL, 4, res));
    assert_string_equal(dbtest_text(buf, sizeof buf, "SELECT resolved_by FROM casedesk.escalation"
                                    " WHERE id = $1", 1, q), "sup");
    assert_int_equal(dbtest_scalar("SELECT count(*) FROM casedesk.audit WHERE escalation_id = $1",
                                   1, q), 4);
    db_free(a);
    db_free(on);
    db_free(sup);
}

/* What each job sees, by connecting as that login (row-level security). */
static long long visible(const char *login, const char *sql)
{
    char conninfo[64];
    snprintf(conninfo, sizeof conninfo, "user=%s", login);
    PGconn *c = PQconnectdb(conninfo);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s as %s: %s", sql, login, PQresultErrorMessage(r));
    long long n = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    PQfinish(c);
    return n;
}

static void test_row_level_security(void **state)
{
    (void)state;
    /* the fixture: items 1 (dept 1), 2 (dept 2), 3 (dept 1), 4 (dept 1, waiting) */
    const char *count = "SELECT count(*) FROM casedesk.case_item WHERE id <= 4";
    assert_int_equal(visible("rev_a", count), 3);
    assert_int_equal(visible("rev_c", count), 1);
    assert_int_equal(visible("rev_ab", count), 4);
    assert_int_equal(visible("sup", count), 4);
    assert_int_equal(visible("win", count), 4);
    assert_int_equal(visible("oncall_a", count), 0);
    assert_int_equal(visible("nobody", count), 0);
    assert_int_equal(visible("rev_c", "SELECT count(*) FROM casedesk.case_file WHERE id <= 2"), 1);
    assert_int_equal(visible("rev_c", "SELECT count(*) FROM casedesk.queue_row WHERE id <= 4"), 1);
    /* case 2's applicant: no escalation touches case 2 */
    assert_int_equal(visible("oncall_a", "SELECT count(*) FROM casedesk.applicant"
                                         " WHERE credit_code = '91110000600037341L'"), 0);
    assert_int_equal(visible("sup", "SELECT count(*) FROM casedesk.applicant"), 2);
}

/* Tables are not writable by job roles, and the audit trail by nobody but
 * its owner. */
static void test_tables_read_only_audit_append_only(void **state)
{
    (void)state;
    PGconn *c = PQconnectdb("user=rev_a");
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    const char *stmts[] = {
        "UPDATE casedesk.case_item SET status = 'approved' WHERE id = 1",
        "INSERT INTO casedesk.annotation (item_id, author, body) VALUES (1, 'rev_a', 'x')",
        "UPDATE casedesk.audit SET actor = 'someone' WHERE id = 1",
        "DELETE FROM casedesk.audit",
        "TRUNCATE casedesk.audit",
    };
    for (size_t i = 0; i < sizeof stmts / sizeof *stmts; i++) {
        PGresult *r = PQexec(c, stmts[i]);
        const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        if (!st || strcmp(st, "42501") != 0)
            fail_msg("%s: wanted 42501, got %s", stmts[i], st ? st : "success");
        PQclear(r);
    }
    PQfinish(c);
    /* even the superuser is stopped by the trigger unless it takes the owner role */
    PGresult *r = PQexec(dbtest_admin(), "DELETE FROM casedesk.audit");
    assert_string_equal(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501");
    PQclear(r);
    assert_true(dbtest_scalar("SELECT count(*) FROM casedesk.audit", 0, NULL) >= 2);
}

/* The non-blocking path the console uses: requests through db_send and a
 * poll() loop, a dropped connection failing what is in flight, reconnection. */
struct outcome {
    int done, ok;
    char state[8];
    char value[64];
};

static void on_result(void *ctx, const struct db_result *r)
{
    struct outcome *o = ctx;
    o->done = 1;
    o->ok = r->ok;
    snprintf(o->state, sizeof o->state, "%s", r->sqlstate);
    snprintf(o->value, sizeof o->value, "%s",
             r->ok && r->res && PQntuples(r->res) ? PQgetvalue(r->res, 0, 0) : r->message);
}

static int states_seen[8];
static void on_state(void *ctx, enum db_state st)
{
    (void)ctx;
    states_seen[st]++;
}

static void pump(struct db *db, int *flag, int timeout_ms)
{
    for (int waited = 0; !*flag && waited < timeout_ms; waited += 20) {
        struct pollfd p = {.fd = db_fd(db), .events = db_events(db)};
        int t = db_timeout_ms(db);
        int rc = p.fd >= 0 ? poll(&p, 1, 20) : poll(NULL, 0, t >= 0 && t < 20 ? t : 20);
        db_handle_io(db, rc > 0 ? p.revents : 0);
    }
}

static int is_ready(struct db *db) { return db_state(db) == DB_READY; }

/* The console's sessions plan each statement for the values it runs with
 * (tests/db/test_plans.c shows what a generic plan would cost), and wait at
 * most 5 s for a row another session holds, and never JIT-compile (a
 * second and 26 MB of the backend's memory): the set-up says so. The non-blocking connection sends the same text
 * and becomes ready only if the server accepts it (the test below). */
static void test_session_plans_per_values(void **state)
{
    (void)state;
    char buf[256];
    const char *q = "SELECT query FROM pg_stat_activity"
                    " WHERE usename = 'rev_c' AND application_name = 'casedesk'";

    static const char setup[] = "SET plan_cache_mode = force_custom_plan; SET lock_timeout = '5s';"
                                " SET jit = off; LISTEN casedesk; PREPARE changes AS ";

    struct db *db = dbtest_connect_as("rev_c");
    /* The statements sent every period are prepared with it. */
    assert_memory_equal(dbtest_text(buf, sizeof buf, q, 0, NULL), setup, sizeof setup - 1);
    db_free(db);
}

static void test_async_send_drop_and_reconnect(void **state)
{
    (void)state;
    struct db *db = db_new("user=rev_a");
    db_set_handlers(db, NULL, on_state, NULL);
    memset(states_seen, 0, sizeof states_seen);
    db_connect_start(db);
    /* queued while connecting, sent once ready */
    struct outcome who = {0};
    assert_int_equal(db_send(db, DB_WHOAMI, 0, NULL, on_result, &who), 0);
    pump(db, &who.done, 5000);
    assert_true(who.ok);
    assert_string_equal(who.value, "rev_a");
    assert_int_equal(states_seen[DB_READY], 1);

    /* the network goes away under a request */
    struct outcome lost = {0};
    db_drop(db);
    db_send(db, DB_WHOAMI, 0, NULL, on_result, &lost);
    pump(db, &lost.done, 5000);
    assert_false(lost.ok);
    assert_int_equal(db_state(db), DB_OFFLINE);
    assert_int_equal(states_seen[DB_OFFLINE], 1);

    /* while offline a request is refused at once, with words */
    struct outcome refused = {0};
    db_send(db, DB_WHOAMI, 0, NULL, on_result, &refused);
    assert_true(refused.done);
    assert_false(refused.ok);
    assert_string_equal(refused.value, "not connected to the database");

    /* back-off, then a non-blocking reconnect */
    int ready = 0;
    for (int i = 0; i < 250 && !ready; i++) {
        pump(db, &ready, 20);
        ready = is_ready(db);
    }
    assert_int_equal(db_state(db), DB_READY);
    struct outcome again = {0};
    db_send(db, DB_WHOAMI, 0, NULL, on_result, &again);
    pump(db, &again.done, 5000);
    assert_true(again.ok);
    assert_int_equal(states_seen[DB_READY], 2);
    db_free(db);
}

/* Backends of the connections named application_name=APP, waited for
 * (up to 10 s) to become want: a closed connection's backend ends on its
 * own time. */
static long long backends_become(const char *app, long long want)
{
    const char *p[] = {app};
    long long n = -1;
    for (int i = 0; i < 500; i++) {
        n = dbtest_scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", 1,
                          p);
        if (n == want)
            break;
        poll(NULL, 0, 20);
    }
    return n;
}

/* Until nothing is queued (a LISTEN or UNLISTEN sent). */
static void settle(struct db *db)
{
    int never = 0;
    for (int i = 0; i < 250 && db_pending(db) > 0; i++)
        pump(db, &never, 20);
    assert_int_equal(db_pending(db), 0);
}

static void pump_until_ready(struct db *db)
{
    int ready = 0;
    for (int i = 0; i < 250 && !ready; i++) {
        pump(db, &ready, 20);
        ready = is_ready(db);
    }
    assert_int_equal(db_state(db), DB_READY);
}

/* A connection that does not LISTEN (a relay listens for the console) is
 * closed while idle, its backend goes, and the next request or a LISTEN
 * opens it again without the console hearing of either; a reopening that
 * fails is reported as any lost connection. */
static void test_rest_and_reopen(void **state)
{
    (void)state;
    static const char app[] = "casedesk-rest-test";
    struct db *db = db_new("user=casedesk_rest_probe application_name=casedesk-rest-test");
    struct outcome who = {0}, again = {0}, refused = {0};

    dbtest_scalar("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles"
                  " WHERE rolname = 'casedesk_rest_probe') THEN"
                  " CREATE ROLE casedesk_rest_probe LOGIN IN ROLE casedesk_reviewer; END IF; END $$",
                  0, NULL);
    dbtest_scalar("ALTER ROLE casedesk_rest_probe LOGIN", 0, NULL);
    db_set_handlers(db, on_notify, on_state, NULL);
    memset(states_seen, 0, sizeof states_seen);
    db_set_listen(db, 0);
    db_connect_start(db);
    pump_until_ready(db);
    assert_int_equal(backends_become(app, 1), 1);

    /* Not while a request waits. */
    assert_int_equal(db_send(db, DB_BUSINESS_TIME, 0, NULL, on_result, &who), 0);
    assert_int_equal(db_rest(db), 0);
    assert_true(db_idle_ms(db) < 0);
    pump(db, &who.done, 5000);
    assert_true(who.ok);
    assert_true(db_idle_ms(db) >= 0);

    assert_int_equal(db_rest(db), 1);
    assert_int_equal(db_state(db), DB_RESTING);
    assert_int_equal(db_fd(db), -1);
    assert_true(db_online(db));
    assert_int_equal(backends_become(app, 0), 0);

    /* A request is queued, not answered inside the call, and reopens the
     * connection on the next turn; the handler hears nothing of it. */
    assert_int_equal(db_send(db, DB_BUSINESS_TIME, 0, NULL, on_result, &again), 0);
    assert_false(again.done);
    assert_int_equal(db_timeout_ms(db), 0);
    pump(db, &again.done, 5000);
    assert_true(again.ok);
    assert_int_equal(db_state(db), DB_READY);
    assert_int_equal(backends_become(app, 1), 1);
    assert_int_equal(states_seen[DB_READY], 1);
    assert_int_equal(states_seen[DB_OFFLINE], 0);

    /* A connection that LISTENs is not closed. */
    db_set_listen(db, 1);
    settle(db);
    assert_int_equal(db_rest(db), 0);

    /* Resting, a LISTEN asked for reopens it, and the notifications come. */
    db_set_listen(db, 0);
    settle(db);
    assert_int_equal(db_rest(db), 1);
    db_set_listen(db, 1);
    assert_int_equal(db_timeout_ms(db), 0);
    pump_until_ready(db);
    notify_count = 0;
    dbtest_scalar("SELECT pg_notify('casedesk', '1 rest-test 0')", 0, NULL);
    for (int i = 0; i < 250 && !notify_count; i++)
        pump(db, &notify_count, 20);
    assert_string_equal(last_payload, "1 rest-test 0");
    assert_int_equal(states_seen[DB_READY], 1);

    /* The login is refused while resting: the request fails as on a lost
     * connection, and the console is told it is offline. */
    db_set_listen(db, 0);
    settle(db);
    assert_int_equal(db_rest(db), 1);
    dbtest_scalar("ALTER ROLE casedesk_rest_probe NOLOGIN", 0, NULL);
    assert_int_equal(db_send(db, DB_BUSINESS_TIME, 0, NULL, on_result, &refused), 0);
    assert_false(refused.done);
    pump(db, &refused.done, 5000);
    assert_false(refused.ok);
    assert_int_equal(db_state(db), DB_OFFLINE);
    assert_int_equal(states_seen[DB_OFFLINE], 1);
    assert_false(db_online(db));
    dbtest_scalar("ALTER ROLE casedesk_rest_probe LOGIN", 0, NULL);
    db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whoami_comes_from_the_database),
        cmocka_unit_test(test_claim_approve_audit_and_notify),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_replayed_request_acts_once),
        cmocka_unit_test(test_reject_supplement_resume_annotate),
        cmocka_unit_test(test_supervisor_reassigns_and_release),
        cmocka_unit_test(test_escalation_acknowledge_once),
        cmocka_unit_test(test_row_level_security),
        cmocka_unit_test(test_tables_read_only_audit_append_only),
        cmocka_unit_test(test_async_send_drop_and_reconnect),
        cmocka_unit_test(test_session_plans_per_values),
        cmocka_unit_test(test_rest_and_reopen),
    };
    return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
