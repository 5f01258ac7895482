/* casedesk — a small UTF-8 text buffer for the text a reviewer types:
 * reasons, notes, the materials asked for. No terminal code: the screen asks
 * it where the cursor is and how the text wraps.
 *
 * The cursor is a byte offset that always sits on a character boundary, so
 * moving and deleting never split a Chinese character. Only printable
 * characters, newline and tab go in; the database would refuse anything else
 * (casedesk.clean_text). A buffer that runs out of memory keeps its old text
 * and the call returns -1.
 */
#ifndef CASEDESK_EDITOR_H
#define CASEDESK_EDITOR_H

#include <stddef.h>
#include <stdint.h>

struct editor {
    char *text;       /* NUL-terminated; never NULL after editor_init() */
    size_t len;       /* bytes before the NUL */
    size_t cap;
    size_t cursor;    /* byte offset into text */
    int single_line;  /* 1: newline is refused (a one-line prompt) */
};

void editor_init(struct editor *ed, int single_line);
void editor_free(struct editor *ed);

/* Replaces the text (NULL: empty) and puts the cursor at its end. Text that
 * editor_insert() would refuse is dropped. */
int editor_set_text(struct editor *ed, const char *text);
const char *editor_text(const struct editor *ed);
/* 1 when the text is empty or only white space. */
int editor_is_blank(const struct editor *ed);

/* The most text an editor holds: more than any text the database takes
 * (4,000 characters of CJK, 3 bytes each), so that a paste of megabytes is
 * refused at once instead of being inserted character by character. */
#define EDITOR_MAX_BYTES 12000

/* Inserts one code point at the cursor and moves past it. -1 for a control
 * character (newline in a single-line editor too), a surrogate, no memory,
 * or no room left (editor_full()). */
int editor_insert(struct editor *ed, uint32_t cp);
/* 1 when the text is at its limit: the next character may not fit. */
int editor_full(const struct editor *ed);
/* Inserts UTF-8 text character by character; stops at the first refused one. */
int editor_insert_text(struct editor *ed, const char *s);

/* Removes the whole character before / under the cursor. */
void editor_backspace(struct editor *ed);
void editor_delete(struct editor *ed);

void editor_left(struct editor *ed);
void editor_right(struct editor *ed);
/* Start / end of the cursor's line. */
void editor_home(struct editor *ed);
void editor_end(struct editor *ed);
/* The line above / below, at the same display column or the nearest
 * boundary left of it. */
void editor_up(struct editor *ed);
void editor_down(struct editor *ed);

/* One row on the screen: a piece of a line, wrapped at width columns. */
struct editor_row {
    size_t start;   /* byte offset into text */
    size_t len;     /* bytes, without the newline */
};

/* Splits the text into screen rows of at most width columns (at least one
 * row, even for no text). Writes up to max rows and returns how many there
 * are in all. */
size_t editor_rows(const struct editor *ed, int width, struct editor_row *rows, size_t max);

/* The row (as editor_rows() counts them) and display column of the cursor. */
void editor_cursor_at(const struct editor *ed, int width, size_t *row, int *col);

/* --- what was typed ---------------------------------------------------------
 * Pure helpers for turning typed text into what is sent. Returned strings are
 * malloc'd (caller frees), NULL when out of memory or, for the list, empty. */

/* The text without white space around it. */
char *editor_trimmed(const char *s);
/* A number standing alone ("2") picks choices[1]; else NULL. */
const char *editor_choice(const char *s, const char *const *choices, size_t n);
/* A list typed as "1，2, 人防工程设计图" (commas, Chinese commas 、，or
 * semicolons between), numbers picking choices, as a PostgreSQL text[]
 * literal: {"…","…","人防工程设计图"}. NULL when the list is empty. */
char *editor_list_literal(const char *typed, const char *const *choices, size_t n);

/* --- drafts -----------------------------------------------------------------
 * Text typed for an item that did not reach the database (offline, refused)
 * is kept and offered again when the same editor opens for the same item. */

enum editor_purpose {
    EDITOR_NOTE,
    EDITOR_REASON,
    EDITOR_MATERIALS,
    EDITOR_SUPPLEMENT_NOTE,
    EDITOR_ESCALATION,
    EDITOR_SEARCH,
    EDITOR_ESC_DEPARTMENT,      /* a window clerk's escalation: to which department */
    EDITOR_RESOLUTION,          /* the answer that resolves an escalation */
    EDITOR_HAND_ON_TO,          /* a department by number, maybe a login */
    EDITOR_HAND_ON_NOTE,
    EDITOR_REASSIGN_TO          /* a reviewer by number */
};

struct editor_draft {
    int64_t item;
    enum editor_purpose purpose;
    char *text;
};

struct editor_drafts {
    struct editor_draft *v;
    size_t n;
};

/* Stores a copy of text for (item, purpose), replacing an older draft; blank
 * text drops it instead. 0, or -1 out of memory. */
int editor_drafts_put(struct editor_drafts *d, int64_t item, enum editor_purpose purpose,
                      const char *text);
/* The draft, or NULL. Valid until the next put/drop. */
const char *editor_drafts_get(const struct editor_drafts *d, int64_t item,
                              enum editor_purpose purpose);
void editor_drafts_drop(struct editor_drafts *d, int64_t item, enum editor_purpose purpose);
void editor_drafts_free(struct editor_drafts *d);

#endif
