/* casedesk — `casedesk admin`: set up and run a centre (schema, staff,
 * working-day calendar, the knowledge base). Plain blocking libpq, one transaction per command,
 * every change through the database's SECURITY DEFINER functions. */
#ifndef CASEDESK_ADMIN_H
#define CASEDESK_ADMIN_H

#include <stddef.h>

#define ADMIN_DEPTS_MAX 32

enum admin_verb {
    ADMIN_HELP,
    ADMIN_INIT,
    ADMIN_STAFF_ADD,
    ADMIN_STAFF_LIST,
    ADMIN_STAFF_SET,
    ADMIN_STAFF_DISABLE,
    ADMIN_CALENDAR_IMPORT,
    ADMIN_CALENDAR_SHOW,
    ADMIN_KB_EXPORT,
    ADMIN_KB_CHECK,
    ADMIN_KB_APPLY,
};

struct admin_cmd {
    enum admin_verb verb;
    const char *conninfo;       /* -d */
    const char *config_path;    /* -c */
    const char *login;
    const char *name;           /* --name */
    const char *job;            /* --job */
    const char *depts[ADMIN_DEPTS_MAX];
    int ndepts;                 /* --dept, repeatable; also "--dept A,B" */
    const char *file;           /* NULL: kb export to standard output */
    int year;
    int dry_run;                /* kb apply --dry-run */
};

/* Parses argv (argv[0] is "admin"). 0, or -1 with a message in err. Pointers
 * in cmd point into argv. */
int admin_parse(int argc, char **argv, struct admin_cmd *cmd, char *err, size_t errlen);

/* Runs `casedesk admin ...`; returns the exit status (0, 1 refused or
 * failed, 2 bad usage). */
int admin_main(int argc, char **argv);

/* Prints the working-day calendar's warning to stderr when it ends within
 * 60 days (for casedesk --sweep). Connects with conninfo (NULL: PG*). */
void admin_calendar_warn(const char *conninfo);

#endif
