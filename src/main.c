/* casedesk — the back-office console of a one-window service centre.
 *
 * This file reads the command line and the configuration, then either runs
 * the console (app.c) or, with --sweep, asks the database once to raise the
 * escalations that are due and exits (for cron or a systemd timer), or with
 * --relay passes the database's notifications on to the consoles of its
 * host (relay.c).
 * `casedesk admin ...` is the administrator's tool (admin.c), `casedesk qr
 * CASE_NO` prints a case's tracking QR code (qrcmd.c).
 */
#include <curses.h>
#include <errno.h>
#include <getopt.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casedesk/admin.h"
#include "casedesk/app.h"
#include "casedesk/config.h"
#include "casedesk/db.h"
#include "casedesk/i18n.h"
#include "casedesk/keymap.h"
#include "casedesk/lang.h"
#include "casedesk/qrcmd.h"
#include "casedesk/relay.h"
#include "casedesk/term.h"
#include "casedesk/text.h"

#define EXIT_USAGE 2

struct options {
    const char *conninfo;
    const char *config_path;
    const char *log_file;
    const char *language;
    int no_color;
    int sweep;
    int relay;
};

enum { OPT_NO_COLOR = 256, OPT_LOG, OPT_SWEEP, OPT_LANG, OPT_RELAY };

static void usage(FILE *out)
{
    fprintf(out, _("Usage: casedesk [OPTION]...\n"
                   "The back-office console of a one-window service centre: the work queue\n"
                   "of your departments, live, with claim, approve, reject, supplement\n"
                   "requests, notes and escalations.\n"
                   "\n"
                   "  -d, --dbname=CONNINFO  database to use: a libpq connection string or URI\n"
                   "                         (default: the configuration, then PG* variables)\n"
                   "  -c, --config=FILE      read this configuration file\n"
                   "      --no-color         no colours (also when NO_COLOR is set)\n"
                   "      --log=FILE         append a debug log of events to FILE\n"
                   "      --lang=LANGUAGE    messages in this language, e.g. zh_CN or en\n"
                   "                         (default: the configuration, then the locale)\n"
                   "      --sweep            raise the escalations that are due, once, and exit\n"
                   "      --relay            pass the database's notifications on to the consoles\n"
                   "                         of this host (relay.socket), and sweep for the centre\n"
                   "  admin COMMAND ...      set up and run a centre: casedesk admin --help\n"
                   "  qr CASE_NO             print a case's tracking QR code: casedesk qr --help\n"
                   "  -h, --help             show this help and exit\n"
                   "  -V, --version          show the versions and exit\n"
                   "\n"
                   "Press ? in the console for the keys. See casedesk(1).\n"));
}

static void version(void)
{
    int pq = PQlibVersion();
    printf("casedesk %s\n", CASEDESK_VERSION);
    printf("%s\n", curses_version());
    printf("libpq %d.%d\n", pq / 10000, pq % 10000);
}

