#!/usr/bin/env bash
# Four consoles open with a sweep period of one second and a fallback of
# four: the centre is swept about once a second, not four times, by one
# console's backend, which alone asks every second; the others ask every
# four seconds. When that console closes, another takes the sweep over, and
# an alarm it raises still reaches every console's department.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
cfg=$(refresh_config 4 1)
for who in rev_a rev_b rev_c sup; do
    on "$who"
    start_console 80 24 "$who" --config "$cfg"
done
for who in rev_a rev_b rev_c sup; do on "$who"; wait_for "refreshed" 10; done

asks() { grep -c "send sweep_check" "$(log_of "$1")" || true; }
# The login whose console's backend is recorded as sweeping, once one is.
sweeper() {
    sql "select a.usename from pg_stat_activity a join casedesk.sweep_clock c on a.pid = c.sweeper"
}
for _ in $(seq 100); do [ -n "$(sweeper)" ] && break; sleep 0.1; done
first=$(sweeper)
[ -n "$first" ] || fail "no console's backend sweeps"

declare -A before
for who in rev_a rev_b rev_c sup; do before[$who]=$(asks "$who"); done
runs0=$(sql "select runs from casedesk.sweep_clock")
t0=$(date +%s.%N)
sleep 8
runs=$(( $(sql "select runs from casedesk.sweep_clock") - runs0 ))
secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", b - a + 0.999 }')
for who in rev_a rev_b rev_c sup; do
    n=$(( $(asks "$who") - before[$who] ))
    echo "$who asked $n times in ${secs}s"
    if [ "$who" = "$first" ]; then
        [ "$n" -ge 5 ] || fail "the sweeping console ($who) asked $n times in ${secs}s"
    else
        # Every 4 s: 2 in 8 s, 3 when the window straddles a third.
        [ "$n" -ge 1 ] && [ "$n" -le 3 ] || fail "$who, not sweeping, asked $n times in ${secs}s"
    fi
done
expect_eq "$(sweeper)" "$first" "the same console still sweeps"
echo "$runs sweeps in ${secs}s"
[ "$runs" -ge 4 ] || fail "the centre was swept $runs times in ${secs}s"
[ "$runs" -le $((secs + 2)) ] || fail "$runs sweeps in ${secs}s: one per console, not one per centre"

# The sweeping console closes: within a period and a half plus one fallback
# another console's backend sweeps.
on "$first"
keys q
wait_for "casedesk-exit-status=0"
for _ in $(seq 150); do
    now=$(sweeper)
    [ -n "$now" ] && [ "$now" != "$first" ] && break
    sleep 0.1
done
[ -n "$now" ] && [ "$now" != "$first" ] || fail "nobody took the sweep over from $first"
echo "$now took the sweep over from $first"
runs1=$(sql "select runs from casedesk.sweep_clock")
sleep 3
[ $(( $(sql "select runs from casedesk.sweep_clock") - runs1 )) -ge 2 ] ||
    fail "the sweep did not go on every second after $now took it over"

# Item 1 (department 1) turns yellow: one alarm, raised by the console now
# sweeping, reaches rev_a's escalation count (rev_a's own console, or, if
# rev_a was the one closed, a new one).
sql "update casedesk.case_item set yellow_at = now() - interval '1 minute' where id = 1" >/dev/null
for _ in $(seq 100); do
    [ "$(sql "select count(*) from casedesk.escalation where item_id = 1 and kind = 'yellow'")" = 1 ] && break
    sleep 0.1
done
expect_eq "$(sql "select count(*) from casedesk.escalation where item_id = 1 and kind = 'yellow'")" "1" "one yellow alarm"
if [ "$first" = rev_a ]; then
    on rev_a2
    start_console 80 24 rev_a --config "$cfg"
else
    on rev_a
fi
keys 2
wait_for "$c1" 5
for who in rev_a rev_a2 rev_b rev_c sup; do
    [ "$who" = "$first" ] && continue
    [ "$who" = rev_a2 ] && [ "$first" != rev_a ] && continue
    on "$who"; keys q; wait_for "casedesk-exit-status=0"
done
echo ok
