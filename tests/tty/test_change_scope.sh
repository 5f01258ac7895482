#!/usr/bin/env bash
# A change notification names the item's department and case. A console
# whose screen a change does not concern (another department's item, of a
# case not open) sends no query at all; one it concerns reads the item at
# once, without a change check first; and a page's answer says which
# changes it covered, so the next check fetches nothing again. (No periodic
# sweep or check runs in the console here: every query comes from a
# notification, a key or that one check.)
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
c2=$(case_no 2)
start_console 80 24 rev_a --config "$(refresh_config 3600 3600)"
wait_for "$c2"
wait_for "refreshed"
sleep 0.5
count() { grep -c -- "$1" "$CONSOLE_LOG" || true; }
wait_log() { # wait_log REGEX: the console logged it, within 10 s
    for _ in $(seq 100); do grep -qE -- "$1" "$CONSOLE_LOG" && return 0; sleep 0.1; done
    fail "the console did not log: $1"
}
sends=$(count " send ")
checks=$(count "send changes")

# Item 2 is department 2's (case 1): rev_a (department 1) does not see it.
sql_as rev_c "select casedesk.claim(2, 1, gen_random_uuid())" >/dev/null
wait_log "notify [0-9]+ item 2 2 1\$"
sleep 1
expect_eq "$(count " send ")" "$sends" "another department's change sends nothing"

# Item 3 is department 1's and on the page: read alone at once (neither
# the page nor a check before it) and put in its place.
pages=$(count "send queue_page")
sql_as rev_b "select casedesk.claim(3, 1, gen_random_uuid())" >/dev/null
wait_for "claimed  李静" 5
seq3=$(sql "select change_seq from casedesk.case_item where id = 3")
grep -A100 -E "notify $seq3 item 3 1 2\$" "$CONSOLE_LOG" | grep -m1 -E " send " |
    grep -q "send queue_row" || fail "item 3 alone is the first thing sent for its change"
line_with "$c2" | grep -qF "claimed  李静" || fail "item 3's line shows the claim"
expect_eq "$(count "send changes")" "$checks" "no change check"
expect_eq "$(count "send queue_page")" "$pages" "no page for a change of an item on it"

# Pausing and resuming live updates runs a check; waits for its answer.
check_by_resuming() {
    local before
    before=$(count "result changes")
    keys Z
    wait_for "live updates paused"
    keys Z
    wait_for "live updates resumed"
    for _ in $(seq 100); do [ "$(count "result changes")" -gt "$before" ] && break; sleep 0.1; done
    [ "$(count "result changes")" -gt "$before" ] || fail "resuming checks for changes"
}

# An item read alone does not say what else changed: the next check (here
# the one after resuming live updates) finds item 3's change and reads the
# page once; the check after that page fetches nothing.
check_by_resuming
for _ in $(seq 100); do [ "$(count "result queue_page")" -gt "$pages" ] && break; sleep 0.1; done
expect_eq "$(count "result queue_page")" "$((pages + 1))" "the check after an item read alone reads the page"
pages=$(count "send queue_page")
check_by_resuming
sleep 1
expect_eq "$(count "send queue_page")" "$pages" "the check after the page fetches nothing"

# In item 1's detail (case 1), department 2's item 2 shows in the flow
# chart: its change is fetched.
keys g
wait_selected "$c1"
keys Enter
wait_for "建筑工程施工许可"
sleep 0.5
details=$(count "send case_items")
sql_as rev_c "select casedesk.release(2, 2, gen_random_uuid())" >/dev/null
wait_log "notify [0-9]+ item 2 2 1\$"
for _ in $(seq 50); do [ "$(count "send case_items")" -gt "$details" ] && break; sleep 0.1; done
[ "$(count "send case_items")" -gt "$details" ] || fail "the open case's flow chart is fetched again"
keys q
wait_for "casedesk-exit-status=0"
echo ok
