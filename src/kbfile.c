/* casedesk — the knowledge base file: reading and checking it (kbfile.h). */
#include "casedesk/kbfile.h"

#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/i18n.h"

#define KB_TEXT_MAX 1000

/* One entry of a list: its fields, by name, as libconfig holds them. */
struct entry {
    const config_setting_t *s;
    const char *code;
};

struct list {
    struct entry *e;
    int n;
};

struct kbfile {
    config_t cfg;
    struct list dept, cat, item, matter, esc;
};

struct checker {
    const char *path;
    char *err;
    size_t errlen;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct checker *c, const config_setting_t *s, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (s)
        snprintf(c->err, c->errlen, "%s:%u: %s", c->path, (unsigned)config_setting_source_line(s), msg);
    else
        snprintf(c->err, c->errlen, "%s: %s", c->path, msg);
    return -1;
}

static int clean(const char *t)
{
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* A required string field of group g: non-empty, no control characters. */
static int text_field(struct checker *c, const config_setting_t *g, const char *name, const char **out)
{
    const config_setting_t *s = config_setting_get_member(g, name);

    if (!s || config_setting_type(s) != CONFIG_TYPE_STRING)
        return fail(c, s ? s : g, _("'%s' must be given as a string"), name);
    *out = config_setting_get_string(s);
    if (!**out || strlen(*out) > KB_TEXT_MAX)
        return fail(c, s, _("'%s' must be 1 to %d bytes long"), name, KB_TEXT_MAX);
    if (!clean(*out))
        return fail(c, s, _("'%s' contains control characters"), name);
    return 0;
}

static int int_field(struct checker *c, const config_setting_t *g, const char *name, int min, int max)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    long long v;

    if (!s || config_setting_type(s) != CONFIG_TYPE_INT)
        return fail(c, s ? s : g, _("'%s' must be given as a whole number"), name);
    v = config_setting_get_int64(s);
    if (v < min || v > max)
        return fail(c, s, _("'%s' must be from %d to %d"), name, min, max);
    return 0;
}

/* Every member of g is one of the names (a misspelt field is an error, not
 * a silently missing value). */
static int only_fields(struct checker *c, const config_setting_t *g, const char *const *names)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        int known = 0;
        for (const char *const *n = names; *n && !known; n++)
            known = strcmp(*n, config_setting_name(m)) == 0;
        if (!known)
            return fail(c, m, _("unknown field '%s'"), config_setting_name(m));
    }
    return 0;
}

/* A top-level list of groups, each with a unique key field. */
static int read_list(struct checker *c, config_t *cfg, const char *name, const char *key,
                     const char *const *fields, struct list *out)
{
    const config_setting_t *l = config_lookup(cfg, name);

    out->e = NULL;
    out->n = 0;
    if (!l)
        return 0;
    if (config_setting_type(l) != CONFIG_TYPE_LIST)
        return fail(c, l, _("'%s' must be a list: %s = ( { ... }, ... );"), name, name);
    out->e = calloc((size_t)config_setting_length(l) + 1, sizeof *out->e);
    if (!out->e)
        return fail(c, NULL, _("out of memory"));
    for (int i = 0; i < config_setting_length(l); i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct entry *e = &out->e[out->n];
        if (config_setting_type(g) != CONFIG_TYPE_GROUP)
            return fail(c, g, _("each entry of '%s' must be a group { ... }"), name);
        if (text_field(c, g, key, &e->code) < 0 || only_fields(c, g, fields) < 0)
            return -1;
        for (int j = 0; j < out->n; j++)
            if (strcmp(out->e[j].code, e->code) == 0)
                return fail(c, g, _("%s \"%s\" is listed twice (first on line %u)"), key, e->code,
                            (unsigned)config_setting_source_line(out->e[j].s));
        e->s = g;
        out->n++;
    }
    return 0;
}

static const struct entry *find(const struct list *l, const char *code)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->e[i].code, code) == 0)
            return &l->e[i];
    return NULL;
}

