/* casedesk — the configuration file. */
#include "casedesk/config.h"

#include <errno.h>
#include <libconfig.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "casedesk/i18n.h"
#include "casedesk/keymap.h"
#include "casedesk/lang.h"
#include "casedesk/qr.h"

#define PATH_TEXT_MAX 256

#define COLUMN_NAME(id, name) [CONFIG_COLUMN_##id] = name,
static const char *const column_names[CONFIG_COLUMN_COUNT] = {
    CASEDESK_COLUMNS(COLUMN_NAME)
};
#undef COLUMN_NAME

/* What one config_load() builds; it replaces the caller's state only when the
 * whole file is good. */
struct loader {
    const char *path;
    char *dir;              /* where @include looks; NULL when out of memory */
    char *err;
    size_t errlen;
    struct config cfg;
    struct keymap km;
};

typedef int (*apply_fn)(struct loader *ld, const config_setting_t *s);

struct known_setting {
    const char *name;
    apply_fn apply;
};

int config_column_from_name(const char *name)
{
    int c;

    for (c = 0; name && c < CONFIG_COLUMN_COUNT; c++)
        if (strcmp(column_names[c], name) == 0)
            return c;
    return -1;
}

const char *config_column_name(enum config_column column)
{
    return (int)column >= 0 && column < CONFIG_COLUMN_COUNT ? column_names[column] : "";
}

void config_defaults(struct config *cfg)
{
    int c;

    memset(cfg, 0, sizeof *cfg);
    cfg->refresh_seconds = CONFIG_REFRESH_DEFAULT;
    cfg->sweep_seconds = CONFIG_SWEEP_DEFAULT;
    cfg->color = 1;
    cfg->bell = 0;
    cfg->escape_delay_ms = -1;
    cfg->pane_min_columns = CONFIG_PANE_MIN_COLUMNS;
    cfg->pane_min_rows = CONFIG_PANE_MIN_ROWS;
    for (c = 0; c < CONFIG_COLUMN_COUNT; c++)
        cfg->columns[c] = (enum config_column)c;
    cfg->ncolumns = CONFIG_COLUMN_COUNT;
}

void config_free(struct config *cfg)
{
    free(cfg->conninfo);
    free(cfg->log_file);
    free(cfg->language);
    free(cfg->tracking_url);
    free(cfg->relay_socket);
    config_defaults(cfg);
}

/* --- errors ------------------------------------------------------------- */

/* libconfig names an included file as @include spelt it, which is relative
 * to the including file's directory, not to ours. */
static const char *file_name(const struct loader *ld, const char *file, char *buf, size_t n)
{
    if (!file || strcmp(file, ld->path) == 0)
        return ld->path;
    if (file[0] == '/' || !ld->dir)
        return file;
    snprintf(buf, n, "%s/%s", ld->dir, file);
    return buf;
}

__attribute__((format(printf, 3, 4)))
static int fail(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
{
    char what[512], file[PATH_TEXT_MAX * 4];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (ld->err && ld->errlen > 0)
        snprintf(ld->err, ld->errlen, "%s:%u: %s",
                 file_name(ld, config_setting_source_file(s), file, sizeof file),
                 (unsigned)config_setting_source_line(s), what);
    return -1;
}

/* "refresh.fallback_seconds", as the user would look for it in the file. */
static const char *setting_path(const config_setting_t *s, char *buf, size_t n)
{
    const config_setting_t *parent = config_setting_parent(s);
    const char *name = config_setting_name(s);

    if (!name)
        name = "";
    if (parent && !config_setting_is_root(parent) && config_setting_name(parent))
        snprintf(buf, n, "%s.%s", config_setting_name(parent), name);
    else
        snprintf(buf, n, "%s", name);
    return buf;
}

/* --- typed values ------------------------------------------------------- */

/* A whole number in lo..hi; what names the unit in the message. */
static int get_int_in(struct loader *ld, const config_setting_t *s, int lo, int hi,
                      const char *what, int *out)
{
    char path[PATH_TEXT_MAX];
    long long v;
    int type = config_setting_type(s);

    if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64)
        return fail(ld, s, what, setting_path(s, path, sizeof path));
    v = config_setting_get_int64(s);
    if (v < lo || v > hi)
        return fail(ld, s, _("'%s' must be between %d and %d"),
                    setting_path(s, path, sizeof path), lo, hi);
    *out = (int)v;
    return 0;
}

