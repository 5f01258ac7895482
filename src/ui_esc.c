/* casedesk — drawing the escalation desk (view 2). */
#include "casedesk/ui_desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/actor.h"
#include "casedesk/i18n.h"
#include "casedesk/text.h"
#include "casedesk/timefmt.h"
#include "casedesk/ui_prim.h"

#define SEP 1
#define SYM_COLS 2
#define LEFT_COLS 8
#define PARTY_COLS 13
/* From 100 columns on, a department's full name (ten characters) fits. */
#define PARTY_WIDE_COLS 20
#define CASE_COLS 15
#define ITEM_MIN 8
#define ITEM_PREF 20
#define NOTE_MIN 10
/* The selected escalation in full, under the list. */
#define PANE_ROWS 6
#define LIST_MIN_ROWS 3
#define TITLES_ROW UI_BODY_TOP
#define FIRST_ROW (UI_BODY_TOP + 1)

/* Where each column starts on this terminal. */
struct layout {
    int sym, left, party, party_w, kase, item, item_w, note, note_w;
    int list_rows;          /* rows of the list */
    int pane_top;           /* first row of the pane; 0: no pane */
};

static void layout_for(struct layout *lo)
{
    int rest;

    lo->sym = 0;
    lo->left = lo->sym + SYM_COLS + SEP;
    lo->party = lo->left + LEFT_COLS + SEP;
    lo->party_w = ui_cols() >= UI_WIDE_COLS ? PARTY_WIDE_COLS : PARTY_COLS;
    lo->kase = lo->party + lo->party_w + SEP;
    lo->item = lo->kase + CASE_COLS + SEP;
    rest = ui_cols() - lo->item;
    lo->item_w = rest - SEP - NOTE_MIN;
    if (lo->item_w > ITEM_PREF)
        lo->item_w = ITEM_PREF;
    if (lo->item_w < ITEM_MIN)
        lo->item_w = ITEM_MIN;
    lo->note = lo->item + lo->item_w + SEP;
    lo->note_w = ui_cols() - lo->note;

    int rows = ui_body_bottom() - FIRST_ROW + 1;
    if (rows - PANE_ROWS >= LIST_MIN_ROWS && !ui_compact()) {
        lo->list_rows = rows - PANE_ROWS;
        lo->pane_top = FIRST_ROW + lo->list_rows;
    } else {
        lo->list_rows = rows > 0 ? rows : 0;
        lo->pane_top = 0;
    }
}

static size_t first_visible(const struct esc_list *l, int rows)
{
    return rows > 0 && l->cursor >= (size_t)rows ? l->cursor - (size_t)rows + 1 : 0;
}

/* Late is red and marked "!!"; the last minute yellow; acknowledged green. */
static attr_t state_attr(const struct esc_row *r, const struct ui_clock *clk)
{
    switch (escview_state(r, clk->now)) {
    case ESC_LATE:
    case ESC_MOVED_UP:
        return ui_tone(UI_TONE_RED) | A_BOLD;
    case ESC_OPEN:
        return escview_left_seconds(clk->cal, clk->now, r->respond_by) < 60
             ? ui_tone(UI_TONE_YELLOW) | A_BOLD : A_NORMAL;
    case ESC_ACKED:
        return ui_tone(UI_TONE_OK);
    default:
        return A_DIM;
    }
}

/* "!!" late, "||" a clock that stands until the centre opens again. */
static const char *state_symbol(const struct esc_row *r, const struct ui_clock *clk)
{
    enum esc_state s = escview_state(r, clk->now);
    if (s == ESC_LATE || s == ESC_MOVED_UP)
        return "!!";
    return escview_stopped_until(r, clk->cal, clk->now) != SLA_NONE ? "||" : "  ";
}

static void draw_timer_cells(const struct layout *lo, const struct esc_row *r, int y,
                             const struct ui_clock *clk, attr_t base)
{
    char left[TIMEFMT_BUFSIZE + 8];
    attr_t a = base | state_attr(r, clk);

    escview_left_text(r, clk->cal, clk->now, left, sizeof left);
    ui_cell(y, lo->sym, state_symbol(r, clk), SYM_COLS, a);
    ui_cell(y, lo->left, left, LEFT_COLS, a);
}

