#!/usr/bin/env bash
# Four consoles open, each asking for a sweep every second: the sweep runs
# about once a second for the centre, not four times, and an alarm it raises
# still reaches every console's department.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
cfg=$(refresh_config 3600 1)
for who in rev_a rev_b rev_c sup; do
    on "$who"
    start_console 80 24 "$who" --config "$cfg"
done
for who in rev_a rev_b rev_c; do on "$who"; wait_for "refreshed" 10; done
runs0=$(sql "select runs from casedesk.sweep_clock")
t0=$(date +%s.%N)
sleep 6
runs=$(( $(sql "select runs from casedesk.sweep_clock") - runs0 ))
secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", b - a + 0.999 }')
asks=0
for who in rev_a rev_b rev_c sup; do
    n=$(grep -c "send sweep_check" "$(log_of "$who")" || true)
    [ "$n" -ge 3 ] || fail "$who asked for a sweep $n times"
    asks=$((asks + n))
done
echo "$asks asks, $runs sweeps in ${secs}s"
[ "$runs" -ge 2 ] || fail "the centre was swept $runs times in ${secs}s"
[ "$runs" -le $((secs + 2)) ] || fail "$runs sweeps in ${secs}s: one per console, not one per centre"

# Item 1 (department 1) turns yellow: one alarm, raised by whichever console
# swept, reaches rev_a's escalation count.
sql "update casedesk.case_item set yellow_at = now() - interval '1 minute' where id = 1" >/dev/null
for _ in $(seq 100); do
    [ "$(sql "select count(*) from casedesk.escalation where item_id = 1 and kind = 'yellow'")" = 1 ] && break
    sleep 0.1
done
expect_eq "$(sql "select count(*) from casedesk.escalation where item_id = 1 and kind = 'yellow'")" "1" "one yellow alarm"
on rev_a
keys 2
wait_for "$c1" 5
for who in rev_a rev_b rev_c sup; do on "$who"; keys q; wait_for "casedesk-exit-status=0"; done
echo ok
