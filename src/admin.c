/* casedesk — `casedesk admin`: the schema, staff and the working-day calendar.
 *
 * These commands are run by an administrator at a shell, not by the console:
 * plain blocking libpq, one statement (one transaction) per command, every
 * change made by a SECURITY DEFINER function that checks the caller and
 * writes the audit trail. User data reach SQL only as parameters.
 */
#include "casedesk/admin.h"

#include <errno.h>
#include <libpq-fe.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casedesk/calfile.h"
#include "casedesk/config.h"
#include "casedesk/i18n.h"
#include "casedesk/refusal.h"
#include "casedesk/kbfile.h"
#include "casedesk/keymap.h"

#define EXIT_USAGE 2
#define ADMIN_FILE_MAX (4 * 1024 * 1024)

static void usage(FILE *out)
{
    fprintf(out, _("Usage: casedesk admin [-d CONNINFO] [-c FILE] COMMAND [ARG]...\n"
                   "Set up and run a service centre's casedesk database.\n"
                   "\n"
                   "  init                           create (or upgrade) the roles and the schema\n"
                   "  staff add LOGIN --name NAME --job JOB [--dept CODE]...\n"
                   "                                 add a person and their database login\n"
                   "  staff list                     list the staff\n"
                   "  staff set LOGIN [--name NAME] [--job JOB] [--dept CODE]...\n"
                   "                                 change a person's name, job or departments\n"
                   "  staff disable LOGIN            a person leaves: their work goes back\n"
                   "  calendar import FILE           load a year's holidays and make-up days\n"
                   "  calendar show YEAR             print a year's schedule in the file format\n"
                   "  kb export [FILE]               write the knowledge base as a file\n"
                   "  kb check FILE                  check a knowledge base file\n"
                   "  kb apply FILE [--dry-run]      make the database's knowledge base the file's\n"
                   "\n"
                   "JOB is reviewer, oncall, supervisor, window or admin.\n"
                   "  -d, --dbname=CONNINFO  database to use: a libpq connection string or URI\n"
                   "  -c, --config=FILE      read the connection from this configuration file\n"
                   "  -h, --help             show this help and exit\n"
                   "See casedesk(1).\n"));
}

/* --- arguments ------------------------------------------------------------ */

static const char *const jobs[] = {"reviewer", "oncall", "supervisor", "window", "admin"};

static int bad(char *err, size_t errlen, const char *fmt, const char *arg)
{
    snprintf(err, errlen, fmt, arg);
    return -1;
}

static int valid_job(const char *j)
{
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++)
        if (strcmp(j, jobs[i]) == 0)
            return 1;
    return 0;
}

/* The value of option NAME: "--name=v", "--name v", "-x v". */
static int option_value(int argc, char **argv, int *i, const char *arg, const char **out,
                        char *err, size_t errlen)
{
    const char *eq = strchr(arg, '=');

    if (arg[1] == '-' && eq) {
        *out = eq + 1;
        return 0;
    }
    if (*i + 1 >= argc)
        return bad(err, errlen, _("option %s needs a value"), arg);
    *out = argv[++*i];
    return 0;
}

