/* casedesk — gettext wrappers for user-visible strings. */
#ifndef CASEDESK_I18N_H
#define CASEDESK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
/* Marks a string for translation where it is stored, translated where shown. */
#define N_(s) (s)

#endif
