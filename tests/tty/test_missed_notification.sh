#!/usr/bin/env bash
# A change whose notification never arrives still reaches the screen: the
# console's periodic sweep also asks for changes, in the same round trip,
# and reloads the page when it finds one. (The change below is made by hand,
# so no NOTIFY is sent.)
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
start_console 80 24 rev_a --config "$(refresh_config 3600 2)"
wait_for "$c1"
wait_for "refreshed"
line_with "$c1" | grep -qF "open" || fail "item 1 starts open"

sql "update casedesk.case_item set status = 'claimed', assignee = 'rev_b',
            claim_expires = now() + interval '1 hour', version = version + 1,
            change_seq = nextval('casedesk.change_seq')
      where id = 1" >/dev/null
wait_for "claimed  李静" 5
line_with "$c1" | grep -qF "claimed  李静" || fail "the claim shows on item 1's line"
grep -q "send sweep_check" "$CONSOLE_LOG" || fail "the sweep asked for changes"
grep -q "send changes" "$CONSOLE_LOG" && [ "$(grep -c "send changes" "$CONSOLE_LOG")" -gt 1 ] &&
    fail "only the first check after connecting is a separate query"
keys q
wait_for "casedesk-exit-status=0"
echo ok
