#!/usr/bin/env bash
# An escalation's response clock counts business time. Asked on a holiday,
# its clock stands: the desk marks it "||" and says that the clock is
# stopped until the centre opens, and when that is. Asked while the centre is open
# (here: business hours all day), the clock runs and nothing says otherwise.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
tz=$(sql "select time_zone from casedesk.centre")
today="(now() at time zone '$tz')::date"
# A time as the console writes it: HH:MM today in the centre, MM-DD HH:MM
# another day.
clock() {
    sql "select to_char(t at time zone '$tz',
                        case when (t at time zone '$tz')::date = (now() at time zone '$tz')::date
                             then 'HH24:MI' else 'MM-DD HH24:MI' end)
           from ($1) x(t)"
}

# Today is a holiday: now is outside business time, whatever the hour.
sql "insert into casedesk.calendar_day (day, kind, name) values ($today, 'holiday', '测试假日')
     on conflict (day) do update set kind = 'holiday'" >/dev/null
e1=$(sql_as win "select casedesk.escalate(gen_random_uuid(), 1, null, 1::smallint, '节假日的咨询')")
respond_by=$(clock "select respond_by from casedesk.escalation where id = $e1")
opens=$(clock "select opens from casedesk.business_intervals(now(), now() + interval '30 days')
                order by opens limit 1")

on night
start_console 100 30 oncall_a
wait_for "节假日的咨询"
line_with "节假日的咨询" | grep -qE "^\|\| 3:00  +window L1 +$c1 " ||
    fail "the list marks the stopped clock"
wait_for "Not acknowledged yet: respond by $respond_by, clock stopped until $opens (3:00 left)"
keys q
wait_for "casedesk-exit-status=0"

# Open all day, today a working day: the clock runs.
sql "delete from casedesk.calendar_day where day = $today;
     insert into casedesk.calendar_day (day, kind, name)
     select $today, 'workday', '测试调休' where extract(isodow from $today) >= 6;
     delete from casedesk.business_hours;
     insert into casedesk.business_hours (block, opens, closes) values (1, '00:00', '24:00')" >/dev/null
sql "update casedesk.escalation set resolved_at = now(), resolved_by = 'oncall_a' where id = $e1" >/dev/null
sql_as win "select casedesk.escalate(gen_random_uuid(), 1, null, 1::smallint, '工作时间的咨询')" >/dev/null

on day
start_console 100 30 oncall_a
wait_for "工作时间的咨询"
line_with "工作时间的咨询" | grep -qE "^   [23]:[0-5][0-9]  +window L1 +$c1 " ||
    fail "a running clock has no mark"
wait_for "Not acknowledged yet: respond by"
screen | grep -qF "clock stopped" && fail "a running clock said to stand"
keys q
wait_for "casedesk-exit-status=0"
echo ok
