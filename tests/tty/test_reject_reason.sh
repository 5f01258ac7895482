#!/usr/bin/env bash
# Rejecting needs a reason: an empty one is refused in the console (the item
# stays claimed); a reason picked by its number from the knowledge base is
# stored as its text.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
start_console 80 24
wait_for "$c1"
keys c
wait_for "claimed $c1"

keys r
wait_for "Reject 建筑工程施工许可 for 福建某建设有限公司"
wait_for "1. 施工图审查未通过"
wait_for "2. 规划许可证与申报不符"
wait_for "C-d save"
keys C-d
wait_for "A reason is required"
keys Escape
wait_for "cancelled"
expect_eq "$(sql "select status from casedesk.case_item where id = 1")" "claimed" "empty reason refused"
expect_eq "$(sql "select count(*) from casedesk.decision where item_id = 1")" "0" "no decision row"

# The server refuses a blank reason too (the console never sends one).
out=$(sql_as rev_a "select casedesk.reject(1, (select version from casedesk.case_item where id = 1), gen_random_uuid(), '  ')" 2>&1 || true)
echo "$out" | grep -qF "must not be empty" || fail "server accepted a blank reason: $out"

keys r
wait_for "1. 施工图审查未通过"
keys 1 C-d
wait_for "rejected $c1 建筑工程施工许可"
expect_eq "$(sql "select status from casedesk.case_item where id = 1")" "rejected" "status"
expect_eq "$(sql "select reason from casedesk.decision where item_id = 1 and kind = 'reject'")" \
    "施工图审查未通过" "reason from the knowledge base"
keys q
wait_for "casedesk-exit-status=0"
echo ok
