#!/usr/bin/env bash
# A change to an item on the page, heard in its notification, is read alone
# and put in its place: a claim changes its line, an approval takes it off
# and the first of the spare rows read past the page moves up, and the
# meters follow; only when the spare rows are used up is the page read
# again. (No periodic check runs here: every query comes from a
# notification, but for the one item read with the first page, which pays
# for compiling the read alone before any change needs it.)
. "$(dirname "$0")/lib.sh"

file_cases 30
mapfile -t order < <(queue_order)
mapfile -t ids < <(sql "select id from casedesk.case_item
                         where department_id = 1 and status = 'pending' order by due_at, id")
expect_eq "${#ids[@]}" "32" "open items of department 1"
rows=18   # 24 lines less header, meters, titles, status, message and hints
count() { grep -c -- "$1" "$CONSOLE_LOG" || true; }
bottom() { screen | sed -n $((rows + 3))p | cut -c13-27; }
decide() { # rev_b claims item $1 and approves it
    local v
    v=$(sql "select version from casedesk.case_item where id = $1")
    sql_as rev_b "select casedesk.claim($1, $v, gen_random_uuid())" >/dev/null
    wait_for "claimed  李静" 5
    sql_as rev_b "select casedesk.approve($1, $((v + 1)), gen_random_uuid())" >/dev/null
}

start_console 80 24 rev_a --config "$(refresh_config 3600 3600)"
wait_for "${order[0]}"
wait_for "open 32"
expect_eq "$(bottom)" "${order[$((rows - 1))]}" "last row of the page"
grep -qF "result queue_page: $((rows + 9)) rows" "$CONSOLE_LOG" ||
    fail "the page came with one row to tell that there are more and 8 spare rows"
for _ in $(seq 50); do [ "$(count "result queue_row")" -ge 1 ] && break; sleep 0.1; done
expect_eq "$(count "send queue_row")" "1" "one item read alone with the first page"
sleep 0.5
expect_eq "$(count "send queue_row")" "1" "only one"
line_with "${order[0]}" | grep -qE "open *$" || fail "the item read with the page is shown as it was"
pages=$(count "send queue_page")
alone=$(count "send queue_row")

# A claim changes the line in place.
v=$(sql "select version from casedesk.case_item where id = ${ids[0]}")
sql_as rev_b "select casedesk.claim(${ids[0]}, $v, gen_random_uuid())" >/dev/null
wait_for "claimed  李静" 5
line_with "${order[0]}" | grep -qF "claimed  李静" || fail "the claim is on the first item's line"
expect_eq "$(count "send queue_page")" "$pages" "no page for a claim"
[ "$(count "send queue_row")" -gt "$alone" ] || fail "the claimed item was read alone"

# The approval takes the item off; the first spare row comes up at the
# bottom, and the meters count one open item less.
sql_as rev_b "select casedesk.approve(${ids[0]}, $((v + 1)), gen_random_uuid())" >/dev/null
wait_gone "${order[0]}" 5
wait_for "open 31" 5
wait_for "${order[$rows]}" 5
expect_eq "$(screen | sed -n 4p | cut -c13-27)" "${order[1]}" "the next item is first"
expect_eq "$(bottom)" "${order[$rows]}" "the first spare row moved up"
expect_eq "$(count "send queue_page")" "$pages" "no page for an approval"

# Eight more, below the first line (case 2 has a second item waiting for
# the one on line 1, which would join the queue): the spare rows run out,
# and still no page.
for k in $(seq 2 9); do
    decide "${ids[$k]}"
    wait_for "${order[$((rows + k - 1))]}" 5
    wait_gone "${order[$k]}" 5
done
expect_eq "$(bottom)" "${order[$((rows + 8))]}" "the last spare row at the bottom"
wait_for "open 23" 5
expect_eq "$(count "send queue_page")" "$pages" "no page while spare rows last"
patches=$(count "result queue_row")
[ "$patches" -ge 18 ] || fail "$patches items read alone for 9 claims and approvals"

# The tenth approval leaves a line empty with more to come: the page.
decide "${ids[10]}"
wait_for "${order[$((rows + 9))]}" 5
expect_eq "$(bottom)" "${order[$((rows + 9))]}" "the page read again fills the bottom"
expect_eq "$(count "send queue_page")" "$((pages + 1))" "one page when no spare row was left"
expect_eq "$(screen | sed -n 4p | cut -c13-27) $(screen | sed -n 5p | cut -c13-27)" \
    "${order[1]} ${order[11]}" "the first rows after ten approvals"
keys q
wait_for "casedesk-exit-status=0"
echo ok
