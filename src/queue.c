/* casedesk — the work queue as the console holds it. */
#include "casedesk/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casedesk/cells.h"
#include "casedesk/i18n.h"

#define KEY_MIN_TIME "-infinity"
#define KEY_MAX_TIME "infinity"
#define KEY_MIN_ID "0"
#define KEY_MAX_ID "9223372036854775807"

static const struct {
    const char *name;
    const char *label;
    int letter;
} filters[QUEUE_FILTER_COUNT] = {
    [QUEUE_FILTER_ALL] = {"all", N_("my departments"), 'd'},
    [QUEUE_FILTER_MINE] = {"mine", N_("mine"), 'm'},
    [QUEUE_FILTER_UNCLAIMED] = {"unclaimed", N_("unclaimed"), 'u'},
    [QUEUE_FILTER_PAUSED] = {"paused", N_("paused"), 'p'},
    [QUEUE_FILTER_OVERDUE] = {"overdue", N_("overdue"), 'o'},
};

void queue_init(struct queue *q, int page_size)
{
    memset(q, 0, sizeof *q);
    q->page_size = page_size > 0 ? page_size : 1;
    queue_request_first(q, &q->page);
}

void queue_row_free(struct queue_row *r)
{
    free(r->case_no);
    free(r->matter);
    free(r->item);
    free(r->applicant);
    free(r->status);
    free(r->assignee);
    free(r->assignee_name);
    free(r->department);
    free(r->due_at);
    free(r->entered_at);
    free(r->project);
    memset(r, 0, sizeof *r);
}

static void free_rows(struct queue_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        queue_row_free(&rows[i]);
    free(rows);
}

static void free_tag(struct queue_tag *t)
{
    free(t->case_no);
    free(t->item);
}

void queue_untag_all(struct queue *q)
{
    for (size_t i = 0; i < q->ntags; i++)
        free_tag(&q->tags[i]);
    free(q->tags);
    q->tags = NULL;
    q->ntags = 0;
}

static void drop_spares(struct queue *q)
{
    free_rows(q->spare, q->nspare);
    q->spare = NULL;
    q->nspare = 0;
}

void queue_free(struct queue *q)
{
    free_rows(q->rows, q->n);
    drop_spares(q);
    queue_untag_all(q);
    free(q->search);
    memset(q, 0, sizeof *q);
}

/* --- reading rows ----------------------------------------------------------- */

/* A deadline rounds up: the console must not turn an item yellow or red
 * before the server does. */
static int64_t deadline_cell(const char *text)
{
    int64_t t = cells_epoch(text, SLA_NONE);
    if (t == SLA_NONE)
        return t;
    return (double)t < strtod(text, NULL) ? t + 1 : t;
}

int queue_wall_clock(const char *limit_unit)
{
    return limit_unit && strcmp(limit_unit, "calendar_hours") == 0;
}

