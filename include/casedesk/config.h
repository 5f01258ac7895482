/* casedesk — the configuration file (libconfig syntax, see conf/casedesk.cfg).
 *
 *   database = { conninfo = "service=casedesk"; };
 *   refresh  = { fallback_seconds = 10; sweep_seconds = 10; };
 *   display  = { color = true; bell = false; columns = [ "urgency", ... ];
 *                escape_delay_ms = 150; };
 *   bindings = { approve = "a"; page-down = [ "PgDn", "C-f" ]; };
 *   log      = { file = ""; };
 *   relay    = { socket = "/run/casedesk/relay.sock"; close_idle_seconds = 0; };
 *   tracking_url = "https://example.gov.cn/track/%s";
 */
#ifndef CASEDESK_CONFIG_H
#define CASEDESK_CONFIG_H

#include <stddef.h>

struct keymap;

/* The columns the queue can show, in their default order. */
#define CASEDESK_COLUMNS(X) \
    X(URGENCY, "urgency") \
    X(DUE, "due") \
    X(CASE, "case") \
    X(MATTER, "matter") \
    X(ITEM, "item") \
    X(APPLICANT, "applicant") \
    X(STATUS, "status") \
    X(ASSIGNEE, "assignee") \
    X(AGE, "age")

#define CASEDESK_COLUMN_ENUM(id, name) CONFIG_COLUMN_##id,
enum config_column {
    CASEDESK_COLUMNS(CASEDESK_COLUMN_ENUM)
    CONFIG_COLUMN_COUNT
};
#undef CASEDESK_COLUMN_ENUM

#define CONFIG_REFRESH_DEFAULT 120
#define CONFIG_SWEEP_DEFAULT 10
/* Both intervals are whole seconds in 1..CONFIG_SECONDS_MAX. */
#define CONFIG_SECONDS_MAX 3600
/* How long an Esc waits for the rest of a key's escape sequence. */
#define CONFIG_ESCAPE_DELAY_MIN 10
#define CONFIG_ESCAPE_DELAY_MAX 2000
/* From this size on the queue view is a dashboard of two panes. */
#define CONFIG_PANE_MIN_COLUMNS 120
#define CONFIG_PANE_MIN_ROWS 36
#define CONFIG_PANE_MAX 10000
/* sockaddr_un's sun_path holds 108 bytes with the NUL. */
#define CONFIG_SOCKET_PATH_MAX 107

struct config {
    char *conninfo;         /* libpq conninfo or URI; NULL: libpq's environment */
    int refresh_seconds;    /* poll when no notification arrives */
    int sweep_seconds;      /* how often the console asks the database for an SLA sweep */
    int color;              /* 1: colour when the terminal has it and NO_COLOR is unset; 0: never */
    int bell;               /* 1: beep on new escalations */
    int escape_delay_ms;    /* -1: not set (then $ESCDELAY, then a default) */
    char *log_file;         /* NULL: no log */
    char *language;         /* messages' language (lang_valid); NULL: the locale's */
    char *tracking_url;     /* what a case's QR code holds, %s the case number
                             * (qr_template_check() passed); NULL: the number alone */
    enum config_column columns[CONFIG_COLUMN_COUNT]; /* queue columns, left to right */
    size_t ncolumns;        /* at least 1, no column twice */
    int pane_min_columns;   /* the dashboard's panes from this size on */
    int pane_min_rows;
    char *relay_socket;     /* the host's relay (casedesk --relay); NULL: none,
                             * each console listens on its own connection */
    int close_idle_seconds; /* while the relay listens, a reviewer's console
                             * whose user and connection have been idle this
                             * long closes it and rests (0: never) */
};

/* Fills cfg with the defaults; it owns no memory yet. */
void config_defaults(struct config *cfg);

/* Frees what cfg owns and leaves it at the defaults. */
void config_free(struct config *cfg);

/* Reads path over the defaults. The bindings in the file are applied to km
 * on top of what it holds (normally keymap_init_defaults()); an action listed
 * there loses its other keys. cfg must hold defaults or an earlier load; its
 * old strings are freed. Returns 0, or -1 with "FILE:LINE: what is wrong" in
 * err; on error neither cfg nor km is changed. */
int config_load(struct config *cfg, struct keymap *km, const char *path, char *err,
        size_t errlen);

/* Which file to read, first match wins: explicit_path (--config), then
 * $CASEDESK_CONFIG (both must exist: they name the file on purpose), then
 * $XDG_CONFIG_HOME/casedesk/casedesk.cfg (or $HOME/.config/... when
 * XDG_CONFIG_HOME is unset, empty or relative), then etc_path when not NULL.
 * Returns 0 with the path in out; 1 when none exists (use the defaults,
 * out is ""); -1 when a named file is missing or the path does not fit in
 * out, with that path in out and errno set. */
int config_find_in(const char *explicit_path, const char *etc_path, char *out, size_t n);

/* config_find_in() with the system file CONFIG_ETC_PATH. */
#define CONFIG_ETC_PATH "/etc/casedesk/casedesk.cfg"
int config_find(const char *explicit_path, char *out, size_t n);

/* config_find() then config_load(): the file the user means, or the
 * defaults when there is none. Returns 0, or -1 with what is wrong in err
 * ("FILE: reason" or "FILE:LINE: what is wrong"). */
int config_load_found(const char *explicit_path, struct config *cfg, struct keymap *km,
                      char *err, size_t errlen);

/* "urgency" -> CONFIG_COLUMN_URGENCY; -1 for an unknown name. */
int config_column_from_name(const char *name);
const char *config_column_name(enum config_column column);

#endif
