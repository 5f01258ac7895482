#!/usr/bin/env bash
# A paste far past an editor's limit: the text is full at the limit, the rest
# is refused with a word on screen, what fitted is kept, and the console goes
# on answering keys.
. "$(dirname "$0")/lib.sh"

paste=${CONSOLE_LOG%.log}-paste.txt
trap 'rm -f "$paste"; tty_cleanup' EXIT
# 140 KB of one line of Chinese text: ten times what an editor holds.
python3 -c 'import sys; sys.stdout.write("材料不全请补正" * 6667)' >"$paste"

c1=$(case_no 1)
start_console 80 24
wait_for "$c1"
keys m
wait_for "C-d save"
tm load-buffer -b big "$paste"
tm paste-buffer -b big -t console
wait_for "the text is full" 60
wait_for "材料不全请补正" 10
# Until the whole paste has arrived (a key after Esc answers its question,
# so Esc must come after the paste's last character): no key for 2 s.
typed() { grep -c "key (text)" "$CONSOLE_LOG" || true; }
before=-1
for _ in $(seq 60); do
    now=$(typed)
    [ "$now" = "$before" ] && break
    before=$now
    sleep 2
done
# Still answering: Esc asks about the text, n keeps it, C-d saves.
keys Escape
wait_for "Discard" 60
keys n
wait_gone "Discard" 30
keys C-d
wait_gone "C-d save" 60
# What fitted (12,000 bytes: 4,000 of these characters) was kept and saved.
expect_eq "$(sql "select length(body) between 3990 and 4000 and body like '材料不全请补正材料%'
                    from casedesk.annotation where item_id = 1")" "t" "the note kept up to the limit"
echo ok
