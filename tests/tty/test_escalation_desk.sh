#!/usr/bin/env bash
# Two consoles: a window clerk (win) raises an escalation on case 1 to
# department 1 with a Chinese question; the on-call officer of department 1
# (oncall_a), whose home view is the escalation desk, sees it within a second
# with its 3-minute response countdown and acknowledges it; the clerk's own
# list shows it acknowledged, live. The database has the escalation and the
# audit rows of both.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
question="请问施工许可还缺哪些材料？"

on desk
start_console 80 24 oncall_a
wait_for "[2 Escalations]"          # on-call staff start at the escalation desk
wait_for "Nothing here: no open escalation"
expect_eq "$(screen | sed -n 24p)" \
    "a ack  d resolve  h hand on  Enter open item  ? help  q quit  Tab views" "on-call hints"

on clerk
start_console 100 30 win
wait_for "[4 Intake]" 10            # a window clerk starts at the intake
keys 1
wait_for "$c1"
wait_for "[1 Queue] 2 Escalations"
# A clerk asks and looks; the reviewer's keys are not offered.
expect_eq "$(screen | sed -n 30p | sed 's/ *$//')" \
    "e ask a department  Enter open  / search  \\ filter  Tab views  ? help  q quit" "clerk's queue hints"
# The first row is case 1's civil air-defence item (department 2): the
# clerk asks department 1 all the same, about the case.
keys e
wait_for "Escalate case $c1 (福建某建设有限公司) — to which department"
wait_for "1. 住房和城乡建设局"
wait_for "3. 人力资源和社会保障局"
type_text "9"
keys Enter
wait_for "Type the number of a department from the list."
keys BSpace
type_text "1"
keys Enter
wait_for "Escalate case $c1 to 住房和城乡建设局 — question"
type_text "$question"
keys C-d
wait_for "escalated $c1 to 住房和城乡建设局"
keys 2
wait_for "[2 Escalations] 4 Intake | raised by you: 1, 1 waiting"
wait_for "Not acknowledged yet: respond by"
line_with "$question" | grep -qE "^(  |\|\|) [23]:[0-5][0-9]  +住房和城乡建设局 +$c1 建筑工程施工许可 " ||
    fail "the clerk's line: countdown, department, case, item"

on desk
wait_for "$c1" 1
line_with "$c1" | grep -qE "^(  |\|\|) [23]:[0-5][0-9]  +window L1 +$c1 建筑工程施工许可" ||
    fail "the desk's line: countdown, who asked, case and item"
wait_for "From 孙丽 (window L1) at"
wait_for "$question"
wait_for "1 waiting, 0 late"
# The countdown runs in business time (after hours it stands at 3:00,
# marked "||").
expect_eq "$(sql "select casedesk.working_minutes_between(raised_at, respond_by)
                    from casedesk.escalation")" "3" "three business minutes to respond"

keys a
wait_for "acknowledged $c1 建筑工程施工许可"
wait_for "Acknowledged by 陈杰 at"
line_with "$c1" | grep -qE "^   ack'd +window L1" || fail "acknowledged on the desk"
expect_eq "$(sql "select acknowledged_by || ' ' || (acknowledged_at is not null) || ' ' || version
                    || ' ' || item_id || ' ' || department_id || ' ' || note
                    from casedesk.escalation")" "oncall_a true 2 1 1 $question" "the escalation"
expect_eq "$(sql "select string_agg(actor || ':' || action, ',' order by id) from casedesk.audit
                   where escalation_id is not null")" "win:escalate,oncall_a:acknowledge" "audit rows"

on clerk
wait_for "Acknowledged by 陈杰 at" 2
line_with "$question" | grep -qE "^   ack'd +住房和城乡建设局" || fail "acknowledged on the clerk's list"
wait_for "raised by you: 1, 0 waiting"

# Enter on the desk opens the item behind the escalation; Esc comes back.
on desk
keys Enter
wait_for "Flow chart"
wait_for "Project    滨江花园一期"
expect_eq "$(screen | sed -n 24p | sed 's/ *$//')" "Esc back  Tab views  Q code  ? help  q quit" \
    "on-call detail hints: nothing to decide"
keys Escape
wait_for "[2 Escalations]"
wait_for "Acknowledged by 陈杰 at"
# Two views for on-call staff: Tab goes round them; 3 is for supervisors.
keys Tab
wait_for " [1 Queue] 2 Escalations |"
expect_eq "$(screen | sed -n 24p | sed 's/ *$//')" \
    "Enter open  / search  \\ filter  Tab views  ? help  q quit" "on-call queue hints: read only"
keys Tab
wait_for " 1 Queue [2 Escalations] |"
keys 3
wait_for "the supervisor view is for supervisors"
keys q
wait_for "casedesk-exit-status=0"
on clerk
keys q
wait_for "casedesk-exit-status=0"
echo ok