/* -1 to go on, or the exit status for main. */
static int parse_args(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        {"dbname", required_argument, NULL, 'd'},
        {"config", required_argument, NULL, 'c'},
        {"no-color", no_argument, NULL, OPT_NO_COLOR},
        {"no-colour", no_argument, NULL, OPT_NO_COLOR},
        {"log", required_argument, NULL, OPT_LOG},
        {"sweep", no_argument, NULL, OPT_SWEEP},
        {"relay", no_argument, NULL, OPT_RELAY},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;

    while ((c = getopt_long(argc, argv, "d:c:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o->conninfo = optarg; break;
        case 'c': o->config_path = optarg; break;
        case OPT_NO_COLOR: o->no_color = 1; break;
        case OPT_LOG: o->log_file = optarg; break;
        case OPT_SWEEP: o->sweep = 1; break;
        case OPT_RELAY: o->relay = 1; break;
        case OPT_LANG:
            /* At once, so that a --help after it speaks that language. */
            if (lang_set(optarg) < 0) {
                fprintf(stderr, _("casedesk: unknown language '%s' (e.g. zh_CN or en)\n"), optarg);
                return EXIT_USAGE;
            }
            o->language = optarg;
            break;
        case 'h': usage(stdout); return EXIT_SUCCESS;
        case 'V': version(); return EXIT_SUCCESS;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, _("casedesk: unexpected argument '%s'\n"), argv[optind]);
        usage(stderr);
        return EXIT_USAGE;
    }
    return -1;
}

static int load_config(const struct options *o, struct config *cfg, struct keymap *km)
{
    char err[1024];

    if (config_load_found(o->config_path, cfg, km, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

/* Options win over the file. */
static int apply_options(const struct options *o, struct config *cfg)
{
    const char *no_color = getenv("NO_COLOR");
    char **slots[2] = {&cfg->conninfo, &cfg->log_file};
    const char *values[2] = {o->conninfo, o->log_file};

    for (int i = 0; i < 2; i++) {
        if (!values[i])
            continue;
        free(*slots[i]);
        if (!(*slots[i] = strdup(values[i])))
            return -1;
    }
    if (!o->language && cfg->language)
        lang_set(cfg->language);
    if (o->no_color || (no_color && *no_color))
        cfg->color = 0;
    return 0;
}

/* For cron's mail: what the server said besides the result, made safe. */
static void print_notices(struct db *db)
{
    char raw[DB_NOTICE_MAX];
    char *clean;

    while (db_take_notice(db, raw, sizeof raw)) {
        if ((clean = text_sanitize(raw))) {
            fprintf(stderr, _("casedesk: server said: %s\n"), clean);
            free(clean);
        }
    }
}

static int sweep_once(const struct config *cfg)
{
    struct db *db = db_new(cfg->conninfo);
    PGresult *res;
    int status = EXIT_FAILURE;

    if (!db) {
        fprintf(stderr, "casedesk: %s\n", _("out of memory"));
        return EXIT_FAILURE;
    }
    if (db_connect_sync(db) < 0) {
        fprintf(stderr, _("casedesk: cannot connect to the database: %s\n"), db_error(db));
    } else if (!(res = db_exec_sync(db, DB_SWEEP, 0, NULL))) {
        fprintf(stderr, _("casedesk: the connection broke: %s\n"), db_error(db));
    } else {
        if (PQresultStatus(res) == PGRES_TUPLES_OK) {
            const char *n = PQntuples(res) > 0 && !PQgetisnull(res, 0, 0) ? PQgetvalue(res, 0, 0) : "0";
            printf(_("casedesk: sweep done, %s escalations raised\n"), n);
            status = EXIT_SUCCESS;
        } else {
            fprintf(stderr, _("casedesk: sweep refused: %s"), PQresultErrorMessage(res));
        }
        PQclear(res);
    }
    print_notices(db);
    db_free(db);
    return status;
}

static FILE *open_log(const char *path)
{
    FILE *f = fopen(path, "a");
    if (!f)
        fprintf(stderr, "casedesk: %s: %s\n", path, strerror(errno));
    else
        setvbuf(f, NULL, _IOLBF, 0);
    return f;
}

int main(int argc, char **argv)
{
    struct options o = {0};
    struct config cfg;
    struct keymap km;
    FILE *log = NULL;
    char why[512];
    int rc;

    lang_init();

    if (argc > 1 && strcmp(argv[1], "admin") == 0)
        return admin_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "qr") == 0)
        return qrcmd_main(argc - 1, argv + 1);
    if ((rc = parse_args(argc, argv, &o)) >= 0)
        return rc;
    config_defaults(&cfg);
    keymap_init_defaults(&km);
    if (load_config(&o, &cfg, &km) < 0 || apply_options(&o, &cfg) < 0) {
        config_free(&cfg);
        return EXIT_USAGE;
    }
    if (o.sweep) {
        rc = sweep_once(&cfg);
        if (rc == EXIT_SUCCESS)
            admin_calendar_warn(cfg.conninfo);
        config_free(&cfg);
        return rc;
    }
    if (o.relay) {
        if (cfg.log_file && !(log = open_log(cfg.log_file)))
            rc = EXIT_USAGE;
        else
            rc = relay_run(&cfg, log);
        if (log)
            fclose(log);
        config_free(&cfg);
        return rc;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n", _("casedesk: the console needs a terminal (use --sweep for batch work)"));
        config_free(&cfg);
        return EXIT_USAGE;
    }
    if (term_check(why, sizeof why) < 0) {
        fprintf(stderr, "%s\n", why);
        config_free(&cfg);
        return EXIT_USAGE;
    }
    if (cfg.log_file && !(log = open_log(cfg.log_file))) {
        config_free(&cfg);
        return EXIT_USAGE;
    }
    atexit(app_restore_terminal);
    rc = app_run(&cfg, &km, log);
    if (log)
        fclose(log);
    config_free(&cfg);
    return rc;
}
