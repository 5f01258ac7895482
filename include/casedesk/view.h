/* casedesk — what a view of the console is: one struct view_ops per view,
 * registered in the table of views.c. Types only, so that every module may
 * name a view without depending on the others.
 *
 * A view handles the keys it knows and returns the others to the generic
 * driver (input.c: switching views, help, refresh, quit, "not available in
 * this view"); it says what news of a change makes it fetch (WANT_*), and
 * what its header, its list and its hint line show (frame.c).
 */
#ifndef CASEDESK_VIEW_H
#define CASEDESK_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/keymap.h"
#include "casedesk/ui.h"

struct app;
struct change_hint;

/* The views 1 to 4 of the tab bar, and an item's detail. */
enum view { VIEW_QUEUE, VIEW_DETAIL, VIEW_ESCALATIONS, VIEW_SUPERVISOR, VIEW_INTAKE, VIEW_COUNT };

struct view_ops {
    enum view id;
    /* The tab bar's label (N_()), or NULL: not a tab (the detail, which
     * counts as the view it was opened from). */
    const char *label;
    /* Whether the user's job has the view; NULL: every job has it. */
    int (*available)(const struct app *app);
    /* Why a job that does not have it cannot switch to it. */
    const char *refused;
    /* Entering the view: what it fetches. NULL: nothing. */
    void (*enter)(struct app *app);
    /* What news of changes (CHANGED_*) makes it fetch again while on
     * screen (WANT_*), besides the queue page and the escalation list that
     * every view keeps current. NULL: nothing more. */
    unsigned (*on_change)(const struct app *app, unsigned changed);
    /* Whether a change there (changes.h) shows in the view although the
     * user's departments do not say so: an item on the screen, the case of
     * an item's detail. NULL: nothing beyond them. */
    int (*shows)(const struct app *app, const struct change_hint *h);
    /* The case and item it has open, whose changes it shows whatever
     * their department (what the relay is told to pass on); -1 for none.
     * NULL: none. */
    void (*place)(const struct app *app, int64_t *kase, int64_t *item);
    /* A key (the action, and the code for keys outside the key map): 1
     * when handled, 0 to let the generic driver have it. */
    int (*key)(struct app *app, enum action a, int key);
    /* Draws the list (DIRTY_LIST) or only what time changes (DIRTY_TIMERS). */
    void (*draw)(struct app *app, unsigned dirty, const struct ui_clock *clk);
    /* What the header says besides the tabs; "" for nothing. NULL: nothing. */
    void (*info)(const struct app *app, char *buf, size_t n);
    /* The keys the hint line offers, for the user's job. */
    const struct ui_hint *(*hints)(const struct app *app, size_t *n);
};

#endif
