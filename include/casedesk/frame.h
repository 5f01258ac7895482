/* casedesk — one frame: the regions of the screen that the state changed
 * (app->dirty), drawn with the ui and sent to the terminal at once: the
 * header, status, message and hint lines, the overlays, and the view on
 * screen through its view_ops (views.h).
 */
#ifndef CASEDESK_FRAME_H
#define CASEDESK_FRAME_H

struct app;

/* Lays the screen out again for a new size; a page of the new height is
 * wanted (WANT_PAGE). */
void frame_relayout(struct app *app);
/* Draws what is dirty and clears the marks; nothing when nothing is. */
void frame_draw(struct app *app);

#endif
