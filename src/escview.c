/* casedesk — the escalation desk as the console holds it. */
#include "casedesk/escview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/cells.h"
#include "casedesk/i18n.h"
#include "casedesk/timefmt.h"

void escview_init(struct esc_list *l)
{
    memset(l, 0, sizeof *l);
}

void escview_row_free(struct esc_row *r)
{
    char **strings[] = {&r->case_no, &r->item, &r->department, &r->addressee, &r->kind,
                        &r->source, &r->note, &r->raised_by, &r->raiser_login, &r->ack_by,
                        &r->resolved_by, &r->resolution, &r->hand_on_note};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(*strings[i]);
    memset(r, 0, sizeof *r);
}

static void free_rows(struct esc_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        escview_row_free(&rows[i]);
    free(rows);
}

void escview_free(struct esc_list *l)
{
    free_rows(l->rows, l->n);
    free(l->known);
    escview_init(l);
}

/* --- reading ---------------------------------------------------------------- */

static int row_read(struct esc_row *r, int i, queue_get_fn get, void *ctx)
{
    static const struct {
        size_t offset;
        enum esc_col col;
    } texts[] = {
        {offsetof(struct esc_row, case_no), ESC_COL_CASE_NO},
        {offsetof(struct esc_row, item), ESC_COL_ITEM},
        {offsetof(struct esc_row, department), ESC_COL_DEPARTMENT},
        {offsetof(struct esc_row, addressee), ESC_COL_ADDRESSEE},
        {offsetof(struct esc_row, kind), ESC_COL_KIND},
        {offsetof(struct esc_row, source), ESC_COL_SOURCE},
        {offsetof(struct esc_row, note), ESC_COL_NOTE},
        {offsetof(struct esc_row, raised_by), ESC_COL_RAISED_BY},
        {offsetof(struct esc_row, raiser_login), ESC_COL_RAISER_LOGIN},
        {offsetof(struct esc_row, ack_by), ESC_COL_ACK_BY},
        {offsetof(struct esc_row, resolved_by), ESC_COL_RESOLVED_BY},
        {offsetof(struct esc_row, resolution), ESC_COL_RESOLUTION},
        {offsetof(struct esc_row, hand_on_note), ESC_COL_HAND_ON_NOTE},
    };

    memset(r, 0, sizeof *r);
    r->id = cells_int(get(ctx, i, ESC_COL_ID), 0);
    r->version = (int)cells_int(get(ctx, i, ESC_COL_VERSION), 0);
    r->item_id = cells_int(get(ctx, i, ESC_COL_ITEM_ID), 0);
    r->case_id = cells_int(get(ctx, i, ESC_COL_CASE_ID), 0);
    r->department_id = (int)cells_int(get(ctx, i, ESC_COL_DEPARTMENT_ID), 0);
    r->level = (int)cells_int(get(ctx, i, ESC_COL_LEVEL), 0);
    r->raised_at = cells_epoch(get(ctx, i, ESC_COL_RAISED_AT), SLA_NONE);
    r->respond_by = cells_epoch(get(ctx, i, ESC_COL_RESPOND_BY), SLA_NONE);
    r->ack_at = cells_epoch(get(ctx, i, ESC_COL_ACK_AT), SLA_NONE);
    r->resolved_at = cells_epoch(get(ctx, i, ESC_COL_RESOLVED_AT), SLA_NONE);
    r->escalated_at = cells_epoch(get(ctx, i, ESC_COL_ESCALATED_AT), SLA_NONE);
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        if (cells_dup((char **)((char *)r + texts[k].offset), get(ctx, i, texts[k].col)) < 0) {
            escview_row_free(r);
            return -1;
        }
    }
    return 0;
}

/* --- order ------------------------------------------------------------------- */

static int rank(const struct esc_row *r)
{
    if (r->resolved_at != SLA_NONE)
        return 3;
    if (r->ack_at != SLA_NONE)
        return 2;
    return r->escalated_at != SLA_NONE ? 1 : 0;
}

static int cmp64(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

int escview_compare(const void *pa, const void *pb)
{
    const struct esc_row *a = pa, *b = pb;
    int c = rank(a) - rank(b);
    if (c)
        return c;
    /* No response time sorts last: it cannot be late. */
    if ((c = cmp64(a->respond_by == SLA_NONE ? INT64_MAX : a->respond_by,
                   b->respond_by == SLA_NONE ? INT64_MAX : b->respond_by)) != 0)
        return c;
    if (a->level != b->level)
        return b->level - a->level;
    return cmp64(a->id, b->id);
}

void escview_sort(struct esc_row *rows, size_t n)
{
    if (n > 1)
        qsort(rows, n, sizeof *rows, escview_compare);
}

/* --- loading ------------------------------------------------------------------ */

static int was_known(const struct esc_list *l, int64_t id)
{
    for (size_t i = 0; i < l->nknown; i++)
        if (l->known[i] == id)
            return 1;
    return 0;
}

static int count_fresh(const struct esc_list *l, const struct esc_row *rows, size_t n,
                       const char *me)
{
    int fresh = 0;
    if (!l->loaded)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const struct esc_row *r = &rows[i];
        if (rank(r) != 0 || was_known(l, r->id))
            continue;
        if (me && strcmp(r->raiser_login, me) == 0)
            continue;
        fresh++;
    }
    return fresh;
}