int queue_row_read(struct queue_row *r, int i, queue_get_fn get, void *ctx)
{
    memset(r, 0, sizeof *r);
    r->id = cells_int(get(ctx, i, QUEUE_COL_ID), 0);
    r->case_id = cells_int(get(ctx, i, QUEUE_COL_CASE_ID), 0);
    r->due = deadline_cell(get(ctx, i, QUEUE_COL_DUE));
    r->yellow = deadline_cell(get(ctx, i, QUEUE_COL_YELLOW));
    r->entered = cells_epoch(get(ctx, i, QUEUE_COL_ENTERED), SLA_NONE);
    r->paused = cells_epoch(get(ctx, i, QUEUE_COL_PAUSED), SLA_NONE);
    r->received = cells_epoch(get(ctx, i, QUEUE_COL_RECEIVED), SLA_NONE);
    r->original_due = cells_epoch(get(ctx, i, QUEUE_COL_ORIGINAL_DUE), SLA_NONE);
    r->version = (int)cells_int(get(ctx, i, QUEUE_COL_VERSION), 0);
    r->change_seq = cells_int(get(ctx, i, QUEUE_COL_CHANGE_SEQ), 0);
    r->paused_minutes = (int)cells_int(get(ctx, i, QUEUE_COL_PAUSED_MINUTES), 0);
    r->wall_clock = queue_wall_clock(get(ctx, i, QUEUE_COL_LIMIT_UNIT));
    r->department_id = (int)cells_int(get(ctx, i, QUEUE_COL_DEPARTMENT_ID), 0);
    const char *assignee = get(ctx, i, QUEUE_COL_ASSIGNEE);
    if (cells_dup(&r->case_no, get(ctx, i, QUEUE_COL_CASE_NO)) < 0
        || cells_dup(&r->matter, get(ctx, i, QUEUE_COL_MATTER)) < 0
        || cells_dup(&r->item, get(ctx, i, QUEUE_COL_ITEM)) < 0
        || cells_dup(&r->applicant, get(ctx, i, QUEUE_COL_APPLICANT)) < 0
        || cells_dup(&r->status, get(ctx, i, QUEUE_COL_STATUS)) < 0
        || (assignee && cells_dup(&r->assignee, assignee) < 0)
        || cells_dup(&r->assignee_name, get(ctx, i, QUEUE_COL_ASSIGNEE_NAME)) < 0
        || cells_dup(&r->department, get(ctx, i, QUEUE_COL_DEPARTMENT)) < 0
        || cells_dup(&r->due_at, get(ctx, i, QUEUE_COL_DUE_AT)) < 0
        || cells_dup(&r->entered_at, get(ctx, i, QUEUE_COL_ENTERED_AT)) < 0
        || cells_dup(&r->project, get(ctx, i, QUEUE_COL_PROJECT)) < 0) {
        queue_row_free(r);
        return -1;
    }
    return 0;
}

static int dup_or_null(char **out, const char *s)
{
    *out = NULL;
    return s && !(*out = strdup(s)) ? -1 : 0;
}

int queue_row_copy(struct queue_row *dst, const struct queue_row *src)
{
    *dst = *src;
    if (dup_or_null(&dst->case_no, src->case_no) < 0
        || dup_or_null(&dst->matter, src->matter) < 0
        || dup_or_null(&dst->item, src->item) < 0
        || dup_or_null(&dst->applicant, src->applicant) < 0
        || dup_or_null(&dst->status, src->status) < 0
        || dup_or_null(&dst->assignee, src->assignee) < 0
        || dup_or_null(&dst->assignee_name, src->assignee_name) < 0
        || dup_or_null(&dst->department, src->department) < 0
        || dup_or_null(&dst->due_at, src->due_at) < 0
        || dup_or_null(&dst->entered_at, src->entered_at) < 0
        || dup_or_null(&dst->project, src->project) < 0) {
        queue_row_free(dst);
        return -1;
    }
    return 0;
}

/* --- paging ----------------------------------------------------------------- */

/* The lowest and highest sort keys, as the server's keyset compares them. */
static const char *key_bound(enum queue_sort s, int high)
{
    if (s == QUEUE_SORT_CASE)
        return high ? KEY_MAX_ID : KEY_MIN_ID;
    return high ? KEY_MAX_TIME : KEY_MIN_TIME;
}

/* The top of the list in its current order: the low end, or the high end
 * when reversed. */
static const char *key_top(const struct queue_request *req)
{
    return key_bound(req->sort, req->reversed);
}

static const char *key_bottom(const struct queue_request *req)
{
    return key_bound(req->sort, !req->reversed);
}

/* One row more than a page tells whether there are more; a forward page
 * also reads the spare rows. */
static void set_limit(const struct queue *q, struct queue_request *req)
{
    snprintf(req->limit, sizeof req->limit, "%d", q->page_size + 1 + (req->back ? 0 : QUEUE_SPARE));
}

static void make_request(const struct queue *q, struct queue_request *req, int back,
                         const char *key, const char *id)
{
    memset(req, 0, sizeof *req);
    req->back = back;
    req->sort = q->sort;
    req->reversed = q->reversed;
    snprintf(req->key, sizeof req->key, "%s", key);
    snprintf(req->id, sizeof req->id, "%s", id);
    set_limit(q, req);
    req->filter = q->filter;
}

