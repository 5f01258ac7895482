#!/usr/bin/env bash
# An item's detail counts time left the way its header does.
#   * Item 2 (civil air defence) is limited in calendar hours, 19h 23m left:
#     its line in the flow chart says 19h 23m like the header, not the
#     business time in between.
#   * Item 1 waits for supplementary material since two weeks ago, with
#     2h 30m of business time left when it stopped and its due time long
#     past: the detail says since when it is paused and how much time is
#     left when it resumes, not the due time in the past.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
tz=$(sql "select time_zone from casedesk.centre")

# An item keeps the limit it was filed under: item 2's own, as if its type
# had been limited in calendar hours when the case was filed.
sql "update casedesk.case_item set limit_unit = 'calendar_hours', limit_value = 48,
            due_at = now() + interval '19 hours 23 minutes 40 seconds',
            yellow_at = now() + interval '7 hours' where id = 2" >/dev/null

on civil
start_console 100 30 rev_c
wait_for "$c1"
keys Enter
wait_for "Flow chart"
wait_for "Left       19h 2"
left=$(line_with "Left       " | sed -E 's/^ *Left +([0-9]+h( [0-9]+m)?).*/\1/')
case $left in "19h 23m" | "19h 22m") ;; *) fail "the header's time left: [$left]" ;; esac
flow=$(screen | grep -E -m 1 "^ +新建民用建筑防空地下室审批 +人民防空办公室" || true)
[[ "$flow " == *" $left "* ]] || fail "the flow chart's line says [$flow], the header $left"
keys q
wait_for "casedesk-exit-status=0"

sql_as rev_a "select casedesk.claim(1, 1, gen_random_uuid())" >/dev/null
sql_as rev_a "select casedesk.request_supplement(1, 2, gen_random_uuid(),
                                                 array['建设工程规划许可证'], null)" >/dev/null
sql "update casedesk.case_item set paused_at = now() - interval '14 days' where id = 1;
     update casedesk.case_item set due_at = casedesk.add_working_minutes(paused_at, 150)
      where id = 1" >/dev/null
since=$(sql "select to_char(paused_at at time zone '$tz', 'YYYY-MM-DD HH24:MI')
               from casedesk.case_item where id = 1")
due=$(sql "select to_char(due_at at time zone '$tz', 'YYYY-MM-DD HH24:MI')
             from casedesk.case_item where id = 1")
expect_eq "$(sql "select due_at < now() from casedesk.case_item where id = 1")" "t" "due time past"

on reviewer
start_console 100 30 rev_a
wait_for "$c1"
wait_selected "$c1"
keys Enter
wait_for "Flow chart"
wait_for "Left       2h 30m when it resumes ||"
wait_for "Paused     since $since"
wait_for "Due        moves on resuming (originally "
screen | grep -qF "$due" && fail "the due time in the past ($due) is on screen"
keys q
wait_for "casedesk-exit-status=0"
echo ok
