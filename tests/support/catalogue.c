/* Helpers for the unit tests that read the built message catalogues. */
#include "support/catalogue.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>

void catalogue_bind(void)
{
    char dir[256];
    const char *build = getenv("BUILD");

    snprintf(dir, sizeof dir, "%s/locale", build && *build ? build : "build");
    bindtextdomain("casedesk", dir);
    bind_textdomain_codeset("casedesk", "UTF-8");
}

void catalogue_speak(const char *language)
{
    if (language)
        setenv("LANGUAGE", language, 1);
    else
        unsetenv("LANGUAGE");
    textdomain("casedesk"); /* forget the catalogue read so far */
}