static int is_option(const char *arg, const char *shortname, const char *longname)
{
    size_t n = strlen(longname);

    if (shortname && strcmp(arg, shortname) == 0)
        return 1;
    return strncmp(arg, longname, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

struct verb_name {
    const char *group, *name;
    enum admin_verb verb;
    int args;       /* positional arguments after the command words */
    int optional;   /* how many of them may be left out */
};

static const struct verb_name verbs[] = {
    {"init", NULL, ADMIN_INIT, 0, 0},
    {"help", NULL, ADMIN_HELP, 0, 0},
    {"staff", "add", ADMIN_STAFF_ADD, 1, 0},
    {"staff", "list", ADMIN_STAFF_LIST, 0, 0},
    {"staff", "set", ADMIN_STAFF_SET, 1, 0},
    {"staff", "disable", ADMIN_STAFF_DISABLE, 1, 0},
    {"calendar", "import", ADMIN_CALENDAR_IMPORT, 1, 0},
    {"calendar", "show", ADMIN_CALENDAR_SHOW, 1, 0},
    {"kb", "export", ADMIN_KB_EXPORT, 1, 1},
    {"kb", "check", ADMIN_KB_CHECK, 1, 0},
    {"kb", "apply", ADMIN_KB_APPLY, 1, 0},
};

int admin_parse(int argc, char **argv, struct admin_cmd *cmd, char *err, size_t errlen)
{
    const char *pos[8];
    int npos = 0, only_pos = 0, i;
    const struct verb_name *v = NULL;

    memset(cmd, 0, sizeof *cmd);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        if (only_pos || a[0] != '-' || a[1] == '\0') {
            if (npos == (int)(sizeof pos / sizeof *pos))
                return bad(err, errlen, _("unexpected argument '%s'"), a);
            pos[npos++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_pos = 1;
        } else if (is_option(a, "-h", "--help")) {
            cmd->verb = ADMIN_HELP;
            return 0;
        } else if (is_option(a, "-d", "--dbname")) {
            if (option_value(argc, argv, &i, a, &cmd->conninfo, err, errlen) < 0)
                return -1;
        } else if (is_option(a, "-c", "--config")) {
            if (option_value(argc, argv, &i, a, &cmd->config_path, err, errlen) < 0)
                return -1;
        } else if (is_option(a, NULL, "--dry-run")) {
            cmd->dry_run = 1;
        } else if (is_option(a, NULL, "--name")) {
            if (option_value(argc, argv, &i, a, &cmd->name, err, errlen) < 0)
                return -1;
        } else if (is_option(a, NULL, "--job")) {
            if (option_value(argc, argv, &i, a, &cmd->job, err, errlen) < 0)
                return -1;
            if (!valid_job(cmd->job))
                return bad(err, errlen, _("unknown job '%s': reviewer, oncall, supervisor, window or admin"),
                           cmd->job);
        } else if (is_option(a, NULL, "--dept")) {
            if (option_value(argc, argv, &i, a, &val, err, errlen) < 0)
                return -1;
            if (!*val || strpbrk(val, "\n\r\t ,"))
                return bad(err, errlen, _("bad department code '%s' (one code per --dept)"), val);
            if (cmd->ndepts == ADMIN_DEPTS_MAX)
                return bad(err, errlen, _("too many departments (at most %s)"), "32");
            cmd->depts[cmd->ndepts++] = val;
        } else {
            return bad(err, errlen, _("unknown option '%s'"), a);
        }
    }
    if (npos == 0) {
        snprintf(err, errlen, "%s", _("a command is needed (casedesk admin --help)"));
        return -1;
    }
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs && !v; k++)
        if (strcmp(pos[0], verbs[k].group) == 0 &&
            (!verbs[k].name || (npos > 1 && strcmp(pos[1], verbs[k].name) == 0)))
            v = &verbs[k];
    if (!v) {
        int group = strcmp(pos[0], "staff") == 0 || strcmp(pos[0], "calendar") == 0 ||
                    strcmp(pos[0], "kb") == 0;
        if (group && npos == 1)
            return bad(err, errlen, _("'%s' needs a command (casedesk admin --help)"), pos[0]);
        return bad(err, errlen, _("unknown command '%s'"), group ? pos[1] : pos[0]);
    }
    cmd->verb = v->verb;
    i = v->name ? 2 : 1;
    if (npos - i < v->args - v->optional)
        return bad(err, errlen, _("'%s' needs an argument"), v->name ? v->name : v->group);
    if (npos - i > v->args)
        return bad(err, errlen, _("unexpected argument '%s'"), pos[i + v->args]);
    if ((cmd->name || cmd->job || cmd->ndepts) &&
        cmd->verb != ADMIN_STAFF_ADD && cmd->verb != ADMIN_STAFF_SET)
        return bad(err, errlen, _("--name, --job and --dept only go with '%s'"), "staff add/set");
    if (cmd->dry_run && cmd->verb != ADMIN_KB_APPLY)
        return bad(err, errlen, _("--dry-run only goes with '%s'"), "kb apply");

    switch (cmd->verb) {
    case ADMIN_STAFF_ADD:
        if (!cmd->name || !cmd->job)
            return bad(err, errlen, _("'%s' needs --name and --job"), "staff add");
        /* fall through */
    case ADMIN_STAFF_SET:
        if (cmd->verb == ADMIN_STAFF_SET && !cmd->name && !cmd->job && !cmd->ndepts)
            return bad(err, errlen, _("'%s' needs --name, --job or --dept"), "staff set");
        /* fall through */
    case ADMIN_STAFF_DISABLE:
        cmd->login = pos[i];
        break;
    case ADMIN_CALENDAR_IMPORT:
    case ADMIN_KB_CHECK:
    case ADMIN_KB_APPLY:
    case ADMIN_KB_EXPORT:
        cmd->file = i < npos ? pos[i] : NULL;
        break;
    case ADMIN_CALENDAR_SHOW: {
        char *end;
        long y = strtol(pos[i], &end, 10);
        if (*end || end == pos[i] || y < 2000 || y > 2200)
            return bad(err, errlen, _("'%s' is not a year from 2000 to 2200"), pos[i]);
        cmd->year = (int)y;
        break;
    }
    default:
        break;
    }
    return 0;
}

/* --- the connection --------------------------------------------------------- */

/* The conninfo to use: -d, else the configuration file's, else NULL (PG*). */
static int find_conninfo(const struct admin_cmd *cmd, struct config *cfg)
{
    struct keymap km;
    char path[4096], err[1024];
    int rc;

    config_defaults(cfg);
    if (cmd->conninfo)
        return 0;
    keymap_init_defaults(&km);
    rc = config_find(cmd->config_path, path, sizeof path);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", path[0] ? path : cmd->config_path, strerror(errno));
        return -1;
    }
    if (rc == 0 && config_load(cfg, &km, path, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static PGconn *connect_db(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo ? conninfo : "");

    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, _("casedesk admin: cannot connect to the database: %s"), PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    PQsetClientEncoding(conn, "UTF8");
    return conn;
}

/* Runs one statement; prints the refusal and returns NULL if it failed. */
static PGresult *run(PGconn *conn, const char *sql, int n, const char *const *params)
{
    PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);

    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
        return res;
    {
        const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        const char *hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
        char why[1024];
        if (msg)
            refusal_text(state, msg, why, sizeof why);
        if (msg)
            fprintf(stderr, _("casedesk admin: refused (%s): %s\n"), state ? state : "?", why);
        else
            fprintf(stderr, _("casedesk admin: %s"), PQerrorMessage(conn));
        if (hint)
            fprintf(stderr, "  %s\n", hint);
        if (state && strcmp(state, "42501") == 0)
            fprintf(stderr, "  %s\n", _("(casedesk admin needs a member of casedesk_admin or a superuser)"));
    }
    PQclear(res);
    return NULL;
}

static void calendar_warn(PGconn *conn)
{
    PGresult *res = PQexec(conn, "SELECT casedesk.calendar_warning()");

    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
        fprintf(stderr, _("casedesk: warning: %s\n"), PQgetvalue(res, 0, 0));
    PQclear(res);
}

void admin_calendar_warn(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo ? conninfo : "");

    if (PQstatus(conn) == CONNECTION_OK)
        calendar_warn(conn);
    PQfinish(conn);
}

