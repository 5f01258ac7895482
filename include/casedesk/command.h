/* casedesk — the command line (:), in the message line like the search:
 *
 *   :release-all LOGIN   (supervisors) lists the items LOGIN holds claimed,
 *                        tags them all and asks to release them, for a
 *                        reviewer who is away
 *   :q, :quit            quits
 */
#ifndef CASEDESK_COMMAND_H
#define CASEDESK_COMMAND_H

#include <wchar.h>

struct app;

void command_init(struct app *app);
void command_done(struct app *app);
void command_open(struct app *app);
void command_key(struct app *app, int rc, wint_t wch, int key);
/* The command line, in the message line. */
void command_draw(const struct app *app);

#endif
