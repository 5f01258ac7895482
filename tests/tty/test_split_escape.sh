#!/usr/bin/env bash
# An arrow key whose bytes arrive apart (ordinary over SSH) stays an arrow
# key: ESC, then "OA" tens of milliseconds later, in the reason editor moves
# the cursor; it neither asks to discard the text nor types "A" into it.
# The wait is display.escape_delay_ms (600 ms here, so that a loaded machine
# cannot stretch the gap past it; the default of 150 ms is a unit test's).
. "$(dirname "$0")/lib.sh"

cfg=${CONSOLE_LOG%.log}-esc.cfg
trap 'rm -f "$cfg"; tty_cleanup' EXIT
printf 'display = { escape_delay_ms = 600; };\n' >"$cfg"

c1=$(case_no 1)
start_console 80 24 rev_a --config "$cfg"
wait_for "$c1"
keys c
wait_for "claimed $c1"
keys r
wait_for "C-d save"
type_text "材料不全"
wait_for "材料不全"
# One tmux command list: the gap is the sleep plus tmux's own latency.
tm send-keys -t console Escape \; run-shell 'sleep 0.08' \; send-keys -t console -l OA
sleep 1
screen | grep -qF "Discard" && fail "a split arrow key became Esc"
screen | grep -qF "材料不全A" && fail "a split arrow key typed A"
screen | grep -qF "材料不全" || fail "the text is kept"
grep -q "key Up" "$CONSOLE_LOG" || fail "the console did not read an arrow key"
keys C-d
wait_for "rejected $c1"
expect_eq "$(sql "select reason from casedesk.decision where item_id = 1 and kind = 'reject'")" "材料不全" "reason"
keys q
wait_for "casedesk-exit-status=0"
echo ok
