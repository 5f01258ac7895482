/* casedesk — what takes the keys before the view does (app->overlay): the
 * help, the y/N question, the search and filter prompts, the editor, the
 * command line. One struct overlay_ops each, in the table of overlays.c;
 * input.c gives them the keys and frame.c draws them.
 */
#ifndef CASEDESK_OVERLAYS_H
#define CASEDESK_OVERLAYS_H

#include <stddef.h>
#include <wchar.h>

#include "casedesk/app_state.h"

struct overlay_ops {
    /* Every key while it is open (it closes itself). */
    void (*key)(struct app *app, int rc, wint_t wch, int key, enum action a);
    /* What it shows in the message line; NULL: the message. */
    void (*message)(const struct app *app);
    /* What it draws over the view (DIRTY_OVERLAY); NULL: nothing. */
    void (*draw)(struct app *app);
    /* Its hint line; NULL: the view's. */
    const struct ui_hint *(*hints)(const struct app *app, size_t *n);
    /* What is typed into it stays out of the debug log. */
    int private_text;
};

/* The ops of overlay o; NULL for OVERLAY_NONE. */
const struct overlay_ops *overlays_ops(enum overlay o);

#endif
