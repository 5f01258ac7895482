#!/usr/bin/env bash
# relay.close_idle_seconds: while the host's relay listens for it, a
# reviewer's console whose connection and user have been idle that long
# closes its connection, and its backend goes. The status line says so; a
# change heard meanwhile is not read (every resting console of the
# department would otherwise open a backend at once for it). The next key
# is not acted on: it opens the connection again and the console reads what
# changed. A relay that goes away does not open a resting console's
# connection; the key does, and the console then listens itself and keeps
# it open. An on-call console does not rest.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
sock=${CONSOLE_LOG%.log}-idle.sock
relay_log=${CONSOLE_LOG%.log}-idle-relay.log
cfg=${CONSOLE_LOG%.log}-idle.cfg
printf 'refresh = { fallback_seconds = 4; sweep_seconds = 2; };\n' >"$cfg"
printf 'relay = { socket = "%s"; close_idle_seconds = 2; };\n' "$sock" >>"$cfg"
relay_pid=""
idle_cleanup() {
    [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null
    if [ "${TTY_FAILED:-0}" = 1 ] && [ -s "$relay_log" ]; then
        echo "--- relay log (last 30 lines):"
        tail -n 30 "$relay_log"
    fi
    rm -f "$cfg" "$relay_log" "$sock"
    tty_cleanup
}
trap idle_cleanup EXIT

count() { grep -c -- "$2" "$(log_of "$1")" || true; }
wait_log() { # wait_log CONSOLE TEXT COUNT: until CONSOLE logged TEXT COUNT times (20 s)
    for _ in $(seq 200); do [ "$(count "$1" "$2")" -ge "$3" ] && return 0; sleep 0.1; done
    fail "$1 did not log \"$2\" $3 times (it did $(count "$1" "$2"))"
}
# The backends of a login (the tests' own psql run as postgres or rev_b).
backends() { sql "select count(*) from pg_stat_activity where usename = '$1'"; }
wait_backends() { # wait_backends LOGIN N: until LOGIN has N backends (20 s)
    for _ in $(seq 200); do [ "$(backends "$1")" = "$2" ] && return 0; sleep 0.1; done
    fail "$1 has $(backends "$1") backends, not $2"
}
no_news() {
    local s
    s=$(screen)
    case $s in *"connection lost"* | *"back online"* | *"cannot connect"*)
        fail "the user was told of the connection: $s" ;;
    esac
    [ "$(count "$CONSOLE" "database offline")" = 0 ] || fail "$CONSOLE went offline"
}

PGUSER=sup "$CASEDESK_BIN" --relay --config "$cfg" --log "$relay_log" 2>>"$relay_log" &
relay_pid=$!
for _ in $(seq 100); do grep -q "sweeping for the centre" "$relay_log" 2>/dev/null && break; sleep 0.1; done
grep -q "sweeping for the centre" "$relay_log" || fail "the relay did not start"

on oncall_a
start_console 120 24 oncall_a --config "$cfg"
on rev_a
start_console 120 24 rev_a --config "$cfg"
wait_for "$c1"
for who in rev_a oncall_a; do wait_log "$who" "relay listens" 1; done

# Idle for two seconds: the connection is closed, its backend goes, and the
# status line says that updates wait for a key.
wait_log rev_a "connection closed after" 1
wait_backends rev_a 0
wait_for "idle: live updates paused, any key resumes"
no_news
# Resting, it wakes for its clock's tick, once a second, and nothing else.
w0=$(count rev_a "wake ")
sleep 3
woke=$(( $(count rev_a "wake ") - w0 ))
[ "$woke" -le 6 ] || fail "a resting console woke $woke times in 3 s"

# A change is heard but not read: nothing opens the connection.
sql_as rev_b "select casedesk.claim(3, 1, gen_random_uuid())" >/dev/null
seq3=$(sql "select change_seq from casedesk.case_item where id = 3")
wait_log rev_a "notify $seq3 item 3" 1
sleep 2
expect_eq "$(backends rev_a)" "0" "no backend opened for a change while resting"
screen | grep -qF "claimed  李静" && fail "a change was read while resting"

# The on-call console, as idle, keeps its connection.
expect_eq "$(count oncall_a "connection closed")" "0" "on-call staff's console does not rest"
expect_eq "$(backends oncall_a)" "1" "on-call staff's connection open"

# The next key resumes and is not acted on: c does not claim item 1.
keys c
wait_for "live updates resumed"
wait_for "claimed  李静" 10
wait_gone "idle: live updates paused"
expect_eq "$(sql "select status from casedesk.case_item where id = 1")" "pending" \
    "the key that resumed was not acted on"
[ "$(backends rev_a)" -ge 1 ] || fail "no backend after the key"
no_news

# The next one is: the claim is made, once, by rev_a.
keys c
wait_for "claimed $c1 建筑工程施工许可" 10
expect_eq "$(sql "select status || ' ' || assignee from casedesk.case_item where id = 1")" \
    "claimed rev_a" "claimed through the reopened connection"
expect_eq "$(sql "select count(*) from casedesk.audit where item_id = 1 and action = 'claim'")" \
    "1" "one claim"

# Resting again, the relay goes away: the connection stays closed until the
# user is back, and then the console listens itself and stays open.
wait_log rev_a "connection closed after" 2
wait_backends rev_a 0
kill "$relay_pid"; wait "$relay_pid" || true; relay_pid=""
wait_log rev_a "relay lost" 1
sleep 2
expect_eq "$(backends rev_a)" "0" "the relay's going does not open a resting console"
keys Escape
wait_for "live updates resumed"
wait_backends rev_a 1
sql_as rev_b "select casedesk.release(3, 2, gen_random_uuid())" >/dev/null
seq3=$(sql "select change_seq from casedesk.case_item where id = 3")
wait_log rev_a "notify $seq3 item 3" 1
wait_gone "claimed  李静" 10
closed=$(count rev_a "connection closed after")
sleep 4
expect_eq "$(count rev_a "connection closed after")" "$closed" "kept open while it listens itself"
expect_eq "$(backends rev_a)" "1" "one backend while the relay is away"
expect_eq "$(grep -F "notify $seq3 item 3" "$(log_of rev_a)" | grep -c relayed)" "0" \
    "the last change was heard on the console's own connection"
no_news