/* --- init ------------------------------------------------------------------- */

static int executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The schema runner: $CASEDESK_SQLDIR, then beside the binary (the build
 * tree's sql/, or PREFIX/share/casedesk/sql under wherever the binary was
 * installed, DESTDIR included), then the compiled-in SQLDIR. */
static int find_migrate(char *out, size_t n)
{
    char exe[PATH_MAX];
    const char *env = getenv("CASEDESK_SQLDIR");
    ssize_t len;

    if (env && *env) {
        snprintf(out, n, "%s/migrate", env);
        return executable(out) ? 0 : -1;
    }
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        char *slash;
        exe[len] = '\0';
        if ((slash = strrchr(exe, '/'))) {
            *slash = '\0';
            snprintf(out, n, "%s/../sql/migrate", exe);
            if (executable(out))
                return 0;
            snprintf(out, n, "%s/../share/casedesk/sql/migrate", exe);
            if (executable(out))
                return 0;
        }
    }
    snprintf(out, n, "%s/migrate", SQLDIR);
    return executable(out) ? 0 : -1;
}

/* libpq's environment variables from a conninfo, for psql in the runner. */
static int export_conninfo(const char *conninfo)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);

    if (!opts) {
        fprintf(stderr, _("casedesk admin: bad connection string: %s"), err ? err : "\n");
        PQfreemem(err);
        return -1;
    }
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (o->val && *o->val && o->envvar)
            setenv(o->envvar, o->val, 1);
    PQconninfoFree(opts);
    return 0;
}

