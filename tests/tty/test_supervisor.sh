#!/usr/bin/env bash
# The supervisor's home view at 80x24 and 132x40 with figures made known
# first; the per-matter table; drilling down from a figure lists exactly the
# items behind it; @ reassigns an item to a reviewer picked by number;
# :release-all releases what a reviewer holds claimed; a new escalation
# flashes the escalations tab and rings the bell when display.bell is on.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
c2=$(case_no 2)
# A third case of matter M1: item 5 for department 1, item 6 for department 2.
sql_as win "select casedesk.file_case(gen_random_uuid(), 'M1',
                '91440300MA5EXAMP1' || casedesk.credit_code_check_char('91440300MA5EXAMP1'),
                '深圳某科技有限公司', '新园区', 'window')" >/dev/null
c3=$(case_no 3)
# Items 1 (department 1) and 2 (department 2) decided today, on time, in no
# business time at all (they entered the queue this instant); item 1 on the
# first pass, item 2 rejected.
sql "update casedesk.case_item set entered_at = now() where id in (1, 2)" >/dev/null
sql_as rev_a "select casedesk.claim(1, 1, gen_random_uuid())" >/dev/null
sql_as rev_a "select casedesk.approve(1, 2, gen_random_uuid())" >/dev/null
sql_as rev_c "select casedesk.claim(2, 1, gen_random_uuid())" >/dev/null
sql_as rev_c "select casedesk.reject(2, 2, gen_random_uuid(), '图纸不全')" >/dev/null
# Item 3 (case 2, department 1) overdue: the sweep marks it red.
sql "update casedesk.case_item set due_at = now() - interval '1 hour',
            yellow_at = now() - interval '2 hours' where id = 3" >/dev/null
sql "select casedesk.sweep()" >/dev/null

cfg=${TMPDIR:-/tmp}/casedesk-tty-$$.cfg
printf 'display = { bell = true; };\n' >"$cfg"
trap 'rm -f "$cfg"; tty_cleanup' EXIT

start_console 80 24 sup -c "$cfg"
wait_for "[3 Supervisor]"            # the supervisor's home view
wait_for "By department — figures of"
wait_for "decisions a day"
expect_eq "$(screen | sed -n 4p)" \
    "department        open  yel  red paus today   7d  30d ontime  1pass median   esc" "titles at 80"
expect_eq "$(screen | sed -n 5p)" \
    "住房和城乡建设局     2    0    1    0     1    1    1   100%   100%     0m     -" "department 1"
expect_eq "$(screen | sed -n 6p)" \
    "人民防空办公室       1    0    0    0     1    1    1   100%     0%     0m     -" "department 2"
expect_eq "$(screen | sed -n 7p)" \
    "人力资源和社会…      0    0    0    0     0    0    0      -      -      -     -" "department 3"
expect_eq "$(screen | sed -n 10p)" \
    "住房和城乡建设局 ████████████████████████  100%  ████████████████████████     2" "bars of 1"
expect_eq "$(screen | sed -n 11p)" \
    "人民防空办公室   ████████████████████████  100%  ████████████                 1" "bars of 2"
expect_eq "$(screen | sed -n 14p)" \
    "last 14 days  ▁▁▁▁▁▁▁▁▁▁▁▁▁█  decisions a day, 住房和城乡建设局 (most 1)" "sparkline"
expect_eq "$(screen | sed -n 24p)" \
    "Enter items  Left/Right figure  \\ dept/matter  ? help  q quit  Tab views" "hints"

# Per matter type.
keys '\'
wait_for "By matter type — figures of"
expect_eq "$(screen | sed -n 5p)" \
    "项目开工一件事       2    0    0    0     2    2    2   100%  50.0%     0m     -" "matter M1"
expect_eq "$(screen | sed -n 6p)" \
    "项目竣工一件事       1    0    1    0     0    0    0      -      -      -     -" "matter M2"
keys '\'
wait_for "By department — figures of"

# At 132x40 the names are whole and the bars longer.
tm resize-window -t console -x 132 -y 40
wait_for "人力资源和社会保障局"
expect_eq "$(screen | sed -n 7p)" \
    "人力资源和社会保障局               0    0    0    0     0    0    0      -      -      -     -" \
    "department 3 at 132"
