#!/usr/bin/env bash
# Claim, then approve with a y/N question that names the item; "no" is the
# default. The database ends with the item approved and audit rows by rev_a.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
start_console 80 24
wait_for "$c1"

keys c
wait_for "claimed $c1 建筑工程施工许可"
wait_for "claimed  王芳"
expect_eq "$(sql "select status || ' ' || assignee from casedesk.case_item where id = 1")" "claimed rev_a" \
    "after claim"

keys a
wait_for "Approve 建筑工程施工许可 for 福建某建设有限公司? [y/N]"
keys Enter
wait_for "cancelled"
expect_eq "$(sql "select status from casedesk.case_item where id = 1")" "claimed" "Enter answers no"

keys a
wait_for "[y/N]"
keys y
wait_for "approved $c1 建筑工程施工许可"
wait_gone "$c1 建筑工程施工许可  福建"
expect_eq "$(sql "select status || ' ' || decided_by from casedesk.case_item where id = 1")" \
    "approved rev_a" "after approve"
expect_eq "$(sql "select string_agg(action, ',' order by id) from casedesk.audit where item_id = 1 and actor = 'rev_a'")" \
    "claim,approve" "audit rows by rev_a"
expect_eq "$(sql "select count(distinct request_id) from casedesk.audit where item_id = 1 and actor = 'rev_a'")" \
    "2" "a fresh request id per action"

# Tagged items: both claimed with one question.
keys Space
wait_for "1 tagged"
keys c
wait_for "Claim 1 tagged items? [y/N]"
keys y
wait_for "claimed 1 tagged items"
expect_eq "$(sql "select status from casedesk.case_item where id = 3")" "claimed" "tagged claim"

keys q
wait_for "casedesk-exit-status=0"
echo ok