static void draw_row(const struct layout *lo, const struct esc_list *l, size_t i, int y,
                     const struct ui_clock *clk, int raised)
{
    const struct esc_row *r = &l->rows[i];
    attr_t base = i == l->cursor ? ui_cursor_attr() : A_NORMAL;
    char party[64], kase[32];

    if (raised)
        snprintf(party, sizeof party, "%s", r->department);
    else
        escview_origin(r, party, sizeof party);
    if (*r->case_no)
        snprintf(kase, sizeof kase, "%s", r->case_no);
    else
        snprintf(kase, sizeof kase, "#%lld", (long long)r->case_id);
    ui_cell(y, 0, "", ui_cols(), base);
    draw_timer_cells(lo, r, y, clk, base);
    ui_cell(y, lo->party, party, lo->party_w, base);
    ui_cell(y, lo->kase, kase, CASE_COLS, base);
    ui_cell(y, lo->item, *r->item ? r->item : _("(the case)"), lo->item_w, base);
    ui_cell(y, lo->note, r->note, lo->note_w, base);
}

static void draw_titles(const struct layout *lo, int raised)
{
    ui_line(TITLES_ROW, "", A_UNDERLINE);
    ui_cell(TITLES_ROW, lo->left, _("left"), LEFT_COLS + SEP, A_UNDERLINE);
    ui_cell(TITLES_ROW, lo->party, raised ? _("to") : _("from"), lo->party_w + SEP, A_UNDERLINE);
    ui_cell(TITLES_ROW, lo->kase, _("case"), CASE_COLS + SEP, A_UNDERLINE);
    ui_cell(TITLES_ROW, lo->item, _("item"), lo->item_w + SEP, A_UNDERLINE);
    ui_cell(TITLES_ROW, lo->note, _("question"), lo->note_w, A_UNDERLINE);
}

/* --- the pane ------------------------------------------------------------------ */

/* The bytes of s that fit in width columns, at least one character. */
static size_t fitting(const char *s, int width)
{
    size_t cut = 0;
    while (s[cut] && text_width_n(s, text_next_char(s, cut)) <= width)
        cut = text_next_char(s, cut);
    return cut == 0 && s[0] ? text_next_char(s, 0) : cut;
}

/* The note on two lines (the rest cut), one line of the screen each. */
static void draw_note(const char *note, int y, int width)
{
    char *clean = text_sanitize(note);
    const char *s = clean ? clean : "";
    size_t first = fitting(s, width);
    char *line = strndup(s, first);

    ui_cell(y, 1, line ? line : "", width, A_NORMAL);
    ui_cell(y + 1, 1, s + first, width, A_NORMAL);
    free(line);
    free(clean);
}

static void state_line(const struct esc_row *r, const struct ui_clock *clk, char *buf,
                       size_t n)
{
    char by[32], at[32], left[TIMEFMT_BUFSIZE];
    long secs = escview_left_seconds(clk->cal, clk->now, r->respond_by);
    int64_t resumes = escview_stopped_until(r, clk->cal, clk->now);

    ui_clock_text(r->respond_by, clk->now, by, sizeof by);
    timefmt_countdown(secs < 0 ? -secs : secs, left, sizeof left);
    switch (escview_state(r, clk->now)) {
    case ESC_OPEN:
        if (resumes != SLA_NONE) {
            ui_clock_text(resumes, clk->now, at, sizeof at);
            snprintf(buf, n, _("Not acknowledged yet: respond by %s, clock stopped until %s "
                               "(%s left)"), by, at, left);
        } else {
            snprintf(buf, n, _("Not acknowledged yet: respond by %s, %s left"), by, left);
        }
        break;
    case ESC_LATE:
        snprintf(buf, n, _("LATE: not acknowledged by %s, %s over"), by, left);
        break;
    case ESC_MOVED_UP:
        ui_clock_text(r->escalated_at, clk->now, at, sizeof at);
        snprintf(buf, n, _("Not acknowledged by %s: moved up a level at %s"), by, at);
        break;
    case ESC_ACKED:
        ui_clock_text(r->ack_at, clk->now, at, sizeof at);
        snprintf(buf, n, _("Acknowledged by %s at %s"), actor_name(r->ack_by), at);
        break;
    default:
        ui_clock_text(r->resolved_at, clk->now, at, sizeof at);
        snprintf(buf, n, _("Resolved by %s at %s"), actor_name(r->resolved_by), at);
        break;
    }
}

