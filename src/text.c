/* casedesk — text for the terminal: display width, sanitising, fitting to columns. */
#include "casedesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define REPLACEMENT_CP 0xFFFDu
#define ELLIPSIS_LEN (sizeof TEXT_ELLIPSIS - 1)
/* The longest output one input byte can produce: a U+FFFD. */
#define MAX_GROWTH 3

/* One step through the input: how many bytes it consumes, what it shows as
 * and in how many columns. Everything that reads text goes through
 * next_unit() so width, sanitising and fitting always agree. */
struct unit {
    size_t len;
    uint32_t cp;     /* 0: shows as nothing */
    int width;
};

static int in_range(unsigned char c, unsigned char lo, unsigned char hi)
{
    return c >= lo && c <= hi;
}

/* The valid range of the second byte depends on the first (Unicode 15,
 * table 3-7): this is what keeps out overlong forms and surrogates. */
static int second_byte_ok(unsigned char lead, unsigned char c)
{
    switch (lead) {
    case 0xE0: return in_range(c, 0xA0, 0xBF);
    case 0xED: return in_range(c, 0x80, 0x9F);
    case 0xF0: return in_range(c, 0x90, 0xBF);
    case 0xF4: return in_range(c, 0x80, 0x8F);
    default: return in_range(c, 0x80, 0xBF);
    }
}

static int sequence_length(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if (in_range(lead, 0xC2, 0xDF))
        return 2;
    if (in_range(lead, 0xE0, 0xEF))
        return 3;
    if (in_range(lead, 0xF0, 0xF4))
        return 4;
    return -1;
}

int text_decode(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    int len, i;
    uint32_t value;

    *cp = 0;
    if (!s || !u[0])
        return 0;
    len = sequence_length(u[0]);
    if (len < 0)
        return -1;
    if (len == 1) {
        *cp = u[0];
        return 1;
    }
    if (!second_byte_ok(u[0], u[1]))
        return -1;
    value = u[0] & (0xFFu >> (len + 1));
    for (i = 1; i < len; i++) {
        if (!in_range(u[i], 0x80, 0xBF))
            return -1;
        value = (value << 6) | (u[i] & 0x3Fu);
    }
    *cp = value;
    return len;
}

size_t text_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Terminals act on these (or reorder the line around them), so none may
 * reach the screen as is. */
static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

static int is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* What joins or restyles emoji: terminals draw a sequence such as
 * man-ZWJ-woman-ZWJ-girl, a heart with VS16 or a skin tone as one glyph of
 * their own width, while the C library counts each part. Dropped, every
 * part is drawn in the width both count. */
static int is_emoji_glue(uint32_t cp)
{
    return cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F || cp == 0x20E3
        || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

static struct unit replacement(size_t len)
{
    struct unit u = { len, REPLACEMENT_CP, 1 };
    return u;
}

static struct unit next_unit(const char *s, int multiline)
{
    struct unit u = { 0, 0, 0 };
    uint32_t cp;
    int len = text_decode(s, &cp);
    int w;

    if (len == 0)
        return u;
    if (len < 0)
        return replacement(1);
    u.len = (size_t)len;
    if (cp == '\r' && s[1] == '\n') {
        u.len = 2;
        cp = '\n';
    }
    if (cp == '\n' || cp == '\t') {
        u.cp = multiline && cp == '\n' ? '\n' : ' ';
        u.width = u.cp == ' ';
        return u;
    }
    if (is_control(cp) || is_bidi_control(cp))
        return replacement(u.len);
    if (is_emoji_glue(cp))
        return u;
    w = wcwidth((wchar_t)cp);
    if (w < 0)
        return replacement(u.len);
    u.cp = cp;
    u.width = w;
    return u;
}

int text_width_n(const char *s, size_t n)
{
    size_t pos = 0;
    int width = 0;
    struct unit u;

    if (!s)
        return 0;
    while (pos < n && (u = next_unit(s + pos, 0)).len > 0 && pos + u.len <= n) {
        width += u.width;
        pos += u.len;
    }
    return width;
}

int text_width(const char *s)
{
    return text_width_n(s, s ? strlen(s) : 0);
}

static char *sanitize(const char *s, int multiline)
{
    size_t in_len = s ? strlen(s) : 0;
    char *out = malloc(in_len * MAX_GROWTH + 1);
    size_t pos = 0, used = 0;
    struct unit u;

    if (!out)
        return NULL;
    while (s && (u = next_unit(s + pos, multiline)).len > 0) {
        if (u.cp)
            used += text_encode(u.cp, out + used);
        pos += u.len;
    }
    out[used] = '\0';
    return out;
}

char *text_sanitize(const char *s)
{
    return sanitize(s, 0);
}

char *text_sanitize_multiline(const char *s)
{
    return sanitize(s, 1);
}

/* Copies units of s while they fit in budget columns, then the ellipsis. */
static char *cut(const char *s, int budget)
{
    char *out = malloc(strlen(s) * MAX_GROWTH + ELLIPSIS_LEN + 1);
    size_t pos = 0, used = 0;
    int width = 0;
    struct unit u;

    if (!out)
        return NULL;
    while ((u = next_unit(s + pos, 0)).len > 0 && width + u.width <= budget) {
        if (u.cp)
            used += text_encode(u.cp, out + used);
        width += u.width;
        pos += u.len;
    }
    memcpy(out + used, TEXT_ELLIPSIS, ELLIPSIS_LEN + 1);
    return out;
}

char *text_fit(const char *s, int cols)
{
    if (cols <= 0)
        return strdup("");
    if (text_width(s) <= cols)
        return text_sanitize(s);
    return cut(s, cols - 1);
}

const char *text_pad_to(char *out, size_t n, const char *s, int cols)
{
    size_t len;
    int missing;

    if (n == 0)
        return out;
    snprintf(out, n, "%s", s ? s : "");
    len = strlen(out);
    for (missing = cols - text_width(out); missing > 0 && len + 1 < n; missing--)
        out[len++] = ' ';
    out[len] = '\0';
    return out;
}

char *text_pad(const char *s, int cols)
{
    char *fit = text_fit(s, cols);
    char *grown;
    size_t len;
    int missing;

    if (!fit || cols <= 0)
        return fit;
    missing = cols - text_width(fit);
    if (missing <= 0)
        return fit;
    len = strlen(fit);
    grown = realloc(fit, len + (size_t)missing + 1);
    if (!grown) {
        free(fit);
        return NULL;
    }
    memset(grown + len, ' ', (size_t)missing);
    grown[len + (size_t)missing] = '\0';
    return grown;
}

int text_valid_utf8(const char *s)
{
    uint32_t cp;
    int len;

    if (!s)
        return 1;
    while ((len = text_decode(s, &cp)) > 0)
        s += len;
    return len == 0;
}

size_t text_next_char(const char *s, size_t pos)
{
    uint32_t cp;
    int len;

    if (!s)
        return 0;
    len = text_decode(s + pos, &cp);
    if (len < 0)
        return pos + 1;
    return pos + (size_t)len;
}

size_t text_prev_char(const char *s, size_t pos)
{
    uint32_t cp;
    size_t back;

    if (!s || pos == 0)
        return 0;
    for (back = 1; back <= 4 && back <= pos; back++)
        if (text_decode(s + pos - back, &cp) == (int)back)
            return pos - back;
    return pos - 1;
}
