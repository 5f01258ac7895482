#!/usr/bin/env bash
# relay.close_idle_seconds: while the host's relay listens for it, a
# console's connection unused for that long is closed, and its backend goes.
# A change the relay passes on, or a key, opens it again without the user
# being told of it (no "connection lost", no reload); a relay that goes away
# has the console open it again and LISTEN, and it is then kept open.
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

count() { grep -c -- "$1" "$(log_of "$CONSOLE")" || true; }
wait_log() { # wait_log TEXT COUNT: until the console logged TEXT COUNT times (20 s)
    for _ in $(seq 200); do [ "$(count "$1")" -ge "$2" ] && return 0; sleep 0.1; done
    fail "the console did not log \"$1\" $2 times (it did $(count "$1"))"
}
# rev_a's backends (the console's connection; the tests' psql are postgres's
# or another login's).
backends() { sql "select count(*) from pg_stat_activity where usename = 'rev_a'"; }
wait_backends() { # wait_backends N: until rev_a has N backends (20 s)
    for _ in $(seq 200); do [ "$(backends)" = "$1" ] && return 0; sleep 0.1; done
    fail "rev_a has $(backends) backends, not $1"
}
no_news() {
    local s
    s=$(screen)
    case $s in *"connection lost"* | *"back online"* | *"cannot connect"*)
        fail "the user was told of the connection: $s" ;;
    esac
    [ "$(count "database offline")" = 0 ] || fail "the console went offline"
}

PGUSER=sup "$CASEDESK_BIN" --relay --config "$cfg" --log "$relay_log" 2>>"$relay_log" &
relay_pid=$!
for _ in $(seq 100); do grep -q "sweeping for the centre" "$relay_log" 2>/dev/null && break; sleep 0.1; done
grep -q "sweeping for the centre" "$relay_log" || fail "the relay did not start"

start_console 80 24 rev_a --config "$cfg"
wait_for "$c1"
wait_log "relay listens" 1

# Unused for two seconds, the connection is closed and its backend goes.
wait_log "connection closed after" 1
wait_backends 0
no_news

# A change the relay passes on opens it again: the item is read and shown.
sql_as rev_b "select casedesk.claim(3, 1, gen_random_uuid())" >/dev/null
wait_for "claimed  李静" 10
[ "$(backends)" -ge 1 ] || wait_backends 1
no_news
# Closed again once unused.
wait_log "connection closed after" 2
wait_backends 0

# A key opens it too: the claim is made, once, by rev_a.
keys c
wait_for "claimed $c1 建筑工程施工许可" 10
expect_eq "$(sql "select status || ' ' || assignee from casedesk.case_item where id = 1")" \
    "claimed rev_a" "claimed through the reopened connection"
expect_eq "$(sql "select count(*) from casedesk.audit where item_id = 1 and action = 'claim'")" \
    "1" "one claim"
no_news
wait_log "connection closed after" 3
wait_backends 0

# The relay goes away: the console opens its connection to LISTEN there,
# hears the next change itself, and keeps the connection open.
kill "$relay_pid"; wait "$relay_pid" || true; relay_pid=""
wait_log "relay lost" 1
wait_backends 1
closed=$(count "connection closed after")
sql_as rev_b "select casedesk.release(3, 2, gen_random_uuid())" >/dev/null
seq3=$(sql "select change_seq from casedesk.case_item where id = 3")
wait_log "notify $seq3 item 3" 1
wait_gone "claimed  李静" 10
sleep 5
expect_eq "$(count "connection closed after")" "$closed" "kept open while it listens itself"
expect_eq "$(backends)" "1" "one backend while the relay is away"
no_news