static int init_schema(const char *conninfo)
{
    char path[PATH_MAX + 32];
    pid_t pid;
    int status;

    if (find_migrate(path, sizeof path) < 0) {
        fprintf(stderr, _("casedesk admin: cannot find the schema runner %s\n"), path);
        return EXIT_FAILURE;
    }
    if (conninfo && export_conninfo(conninfo) < 0)
        return EXIT_USAGE;
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "casedesk admin: fork: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    if (pid == 0) {
        execl(path, path, (char *)NULL);
        fprintf(stderr, "casedesk admin: %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return EXIT_FAILURE;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "%s\n", _("casedesk admin: the schema was not changed (the migration failed)"));
        return EXIT_FAILURE;
    }
    printf("%s\n", _("casedesk admin: the schema is up to date"));
    return EXIT_SUCCESS;
}

/* --- staff ------------------------------------------------------------------ */

/* The departments as one parameter, a code per line (codes hold no newline). */
static char *join_depts(const struct admin_cmd *cmd)
{
    size_t len = 1;
    char *s;

    for (int i = 0; i < cmd->ndepts; i++)
        len += strlen(cmd->depts[i]) + 1;
    if (!(s = malloc(len)))
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < cmd->ndepts; i++) {
        if (i)
            strcat(s, "\n");
        strcat(s, cmd->depts[i]);
    }
    return s;
}

static int staff_change(PGconn *conn, const struct admin_cmd *cmd)
{
    char *depts = join_depts(cmd);
    const char *params[4] = {cmd->login, cmd->name, cmd->job, cmd->ndepts ? depts : NULL};
    PGresult *res = NULL;

    if (!depts) {
        fprintf(stderr, "casedesk admin: %s\n", _("out of memory"));
        return EXIT_FAILURE;
    }
    switch (cmd->verb) {
    case ADMIN_STAFF_ADD:
        res = run(conn, "SELECT casedesk.staff_add($1, $2, $3, regexp_split_to_array($4, E'\\n'))",
                  4, params);
        if (res)
            printf(_("casedesk admin: %s added as %s\n"), cmd->login, cmd->job);
        break;
    case ADMIN_STAFF_SET:
        res = run(conn, "SELECT casedesk.staff_set($1, $2, $3, regexp_split_to_array($4, E'\\n'))",
                  4, params);
        if (res)
            printf(_("casedesk admin: %s changed\n"), cmd->login);
        break;
    default:
        res = run(conn, "SELECT casedesk.staff_disable($1)", 1, params);
        if (res)
            printf(_("casedesk admin: %s disabled; their claimed items and escalations went back\n"),
                   cmd->login);
        break;
    }
    free(depts);
    if (!res)
        return EXIT_FAILURE;
    PQclear(res);
    return EXIT_SUCCESS;
}

