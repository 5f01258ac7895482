#!/usr/bin/env bash
# An item crosses into yellow and then red while the console is open: its
# mark changes from blank to "! " to "!!" without a key press and without a
# query (the marks come from the due and yellow times already loaded); then
# the sweep (casedesk --sweep, as cron would run it) raises the alarm once.
. "$(dirname "$0")/lib.sh"

# An item type limited in working minutes, and a case of it.
sql "insert into casedesk.item_type values
         (9, 'T9', '即办件：企业名称变更备案', 'name change filing', 1, 2, 'working_minutes', 0.5);
     insert into casedesk.matter_type values (9, 'M9', '名称变更一件事', 'name change', 1);
     insert into casedesk.matter_item values (9, 9)" >/dev/null
sql_as win "select casedesk.file_case(gen_random_uuid(), 'M9', '91350100M000100Y43',
                '福建某建设有限公司', '名称变更', 'window')" >/dev/null
item=$(sql "select id from casedesk.case_item where item_type_id = 9")
kase=$(sql "select case_no from casedesk.case_file cf join casedesk.case_item ci on ci.case_id = cf.id
             where ci.id = $item")
# Two working minutes only run down inside business hours; pin the clock's
# marks a few seconds ahead so the test holds at any hour: yellow in 3 s, due
# in 6 s (what add_working_minutes gives at 09:00 + 1 and + 2, compressed).
sql "update casedesk.case_item
        set yellow_at = now() + interval '3 seconds', due_at = now() + interval '6 seconds',
            original_due_at = now() + interval '6 seconds',
            change_seq = nextval('casedesk.change_seq')
      where id = $item" >/dev/null

# No sweep and no fallback poll while watching: nothing may fetch the page.
start_console 80 24 rev_a --config "$(refresh_config 3600 3600)"
wait_for "$kase"
mark() { line_with "$kase" | cut -c2-3; }
expect_eq "$(mark)" "  " "green: no mark"
queries_before=$(grep -c "send queue_page" "$CONSOLE_LOG" || true)

wait_for_mark() {
    for _ in $(seq 100); do [ "$(mark)" = "$1" ] && return 0; sleep 0.1; done
    fail "waited 10s for the mark [$1] on $kase"
}
wait_for_mark "! "
wait_for_mark "!!"
line_with "$kase" | grep -qE '^ !! -' || fail "an overdue item counts down below zero"
queries_after=$(grep -c "send queue_page" "$CONSOLE_LOG" || true)
expect_eq "$queries_after" "$queries_before" "the marks changed without fetching the page"

keys q
wait_for "casedesk-exit-status=0"

# The sweep judges by the server's clock: wait until it too is past due.
for _ in $(seq 30); do
    [ "$(sql "select now() >= due_at from casedesk.case_item where id = $item")" = t ] && break
    sleep 0.1
done
# The sweep raises the alarm once: the item was already red when it looked.
out=$(PGUSER=sup "$CASEDESK_BIN" --sweep)
expect_eq "$out" "casedesk: sweep done, 1 escalations raised" "the sweep's report"
out=$(PGUSER=sup "$CASEDESK_BIN" --sweep)
expect_eq "$out" "casedesk: sweep done, 0 escalations raised" "a second sweep raises nothing"
expect_eq "$(sql "select string_agg(kind, ',' order by kind) from casedesk.escalation
                   where item_id = $item and source = 'sweep'")" "red" \
    "one red alarm"
echo ok
