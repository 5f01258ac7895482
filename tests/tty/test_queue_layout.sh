#!/usr/bin/env bash
# The queue at 80x24 and at 132x40: the fixture's items with their Chinese
# names in aligned columns (CJK characters take two columns), the header, the
# status line from the database and the key hints.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
c2=$(case_no 2)

start_console 80 24
wait_for "$c2"
wait_for "refreshed"

expect_eq "$(screen | sed -n 1p)" " [1 Queue] 2 Escalations | filter: my departments" "header"
# The meters: rev_a's department, nothing red, no escalation; at 80 columns
# the on-time rate gives way.
wait_for "open 2"
expect_eq "$(screen | sed -n 2p)" " open 2  !! red 0  ! yellow 0  || paused 0  mine 0  escalations 0" "meters"
expect_eq "$(screen | sed -n 3p)" "    left    case            item              applicant          status   owner" \
    "column titles at 80 columns"
expect_eq "$(masked | grep -F "$c1")" "    ####### $c1 建筑工程施工许可  福建某建设有限公司 open" "item 1 at 80 columns"
expect_eq "$(masked | grep -F "$c2")" "    ####### $c2 建筑工程施工许可  北京某置业有限公司 open" "item 3 at 80 columns"
# rev_a works for department 1 only: item 2 (人防) is not in the queue.
screen | grep -qF "新建民用建筑防空地下室审批" && fail "an item of another department is shown"
# The countdown is business time: 5 working days from filing, so days and hours.
line_with "$c1" | grep -qE "^    [0-9]d( [0-9]h)? " || fail "countdown not in days and hours"
line_with "王芳" | grep -qF " 王芳 reviewer 住房和城乡建设局 | online | refreshed" || fail "status line"
expect_eq "$(screen | sed -n 24p)" "c claim  a approve  r reject  s suppl  m note  ? help  q quit  u release" "hint bar"

tm resize-window -t console -x 132 -y 40
wait_for "matter"
wait_for "$c2"
# 132x40 is a dashboard: the queue's pane under its title (it has the keys),
# the escalations' under it.
expect_eq "$(screen | sed -n 2p | sed 's/ *$//')" \
    " open 2  !! red 0  ! yellow 0  || paused 0  mine 0  escalations 0  on time today -" "meters at 132"
expect_eq "$(screen | sed -n 3p | sed 's/ *$//')" "▶ Queue" "the queue's pane has the keys"
screen | grep -qE "^  Escalations — 0 waiting, 0 late" || fail "the escalations' pane"
expect_eq "$(screen | sed -n 4p)" \
    "    left    case            matter             item                           applicant                      status   owner  age" \
    "column titles at 132 columns"
expect_eq "$(masked | grep -F "$c1")" \
    "    ####### $c1 项目开工一件事     建筑工程施工许可               福建某建设有限公司             open            #" \
    "item 1 at 132 columns"
expect_eq "$(masked | grep -F "$c2")" \
    "    ####### $c2 项目竣工一件事     建筑工程施工许可               北京某置业有限公司             open            #" \
    "item 3 at 132 columns"
expect_eq "$(screen | sed -n 40p)" "c claim  a approve  r reject  s suppl  m note  ? help  q quit  u release" \
    "hint bar stays within 80 columns"
# The bottom lines moved with the new size.
screen | sed -n 38p | grep -qF "王芳 reviewer" || fail "status line not at row 38 of 40"

keys q
wait_for "casedesk-exit-status=0"
echo ok