static int staff_list(PGconn *conn)
{
    PGresult *res = run(conn, "SELECT login, job, CASE WHEN active THEN 'active' ELSE 'disabled' END,"
                              " departments, display_name FROM casedesk.staff_list()", 0, NULL);

    if (!res)
        return EXIT_FAILURE;
    printf("%-20s %-10s %-8s %-24s %s\n", _("LOGIN"), _("JOB"), _("STATUS"), _("DEPARTMENTS"), _("NAME"));
    for (int r = 0; r < PQntuples(res); r++)
        printf("%-20s %-10s %-8s %-24s %s\n", PQgetvalue(res, r, 0), PQgetvalue(res, r, 1),
               PQgetvalue(res, r, 2), *PQgetvalue(res, r, 3) ? PQgetvalue(res, r, 3) : "-",
               PQgetvalue(res, r, 4));
    PQclear(res);
    return EXIT_SUCCESS;
}

/* --- calendar --------------------------------------------------------------- */

/* Reads a whole file into a new string; NULL with a message printed. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t len = 0, got;

    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return NULL;
    }
    if (!(buf = malloc(ADMIN_FILE_MAX + 1))) {
        fclose(f);
        fprintf(stderr, "%s: %s\n", path, strerror(ENOMEM));
        return NULL;
    }
    while ((got = fread(buf + len, 1, ADMIN_FILE_MAX - len, f)) > 0)
        len += got;
    if (ferror(f) || len == ADMIN_FILE_MAX || memchr(buf, '\0', len)) {
        fprintf(stderr, "%s: %s\n", path,
                ferror(f) ? strerror(errno) : _("not a text file of at most 4 MB"));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* Appends s and a separator to a growing buffer. */
static int append(char **buf, size_t *len, size_t *cap, const char *s, int sep)
{
    size_t n = strlen(s);

    if (*len + n + 2 > *cap) {
        size_t c = (*len + n + 2) * 2;
        char *p = realloc(*buf, c);
        if (!p)
            return -1;
        *buf = p;
        *cap = c;
    }
    if (sep && *len)
        (*buf)[(*len)++] = '\n';
    memcpy(*buf + *len, s, n + 1);
    *len += n;
    return 0;
}

