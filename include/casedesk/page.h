/* casedesk — the page of the queue on screen: asking the server for it,
 * loading the answer, and moving the cursor across page boundaries.
 *
 * The queue module says which page to ask for (keyset paging on due time and
 * id); this module sends the request and, when several are on their way,
 * loads only the answer to the last one, so a late answer never undoes a
 * move the user made since.
 */
#ifndef CASEDESK_PAGE_H
#define CASEDESK_PAGE_H

#include "casedesk/queue.h"

struct app;

/* Asks for the page req; the cursor goes to place when it arrives. */
void page_fetch(struct app *app, const struct queue_request *req, enum queue_place place);
/* The page shown again, at the current height and filter; while one is on
 * its way, once it has arrived. */
void page_again(struct app *app);
/* Moves the cursor by lines (negative: up), fetching the page before or
 * after when it moves past an edge of this one. */
void page_move(struct app *app, int lines);
/* PgDn / PgUp: the next or previous page, or the last or first row. */
void page_turn(struct app *app, int forward);
/* End / Home: the last or first row of the whole queue. */
void page_edge(struct app *app, int last);
/* Shows the first page under another filter (when the database is back,
 * if it is offline). */
void page_filter(struct app *app, enum queue_filter f);
/* o / O: another order, or the same one reversed. */
void page_sort(struct app *app, enum queue_sort s, int reversed);

#endif
