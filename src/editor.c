/* casedesk — a small UTF-8 text buffer for the text a reviewer types. */
#include "casedesk/editor.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "casedesk/text.h"

#define INITIAL_CAP 64

void editor_init(struct editor *ed, int single_line)
{
    memset(ed, 0, sizeof *ed);
    ed->single_line = single_line;
    ed->text = calloc(1, INITIAL_CAP);
    ed->cap = ed->text ? INITIAL_CAP : 0;
}

void editor_free(struct editor *ed)
{
    free(ed->text);
    memset(ed, 0, sizeof *ed);
}

const char *editor_text(const struct editor *ed)
{
    return ed->text ? ed->text : "";
}

int editor_is_blank(const struct editor *ed)
{
    for (const char *p = editor_text(ed); *p; p++)
        if (!strchr(" \t\r\n", *p))
            return 0;
    return 1;
}

static int reserve(struct editor *ed, size_t extra)
{
    size_t need = ed->len + extra + 1;
    if (need <= ed->cap)
        return 0;
    size_t cap = ed->cap ? ed->cap : INITIAL_CAP;
    while (cap < need)
        cap *= 2;
    char *grown = realloc(ed->text, cap);
    if (!grown)
        return -1;
    if (!ed->text)
        grown[0] = '\0';
    ed->text = grown;
    ed->cap = cap;
    return 0;
}

/* What the database accepts in typed text, and what a terminal can show. */
static int acceptable(const struct editor *ed, uint32_t cp)
{
    if (cp == '\n')
        return !ed->single_line;
    if (cp == '\t')
        return 1;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
        return 0;
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
        return 0;
    return wcwidth((wchar_t)cp) >= 0;
}

int editor_insert(struct editor *ed, uint32_t cp)
{
    char utf8[4];
    size_t n;

    if (!acceptable(ed, cp) || (n = text_encode(cp, utf8)) == 0 || ed->len + n > EDITOR_MAX_BYTES)
        return -1;
    if (reserve(ed, n) < 0)
        return -1;
    memmove(ed->text + ed->cursor + n, ed->text + ed->cursor, ed->len - ed->cursor + 1);
    memcpy(ed->text + ed->cursor, utf8, n);
    ed->len += n;
    ed->cursor += n;
    return 0;
}

int editor_full(const struct editor *ed)
{
    return ed->len + 4 > EDITOR_MAX_BYTES;
}

int editor_insert_text(struct editor *ed, const char *s)
{
    uint32_t cp;
    int n;

    while (s && (n = text_decode(s, &cp)) != 0) {
        if (n < 0 || editor_insert(ed, cp) < 0)
            return -1;
        s += n;
    }
    return 0;
}

int editor_set_text(struct editor *ed, const char *text)
{
    if (reserve(ed, 0) < 0)
        return -1;
    ed->len = 0;
    ed->cursor = 0;
    ed->text[0] = '\0';
    /* Refused characters (a control code in an old draft) are skipped, not
     * a reason to lose the rest. */
    uint32_t cp;
    int n;
    while (text && (n = text_decode(text, &cp)) != 0) {
        if (n > 0) {
            if (acceptable(ed, cp) && editor_insert(ed, cp) < 0)
                return -1;
            text += n;
        } else {
            text++;
        }
    }
    return 0;
}

static void cut_range(struct editor *ed, size_t from, size_t to)
{
    memmove(ed->text + from, ed->text + to, ed->len - to + 1);
    ed->len -= to - from;
    ed->cursor = from;
}

void editor_backspace(struct editor *ed)
{
    if (ed->cursor == 0)
        return;
    cut_range(ed, text_prev_char(ed->text, ed->cursor), ed->cursor);
}

void editor_delete(struct editor *ed)
{
    if (ed->cursor >= ed->len)
        return;
    size_t at = ed->cursor;
    cut_range(ed, at, text_next_char(ed->text, at));
}