static int get_seconds(struct loader *ld, const config_setting_t *s, int *out)
{
    return get_int_in(ld, s, 1, CONFIG_SECONDS_MAX,
                      _("'%s' must be a whole number of seconds"), out);
}

static int get_bool(struct loader *ld, const config_setting_t *s, int *out)
{
    char path[PATH_TEXT_MAX];

    if (config_setting_type(s) != CONFIG_TYPE_BOOL)
        return fail(ld, s, _("'%s' must be true or false"),
                    setting_path(s, path, sizeof path));
    *out = config_setting_get_bool(s);
    return 0;
}

/* An empty string means "not set": NULL. */
static int get_string(struct loader *ld, const config_setting_t *s, char **out)
{
    char path[PATH_TEXT_MAX];
    const char *v;

    if (config_setting_type(s) != CONFIG_TYPE_STRING)
        return fail(ld, s, _("'%s' must be a string"), setting_path(s, path, sizeof path));
    v = config_setting_get_string(s);
    free(*out);
    *out = NULL;
    if (v[0] != '\0' && !(*out = strdup(v)))
        return fail(ld, s, "%s", strerror(ENOMEM));
    return 0;
}

/* A string, or a list or array of strings ("a" or [ "PgDn", "C-f" ]). */
static int check_string_list(struct loader *ld, const config_setting_t *s, int allow_single)
{
    char path[PATH_TEXT_MAX];
    int i, type = config_setting_type(s);

    if (allow_single && type == CONFIG_TYPE_STRING)
        return 0;
    if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST)
        goto bad;
    for (i = 0; i < config_setting_length(s); i++)
        if (config_setting_type(config_setting_get_elem(s, (unsigned)i)) != CONFIG_TYPE_STRING)
            goto bad;
    return 0;
bad:
    return fail(ld, s, _("'%s' must be a list of strings"), setting_path(s, path, sizeof path));
}

/* --- settings ----------------------------------------------------------- */

static int set_conninfo(struct loader *ld, const config_setting_t *s)
{
    return get_string(ld, s, &ld->cfg.conninfo);
}

static int set_refresh(struct loader *ld, const config_setting_t *s)
{
    return get_seconds(ld, s, &ld->cfg.refresh_seconds);
}

static int set_sweep(struct loader *ld, const config_setting_t *s)
{
    return get_seconds(ld, s, &ld->cfg.sweep_seconds);
}

static int set_color(struct loader *ld, const config_setting_t *s)
{
    return get_bool(ld, s, &ld->cfg.color);
}

static int set_bell(struct loader *ld, const config_setting_t *s)
{
    return get_bool(ld, s, &ld->cfg.bell);
}

static int set_escape_delay(struct loader *ld, const config_setting_t *s)
{
    return get_int_in(ld, s, CONFIG_ESCAPE_DELAY_MIN, CONFIG_ESCAPE_DELAY_MAX,
                      _("'%s' must be a whole number of milliseconds"), &ld->cfg.escape_delay_ms);
}

static int set_pane_min_columns(struct loader *ld, const config_setting_t *s)
{
    return get_int_in(ld, s, 1, CONFIG_PANE_MAX, _("'%s' must be a whole number of columns"),
                      &ld->cfg.pane_min_columns);
}

static int set_pane_min_rows(struct loader *ld, const config_setting_t *s)
{
    return get_int_in(ld, s, 1, CONFIG_PANE_MAX, _("'%s' must be a whole number of rows"),
                      &ld->cfg.pane_min_rows);
}

static int set_log_file(struct loader *ld, const config_setting_t *s)
{
    return get_string(ld, s, &ld->cfg.log_file);
}

/* A socket's path must fit in sockaddr_un. */
static int set_relay_socket(struct loader *ld, const config_setting_t *s)
{
    char path[PATH_TEXT_MAX];

    if (get_string(ld, s, &ld->cfg.relay_socket) < 0)
        return -1;
    if (ld->cfg.relay_socket && strlen(ld->cfg.relay_socket) > CONFIG_SOCKET_PATH_MAX)
        return fail(ld, s, _("'%s' must be a path of at most %d bytes"),
                    setting_path(s, path, sizeof path), CONFIG_SOCKET_PATH_MAX);
    return 0;
}

