/* casedesk — a year's working-day schedule as a text file (see calfile.h). */
#include "casedesk/calfile.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/i18n.h"

static const char *const weekday_names[8] = {
    "", N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
};

/* Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
    long era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    long era, yy;
    unsigned doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = (long)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int calfile_weekday(int year, int month, int day)
{
    long z = days_from_civil(year, month, day);
    /* 1970-01-01 was a Thursday (4). */
    long w = ((z % 7) + 7 + 3) % 7;
    return (int)w + 1;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

static int fail(char *err, size_t errlen, const char *path, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(err, errlen, "%s:%d: %s", path, line, msg);
    else
        snprintf(err, errlen, "%s: %s", path, msg);
    return -1;
}

int calfile_add(struct calfile *cf, int year, int month, int day, enum calfile_kind kind,
                const char *name, int line)
{
    struct calfile_day *d;

    if (cf->ndays == cf->cap) {
        size_t cap = cf->cap ? cf->cap * 2 : 64;
        struct calfile_day *p = realloc(cf->days, cap * sizeof *p);
        if (!p)
            return -1;
        cf->days = p;
        cf->cap = cap;
    }
    d = &cf->days[cf->ndays];
    if (!(d->name = strdup(name ? name : "")))
        return -1;
    d->year = year;
    d->month = month;
    d->day = day;
    d->kind = kind;
    d->line = line;
    cf->ndays++;
    return 0;
}

void calfile_free(struct calfile *cf)
{
    for (size_t i = 0; i < cf->ndays; i++)
        free(cf->days[i].name);
    free(cf->days);
    memset(cf, 0, sizeof *cf);
}

/* "YYYY-MM-DD" at *p, a real date; advances *p. */
static int read_date(const char **p, int *y, int *m, int *d)
{
    const char *s = *p;

    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return -1;
    *y = atoi(s);
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    if (*m < 1 || *m > 12 || *d < 1 || *d > month_days(*y, *m))
        return -1;
    *p = s + 10;
    return 0;
}

static int has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 1;
    return 0;
}

