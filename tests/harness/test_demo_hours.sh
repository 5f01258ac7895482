#!/usr/bin/env bash
# The demo happens inside the centre's business hours: every case of the
# demo data was received at the window in business time, and the simulated
# colleagues act only while the centre is open.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
unset PGHOST PGPORT PGDATABASE PGUSER

"$top/tests/with-postgres" --demo -- bash -s "$top" <<'SH'
set -euo pipefail
top=$1
q() { psql -X -qAt -v ON_ERROR_STOP=1 -c "$1"; }
fail() { echo "FAIL: $*"; exit 1; }

closed() { # closed TABLE COLUMN: rows whose instant is outside business hours
    q "select count(*) from casedesk.$1
        where casedesk.working_minutes_between($2 - interval '1 minute', $2 + interval '1 minute') = 0"
}
[ "$(closed case_file received_at)" = 0 ] || fail "$(closed case_file received_at) demo cases received outside business hours"
[ "$(q "select count(*) > 100 from casedesk.case_file")" = t ] || fail "no demo cases"

# The simulator's functions, without its loop (the watched process is gone).
"$top/sql/demo/simulate" --pid 999999999 --log /dev/null

# The centre's today and tomorrow: a run that crosses midnight in the
# centre's zone meets the same calendar on both sides.
days="select (now() at time zone 'Asia/Shanghai')::date + k from generate_series(0, 1) k"

# Closed: today is a holiday. Nothing happens, however often it is asked.
q "insert into casedesk.calendar_day (day, kind, name)
   select d, 'holiday', 'test' from ($days) t(d)
   on conflict (day) do update set kind = 'holiday'" >/dev/null
before=$(q "select count(*) from casedesk.audit")
for _ in $(seq 30); do
    out=$(q "select casedesk_demo.step()")
    [ "$out" = "outside business hours: the centre is closed" ] || fail "acted while closed: $out"
done
[ "$(q "select count(*) from casedesk.audit")" = "$before" ] || fail "audit rows written while closed"

# Open round the clock today: the colleagues work.
q "begin;
   delete from casedesk.calendar_day where day in ($days);
   insert into casedesk.calendar_day (day, kind, name)
   select d, 'workday', 'test' from ($days) t(d)
    where extract(isodow from d) >= 6;
   delete from casedesk.business_hours where block <> 1;
   update casedesk.business_hours set opens = '00:00', closes = '24:00' where block = 1;
   commit" >/dev/null
for _ in $(seq 10); do q "select casedesk_demo.step()" >/dev/null; done
[ "$(q "select count(*) from casedesk.audit")" -gt "$before" ] || fail "nothing happened while open"
echo ok
SH