void editor_left(struct editor *ed)
{
    ed->cursor = text_prev_char(ed->text, ed->cursor);
}

void editor_right(struct editor *ed)
{
    if (ed->cursor < ed->len)
        ed->cursor = text_next_char(ed->text, ed->cursor);
}

static size_t line_start(const struct editor *ed, size_t pos)
{
    while (pos > 0 && ed->text[pos - 1] != '\n')
        pos--;
    return pos;
}

static size_t line_end(const struct editor *ed, size_t pos)
{
    while (pos < ed->len && ed->text[pos] != '\n')
        pos++;
    return pos;
}

void editor_home(struct editor *ed)
{
    ed->cursor = line_start(ed, ed->cursor);
}

void editor_end(struct editor *ed)
{
    ed->cursor = line_end(ed, ed->cursor);
}

/* The offset in the line starting at start that is at display column col,
 * or the boundary just left of it. */
static size_t offset_at_column(const struct editor *ed, size_t start, int col)
{
    size_t end = line_end(ed, start), pos = start;
    while (pos < end) {
        size_t next = text_next_char(ed->text, pos);
        if (text_width_n(ed->text + start, next - start) > col)
            break;
        pos = next;
    }
    return pos;
}

void editor_up(struct editor *ed)
{
    size_t start = line_start(ed, ed->cursor);
    if (start == 0)
        return;
    int col = text_width_n(ed->text + start, ed->cursor - start);
    ed->cursor = offset_at_column(ed, line_start(ed, start - 1), col);
}

void editor_down(struct editor *ed)
{
    size_t start = line_start(ed, ed->cursor), end = line_end(ed, ed->cursor);
    if (end >= ed->len)
        return;
    int col = text_width_n(ed->text + start, ed->cursor - start);
    ed->cursor = offset_at_column(ed, end + 1, col);
}

/* Rows keep one column free so that a cursor after the last character of a
 * full row still fits on it. */
size_t editor_rows(const struct editor *ed, int width, struct editor_row *rows, size_t max)
{
    const char *t = editor_text(ed);
    int limit = width > 1 ? width - 1 : 1;
    size_t count = 0, pos = 0, start = 0;
    int used = 0;

    for (;;) {
        if (t[pos] == '\0' || t[pos] == '\n') {
            if (count < max)
                rows[count] = (struct editor_row){start, pos - start};
            count++;
            if (t[pos] == '\0')
                return count;
            start = ++pos;
            used = 0;
            continue;
        }
        size_t next = text_next_char(t, pos);
        int w = text_width_n(t + pos, next - pos);
        if (used + w > limit && pos > start) {
            if (count < max)
                rows[count] = (struct editor_row){start, pos - start};
            count++;
            start = pos;
            used = 0;
        }
        used += w;
        pos = next;
    }
}

void editor_cursor_at(const struct editor *ed, int width, size_t *row, int *col)
{
    size_t n = editor_rows(ed, width, NULL, 0);
    struct editor_row *rows = malloc(n * sizeof *rows);
    size_t i;

    *row = 0;
    *col = 0;
    if (!rows)
        return;
    editor_rows(ed, width, rows, n);
    for (i = 0; i < n; i++) {
        size_t end = rows[i].start + rows[i].len;
        int last_of_line = i + 1 == n || rows[i + 1].start != end;
        if (ed->cursor >= rows[i].start && (ed->cursor < end || (ed->cursor == end && last_of_line)))
            break;
    }
    if (i == n)
        i = n - 1;
    *row = i;
    *col = text_width_n(ed->text + rows[i].start, ed->cursor - rows[i].start);
    free(rows);
}

/* --- what was typed --------------------------------------------------------- */

char *editor_trimmed(const char *s)
{
    const char *space = " \t\r\n";
    if (!s)
        return strdup("");
    s += strspn(s, space);
    size_t n = strlen(s);
    while (n && strchr(space, s[n - 1]))
        n--;
    return strndup(s, n);
}

