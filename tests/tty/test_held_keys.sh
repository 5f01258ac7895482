#!/usr/bin/env bash
# Keys held down arrive in bursts: none is dropped, at most one page fetch is
# in flight, and the cursor ends where the same keys typed slowly put it.
. "$(dirname "$0")/lib.sh"

file_cases 40
mapfile -t order < <(queue_order)
expect_eq "${#order[@]}" "42" "open items of department 1"

burst() { # burst KEY N: N keys in one write
    local k=() i
    for ((i = 0; i < $2; i++)); do k+=("$1"); done
    keys "${k[@]}"
}
pages() { grep -c "result queue_page" "$CONSOLE_LOG" || true; }

start_console 80 24
wait_selected "${order[0]}" 10

# 36 j: one line short of the end of page two.
before=$(pages)
burst j 36
wait_selected "${order[36]}" 15
sleep 1
expect_eq "$(selected)" "${order[36]}" "36 j in a burst end on the 37th item"
sent=$(( $(pages) - before ))
[ "$sent" -le 4 ] || fail "36 j sent $sent page queries"

# 500 j: the last item, with a handful of page queries.
keys g
wait_selected "${order[0]}" 10
before=$(pages)
burst j 500
wait_selected "${order[41]}" 20
sleep 1
expect_eq "$(selected)" "${order[41]}" "500 j in a burst end on the last item"
sent=$(( $(pages) - before ))
[ "$sent" -le 6 ] || fail "500 j sent $sent page queries"

# 500 k: back at the top.
before=$(pages)
burst k 500
wait_selected "${order[0]}" 20
sleep 1
expect_eq "$(selected)" "${order[0]}" "500 k in a burst end on the first item"
sent=$(( $(pages) - before ))
[ "$sent" -le 6 ] || fail "500 k sent $sent page queries"

# The console still answers at once.
keys c
wait_for "claimed ${order[0]}" 10
keys q
wait_for "casedesk-exit-status=0"
echo ok
