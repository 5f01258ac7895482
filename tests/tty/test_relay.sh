#!/usr/bin/env bash
# The host's relay (casedesk --relay) listens for the consoles and sweeps
# for the centre: the consoles' connections do not LISTEN and ask nothing on
# a timer; a console whose screen a change does not concern is not passed
# it and sends nothing (until it opens a case the change is of); one it
# concerns reads the item. A relay gone quiet (stopped) or away is
# given up: the consoles listen on their own connections, check what they
# missed and sweep again; one that answers again takes over, and a change
# is then heard once. A payload with a newline stays one line.
. "$(dirname "$0")/lib.sh"

c2=$(case_no 2)
sock=${CONSOLE_LOG%.log}-relay.sock
relay_log=${CONSOLE_LOG%.log}-relay-daemon.log
cfg=${CONSOLE_LOG%.log}-relay.cfg
printf 'refresh = { fallback_seconds = 4; sweep_seconds = 2; };\nrelay = { socket = "%s"; };\n' \
    "$sock" >"$cfg"
relay_pid=""
relay_cleanup() {
    if [ -n "$relay_pid" ]; then kill -CONT "$relay_pid" 2>/dev/null; kill "$relay_pid" 2>/dev/null; fi
    if [ "${TTY_FAILED:-0}" = 1 ] && [ -s "$relay_log" ]; then
        echo "--- relay log (last 30 lines):"
        tail -n 30 "$relay_log"
    fi
    rm -f "$cfg" "$relay_log" "$sock"
    tty_cleanup
}
trap relay_cleanup EXIT

count() { grep -c -- "$2" "$(log_of "$1")" || true; }
wait_log() { # wait_log CONSOLE TEXT COUNT: until the console logged TEXT COUNT times (10 s)
    for _ in $(seq 100); do [ "$(count "$1" "$2")" -ge "$3" ] && return 0; sleep 0.1; done
    fail "$1 did not log \"$2\" $3 times (it did $(count "$1" "$2"))"
}
# The supervisor's login may sweep (it is staff).
start_relay() {
    local swept
    swept=$(grep -c "sweeping for the centre" "$relay_log" 2>/dev/null || true)
    PGUSER=sup "$CASEDESK_BIN" --relay --config "$cfg" --log "$relay_log" 2>>"$relay_log" &
    relay_pid=$!
    for _ in $(seq 100); do
        [ "$(grep -c "sweeping for the centre" "$relay_log" 2>/dev/null || true)" -gt "${swept:-0}" ] &&
            return 0
        sleep 0.1
    done
    fail "the relay did not start sweeping within 10 s"
}
# The application name of the backend recorded as sweeping.
sweeper_app() {
    sql "select a.application_name from pg_stat_activity a
           join casedesk.sweep_clock c on a.pid = c.sweeper"
}

start_relay
for who in rev_a rev_c; do
    on "$who"
    start_console 80 24 "$who" --config "$cfg"
done
on rev_a; wait_for "$c2"
for who in rev_a rev_c; do wait_log "$who" "relay listens" 1; done
for _ in $(seq 50); do [ "$(sweeper_app)" = casedesk-relay ] && break; sleep 0.1; done
expect_eq "$(sweeper_app)" "casedesk-relay" "the relay's backend sweeps"
sleep 1

# Idle: the centre is swept every two seconds, and no console sends
# anything (without the relay each would ask every 4 s at least).
a0=$(count rev_a " send "); c0=$(count rev_c " send ")
runs0=$(sql "select runs from casedesk.sweep_clock")
sleep 9
runs=$(( $(sql "select runs from casedesk.sweep_clock") - runs0 ))
echo "$runs sweeps in 9 s; rev_a sent $(( $(count rev_a " send ") - a0 )), rev_c $(( $(count rev_c " send ") - c0 ))"
[ "$runs" -ge 3 ] || fail "the relay swept $runs times in 9 s"
expect_eq "$(count rev_a " send ")" "$a0" "rev_a sent nothing in 9 s idle"
expect_eq "$(count rev_c " send ")" "$c0" "rev_c sent nothing in 9 s idle"

# Each console told the relay what it watches: its department.
wait_log rev_a "relay watch - - 1" 1
wait_log rev_c "relay watch - - 2" 1

