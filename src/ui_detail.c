/* casedesk — drawing the detail of an item. */
#include "casedesk/ui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casedesk/actor.h"
#include "casedesk/i18n.h"
#include "casedesk/text.h"
#include "casedesk/timefmt.h"
#include "casedesk/ui_prim.h"
#include "casedesk/ui_screen.h"

/* --- the detail --------------------------------------------------------------------- */

/* The detail is a list of lines, built whole and drawn from the scroll
 * position down; it is short (a matter has a handful of items). */
struct line {
    char *text;
    attr_t attr;
};

struct lines {
    struct line *v;
    size_t n, cap;
    int width;
};

static void lines_add(struct lines *ls, const char *text, attr_t attr)
{
    if (ls->n == ls->cap) {
        size_t cap = ls->cap ? ls->cap * 2 : 64;
        struct line *grown = realloc(ls->v, cap * sizeof *grown);
        if (!grown)
            return;
        ls->v = grown;
        ls->cap = cap;
    }
    char *copy = strdup(text ? text : "");
    if (!copy)
        return;
    ls->v[ls->n++] = (struct line){copy, attr};
}

__attribute__((format(printf, 3, 4)))
static void lines_addf(struct lines *ls, attr_t attr, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    lines_add(ls, buf, attr);
}

/* Multi-line text (a note) indented and wrapped at the screen's width. */
static void lines_add_wrapped(struct lines *ls, const char *text, int indent)
{
    char *clean = text_sanitize_multiline(text);
    int width = ls->width - indent;
    char pad[32];

    if (!clean)
        return;
    snprintf(pad, sizeof pad, "%*s", indent < 31 ? indent : 31, "");
    for (char *line = clean, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        do {
            size_t cut = 0;
            while (line[cut] && text_width_n(line, text_next_char(line, cut)) <= width)
                cut = text_next_char(line, cut);
            if (cut == 0 && line[0])
                cut = text_next_char(line, 0);
            lines_addf(ls, A_NORMAL, "%s%.*s", pad, (int)cut, line);
            line += cut;
        } while (*line);
    }
    free(clean);
}

static void lines_free(struct lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->v[i].text);
    free(ls->v);
}

/* A label of the head lines, padded by display width (labels may be Chinese);
 * each use has a buffer of its own, so one call may hold several. */
#define LABEL_COLS 10
#define LABEL(text) text_pad_to((char[64]){0}, 64, (text), LABEL_COLS)

static void detail_summary(struct lines *ls, const struct detail *d, const struct ui_clock *clk)
{
    const struct queue_row *r = &d->row;
    char due[64], orig[32], recv[32], left[TIMEFMT_BUFSIZE], paused[TIMEFMT_BUFSIZE];
    enum sla_urgency u = queue_row_urgency(r, clk->now);

    ui_local_time(r->due, "%Y-%m-%d %H:%M", due, sizeof due);
    ui_local_time(r->original_due, "%Y-%m-%d %H:%M", orig, sizeof orig);
    ui_local_time(r->received, "%Y-%m-%d %H:%M", recv, sizeof recv);
    ui_countdown_text(r, clk, left, sizeof left);
    timefmt_remaining(r->paused_minutes, clk->minutes_per_day, paused, sizeof paused);

    lines_addf(ls, A_BOLD, "%s  %s", r->case_no, r->applicant);
    lines_addf(ls, A_NORMAL, "%s %s", LABEL(_("Project")), r->project);
    lines_addf(ls, A_NORMAL, "%s %s", LABEL(_("Matter")), r->matter);
    lines_addf(ls, A_NORMAL, "%s %s | %s | %s%s%s", LABEL(_("Item")), r->item, r->department,
               ui_status_word(r->status), r->assignee_name && *r->assignee_name ? " " : "",
               r->assignee_name ? r->assignee_name : "");
    if (r->paused != SLA_NONE) {
        /* The clock stands: its due time moves when the item resumes, so the
         * time left is what counts, not a due time that may have passed. */
        char since[32];
        ui_local_time(r->paused, "%Y-%m-%d %H:%M", since, sizeof since);
        lines_addf(ls, ui_urgency_attr(u), "%s %s %s %s", LABEL(_("Left")), left,
                   _("when it resumes"), ui_urgency_symbol(u));
        lines_addf(ls, A_NORMAL, "%s %s %s", LABEL(_("Paused")), _("since"), since);
        snprintf(due, sizeof due, "%s", _("moves on resuming"));
    } else {
        lines_addf(ls, ui_urgency_attr(u), "%s %s %s", LABEL(_("Left")), left, ui_urgency_symbol(u));
    }
    lines_addf(ls, A_NORMAL, "%s %s (%s %s) | %s %s", LABEL(_("Due")), due, _("originally"), orig,
               _("paused in all"), paused);
    lines_addf(ls, A_NORMAL, "%s %s", LABEL(_("Received")), recv);
}

static int item_open(const char *status)
{
    static const char *const open[] = {"pending", "claimed", "supplement", "suspended"};
    for (size_t i = 0; status && i < sizeof open / sizeof open[0]; i++)
        if (strcmp(status, open[i]) == 0)
            return 1;
    return 0;
}

