#!/usr/bin/env bash
# A NOTICE or WARNING from the server never reaches the terminal raw: escape
# sequences in it neither retitle the terminal nor clear the screen; its text,
# made safe, goes to the log (and to the message line when no action's
# outcome stands there).
. "$(dirname "$0")/lib.sh"

# A trigger that speaks on every change of an item, with hostile bytes.
sql "create function public.noisy() returns trigger language plpgsql as \$\$
     begin
         raise notice '%', E'\\x1b]0;pwned\\x07\\x1b]52;c;cHduZWQ=\\x07\\x1b[2Jserver says hi';
         raise warning 'canceling the wait for synchronous replication';
         return new;
     end \$\$;
     create trigger noisy after update on casedesk.case_item for each row execute function public.noisy()"

c1=$(case_no 1)
c2=$(case_no 2)
start_console 80 24
wait_for "$c2"
title=$(tm display-message -p -t console '#{pane_title}')
keys c
wait_for "claimed $c1" 10
sleep 0.5
expect_eq "$(tm display-message -p -t console '#{pane_title}')" "$title" "the pane title"
screen | grep -qF "$c2" || fail "the screen was cleared"
expect_eq "$(screen | sed -n 1p | cut -c1-9)" " [1 Queue" "the first line"
grep -aqF "server says hi" "$CONSOLE_LOG" || fail "the notice is not in the log"
grep -aqF "synchronous replication" "$CONSOLE_LOG" || fail "the warning is not in the log"
if grep -aq $'\e' "$CONSOLE_LOG"; then fail "an escape character reached the log"; fi
# The action's outcome keeps the message line; the server's words are logged,
# and the message history (M) keeps both, newest first.
wait_for "claimed $c1"
keys M
wait_for " Messages " 5
screen | grep -qF "claimed $c1" || fail "the history lacks the claim"
hist=$(screen)
case $hist in *"server said"*) ;; *) grep -aqF "server said: " "$CONSOLE_LOG" || fail "no server notice anywhere" ;; esac
echo "$hist" | grep -q $'\e' && fail "an escape character in the history"
keys Escape
wait_gone " Messages " 5
grep -aqF "server said: NOTICE: ]0;pwned" "$CONSOLE_LOG" && fail "the notice's controls were logged as text"
keys q
wait_for "casedesk-exit-status=0"
echo ok