/* 0 keeps the connection open. */
static int set_close_idle(struct loader *ld, const config_setting_t *s)
{
    return get_int_in(ld, s, 0, CONFIG_SECONDS_MAX, _("'%s' must be a whole number of seconds"),
                      &ld->cfg.close_idle_seconds);
}

static int set_language(struct loader *ld, const config_setting_t *s)
{
    char path[PATH_TEXT_MAX];

    if (get_string(ld, s, &ld->cfg.language) < 0)
        return -1;
    if (ld->cfg.language && !lang_valid(ld->cfg.language))
        return fail(ld, s, _("'%s' must be a language such as \"zh_CN\" or \"en\""),
                    setting_path(s, path, sizeof path));
    return 0;
}

static int set_tracking_url(struct loader *ld, const config_setting_t *s)
{
    char path[PATH_TEXT_MAX];

    if (get_string(ld, s, &ld->cfg.tracking_url) < 0)
        return -1;
    if (!ld->cfg.tracking_url)
        return 0;
    setting_path(s, path, sizeof path);
    switch (qr_template_check(ld->cfg.tracking_url)) {
    case QR_TEMPLATE_OK:
        return 0;
    case QR_TEMPLATE_NO_SLOT:
        return fail(ld, s, _("'%s' must hold %%s once, where the case number goes"), path);
    case QR_TEMPLATE_SLOTS:
        return fail(ld, s, _("'%s' holds %%s more than once; the case number goes in one place"),
                    path);
    case QR_TEMPLATE_CONVERSION:
        break;
    }
    return fail(ld, s, _("'%s' may hold no %% but %%s (the case number) and %%%% "
                         "(a percent sign, as in %%%%2F)"), path);
}

static int add_column(struct loader *ld, const config_setting_t *elem)
{
    const char *name = config_setting_get_string(elem);
    int c = config_column_from_name(name);
    size_t i;

    if (c < 0)
        return fail(ld, elem, _("unknown column '%s'"), name);
    for (i = 0; i < ld->cfg.ncolumns; i++)
        if ((int)ld->cfg.columns[i] == c)
            return fail(ld, elem, _("column '%s' is listed twice"), name);
    ld->cfg.columns[ld->cfg.ncolumns++] = (enum config_column)c;
    return 0;
}

static int set_columns(struct loader *ld, const config_setting_t *s)
{
    char path[PATH_TEXT_MAX];
    int i;

    if (check_string_list(ld, s, 0) < 0)
        return -1;
    if (config_setting_length(s) == 0)
        return fail(ld, s, _("'%s' must name at least one column"),
                    setting_path(s, path, sizeof path));
    ld->cfg.ncolumns = 0;
    for (i = 0; i < config_setting_length(s); i++)
        if (add_column(ld, config_setting_get_elem(s, (unsigned)i)) < 0)
            return -1;
    return 0;
}

static int bind_one(struct loader *ld, const config_setting_t *at, const char *key,
                    const char *action)
{
    char msg[256];

    if (keymap_bind(&ld->km, key, action, msg, sizeof msg) < 0)
        return fail(ld, at, "%s", msg);
    return 0;
}

/* "approve = [ "a", "y" ];" gives approve exactly these keys; the pseudo
 * action "none" unbinds the keys it lists. */
static int set_binding(struct loader *ld, const config_setting_t *s)
{
    const char *action = config_setting_name(s);
    enum action a = action_from_name(action);
    int i;

    if (a == ACTION_NONE && strcmp(action, "none") != 0)
        return fail(ld, s, _("unknown action '%s'"), action);
    if (check_string_list(ld, s, 1) < 0)
        return -1;
    keymap_unbind_action(&ld->km, a);
    if (config_setting_type(s) == CONFIG_TYPE_STRING)
        return bind_one(ld, s, config_setting_get_string(s), action);
    for (i = 0; i < config_setting_length(s); i++) {
        const config_setting_t *elem = config_setting_get_elem(s, (unsigned)i);

        if (bind_one(ld, elem, config_setting_get_string(elem), action) < 0)
            return -1;
    }
    return 0;
}

static const struct known_setting database_settings[] = {
    { "conninfo", set_conninfo },
    { NULL, NULL },
};

