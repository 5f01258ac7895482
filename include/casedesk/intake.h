/* casedesk — the window clerk's intake form and case finder as the console
 * holds them, with no terminal and no database: the fields and which has
 * the focus, the matter types narrowed by what is typed, the unified social
 * credit code checked as it is typed, the checklist of materials with their
 * ticks, the summary per item, and the parameters a filing sends.
 *
 * Every item of the matter is filed; an item with materials not ticked is
 * filed as 容缺受理 (incomplete), its missing materials named. Rows come in
 * through an accessor (row, column) -> text, as for the queue.
 */
#ifndef CASEDESK_INTAKE_H
#define CASEDESK_INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/editor.h"
#include "casedesk/queue.h"

/* The intake view's two pages: the form that files, and the finder. */
enum intake_page { INTAKE_PAGE_FORM, INTAKE_PAGE_FIND };

/* The fields of the form, in the order the focus goes through them. */
enum intake_field {
    INTAKE_MATTER,
    INTAKE_CODE,
    INTAKE_NAME,
    INTAKE_PROJECT,
    INTAKE_CHECKLIST,
    INTAKE_NFIELDS
};

/* A matter type of the knowledge base (casedesk.intake_matters()). */
struct intake_matter {
    char *code, *name, *name_en;
    int items;
};

/* One material of one item (casedesk.intake_checklist()); an item without
 * materials has one row with ord 0 and no material. */
struct intake_material {
    int item_type_id, ord;
    char *item_code, *item_name, *department, *material, *waits_for;
    int received;
};

/* One item of the matter, as the checklist sums it up. */
struct intake_item {
    int item_type_id;
    const char *name, *department;
    int materials, missing;
};

/* The unified social credit code as typed so far. */
enum intake_code_state {
    INTAKE_CODE_EMPTY,
    INTAKE_CODE_PARTIAL,    /* right so far, shorter than 18 */
    INTAKE_CODE_BAD_CHAR,   /* position pos may not be that character */
    INTAKE_CODE_TOO_LONG,   /* more than 18 characters */
    INTAKE_CODE_BAD_CHECK,  /* the 18th is not the check character expected */
    INTAKE_CODE_VALID
};
#define INTAKE_CODE_LEN 18

struct intake_code_check {
    enum intake_code_state state;
    int pos;                /* 1-based: the character that is wrong */
    char expected;          /* INTAKE_CODE_BAD_CHECK: the check character */
};

/* What is known of the applicant of the code typed. */
enum intake_applicant { INTAKE_APPLICANT_UNASKED, INTAKE_APPLICANT_ASKING,
                        INTAKE_APPLICANT_KNOWN, INTAKE_APPLICANT_NEW };

#define INTAKE_NOTE_MAX 256

struct intake_form {
    struct editor matter_q, code, name, project;
    enum intake_field focus;
    struct intake_matter *matters;
    size_t nmatters;
    int matters_loaded;
    size_t *shown;          /* indexes into matters that match matter_q */
    size_t nshown, pick;    /* pick: the highlighted one of shown */
    int matter;             /* the matter chosen (index into matters), -1 none */
    struct intake_material *mats;
    size_t nmats, row;      /* row: the checklist's cursor */
    int checklist_loaded;
    enum intake_applicant applicant;
    char asked_code[INTAKE_CODE_LEN + 1];  /* the code the applicant is known for */
    /* A message next to a field, and one about the filing as a whole. */
    char note[INTAKE_NFIELDS][INTAKE_NOTE_MAX];
    char form_note[INTAKE_NOTE_MAX];
};

void intake_init(struct intake_form *f);
void intake_free(struct intake_form *f);
/* Empties every field and tick, for the next filing; the matter types stay. */
void intake_clear(struct intake_form *f);
/* The editor of a text field; NULL for the checklist. */
struct editor *intake_editor(struct intake_form *f, enum intake_field field);
const struct editor *intake_editor_c(const struct intake_form *f, enum intake_field field);
/* Moves the focus by delta fields, stopping at the first and the last. */
void intake_focus_move(struct intake_form *f, int delta);

/* --- matter types --------------------------------------------------------- */

