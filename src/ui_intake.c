/* casedesk — drawing the window's intake (view 4). */
#include "casedesk/ui_intake.h"

#include <stdio.h>
#include <string.h>

#include "casedesk/i18n.h"
#include "casedesk/text.h"
#include "casedesk/ui.h"
#include "casedesk/ui_prim.h"

#define LABEL_X 2
#define LABEL_MAX 20
#define FIELD_MAX 44
/* Matter types listed under the field while it is filled in. */
#define MATCH_ROWS 4
/* The rows under the checklist: a note, then the question or the last filing. */
#define FOOT_ROWS 2
#define LINE_MAX 512
/* The finder's columns. */
#define CASE_W 15
#define OPEN_W 7
#define WHEN_W 11
#define MATTER_W 20
#define WIDE_COLS 100

static const char *field_label(enum intake_field f)
{
    switch (f) {
    case INTAKE_MATTER: return _("Matter type");
    case INTAKE_CODE: return _("Credit code");
    case INTAKE_NAME: return _("Applicant");
    case INTAKE_PROJECT: return _("Project name");
    default: return _("Materials");
    }
}

static int label_cols(void)
{
    int w = 0;
    for (int f = 0; f < INTAKE_NFIELDS; f++)
        if (text_width(field_label((enum intake_field)f)) > w)
            w = text_width(field_label((enum intake_field)f));
    return (w > LABEL_MAX ? LABEL_MAX : w) + 2;
}

static int field_x(void)
{
    return LABEL_X + label_cols();
}

static int field_cols(void)
{
    int w = ui_cols() - field_x() - 1;
    return w > FIELD_MAX ? FIELD_MAX : w;
}

/* The form's rows above the note and the question under it: on a short
 * terminal, what does not fit is not drawn over the status line. */
static int in_form(int y)
{
    return y <= ui_body_bottom() - FOOT_ROWS;
}

/* A text field: its label, its text in an underlined box that keeps the
 * cursor in sight, and the text cursor when it is being filled in. */
static void draw_field(int y, const struct ui_intake *v, enum intake_field f)
{
    const struct editor *ed = intake_editor_c(v->form, f);
    int focused = v->form->focus == f, room = field_cols() - 1;
    const char *text = editor_text(ed);
    size_t from = 0;

    if (!in_form(y))
        return;
    ui_line(y, "", A_NORMAL);
    ui_cell(y, 0, focused ? ">" : " ", 1, A_BOLD);
    ui_cell(y, LABEL_X, field_label(f), label_cols() - 1, focused ? A_BOLD : A_NORMAL);
    while (room > 0 && text_width_n(text + from, ed->cursor - from) >= room)
        from = text_next_char(text, from);
    ui_cell(y, field_x(), text + from, field_cols(), A_UNDERLINE);
    if (focused && v->editing && !v->confirming)
        ui_cursor_at(y, field_x() + text_width_n(text + from, ed->cursor - from));
}

/* A note under a field, when there is one: returns the rows it took. */
static int draw_note(int y, const char *note, attr_t attr)
{
    if (!note || !*note)
        return 0;
    if (!in_form(y))
        return 1;
    ui_line(y, "", A_NORMAL);
    ui_cell(y, field_x(), note, ui_cols() - field_x(), attr);
    return 1;
}

static int draw_matches(int y, const struct ui_intake *v)
{
    const struct intake_form *f = v->form;
    char line[LINE_MAX];
    size_t first = f->pick >= MATCH_ROWS ? f->pick - MATCH_ROWS + 1 : 0;
    int rows = 0;

    if (!f->matters_loaded)
        return draw_note(y, _("loading the matter types…"), A_NORMAL);
    if (!f->nshown)
        return draw_note(y, _("no matter type matches; Backspace to see more"), A_BOLD);
    for (size_t i = first; i < f->nshown && rows < MATCH_ROWS && in_form(y + rows); i++, rows++) {
        const struct intake_matter *m = &f->matters[f->shown[i]];
        snprintf(line, sizeof line, _("%s  %s (%d items)"), m->code, m->name, m->items);
        ui_line(y + rows, "", A_NORMAL);
        ui_cell(y + rows, field_x(), line, ui_cols() - field_x(),
                i == f->pick ? A_REVERSE : A_NORMAL);
    }
    return rows;
}

static const char *applicant_note(const struct intake_form *f)
{
    switch (f->applicant) {
    case INTAKE_APPLICANT_ASKING: return _("looking the code up…");
    case INTAKE_APPLICANT_KNOWN: return _("on record: the name is the database's");
    case INTAKE_APPLICANT_NEW: return _("a new applicant: type its name");
    default: return NULL;
    }
}

/* The lines of the checklist: each item with its summary, then its
 * materials with their ticks. *cursor_line: the line of the cursor's row. */