static const struct known_setting refresh_settings[] = {
    { "fallback_seconds", set_refresh },
    { "sweep_seconds", set_sweep },
    { NULL, NULL },
};

static const struct known_setting display_settings[] = {
    { "color", set_color },
    { "bell", set_bell },
    { "columns", set_columns },
    { "escape_delay_ms", set_escape_delay },
    { "language", set_language },
    { "pane_min_columns", set_pane_min_columns },
    { "pane_min_rows", set_pane_min_rows },
    { NULL, NULL },
};

static const struct known_setting relay_settings[] = {
    { "socket", set_relay_socket },
    { "close_idle_seconds", set_close_idle },
    { NULL, NULL },
};

static const struct known_setting log_settings[] = {
    { "file", set_log_file },
    { NULL, NULL },
};

/* A group either has a fixed set of members or (bindings) hands every member
 * to one function. */
struct known_group {
    const char *name;
    const struct known_setting *members;
    apply_fn each_member;
};

static const struct known_group groups[] = {
    { "database", database_settings, NULL },
    { "refresh", refresh_settings, NULL },
    { "display", display_settings, NULL },
    { "bindings", NULL, set_binding },
    { "log", log_settings, NULL },
    { "relay", relay_settings, NULL },
};
#define GROUPS (sizeof groups / sizeof groups[0])

/* Settings outside any group. */
static const struct known_setting top_settings[] = {
    { "tracking_url", set_tracking_url },
    { NULL, NULL },
};

static int unknown(struct loader *ld, const config_setting_t *s)
{
    char path[PATH_TEXT_MAX];

    return fail(ld, s, _("unknown setting '%s'"), setting_path(s, path, sizeof path));
}

static int apply_member(struct loader *ld, const struct known_group *g,
            const config_setting_t *s)
{
    const struct known_setting *k;

    if (g->each_member)
        return g->each_member(ld, s);
    for (k = g->members; k->name; k++)
        if (strcmp(k->name, config_setting_name(s)) == 0)
            return k->apply(ld, s);
    return unknown(ld, s);
}

static int apply_group(struct loader *ld, const struct known_group *g,
                       const config_setting_t *s)
{
    int i;

    if (!config_setting_is_group(s))
        return fail(ld, s, _("'%s' must be a group: %s = { ... };"), g->name, g->name);
    for (i = 0; i < config_setting_length(s); i++)
        if (apply_member(ld, g, config_setting_get_elem(s, (unsigned)i)) < 0)
            return -1;
    return 0;
}

static int apply_top(struct loader *ld, const config_setting_t *s)
{
    static const struct known_group top = { "", top_settings, NULL };
    size_t i;

    for (i = 0; i < GROUPS; i++)
        if (strcmp(groups[i].name, config_setting_name(s)) == 0)
            return apply_group(ld, &groups[i], s);
    return apply_member(ld, &top, s);
}

/* --- reading ------------------------------------------------------------ */

