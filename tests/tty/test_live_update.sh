#!/usr/bin/env bash
# A change made in another session shows within a second, without a key.
. "$(dirname "$0")/lib.sh"

c2=$(case_no 2)
start_console 80 24
wait_for "$c2"
line_with "$c2" | grep -qF "open" || fail "item 3 should start open"

sql_as rev_b "select casedesk.claim(3, 1, gen_random_uuid())" >/dev/null
wait_for "claimed  李静" 1
line_with "$c2" | grep -qF "claimed  李静" || fail "the claim shows on item 3's line"

# A new case whose item falls due first appears above the cursor: the cursor
# stays on the item it was on.
keys j
sql_as rev_b "select casedesk.release(3, 2, gen_random_uuid())" >/dev/null
wait_gone "李静" 1
sql_as win "select casedesk.file_case(gen_random_uuid(), 'M1',
                '91440300MA5EXAMP1' || casedesk.credit_code_check_char('91440300MA5EXAMP1'),
                '深圳某科技有限公司', '新园区', 'window')" >/dev/null
sql "update casedesk.case_item set due_at = due_at - interval '1 day',
            change_seq = nextval('casedesk.change_seq')
      where case_id = 3 and department_id = 1;
     select pg_notify('casedesk', 'test moved a due date')" >/dev/null
wait_for "深圳某科技有限公司" 1
expect_eq "$(screen | sed -n 4p | grep -c 深圳某科技有限公司)" "1" "the new item is first"
keys a
wait_for "Approve 建筑工程施工许可 for 北京某置业有限公司? [y/N]"
keys n
wait_for "cancelled"
keys q
wait_for "casedesk-exit-status=0"
echo ok
