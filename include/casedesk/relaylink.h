/* casedesk — a console's link to the relay of its host.
 *
 * PostgreSQL wakes every backend that listens in a database for every
 * NOTIFY, whatever it then passes on. With a relay (casedesk --relay, see
 * relay.h) one backend per host listens, and the consoles of that host hear
 * the notifications from it over a local socket, one line each:
 *
 *   hello 1 PERIOD SWEEPING   on connecting: the protocol, the relay's sweep
 *                             period in seconds, 1 if it sweeps for the centre
 *   n PAYLOAD                 a notification on channel casedesk, as sent
 *   tick SWEEPING             every period, once the relay's sweep call has
 *                             answered: 1 done, 0 refused
 *
 * A console says once connected, and again whenever it changes, which
 * changes its screen can show:
 *
 *   watch CASE ITEM SCOPE     CASE, ITEM: the case and item open on the
 *                             screen, or "-"; SCOPE: "*" for every
 *                             department, else the departments whose items
 *                             the user sees ("1 4")
 *
 * and the relay passes it a notification of an item ("SEQ item ID DEPT
 * CASE") only when the item is of one of those departments, or is that
 * item, or of that case; every other notification, and every one before
 * the first watch line, to all. The relay reads what the consoles sent
 * after the notification has come and before passing it on: a console
 * that said watch before it read the screen's rows hears every later
 * change to them.
 *
 * The relay closes the socket when its own connection to the database is
 * lost, so an open link that has said hello misses nothing; a console then
 * listens on its own connection again and checks what it missed. A link
 * without a tick for two and a half periods (a relay stopped, or its
 * database not answering) is given up the same way. While the ticks say
 * it sweeps, the console asks nothing on a timer. A payload from the relay
 * is a hint like any notification's.
 */
#ifndef CASEDESK_RELAYLINK_H
#define CASEDESK_RELAYLINK_H

#include <stddef.h>
#include <stdint.h>

#include "casedesk/changes.h"

#define RELAY_PROTOCOL 1
/* A line longer than this is not the relay's: the link is given up. */
#define RELAY_LINE_MAX 8192

enum relay_line_kind { RELAY_JUNK, RELAY_HELLO, RELAY_NOTIFY, RELAY_TICK };

struct relay_line {
    enum relay_line_kind kind;
    int period;              /* hello: the relay's sweep period (seconds) */
    int sweeping;            /* hello, tick: whether it sweeps */
    const char *payload;     /* notify: points into the line parsed */
};

/* Reads one line (without its newline); pure. */
struct relay_line relaylink_parse(const char *line);

/* What one console watches (the relay's side). */
/* A watch line, its newline and NUL included: room for every department
 * of a scope (CHANGE_SCOPE_MAX of them) and two places, at 20 digits
 * each. */
#define RELAY_WATCH_MAX 768
struct relay_watch {
    int said;                    /* a watch line came: before it, all passes */
    int64_t kase, item;          /* -1: none */
    struct change_scope scope;
};

/* The watch line for a screen (kase, item -1 for none), with its newline,
 * into buf (RELAY_WATCH_MAX holds any); its length, or -1 when it does not
 * fit. Pure. */
int relaylink_watch_line(const struct change_scope *scope, int64_t kase, int64_t item,
                         char *buf, size_t n);
/* Reads a watch line (without its newline) into w: 0, or -1 and w
 * unchanged when it is not one. Pure. */
int relaylink_watch_parse(const char *line, struct relay_watch *w);
/* Whether the notification with this payload goes to a console that
 * watches w. Pure. */
int relaylink_watch_passes(const struct relay_watch *w, const char *payload);

struct relaylink {
    int fd;                  /* -1 when closed */
    int hello;               /* the relay said hello: it listens for us */
    int period;              /* its sweep period, from the hello */
    int sweeping;            /* what its last hello or tick said */
    long long tick_ms;       /* its last tick, or its hello */
    char watch[RELAY_WATCH_MAX]; /* the watch line the relay has */
    size_t len;
    char buf[RELAY_LINE_MAX];
};

void relaylink_init(struct relaylink *l);
/* Connects to the relay's socket at path (non-blocking). 0, or -1 with errno
 * (no relay there: ENOENT, ECONNREFUSED). */
int relaylink_open(struct relaylink *l, const char *path);
void relaylink_close(struct relaylink *l);

/* Reads what the relay sent and calls on_line for each whole line. 0 while
 * the link stays up, -1 when it has closed (EOF, an error, a line too long:
 * then it is closed). */
int relaylink_read(struct relaylink *l, void (*on_line)(void *ctx, const struct relay_line *ln),
                   void *ctx);
/* Tells the relay what the console watches (a line of
 * relaylink_watch_line), unless it has it already. 0 when it has it, or
 * the socket is full for now (asked again, it is sent then); -1 when the
 * link has failed (then it is closed). */
int relaylink_say_watch(struct relaylink *l, const char *line);
/* Notes a line's effect on the link's state (hello, tick) at now_ms. */
void relaylink_note(struct relaylink *l, const struct relay_line *ln, long long now_ms);

/* Whether the relay passes the notifications on: it has said hello. */
int relaylink_listens(const struct relaylink *l);
/* Whether it has gone quiet: no tick (nor hello) for two and a half of its
 * periods. */
int relaylink_stale(const struct relaylink *l, long long now_ms);
/* Whether it sweeps for the centre: it said so last, and is not stale. */
int relaylink_sweeps(const struct relaylink *l, long long now_ms);

#endif