static void detail_flow(struct lines *ls, const struct detail *d, const struct ui_clock *clk)
{
    lines_add(ls, "", A_NORMAL);
    lines_addf(ls, A_BOLD, "%s", _("Flow chart (items run in parallel; -> waits for the items named)"));
    if (!d->items_loaded) {
        lines_addf(ls, A_DIM, "  %s", _("loading…"));
        return;
    }
    for (size_t i = 0; i < d->nitems; i++) {
        const struct detail_item *it = &d->items[i];
        char left[TIMEFMT_BUFSIZE] = "";
        int waits = it->waits_for && *it->waits_for;
        /* Time left means nothing for an item decided or not yet started. */
        if (it->due != SLA_NONE && item_open(it->status))
            ui_left_text(it->wall_clock, it->due, it->paused, clk, left, sizeof left);
        char *name = text_pad(it->item, 28), *dept = text_pad(it->department, 18);
        char status[64], left_col[TIMEFMT_BUFSIZE + TIMEFMT_MAX_COLS];
        lines_addf(ls, it->id == d->row.id ? A_BOLD : A_NORMAL, "  %s %s %s %s %s %s%s%s",
                   waits ? "->" : "  ", name ? name : "", dept ? dept : "",
                   text_pad_to(status, sizeof status, ui_status_word(it->status), 8),
                   text_pad_to(left_col, sizeof left_col, left, TIMEFMT_MAX_COLS),
                   it->assignee ? it->assignee : "",
                   waits ? _("  waits for ") : "", waits ? it->waits_for : "");
        free(name);
        free(dept);
    }
}

static void detail_texts(struct lines *ls, const struct detail *d, const char *kind,
                         const char *title)
{
    int any = 0;
    lines_add(ls, "", A_NORMAL);
    lines_add(ls, title, A_BOLD);
    for (size_t i = 0; i < d->ntexts; i++) {
        const struct detail_text *t = &d->texts[i];
        if (!t->kind || strcmp(t->kind, kind) != 0)
            continue;
        any = 1;
        if (strcmp(kind, "note") == 0) {
            char at[32];
            ui_local_time(t->at, "%m-%d %H:%M", at, sizeof at);
            lines_addf(ls, A_UNDERLINE, "  %s %s", actor_name(t->author), at);
            lines_add_wrapped(ls, t->body, 4);
        } else {
            lines_addf(ls, A_NORMAL, "  %ld. %s", t->ord, t->body ? t->body : "");
        }
    }
    if (!d->texts_loaded)
        lines_addf(ls, A_DIM, "  %s", _("loading…"));
    else if (!any)
        lines_addf(ls, A_DIM, "  %s", _("none"));
}

static void detail_history(struct lines *ls, const struct detail *d)
{
    lines_add(ls, "", A_NORMAL);
    lines_add(ls, _("History"), A_BOLD);
    if (!d->events_loaded) {
        lines_addf(ls, A_DIM, "  %s", _("loading…"));
        return;
    }
    for (size_t i = 0; i < d->nevents; i++) {
        const struct detail_event *e = &d->events[i];
        char at[32];
        ui_local_time(e->at, "%m-%d %H:%M", at, sizeof at);
        if (e->before && e->after && strcmp(e->before, e->after) != 0)
            lines_addf(ls, A_NORMAL, "  %s  %s  %s  %s -> %s", at, actor_name(e->actor), e->action,
                       ui_status_word(e->before), ui_status_word(e->after));
        else
            lines_addf(ls, A_NORMAL, "  %s  %s  %s", at, actor_name(e->actor), e->action);
    }
    if (d->nevents == 0)
        lines_addf(ls, A_DIM, "  %s", _("none"));
}

/* The materials missing when the item was filed incomplete, if any. */
static void detail_missing(struct lines *ls, const struct detail *d)
{
    for (size_t i = 0; i < d->ntexts; i++) {
        if (d->texts[i].kind && strcmp(d->texts[i].kind, "missing") == 0) {
            detail_texts(ls, d, "missing", _("Materials missing at filing (filed incomplete)"));
            return;
        }
    }
}

int ui_draw_detail(const struct detail *d, const struct ui_clock *clk)
{
    struct lines ls = {.width = ui_cols() - 1};
    int rows = ui_detail_page();

    detail_summary(&ls, d, clk);
    detail_flow(&ls, d, clk);
    detail_missing(&ls, d);
    detail_texts(&ls, d, "note", _("Notes"));
    detail_texts(&ls, d, "material", _("Required materials"));
    detail_texts(&ls, d, "reason", _("Common reasons for rejection"));
    detail_history(&ls, d);

    for (int y = 0; y < rows; y++) {
        size_t i = (size_t)(d->scroll + y);
        if (d->scroll + y >= 0 && i < ls.n)
            ui_cell(y, 1, ls.v[i].text, ui_cols() - 1, ls.v[i].attr);
        else
            ui_blank(y);
    }
    int total = (int)ls.n;
    lines_free(&ls);
    return total;
}