static const char *skip_blank(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

/* One line [s, end): adds its days. */
static int parse_line(struct calfile *cf, const char *s, const char *end, int line,
                      const char *path, char *err, size_t errlen)
{
    int y1, m1, d1, y2, m2, d2;
    enum calfile_kind kind;
    const char *p = s, *word;
    char name[256];
    size_t wlen, nlen;
    long from, to;

    if (end - s >= 5 && strncmp(s, "year", 4) == 0 && (s[4] == ' ' || s[4] == '\t')) {
        char *stop;
        long y;
        p = skip_blank(s + 4, end);
        y = strtol(p, &stop, 10);
        if (stop == p || skip_blank(stop, end) != end || y < 2000 || y > 2200)
            return fail(err, errlen, path, line, _("the year must be a number from 2000 to 2200"));
        if (cf->year)
            return fail(err, errlen, path, line, _("a second 'year' line"));
        cf->year = (int)y;
        return 0;
    }
    if (!cf->year)
        return fail(err, errlen, path, line, _("expected 'year YYYY' before the first day"));
    if (end - p < 10 || read_date(&p, &y1, &m1, &d1) < 0)
        return fail(err, errlen, path, line, _("expected a date YYYY-MM-DD (or a range YYYY-MM-DD..YYYY-MM-DD)"));
    y2 = y1, m2 = m1, d2 = d1;
    if (end - p >= 2 && p[0] == '.' && p[1] == '.') {
        p += 2;
        if (end - p < 10 || read_date(&p, &y2, &m2, &d2) < 0)
            return fail(err, errlen, path, line, _("expected a date YYYY-MM-DD after '..'"));
    }
    from = days_from_civil(y1, m1, d1);
    to = days_from_civil(y2, m2, d2);
    if (to < from)
        return fail(err, errlen, path, line, _("the range ends before it starts"));
    if (y1 != cf->year || y2 != cf->year)
        return fail(err, errlen, path, line, _("the day is not in %d"), cf->year);
    if (p < end && *p != ' ' && *p != '\t')
        return fail(err, errlen, path, line, _("expected a blank after the date"));
    word = p = skip_blank(p, end);
    while (p < end && *p != ' ' && *p != '\t')
        p++;
    wlen = (size_t)(p - word);
    if (wlen == 7 && strncmp(word, "holiday", 7) == 0)
        kind = CALFILE_HOLIDAY;
    else if (wlen == 7 && strncmp(word, "workday", 7) == 0)
        kind = CALFILE_WORKDAY;
    else
        return fail(err, errlen, path, line, _("expected 'holiday' or 'workday' after the date"));
    p = skip_blank(p, end);
    nlen = (size_t)(end - p);
    while (nlen > 0 && (p[nlen - 1] == ' ' || p[nlen - 1] == '\t'))
        nlen--;
    if (nlen >= sizeof name)
        return fail(err, errlen, path, line, _("the name is longer than %d bytes"), (int)sizeof name - 1);
    if (has_control(p, nlen))
        return fail(err, errlen, path, line, _("the name contains control characters"));
    memcpy(name, p, nlen);
    name[nlen] = '\0';

    for (long z = from; z <= to; z++) {
        int y, m, d, w;
        civil_from_days(z, &y, &m, &d);
        for (size_t i = 0; i < cf->ndays; i++)
            if (cf->days[i].month == m && cf->days[i].day == d)
                return fail(err, errlen, path, line, _("%04d-%02d-%02d is already listed on line %d"),
                            y, m, d, cf->days[i].line);
        w = calfile_weekday(y, m, d);
        if (kind == CALFILE_WORKDAY && w < 6)
            return fail(err, errlen, path, line,
                        _("%04d-%02d-%02d is a %s; a make-up working day must be a Saturday or Sunday"),
                        y, m, d, _(weekday_names[w]));
        if (calfile_add(cf, y, m, d, kind, name, line) < 0)
            return fail(err, errlen, path, line, _("out of memory"));
    }
    return 0;
}

static int day_cmp(const void *a, const void *b)
{
    const struct calfile_day *x = a, *y = b;
    return (x->month - y->month) * 100 + (x->day - y->day);
}

int calfile_parse(struct calfile *cf, const char *text, const char *path, char *err, size_t errlen)
{
    const char *s = text;
    int line = 0;

    memset(cf, 0, sizeof *cf);
    while (*s) {
        const char *end = strchr(s, '\n'), *next;
        const char *b;
        if (!end)
            end = s + strlen(s);
        next = *end ? end + 1 : end;
        line++;
        if (end > s && end[-1] == '\r')
            end--;
        b = skip_blank(s, end);
        if (b < end && *b != '#' && parse_line(cf, b, end, line, path, err, errlen) < 0) {
            calfile_free(cf);
            return -1;
        }
        s = next;
    }
    if (!cf->year) {
        calfile_free(cf);
        return fail(err, errlen, path, 0, _("no 'year YYYY' line"));
    }
    if (calfile_working_days(cf) == 0) {
        int y = cf->year;
        calfile_free(cf);
        return fail(err, errlen, path, 0, _("the year %d has no working day"), y);
    }
    qsort(cf->days, cf->ndays, sizeof *cf->days, day_cmp);
    return 0;
}

int calfile_working_days(const struct calfile *cf)
{
    long first = days_from_civil(cf->year, 1, 1), last = days_from_civil(cf->year, 12, 31);
    int n = 0;

    for (long z = first; z <= last; z++) {
        int y, m, d, worked;
        civil_from_days(z, &y, &m, &d);
        worked = calfile_weekday(y, m, d) < 6;
        for (size_t i = 0; i < cf->ndays; i++)
            if (cf->days[i].month == m && cf->days[i].day == d)
                worked = cf->days[i].kind == CALFILE_WORKDAY;
        n += worked;
    }
    return n;
}

void calfile_print(FILE *out, const struct calfile *cf)
{
    static const char *const kinds[2] = {"holiday", "workday"};

    fprintf(out, "year %d\n", cf->year);
    for (size_t i = 0; i < cf->ndays;) {
        const struct calfile_day *a = &cf->days[i];
        size_t j = i + 1;
        long z = days_from_civil(a->year, a->month, a->day);
        while (j < cf->ndays && cf->days[j].kind == a->kind && strcmp(cf->days[j].name, a->name) == 0 &&
               days_from_civil(cf->days[j].year, cf->days[j].month, cf->days[j].day) == z + (long)(j - i))
            j++;
        fprintf(out, "%04d-%02d-%02d", a->year, a->month, a->day);
        if (j - i > 1) {
            const struct calfile_day *b = &cf->days[j - 1];
            fprintf(out, "..%04d-%02d-%02d", b->year, b->month, b->day);
        }
        fprintf(out, " %s%s%s\n", kinds[a->kind], *a->name ? " " : "", a->name);
        i = j;
    }
}
