/* casedesk — an item's detail as the console holds it: the item itself, the
 * flow chart of its case, its texts (knowledge base and notes) and its
 * history, each part loaded on its own; and freeing them. No terminal or
 * database code: detailview.h loads it, ui.h draws it.
 */
#ifndef CASEDESK_DETAIL_H
#define CASEDESK_DETAIL_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/queue.h"

/* The parts that arrive one by one (and whose requests are counted). */
enum detail_part { DETAIL_ITEMS, DETAIL_TEXTS, DETAIL_EVENTS, DETAIL_PARTS };

struct detail_item {        /* a line of the matter's flow chart */
    int64_t id;
    char *item, *department, *status, *assignee, *waits_for;
    int64_t due, yellow, paused;
    int visible;
    int wall_clock;         /* limited in calendar hours, not business time */
};

struct detail_text {        /* knowledge base and annotations */
    char *kind;             /* "material", "reason", "note" */
    long ord;
    char *body, *author;
    int64_t at;
};

struct detail_event {       /* the audit trail */
    int64_t at;
    char *actor, *action, *before, *after;
};

/* Each part is NULL/0 until it arrives. */
struct detail {
    struct queue_row row;   /* the item as the queue showed it */
    struct detail_item *items;
    size_t nitems;
    int items_loaded;
    struct detail_text *texts;
    size_t ntexts;
    int texts_loaded;
    struct detail_event *events;
    size_t nevents;
    int events_loaded;
    int scroll;             /* first line shown */
};

/* Frees one part, which is then not loaded. */
void detail_clear_items(struct detail *d);
void detail_clear_texts(struct detail *d);
void detail_clear_events(struct detail *d);
/* Frees everything and zeroes d; safe on a zeroed detail. */
void detail_clear(struct detail *d);

#endif
