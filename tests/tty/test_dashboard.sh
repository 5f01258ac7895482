#!/usr/bin/env bash
# The dashboard: the meters under the tab bar follow another console's
# changes within a second, without periodic queries of their own; a meter
# leads to its list; from 120x36 the queue view has two panes, the keys act
# on the focused one only, and a resize across the threshold keeps each
# pane's selection. Then every job at 80x24, 132x40 and 160x48.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
c2=$(case_no 2)
count() { grep -c -- "$1" "$CONSOLE_LOG" || true; }
meters() { screen | sed -n 2p | sed 's/ *$//'; }

# --- the meters, live ------------------------------------------------------------
# No periodic query: whatever the console learns comes with a notification.
start_console 80 24 rev_a --config "$(refresh_config 3600 3600)"
wait_for "$c2"
wait_for " open 2  !! red 0  ! yellow 0  || paused 0  mine 0  escalations 0" 10

# Another console decides item 1: within a second (a notification, then the
# page, which carries the meters).
sql_as rev_b "select casedesk.claim(1, 1, gen_random_uuid())" >/dev/null
sql_as rev_b "select casedesk.approve(1, 2, gen_random_uuid())" >/dev/null
wait_for " open 1  " 1
# I claim item 3: mine.
keys c
wait_for "mine 1" 2
# A window clerk's question to department 1: waiting, its countdown ticking.
sql_as win "select casedesk.escalate(gen_random_uuid(), 2, 3, 1::smallint, '材料齐了吗？')" >/dev/null
wait_for "escalations 1, " 2
meters | grep -qE "escalations 1, [0-9]:[0-9]{2}$" || fail "the countdown on the meters: [$(meters)]"
# In business hours the countdown ticks; outside them it stands, as the
# escalation's clock does.
open_now=$(sql "select count(*) from casedesk.business_intervals(now() - interval '1 minute', now() + interval '1 minute')
                 where opens <= now() and closes > now() + interval '5 seconds'")
if [ "$open_now" = 1 ]; then
    first=$(meters)
    for _ in $(seq 30); do [ "$(meters)" != "$first" ] && break; sleep 0.1; done
    [ "$(meters)" != "$first" ] || fail "the escalation's countdown does not tick on the meters"
fi
# Item 3 past its time; a sweep (another program) marks it red: the meters
# come with the escalation list its notification fetches.
sql "update casedesk.case_item set yellow_at = now() - interval '2 minutes',
         due_at = now() - interval '1 minute' where id = 3" >/dev/null
PGUSER=sup "$CASEDESK_BIN" --sweep >/dev/null
wait_for "!! red 1" 1
# Only the check every console makes once it is connected.
expect_eq "$(count "send changes") $(count "send sweep_check")" "1 0" "no periodic query"

# A meter is a way in: red is the overdue filter, W the escalation desk,
# :mine my claimed items.
keys '!'
wait_for "filter: overdue"
keys W
wait_for "[2 Escalations]"
keys :
type_text "mine"
keys Enter
wait_for "filter: mine"
wait_for "$c2"
keys Escape
wait_for "filter: my departments"
keys q
wait_for "casedesk-exit-status=0"
tm kill-session -t console

# --- idle: one query a period ------------------------------------------------------
start_console 80 24 rev_a --config "$(refresh_config 10 10)"
wait_for "refreshed" 10
sleep 1
sends=$(count " send ")
sleep 21
idle=$(( $(count " send ") - sends ))
[ "$idle" -ge 1 ] && [ "$idle" -le 3 ] || fail "idle for 21 s with a 10 s period: $idle queries"
keys q
wait_for "casedesk-exit-status=0"
tm kill-session -t console

# --- two panes, focus, resize ---------------------------------------------------------
# A new case for department 1, and a question about it.
file_cases 1
c3=$(case_no 3)
item3=$(sql "select id from casedesk.case_item where case_id = 3 and department_id = 1")
sql_as win "select casedesk.escalate(gen_random_uuid(), 3, $item3, 1::smallint, '图纸版本？')" >/dev/null
start_console 132 40 rev_a
wait_for "▶ Queue" 10
wait_for "$c3" 10
wait_for "图纸版本" 10
wait_selected "$c2" 10
# The keys go to the escalations (the question, the sweep's red alarm and the
# new one): j moves there, not in the queue, and a is an escalation's key,
# not an approval.
keys w
wait_for "▶ Escalations"
line_with "  Queue" | grep -qF "▶" && fail "both panes marked"
keys g j j
wait_selected "$c3" 5
keys a
wait_for "only on-call staff and supervisors answer escalations"
expect_eq "$(sql "select status from casedesk.case_item where id = 3")" "claimed" "a acted on the queue"
# Back in the queue, its cursor is where it was.
keys w
wait_for "▶ Queue"
wait_selected "$c2" 5
keys w
wait_for "▶ Escalations"
wait_selected "$c3" 5
# Smaller than 120x36: the queue alone, its cursor on the same item.
tm resize-window -t console -x 80 -y 24
wait_gone "▶" 10
wait_selected "$c2" 10
# Back: the escalations keep the keys and their selection, the queue its item.
tm resize-window -t console -x 132 -y 40
wait_for "▶ Escalations" 10
wait_selected "$c3" 5
keys w
wait_for "▶ Queue"
wait_selected "$c2" 5
keys q
wait_for "casedesk-exit-status=0"
tm kill-session -t console

# --- every job at each size -------------------------------------------------------------
for login in rev_a oncall_a sup win; do
    for size in "80 24" "132 40" "160 48"; do
        read -r cols rows <<<"$size"
        start_console "$cols" "$rows" "$login"
        wait_for "escalations " 10
        wait_for " open " 10
        keys 1
        wait_for "[1 Queue]" 5
        if [ "$cols" -ge 120 ]; then
            wait_for "▶ Queue" 5
            screen | grep -q "^  Escalations" || fail "$login $size: the escalations' pane"
            if [ "$login" = oncall_a ]; then
                # Their escalation desk the other way round.
                keys 2
                wait_for "▶ Escalations" 5
                wait_for "$c2" 5
                [ "$(screen | grep -n "▶ Escalations" | cut -d: -f1)" -lt \
                  "$(screen | grep -n "^  Queue" | cut -d: -f1)" ] || fail "$login: escalations above"
                # The queue's pane takes the keys there: Enter opens its item.
                keys w
                wait_for "▶ Queue"
                keys Enter
                wait_for "Flow" 5
                keys Escape
                wait_for "[2 Escalations]" 5
                wait_for "▶ Queue"
            fi
        else
            sleep 0.3
            screen | grep -q "▶" && fail "$login $size: panes below 120x36"
        fi
        # The meters on every view, no line past the edge.
        for view in 1 2 3 4; do
            keys "$view"
            sleep 0.3
            meters | grep -qE "^ (open [0-9]+  )?!! red [0-9]+" || fail "$login $size view $view: meters [$(meters)]"
            if [ "$login" = sup ] && [ "$view" = 3 ]; then
                # From 160 columns the figures have the red items beside them.
                if [ "$cols" -ge 160 ]; then
                    wait_for "▶ Figures" 5
                    wait_for "  Red items, every department — 1" 5
                    wait_for "$c2" 5
                    # ! gives the red items the keys; Enter opens one, Esc
                    # comes back to the figures with that pane's keys.
                    keys '!'
                    wait_for "▶ Red items" 5
                    wait_selected "$c2" 5
                    keys Enter
                    wait_for "Flow" 5
                    keys Escape
                    wait_for "▶ Red items" 5
                    keys w
                    wait_for "▶ Figures" 5
                else
                    screen | grep -q "Red items" && fail "$size: red items beside the figures"
                fi
            fi
            w=$(screen | LC_ALL=C.UTF-8 wc -L)
            [ "$w" -le "$cols" ] || fail "$login $size view $view: a line is $w columns wide"
        done
        keys q
        wait_for "casedesk-exit-status=0"
        tm kill-session -t console
    done
done
echo ok
