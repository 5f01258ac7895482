/* casedesk — the intake form and the case finder, as data. */
#include "casedesk/intake.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/i18n.h"

/* GB 32100: the 31 characters a code is written with (no I, O, S, V, Z) and
 * the weights of the first 17 positions. */
static const char CODE_ALPHABET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int CODE_WEIGHTS[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

void intake_init(struct intake_form *f)
{
    memset(f, 0, sizeof *f);
    editor_init(&f->matter_q, 1);
    editor_init(&f->code, 1);
    editor_init(&f->name, 1);
    editor_init(&f->project, 1);
    f->matter = -1;
}

static void matters_free(struct intake_form *f)
{
    for (size_t i = 0; i < f->nmatters; i++) {
        free(f->matters[i].code);
        free(f->matters[i].name);
        free(f->matters[i].name_en);
    }
    free(f->matters);
    free(f->shown);
    f->matters = NULL;
    f->shown = NULL;
    f->nmatters = f->nshown = f->pick = 0;
}

static void material_free(struct intake_material *m)
{
    free(m->item_code);
    free(m->item_name);
    free(m->department);
    free(m->material);
    free(m->waits_for);
}

static void checklist_free(struct intake_form *f)
{
    for (size_t i = 0; i < f->nmats; i++)
        material_free(&f->mats[i]);
    free(f->mats);
    f->mats = NULL;
    f->nmats = f->row = 0;
    f->checklist_loaded = 0;
}

void intake_free(struct intake_form *f)
{
    matters_free(f);
    checklist_free(f);
    editor_free(&f->matter_q);
    editor_free(&f->code);
    editor_free(&f->name);
    editor_free(&f->project);
}

void intake_clear(struct intake_form *f)
{
    checklist_free(f);
    editor_set_text(&f->matter_q, NULL);
    editor_set_text(&f->code, NULL);
    editor_set_text(&f->name, NULL);
    editor_set_text(&f->project, NULL);
    f->matter = -1;
    f->focus = INTAKE_MATTER;
    f->applicant = INTAKE_APPLICANT_UNASKED;
    f->asked_code[0] = '\0';
    memset(f->note, 0, sizeof f->note);
    f->form_note[0] = '\0';
    intake_narrow(f);
}

struct editor *intake_editor(struct intake_form *f, enum intake_field field)
{
    switch (field) {
    case INTAKE_MATTER: return &f->matter_q;
    case INTAKE_CODE: return &f->code;
    case INTAKE_NAME: return &f->name;
    case INTAKE_PROJECT: return &f->project;
    default: return NULL;
    }
}

const struct editor *intake_editor_c(const struct intake_form *f, enum intake_field field)
{
    return intake_editor((struct intake_form *)f, field);
}

void intake_focus_move(struct intake_form *f, int delta)
{
    int to = (int)f->focus + delta;
    f->focus = to < 0 ? INTAKE_MATTER : to >= INTAKE_NFIELDS ? INTAKE_CHECKLIST
                                                              : (enum intake_field)to;
}

/* --- matter types ---------------------------------------------------------------- */

int intake_load_matters(struct intake_form *f, int nrows, queue_get_fn get, void *ctx)
{
    struct intake_matter *m = nrows > 0 ? calloc((size_t)nrows, sizeof *m) : NULL;
    size_t *shown = nrows > 0 ? calloc((size_t)nrows, sizeof *shown) : NULL;
    char *chosen = f->matter >= 0 ? strdup(f->matters[f->matter].code) : NULL;

    if (nrows > 0 && (!m || !shown)) {
        free(m);
        free(shown);
        free(chosen);
        return -1;
    }
    for (int i = 0; i < nrows; i++) {
        const char *items = get(ctx, i, 3);
        m[i].code = dup_or_empty(get(ctx, i, 0));
        m[i].name = dup_or_empty(get(ctx, i, 1));
        m[i].name_en = dup_or_empty(get(ctx, i, 2));
        m[i].items = items ? atoi(items) : 0;
    }
    matters_free(f);
    f->matters = m;
    f->shown = shown;
    f->nmatters = (size_t)nrows;
    f->matters_loaded = 1;
    /* The chosen matter type stays chosen if it is still there. */
    f->matter = -1;
    for (size_t i = 0; chosen && i < f->nmatters; i++)
        if (strcmp(f->matters[i].code, chosen) == 0)
            f->matter = (int)i;
    free(chosen);
    intake_narrow(f);
    return 0;
}

int intake_contains(const char *hay, const char *needle)
{
    size_t nl = strlen(needle);

    if (!hay)
        return 0;
    for (const char *h = hay; ; h++) {
        size_t i = 0;
        while (i < nl && h[i]
               && tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == nl)
            return 1;
        if (!*h)
            return 0;
    }
}

void intake_narrow(struct intake_form *f)
{
    const char *q = editor_text(&f->matter_q);
    size_t was = f->nshown ? f->shown[f->pick] : (size_t)-1;

    f->nshown = 0;
    f->pick = 0;
    for (size_t i = 0; i < f->nmatters; i++) {
        const struct intake_matter *m = &f->matters[i];
        if (intake_contains(m->name, q) || intake_contains(m->code, q)
            || intake_contains(m->name_en, q)) {
            if (i == was)
                f->pick = f->nshown;
            f->shown[f->nshown++] = i;
        }
    }
}

/* A cursor at at among n lines, moved by delta and kept inside them. */
static size_t moved(size_t at, long delta, size_t n)
{
    long to = (long)at + delta;
    return n == 0 || to < 0 ? 0 : to >= (long)n ? n - 1 : (size_t)to;
}

void intake_matter_typed(struct intake_form *f)
{
    const struct intake_matter *m = intake_chosen(f);

    if (m && strcmp(m->name, editor_text(&f->matter_q)) != 0) {
        f->matter = -1;
        checklist_free(f);
    }
    intake_narrow(f);
}

void intake_pick_move(struct intake_form *f, long delta)
{
    f->pick = moved(f->pick, delta, f->nshown);
}

const struct intake_matter *intake_picked(const struct intake_form *f)
{
    return f->nshown ? &f->matters[f->shown[f->pick]] : NULL;
}

int intake_choose(struct intake_form *f)
{
    if (!f->nshown)
        return -1;
    int was = f->matter;
    f->matter = (int)f->shown[f->pick];
    editor_set_text(&f->matter_q, f->matters[f->matter].name);
    f->note[INTAKE_MATTER][0] = '\0';
    if (was != f->matter)
        checklist_free(f);
    intake_narrow(f);
    return 0;
}

const struct intake_matter *intake_chosen(const struct intake_form *f)
{
    return f->matter >= 0 && (size_t)f->matter < f->nmatters ? &f->matters[f->matter] : NULL;
}

/* --- the credit code --------------------------------------------------------------- */

static int code_value(char c)
{
    const char *p = c ? strchr(CODE_ALPHABET, toupper((unsigned char)c)) : NULL;
    return p ? (int)(p - CODE_ALPHABET) : -1;
}

char intake_check_char(const char *first17)
{
    int total = 0;

    for (int i = 0; i < 17; i++) {
        int v = code_value(first17[i]);
        if (v < 0)
            return 0;
        total += v * CODE_WEIGHTS[i];
    }
    return CODE_ALPHABET[(31 - total % 31) % 31];
}

/* Positions 3 to 8 are the region: digits only. */
static int allowed_at(int pos, char c)
{
    if (pos >= 3 && pos <= 8)
        return c >= '0' && c <= '9';
    return code_value(c) >= 0;
}

struct intake_code_check intake_code_check(const char *typed)
{
    struct intake_code_check c = {INTAKE_CODE_EMPTY, 0, 0};
    size_t len = strlen(typed);

    if (len == 0)
        return c;
    for (size_t i = 0; i < len && i < INTAKE_CODE_LEN; i++) {
        if (!allowed_at((int)i + 1, typed[i])) {
            c.state = INTAKE_CODE_BAD_CHAR;
            c.pos = (int)i + 1;
            return c;
        }
    }
    if (len > INTAKE_CODE_LEN) {
        c.state = INTAKE_CODE_TOO_LONG;
        c.pos = INTAKE_CODE_LEN + 1;
        return c;
    }
    if (len < INTAKE_CODE_LEN) {
        c.state = INTAKE_CODE_PARTIAL;
        return c;
    }
    c.expected = intake_check_char(typed);
    if (toupper((unsigned char)typed[17]) != c.expected) {
        c.state = INTAKE_CODE_BAD_CHECK;
        c.pos = INTAKE_CODE_LEN;
        return c;
    }
    c.state = INTAKE_CODE_VALID;
    return c;
}

void intake_code_note(const struct intake_code_check *c, char *buf, size_t n)
{
    switch (c->state) {
    case INTAKE_CODE_BAD_CHAR:
        snprintf(buf, n, c->pos >= 3 && c->pos <= 8
                 ? _("character %d must be a digit (the region code)")
                 : _("character %d is not allowed (digits and capitals except I O S V Z)"),
                 c->pos);
        break;
    case INTAKE_CODE_TOO_LONG:
        snprintf(buf, n, _("a credit code has 18 characters"));
        break;
    case INTAKE_CODE_BAD_CHECK:
        snprintf(buf, n, _("wrong check character at position %d: expected %c"), c->pos,
                 c->expected);
        break;
    default:
        if (n)
            buf[0] = '\0';
        break;
    }
}

char *intake_code_value(const struct intake_form *f)
{
    const char *s = editor_text(&f->code);
    char *out = malloc(strlen(s) + 1), *o = out;

    if (!out)
        return NULL;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            *o++ = (char)toupper((unsigned char)*s);
    *o = '\0';
    return out;
}

/* --- the checklist ----------------------------------------------------------------- */

int intake_load_checklist(struct intake_form *f, int nrows, queue_get_fn get, void *ctx)
{
    struct intake_material *m = nrows > 0 ? calloc((size_t)nrows, sizeof *m) : NULL;

    if (nrows > 0 && !m)
        return -1;
    for (int i = 0; i < nrows; i++) {
        const char *id = get(ctx, i, 0), *ord = get(ctx, i, 4);
        m[i].item_type_id = id ? atoi(id) : 0;
        m[i].ord = ord ? atoi(ord) : 0;
        m[i].item_code = dup_or_empty(get(ctx, i, 1));
        m[i].item_name = dup_or_empty(get(ctx, i, 2));
        m[i].department = dup_or_empty(get(ctx, i, 3));
        m[i].material = get(ctx, i, 5) ? strdup(get(ctx, i, 5)) : NULL;
        m[i].waits_for = get(ctx, i, 6) ? strdup(get(ctx, i, 6)) : NULL;
    }
    checklist_free(f);
    f->mats = m;
    f->nmats = (size_t)nrows;
    f->checklist_loaded = 1;
    return 0;
}

int intake_tickable(const struct intake_form *f, size_t i)
{
    return i < f->nmats && f->mats[i].ord > 0;
}

void intake_row_move(struct intake_form *f, long delta)
{
    f->row = moved(f->row, delta, f->nmats);
}

void intake_tick(struct intake_form *f)
{
    if (intake_tickable(f, f->row))
        f->mats[f->row].received = !f->mats[f->row].received;
}

size_t intake_items(const struct intake_form *f, struct intake_item *out, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < f->nmats; i++) {
        const struct intake_material *m = &f->mats[i];
        if (i == 0 || m->item_type_id != f->mats[i - 1].item_type_id) {
            if (n < max)
                out[n] = (struct intake_item){m->item_type_id, m->item_name, m->department, 0, 0};
            n++;
        }
        if (n <= max && m->ord > 0) {
            out[n - 1].materials++;
            out[n - 1].missing += !m->received;
        }
    }
    return n;
}

