#!/usr/bin/env bash
# Signals: SIGTERM and Ctrl-C leave cleanly (exit 0, terminal restored);
# SIGHUP (the SSH session dropped) too; a crash restores the terminal before
# dying of its signal.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
console_pid() { pgrep -P "$(tm display-message -p -t console '#{pane_pid}')" -x casedesk; }

for how in TERM HUP INT SEGV; do
    start_console 80 24
    wait_for "$c1"
    case $how in
        INT) keys C-c ;;
        *) kill -s "$how" "$(console_pid)" ;;
    esac
    if [ "$how" = SEGV ]; then
        # The signal's previous handler runs after the terminal is restored:
        # the default action (killed, 128 + 11), or a sanitizer's report.
        wait_for "casedesk-exit-status="
        screen | grep -qE "casedesk-exit-status=139|AddressSanitizer: SEGV" ||
            fail "the crash was not passed on to the previous handler"
    else
        wait_for "casedesk-exit-status=0"
    fi
    # Out of the alternate screen: the queue is gone, the shell's line is there.
    screen | grep -qF "$c1" && fail "the console's screen is still up after SIG$how"
    # The next round starts a new tmux server: wait until this one is gone.
    tm kill-server
    for _ in $(seq 50); do tm list-sessions >/dev/null 2>&1 || break; sleep 0.05; done
done
echo ok
