/* casedesk — an item's detail: freeing its parts. */
#include "casedesk/detail.h"

#include <stdlib.h>
#include <string.h>

void detail_clear_items(struct detail *d)
{
    for (size_t i = 0; i < d->nitems; i++) {
        free(d->items[i].item);
        free(d->items[i].department);
        free(d->items[i].status);
        free(d->items[i].assignee);
        free(d->items[i].waits_for);
    }
    free(d->items);
    d->items = NULL;
    d->nitems = 0;
    d->items_loaded = 0;
}

void detail_clear_texts(struct detail *d)
{
    for (size_t i = 0; i < d->ntexts; i++) {
        free(d->texts[i].kind);
        free(d->texts[i].body);
        free(d->texts[i].author);
    }
    free(d->texts);
    d->texts = NULL;
    d->ntexts = 0;
    d->texts_loaded = 0;
}

void detail_clear_events(struct detail *d)
{
    for (size_t i = 0; i < d->nevents; i++) {
        free(d->events[i].actor);
        free(d->events[i].action);
        free(d->events[i].before);
        free(d->events[i].after);
    }
    free(d->events);
    d->events = NULL;
    d->nevents = 0;
    d->events_loaded = 0;
}

void detail_clear(struct detail *d)
{
    detail_clear_items(d);
    detail_clear_texts(d);
    detail_clear_events(d);
    queue_row_free(&d->row);
    memset(d, 0, sizeof *d);
}
