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
/* Keys wait for the page that a key (a move past the edge, a page turn, a
 * resize) asked for: the next key then acts where the last one left the
 * cursor, however fast they come, and a held key sends one fetch a page.
 * page_hold_keys() starts the wait; page_keys_held() tells whether it goes
 * on: until that page arrives, for PAGE_KEYS_HOLD_MS at most (a server that
 * does not answer must not freeze the keyboard). */
#define PAGE_KEYS_HOLD_MS 3000
void page_hold_keys(struct app *app);
int page_keys_held(const struct app *app, long long now_ms);

/* Items whose notifications named them are read alone and put in their
 * place on the page (queue_patch), unless more than PAGE_ROWS_MAX wait.
 * Notes that item id changed, for page_patch(); 0 when there is no more
 * room (the page is then fetched whole). */
int page_note_row(struct app *app, int64_t id);
/* Reads the items noted alone and puts each in its place; fetches the page
 * whole when the page cannot take them (a figure's list shown, nothing
 * loaded yet) or one of them does not fit what is held. */
void page_patch(struct app *app);

/* Shows the first page under another filter (when the database is back,
 * if it is offline). */
void page_filter(struct app *app, enum queue_filter f);
/* o / O: another order, or the same one reversed. */
void page_sort(struct app *app, enum queue_sort s, int reversed);

#endif