__attribute__((format(printf, 3, 4)))
static int fail_file(struct loader *ld, const char *file, const char *fmt, ...)
{
    char what[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (ld->err && ld->errlen > 0)
        snprintf(ld->err, ld->errlen, "%s: %s", file, what);
    return -1;
}

/* libconfig only says "file I/O error"; this names the reason. */
static int check_readable(struct loader *ld)
{
    struct stat st;
    FILE *f;

    if (stat(ld->path, &st) < 0)
        return fail_file(ld, ld->path, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail_file(ld, ld->path, "%s", strerror(EISDIR));
    if (!(f = fopen(ld->path, "r")))
        return fail_file(ld, ld->path, "%s", strerror(errno));
    fclose(f);
    return 0;
}

/* @include names a file next to the one including it. */
static int read_file(struct loader *ld, config_t *lc)
{
    char buf[PATH_TEXT_MAX * 4];
    const char *file;

    if (!ld->dir)
        return fail_file(ld, ld->path, "%s", strerror(ENOMEM));
    config_set_include_dir(lc, ld->dir);
    if (config_read_file(lc, ld->path) == CONFIG_TRUE)
        return 0;
    file = file_name(ld, config_error_file(lc), buf, sizeof buf);
    if (config_error_type(lc) == CONFIG_ERR_PARSE && ld->err && ld->errlen > 0) {
        snprintf(ld->err, ld->errlen, "%s:%d: %s", file, config_error_line(lc),
                 config_error_text(lc));
        return -1;
    }
    return fail_file(ld, file, "%s", config_error_text(lc));
}

static int apply_root(struct loader *ld, const config_t *lc)
{
    const config_setting_t *root = config_root_setting(lc);
    int i;

    for (i = 0; i < config_setting_length(root); i++)
        if (apply_top(ld, config_setting_get_elem(root, (unsigned)i)) < 0)
            return -1;
    return 0;
}

/* Caller frees; NULL when out of memory. */
static char *directory_of(const char *path)
{
    char *copy = strdup(path);
    char *dir = copy ? strdup(dirname(copy)) : NULL;

    free(copy);
    return dir;
}

int config_load(struct config *cfg, struct keymap *km, const char *path, char *err,
        size_t errlen)
{
    struct loader *ld = calloc(1, sizeof *ld);
    config_t lc;
    int rc;

    if (!ld) {
        if (err && errlen > 0)
            snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
        return -1;
    }
    ld->path = path;
    ld->dir = directory_of(path);
    ld->err = err;
    ld->errlen = errlen;
    config_defaults(&ld->cfg);
    if (km)
        ld->km = *km;
    else
        keymap_init_defaults(&ld->km);
    config_init(&lc);
    rc = check_readable(ld);
    if (rc == 0)
        rc = read_file(ld, &lc);
    if (rc == 0)
        rc = apply_root(ld, &lc);
    config_destroy(&lc);
    if (rc == 0) {
        config_free(cfg);
        *cfg = ld->cfg;
        if (km)
            *km = ld->km;
    } else {
        config_free(&ld->cfg);
    }
    free(ld->dir);
    free(ld);
    return rc;
}

/* --- finding the file --------------------------------------------------- */

/* 0 when the path fits in out, else -1 with errno ENAMETOOLONG. */
__attribute__((format(printf, 3, 4)))
static int make_path(char *out, size_t n, const char *fmt, ...)
{
    va_list ap;
    int len;

    va_start(ap, fmt);
    len = vsnprintf(out, n, fmt, ap);
    va_end(ap);
    if (len < 0 || (size_t)len >= n) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* A file the user named: it must be there. */
static int named_file(const char *path, char *out, size_t n)
{
    struct stat st;

    if (make_path(out, n, "%s", path) < 0)
        return -1;
    return stat(path, &st) == 0 ? 0 : -1;
}

/* 0 found, 1 not there, -1 path too long. */
static int optional_file(char *out, size_t n, const char *dir, const char *rest)
{
    struct stat st;

    if (make_path(out, n, "%s%s", dir, rest) < 0)
        return -1;
    return stat(out, &st) == 0 ? 0 : 1;
}

static int user_file(char *out, size_t n)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");

    /* The XDG base directory spec says to ignore a relative value. */
    if (xdg && xdg[0] == '/')
        return optional_file(out, n, xdg, "/casedesk/casedesk.cfg");
    if (home && home[0])
        return optional_file(out, n, home, "/.config/casedesk/casedesk.cfg");
    return 1;
}

int config_find_in(const char *explicit_path, const char *etc_path, char *out, size_t n)
{
    const char *env = getenv("CASEDESK_CONFIG");
    int rc;

    if (!out || n == 0) {
        errno = EINVAL;
        return -1;
    }
    if (explicit_path)
        return named_file(explicit_path, out, n);
    if (env && env[0])
        return named_file(env, out, n);
    if ((rc = user_file(out, n)) <= 0)
        return rc;
    if (etc_path && (rc = optional_file(out, n, etc_path, "")) <= 0)
        return rc;
    out[0] = '\0';
    return 1;
}

int config_find(const char *explicit_path, char *out, size_t n)
{
    return config_find_in(explicit_path, CONFIG_ETC_PATH, out, n);
}

int config_load_found(const char *explicit_path, struct config *cfg, struct keymap *km,
                      char *err, size_t errlen)
{
    char path[4096];
    int rc = config_find(explicit_path, path, sizeof path);

    if (rc < 0) {
        snprintf(err, errlen, "%s: %s", path[0] ? path : explicit_path, strerror(errno));
        return -1;
    }
    return rc == 0 ? config_load(cfg, km, path, err, errlen) : 0;
}
