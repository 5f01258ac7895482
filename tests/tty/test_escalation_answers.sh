#!/usr/bin/env bash
# Two on-call officers of department 1 acknowledge the same escalation at
# once: the first wins, the second is told who ("already acknowledged by
# 陈杰 at 10:32"). Then resolve with an answer and hand on to another
# department's reviewer store their rows; an escalation nobody acknowledged
# in time shows as moved up when the sweep raises the next level.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
sql "do \$\$ begin
       if not exists (select from pg_roles where rolname = 'oncall_b') then
         create role oncall_b login in role casedesk_oncall;
       end if;
     end \$\$;
     insert into casedesk.staff values ('oncall_b', '周敏', 'oncall', true);
     insert into casedesk.staff_department values ('oncall_b', 1)"
raise() {
    sql_as win "select casedesk.escalate(gen_random_uuid(), 1, 1, 1::smallint, '$1')"
}
e1=$(raise "第一问：图纸版本？")
e2=$(raise "第二问：人防面积？")
e3=$(raise "第三问：开工日期？")

on desk_a
start_console 100 30 oncall_a
wait_for "第三问"
on desk_b
start_console 100 30 oncall_b
wait_for "第三问"
wait_for "3 waiting, 0 late"
# The most urgent first: the first raised has the earliest response time.
expect_eq "$(screen | sed -n 4p | grep -c 第一问)" "1" "the first escalation is on top"

# Both see version 1. B stops following changes, so it still acts on it
# after A has acknowledged.
keys Z
wait_for "live updates paused"
on desk_a
keys a
wait_for "acknowledged $c1 建筑工程施工许可"
on desk_b
keys a
wait_for "acknowledge $c1: already acknowledged by 陈杰 at"
wait_for "— reloaded"
expect_eq "$(sql "select acknowledged_by || ' ' || version from casedesk.escalation where id = $e1")" \
    "oncall_a 2" "one acknowledgement, A's"
expect_eq "$(sql "select count(*) from casedesk.audit where escalation_id = $e1 and action = 'acknowledge'")" \
    "1" "one acknowledge audit row"
keys Z
wait_for "live updates resumed"
wait_for "Acknowledged by 陈杰 at"

# A resolves the one it acknowledged (the cursor stayed on it as it moved
# below the waiting ones).
on desk_a
wait_for "Acknowledged by 陈杰 at"
keys d
wait_for "Resolve the escalation on $c1 建筑工程施工许可 — answer"
type_text "以最新版图纸为准"
keys C-d
wait_for "resolved $c1 建筑工程施工许可"
wait_gone "第一问"
expect_eq "$(sql "select resolved_by || ' ' || resolution from casedesk.escalation where id = $e1")" \
    "oncall_a 以最新版图纸为准" "the resolution"
expect_eq "$(sql "select actor from casedesk.audit where escalation_id = $e1 and action = 'resolve'")" \
    "oncall_a" "the resolve audit row"

# Hand the second on to a reviewer of department 2: a department by number,
# the login after it, then a note.
keys g
wait_for "Escalation $e2 ·"
keys h
wait_for "Hand on the escalation on $c1 建筑工程施工许可 — to whom"
wait_for "2. 人民防空办公室"
type_text "2 rev_c"
keys Enter
wait_for "Hand on to rev_c, 人民防空办公室 — note"
type_text "面积问题请人防办答复"
keys C-d
wait_for "handed on $c1 建筑工程施工许可"
wait_gone "第二问"
expect_eq "$(sql "select department_id || ' ' || addressee || ' ' || hand_on_note || ' '
                         || (resolution is null) || ' '
                         || (acknowledged_at is null) || ' ' || (respond_by > raised_at)
                    from casedesk.escalation where id = $e2")" \
    "2 rev_c 面积问题请人防办答复 true true true" "handed on: new department, person and clock"
expect_eq "$(sql "select actor from casedesk.audit where escalation_id = $e2 and action = 'hand_on'")" \
    "oncall_a" "the hand-on audit row"
on desk_b
wait_gone "第二问"

# Nobody acknowledged the third in time: the sweep moves it up a level.
sql "update casedesk.escalation set respond_by = now() - interval '1 minute' where id = $e3" >/dev/null
sql "select casedesk.sweep()" >/dev/null
wait_for "unanswered L2" 2
line_with "第三问" | grep -qE "^!! moved up +window L1" || fail "the late one is marked moved up"
wait_for "1 waiting, 0 late"

keys q
wait_for "casedesk-exit-status=0"
on desk_a
keys q
wait_for "casedesk-exit-status=0"
echo ok
