#!/usr/bin/env bash
# A paste of megabytes into an editor: the text is full at the editor's limit,
# the rest is dropped at once with a word on screen, what fitted is kept, and
# the console goes on answering keys.
. "$(dirname "$0")/lib.sh"

paste=${CONSOLE_LOG%.log}-paste.txt
trap 'rm -f "$paste"; tty_cleanup' EXIT
# 1.4 MB of one line of Chinese text.
python3 -c 'import sys; sys.stdout.write("材料不全请补正" * 66667)' >"$paste"

c1=$(case_no 1)
start_console 80 24
wait_for "$c1"
keys m
wait_for "C-d save"
tm load-buffer -b big "$paste"
tm paste-buffer -b big -t console
wait_for "the text is full" 120
wait_for "材料不全请补正" 10
# Still answering: Esc asks about the text, n keeps it, C-d saves.
keys Escape
wait_for "Discard" 30
keys n
wait_gone "Discard" 10
keys C-d
wait_gone "C-d save" 30
# What fitted (12,000 bytes: 4,000 of these characters) was kept and saved.
expect_eq "$(sql "select length(body) between 3990 and 4000 and body like '材料不全请补正材料%'
                    from casedesk.annotation where item_id = 1")" "t" "the note kept up to the limit"
echo ok
