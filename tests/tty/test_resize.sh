#!/usr/bin/env bash
# Resizing: at 60x15 the optional columns go and the rest stays readable;
# below 40x10 the console says so and ignores action keys; back at 80x24 the
# full layout returns with the same data and cursor.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
c2=$(case_no 2)
start_console 80 24
wait_for "$c2"
keys j

tm resize-window -t console -x 60 -y 15
wait_gone "owner"
wait_for "$c2"
expect_eq "$(screen | sed -n 3p)" "    left    case            item        applicant   status" "titles at 60 columns"
expect_eq "$(masked | grep -F "$c1")" "    ####### $c1 建筑工程施… 福建某建设… open" "item 1 at 60 columns"
screen | sed -n 13p | grep -qF "王芳 reviewer" || fail "status line at row 13 of 15"
screen | sed -n 15p | grep -qF "c claim" || fail "hints on the last row"

tm resize-window -t console -x 30 -y 8
wait_for "terminal too small"
wait_for "30x8, needs 40x10"
keys c
sleep 0.5
expect_eq "$(sql "select status from casedesk.case_item where id = 3")" "pending" "action key ignored while too small"

tm resize-window -t console -x 80 -y 24
wait_for "owner"
wait_gone "terminal too small"
expect_eq "$(masked | grep -F "$c2")" "    ####### $c2 建筑工程施工许可  北京某置业有限公司 open" "item 3 back at 80 columns"
# The cursor is still on the second item.
keys c
wait_for "claimed $c2"
expect_eq "$(sql "select status || ' ' || assignee from casedesk.case_item where id = 3")" "claimed rev_a" \
    "claim after the resize acts on the same item"
keys q
wait_for "casedesk-exit-status=0"
echo ok