void queue_request_first(const struct queue *q, struct queue_request *req)
{
    make_request(q, req, 0, key_bound(q->sort, q->reversed), q->reversed ? KEY_MAX_ID : KEY_MIN_ID);
}

void queue_request_last(const struct queue *q, struct queue_request *req)
{
    make_request(q, req, 1, key_bound(q->sort, !q->reversed), q->reversed ? KEY_MIN_ID : KEY_MAX_ID);
}

int queue_request_descending(const struct queue_request *req)
{
    return req->back != req->reversed;
}

/* A row's key in the sort's terms: the text the server sent, so that it
 * compares exactly as the server compares it. */
static const char *row_key(const struct queue *q, const struct queue_row *r, char *buf, size_t n)
{
    switch (q->sort) {
    case QUEUE_SORT_AGE: return r->entered_at ? r->entered_at : "";
    case QUEUE_SORT_CASE: snprintf(buf, n, "%lld", (long long)r->case_id); return buf;
    default: return r->due_at ? r->due_at : "";
    }
}

static void request_from_row(const struct queue *q, struct queue_request *req, int back,
                             const struct queue_row *r)
{
    char id[24], key[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    make_request(q, req, back, row_key(q, r, key, sizeof key), id);
}

int queue_request_next(const struct queue *q, struct queue_request *req)
{
    if (q->n == 0 || !q->more_after)
        return 0;
    request_from_row(q, req, 0, &q->rows[q->n - 1]);
    return 1;
}

int queue_request_prev(const struct queue *q, struct queue_request *req)
{
    if (q->n == 0 || !q->more_before)
        return 0;
    request_from_row(q, req, 1, &q->rows[0]);
    return 1;
}

void queue_request_update(const struct queue *q, struct queue_request *req)
{
    /* A key of another order means nothing in this one: start at the top. */
    if (req->sort != q->sort || req->reversed != q->reversed) {
        queue_request_first(q, req);
        return;
    }
    set_limit(q, req);
    req->filter = q->filter;
}

void queue_request_again(const struct queue *q, struct queue_request *req)
{
    size_t c = q->cursor, size = q->page_size > 0 ? (size_t)q->page_size : 1;

    *req = q->page;
    queue_request_update(q, req);
    /* The selection is an item: a page of another size (a resize) must still
     * hold it. Below the window from the page's top: the page ending with it. */
    if (q->n == 0 || req->sort != q->page.sort || req->reversed != q->page.reversed)
        return;
    if (c >= size)
        request_from_row(q, req, 0, &q->rows[c - size]);
    else if (req->back && c + size < q->n)
        /* A page read backwards ends at its last row; this one, at the
         * size-th, keeps the selected row in it. */
        request_from_row(q, req, 1, &q->rows[size]);
}

static int starts_at_top(const struct queue_request *req)
{
    return !req->back && strcmp(req->key, key_top(req)) == 0;
}

static void reverse_rows(struct queue_row *rows, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        struct queue_row t = rows[i];
        rows[i] = rows[n - 1 - i];
        rows[n - 1 - i] = t;
    }
}

static void refresh_tags(struct queue *q)
{
    for (size_t t = 0; t < q->ntags; t++) {
        long i = queue_find(q, q->tags[t].id);
        if (i >= 0)
            q->tags[t].version = q->rows[i].version;
    }
}

static void place_cursor(struct queue *q, enum queue_place place, size_t old_cursor)
{
    long at;

    if (q->n == 0) {
        q->cursor = 0;
        if (place != QUEUE_KEEP)
            q->selected = 0;
        return;
    }
    if (place == QUEUE_FIRST)
        q->cursor = 0;
    else if (place == QUEUE_LAST)
        q->cursor = q->n - 1;
    else if (q->selected && (at = queue_find(q, q->selected)) >= 0)
        q->cursor = (size_t)at;
    else
        /* The item left the page: the line below moved up into its place. */
        q->cursor = old_cursor < q->n ? old_cursor : q->n - 1;
    q->selected = q->rows[q->cursor].id;
}

/* Reads nrows rows through get into a new array (caller frees with
 * free_rows), or NULL out of memory. */