/* Replaces the matter types with nrows rows (code, name, name_en, items).
 * 0, or -1 out of memory (the old ones stay). */
int intake_load_matters(struct intake_form *f, int nrows, queue_get_fn get, void *ctx);
/* Whether needle is in hay, ASCII letters in either case alike; UTF-8 is
 * compared byte by byte, so a Chinese needle matches only whole characters. */
int intake_contains(const char *hay, const char *needle);
/* The matter types whose name, English name or code contain what is typed in
 * the matter field, in the knowledge base's order; the highlight stays on the
 * same one when it still matches. */
void intake_narrow(struct intake_form *f);
void intake_pick_move(struct intake_form *f, long delta);
/* The matter field was edited: the list narrowed again, and a choice whose
 * name is no longer what the field says dropped with its checklist. */
void intake_matter_typed(struct intake_form *f);
/* The highlighted matter type, or NULL. */
const struct intake_matter *intake_picked(const struct intake_form *f);
/* Chooses the highlighted one: its name goes in the field, its checklist is
 * to be fetched. 0, or -1 when none is highlighted. */
int intake_choose(struct intake_form *f);
const struct intake_matter *intake_chosen(const struct intake_form *f);

/* --- the credit code ------------------------------------------------------- */

/* The check character of the first 17 characters (GB 32100), or 0 when one
 * of them is not in the alphabet. */
char intake_check_char(const char *first17);
/* Checks the code as typed: each character against what its position
 * allows (letters in either case), the 18th against the check character. */
struct intake_code_check intake_code_check(const char *typed);
/* The message for a check, translated, "" when nothing is wrong. */
void intake_code_note(const struct intake_code_check *c, char *buf, size_t n);

/* --- the checklist --------------------------------------------------------- */

/* Replaces the checklist with nrows rows of casedesk.intake_checklist()
 * (item_type_id, item_code, item_name, department, ord, material, waits_for),
 * nothing ticked. 0, or -1 out of memory. */
int intake_load_checklist(struct intake_form *f, int nrows, queue_get_fn get, void *ctx);
/* Whether row i is a material to tick (not an item without any). */
int intake_tickable(const struct intake_form *f, size_t i);
void intake_row_move(struct intake_form *f, long delta);
/* Ticks or unticks the material under the cursor. */
void intake_tick(struct intake_form *f);
/* The items of the matter, in the checklist's order, with their counts:
 * writes up to max, returns how many there are. */
size_t intake_items(const struct intake_form *f, struct intake_item *out, size_t max);
/* "complete", or "2 missing", translated. */
void intake_item_text(const struct intake_item *it, char *buf, size_t n);

/* --- filing ------------------------------------------------------------------ */

/* What is wrong before filing: puts the message next to the first field in
 * error, focuses it and returns -1; 0 when the form may be filed. */
int intake_validate(struct intake_form *f);
/* The materials not received, as two PostgreSQL int[] literals of the same
 * length: the item type and the ord of each ("{1,2}", "{1,1}"; "{}" for
 * none). Caller frees both; -1 out of memory. */
int intake_missing_literals(const struct intake_form *f, char **items, char **ords);
/* The code as it is sent: upper case, without spaces. Caller frees. */
char *intake_code_value(const struct intake_form *f);

/* --- the finder (查询) -------------------------------------------------------- */

/* A case casedesk.find_cases() found. */
struct intake_found {
    int64_t case_id;
    char *case_no, *credit_code, *applicant, *matter, *project;
    int64_t received_at, promised;      /* epoch; promised 0: not known */
    int items, open_items;
};

struct intake_finder {
    struct editor q;
    struct intake_found *rows;
    size_t n, row;
    int loaded;             /* a search was answered */
};

void intake_finder_init(struct intake_finder *fd);
void intake_finder_free(struct intake_finder *fd);
/* Replaces the rows with nrows rows of casedesk.find_cases(). 0 or -1. */
int intake_finder_load(struct intake_finder *fd, int nrows, queue_get_fn get, void *ctx);
void intake_finder_move(struct intake_finder *fd, long delta);
const struct intake_found *intake_finder_current(const struct intake_finder *fd);

#endif