static void draw_pane_state(const struct layout *lo, const struct esc_row *r,
                            const struct ui_clock *clk)
{
    char line[512];
    state_line(r, clk, line, sizeof line);
    ui_cell(lo->pane_top + 4, 1, line, ui_cols() - 1, state_attr(r, clk));
}

static void draw_pane(const struct layout *lo, const struct esc_list *l,
                      const struct ui_clock *clk)
{
    const struct esc_row *r = escview_current(l);
    char line[1024], origin[64], at[32];
    int y = lo->pane_top;

    for (int k = 0; k < PANE_ROWS; k++)
        ui_blank(y + k);
    ui_line(y, "", A_UNDERLINE);
    if (!r)
        return;
    snprintf(line, sizeof line, _("Escalation %lld · %s %s"), (long long)r->id,
             *r->case_no ? r->case_no : "", *r->item ? r->item : _("(the case)"));
    ui_cell(y, 1, line, ui_cols() - 1, A_BOLD | A_UNDERLINE);
    escview_origin(r, origin, sizeof origin);
    ui_clock_text(r->raised_at, clk->now, at, sizeof at);
    if (*r->addressee)
        snprintf(line, sizeof line, _("From %s (%s) at %s, to %s of %s"),
                 actor_name(r->raised_by), origin, at, r->addressee, r->department);
    else
        snprintf(line, sizeof line, _("From %s (%s) at %s, to %s"), actor_name(r->raised_by),
                 origin, at, r->department);
    ui_cell(y + 1, 1, line, ui_cols() - 1, A_NORMAL);
    draw_note(r->note, y + 2, ui_cols() - 1);
    draw_pane_state(lo, r, clk);
    /* The answer once resolved; before that, why it was handed on. */
    const char *said = r->resolved_at != SLA_NONE ? r->resolution : r->hand_on_note;
    if (*said) {
        snprintf(line, sizeof line, "%s %s",
                 r->resolved_at != SLA_NONE ? _("Answer:") : _("Handed on:"), said);
        ui_cell(y + 5, 1, line, ui_cols() - 1, A_NORMAL);
    }
}

/* --- the view --------------------------------------------------------------------- */

void ui_draw_escalations(const struct esc_list *l, const struct ui_clock *clk, int raised)
{
    struct layout lo;
    layout_for(&lo);
    size_t top = first_visible(l, lo.list_rows);

    draw_titles(&lo, raised);
    for (int y = 0; y < lo.list_rows; y++) {
        if (top + (size_t)y < l->n)
            draw_row(&lo, l, top + (size_t)y, FIRST_ROW + y, clk, raised);
        else
            ui_blank(FIRST_ROW + y);
    }
    if (l->n == 0)
        ui_cell(FIRST_ROW + lo.list_rows / 2, 2,
                !l->loaded ? _("Loading…")
                : raised ? _("Nothing here: you raised no escalation this week.")
                         : _("Nothing here: no open escalation for you or your departments."),
                ui_cols() - 2, A_DIM);
    if (lo.pane_top)
        draw_pane(&lo, l, clk);
}

void ui_draw_escalation_timers(const struct esc_list *l, const struct ui_clock *clk)
{
    struct layout lo;
    layout_for(&lo);
    size_t top = first_visible(l, lo.list_rows);

    for (int y = 0; y < lo.list_rows && top + (size_t)y < l->n; y++) {
        size_t i = top + (size_t)y;
        draw_timer_cells(&lo, &l->rows[i], FIRST_ROW + y, clk,
                         i == l->cursor ? ui_cursor_attr() : A_NORMAL);
    }
    if (lo.pane_top && escview_current(l))
        draw_pane_state(&lo, escview_current(l), clk);
}

void ui_bell(void)
{
    beep();
}
