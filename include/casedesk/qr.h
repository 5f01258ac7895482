/* casedesk — the tracking QR code of a case, as text.
 *
 * A string is encoded (libqrencode, byte mode, error correction level M) into
 * a square of modules, then drawn with a quiet zone of QR_QUIET light modules
 * on every side as lines of text:
 *
 *   QR_UTF8   two module rows per text line, one column per module, with
 *             U+2588 (both dark), U+2580 (upper dark), U+2584 (lower dark)
 *             and a space (both light). Dark modules are the glyphs, so the
 *             code reads right where glyphs are darker than the background:
 *             paper, or a black-on-white colour pair in the console.
 *   QR_ASCII  one module row per text line, "##" for a dark module and two
 *             spaces for a light one, for printers without block characters.
 *
 * Nothing here touches the terminal; the functions that return char * return
 * malloc'd memory (caller frees).
 */
#ifndef CASEDESK_QR_H
#define CASEDESK_QR_H

#include <stddef.h>

/* Light modules around the code, as the QR standard asks. */
#define QR_QUIET 4

enum qr_format { QR_UTF8, QR_ASCII };

struct qr_code {
    int width;              /* modules per side, without the quiet zone */
    unsigned char *dark;    /* width * width, row by row: 1 dark, 0 light */
};

/* Encodes text (not empty) into code. Returns 0, or -1 with errno: EINVAL for
 * an empty text, ERANGE when it is too long for any QR code, ENOMEM. */
int qr_encode(const char *text, struct qr_code *code);

/* Frees what code owns; safe on a zeroed or freed code. */
void qr_free(struct qr_code *code);

/* Whether the module at (x, y) is dark; coordinates count the quiet zone,
 * so 0..width + 2 * QR_QUIET - 1, and anything outside the code is light. */
int qr_module(const struct qr_code *code, int x, int y);

/* The text size the code takes in format: columns (display columns of a line)
 * and rows (lines). */
void qr_size(const struct qr_code *code, enum qr_format format, int *cols, int *rows);

/* The code drawn in format: every line, the quiet zone included, ends with
 * "\n". NULL when out of memory. */
char *qr_render(const struct qr_code *code, enum qr_format format);

/* What is wrong with a tracking_url template, if anything. */
enum qr_template_fault {
    QR_TEMPLATE_OK,
    QR_TEMPLATE_NO_SLOT,        /* no %s for the case number */
    QR_TEMPLATE_SLOTS,          /* %s more than once */
    QR_TEMPLATE_CONVERSION,     /* a % that is neither %s nor %% */
};

/* Checks a template: exactly one %s (the case number), %% for a literal
 * percent sign (so a URL's %2F is written %%2F), no other %. */
enum qr_template_fault qr_template_check(const char *tmpl);

/* The text a case's code holds: tmpl with %s replaced by case_no and %% by
 * %, or case_no alone when tmpl is NULL. tmpl must pass qr_template_check().
 * NULL when out of memory. */
char *qr_template_expand(const char *tmpl, const char *case_no);

/* "utf8" / "ascii" -> the format; -1 for anything else. */
int qr_format_from_name(const char *name);

#endif
