#!/usr/bin/env bash
# The connection breaks while an approval is on its way: the console cannot
# know whether it was committed, says so, and sends it again with the same
# request id when the database is back. The item ends approved once.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
start_console 80 24
wait_for "$c1"
keys c
wait_for "claimed $c1"

# Hold the item's row so that the approval waits in the server.
hold_lock "select 1 from casedesk.case_item where id = 1 for update" 3
keys a
wait_for "[y/N]"
keys y
drop_when_waiting
wait $locker
wait_for "approved $c1 建筑工程施工许可" 15
expect_eq "$(sql "select status from casedesk.case_item where id = 1")" "approved" "approved after the resend"
# The message was on screen only until the reconnection a moment later.
grep -qF "message: approve $c1: the connection broke; it is sent again when the database is back" \
    "$CONSOLE_LOG" || fail "the user was told the outcome was unknown"
expect_eq "$(sql "select count(*) from casedesk.audit where item_id = 1 and action = 'approve'")" "1" \
    "one approval"
grep -qE "action approve on item 1 version [0-9]+ request [0-9a-f-]{36} \(again\)" "$CONSOLE_LOG" ||
    fail "the approval was sent again"
first=$(grep -oE "action approve on item 1 version [0-9]+ request [0-9a-f-]{36}$" "$CONSOLE_LOG" | awk '{print $NF}')
again=$(grep -oE "request [0-9a-f-]{36} \(again\)" "$CONSOLE_LOG" | awk '{print $2}')
expect_eq "$again" "$first" "the same request id"
keys q
wait_for "casedesk-exit-status=0"
echo ok
