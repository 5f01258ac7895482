#!/usr/bin/env bash
# The detail view (flow chart, knowledge base, history), the help overlay made
# from the key map, search, filters, a supplement request and an escalation.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
c2=$(case_no 2)
start_console 100 30
wait_for "$c2"

# Help: every action with its keys, its help text and its name in the
# config file's bindings, in a column of their own.
keys '?'
wait_for "Keys"
wait_for "j, Down      Move down one line"
names=$(col_of "$(line_with "what it does")" "config name")
expect_eq "$(col_of "$(line_with "j, Down ")" "move-down")" "$names" "the config name of move-down"
wait_for "Esc close"
keys G
wait_for "?, F1        Show the keys"
expect_eq "$(col_of "$(line_with "?, F1 ")" "help")" "$names" "the config name of help"
keys Escape
wait_gone "move-down"

# Detail of case 1's item: the parallel item of the other department too.
keys Enter
wait_for "Flow chart"
wait_for "    建筑工程施工许可"
wait_for "    新建民用建筑防空地下室审批"
wait_for "人民防空办公室"
wait_for "1. 施工图设计文件审查合格书"
wait_for "Project    滨江花园一期"
keys G
wait_for "History"
keys Escape
wait_for "filter: my departments"

# Case 2's item 4 waits for item 3: "->" and what it waits for.
keys j Enter
wait_for "-> 竣工验收备案"
wait_for "waits for 建筑工程施工许可"
keys Escape

# Search in the loaded rows, then n wraps around.
keys g '/'
type_text "北京"
wait_for "/北京"
keys Enter
wait_for "| /北京"
keys c
wait_for "claimed $c2"
keys Enter
# The history has come (G goes to the end of what is there), then its end:
# under the meters the detail no longer fits 100x30.
wait_for "孙丽  file_item"
keys G
wait_for "王芳  claim  open -> claimed"
keys Escape
keys n
keys Escape
wait_gone "| /北京"

# Filters: mine, then unclaimed, shown in the header.
keys '\'
wait_for "filter:  d my departments  m mine  u unclaimed  p paused  o overdue"
keys m
wait_for "filter: mine"
wait_gone "$c1"
wait_for "$c2"
keys '\' u
wait_for "filter: unclaimed"
wait_for "$c1"
wait_gone "$c2"
keys Escape
wait_for "filter: my departments"
wait_for "$c2"

# Supplement request on item 3: materials by number, then an optional note;
# the clock stops ("||").
keys j s
wait_for "which materials"
wait_for "1. 施工图设计文件审查合格书"
type_text "1，2"
keys Enter
wait_for "note (optional)"
type_text "请补齐后再交"
keys C-d
wait_for "asked for material: $c2"
wait_for "suppl."
line_with "$c2" | grep -qE "^ \|\| " || fail "paused item marked ||"
expect_eq "$(sql "select status from casedesk.case_item where id = 3")" "supplement" "status"
expect_eq "$(sql "select array_to_string(materials, '/') || ' ' || reason from casedesk.decision where item_id = 3")" \
    "施工图设计文件审查合格书/建设工程规划许可证 请补齐后再交" "materials and note"

# Escalate item 1 with a question.
keys k e
wait_for "Escalate 建筑工程施工许可"
type_text "请人防办确认"
keys C-d
wait_for "escalated $c1"
expect_eq "$(sql "select note || ' ' || raised_by || ' ' || source from casedesk.escalation where item_id = 1")" \
    "请人防办确认 rev_a reviewer" "escalation"

keys q
wait_for "casedesk-exit-status=0"
echo ok