void intake_item_text(const struct intake_item *it, char *buf, size_t n)
{
    if (it->missing == 0)
        snprintf(buf, n, "%s", _("complete"));
    else
        snprintf(buf, n, _("%d missing"), it->missing);
}

/* --- filing ------------------------------------------------------------------------ */

static int invalid(struct intake_form *f, enum intake_field field, const char *msg)
{
    snprintf(f->note[field], sizeof f->note[field], "%s", msg);
    f->focus = field;
    return -1;
}

int intake_validate(struct intake_form *f)
{
    char *code = intake_code_value(f);
    struct intake_code_check c = intake_code_check(code ? code : "");
    char msg[INTAKE_NOTE_MAX];

    free(code);
    if (!intake_chosen(f))
        return invalid(f, INTAKE_MATTER, _("choose a matter type: type part of its name, Enter"));
    if (c.state != INTAKE_CODE_VALID) {
        intake_code_note(&c, msg, sizeof msg);
        return invalid(f, INTAKE_CODE, *msg ? msg : _("type the applicant's 18-character code"));
    }
    if (editor_is_blank(&f->name))
        return invalid(f, INTAKE_NAME, _("a new applicant needs its name"));
    if (!f->checklist_loaded)
        return invalid(f, INTAKE_CHECKLIST, _("the checklist has not arrived yet"));
    return 0;
}

