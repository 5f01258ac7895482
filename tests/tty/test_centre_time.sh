#!/usr/bin/env bash
# The console's login session is in New York, the centre in Beijing: every
# time on screen is the centre's, as the database writes it. Item 1 is made
# overdue and the sweep raises its red alarm, whose note names the due time
# as the server writes it; on the escalation desk the alarm's raising time
# and respond-by time, and in the item's detail its due and received times,
# are those of the centre's clock. The system that raised the alarm is named
# in words, never as a database role.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
tz=$(sql "select time_zone from casedesk.centre")
expect_eq "$tz" "Asia/Shanghai" "the centre's zone"
# A time as the console writes it: HH:MM today in the centre, MM-DD HH:MM
# another day.
clock() {
    sql "select to_char($1 at time zone '$tz',
                        case when ($1 at time zone '$tz')::date = (now() at time zone '$tz')::date
                             then 'HH24:MI' else 'MM-DD HH24:MI' end)
           from casedesk.escalation where kind = 'red'"
}
sql "update casedesk.case_item set due_at = now() - interval '1 hour',
            yellow_at = now() - interval '2 hours' where id = 1" >/dev/null
out=$(PGUSER=sup "$CASEDESK_BIN" --sweep)
expect_eq "$out" "casedesk: sweep done, 1 escalations raised" "the sweep raised the red alarm"
due=$(sql "select to_char(due_at at time zone '$tz', 'YYYY-MM-DD HH24:MI')
             from casedesk.case_item where id = 1")
received=$(sql "select to_char(cf.received_at at time zone '$tz', 'YYYY-MM-DD HH24:MI')
                  from casedesk.case_file cf where cf.id = 1")
sql "select note from casedesk.escalation where kind = 'red'" | grep -qF "应于 $due 前办结" ||
    fail "the alarm's note names the due time $due"

CONSOLE_TZ=America/New_York start_console 100 30 oncall_a
wait_for "[2 Escalations]"
wait_for "$c1"
wait_for "应于 $due 前办结"
wait_for "From SLA watch (red L2) at $(clock raised_at), to 住房和城乡建设局"
wait_for "respond by $(clock respond_by)"

keys Enter
wait_for "Flow chart"
wait_for "Due        $due "
wait_for "Received   $received"
# The alarm in the item's history, raised by the system in words.
keys G
wait_for "$(sql "select to_char(at at time zone '$tz', 'MM-DD HH24:MI') from casedesk.audit
                 where action = 'sweep_red'")  SLA watch  sweep_red"
screen | grep -q casedesk_owner && fail "a database role on screen"
keys q
wait_for "casedesk-exit-status=0"
echo ok
