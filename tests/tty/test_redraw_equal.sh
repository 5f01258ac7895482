#!/usr/bin/env bash
# After every frame the screen equals what a full redraw (C-l) shows: no cell
# of an earlier frame stays behind, also around wide and emoji text whose
# width the terminal and the C library may count differently.
. "$(dirname "$0")/lib.sh"

file_cases 6
# An applicant name with an emoji ZWJ sequence and VS16, on the second case.
sql "update casedesk.applicant set name = U&'\\+01F468\\200D\\+01F469\\200D\\+01F467\\2764\\FE0F公司'
      where id = (select applicant_id from casedesk.case_file where id = 2)"
mapfile -t order < <(queue_order)

same_after_redraw() { # same_after_redraw WHAT
    local before after
    sleep 0.3
    before=$(masked | sed -E "s/refreshed [0-9]+[smh] ago/refreshed #/")
    keys C-l
    sleep 0.3
    after=$(masked | sed -E "s/refreshed [0-9]+[smh] ago/refreshed #/")
    [ "$before" = "$after" ] || {
        diff <(echo "$before") <(echo "$after") || true
        fail "$1: the screen differs from a redraw"
    }
}

start_console 80 24
wait_for "${order[5]}"
same_after_redraw "first screen"

# Tag the second line, open the fourth: no tag mark in the item view.
keys j Space
wait_selected "${order[2]}"
keys j
wait_selected "${order[3]}"
keys Enter
wait_for "Matter" 10
same_after_redraw "item view after tagging"
screen | grep -q '^\*' && fail "a tag mark stayed in the item view"
keys Escape
wait_for "${order[5]}"
keys U

# The editor over the emoji name.
keys g j
wait_selected "${order[1]}"
keys m
wait_for "C-d save" 10
same_after_redraw "editor over an emoji name"
keys Escape
wait_gone "C-d save" 10
same_after_redraw "editor closed"

# A shorter name replaces a wide one: nothing of the old one stays.
sql "update casedesk.applicant set name = 'AB'
      where id = (select applicant_id from casedesk.case_file where id = 2)"
sql "update casedesk.case_item set change_seq = nextval('casedesk.change_seq') where case_id = 2"
sql "notify casedesk"
keys R
wait_for " AB " 10
same_after_redraw "a shorter name"
keys q
wait_for "casedesk-exit-status=0"
echo ok
