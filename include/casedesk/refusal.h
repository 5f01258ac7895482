/* casedesk — the database's refusals in the user's language.
 *
 * The SQL functions refuse in English with a stable SQLSTATE and fixed
 * words around the values ("claimed by % until %", CD003). The console
 * knows each such message as a template, "claimed by %s until %s", which is
 * also its msgid: a refusal that matches one is shown translated, with the
 * values it carries (names, times, numbers; status and job words translated
 * too). Anything else is shown in the database's own words. No terminal or
 * database code.
 */
#ifndef CASEDESK_REFUSAL_H
#define CASEDESK_REFUSAL_H

#include <stddef.h>

/* The refusal (sqlstate, message) as the user should read it, into out. */
void refusal_text(const char *sqlstate, const char *message, char *out, size_t n);

/* The i-th known template and its SQLSTATE, for the test that finds each in
 * the SQL; NULL past the last. */
const char *refusal_template(size_t i, const char **sqlstate);

#endif
