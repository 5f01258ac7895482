/* casedesk — can this terminal show the console? Asked once, before the
 * screen opens, so that a terminal the console cannot draw on gets a clear
 * refusal instead of a blank or garbled screen. */
#ifndef CASEDESK_TERM_H
#define CASEDESK_TERM_H

#include <stddef.h>

/* What an escape sequence may take to arrive whole over a remote link: an
 * arrow key's bytes often come tens of milliseconds apart over SSH. */
#define TERM_ESCAPE_DELAY_DEFAULT 150

/* 1 when a locale's codeset (nl_langinfo(CODESET)) is UTF-8. */
int term_codeset_is_utf8(const char *codeset);

/* The escape delay in ms: the configuration's (>= 0), else $ESCDELAY when it
 * is a whole number in range, else the default. */
int term_escape_delay(int configured_ms, const char *env);

/* 0 when the locale is UTF-8 and $TERM names a terminal that can address the
 * cursor; -1 with the reason, for the user, in why. */
int term_check(char *why, size_t n);

#endif