# Item 3 (department 1, on rev_a's page) is claimed: rev_a hears it from
# the relay and reads the item; rev_c (department 2) is not passed it and
# sends nothing.
rows=$(count rev_a "send queue_row")
sql_as rev_b "select casedesk.claim(3, 1, gen_random_uuid())" >/dev/null
on rev_a; wait_for "claimed  李静" 5
seq3=$(sql "select change_seq from casedesk.case_item where id = 3")
wait_log rev_a "notify $seq3 item 3 1 2 (relayed)" 1
sleep 1
expect_eq "$(count rev_a "relayed")" "$(count rev_a "notify ")" "every notification rev_a heard was relayed"
expect_eq "$(count rev_c "notify ")" "0" "rev_c was passed nothing of department 1"
expect_eq "$(count rev_c " send ")" "$c0" "rev_c sent nothing for department 1's change"
[ "$(count rev_a "send queue_row")" -gt "$rows" ] || fail "rev_a read item 3"
grep -q "n $seq3 item 3 1 2: passed on to 1 of 2 consoles" "$relay_log" || fail "the relay did not say it passed item 3 to one console"

# rev_c opens item 2 (department 2) of case 1, whose item 1 is department
# 1's: its flow chart shows item 1, so now item 1's changes are passed to
# it, and it reads the case's items again.
on rev_c; wait_for "$(case_no 1)"; keys Enter
wait_log rev_c "relay watch 1 2 2" 1
wait_log rev_c "result case_items" 1
items=$(count rev_c "send case_items")
sql_as rev_b "select casedesk.claim(1, 1, gen_random_uuid())" >/dev/null
seq1=$(sql "select change_seq from casedesk.case_item where id = 1")
wait_log rev_c "notify $seq1 item 1 1 1 (relayed)" 1
wait_log rev_c "send case_items" $((items + 1))
# Back on the queue, department 1's items are not its again.
keys Escape
wait_log rev_c "relay watch - - 2" 2
sql_as rev_b "select casedesk.release(1, 2, gen_random_uuid())" >/dev/null
seq1=$(sql "select change_seq from casedesk.case_item where id = 1")
wait_log rev_a "notify $seq1 item 1 1 1 (relayed)" 1
sleep 1
expect_eq "$(count rev_c "notify $seq1 ")" "0" "rev_c, back on its queue, was not passed item 1's change"

# A payload with a newline stays one line: no forged "tick 1" reaches
# anyone. It names no item, so it goes to every console.
sql "select pg_notify('casedesk', E'1 junk\ntick 1')" >/dev/null
wait_log rev_c "notify 1 junk tick 1" 1
expect_eq "$(count rev_c "not the protocol")" "0" "no junk line"

# The relay stops (SIGSTOP: its socket stays open, nothing comes). Two and a
# half periods without a tick: the consoles give it up, listen themselves
# and check, so the change made meanwhile arrives.
kill -STOP "$relay_pid"
sql_as rev_b "select casedesk.release(3, 2, gen_random_uuid())" >/dev/null
on rev_a
wait_gone "claimed  李静" 20
for who in rev_a rev_c; do wait_log "$who" "relay quiet" 1; done
# It answers again: the consoles waiting on its socket are told hello.
kill -CONT "$relay_pid"
for who in rev_a rev_c; do wait_log "$who" "relay listens" 2; done

# The relay goes away: the consoles LISTEN on their own connections, and
# hear the next change themselves.
kill "$relay_pid"; wait "$relay_pid" || true; relay_pid=""
for who in rev_a rev_c; do wait_log "$who" "relay lost" 2; done
relayed=$(count rev_a "relayed")
notified=$(count rev_a "notify ")
sql_as rev_b "select casedesk.claim(3, 3, gen_random_uuid())" >/dev/null
wait_for "claimed  李静" 5
wait_log rev_a "notify " $((notified + 1))
expect_eq "$(count rev_a "relayed")" "$relayed" "nothing relayed while the relay is away"

# It comes back: within a period the consoles take it again and stop
# listening themselves, so one change is heard once.
start_relay
for who in rev_a rev_c; do wait_log "$who" "relay listens" 3; done
# Each relay it takes up is told what it watches (hello after the stop,
# and now), and passes on accordingly.
wait_log rev_c "relay watch - - 2" 4
sleep 1
notified=$(count rev_a "notify ")
relayed=$(count rev_a "relayed")
sql_as rev_b "select casedesk.release(3, 4, gen_random_uuid())" >/dev/null
wait_gone "claimed  李静" 5
wait_log rev_a "relayed" $((relayed + 1))
sleep 1
expect_eq "$(count rev_a "notify ")" "$((notified + 1))" "the change heard once, from the relay"
seq3=$(sql "select change_seq from casedesk.case_item where id = 3")
expect_eq "$(count rev_c "notify $seq3 ")" "0" "the new relay did not pass rev_c department 1's change"
