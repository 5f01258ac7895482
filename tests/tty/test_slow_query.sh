#!/usr/bin/env bash
# A query that takes seconds must not freeze the screen: while the console's
# server process does not answer (stopped, as a hung server or a link that
# died without a word), keys are still answered (help opens and closes,
# the cursor moves), a spinner turns, after 4 s the status line says that the
# server does not answer, and the refresh lands after. (A lock would not do:
# the console's lock_timeout ends such a wait after 5 s.)
. "$(dirname "$0")/lib.sh"

# The status line ends with the spinner while requests wait (the pane's
# trailing blanks are not captured, so it is the last character).
spinner_cell() { line_with "王芳 reviewer" | sed -E 's/ +$//; s/.*(.)$/\1/'; }

c1=$(case_no 1)
start_console 80 24
wait_for "$c1"
wait_for "refreshed"

pid=$(sql "select pid from pg_stat_activity where usename = 'rev_a' and backend_type = 'client backend'")
[ -n "$pid" ] || fail "the console's server process"
trap 'kill -CONT "$pid" 2>/dev/null || true; tty_cleanup' EXIT
kill -STOP "$pid"
# It answers again once the status line has said so (at most a minute on).
( sleep 60; kill -CONT "$pid" 2>/dev/null ) &
waker=$!
keys R
sleep 0.5
spin1=$(spinner_cell)
case $spin1 in '|'|'/'|'-'|'\') ;; *) fail "no spinner while the refresh waits (got [$spin1])" ;; esac

# Keys are answered while the query is stuck.
keys '?'
wait_for " Keys " 5
keys Escape
wait_gone " Keys " 5
keys j
sleep 0.3
[ "$(grep -c "send queue_page" "$CONSOLE_LOG")" -gt "$(grep -c "result queue_page" "$CONSOLE_LOG")" ] ||
    fail "the console's query should still be waiting"
seen=""
for _ in $(seq 8); do seen="$seen$(spinner_cell)"; sleep 0.15; done
[ "$(printf '%s' "$seen" | fold -w1 | sort -u | wc -l)" -ge 2 ] ||
    fail "the spinner does not turn (saw [$seen])"

wait_for "the server has not answered for" 20
kill -CONT "$pid"
kill "$waker" 2>/dev/null || true
wait_gone "the server has not answered for" 10
# The refresh lands once the lock is gone, and the spinner stops.
for _ in $(seq 30); do
    case $(spinner_cell) in '|'|'/'|'-'|'\') sleep 0.1 ;; *) break ;; esac
done
case $(spinner_cell) in '|'|'/'|'-'|'\') fail "still busy after the server answered again" ;; esac
grep -q "result queue_page" "$CONSOLE_LOG" || fail "the page never arrived"
keys q
wait_for "casedesk-exit-status=0"
echo ok
