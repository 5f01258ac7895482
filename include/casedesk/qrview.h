/* casedesk — the tracking code overlay (Q in an item's detail): the case's
 * tracking QR code drawn big enough for a phone, the text it holds in the
 * message line. Any key closes it. */
#ifndef CASEDESK_QRVIEW_H
#define CASEDESK_QRVIEW_H

#include <stddef.h>

#include "casedesk/keymap.h"
#include "casedesk/ui.h"

struct app;

/* Opens it for the case of the item in the detail; says why not when the
 * text is too long for a QR code. */
void qrview_open(struct app *app);
/* Opens it for the case case_no, e.g. one just filed. */
void qrview_show(struct app *app, const char *case_no);
void qrview_key(struct app *app, enum action a);
void qrview_draw(struct app *app);
void qrview_message(const struct app *app);
const struct ui_hint *qrview_hints(const struct app *app, size_t *n);
/* Frees the code; safe when none is open. */
void qrview_free(struct app *app);

#endif