struct check_line {
    char text[LINE_MAX];
    char right[64];
    attr_t attr;
    size_t row;             /* the material row it shows, or (size_t)-1 */
};

static size_t checklist_lines(const struct intake_form *f, struct check_line *out, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < f->nmats && n < max; i++) {
        const struct intake_material *m = &f->mats[i];
        if (i == 0 || m->item_type_id != f->mats[i - 1].item_type_id) {
            struct intake_item items[64];
            size_t k = intake_items(f, items, 64), at = 0;
            while (at + 1 < k && at + 1 < 64 && items[at].item_type_id != m->item_type_id)
                at++;
            struct check_line *l = &out[n++];
            if (m->waits_for)
                snprintf(l->text, sizeof l->text, _("%s · %s (after %s)"), m->item_name,
                         m->department, m->waits_for);
            else
                snprintf(l->text, sizeof l->text, "%s · %s", m->item_name, m->department);
            intake_item_text(&items[at], l->right, sizeof l->right);
            l->attr = items[at].missing ? A_BOLD : A_NORMAL;
            l->row = (size_t)-1;
            if (n >= max)
                break;
        }
        struct check_line *l = &out[n++];
        if (m->ord > 0)
            snprintf(l->text, sizeof l->text, "  [%s] %d %s", m->received ? "x" : " ", m->ord,
                     m->material ? m->material : "");
        else
            snprintf(l->text, sizeof l->text, "  %s", _("(no materials required)"));
        l->right[0] = '\0';
        l->attr = A_NORMAL;
        l->row = i;
    }
    return n;
}

static void draw_checklist(int y, int bottom, const struct ui_intake *v)
{
    const struct intake_form *f = v->form;
    static struct check_line lines[256];
    int focused = f->focus == INTAKE_CHECKLIST, rows = bottom - y;
    size_t n, cur = 0, first = 0;

    ui_line(y, "", A_NORMAL);
    ui_cell(y, 0, focused ? ">" : " ", 1, A_BOLD);
    ui_cell(y, LABEL_X, field_label(INTAKE_CHECKLIST), label_cols() - 1,
            focused ? A_BOLD : A_NORMAL);
    if (!intake_chosen(f)) {
        ui_cell(y, field_x(), _("choose a matter type first"), ui_cols() - field_x(), A_NORMAL);
        return;
    }
    if (!f->checklist_loaded) {
        ui_cell(y, field_x(), _("loading the checklist…"), ui_cols() - field_x(), A_NORMAL);
        return;
    }
    ui_cell(y, field_x(), _("Space ticks what was received; Enter files"), ui_cols() - field_x(),
            A_NORMAL);
    y++;
    rows--;
    n = checklist_lines(f, lines, sizeof lines / sizeof lines[0]);
    for (size_t i = 0; i < n; i++)
        if (lines[i].row == f->row)
            cur = i;
    /* The cursor's item heading stays in sight above it when it can. */
    if (rows > 0 && cur >= (size_t)rows)
        first = cur - (size_t)rows + 1;
    for (int r = 0; r < rows && first + (size_t)r < n; r++) {
        const struct check_line *l = &lines[first + (size_t)r];
        int rw = text_width(l->right), left = ui_cols() - LABEL_X - 1 - (rw ? rw + 1 : 0);
        attr_t attr = l->attr | (focused && l->row == f->row ? A_REVERSE : 0);
        ui_line(y + r, "", A_NORMAL);
        ui_cell(y + r, LABEL_X + 1, l->text, left > 0 ? left : 0, attr);
        if (rw)
            ui_cell(y + r, ui_cols() - rw - 1, l->right, rw, l->attr);
    }
}

static void draw_foot(int y, const struct ui_intake *v)
{
    const struct intake_form *f = v->form;

    ui_line(y, "", A_NORMAL);
    ui_line(y + 1, "", A_NORMAL);
    if (f->form_note[0])
        ui_cell(y, LABEL_X, f->form_note, ui_cols() - LABEL_X, v->filing ? A_NORMAL : A_BOLD);
    if (v->confirming) {
        struct intake_item items[64];
        size_t k = intake_items(f, items, 64);
        int incomplete = 0;
        char q[LINE_MAX];
        for (size_t i = 0; i < k && i < 64; i++)
            incomplete += items[i].missing > 0;
        snprintf(q, sizeof q, _("File %s for %s: %zu items, %d incomplete? [y/N]"),
                 intake_chosen(f)->name, editor_text(&f->name), k, incomplete);
        ui_cell(y + 1, LABEL_X, q, ui_cols() - LABEL_X, A_BOLD | A_REVERSE);
    } else if (v->filed) {
        ui_cell(y + 1, LABEL_X, v->filed, ui_cols() - LABEL_X, A_NORMAL);
    }
}

