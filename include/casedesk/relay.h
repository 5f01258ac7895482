/* casedesk — the relay: one LISTEN per host for all the consoles on it.
 *
 * `casedesk --relay` (one per SSH host, from the shipped systemd unit)
 * holds one connection to the database that LISTENs on channel casedesk,
 * and passes each notification on to the consoles connected to its local
 * socket (relay.socket in the configuration) whose screens it may
 * concern, in the protocol of relaylink.h: a change to an item goes to the
 * consoles that watch its department, its case or the item itself. It also asks for the centre's sweep every
 * refresh.sweep_seconds, so that the consoles need not ask anything on a
 * timer while it runs. When its connection to the database is lost it
 * drops every console (they listen on their own connections again and
 * check what they missed) and takes none until it is back.
 *
 * A console that does not read what it is sent (stopped with ^Z, hung) is
 * dropped rather than waited for: it falls back to its own connection.
 */
#ifndef CASEDESK_RELAY_H
#define CASEDESK_RELAY_H

#include <stdio.h>

struct config;

/* Runs until SIGTERM, SIGINT or SIGHUP. log (may be NULL) gets a line per
 * event. The exit status for main. */
int relay_run(const struct config *cfg, FILE *log);

/* Makes a notification's payload one line: control characters become
 * spaces (anyone may NOTIFY the channel; a newline must not forge a line
 * of the protocol). In place; pure. */
void relay_one_line(char *payload);

#endif