expect_eq "$(screen | sed -n 11p | sed 's/ *$//')" \
    "人民防空办公室                 ███████████████████████████████████████████  100%  █████████████████████▌                          1" \
    "bars of 2 at 132"
tm resize-window -t console -x 80 -y 24
wait_for "人力资源和社会…"

# The red figure of department 1: item 3, nothing else.
keys Right Right Right Enter
wait_for "red · 住房和城乡建设局: 1 items"
wait_for "$c2"
expect_eq "$(screen | grep -cE '^ .. .{7} [0-9]{8}-[0-9]{6} ')" "1" "one item behind red"
line_with "$c2" | grep -qE "^ !! " || fail "the red item is marked overdue"
keys Escape
wait_for "[3 Supervisor]"
# Its open figure: items 3 and 5, most urgent first; not the decided item 1.
keys Left Left Enter
wait_for "open · 住房和城乡建设局: 2 items"
expect_eq "$(screen | sed -n 4p | cut -c13-27)" "$c2" "first: the overdue item"
expect_eq "$(screen | sed -n 5p | cut -c13-27)" "$c3" "then the new case's"
expect_eq "$(screen | grep -cE '^ .. .{7} [0-9]{8}-[0-9]{6} ')" "2" "two items behind open"
screen | grep -qF "$c1" && fail "a decided item is not open"
expect_eq "$(screen | sed -n 24p)" \
    "@ reassign  u release  Space tag  Enter open  Esc back  ? help  q quit  / search" \
    "the supervisor's queue hints"
# Tags do not outlive the list they were made on, and ending it says so.
keys Space
wait_for "items | 1 ta"          # "1 tagged", cut at 80 columns
keys Escape
wait_for "1 tags cleared with the list"
wait_for "[3 Supervisor]"
keys Enter
wait_for "open · 住房和城乡建设局: 2 items"
screen | grep -qF "items | 1 ta" && fail "no tag carried into the new list"
keys g

# @ on item 3: the reviewers of department 1, by number.
keys @
wait_for "Reassign 建筑工程施工许可 for 北京某置业有限公司 — to whom"
wait_for "1. 王芳 (rev_a)"
wait_for "3. 李静 (rev_b)"
type_text "3"
keys Enter
wait_for "reassigned $c2 建筑工程施工许可"
wait_for "claimed  李静"
expect_eq "$(sql "select status || ' ' || assignee from casedesk.case_item where id = 3")" \
    "claimed rev_b" "reassigned to rev_b"
expect_eq "$(sql "select actor || ' ' || (after ->> 'assignee') from casedesk.audit
                   where item_id = 3 and action = 'reassign'")" "sup rev_b" "the reassign audit row"

# rev_b is away: release everything rev_b holds.
keys :
type_text "release-all rev_b"
keys Enter
wait_for "claimed by rev_b: 1 items"
wait_for "Release 1 tagged items? [y/N]"
keys y
wait_for "released 1 tagged items"
expect_eq "$(sql "select status || ' ' || coalesce(assignee, '-') from casedesk.case_item where id = 3")" \
    "pending -" "released"
expect_eq "$(sql "select actor from casedesk.audit where item_id = 3 and action = 'release'")" \
    "sup" "the release audit row"
keys Escape
wait_for "[3 Supervisor]"

# A new escalation: the tab says so and flashes; the bell rings.
sql_as win "select casedesk.escalate(gen_random_uuid(), 1, null, 2::smallint, '请人防办看一下')" >/dev/null
wait_for "2 Escalations +1" 2
grep -q "^ *[0-9.]* bell$" "$CONSOLE_LOG" || fail "the bell rang"
keys 2
wait_for "[2 Escalations]"
wait_for "请人防办看一下"
screen | sed -n 1p | grep -qF "+1" && fail "seen: no longer counted as new"

# Tab and Shift-Tab go round the four views.
keys Tab
wait_for " 1 Queue 2 Escalations [3 Supervisor] 4 Intake"
keys Tab
wait_for " 1 Queue 2 Escalations 3 Supervisor [4 Intake]"
keys Tab
wait_for " [1 Queue] 2 Escalations 3 Supervisor 4 Intake"
keys BTab BTab
wait_for " 1 Queue 2 Escalations [3 Supervisor] 4 Intake"
wait_for "By department — figures of"

keys q
wait_for "casedesk-exit-status=0"
echo ok