static struct queue_row *read_rows(int nrows, queue_get_fn get, void *ctx, size_t *got_out)
{
    size_t want = nrows > 0 ? (size_t)nrows : 0;
    struct queue_row *rows = calloc(want ? want : 1, sizeof *rows);

    if (!rows)
        return NULL;
    for (size_t got = 0; got < want; got++) {
        if (queue_row_read(&rows[got], (int)got, get, ctx) < 0) {
            free_rows(rows, got);
            return NULL;
        }
    }
    *got_out = want;
    return rows;
}

/* Puts rows in place of the page, the cursor where place says. */
static void install_rows(struct queue *q, struct queue_row *rows, size_t n, enum queue_place place)
{
    size_t old_cursor = q->cursor;
    free_rows(q->rows, q->n);
    q->rows = rows;
    q->n = n;
    q->loaded = 1;
    place_cursor(q, place, old_cursor);
    refresh_tags(q);
}

int queue_load(struct queue *q, const struct queue_request *req, int nrows, queue_get_fn get,
               void *ctx, enum queue_place place)
{
    size_t got = 0;
    struct queue_row *rows = read_rows(nrows, get, ctx, &got);

    if (!rows)
        return -1;
    size_t shown = got < (size_t)q->page_size ? got : (size_t)q->page_size;
    struct queue_row *spare = NULL;
    int more = got > shown;
    drop_spares(q);
    if (req->back) {
        /* The extra row only tells that there is more; it is not shown. */
        while (got > shown)
            queue_row_free(&rows[--got]);
        reverse_rows(rows, got);
        q->more_before = more;
        q->more_after = strcmp(req->key, key_bottom(req)) != 0;
        q->spare_end = !q->more_after;
    } else {
        q->spare_end = got < (size_t)strtol(req->limit, NULL, 10);
        if (got > shown && (spare = malloc((got - shown) * sizeof *spare)) != NULL) {
            memcpy(spare, rows + shown, (got - shown) * sizeof *spare);
            q->spare = spare;
            q->nspare = got - shown;
        }
        if (!spare && got > shown)
            q->spare_end = 0;   /* out of memory: what follows is not known */
        while (!spare && got > shown)
            queue_row_free(&rows[--got]);
        q->more_after = more;
        q->more_before = !starts_at_top(req);
    }
    q->page = *req;
    install_rows(q, rows, shown, place);
    return 0;
}

int queue_load_list(struct queue *q, int nrows, queue_get_fn get, void *ctx)
{
    size_t got = 0;
    struct queue_row *rows = read_rows(nrows, get, ctx, &got);

    if (!rows)
        return -1;
    q->more_before = q->more_after = 0;
    drop_spares(q);
    q->spare_end = 1;
    install_rows(q, rows, got, QUEUE_KEEP);
    return 0;
}

int queue_short_at_top(const struct queue *q)
{
    return q->page.back && !q->more_before && q->n < (size_t)q->page_size;
}

void queue_reset(struct queue *q)
{
    free_rows(q->rows, q->n);
    q->rows = NULL;
    q->n = 0;
    drop_spares(q);
    q->spare_end = 0;
    q->cursor = 0;
    q->more_before = q->more_after = 0;
    q->loaded = 0;
    queue_request_first(q, &q->page);
}

/* --- one changed item ------------------------------------------------------- */

int queue_patch_edges(const struct queue *q, struct queue_request *top, struct queue_request *end)
{
    if (q->n == 0)
        return 0;
    request_from_row(q, top, 0, &q->rows[0]);
    request_from_row(q, end, 0, q->nspare ? &q->spare[q->nspare - 1] : &q->rows[q->n - 1]);
    return 1;
}

static int same_key(const struct queue *q, const struct queue_row *a, const struct queue_row *b)
{
    char ka[24], kb[24];
    return strcmp(row_key(q, a, ka, sizeof ka), row_key(q, b, kb, sizeof kb)) == 0;
}

static long spare_find(const struct queue *q, int64_t id)
{
    for (size_t i = 0; i < q->nspare; i++)
        if (q->spare[i].id == id)
            return (long)i;
    return -1;
}

