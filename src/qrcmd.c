/* casedesk — `casedesk qr CASE_NO` (see qrcmd.h). */
#include "casedesk/qrcmd.h"

#include <errno.h>
#include <getopt.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/config.h"
#include "casedesk/db.h"
#include "casedesk/i18n.h"
#include "casedesk/keymap.h"
#include "casedesk/text.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out, _("Usage: casedesk qr [OPTION]... CASE_NO\n"
                   "Print the tracking QR code of a case, for a label printer or a receipt.\n"
                   "The code holds tracking_url from the configuration with the case number\n"
                   "in it, or the case number alone; only a case you may see is printed.\n"
                   "\n"
                   "  -d, --dbname=CONNINFO  database to use: a libpq connection string or URI\n"
                   "  -c, --config=FILE      read this configuration file\n"
                   "      --format=FORMAT    utf8 (the default): half blocks, two module rows a\n"
                   "                         line; ascii: \"##\" and two spaces per module\n"
                   "  -h, --help             show this help and exit\n"
                   "\n"
                   "Dark modules are printed as characters: on paper, or on a terminal with\n"
                   "dark text on a light background. See casedesk(1).\n"));
}

__attribute__((format(printf, 3, 4)))
static int bad(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

const char *qrcmd_case_no_fault(const char *case_no)
{
    uint32_t cp;
    int n;

    if (!case_no || !*case_no)
        return _("the case number is empty");
    if (strlen(case_no) > QRCMD_CASE_NO_MAX)
        return _("the case number is too long");
    for (const char *p = case_no; (n = text_decode(p, &cp)) != 0; p += n) {
        if (n < 0)
            return _("the case number is not valid UTF-8");
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
            return _("the case number holds a control character");
    }
    return NULL;
}

enum { OPT_FORMAT = 256 };

int qrcmd_parse(int argc, char **argv, struct qrcmd_args *args, char *err, size_t errlen)
{
    static const struct option longopts[] = {
        {"dbname", required_argument, NULL, 'd'},
        {"config", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *fault;
    int c, f;

    memset(args, 0, sizeof *args);
    args->format = QR_UTF8;
    optind = 0;     /* glibc: start afresh, also when called again */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:c:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': args->conninfo = optarg; break;
        case 'c': args->config_path = optarg; break;
        case 'h': args->help = 1; return 0;
        case OPT_FORMAT:
            if ((f = qr_format_from_name(optarg)) < 0)
                return bad(err, errlen, _("unknown format '%s' (utf8 or ascii)"), optarg);
            args->format = (enum qr_format)f;
            break;
        case ':':
            return bad(err, errlen, _("option %s needs a value"), argv[optind - 1]);
        default:
            return bad(err, errlen, _("unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return bad(err, errlen, "%s", _("a case number is needed (casedesk qr --help)"));
    if (optind + 1 < argc)
        return bad(err, errlen, _("unexpected argument '%s'"), argv[optind + 1]);
    if ((fault = qrcmd_case_no_fault(argv[optind])))
        return bad(err, errlen, "%s", fault);
    args->case_no = argv[optind];
    return 0;
}

/* 0 when the login may see the case, else -1 with the reason printed. */
static int case_exists(const char *conninfo, const char *case_no)
{
    struct db *db = db_new(conninfo);
    const char *params[1] = {case_no};
    PGresult *res;
    int rc = -1;

    if (!db) {
        fprintf(stderr, "casedesk qr: %s\n", strerror(ENOMEM));
        return -1;
    }
    if (db_connect_sync(db) < 0) {
        fprintf(stderr, _("casedesk qr: cannot connect to the database: %s\n"), db_error(db));
    } else if (!(res = db_exec_sync(db, DB_CASE_NO, 1, params))) {
        fprintf(stderr, _("casedesk qr: the connection broke: %s\n"), db_error(db));
    } else {
        if (PQresultStatus(res) != PGRES_TUPLES_OK)
            fprintf(stderr, "casedesk qr: %s", PQresultErrorMessage(res));
        else if (PQntuples(res) == 0)
            fprintf(stderr, _("casedesk qr: there is no case %s that you may see\n"), case_no);
        else
            rc = 0;
        PQclear(res);
    }
    db_free(db);
    return rc;
}

/* Prints the code of text; 0, or -1 with the reason printed. */
static int print_code(const char *text, enum qr_format format)
{
    struct qr_code code;
    char *drawn;

    if (qr_encode(text, &code) < 0) {
        if (errno == ERANGE)
            fprintf(stderr, "%s\n", _("casedesk qr: the tracking text is too long for a QR code"));
        else
            fprintf(stderr, "casedesk qr: %s\n", strerror(errno));
        return -1;
    }
    drawn = qr_render(&code, format);
    qr_free(&code);
    if (!drawn) {
        fprintf(stderr, "casedesk qr: %s\n", strerror(ENOMEM));
        return -1;
    }
    fputs(drawn, stdout);
    free(drawn);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "casedesk qr: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

int qrcmd_main(int argc, char **argv)
{
    struct qrcmd_args args;
    struct config cfg;
    struct keymap km;
    char err[1024];
    char *text;
    int rc = EXIT_FAILURE;

    if (qrcmd_parse(argc, argv, &args, err, sizeof err) < 0) {
        fprintf(stderr, "casedesk qr: %s\n", err);
        fprintf(stderr, "%s\n", _("Usage: casedesk qr [-d CONNINFO] [-c FILE] [--format=utf8|ascii] CASE_NO"));
        return EXIT_USAGE;
    }
    if (args.help) {
        usage(stdout);
        return EXIT_SUCCESS;
    }
    config_defaults(&cfg);
    keymap_init_defaults(&km);
    if (config_load_found(args.config_path, &cfg, &km, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return EXIT_USAGE;
    }
    if (case_exists(args.conninfo ? args.conninfo : cfg.conninfo, args.case_no) == 0) {
        if (!(text = qr_template_expand(cfg.tracking_url, args.case_no)))
            fprintf(stderr, "casedesk qr: %s\n", strerror(ENOMEM));
        else if (print_code(text, args.format) == 0)
            rc = EXIT_SUCCESS;
        free(text);
    }
    config_free(&cfg);
    return rc;
}
