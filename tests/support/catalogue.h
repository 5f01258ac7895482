/* Helpers for the unit tests that read the message catalogues make builds
 * (build/locale, or $BUILD/locale). */
#ifndef CASEDESK_TEST_CATALOGUE_H
#define CASEDESK_TEST_CATALOGUE_H

/* Binds the casedesk domain to the built catalogues, in UTF-8. The caller
 * sets a UTF-8 LC_CTYPE first. */
void catalogue_bind(void);

/* Messages in LANGUAGE ("zh_CN"), or in English when NULL, whatever
 * LC_MESSAGES says. */
void catalogue_speak(const char *language);

#endif
