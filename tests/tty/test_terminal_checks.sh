#!/usr/bin/env bash
# Terminals the console cannot draw on are refused before any screen, with a
# clear message and exit status 2: one that cannot address the cursor
# (TERM=dumb) and a locale that is not UTF-8 (LANG=C, POSIX).
. "$(dirname "$0")/lib.sh"

run_in_tmux() { # run_in_tmux ENV...: the console in a pane with that environment
    tm new-session -d -x 80 -y 24 -s console \
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color PGHOST='$PGHOST' PGDATABASE='$PGDATABASE' \
             PGUSER=rev_a $* '$CASEDESK_BIN' --no-color; echo casedesk-exit-status=\$?; sleep 600"
}
stop_tmux() {
    tm kill-session -t console
    for _ in $(seq 50); do tm list-sessions >/dev/null 2>&1 || break; sleep 0.05; done
}

run_in_tmux TERM=dumb
wait_for "casedesk-exit-status=2" 10
wait_for "cannot move the cursor" 5
stop_tmux

for loc in C POSIX; do
    run_in_tmux LANG=$loc LC_ALL=$loc
    wait_for "casedesk-exit-status=2" 10
    wait_for "not UTF-8" 5
    stop_tmux
done

# LC_ALL unset with a UTF-8 LANG still works: the console opens.
start_console 80 24
wait_for "$(case_no 1)" 10
keys q
wait_for "casedesk-exit-status=0"
echo ok