static int calendar_import(const char *conninfo, const char *path)
{
    PGconn *conn = NULL;
    struct calfile cf;
    char err[1024], year[16], date[16];
    char *text = read_file(path), *lists[3] = {NULL, NULL, NULL};
    size_t len[3] = {0, 0, 0}, cap[3] = {0, 0, 0};
    int rc = EXIT_FAILURE, failed = 0;
    PGresult *res;

    if (!text)
        return EXIT_FAILURE;
    if (calfile_parse(&cf, text, path, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        free(text);
        return EXIT_FAILURE;
    }
    free(text);
    for (int k = 0; k < 3; k++)
        failed |= append(&lists[k], &len[k], &cap[k], "", 0);
    for (size_t i = 0; i < cf.ndays; i++) {
        const struct calfile_day *d = &cf.days[i];
        snprintf(date, sizeof date, "%04d-%02d-%02d", d->year, d->month, d->day);
        failed |= append(&lists[0], &len[0], &cap[0], date, i > 0);
        failed |= append(&lists[1], &len[1], &cap[1], d->kind == CALFILE_WORKDAY ? "workday" : "holiday", i > 0);
        /* A name may be empty: the separator goes in even before it. */
        if (i > 0)
            failed |= append(&lists[2], &len[2], &cap[2], "\n", 0);
        failed |= append(&lists[2], &len[2], &cap[2], d->name, 0);
    }
    if (failed) {
        fprintf(stderr, "casedesk admin: %s\n", _("out of memory"));
    } else if ((conn = connect_db(conninfo))) {
        const char *params[4] = {year, cf.ndays ? lists[0] : NULL, cf.ndays ? lists[1] : NULL,
                                 cf.ndays ? lists[2] : NULL};
        snprintf(year, sizeof year, "%d", cf.year);
        res = run(conn, "SELECT casedesk.calendar_import($1::int, regexp_split_to_array($2, E'\\n')::date[],"
                        " regexp_split_to_array($3, E'\\n'), regexp_split_to_array($4, E'\\n'))",
                  4, params);
        if (res) {
            printf(_("casedesk admin: calendar %d imported: %d working days, %zu days listed\n"),
                   cf.year, calfile_working_days(&cf), cf.ndays);
            PQclear(res);
            rc = EXIT_SUCCESS;
        }
    }
    if (conn) {
        calendar_warn(conn);
        PQfinish(conn);
    }
    for (int k = 0; k < 3; k++)
        free(lists[k]);
    calfile_free(&cf);
    return rc;
}

static int calendar_show(PGconn *conn, int year)
{
    char y[16];
    const char *params[1] = {y};
    struct calfile cf;
    PGresult *res;
    int rc = EXIT_SUCCESS;

    snprintf(y, sizeof y, "%d", year);
    if (!(res = run(conn, "SELECT to_char(day, 'YYYY-MM-DD'), kind, name FROM casedesk.calendar_show($1::int)",
                    1, params)))
        return EXIT_FAILURE;
    memset(&cf, 0, sizeof cf);
    cf.year = year;
    for (int r = 0; r < PQntuples(res) && rc == EXIT_SUCCESS; r++) {
        const char *d = PQgetvalue(res, r, 0);
        if (calfile_add(&cf, atoi(d), atoi(d + 5), atoi(d + 8),
                        strcmp(PQgetvalue(res, r, 1), "workday") == 0 ? CALFILE_WORKDAY : CALFILE_HOLIDAY,
                        PQgetvalue(res, r, 2), 0) < 0) {
            fprintf(stderr, "casedesk admin: %s\n", _("out of memory"));
            rc = EXIT_FAILURE;
        }
    }
    PQclear(res);
    if (rc == EXIT_SUCCESS) {
        printf(_("# %d: %d working days\n"), year, calfile_working_days(&cf));
        calfile_print(stdout, &cf);
    }
    calfile_free(&cf);
    return rc;
}

/* --- the knowledge base ------------------------------------------------------ */

static int kb_export(PGconn *conn, const char *path)
{
    PGresult *res = run(conn, "SELECT casedesk.kb_export()", 0, NULL);
    FILE *out;
    int rc = EXIT_SUCCESS;

    if (!res)
        return EXIT_FAILURE;
    if (!(out = path ? fopen(path, "w") : stdout)) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        PQclear(res);
        return EXIT_FAILURE;
    }
    fputs(PQgetvalue(res, 0, 0), out);
    if ((path ? fclose(out) : fflush(out)) != 0) {
        fprintf(stderr, "%s: %s\n", path ? path : _("standard output"), strerror(errno));
        rc = EXIT_FAILURE;
    }
    PQclear(res);
    return rc;
}

static int kb_check(const char *path)
{
    char err[1024];
    struct kbfile *kb = kbfile_load(path, err, sizeof err);
    int d, i, m;

    if (!kb) {
        fprintf(stderr, "%s\n", err);
        return EXIT_FAILURE;
    }
    kbfile_counts(kb, &d, &i, &m);
    printf(_("%s: good: %d departments, %d item types, %d matter types\n"), path, d, i, m);
    kbfile_free(kb);
    return EXIT_SUCCESS;
}

