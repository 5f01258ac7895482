/* casedesk — the tracking QR code of a case, as text (see qr.h). */
#include "casedesk/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#define UPPER_HALF "\xe2\x96\x80" /* U+2580 */
#define LOWER_HALF "\xe2\x96\x84" /* U+2584 */
#define FULL_BLOCK "\xe2\x96\x88" /* U+2588 */
/* The longest glyph, in bytes. */
#define GLYPH_MAX 3

int qr_encode(const char *text, struct qr_code *code)
{
    QRcode *qr;
    size_t n;

    code->width = 0;
    code->dark = NULL;
    if (!text || !*text) {
        errno = EINVAL;
        return -1;
    }
    /* Byte mode: a URL keeps its lower case, which the alphanumeric mode
     * cannot hold; M mends about 15% of a smudged or badly lit code. */
    if (!(qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)))
        return -1;
    n = (size_t)qr->width * (size_t)qr->width;
    if (!(code->dark = malloc(n))) {
        QRcode_free(qr);
        errno = ENOMEM;
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        code->dark[i] = qr->data[i] & 1;
    code->width = qr->width;
    QRcode_free(qr);
    return 0;
}

void qr_free(struct qr_code *code)
{
    free(code->dark);
    code->dark = NULL;
    code->width = 0;
}

int qr_module(const struct qr_code *code, int x, int y)
{
    x -= QR_QUIET;
    y -= QR_QUIET;
    if (!code->dark || x < 0 || y < 0 || x >= code->width || y >= code->width)
        return 0;
    return code->dark[(size_t)y * (size_t)code->width + (size_t)x];
}

static int side(const struct qr_code *code)
{
    return code->width + 2 * QR_QUIET;
}

void qr_size(const struct qr_code *code, enum qr_format format, int *cols, int *rows)
{
    int n = side(code);

    if (format == QR_ASCII) {
        *cols = 2 * n;
        *rows = n;
    } else {
        *cols = n;
        *rows = (n + 1) / 2;
    }
}

static const char *half_blocks(int upper, int lower)
{
    static const char *const glyph[2][2] = {
        {" ", LOWER_HALF},
        {UPPER_HALF, FULL_BLOCK},
    };
    return glyph[upper != 0][lower != 0];
}

static char *put(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

char *qr_render(const struct qr_code *code, enum qr_format format)
{
    int n = side(code), cols, rows;
    char *out, *p;

    qr_size(code, format, &cols, &rows);
    if (!(out = malloc((size_t)rows * ((size_t)n * GLYPH_MAX + 1) + 1)))
        return NULL;
    p = out;
    for (int r = 0; r < rows; r++) {
        for (int x = 0; x < n; x++) {
            if (format == QR_ASCII)
                p = put(p, qr_module(code, x, r) ? "##" : "  ");
            else
                p = put(p, half_blocks(qr_module(code, x, 2 * r), qr_module(code, x, 2 * r + 1)));
        }
        *p++ = '\n';
    }
    *p = '\0';
    return out;
}

enum qr_template_fault qr_template_check(const char *tmpl)
{
    int slots = 0;

    for (const char *p = tmpl; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == 's')
            slots++;
        else if (p[1] != '%')
            return QR_TEMPLATE_CONVERSION;
        p++;
    }
    if (slots == 0)
        return QR_TEMPLATE_NO_SLOT;
    return slots == 1 ? QR_TEMPLATE_OK : QR_TEMPLATE_SLOTS;
}

char *qr_template_expand(const char *tmpl, const char *case_no)
{
    size_t n = strlen(case_no);
    char *out, *p;

    if (!tmpl)
        return strdup(case_no);
    /* The template less its "%s" and halved "%%" is never longer than itself. */
    if (!(out = malloc(strlen(tmpl) + n + 1)))
        return NULL;
    p = out;
    for (const char *t = tmpl; *t; t++) {
        if (t[0] == '%' && t[1] == 's') {
            memcpy(p, case_no, n);
            p += n;
            t++;
        } else if (t[0] == '%' && t[1] == '%') {
            *p++ = '%';
            t++;
        } else {
            *p++ = *t;
        }
    }
    *p = '\0';
    return out;
}

int qr_format_from_name(const char *name)
{
    if (name && strcmp(name, "utf8") == 0)
        return QR_UTF8;
    if (name && strcmp(name, "ascii") == 0)
        return QR_ASCII;
    return -1;
}
