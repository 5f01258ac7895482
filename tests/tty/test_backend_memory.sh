#!/bin/bash
# What an open console costs the server in memory: its backend's private
# memory stays small. JIT compiling one of the console's statements would
# keep about 26 MB in the backend for good (a calendar function's estimates
# cross jit_above_cost on tables not analysed yet), and preparing every
# statement at connect another 3 MB; the console turns JIT off and prepares
# a statement when it first uses it.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
start_console 80 24
wait_for "$c1"
wait_for "refreshed"
pid=$(sql "select pid from pg_stat_activity where usename = 'rev_a' and backend_type = 'client backend'")
[ -n "$pid" ] || fail "the console's backend"
anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status")
echo "backend $pid: RssAnon ${anon} kB"
[ "$anon" -lt 16384 ] || fail "the console's backend holds ${anon} kB of private memory"
keys q
wait_for "casedesk-exit-status=0"
echo ok
