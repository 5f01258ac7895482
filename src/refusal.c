/* casedesk — the database's refusals in the user's language. */
#include "casedesk/refusal.h"

#include <stdio.h>
#include <string.h>

#include "casedesk/i18n.h"

#define MAX_VALUES 4
#define VALUE_MAX 256

/* The refusals of the SQL functions (sql/repeatable) that reach the console or casedesk
 * admin, each with its SQLSTATE; "%s" stands where the SQL has "%". The
 * completeness of this list against the SQL is tested (test_refusal). */
static const struct {
    const char *sqlstate;
    const char *template;
} refusals[] = {
    {"42501", N_("login %s is not casedesk staff")},
    {"22023", N_("%s must not be empty")},
    {"22023", N_("%s contains control characters (only newline and tab are allowed)")},
    {"22023", N_("%s contains invisible or direction-changing characters")},
    {"22001", N_("%s is %s characters long; the limit is %s")},
    {"22023", N_("%s must be one line (no newline or tab)")},
    {"22023", N_("a request id is required")},
    {"CD004", N_("request %s was already used for %s")},
    {"CD004", N_("request %s was already used for %s with other data")},
    {"P0002", N_("no item %s")},
    {"42501", N_("item %s belongs to a department you do not work for")},
    {"CD002", N_("already %s by %s at %s")},
    {"CD001", N_("changed by %s at %s (you saw version %s, it is now %s)")},
    {"CD001", N_("changed by %s at %s")},
    {"42501", N_("a %s may not do this")},
    {"CD002", N_("cannot %s an item that is %s; claim it first")},
    {"CD003", N_("claimed by %s until %s")},
    {"CD002", N_("cannot claim an item that is %s")},
    {"CD002", N_("cannot release an item that is %s")},
    {"CD002", N_("cannot resume an item that is %s")},
    {"CD002", N_("cannot reassign an item that is %s")},
    {"22023", N_("%s materials named; the limit is %s")},
    {"22001", N_("the reason is %s characters long; the limit is %s")},
    {"22023", N_("name at least one missing material")},
    {"42501", N_("a special procedure is ended by the department, not at the window")},
    {"P0002", N_("%s is not an active reviewer of the item's department")},
    {"22001", N_("the filing is longer than any name may be")},
    {"P0002", N_("no matter %s")},
    {"22023", N_("the missing materials name %s items but %s material numbers")},
    {"22023", N_("item %s of matter %s has no required material %s")},
    {"22023", N_("\"%s\" is not a valid unified social credit code")},
    {"42501", N_("a reviewer asks about an item of one of their departments")},
    {"P0002", N_("no case %s")},
    {"P0002", N_("no case %s that you can see")},
    {"P0002", N_("no department %s")},
    {"P0002", N_("no escalation %s")},
    {"42501", N_("escalation %s is not addressed to you or your department")},
    {"CD002", N_("already resolved by %s at %s")},
    {"CD001", N_("already acknowledged by %s at %s")},
    {"CD002", N_("already acknowledged by %s at %s")},
    {"CD001", N_("escalation %s changed meanwhile")},
    {"P0002", N_("no active staff member %s in that department")},
    {"42501", N_("login %s is not a casedesk administrator")},
    {"42501", N_("you cannot change your own job")},
    {"42501", N_("you cannot disable yourself")},
    {"P0002", N_("no staff member \"%s\"")},
    {"55000", N_("\"%s\" is disabled")},
};
#define NREFUSALS (sizeof refusals / sizeof refusals[0])

/* Words the SQL puts into its messages as values: statuses, jobs, actions
 * and what a text is. Shown in the user's language like the rest. */