const char *editor_choice(const char *s, const char *const *choices, size_t n)
{
    if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 6)
        return NULL;
    long k = strtol(s, NULL, 10);
    return k >= 1 && (size_t)k <= n ? choices[k - 1] : NULL;
}

/* {"a","b"}: every element quoted, " and \ escaped. */
static char *array_literal(char *const *v, size_t n)
{
    size_t len = 3;
    for (size_t i = 0; i < n; i++)
        len += 2 * strlen(v[i]) + 3;
    char *out = malloc(len), *p = out;
    if (!out)
        return NULL;
    *p++ = '{';
    for (size_t i = 0; i < n; i++) {
        if (i)
            *p++ = ',';
        *p++ = '"';
        for (const char *c = v[i]; *c; c++) {
            if (*c == '"' || *c == '\\')
                *p++ = '\\';
            *p++ = *c;
        }
        *p++ = '"';
    }
    *p++ = '}';
    *p = '\0';
    return out;
}

/* The wide separators become an ASCII comma and padding of the same length. */
static void ascii_separators(char *s)
{
    static const char *const wide[] = {"，", "、", "；"};
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        for (char *p; (p = strstr(s, wide[i])) != NULL;)
            memcpy(p, ",  ", 3);
}

char *editor_list_literal(const char *typed, const char *const *choices, size_t n)
{
    char *copy = strdup(typed ? typed : ""), *save = NULL, *lit = NULL;
    char **v = calloc(strlen(typed ? typed : "") + 1, sizeof *v);
    size_t count = 0;

    if (!copy || !v)
        goto out;
    ascii_separators(copy);
    for (char *tok = strtok_r(copy, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
        char *t = editor_trimmed(tok);
        if (t && *t) {
            const char *pick = editor_choice(t, choices, n);
            if ((v[count] = strdup(pick ? pick : t)) != NULL)
                count++;
        }
        free(t);
    }
    if (count)
        lit = array_literal(v, count);
out:
    for (size_t i = 0; v && i < count; i++)
        free(v[i]);
    free(v);
    free(copy);
    return lit;
}

/* --- drafts --------------------------------------------------------------- */

static struct editor_draft *find_draft(const struct editor_drafts *d, int64_t item,
                                       enum editor_purpose purpose)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].item == item && d->v[i].purpose == purpose)
            return &d->v[i];
    return NULL;
}

void editor_drafts_drop(struct editor_drafts *d, int64_t item, enum editor_purpose purpose)
{
    struct editor_draft *dr = find_draft(d, item, purpose);
    if (!dr)
        return;
    free(dr->text);
    *dr = d->v[--d->n];
}

int editor_drafts_put(struct editor_drafts *d, int64_t item, enum editor_purpose purpose,
                      const char *text)
{
    struct editor_draft *dr;
    char *copy;

    if (!text || strspn(text, " \t\r\n") == strlen(text)) {
        editor_drafts_drop(d, item, purpose);
        return 0;
    }
    if (!(copy = strdup(text)))
        return -1;
    if ((dr = find_draft(d, item, purpose)) != NULL) {
        free(dr->text);
        dr->text = copy;
        return 0;
    }
    struct editor_draft *grown = realloc(d->v, (d->n + 1) * sizeof *grown);
    if (!grown) {
        free(copy);
        return -1;
    }
    d->v = grown;
    d->v[d->n++] = (struct editor_draft){item, purpose, copy};
    return 0;
}

const char *editor_drafts_get(const struct editor_drafts *d, int64_t item,
                              enum editor_purpose purpose)
{
    const struct editor_draft *dr = find_draft(d, item, purpose);
    return dr ? dr->text : NULL;
}

void editor_drafts_free(struct editor_drafts *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].text);
    free(d->v);
    d->v = NULL;
    d->n = 0;
}