/* A required array of strings (may be empty). */
static const config_setting_t *strings(struct checker *c, const config_setting_t *g, const char *name)
{
    const config_setting_t *a = config_setting_get_member(g, name);

    if (!a) {
        fail(c, g, _("'%s' must be given: %s = [ \"...\", ... ];"), name, name);
        return NULL;
    }
    if (config_setting_type(a) != CONFIG_TYPE_ARRAY ||
        (config_setting_length(a) > 0 &&
         config_setting_type(config_setting_get_elem(a, 0)) != CONFIG_TYPE_STRING)) {
        fail(c, a, _("'%s' must be an array of strings: [ \"...\", ... ]"), name);
        return NULL;
    }
    for (int i = 0; i < config_setting_length(a); i++) {
        const char *t = config_setting_get_string_elem(a, i);
        if (!*t || strlen(t) > KB_TEXT_MAX || !clean(t)) {
            fail(c, a, _("'%s' holds an empty or too long text, or control characters"), name);
            return NULL;
        }
    }
    return a;
}

static int check_named(struct checker *c, const struct list *l)
{
    const char *t;
    for (int i = 0; i < l->n; i++)
        if (text_field(c, l->e[i].s, "name", &t) < 0 || text_field(c, l->e[i].s, "name_en", &t) < 0)
            return -1;
    return 0;
}

static int check_items(struct checker *c, struct kbfile *kb)
{
    static const char *const units[] = {"working_days", "working_minutes", "calendar_hours", NULL};

    for (int i = 0; i < kb->item.n; i++) {
        const config_setting_t *g = kb->item.e[i].s, *y;
        const char *dept, *unit;
        int ok = 0;
        if (check_named(c, &(struct list){&kb->item.e[i], 1}) < 0 || text_field(c, g, "department", &dept) < 0)
            return -1;
        if (!find(&kb->dept, dept))
            return fail(c, config_setting_get_member(g, "department"), _("unknown department \"%s\""), dept);
        if (int_field(c, g, "limit", 1, 100000) < 0 || text_field(c, g, "unit", &unit) < 0)
            return -1;
        for (const char *const *u = units; *u; u++)
            ok |= strcmp(*u, unit) == 0;
        if (!ok)
            return fail(c, config_setting_get_member(g, "unit"),
                        _("'unit' must be working_days, working_minutes or calendar_hours"));
        y = config_setting_get_member(g, "yellow");
        if (!y || config_setting_type(y) != CONFIG_TYPE_FLOAT || config_setting_get_float(y) <= 0 ||
            config_setting_get_float(y) >= 1)
            return fail(c, y ? y : g, _("'yellow' must be a share between 0 and 1, such as 0.75"));
        if (!strings(c, g, "materials") || !strings(c, g, "rejection_reasons"))
            return -1;
    }
    return 0;
}

/* Dependencies of one matter: pairs [item, after] of its own items, no
 * cycle. */