static void draw_form(const struct ui_intake *v)
{
    const struct intake_form *f = v->form;
    int y = UI_BODY_TOP, bottom = ui_body_bottom() + 1 - FOOT_ROWS;

    draw_field(y++, v, INTAKE_MATTER);
    if (f->focus == INTAKE_MATTER && v->editing)
        y += draw_matches(y, v);
    y += draw_note(y, f->note[INTAKE_MATTER], A_BOLD);
    draw_field(y++, v, INTAKE_CODE);
    y += draw_note(y, f->note[INTAKE_CODE], A_BOLD);
    draw_field(y++, v, INTAKE_NAME);
    y += f->note[INTAKE_NAME][0] ? draw_note(y, f->note[INTAKE_NAME], A_BOLD)
                                 : draw_note(y, applicant_note(f), A_NORMAL);
    draw_field(y++, v, INTAKE_PROJECT);
    y += draw_note(y, f->note[INTAKE_PROJECT], A_BOLD);
    for (int r = y; r < bottom; r++)
        ui_blank(r);
    if (y < bottom)
        draw_checklist(y, bottom, v);
    draw_foot(bottom, v);
}

/* --- the finder --------------------------------------------------------------------- */

static int applicant_cols(void)
{
    int w = ui_cols() - 1 - CASE_W - 1 - OPEN_W - 1 - WHEN_W - 1;
    if (ui_cols() >= WIDE_COLS)
        w -= MATTER_W + 1;
    return w < 4 ? 4 : w;
}

static void draw_found_line(int y, const char *kase, const char *applicant, const char *matter,
                            const char *open, const char *when, attr_t attr)
{
    int x = 1, aw = applicant_cols();

    ui_line(y, "", attr);
    ui_cell(y, x, kase, CASE_W, attr);
    x += CASE_W + 1;
    ui_cell(y, x, applicant, aw, attr);
    x += aw + 1;
    if (ui_cols() >= WIDE_COLS) {
        ui_cell(y, x, matter, MATTER_W, attr);
        x += MATTER_W + 1;
    }
    ui_cell(y, x, open, OPEN_W, attr);
    x += OPEN_W + 1;
    ui_cell(y, x, when, WHEN_W, attr);
}

static void draw_finder(const struct ui_intake *v)
{
    const struct intake_finder *fd = v->finder;
    int y = UI_BODY_TOP, bottom = ui_body_bottom();
    const char *label = _("Find (case no., credit code or name):");
    int lw = text_width(label) + 2, room = ui_cols() - lw - 2;
    const char *text = editor_text(&fd->q);
    size_t from = 0;
    char status[LINE_MAX];

    ui_line(y, "", A_NORMAL);
    ui_cell(y, LABEL_X, label, lw - 1, A_BOLD);
    while (room > 0 && text_width_n(text + from, fd->q.cursor - from) >= room)
        from = text_next_char(text, from);
    ui_cell(y, LABEL_X + lw, text + from, room, A_UNDERLINE);
    if (v->editing)
        ui_cursor_at(y, LABEL_X + lw + text_width_n(text + from, fd->q.cursor - from));
    y++;
    if (!fd->loaded)
        snprintf(status, sizeof status, "%s", _("Type and press Enter; Esc goes back to the form."));
    else if (!fd->n)
        snprintf(status, sizeof status, "%s", _("No case matches."));
    else
        snprintf(status, sizeof status, _("found: %zu; Enter shows the case's flow chart"), fd->n);
    ui_line(y, "", A_NORMAL);
    ui_cell(y++, LABEL_X, status, ui_cols() - LABEL_X, A_NORMAL);
    draw_found_line(y++, _("Case"), _("Applicant"), _("Matter"), _("Open"),
                    _("Promised"), A_UNDERLINE);
    size_t first = fd->row >= (size_t)(bottom - y + 1) ? fd->row - (size_t)(bottom - y) : 0;
    for (size_t i = first; y <= bottom; i++, y++) {
        if (i >= fd->n) {
            ui_blank(y);
            continue;
        }
        const struct intake_found *c = &fd->rows[i];
        char open[32], when[32];
        snprintf(open, sizeof open, "%d/%d", c->open_items, c->items);
        if (c->promised)
            ui_clock_text(c->promised, v->now, when, sizeof when);
        else
            snprintf(when, sizeof when, "-");
        draw_found_line(y, c->case_no, c->applicant, c->matter, open, when,
                        i == fd->row && !v->editing ? ui_cursor_attr() : A_NORMAL);
    }
}

void ui_draw_intake(const struct ui_intake *v)
{
    ui_cursor_off();
    if (v->find_page)
        draw_finder(v);
    else
        draw_form(v);
}
