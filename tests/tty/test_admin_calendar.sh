#!/usr/bin/env bash
# casedesk admin calendar: import a year's schedule, show it back in the same
# format; bad files are refused with file:line and change nothing; when the
# calendar ends (or has ended) --sweep and the admin commands say so.
. "$(dirname "$0")/lib.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"; tty_cleanup' EXIT
adm() { "$CASEDESK_BIN" admin "$@"; }
days() { sql "select count(*) || '/' || coalesce(max(imported_at)::text, '-') from casedesk.calendar_day, casedesk.calendar_year"; }

cat >"$dir/2027.txt" <<'CAL'
# 2027, as published
year 2027
2027-01-01 holiday 元旦
2027-02-06..2027-02-13 holiday 春节
2027-02-14 workday 春节调休上班
2027-12-31 holiday
CAL
out=$(adm calendar import "$dir/2027.txt" 2>/dev/null)
expect_eq "$out" "casedesk admin: calendar 2027 imported: 255 working days, 11 days listed" "import output"
expect_eq "$(sql "select count(*) from casedesk.calendar_day where day >= '2027-01-01'")" "11" "rows of 2027"
expect_eq "$(sql "select casedesk.add_working_days('2027-02-05 10:00+08', 1) at time zone 'Asia/Shanghai'")" \
    "2027-02-14 17:00:00" "a limit counted over the new holidays (the make-up Sunday is next)"
expect_eq "$(sql "select actor || ' ' || (after->>'year') from casedesk.audit where action = 'calendar_import'")" \
    "postgres 2027" "audit row"
# show prints the file back (without its comments).
adm calendar show 2027 2>/dev/null | grep -v '^#' >"$dir/shown.txt"
grep -v '^#' "$dir/2027.txt" | diff - "$dir/shown.txt" || fail "calendar show differs from the file"
# Importing the shown schedule again changes nothing but the import time.
adm calendar import "$dir/shown.txt" >/dev/null 2>&1
expect_eq "$(sql "select count(*) from casedesk.calendar_day where day >= '2027-01-01'")" "11" "re-import"
# The shipped example reads.
adm calendar import "$(dirname "$0")/../../conf/calendar-2027.example" >/dev/null 2>&1 || fail "the example file"

refuse() { # refuse FILE-CONTENT WANT
    printf '%b' "$1" >"$dir/bad.txt"
    local before after out rc
    before=$(days)
    set +e
    out=$(adm calendar import "$dir/bad.txt" 2>&1 >/dev/null)
    rc=$?
    set -e
    expect_eq "$rc" "1" "exit status for: $2"
    expect_eq "$out" "$2" "message"
    after=$(days)
    expect_eq "$after" "$before" "calendar after a refused import"
}
refuse 'year 2028\n2028-01-01 holiday 元旦\n2028-01-01 holiday 元旦\n' "$dir/bad.txt:3: 2028-01-01 is already listed on line 2"
refuse 'year 2028\n2028-01-03 workday 调休\n' "$dir/bad.txt:2: 2028-01-03 is a Monday; a make-up working day must be a Saturday or Sunday"
refuse 'year 2028\n2028-01-01..2028-12-31 holiday 休\n' "$dir/bad.txt: the year 2028 has no working day"
refuse 'year 2028\n2027-12-31 holiday\n' "$dir/bad.txt:2: the day is not in 2028"
refuse '2028-01-01 holiday\n' "$dir/bad.txt:1: expected 'year YYYY' before the first day"
set +e
out=$(adm calendar import "$dir/missing.txt" 2>&1)
rc=$?
set -e
expect_eq "$rc:$out" "1:$dir/missing.txt: No such file or directory" "a missing file"
# The database refuses the same things whoever calls (a make-up weekday).
set +e
out=$(sql "select casedesk.calendar_import(2028, '{2028-01-03}', '{workday}', '{x}')" 2>&1)
set -e
echo "$out" | grep -qF "the make-up working day 2028-01-03 is a weekday" || fail "database check: $out"
# Only administrators import.
set +e
out=$(PGUSER=sup "$CASEDESK_BIN" admin calendar import "$dir/2027.txt" 2>&1)
rc=$?
set -e
expect_eq "$rc" "1" "supervisor import"
echo "$out" | grep -qF "refused (42501)" || fail "supervisor import: $out"

# The warning: a calendar whose last year is over, then one that runs on.
this=$(sql "select extract(year from now())::int")
sql "delete from casedesk.calendar_year; insert into casedesk.calendar_year (year, imported_by) values ($this - 1, 'test')"
err=$(PGUSER=rev_a "$CASEDESK_BIN" --sweep 2>&1 >/dev/null)
expect_eq "$err" "casedesk: warning: the working-day calendar ended on $((this - 1))-12-31: every time limit is wrong until next year's schedule is imported (casedesk admin calendar import)" "sweep warning"
adm staff list 2>&1 >/dev/null | grep -qF "the working-day calendar ended on" || fail "admin commands warn too"
sql "insert into casedesk.calendar_year (year, imported_by) values ($this + 1, 'test')"
err=$(PGUSER=rev_a "$CASEDESK_BIN" --sweep 2>&1 >/dev/null)
expect_eq "$err" "" "no warning when the calendar runs on"
echo "admin calendar: import, show, refusals, the end-of-calendar warning"
