/* casedesk — one frame: the regions of the screen that the state changed
 * (app->dirty), drawn with the ui and sent to the terminal at once.
 */
#ifndef CASEDESK_FRAME_H
#define CASEDESK_FRAME_H

struct app;

/* Draws what is dirty and clears the marks; nothing when nothing is. */
void frame_draw(struct app *app);

#endif
