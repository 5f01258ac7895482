#include "support/dbtest.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PGconn *admin_conn;

static void admin_close(void)
{
    PQfinish(admin_conn);
    admin_conn = NULL;
}

PGconn *dbtest_admin(void)
{
    if (!admin_conn) {
        admin_conn = PQconnectdb("user=postgres");
        if (PQstatus(admin_conn) != CONNECTION_OK)
            fail_msg("admin connection: %s", PQerrorMessage(admin_conn));
        atexit(admin_close);
    }
    return admin_conn;
}

struct db *dbtest_connect_as(const char *login)
{
    char conninfo[128];
    snprintf(conninfo, sizeof conninfo, "user=%s", login);
    struct db *db = db_new(conninfo);
    assert_non_null(db);
    if (db_connect_sync(db) != 0)
        fail_msg("connect as %s: %s", login, db_error(db));
    assert_int_equal(db_state(db), DB_READY);
    return db;
}

static PGresult *admin_query(const char *sql, int nparams, const char *const *params)
{
    PGresult *r = PQexecParams(dbtest_admin(), sql, nparams, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
        fail_msg("%s: %s", sql, PQresultErrorMessage(r));
    return r;
}

long long dbtest_scalar(const char *sql, int nparams, const char *const *params)
{
    PGresult *r = admin_query(sql, nparams, params);
    long long v = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? atoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return v;
}

const char *dbtest_text(char *buf, size_t n, const char *sql, int nparams, const char *const *params)
{
    PGresult *r = admin_query(sql, nparams, params);
    snprintf(buf, n, "%s", PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    return buf;
}

long long dbtest_new_item(const char *matter_code, int item_type)
{
    char uuid[37], type[16], kase[24];
    assert_int_equal(db_new_request_id(uuid), 0);
    const char *p[] = {uuid, matter_code};
    PQclear(admin_query("SET SESSION AUTHORIZATION win", 0, NULL));
    long long case_id = dbtest_scalar(
        "SELECT casedesk.file_case($1, $2, '91350100M000100Y43', '福建某建设有限公司',"
        " '测试项目', 'window')", 2, p);
    PQclear(admin_query("RESET SESSION AUTHORIZATION", 0, NULL));
    snprintf(type, sizeof type, "%d", item_type);
    snprintf(kase, sizeof kase, "%lld", case_id);
    const char *q[] = {kase, type};
    long long item = dbtest_scalar(
        "SELECT id FROM casedesk.case_item WHERE case_id = $1 AND item_type_id = $2", 2, q);
    assert_true(item > 0);
    return item;
}

const char *dbtest_version(long long item, char buf[16])
{
    char id[24];
    snprintf(id, sizeof id, "%lld", item);
    const char *p[] = {id};
    snprintf(buf, 16, "%lld", dbtest_scalar("SELECT version FROM casedesk.case_item WHERE id = $1", 1, p));
    return buf;
}
