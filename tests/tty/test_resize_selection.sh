#!/usr/bin/env bash
# The selection is an item, not a line: far down the list, shrinking the
# terminal to any size (even too small) and growing it back keeps the cursor
# on the same case, and the next key acts on that case.
. "$(dirname "$0")/lib.sh"

# 40 more cases of matter M1 (one item each for department 1).
file_cases 40
mapfile -t order < <(queue_order)
expect_eq "${#order[@]}" "42" "open items of department 1"

start_console 132 40
wait_selected "${order[0]}" 10
for size in "60 15" "80 24" "40 10" "30 8"; do
    for _ in $(seq 13); do keys j; done
    wait_selected "${order[13]}" 10
    set -- $size
    tm resize-window -t console -x "$1" -y "$2"
    if [ "$1" -lt 40 ]; then
        wait_for "terminal too small" 10
    else
        sleep 0.5
        wait_selected "${order[13]}" 10
    fi
    tm resize-window -t console -x 132 -y 40
    wait_for "owner" 10
    sleep 0.5
    wait_selected "${order[13]}" 10
    keys g
    wait_selected "${order[0]}" 10
done

# The next key acts on the selected case.
for _ in $(seq 13); do keys j; done
wait_selected "${order[13]}" 10
tm resize-window -t console -x 60 -y 15
sleep 0.5
tm resize-window -t console -x 132 -y 40
wait_for "owner" 10
keys c
wait_for "claimed ${order[13]}" 10
expect_eq "$(sql "select cf.case_no from casedesk.case_item ci join casedesk.case_file cf on cf.id = ci.case_id
                   where ci.status = 'claimed'")" "${order[13]}" "claim after the resizes acts on the selected case"
keys q
wait_for "casedesk-exit-status=0"
echo ok
