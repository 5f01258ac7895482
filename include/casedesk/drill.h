/* casedesk — the queue view showing a list instead of the queue's pages: the
 * items behind a supervisor's figure (casedesk.figure_items), or the items a
 * login holds claimed (":release-all LOGIN", which tags them all and asks to
 * release them). The list is refetched like a page when something changes;
 * Esc ends it and goes back to where it was opened from.
 *
 * The rows live in app->q like a page's, so search, tags, the detail and
 * every action work on them unchanged.
 */
#ifndef CASEDESK_DRILL_H
#define CASEDESK_DRILL_H

struct app;

/* The items behind figure for the department or matter type key (0: all),
 * name being what the header calls it. */
void drill_figure(struct app *app, const char *figure, int key, int by_matter,
                  const char *name);
/* The items login holds claimed, tagged, with the question to release them. */
void drill_claimed_by(struct app *app, const char *login);
/* Fetches the list again. */
void drill_again(struct app *app);
/* Back to the queue's pages; the caller fetches the page. */
void drill_end(struct app *app);
int drill_active(const struct app *app);

#endif
