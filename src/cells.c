/* casedesk — reading cells, keeping a cursor. */
#include "casedesk/cells.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int64_t cells_int(const char *text, int64_t fallback)
{
    if (!text || !*text)
        return fallback;
    errno = 0;
    char *end;
    long long v = strtoll(text, &end, 10);
    return errno || end == text ? fallback : (int64_t)v;
}

double cells_number(const char *text, double fallback)
{
    if (!text || !*text)
        return fallback;
    char *end;
    double v = strtod(text, &end);
    return end == text || !isfinite(v) ? fallback : v;
}

int64_t cells_epoch(const char *text, int64_t none)
{
    double v = cells_number(text, NAN);
    return isnan(v) ? none : (int64_t)v;
}

int cells_dup(char **out, const char *text)
{
    *out = strdup(text ? text : "");
    return *out ? 0 : -1;
}

size_t cells_clamp(long target, size_t n)
{
    if (target < 0 || n == 0)
        return 0;
    return (size_t)target < n ? (size_t)target : n - 1;
}
