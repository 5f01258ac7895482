/* casedesk — reading the answers db_send() hands to the console's callbacks:
 * the cells of a PGresult, and whether a failure was the connection breaking.
 *
 * Every reader takes a row and column that may be out of range and a result
 * that may be NULL (a request that never reached the server), and reads
 * them as SQL NULL. No terminal code.
 */
#ifndef CASEDESK_RESULT_H
#define CASEDESK_RESULT_H

#include <stddef.h>
#include <stdint.h>
#include <libpq-fe.h>

#include "casedesk/db.h"

/* The text of a cell, or NULL for SQL NULL. Valid as long as res. */
const char *result_text(const PGresult *res, int row, int col);
/* A bigint cell; 0 for NULL. */
int64_t result_int(const PGresult *res, int row, int col);
/* A boolean cell: 1 for true, 0 for false or NULL. */
int result_bool(const PGresult *res, int row, int col);
/* An epoch cell (seconds, possibly with a fraction); SLA_NONE for NULL. */
int64_t result_epoch(const PGresult *res, int row, int col);
/* A malloc'd copy of the text, or NULL (SQL NULL or out of memory). */
char *result_dup(const PGresult *res, int row, int col);
/* result_text() as a queue_get_fn, ctx being the PGresult. */
const char *result_queue_cell(void *ctx, int row, int col);
/* Zeroed room for one element per row of res, at least one so that an empty
 * answer is not taken for no memory. NULL out of memory. */
void *result_calloc(const PGresult *res, size_t size);

/* Fills one element of an array from row i of res. */
typedef void result_row_fn(void *elem, const PGresult *res, int i);
/* An array of one element of size bytes per row, each filled by read; the
 * count in *n. NULL (and 0) out of memory; the caller frees the array. */
void *result_rows(const PGresult *res, size_t size, result_row_fn *read, size_t *n);

/* The request failed because the connection broke (SQLSTATE class 08): the
 * status line already says so, and the outcome of an action is unknown. */
int result_connection_lost(const struct db_result *r);

#endif