/* Appends ",v" or "v" to a literal being built. */
static void lit_add(char *buf, size_t n, size_t *len, int v)
{
    int w = snprintf(buf + *len, n - *len, "%s%d", *len > 1 ? "," : "", v);
    if (w > 0 && (size_t)w < n - *len)
        *len += (size_t)w;
}

int intake_missing_literals(const struct intake_form *f, char **items, char **ords)
{
    /* An int and a comma: 12 characters each at most. */
    size_t cap = 3 + 12 * f->nmats, li = 1, lo = 1;

    *items = malloc(cap);
    *ords = malloc(cap);
    if (!*items || !*ords) {
        free(*items);
        free(*ords);
        *items = *ords = NULL;
        return -1;
    }
    strcpy(*items, "{");
    strcpy(*ords, "{");
    for (size_t i = 0; i < f->nmats; i++) {
        const struct intake_material *m = &f->mats[i];
        if (m->ord <= 0 || m->received)
            continue;
        lit_add(*items, cap, &li, m->item_type_id);
        lit_add(*ords, cap, &lo, m->ord);
    }
    strcat(*items, "}");
    strcat(*ords, "}");
    return 0;
}

/* --- the finder -------------------------------------------------------------------- */

void intake_finder_init(struct intake_finder *fd)
{
    memset(fd, 0, sizeof *fd);
    editor_init(&fd->q, 1);
}

