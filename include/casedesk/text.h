/* casedesk — text for the terminal: display width, sanitising, fitting to columns.
 *
 * Input is UTF-8 from the database or the user; output is UTF-8 that is safe
 * to hand to ncursesw on one screen line. Widths come from wcwidth(), so the
 * process must run with a UTF-8 LC_CTYPE (setlocale(LC_ALL, "")).
 *
 * Every function accepts NULL as the empty string. Functions that return
 * char * return malloc'd memory (caller frees), or NULL when out of memory.
 */
#ifndef CASEDESK_TEXT_H
#define CASEDESK_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* The mark that ends text cut by text_fit(): U+2026, one column. */
#define TEXT_ELLIPSIS "\xe2\x80\xa6"
/* What text_sanitize() shows instead of anything unsafe or undecodable. */
#define TEXT_REPLACEMENT "\xef\xbf\xbd"

/* Display columns of s as text_sanitize() would show it: CJK 2, combining
 * marks 0, each invalid byte or control 1 (it becomes U+FFFD). */
int text_width(const char *s);

/* text_width() of the first n bytes of s (a character cut by n is not
 * counted); for the column of an editor cursor at byte offset n. */
int text_width_n(const char *s, size_t n);

/* A copy safe for one terminal line: C0/C1 controls, DEL, invalid UTF-8 bytes,
 * bidi embedding/override/isolate controls and code points the locale cannot
 * print become U+FFFD; "\n", "\r\n" and "\t" become one space; what joins or
 * restyles emoji (ZWJ, variation selectors, skin tones, tags, the keycap) is
 * dropped, so that the terminal draws each part in the width counted here.
 * Caller frees. */
char *text_sanitize(const char *s);

/* Like text_sanitize() but keeps line breaks ("\r\n" becomes "\n"), for text
 * shown over several lines such as annotations. Caller frees. */
char *text_sanitize_multiline(const char *s);

/* The sanitised text in at most cols columns. When it does not fit it is cut
 * at a character boundary and ends with TEXT_ELLIPSIS; a wide character that
 * would straddle the edge is dropped, so the result may be one column short.
 * cols <= 0 gives "". Caller frees. */
char *text_fit(const char *s, int cols);

/* text_fit() right-padded with spaces to exactly cols columns (cols <= 0
 * gives ""). Caller frees. */
char *text_pad(const char *s, int cols);

/* s (never cut) followed by spaces to at least cols columns, into out of n
 * bytes: a label or heading padded by display width, where printf's "%-10s"
 * would count bytes. Returns out; s that does not fit is cut in bytes. */
const char *text_pad_to(char *out, size_t n, const char *s, int cols);

/* 1 when s is well-formed UTF-8 (no overlong forms, surrogates or code points
 * above U+10FFFF), else 0. */
int text_valid_utf8(const char *s);

/* Byte offset of the character boundary before / after pos in s, for moving
 * an editor cursor by one code point. An invalid byte counts as one
 * character. text_prev_char(s, 0) is 0; text_next_char() at the terminating
 * NUL returns pos. */
size_t text_prev_char(const char *s, size_t pos);
size_t text_next_char(const char *s, size_t pos);

/* Decodes one character at s into *cp: returns its length in bytes (1-4),
 * 0 at the end of the string, or -1 when s starts with an invalid byte. */
int text_decode(const char *s, uint32_t *cp);

/* Writes the UTF-8 form of cp to out (no NUL): returns its length (1-4), or 0
 * for a surrogate or a value above U+10FFFF. */
size_t text_encode(uint32_t cp, char out[4]);

#endif
