#!/usr/bin/env bash
# The connection breaks while a filing is on its way: the console cannot
# know whether the case was filed, says so, and sends the filing again with
# the same request id when the database is back. One case is filed, and its
# tracking code shows.
. "$(dirname "$0")/lib.sh"

start_console 80 24 win
wait_for "[4 Intake]" 10
keys Enter
type_text "M2"
keys Enter
type_text "91350100M000100Y43"
wait_for "on record: the name is the database's" 10
keys Tab Tab
type_text "断线测试项目"
keys Enter
wait_for "Space ticks what was received" 10
keys Enter
wait_for "[y/N]"

# Hold the applicant's row so that the filing waits in the server.
hold_lock "select 1 from casedesk.applicant where credit_code = '91350100M000100Y43' for update" 3
keys y
drop_when_waiting
wait $locker
wait_for "tracking code: " 15
expect_eq "$(sql "select count(*) from casedesk.case_file where project_name = '断线测试项目'")" "1" \
    "one case"
grep -qF "the connection broke; it is sent again when the database is back" "$CONSOLE_LOG" ||
    fail "the user was not told the outcome was unknown"
first=$(grep -oE "request [0-9a-f-]{36}$" "$CONSOLE_LOG" | head -n 1 | awk '{print $2}')
again=$(grep -oE "request [0-9a-f-]{36} \(again\)" "$CONSOLE_LOG" | awk '{print $2}')
[ -n "$first" ] || fail "the filing was not logged"
expect_eq "$again" "$first" "the same request id sent again"
no=$(sql "select case_no from casedesk.case_file where project_name = '断线测试项目'")
wait_for "tracking code: $no"
keys Escape
wait_for "filed $no"
keys q
wait_for "casedesk-exit-status=0"
echo ok
