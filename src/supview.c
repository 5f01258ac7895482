/* casedesk — the supervisor's figures as the console holds them. */
#include "casedesk/supview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/cells.h"
#include "casedesk/i18n.h"
#include "casedesk/timefmt.h"

void supview_row_free(struct sup_row *r)
{
    free(r->name);
    memset(r, 0, sizeof *r);
}

static void table_free(struct sup_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        supview_row_free(&t->rows[i]);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

void supview_init(struct sup_view *v)
{
    memset(v, 0, sizeof *v);
}

void supview_free(struct sup_view *v)
{
    table_free(&v->dept);
    table_free(&v->matter);
    supview_init(v);
}

/* --- reading ------------------------------------------------------------------ */

static int row_read(struct sup_row *r, int i, queue_get_fn get, void *ctx)
{
    memset(r, 0, sizeof *r);
    r->key = (int)cells_int(get(ctx, i, SUP_FIELD_KEY), 0);
    r->open = (int)cells_int(get(ctx, i, SUP_FIELD_OPEN), 0);
    r->yellow = (int)cells_int(get(ctx, i, SUP_FIELD_YELLOW), 0);
    r->red = (int)cells_int(get(ctx, i, SUP_FIELD_RED), 0);
    r->paused = (int)cells_int(get(ctx, i, SUP_FIELD_PAUSED), 0);
    r->today = (int)cells_int(get(ctx, i, SUP_FIELD_TODAY), 0);
    r->d7 = (int)cells_int(get(ctx, i, SUP_FIELD_7D), 0);
    r->d30 = (int)cells_int(get(ctx, i, SUP_FIELD_30D), 0);
    r->on_time = cells_number(get(ctx, i, SUP_FIELD_ON_TIME), SUP_NONE);
    r->first_pass = cells_number(get(ctx, i, SUP_FIELD_FIRST_PASS), SUP_NONE);
    r->median = (int)cells_int(get(ctx, i, SUP_FIELD_MEDIAN), SUP_NONE);
    r->esc_total = (int)cells_int(get(ctx, i, SUP_FIELD_ESC_TOTAL), 0);
    r->esc_in_time = (int)cells_int(get(ctx, i, SUP_FIELD_ESC_IN_TIME), 0);
    const char *name = get(ctx, i, SUP_FIELD_NAME);
    r->name = strdup(name ? name : "");
    return r->name ? 0 : -1;
}

int supview_load(struct sup_table *t, int nrows, queue_get_fn get, void *ctx)
{
    size_t want = nrows > 0 ? (size_t)nrows : 0;
    struct sup_row *rows = calloc(want ? want : 1, sizeof *rows);
    size_t got = 0;

    if (!rows)
        return -1;
    for (; got < want; got++) {
        if (row_read(&rows[got], (int)got, get, ctx) < 0) {
            for (size_t i = 0; i < got; i++)
                supview_row_free(&rows[i]);
            free(rows);
            return -1;
        }
    }
    const char *at = want ? get(ctx, 0, SUP_FIELD_FIGURES_AT) : NULL;
    table_free(t);
    t->rows = rows;
    t->n = got;
    t->figures_at = at ? (int64_t)strtod(at, NULL) : 0;
    t->loaded = 1;
    return 0;
}

const struct sup_table *supview_table(const struct sup_view *v)
{
    return v->by_matter ? &v->matter : &v->dept;
}

void supview_toggle(struct sup_view *v)
{
    v->by_matter = !v->by_matter;
    v->row = 0;
}

/* --- the cell cursor ------------------------------------------------------------ */

void supview_move(struct sup_view *v, long drow, int dcol)
{
    size_t n = supview_table(v)->n;
    int col = v->col + dcol;

    if (col >= SUP_NCOLS)
        col = SUP_NCOLS - 1;
    if (col < 0)
        col = 0;
    v->row = cells_clamp((long)v->row + drow, n);
    v->col = col;
}

const struct sup_row *supview_current(const struct sup_view *v)
{
    const struct sup_table *t = supview_table(v);
    return v->row < t->n ? &t->rows[v->row] : NULL;
}

static const struct {
    const char *title;
    int width;
    const char *figure;
} columns[SUP_NCOLS] = {
    [SUP_COL_NAME] = {N_("department"), SUP_NAME_MIN, "open"},
    [SUP_COL_OPEN] = {N_("open"), 5, "open"},
    [SUP_COL_YELLOW] = {N_("yel"), 4, "yellow"},
    [SUP_COL_RED] = {N_("red"), 4, "red"},
    [SUP_COL_PAUSED] = {N_("paus"), 4, "paused"},
    [SUP_COL_TODAY] = {N_("today"), 5, "done_today"},
    [SUP_COL_7D] = {N_("7d"), 4, "done_7d"},
    [SUP_COL_30D] = {N_("30d"), 4, "done_30d"},
    [SUP_COL_ON_TIME] = {N_("ontime"), 6, "late"},
    [SUP_COL_FIRST_PASS] = {N_("1pass"), 6, "not_first_pass"},
    [SUP_COL_MEDIAN] = {N_("median"), 6, "done_30d"},
    [SUP_COL_ESC] = {N_("esc"), 5, "esc_missed"},
};

static int valid_col(enum sup_col col)
{
    return (int)col >= 0 && col < SUP_NCOLS;
}

const char *supview_figure(enum sup_col col)
{
    return valid_col(col) ? columns[col].figure : "open";
}

const char *supview_col_title(enum sup_col col)
{
    return valid_col(col) ? _(columns[col].title) : "";
}

int supview_col_width(enum sup_col col)
{
    return valid_col(col) ? columns[col].width : 0;
}

/* --- cells ------------------------------------------------------------------------ */

void supview_rate_text(double rate, char *buf, size_t n)
{
    if (rate < 0)
        snprintf(buf, n, "-");
    else if (rate >= 0.9995)
        snprintf(buf, n, "100%%");
    else if (rate == 0)
        snprintf(buf, n, "0%%");
    else
        snprintf(buf, n, "%.1f%%", rate * 100);
}

double supview_esc_rate(const struct sup_row *r)
{
    return r->esc_total > 0 ? (double)r->esc_in_time / r->esc_total : SUP_NONE;
}

void supview_cell_text(const struct sup_row *r, enum sup_col col, int minutes_per_day,
                       char *buf, size_t n)
{
    switch (col) {
    case SUP_COL_NAME: snprintf(buf, n, "%s", r->name); break;
    case SUP_COL_OPEN: snprintf(buf, n, "%d", r->open); break;
    case SUP_COL_YELLOW: snprintf(buf, n, "%d", r->yellow); break;
    case SUP_COL_RED: snprintf(buf, n, "%d", r->red); break;
    case SUP_COL_PAUSED: snprintf(buf, n, "%d", r->paused); break;
    case SUP_COL_TODAY: snprintf(buf, n, "%d", r->today); break;
    case SUP_COL_7D: snprintf(buf, n, "%d", r->d7); break;
    case SUP_COL_30D: snprintf(buf, n, "%d", r->d30); break;
    case SUP_COL_ON_TIME: supview_rate_text(r->on_time, buf, n); break;
    case SUP_COL_FIRST_PASS: supview_rate_text(r->first_pass, buf, n); break;
    case SUP_COL_MEDIAN:
        if (r->median < 0)
            snprintf(buf, n, "-");
        else
            timefmt_remaining_in(r->median, minutes_per_day, columns[SUP_COL_MEDIAN].width, buf, n);
        break;
    case SUP_COL_ESC: supview_rate_text(supview_esc_rate(r), buf, n); break;
    default: snprintf(buf, n, "%s", ""); break;
    }
}

/* --- charts ------------------------------------------------------------------------- */

/* The eighths of a block, from one to eight. */
static const char *const eighths[8] = {"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
static const char *const levels[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

/* Appends s to buf at *len while everything so far fitted, keeping the
 * NUL; a piece that does not fit ends the text (*len becomes n). */
static void append(char *buf, size_t n, size_t *len, const char *s)
{
    size_t k = strlen(s);
    if (*len >= n || *len + k + 1 > n) {
        *len = n;
        return;
    }
    memcpy(buf + *len, s, k + 1);
    *len += k;
}

char *supview_bar(double value, double max, int width, char *buf, size_t n)
{
    size_t len = 0;
    long total = 0;

    if (!n)
        return buf;
    buf[0] = '\0';
    if (width <= 0)
        return buf;
    if (max > 0 && value > 0) {
        double share = value >= max ? 1.0 : value / max;
        total = (long)(share * width * 8 + 0.5);
        /* Something is not nothing: the smallest load still shows. */
        if (total == 0)
            total = 1;
    }
    int cols = 0;
    for (; total >= 8; total -= 8, cols++)
        append(buf, n, &len, eighths[7]);
    if (total > 0) {
        append(buf, n, &len, eighths[total - 1]);
        cols++;
    }
    for (; cols < width; cols++)
        append(buf, n, &len, " ");
    return buf;
}

char *supview_sparkline(const int *values, int count, char *buf, size_t n)
{
    int max = 0;
    size_t len = 0;

    if (!n)
        return buf;
    buf[0] = '\0';
    for (int i = 0; i < count; i++)
        if (values[i] > max)
            max = values[i];
    for (int i = 0; i < count; i++) {
        int level = 0;
        if (max > 0 && values[i] > 0)
            level = (int)(((long long)values[i] * 7 + max - 1) / max);
        append(buf, n, &len, levels[level < 0 ? 0 : level > 7 ? 7 : level]);
    }
    return buf;
}

/* --- the calendar's end ---------------------------------------------------------- */

void supview_calendar_load(struct sup_calendar *c, const char *end, const char *days,
                           const char *warn)
{
    memset(c, 0, sizeof *c);
    c->warn = warn && warn[0] == 't';
    c->loaded = end && *end;
    if (c->loaded) {
        snprintf(c->end, sizeof c->end, "%s", end);
        c->days = (int)cells_int(days, 0);
    }
}

int supview_calendar_text(const struct sup_calendar *c, char *buf, size_t n)
{
    if (!n)
        return 0;
    buf[0] = '\0';
    if (!c->warn)
        return 0;
    /* Short enough for 80 columns with the date in it. */
    if (!c->loaded)
        snprintf(buf, n, "%s", _("No working-day calendar is loaded: every time limit is wrong; import one"));
    else if (c->days < 0)
        snprintf(buf, n, _("Working-day calendar ended %s: every limit is wrong; import next year's"),
                 c->end);
    else
        snprintf(buf, n, ngettext("Working-day calendar ends %s, in %d day: import next year's",
                                  "Working-day calendar ends %s, in %d days: import next year's",
                                  (unsigned long)c->days),
                 c->end, c->days);
    return 1;
}
