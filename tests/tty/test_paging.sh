#!/usr/bin/env bash
# Keyset paging: a page is as many rows as the screen has (read forwards,
# with one row more to tell that there are more, and 8 spare rows that move
# up when a change takes an item off the page), and moving past its edges,
# PgDn/PgUp, g and G fetch only the page needed.
. "$(dirname "$0")/lib.sh"

# 40 more cases of matter M1 (one item each for department 1).
file_cases 40
# The queue order: due time, then id.
mapfile -t order < <(queue_order)
expect_eq "${#order[@]}" "42" "open items of department 1"

start_console 80 24
rows=18   # 24 lines less header, meters, titles, status, message and hints
wait_for "${order[0]}"
expect_eq "$(screen | sed -n 4p | cut -c13-27)" "${order[0]}" "first row"
expect_eq "$(screen | sed -n $((rows + 3))p | cut -c13-27)" "${order[$((rows - 1))]}" "last row of page 1"
wait_for "more below"
grep -qF "result queue_page: $((rows + 9)) rows" "$CONSOLE_LOG" || fail "a page asks for 9 rows more than it shows"

keys PageDown
wait_for "${order[$rows]}"
expect_eq "$(screen | sed -n 4p | cut -c13-27)" "${order[$rows]}" "first row of page 2"
wait_for "more above, more below"

# k on the first row fetches the page before, with the cursor on its last row.
keys k
wait_for "${order[$((rows - 1))]}"
keys c
wait_for "claimed ${order[$((rows - 1))]}"

keys G
wait_for "${order[41]}"
expect_eq "$(screen | sed -n $((rows + 3))p | cut -c13-27)" "${order[41]}" "last row of the last page"
wait_for "more above"
screen | grep -qF "more below" && fail "the last page says more below"

keys g
wait_for "${order[0]}"
expect_eq "$(screen | sed -n 4p | cut -c13-27)" "${order[0]}" "back at the top"

# j past the last row of a page goes on to the next page.
for _ in $(seq 1 $rows); do keys j; done
wait_for "${order[$((rows + rows - 1))]}"
expect_eq "$(screen | sed -n 4p | cut -c13-27)" "${order[$rows]}" "page 2 after moving down"

# Never everything at once.
grep -E "result queue_page(_back)?: ([0-9]+) rows" "$CONSOLE_LOG" | awk '$NF == "rows" && $(NF-1) > 27 { bad = 1 } END { exit bad }' \
    || fail "a page of more than 27 rows was fetched"
keys q
wait_for "casedesk-exit-status=0"
echo ok
