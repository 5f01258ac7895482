/* casedesk — what the console's loop waits on: one poll() over the terminal,
 * the database socket and a pipe that signal handlers write to, and the
 * clock its timers run on.
 *
 * Signal handlers only write the signal's number into the pipe (SIGWINCH,
 * SIGHUP, SIGTERM, SIGINT), so the loop deals with them between two turns,
 * never inside a curses or libpq call. A fatal signal (SIGSEGV, SIGABRT, ...)
 * first leaves the terminal usable, then goes to whatever handled it before,
 * so a sanitizer's report still appears. SIGPIPE is ignored: a dropped
 * connection is an error from libpq, not the end of the program.
 */
#ifndef CASEDESK_LOOP_H
#define CASEDESK_LOOP_H

#include <stdarg.h>
#include <stdio.h>

/* Milliseconds on a clock that the wall clock's jumps do not move. */
long long loop_now_ms(void);
/* One line of a debug log (nothing when log is NULL): the milliseconds
 * since t0_ms on that clock, then the message; flushed, so that a reader
 * sees it at once. */
void loop_vlog(FILE *log, long long t0_ms, const char *fmt, va_list ap);

/* Installs the handlers and the pipe. restore_terminal is called on a fatal
 * signal. 0, or -1 with errno when the pipe cannot be made. */
int loop_signals_install(void (*restore_terminal)(void));
/* Puts SIGWINCH back to its default and closes the pipe. */
void loop_signals_remove(void);
/* The pipe's end to poll() for signals (the relay's own loop). */
int loop_signal_fd(void);
/* The next signal that arrived, or 0 when none is waiting. */
int loop_next_signal(void);

/* What one wait found. */
struct loop_ready {
    int keys;        /* the terminal has input */
    int hangup;      /* the terminal went away (an SSH connection dropped) */
    int signals;     /* loop_next_signal() has something */
    short db;        /* the database socket's events; 0 for none */
    short relay;     /* the relay link's events; 0 for none */
};

/* Waits up to timeout_ms for the terminal (unless keys is 0: keys that
 * must wait stay unread), the signal pipe and, when db_fd is not -1, the
 * database socket, and when relay_fd is not -1, the relay's. An
 * interrupted wait is an empty one. 0, or -1 when poll() fails otherwise. */
int loop_wait(int db_fd, short db_events, int relay_fd, int keys, int timeout_ms,
              struct loop_ready *ready);

#endif
