#!/usr/bin/env bash
# The supervisor view says when the working-day calendar has ended or ends
# within 60 days, on the last row of its body, and says nothing while it
# runs on; R fetches it again with the figures. --sweep warns of a calendar
# that ends soon too.
. "$(dirname "$0")/lib.sh"

tz=$(sql "select time_zone from casedesk.centre")
this=$(sql "select extract(year from now() at time zone '$tz')::int")
calendar_years() { sql "delete from casedesk.calendar_year; insert into casedesk.calendar_year (year, imported_by)
                       select y, 'test' from unnest('{$1}'::int[]) y" >/dev/null; }
last_body_row() { screen | sed -n 21p; }

# Last year's calendar: ended.
calendar_years "$((this - 2)),$((this - 1))"
start_console 80 24 sup
wait_for "By department — figures of"
wait_for "Working-day calendar ended $((this - 1))-12-31: every limit is wrong; import next year's" 10
expect_eq "$(last_body_row)" \
    "Working-day calendar ended $((this - 1))-12-31: every limit is wrong; import next year's" \
    "the warning on the body's last row"
# The table and the charts keep their places above it.
wait_for "decisions a day"
expect_eq "$(screen | sed -n 4p)" \
    "department        open  yel  red paus today   7d  30d ontime  1pass median   esc" "titles"
expect_eq "$(screen | sed -n 24p)" \
    "Enter items  Left/Right figure  \\ dept/matter  ? help  q quit  Tab views" "hints"

# Next year's imported: the warning goes with the next figures.
calendar_years "$this,$((this + 1))"
keys R
wait_gone "Working-day calendar" 10
expect_eq "$(last_body_row | sed 's/ *$//')" "" "the last row blank again"

# A calendar that ends in 30 days, whatever day the test runs: its end is
# the last day of its last year, so calendar_end() is made to say so here.
end=$(sql "select (now() at time zone '$tz')::date + 30")
sql "create or replace function casedesk.calendar_end() returns date language sql stable
     as \$\$ select (now() at time zone (select time_zone from casedesk.centre))::date + 30 \$\$" >/dev/null
keys R
wait_for "Working-day calendar ends $end, in 30 days: import next year's" 10
expect_eq "$(last_body_row | sed 's/ *$//')" "Working-day calendar ends $end, in 30 days: import next year's" \
    "the warning of a calendar that ends soon"
# The view is still the supervisor's, with its figures.
screen | grep -qF "住房和城乡建设局" || fail "the figures are gone"

# --sweep says the same.
err=$(PGUSER=rev_a "$CASEDESK_BIN" --sweep 2>&1 >/dev/null)
expect_eq "$err" "casedesk: warning: the working-day calendar ends on $end (in 30 days): import next year's schedule (casedesk admin calendar import), or limits past it will be wrong" \
    "sweep warning of a calendar that ends soon"

keys q
wait_for "casedesk-exit-status=0" 10
echo "supervisor view: the calendar's end, ended, soon and not at all"
