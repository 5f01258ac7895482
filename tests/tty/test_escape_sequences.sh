#!/usr/bin/env bash
# An applicant name with terminal escape sequences (only possible past the
# schema's CHECK, which this test drops in its own database) is drawn with
# replacement characters: the screen is not cleared, the title not changed.
. "$(dirname "$0")/lib.sh"

sql "alter table casedesk.applicant drop constraint applicant_name_check"
sql "update casedesk.applicant set name = E'evil\x1b[2J\x1b]0;pwned\x07co' where id = 1"
c1=$(case_no 1)
c2=$(case_no 2)
start_console 80 24
wait_for "$c2"
wait_for "evil"
line_with "$c1" | grep -qF "evil�[2J�]0;p" || fail "escape shown as U+FFFD"
screen | grep -qF "北京某置业有限公司" || fail "the rest of the queue is still there"
screen | sed -n 1p | grep -qF "[1 Queue] 2 Escalations" || fail "the header is still there"
title=$(tm display-message -p -t console '#{pane_title}')
[ "$title" = "pwned" ] && fail "the pane title was changed"

# The detail view shows the name the same way.
keys Enter
wait_for "Flow chart"
screen | sed -n 3p | grep -qF "evil�[2J�]0;pwned�co" || fail "detail header sanitised"
title=$(tm display-message -p -t console '#{pane_title}')
[ "$title" = "pwned" ] && fail "the pane title was changed by the detail view"
keys Escape
keys q
wait_for "casedesk-exit-status=0"
echo ok
