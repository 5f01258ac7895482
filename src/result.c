/* casedesk — reading the database's answers. */
#include "casedesk/result.h"

#include <stdlib.h>
#include <string.h>

#include "casedesk/sla_clock.h"

const char *result_text(const PGresult *res, int row, int col)
{
    if (!res || row < 0 || col < 0 || row >= PQntuples(res) || col >= PQnfields(res)
        || PQgetisnull(res, row, col))
        return NULL;
    return PQgetvalue(res, row, col);
}

const char *result_queue_cell(void *ctx, int row, int col)
{
    return result_text(ctx, row, col);
}

int64_t result_int(const PGresult *res, int row, int col)
{
    const char *v = result_text(res, row, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

int result_bool(const PGresult *res, int row, int col)
{
    const char *v = result_text(res, row, col);
    return v && v[0] == 't' && !v[1];
}

int64_t result_epoch(const PGresult *res, int row, int col)
{
    const char *v = result_text(res, row, col);
    return v ? (int64_t)strtod(v, NULL) : SLA_NONE;
}

char *result_dup(const PGresult *res, int row, int col)
{
    const char *v = result_text(res, row, col);
    return v ? strdup(v) : NULL;
}

void *result_calloc(const PGresult *res, size_t size)
{
    int n = res ? PQntuples(res) : 0;
    return calloc((size_t)(n > 0 ? n : 1), size);
}

void *result_rows(const PGresult *res, size_t size, result_row_fn *read, size_t *n)
{
    char *v = result_calloc(res, size);
    int rows = res ? PQntuples(res) : 0;

    *n = 0;
    for (int i = 0; v && i < rows; i++)
        read(v + size * (*n)++, res, i);
    return v;
}

int result_connection_lost(const struct db_result *r)
{
    return !r->ok && strncmp(r->sqlstate, "08", 2) == 0;
}
