/* casedesk — can this terminal show the console? */
#include "casedesk/term.h"
/* Before <term.h>, whose capability macros (bell, columns) would rename
 * config.h's fields. */
#include "casedesk/config.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <term.h>
#include <unistd.h>

#include "casedesk/i18n.h"

int term_codeset_is_utf8(const char *codeset)
{
    return codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

int term_escape_delay(int configured_ms, const char *env)
{
    char *end;
    long v;

    if (configured_ms >= 0)
        return configured_ms;
    if (env && *env) {
        v = strtol(env, &end, 10);
        if (*end == '\0' && v >= CONFIG_ESCAPE_DELAY_MIN && v <= CONFIG_ESCAPE_DELAY_MAX)
            return (int)v;
    }
    return TERM_ESCAPE_DELAY_DEFAULT;
}

/* Without UTF-8 the C library counts a Chinese name as unprintable bytes:
 * names vanish and columns run into each other. */
static int check_locale(char *why, size_t n)
{
    const char *name;

    if (term_codeset_is_utf8(nl_langinfo(CODESET)))
        return 0;
    name = setlocale(LC_CTYPE, NULL);
    snprintf(why, n, _("casedesk: the locale (%s) is not UTF-8, so Chinese names cannot be shown; "
                       "set LANG to a UTF-8 locale, e.g. LANG=C.UTF-8 or LANG=zh_CN.UTF-8"),
             name ? name : "?");
    return -1;
}

static int check_terminal(char *why, size_t n)
{
    const char *term = getenv("TERM");
    const char *cup;
    int err = 0;

    if (!term || !*term) {
        snprintf(why, n, _("casedesk: TERM is not set; set it to your terminal's type, e.g. TERM=xterm-256color"));
        return -1;
    }
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
        snprintf(why, n, _("casedesk: unknown terminal type '%s' (TERM); set TERM to one this system knows, "
                           "e.g. TERM=xterm-256color"), term);
        return -1;
    }
    cup = tigetstr("cup");
    del_curterm(cur_term);
    if (!cup || cup == (const char *)-1) {
        snprintf(why, n, _("casedesk: the terminal '%s' (TERM) cannot move the cursor, so the console cannot "
                           "draw on it; use a full-screen terminal such as xterm-256color"), term);
        return -1;
    }
    return 0;
}

int term_check(char *why, size_t n)
{
    return check_locale(why, n) < 0 ? -1 : check_terminal(why, n);
}
