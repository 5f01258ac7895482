#!/usr/bin/env bash
# Anyone may NOTIFY casedesk with any payload. A forged change number does
# not blind the console, and 20,000 junk notifications cost a bounded number
# of fetches: the next real changes still show within seconds.
. "$(dirname "$0")/lib.sh"

count() { grep -c -- "$1" "$CONSOLE_LOG" || true; }

c2=$(case_no 2)
start_console 80 24
CONSOLE_LOG=$(log_of "$CONSOLE")
wait_for "$c2"
sleep 1

pages=$(count "send queue_page")
lists=$(count "send esc_open")
# Item 3 is on the screen: the highest change number there is, for it and
# for the escalations.
sql "select pg_notify('casedesk', '9223372036854775807 item 3');
     select pg_notify('casedesk', '9223372036854775807 sweep 1')" >/dev/null
# And a flood, every payload different so that none is folded.
sql "select count(pg_notify('casedesk', i || case i % 3 when 0 then ' item 3'
                                                  when 1 then ' sweep 1' else ' junk' end))
       from generate_series(1, 20000) i" >/dev/null
sleep 2
[ "$(count "notify ")" -ge 20000 ] || fail "the console heard the flood ($(count "notify ") notifications)"
[ $(($(count "send queue_page") - pages)) -le 20 ] ||
    fail "the flood fetched the page $(($(count "send queue_page") - pages)) times"
[ $(($(count "send esc_open") - lists)) -le 20 ] ||
    fail "the flood fetched the escalations $(($(count "send esc_open") - lists)) times"

# A change off the screen is still found by the check: a new case whose item
# falls due first.
sql_as win "select casedesk.file_case(gen_random_uuid(), 'M1',
                '91440300MA5EXAMP1' || casedesk.credit_code_check_char('91440300MA5EXAMP1'),
                '深圳某科技有限公司', '新园区', 'window')" >/dev/null
sql "update casedesk.case_item set due_at = due_at - interval '1 day',
            change_seq = nextval('casedesk.change_seq')
      where case_id = 3 and department_id = 1" >/dev/null
wait_for "深圳某科技有限公司" 15
# And a change on the screen.
sql_as rev_b "select casedesk.claim(3, 1, gen_random_uuid())" >/dev/null
wait_for "claimed  李静" 5
keys q
wait_for "casedesk-exit-status=0"
echo ok
