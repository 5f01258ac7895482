/* casedesk — gettext wrappers for user-visible strings. */
#ifndef CASEDESK_I18N_H
#define CASEDESK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
/* Marks a string for translation where it is stored, translated where shown. */
#define N_(s) (s)

/* A message with a context, for an English word that needs two translations
 * ("window": the window, a window clerk); the English is the word itself. */
static inline const char *i18n_pgettext(const char *ctx_and_msgid, const char *msgid)
{
    const char *t = gettext(ctx_and_msgid);
    return t == ctx_and_msgid ? msgid : t;
}
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

#endif