static const struct {
    const char *sql;
    const char *word;
} words[] = {
    {"pending", N_("open")},
    {"claimed", N_("claimed")},
    {"supplement", N_("suppl.")},
    {"suspended", N_("suspend")},
    {"approved", N_("approved")},
    {"rejected", N_("rejected")},
    {"waiting", N_("waiting")},
    {"reviewer", N_("reviewer")},
    {"oncall", N_("on-call officer")},
    {"supervisor", N_("supervisor")},
    {"window", N_("window clerk")},
    {"approve", N_("approve")},
    {"reject", N_("reject")},
    {"request_supplement", N_("ask for material")},
    {"suspend", N_("suspend the clock")},
    {"claim", N_("claim")},
    {"release", N_("release")},
    {"the reason for rejecting", N_("the reason for rejecting")},
    {"the reason for the special procedure", N_("the reason for the special procedure")},
    {"a material name", N_("a material name")},
    {"the note", N_("the note")},
    {"the question", N_("the question")},
    {"the answer", N_("the answer")},
    {"the applicant's name", N_("the applicant's name")},
    {"the project name", N_("the project name")},
    {"the search", N_("the search")},
};

static const char *word(const char *value)
{
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].sql, value) == 0)
            return _(words[i].word);
    return value;
}

/* The end of the value that starts at m and is followed by the fixed words
 * rest[0..lit) (the end of the message when lit is 0). Fixed words that end
 * the template end the message too; others are the first place they occur. */
static const char *value_end(const char *m, const char *rest, size_t lit)
{
    char needle[VALUE_MAX];
    size_t ml = strlen(m);

    if (lit == 0)
        return m + ml;
    if (lit >= sizeof needle)
        return NULL;
    memcpy(needle, rest, lit);
    needle[lit] = '\0';
    if (rest[lit] != '\0')
        return strstr(m, needle);
    return ml >= lit && strcmp(m + ml - lit, needle) == 0 ? m + ml - lit : NULL;
}

/* Does message follow template? The values where template has %s go into
 * values. Returns the count of fixed characters matched (a longer template
 * is a better match), or -1. */
static int match(const char *template, const char *message, char values[][VALUE_MAX],
                 int *nvalues)
{
    const char *t = template, *m = message;
    int fixed = 0;

    *nvalues = 0;
    while (*t) {
        if (t[0] == '%' && t[1] == 's') {
            size_t lit = strcspn(t + 2, "%");
            const char *end = value_end(m, t + 2, lit);

            if (*nvalues == MAX_VALUES || (lit == 0 && t[2]) || !end || end == m
                || (size_t)(end - m) >= VALUE_MAX)
                return -1;
            memcpy(values[*nvalues], m, (size_t)(end - m));
            values[*nvalues][end - m] = '\0';
            (*nvalues)++;
            m = end;
            t += 2;
        } else if (*t == *m) {
            t++;
            m++;
            fixed++;
        } else {
            return -1;
        }
    }
    return *m ? -1 : fixed;
}

void refusal_text(const char *sqlstate, const char *message, char *out, size_t n)
{
    char values[MAX_VALUES][VALUE_MAX], best_values[MAX_VALUES][VALUE_MAX];
    const char *v[MAX_VALUES] = {"", "", "", ""};
    int best = -1, best_n = 0, nv;
    size_t which = 0;

    if (!message)
        message = "";
    for (size_t i = 0; sqlstate && i < NREFUSALS; i++) {
        int score;
        if (strcmp(refusals[i].sqlstate, sqlstate) != 0)
            continue;
        score = match(refusals[i].template, message, values, &nv);
        if (score > best) {
            best = score;
            best_n = nv;
            which = i;
            memcpy(best_values, values, sizeof values);
        }
    }
    /* Untranslated (English): the database's words are the best. */
    if (best < 0 || _(refusals[which].template) == refusals[which].template) {
        snprintf(out, n, "%s", message);
        return;
    }
    for (int i = 0; i < best_n; i++)
        v[i] = word(best_values[i]);
    /* The translation has the template's %s, as msgfmt --check makes sure. */
    snprintf(out, n, _(refusals[which].template), v[0], v[1], v[2], v[3]);
}

const char *refusal_template(size_t i, const char **sqlstate)
{
    if (i >= NREFUSALS)
        return NULL;
    if (sqlstate)
        *sqlstate = refusals[i].sqlstate;
    return refusals[i].template;
}