/* Moves what row holds into *slot (whose old contents are freed). */
static void take_row(struct queue_row *slot, struct queue_row *row)
{
    queue_row_free(slot);
    *slot = *row;
    memset(row, 0, sizeof *row);
}

static void remove_at(struct queue_row *rows, size_t *n, size_t i)
{
    queue_row_free(&rows[i]);
    memmove(&rows[i], &rows[i + 1], (*n - i - 1) * sizeof *rows);
    (*n)--;
}

/* Takes the row at i off the page; the first spare row moves up. */
static void remove_shown(struct queue *q, size_t i)
{
    size_t old_cursor = q->cursor;

    remove_at(q->rows, &q->n, i);
    if (q->nspare) {
        q->rows[q->n++] = q->spare[0];
        memmove(q->spare, q->spare + 1, (q->nspare - 1) * sizeof *q->spare);
        q->nspare--;
        q->more_after = q->nspare > 0 || !q->spare_end;
    }
    place_cursor(q, QUEUE_KEEP, old_cursor);
}

/* Puts row after the last row of the list (held to its end): on the page
 * while it has room and no spare rows, else among them. */
static enum queue_patch append_row(struct queue *q, struct queue_row *row)
{
    int shown = q->nspare == 0 && q->n < (size_t)q->page_size;
    struct queue_row **rows = shown ? &q->rows : &q->spare;
    size_t *n = shown ? &q->n : &q->nspare;
    struct queue_row *grown = realloc(*rows, (*n + 1) * sizeof **rows);

    if (!grown) {
        queue_row_free(row);
        return QUEUE_PATCH_REFETCH;
    }
    *rows = grown;
    memset(&grown[*n], 0, sizeof *grown);
    take_row(&grown[(*n)++], row);
    if (!shown)
        q->more_after = 1;
    else if (q->n == 1)
        place_cursor(q, QUEUE_KEEP, 0);
    return shown ? QUEUE_PATCH_DONE : QUEUE_PATCH_NONE;
}

/* An item in the filter that is not held: where its key falls says
 * whether anything held changes. */
static enum queue_patch place_row(struct queue *q, struct queue_row *row, int vs_top, int vs_end,
                                  enum queue_patch done)
{
    if ((vs_top < 0 && q->more_before) || (vs_end > 0 && !q->spare_end)) {
        /* Before the page, or after all that is held. */
        queue_row_free(row);
        return done;
    }
    if (vs_end > 0) {
        enum queue_patch added = append_row(q, row);
        return added == QUEUE_PATCH_NONE ? done : added;
    }
    queue_row_free(row);
    return QUEUE_PATCH_REFETCH;
}

enum queue_patch queue_patch(struct queue *q, int64_t id, struct queue_row *row, int vs_top,
                             int vs_end)
{
    enum queue_patch done = QUEUE_PATCH_NONE;
    long i, s;

    /* A page of another filter or order is on its way, and shows the change. */
    if (!q->loaded || q->page.sort != q->sort || q->page.reversed != q->reversed
        || q->page.filter != q->filter) {
        if (row)
            queue_row_free(row);
        return QUEUE_PATCH_NONE;
    }
    if (q->reversed) {
        vs_top = -vs_top;
        vs_end = -vs_end;
    }
    i = queue_find(q, id);
    s = spare_find(q, id);
    if (row && i >= 0 && same_key(q, &q->rows[i], row)) {
        take_row(&q->rows[i], row);
        refresh_tags(q);
        return QUEUE_PATCH_DONE;
    }
    if (row && s >= 0 && same_key(q, &q->spare[s], row)) {
        take_row(&q->spare[s], row);
        return QUEUE_PATCH_NONE;
    }
    if (i >= 0) {
        remove_shown(q, (size_t)i);
        done = QUEUE_PATCH_DONE;
    } else if (s >= 0) {
        remove_at(q->spare, &q->nspare, (size_t)s);
        q->more_after = q->nspare > 0 || !q->spare_end;
    }
    if (row)
        done = place_row(q, row, vs_top, vs_end, done);
    /* A line short with more to come, and no spare row left to move up. */
    if (done == QUEUE_PATCH_DONE && q->n < (size_t)q->page_size && q->more_after)
        done = QUEUE_PATCH_REFETCH;
    if (done == QUEUE_PATCH_DONE)
        refresh_tags(q);
    return done;
}