/* Shows every change, then a count per kind and change; commits unless dry. */
static int kb_apply(const char *conninfo, const char *path, int dry_run)
{
    char err[1024];
    struct kbfile *kb = kbfile_load(path, err, sizeof err);
    char *json;
    PGconn *conn;
    PGresult *res;
    int rc = EXIT_FAILURE;

    if (!kb) {
        fprintf(stderr, "%s\n", err);
        return EXIT_FAILURE;
    }
    json = kbfile_json(kb);
    kbfile_free(kb);
    if (!json) {
        fprintf(stderr, "casedesk admin: %s\n", _("out of memory"));
        return EXIT_FAILURE;
    }
    if (!(conn = connect_db(conninfo))) {
        free(json);
        return EXIT_FAILURE;
    }
    if ((res = run(conn, "BEGIN", 0, NULL))) {
        const char *params[1] = {json};
        PQclear(res);
        res = run(conn, "SELECT kb_kind, kb_code, kb_change FROM casedesk.kb_apply($1::jsonb)", 1, params);
    }
    if (res) {
        int n = PQntuples(res);
        for (int r = 0; r < n; r++)
            printf("%-16s %-20s %s\n", PQgetvalue(res, r, 0), PQgetvalue(res, r, 1), PQgetvalue(res, r, 2));
        PQclear(res);
        res = run(conn, dry_run ? "ROLLBACK" : "COMMIT", 0, NULL);
        if (res) {
            if (n == 0)
                printf(_("casedesk admin: the knowledge base already matches %s\n"), path);
            else if (dry_run)
                printf(_("casedesk admin: %d changes shown, none made (--dry-run)\n"), n);
            else
                printf(_("casedesk admin: %d changes made\n"), n);
            PQclear(res);
            rc = EXIT_SUCCESS;
        }
    }
    calendar_warn(conn);
    PQfinish(conn);
    free(json);
    return rc;
}

/* --- the command ------------------------------------------------------------ */

int admin_main(int argc, char **argv)
{
    struct admin_cmd cmd;
    struct config cfg;
    char err[512];
    PGconn *conn;
    const char *conninfo;
    int rc;

    if (admin_parse(argc, argv, &cmd, err, sizeof err) < 0) {
        fprintf(stderr, "casedesk admin: %s\n", err);
        fprintf(stderr, "%s\n", _("Try 'casedesk admin --help'."));
        return EXIT_USAGE;
    }
    if (cmd.verb == ADMIN_HELP) {
        usage(stdout);
        return EXIT_SUCCESS;
    }
    if (find_conninfo(&cmd, &cfg) < 0)
        return EXIT_USAGE;
    conninfo = cmd.conninfo ? cmd.conninfo : cfg.conninfo;
    /* A file is checked before anything connects. */
    if (cmd.verb == ADMIN_INIT || cmd.verb == ADMIN_CALENDAR_IMPORT || cmd.verb == ADMIN_KB_CHECK ||
        cmd.verb == ADMIN_KB_APPLY) {
        switch (cmd.verb) {
        case ADMIN_INIT: rc = init_schema(conninfo); break;
        case ADMIN_CALENDAR_IMPORT: rc = calendar_import(conninfo, cmd.file); break;
        case ADMIN_KB_CHECK: rc = kb_check(cmd.file); break;
        default: rc = kb_apply(conninfo, cmd.file, cmd.dry_run); break;
        }
        config_free(&cfg);
        return rc;
    }
    if (!(conn = connect_db(conninfo))) {
        config_free(&cfg);
        return EXIT_FAILURE;
    }
    switch (cmd.verb) {
    case ADMIN_STAFF_LIST: rc = staff_list(conn); break;
    case ADMIN_CALENDAR_SHOW: rc = calendar_show(conn, cmd.year); break;
    case ADMIN_KB_EXPORT: rc = kb_export(conn, cmd.file); break;
    default: rc = staff_change(conn, &cmd); break;
    }
    calendar_warn(conn);
    PQfinish(conn);
    config_free(&cfg);
    return rc;
}
