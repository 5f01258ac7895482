/* casedesk — `casedesk qr CASE_NO`: a case's tracking QR code on standard
 * output, for a label printer or a receipt. It connects like the console
 * (-d, the configuration's conninfo, libpq's PG* environment) and prints a
 * code only for a case the login may see, so that a mistyped number never
 * ends up on a receipt; tracking_url from the configuration says what the
 * code holds. */
#ifndef CASEDESK_QRCMD_H
#define CASEDESK_QRCMD_H

#include <stddef.h>

#include "casedesk/qr.h"

/* The longest case number accepted, in bytes (the database makes 15). */
#define QRCMD_CASE_NO_MAX 64

struct qrcmd_args {
    const char *conninfo;       /* -d; NULL: the configuration's, then PG* */
    const char *config_path;    /* -c */
    const char *case_no;
    enum qr_format format;      /* --format; QR_UTF8 unless told */
    int help;                   /* -h: the rest is not checked */
};

/* Parses argv (argv[0] is "qr"). Returns 0, or -1 with a message in err.
 * Pointers in args point into argv. */
int qrcmd_parse(int argc, char **argv, struct qrcmd_args *args, char *err, size_t errlen);

/* What is wrong with a case number given on the command line (empty, not
 * UTF-8, a control character, too long), or NULL when nothing is. */
const char *qrcmd_case_no_fault(const char *case_no);

/* The whole subcommand; returns the exit status: 0 printed, 1 no such case,
 * no connection or too long for a QR code, 2 bad arguments or configuration. */
int qrcmd_main(int argc, char **argv);

#endif
