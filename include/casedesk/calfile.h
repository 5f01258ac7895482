/* casedesk — a year's working-day schedule as a text file.
 *
 *     # comments and blank lines are ignored
 *     year 2027
 *     2027-01-01 holiday 元旦
 *     2027-02-06..2027-02-14 holiday 春节
 *     2027-02-20 workday 春节调休上班
 *
 * One "year" line, then one line per day or range of days: "holiday" (not
 * worked, whatever the weekday) or "workday" (a Saturday or Sunday worked in
 * exchange, 调休上班), and an optional name. Every other day follows the
 * week: Monday to Friday worked.
 */
#ifndef CASEDESK_CALFILE_H
#define CASEDESK_CALFILE_H

#include <stddef.h>
#include <stdio.h>

enum calfile_kind { CALFILE_HOLIDAY, CALFILE_WORKDAY };

struct calfile_day {
    int year, month, day;
    enum calfile_kind kind;
    char *name;             /* "" when none */
    int line;
};

struct calfile {
    int year;               /* 0 until a "year" line */
    struct calfile_day *days;
    size_t ndays, cap;
};

/* Parses and checks text (a whole file named path). 0, or -1 with a message
 * "path:line: ..." (or "path: ..." for the whole file) in err; cf then holds
 * nothing to free. */
int calfile_parse(struct calfile *cf, const char *text, const char *path, char *err, size_t errlen);
void calfile_free(struct calfile *cf);

/* Working days in cf's year: weekdays not holidays, plus make-up days. */
int calfile_working_days(const struct calfile *cf);

/* Writes cf in the file format, consecutive days of one kind and name as a
 * range, so that the output reads back as the same schedule. */
void calfile_print(FILE *out, const struct calfile *cf);

/* ISO weekday, 1 (Monday) to 7 (Sunday). */
int calfile_weekday(int year, int month, int day);

/* Adds a day (used by the database reader too); the caller owns name's copy. 0 or -1. */
int calfile_add(struct calfile *cf, int year, int month, int day, enum calfile_kind kind,
                const char *name, int line);

#endif