/* --- cursor ----------------------------------------------------------------- */

const struct queue_row *queue_current(const struct queue *q)
{
    return q->n ? &q->rows[q->cursor] : NULL;
}

void queue_select_index(struct queue *q, size_t i)
{
    if (q->n == 0)
        return;
    q->cursor = i < q->n ? i : q->n - 1;
    q->selected = q->rows[q->cursor].id;
}

int queue_move(struct queue *q, int delta)
{
    long target = (long)q->cursor + delta;
    long last = q->n ? (long)q->n - 1 : 0;
    long left = 0;

    if (target < 0) {
        left = target;
        target = 0;
    } else if (target > last) {
        left = target - last;
        target = last;
    }
    queue_select_index(q, (size_t)target);
    return (int)left;
}

long queue_find(const struct queue *q, int64_t id)
{
    for (size_t i = 0; i < q->n; i++)
        if (q->rows[i].id == id)
            return (long)i;
    return -1;
}

static void replace_string(char **field, const char *value)
{
    char *copy;
    if (!value) {
        free(*field);
        *field = NULL;
        return;
    }
    if ((copy = strdup(value)) != NULL) {
        free(*field);
        *field = copy;
    }
}

void queue_apply(struct queue *q, int64_t id, int version, const char *status,
                 const char *assignee)
{
    long i = queue_find(q, id);
    for (size_t t = 0; t < q->ntags; t++)
        if (q->tags[t].id == id)
            q->tags[t].version = version;
    if (i < 0)
        return;
    struct queue_row *r = &q->rows[i];
    r->version = version;
    if (status)
        replace_string(&r->status, status);
    replace_string(&r->assignee, assignee);
    if (!assignee)
        replace_string(&r->assignee_name, "");
}

/* --- sort ------------------------------------------------------------------- */

static const char *const sort_labels[QUEUE_SORT_COUNT] = {
    [QUEUE_SORT_DUE] = N_("due"),
    [QUEUE_SORT_AGE] = N_("age"),
    [QUEUE_SORT_CASE] = N_("case"),
};

void queue_set_sort(struct queue *q, enum queue_sort sort, int reversed)
{
    q->sort = sort < QUEUE_SORT_COUNT ? sort : QUEUE_SORT_DUE;
    q->reversed = reversed != 0;
}

enum queue_sort queue_sort_next(enum queue_sort s)
{
    return (enum queue_sort)(((int)s + 1) % QUEUE_SORT_COUNT);
}

const char *queue_sort_label(enum queue_sort s)
{
    return _(sort_labels[s < QUEUE_SORT_COUNT ? s : QUEUE_SORT_DUE]);
}

/* --- filters ---------------------------------------------------------------- */

static int valid_filter(enum queue_filter f)
{
    return (int)f >= 0 && f < QUEUE_FILTER_COUNT;
}

const char *queue_filter_name(enum queue_filter f)
{
    return valid_filter(f) ? filters[f].name : filters[QUEUE_FILTER_ALL].name;
}

const char *queue_filter_label(enum queue_filter f)
{
    return _(valid_filter(f) ? filters[f].label : filters[QUEUE_FILTER_ALL].label);
}

int queue_filter_letter(enum queue_filter f)
{
    return valid_filter(f) ? filters[f].letter : 0;
}

int queue_filter_from_letter(int letter)
{
    for (int f = 0; f < QUEUE_FILTER_COUNT; f++)
        if (filters[f].letter == letter)
            return f;
    return -1;
}

enum queue_filter queue_filter_next(enum queue_filter f)
{
    return (enum queue_filter)(((int)f + 1) % QUEUE_FILTER_COUNT);
}

static int status_is(const struct queue_row *r, const char *status)
{
    return r->status && strcmp(r->status, status) == 0;
}

