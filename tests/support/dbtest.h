/* Helpers for the database tests: connections as a given login to the test's
 * own database (PGDATABASE, set by tests/run-suite), and checks run as the
 * superuser the suite connects as. */
#ifndef CASEDESK_TEST_DBTEST_H
#define CASEDESK_TEST_DBTEST_H

#include "casedesk/db.h"
#include <libpq-fe.h>

/* A struct db connected (prepared, listening) as LOGIN; fails the test if it
 * cannot connect. Caller frees with db_free(). */
struct db *dbtest_connect_as(const char *login);

/* The superuser connection for checks; opened once, closed at exit. */
PGconn *dbtest_admin(void);

/* Runs a parameterised query as the superuser and returns the first column
 * of the first row as a number (0 when there is no row). */
long long dbtest_scalar(const char *sql, int nparams, const char *const *params);
/* The same as text into buf ("" when there is no row or it is NULL). */
const char *dbtest_text(char *buf, size_t n, const char *sql, int nparams, const char *const *params);

/* Files a fresh case of matter CODE as the window clerk 'win'; returns the
 * id of its item of type ITEM_TYPE. */
long long dbtest_new_item(const char *matter_code, int item_type);

/* The current version of an item, as text for a statement parameter. */
const char *dbtest_version(long long item, char buf[16]);

#endif