static void found_free(struct intake_found *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].case_no);
        free(r[i].credit_code);
        free(r[i].applicant);
        free(r[i].matter);
        free(r[i].project);
    }
    free(r);
}

void intake_finder_free(struct intake_finder *fd)
{
    found_free(fd->rows, fd->n);
    fd->rows = NULL;
    fd->n = fd->row = 0;
    editor_free(&fd->q);
}

static int64_t cell_int(queue_get_fn get, void *ctx, int row, int col)
{
    const char *s = get(ctx, row, col);
    return s ? (int64_t)strtod(s, NULL) : 0;
}

int intake_finder_load(struct intake_finder *fd, int nrows, queue_get_fn get, void *ctx)
{
    struct intake_found *r = nrows > 0 ? calloc((size_t)nrows, sizeof *r) : NULL;

    if (nrows > 0 && !r)
        return -1;
    for (int i = 0; i < nrows; i++) {
        r[i].case_id = cell_int(get, ctx, i, 0);
        r[i].case_no = dup_or_empty(get(ctx, i, 1));
        r[i].credit_code = dup_or_empty(get(ctx, i, 2));
        r[i].applicant = dup_or_empty(get(ctx, i, 3));
        r[i].matter = dup_or_empty(get(ctx, i, 4));
        r[i].project = dup_or_empty(get(ctx, i, 5));
        r[i].received_at = cell_int(get, ctx, i, 6);
        r[i].items = (int)cell_int(get, ctx, i, 7);
        r[i].open_items = (int)cell_int(get, ctx, i, 8);
        r[i].promised = cell_int(get, ctx, i, 9);
    }
    found_free(fd->rows, fd->n);
    fd->rows = r;
    fd->n = (size_t)nrows;
    fd->row = 0;
    fd->loaded = 1;
    return 0;
}

void intake_finder_move(struct intake_finder *fd, long delta)
{
    fd->row = moved(fd->row, delta, fd->n);
}

const struct intake_found *intake_finder_current(const struct intake_finder *fd)
{
    return fd->row < fd->n ? &fd->rows[fd->row] : NULL;
}
