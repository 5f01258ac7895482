#!/usr/bin/env bash
# o cycles the order (due, age, case), O reverses it; each order is paged by
# the server with its own keyset, so pages follow one another exactly in the
# chosen order, forwards and backwards.
. "$(dirname "$0")/lib.sh"

# 30 more cases of matter M1, each with one item for department 1, entered
# at distinct instants in the reverse of the order they were filed in.
sql "set session authorization win;
     select casedesk.file_case(gen_random_uuid(), 'M1',
                '91350100MB' || lpad(i::text, 7, '0')
                    || casedesk.credit_code_check_char('91350100MB' || lpad(i::text, 7, '0')),
                '排序企业' || i, '项目' || i, 'online')
       from generate_series(1, 30) i" >/dev/null
sql "update casedesk.case_item set entered_at = now() - id * interval '1 minute'
      where department_id = 1" >/dev/null
order_by() {
    sql "select cf.case_no from casedesk.case_item ci join casedesk.case_file cf on cf.id = ci.case_id
          where ci.department_id = 1 and ci.status = 'pending' order by $1"
}
mapfile -t by_case_desc < <(order_by "ci.case_id desc, ci.id desc")
mapfile -t by_age < <(order_by "ci.entered_at, ci.id")
expect_eq "${#by_age[@]}" "32" "open items of department 1"

start_console 80 24
rows=18
first_row() { screen | sed -n 4p | cut -c13-27; }
wait_for "${by_age[31]}"           # due order: the fixture's cases, then these

keys o
wait_for "sort: age ↑"
wait_for "${by_age[0]}"
expect_eq "$(first_row)" "${by_age[0]}" "age: the item that entered first"
keys PageDown
wait_for "${by_age[$rows]}"
expect_eq "$(first_row)" "${by_age[$rows]}" "age: first row of page 2"

keys o
wait_for "sort: case ↑"
keys O
wait_for "sort: case ↓"
wait_for "${by_case_desc[0]}"
expect_eq "$(first_row)" "${by_case_desc[0]}" "case reversed: the newest case first"
keys PageDown
wait_for "${by_case_desc[$rows]}"
expect_eq "$(first_row)" "${by_case_desc[$rows]}" "case reversed: first row of page 2"
keys PageUp
wait_for "${by_case_desc[0]}"
expect_eq "$(first_row)" "${by_case_desc[0]}" "case reversed: back to page 1"
keys G
wait_for "${by_case_desc[31]}"
screen | grep -qF "more above" || fail "the last page of the reversed order has rows above"

keys o
wait_for "filter: my departments"
wait_gone "sort:"                  # back to the usual order
keys q
wait_for "casedesk-exit-status=0"
grep -q "send queue_by_case_back" "$CONSOLE_LOG" || fail "the reversed case order reads backwards"
echo ok
