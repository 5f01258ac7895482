#!/usr/bin/env bash
# A note typed in Chinese over two lines is stored exactly; the detail view
# shows it. Esc on a non-empty note asks before discarding it.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
start_console 80 24
wait_for "$c1"

keys m
wait_for "Note on 建筑工程施工许可 for 福建某建设有限公司"
type_text "需要补充材料"
keys Enter
type_text "第二行 ok"
wait_for "第二行 ok"
keys BSpace BSpace BSpace
type_text "，好"
wait_for "第二行，好"
keys Escape
wait_for "Discard the text?"
keys n
wait_gone "Discard the text?"
keys C-d
wait_for "note added to $c1 建筑工程施工许可"
expect_eq "$(sql "select body from casedesk.annotation where item_id = 1")" "需要补充材料
第二行，好" "stored note"
expect_eq "$(sql "select author from casedesk.annotation where item_id = 1")" "rev_a" "author"

keys Enter
wait_for "Flow chart"
wait_for "Notes"
wait_for "    需要补充材料"
wait_for "    第二行，好"
wait_for "王芳 "
keys G
wait_for "History"
wait_for "王芳  annotate"
keys Escape
wait_for "filter: my departments"
keys q
wait_for "casedesk-exit-status=0"
echo ok