static void place_cursor(struct esc_list *l, size_t old_cursor)
{
    long at;
    if (l->n == 0) {
        l->cursor = 0;
        return;
    }
    if (l->selected && (at = escview_find(l, l->selected)) >= 0)
        l->cursor = (size_t)at;
    else
        l->cursor = old_cursor < l->n ? old_cursor : l->n - 1;
    l->selected = l->rows[l->cursor].id;
}

int escview_load(struct esc_list *l, int nrows, queue_get_fn get, void *ctx, const char *me,
                 int *fresh)
{
    size_t want = nrows > 0 ? (size_t)nrows : 0;
    struct esc_row *rows = calloc(want ? want : 1, sizeof *rows);
    int64_t *known = calloc(want ? want : 1, sizeof *known);
    size_t got = 0;

    if (fresh)
        *fresh = 0;
    if (!rows || !known) {
        free(rows);
        free(known);
        return -1;
    }
    for (; got < want; got++) {
        if (row_read(&rows[got], (int)got, get, ctx) < 0) {
            free_rows(rows, got);
            free(known);
            return -1;
        }
        known[got] = rows[got].id;
    }
    escview_sort(rows, got);
    if (fresh)
        *fresh = count_fresh(l, rows, got, me);
    free_rows(l->rows, l->n);
    free(l->known);
    l->rows = rows;
    l->n = got;
    l->known = known;
    l->nknown = got;
    l->loaded = 1;
    place_cursor(l, l->cursor);
    return 0;
}

/* --- the clock ------------------------------------------------------------------ */

static int64_t span(const struct sla_calendar *cal, int64_t a, int64_t b)
{
    if (!cal || cal->n == 0)
        return b > a ? b - a : 0;
    return sla_business_seconds(cal, a, b);
}

long escview_left_seconds(const struct sla_calendar *cal, int64_t now, int64_t respond_by)
{
    if (respond_by == SLA_NONE)
        return 0;
    if (now <= respond_by)
        return (long)span(cal, now, respond_by);
    long over = (long)span(cal, respond_by, now);
    return over > 0 ? -over : -1;
}

enum esc_state escview_state(const struct esc_row *r, int64_t now)
{
    switch (rank(r)) {
    case 3: return ESC_RESOLVED;
    case 2: return ESC_ACKED;
    case 1: return ESC_MOVED_UP;
    default:
        return r->respond_by != SLA_NONE && now > r->respond_by ? ESC_LATE : ESC_OPEN;
    }
}

int64_t escview_stopped_until(const struct esc_row *r, const struct sla_calendar *cal,
                              int64_t now)
{
    if (!cal || escview_state(r, now) != ESC_OPEN)
        return SLA_NONE;
    return sla_next_opening(cal, now);
}

void escview_left_text(const struct esc_row *r, const struct sla_calendar *cal, int64_t now,
                       char *buf, size_t n)
{
    switch (escview_state(r, now)) {
    case ESC_RESOLVED: snprintf(buf, n, "%s", _("done")); break;
    case ESC_ACKED: snprintf(buf, n, "%s", _("ack'd")); break;
    case ESC_MOVED_UP: snprintf(buf, n, "%s", _("moved up")); break;
    default: timefmt_countdown(escview_left_seconds(cal, now, r->respond_by), buf, n); break;
    }
}

static const char *origin_word(const struct esc_row *r)
{
    static const struct {
        const char *key;
        const char *word;
    } words[] = {
        {"window", N_("window")},   {"reviewer", N_("reviewer")}, {"yellow", N_("yellow")},
        {"red", N_("red")},         {"unanswered", N_("unanswered")},
    };
    /* The sweep's escalations say why it raised them; people's say who. */
    const char *key = strcmp(r->source, "sweep") == 0 ? r->kind : r->source;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].key, key) == 0)
            return _(words[i].word);
    return key;
}

void escview_origin(const struct esc_row *r, char *buf, size_t n)
{
    snprintf(buf, n, "%s L%d", origin_word(r), r->level);
}

/* --- cursor ---------------------------------------------------------------------- */

const struct esc_row *escview_current(const struct esc_list *l)
{
    return l->n ? &l->rows[l->cursor] : NULL;
}

void escview_select_index(struct esc_list *l, size_t i)
{
    if (l->n == 0)
        return;
    l->cursor = i < l->n ? i : l->n - 1;
    l->selected = l->rows[l->cursor].id;
}

void escview_move(struct esc_list *l, long delta)
{
    escview_select_index(l, cells_clamp((long)l->cursor + delta, l->n));
}

long escview_find(const struct esc_list *l, int64_t id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->rows[i].id == id)
            return (long)i;
    return -1;
}

int escview_apply(struct esc_list *l, int64_t id, int version)
{
    long i = escview_find(l, id);
    if (i < 0)
        return 0;
    l->rows[i].version = version;
    return 1;
}