static int check_dependencies(struct checker *c, const struct entry *m, const config_setting_t *items)
{
    const config_setting_t *deps = config_setting_get_member(m->s, "dependencies");
    int n = config_setting_length(items), nd;
    int *after, *state;

    if (!deps)
        return 0;
    if (config_setting_type(deps) != CONFIG_TYPE_LIST)
        return fail(c, deps, _("'dependencies' must be a list of pairs: ( [ \"ITEM\", \"AFTER\" ], ... )"));
    nd = config_setting_length(deps);
    after = calloc((size_t)(n * n) + 1, sizeof *after);
    state = calloc((size_t)n + 1, sizeof *state);
    if (!after || !state) {
        free(after);
        free(state);
        return fail(c, NULL, _("out of memory"));
    }
    for (int i = 0; i < nd; i++) {
        const config_setting_t *p = config_setting_get_elem(deps, (unsigned)i);
        int ends[2] = {-1, -1};
        if (config_setting_type(p) != CONFIG_TYPE_ARRAY || config_setting_length(p) != 2 ||
            config_setting_type(config_setting_get_elem(p, 0)) != CONFIG_TYPE_STRING) {
            free(after), free(state);
            return fail(c, p, _("a dependency is a pair [ \"ITEM\", \"AFTER\" ]: ITEM waits for AFTER"));
        }
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < n; j++)
                if (strcmp(config_setting_get_string_elem(p, k), config_setting_get_string_elem(items, j)) == 0)
                    ends[k] = j;
        for (int k = 0; k < 2; k++)
            if (ends[k] < 0) {
                const char *code = config_setting_get_string_elem(p, k);
                free(after), free(state);
                return fail(c, p, _("\"%s\" is not one of the items of matter \"%s\""), code, m->code);
            }
        if (ends[0] == ends[1] || after[ends[0] * n + ends[1]]) {
            free(after), free(state);
            return fail(c, p, ends[0] == ends[1] ? _("an item cannot wait for itself")
                                                 : _("this dependency is listed twice"));
        }
        after[ends[0] * n + ends[1]] = i + 1;
    }
    /* A cycle: repeatedly remove items that wait for nothing left. */
    for (int round = 0; round < n; round++)
        for (int j = 0; j < n; j++) {
            int waits = 0;
            if (state[j])
                continue;
            for (int k = 0; k < n; k++)
                waits |= after[j * n + k] && !state[k];
            if (!waits)
                state[j] = 1;
        }
    for (int j = 0; j < n; j++)
        if (!state[j])
            for (int k = 0; k < n; k++)
                if (after[j * n + k] && !state[k]) {
                    const config_setting_t *p = config_setting_get_elem(deps, (unsigned)after[j * n + k] - 1);
                    free(after), free(state);
                    return fail(c, p, _("the dependencies of matter \"%s\" form a cycle"), m->code);
                }
    free(after);
    free(state);
    return 0;
}

static int check_matters(struct checker *c, struct kbfile *kb)
{
    for (int i = 0; i < kb->matter.n; i++) {
        const struct entry *m = &kb->matter.e[i];
        const config_setting_t *items;
        const char *cat;
        if (check_named(c, &(struct list){&kb->matter.e[i], 1}) < 0 || text_field(c, m->s, "category", &cat) < 0)
            return -1;
        if (!find(&kb->cat, cat))
            return fail(c, config_setting_get_member(m->s, "category"), _("unknown category \"%s\""), cat);
        if (!(items = strings(c, m->s, "items")))
            return -1;
        if (config_setting_length(items) == 0)
            return fail(c, items, _("matter \"%s\" has no items"), m->code);
        for (int j = 0; j < config_setting_length(items); j++) {
            const char *code = config_setting_get_string_elem(items, j);
            if (!find(&kb->item, code))
                return fail(c, items, _("unknown item type \"%s\""), code);
            for (int k = 0; k < j; k++)
                if (strcmp(code, config_setting_get_string_elem(items, k)) == 0)
                    return fail(c, items, _("item type \"%s\" is listed twice"), code);
        }
        if (check_dependencies(c, m, items) < 0)
            return -1;
    }
    return 0;
}

static int check_kinds(struct checker *c, struct kbfile *kb)
{
    static const char *const builtin[] = {"question", "yellow", "red", "unanswered", NULL};
    const char *t;

    for (int i = 0; i < kb->esc.n; i++)
        if (int_field(c, kb->esc.e[i].s, "response_minutes", 1, 10000) < 0 ||
            text_field(c, kb->esc.e[i].s, "description", &t) < 0)
            return -1;
    for (const char *const *b = builtin; *b; b++)
        if (!find(&kb->esc, *b))
            return fail(c, NULL, _("escalation kind \"%s\" is missing (the sweep and the windows use it)"), *b);
    return 0;
}

struct kbfile *kbfile_parse(const char *text, const char *path, char *err, size_t errlen)
{
    static const char *const top[] = {"departments", "categories", "item_types", "matter_types",
                                      "escalation_kinds", NULL};
    static const char *const named[] = {"code", "name", "name_en", NULL};
    static const char *const item[] = {"code", "name", "name_en", "department", "limit", "unit",
                                       "yellow", "materials", "rejection_reasons", NULL};
    static const char *const matter[] = {"code", "name", "name_en", "category", "items",
                                         "dependencies", NULL};
    static const char *const esc[] = {"kind", "response_minutes", "description", NULL};
    struct checker c = {path, err, errlen};
    struct kbfile *kb = calloc(1, sizeof *kb);