int queue_filter_matches(const struct queue_row *r, enum queue_filter f, const char *me,
                         int64_t now)
{
    switch (f) {
    case QUEUE_FILTER_MINE:
        return me && r->assignee && strcmp(r->assignee, me) == 0;
    case QUEUE_FILTER_UNCLAIMED:
        return status_is(r, "pending");
    case QUEUE_FILTER_PAUSED:
        return status_is(r, "supplement") || status_is(r, "suspended");
    case QUEUE_FILTER_OVERDUE:
        return r->due != SLA_NONE && r->due < now
            && (status_is(r, "pending") || status_is(r, "claimed"));
    default:
        return 1;
    }
}

/* --- tags ------------------------------------------------------------------- */

int queue_is_tagged(const struct queue *q, int64_t id)
{
    for (size_t t = 0; t < q->ntags; t++)
        if (q->tags[t].id == id)
            return 1;
    return 0;
}

void queue_untag(struct queue *q, int64_t id)
{
    for (size_t t = 0; t < q->ntags; t++) {
        if (q->tags[t].id == id) {
            free_tag(&q->tags[t]);
            memmove(&q->tags[t], &q->tags[t + 1], (q->ntags - t - 1) * sizeof q->tags[0]);
            q->ntags--;
            return;
        }
    }
}

static int add_tag(struct queue *q, const struct queue_row *r)
{
    struct queue_tag *grown = realloc(q->tags, (q->ntags + 1) * sizeof *grown);
    if (!grown)
        return -1;
    q->tags = grown;
    struct queue_tag *t = &q->tags[q->ntags];
    t->id = r->id;
    t->version = r->version;
    t->case_no = strdup(r->case_no ? r->case_no : "");
    t->item = strdup(r->item ? r->item : "");
    if (!t->case_no || !t->item) {
        free_tag(t);
        return -1;
    }
    q->ntags++;
    return 0;
}

int queue_tag_toggle(struct queue *q)
{
    const struct queue_row *r = queue_current(q);
    if (!r)
        return -1;
    if (queue_is_tagged(q, r->id)) {
        queue_untag(q, r->id);
        return 0;
    }
    return add_tag(q, r) < 0 ? -1 : 1;
}

int queue_tag_all(struct queue *q)
{
    for (size_t i = 0; i < q->n; i++)
        if (!queue_is_tagged(q, q->rows[i].id) && add_tag(q, &q->rows[i]) < 0)
            return -1;
    return (int)q->ntags;
}

/* --- search ----------------------------------------------------------------- */

int queue_search_set(struct queue *q, const char *text)
{
    free(q->search);
    q->search = NULL;
    if (!text || !*text)
        return 0;
    q->search = strdup(text);
    return q->search ? 0 : -1;
}

/* Byte-wise, ignoring ASCII case: Chinese has no case, case numbers and
 * Latin names do. */
static int contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (!hay)
        return 0;
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

int queue_row_matches(const struct queue_row *r, const char *text)
{
    if (!text || !*text)
        return 0;
    return contains(r->case_no, text) || contains(r->matter, text) || contains(r->item, text)
        || contains(r->applicant, text) || contains(r->assignee_name, text)
        || contains(r->status, text) || contains(r->project, text)
        || contains(r->department, text);
}

int queue_search_from(struct queue *q, size_t from, int dir, int include_from)
{
    if (q->n == 0 || !q->search)
        return 0;
    size_t n = q->n;
    size_t start = from < n ? from : 0;
    for (size_t step = include_from ? 0 : 1; step <= n; step++) {
        size_t i = dir > 0 ? (start + step) % n : (start + n - step % n) % n;
        if (queue_row_matches(&q->rows[i], q->search)) {
            queue_select_index(q, i);
            return 1;
        }
        if (include_from && step == n - 1)
            break;
    }
    return 0;
}

int queue_search_next(struct queue *q, int dir)
{
    return queue_search_from(q, q->cursor, dir, 0);
}

/* --- rows ------------------------------------------------------------------- */

enum sla_urgency queue_row_urgency(const struct queue_row *r, int64_t now)
{
    return sla_urgency_at(now, r->due, r->yellow, r->paused);
}
