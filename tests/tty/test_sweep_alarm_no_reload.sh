#!/usr/bin/env bash
# A sweep's alarm changes escalations only: the console fetches the
# escalation list once and leaves the queue page alone. An approval by
# another session changes an item: the console reads that item. (The alarm here is
# an unanswered escalation moved up a level, which touches no item; no
# periodic sweep or check runs in the console, so every query it sends comes
# from a notification.)
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
# A clerk's question about item 1 to department 1 (rev_a's), already past
# its response time: the next sweep moves it up a level.
sql_as win "select casedesk.escalate(gen_random_uuid(), 1, 1, 1::smallint, '材料齐了吗？')" >/dev/null
sql "update casedesk.escalation set respond_by = now() - interval '1 minute'" >/dev/null

start_console 80 24 rev_a --config "$(refresh_config 3600 3600)"
wait_for "$c1"
wait_for "refreshed"
sleep 0.5
count() { grep -c -- "$1" "$CONSOLE_LOG" || true; }
pages=$(count "send queue_page")
lists=$(count "send esc_open")

out=$(PGUSER=sup "$CASEDESK_BIN" --sweep)
expect_eq "$out" "casedesk: sweep done, 1 escalations raised" "the sweep moved the question up"
for _ in $(seq 50); do
    grep -qE "notify [0-9]+ sweep 1" "$CONSOLE_LOG" &&
        [ "$(count "result esc_open")" -gt "$lists" ] && break
    sleep 0.1
done
grep -qE "notify [0-9]+ sweep 1" "$CONSOLE_LOG" || fail "the sweep's notification arrived"
sleep 1
expect_eq "$(count "send esc_open")" "$((lists + 1))" "the escalation list fetched once"
expect_eq "$(count "send queue_page")" "$pages" "the queue page not reloaded for an alarm"
grep -A100 -E "notify [0-9]+ sweep 1" "$CONSOLE_LOG" | grep -q "send changes" &&
    fail "a sweep's notification needs no change check"
keys 2
wait_for "moved up a level at"
keys 1
wait_for "$c1"

# Another reviewer claims and approves item 1: the item is read each time, at
# once (it is on the screen: no change check first), and put in its place.
rows=$(count "send queue_row")
checks=$(count "send changes")
sql_as rev_b "select casedesk.claim(1, 1, gen_random_uuid())" >/dev/null
wait_for "claimed  李静" 2
expect_eq "$(count "send changes")" "$checks" "a change on the screen needs no check"
sql_as rev_b "select casedesk.approve(1, 2, gen_random_uuid())" >/dev/null
wait_gone "$c1" 2
[ "$(count "send queue_row")" -ge $((rows + 2)) ] ||
    fail "the claim and the approval read item 1 ($rows before, $(count "send queue_row") after)"
keys q
wait_for "casedesk-exit-status=0"
echo ok