    if (!kb) {
        snprintf(err, errlen, "%s: %s", path, _("out of memory"));
        return NULL;
    }
    config_init(&kb->cfg);
    if (config_read_string(&kb->cfg, text) != CONFIG_TRUE) {
        snprintf(err, errlen, "%s:%d: %s", path, config_error_line(&kb->cfg), config_error_text(&kb->cfg));
        kbfile_free(kb);
        return NULL;
    }
    if (only_fields(&c, config_root_setting(&kb->cfg), top) < 0 ||
        read_list(&c, &kb->cfg, "departments", "code", named, &kb->dept) < 0 ||
        read_list(&c, &kb->cfg, "categories", "code", named, &kb->cat) < 0 ||
        read_list(&c, &kb->cfg, "item_types", "code", item, &kb->item) < 0 ||
        read_list(&c, &kb->cfg, "matter_types", "code", matter, &kb->matter) < 0 ||
        read_list(&c, &kb->cfg, "escalation_kinds", "kind", esc, &kb->esc) < 0 ||
        check_named(&c, &kb->dept) < 0 || check_named(&c, &kb->cat) < 0 ||
        check_items(&c, kb) < 0 || check_matters(&c, kb) < 0 || check_kinds(&c, kb) < 0) {
        kbfile_free(kb);
        return NULL;
    }
    return kb;
}

struct kbfile *kbfile_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char *text = NULL;
    size_t len = 0;
    struct kbfile *kb;
    FILE *mem;
    char buf[8192];
    size_t got;

    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (!(mem = open_memstream(&text, &len))) {
        fclose(f);
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, got, mem);
    fclose(f);
    fclose(mem);
    kb = kbfile_parse(text, path, err, errlen);
    free(text);
    return kb;
}

void kbfile_free(struct kbfile *kb)
{
    if (!kb)
        return;
    config_destroy(&kb->cfg);
    free(kb->dept.e);
    free(kb->cat.e);
    free(kb->item.e);
    free(kb->matter.e);
    free(kb->esc.e);
    free(kb);
}

void kbfile_counts(const struct kbfile *kb, int *departments, int *item_types, int *matter_types)
{
    *departments = kb->dept.n;
    *item_types = kb->item.n;
    *matter_types = kb->matter.n;
}

/* --- JSON ------------------------------------------------------------------- */

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* The setting's value as JSON: strings, numbers, arrays and lists of them. */
static void json_value(FILE *out, const config_setting_t *s)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_STRING:
        json_string(out, config_setting_get_string(s));
        break;
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        fprintf(out, "%lld", config_setting_get_int64(s));
        break;
    case CONFIG_TYPE_FLOAT:
        fprintf(out, "%.10g", config_setting_get_float(s));
        break;
    case CONFIG_TYPE_ARRAY:
    case CONFIG_TYPE_LIST:
        fputc('[', out);
        for (int i = 0; i < config_setting_length(s); i++) {
            if (i)
                fputc(',', out);
            json_value(out, config_setting_get_elem(s, (unsigned)i));
        }
        fputc(']', out);
        break;
    case CONFIG_TYPE_GROUP:
        fputc('{', out);
        for (int i = 0; i < config_setting_length(s); i++) {
            const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
            if (i)
                fputc(',', out);
            json_string(out, config_setting_name(m));
            fputc(':', out);
            json_value(out, m);
        }
        fputc('}', out);
        break;
    default:
        fputs("null", out);
    }
}

char *kbfile_json(const struct kbfile *kb)
{
    static const char *const top[] = {"departments", "categories", "item_types", "matter_types",
                                      "escalation_kinds"};
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    if (!out)
        return NULL;
    fputc('{', out);
    for (size_t i = 0; i < sizeof top / sizeof *top; i++) {
        const config_setting_t *l = config_lookup((config_t *)&kb->cfg, top[i]);
        if (i)
            fputc(',', out);
        json_string(out, top[i]);
        fputc(':', out);
        if (l)
            json_value(out, l);
        else
            fputs("[]", out);
    }
    fputc('}', out);
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
