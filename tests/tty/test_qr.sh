#!/usr/bin/env bash
# The tracking QR code: `casedesk qr CASE_NO` prints a code that zbarimg
# decodes to the case number, or to tracking_url with the case number in it,
# in both formats; only for a case the login may see; bad input is refused
# with exit status 2. In the console, Q in an item's detail draws the same
# code, which the screen captured at 80x24 and 132x40 decodes to; at 60x20
# it says how large the terminal must be instead.
. "$(dirname "$0")/lib.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"; tty_cleanup' EXIT
pbm=$(dirname "$0")/qr_pbm.py

# decode FORMAT [COLUMNS] < text: what zbarimg reads in the drawing.
decode() {
    python3 "$pbm" "$1" 4 ${2:+"$2"} >"$dir/code.pbm"
    zbarimg --raw -q "$dir/code.pbm" 2>"$dir/zbar.err" || echo "(zbarimg found no code: exit $?)"
}

# widths < text: the different line widths in characters.
widths() { python3 -c 'import sys; print(*sorted({len(l.rstrip("\n")) for l in sys.stdin}))'; }

c1=$(case_no 1)
c2=$(case_no 2)
url=https://example.gov.cn/track/$c1
printf 'tracking_url = "https://example.gov.cn/track/%%s";\n' >"$dir/url.cfg"

# No tracking_url: the case number alone.
PGUSER=rev_a "$CASEDESK_BIN" qr "$c1" >"$dir/plain.txt"
expect_eq "$(decode utf8 <"$dir/plain.txt")" "$c1" "the code without tracking_url"

PGUSER=rev_a "$CASEDESK_BIN" qr --config "$dir/url.cfg" "$c1" >"$dir/utf8.txt"
expect_eq "$(decode utf8 <"$dir/utf8.txt")" "$url" "the utf8 code"
# 44 bytes: a version 4 code, 33 modules and a quiet zone of 4 on each side,
# two module rows a line: 41 columns, 21 lines, the first two blank.
expect_eq "$(wc -l <"$dir/utf8.txt")" "21" "lines of the utf8 code"
expect_eq "$(widths <"$dir/utf8.txt")" "41" "columns of the utf8 code"
expect_eq "$(head -n 2 "$dir/utf8.txt" | tr -d ' \n')" "" "quiet zone above"

CASEDESK_CONFIG=$dir/url.cfg PGUSER=win "$CASEDESK_BIN" qr "$c1" --format=ascii >"$dir/ascii.txt"
expect_eq "$(decode ascii <"$dir/ascii.txt")" "$url" "the ascii code (window clerk)"
expect_eq "$(wc -l <"$dir/ascii.txt")" "41" "lines of the ascii code"
expect_eq "$(widths <"$dir/ascii.txt")" "82" "columns of the ascii code"
grep -q '[^# ]' "$dir/ascii.txt" && fail "the ascii code holds more than '#' and spaces"

# -d names the database like the console's -d.
PGUSER=rev_a "$CASEDESK_BIN" qr -d "dbname=$PGDATABASE" -c "$dir/url.cfg" --format ascii "$c2" >"$dir/c2.txt"
expect_eq "$(decode ascii <"$dir/c2.txt")" "https://example.gov.cn/track/$c2" "case 2 with -d"

# Cases that do not exist, or that the login may not see (case 2 is
# department 1's alone; rev_c reviews department 2): nothing printed, exit 1.
set +e
PGUSER=rev_a "$CASEDESK_BIN" qr 19990101-999999 >"$dir/out" 2>"$dir/err"
expect_eq "$?" "1" "exit status for an unknown case"
expect_eq "$(cat "$dir/err")" "casedesk qr: there is no case 19990101-999999 that you may see" "unknown case"
[ -s "$dir/out" ] && fail "a code printed for an unknown case"
PGUSER=rev_c "$CASEDESK_BIN" qr "$c2" >"$dir/out" 2>"$dir/err"
expect_eq "$?" "1" "exit status for a case the login may not see"
expect_eq "$(cat "$dir/err")" "casedesk qr: there is no case $c2 that you may see" "invisible case"
[ -s "$dir/out" ] && fail "a code printed for a case the login may not see"
PGUSER=rev_a "$CASEDESK_BIN" qr -d "dbname=no_such_database_here" "$c1" >"$dir/out" 2>"$dir/err"
expect_eq "$?" "1" "exit status without a database"
grep -qF "casedesk qr: cannot connect to the database" "$dir/err" || fail "connection error: $(cat "$dir/err")"

# Bad input: exit 2, a clear message, no connection needed.
for bad in "" $'2026\n1' $'\e[2J' "$c1"$'\x7f'; do
    PGUSER=rev_a "$CASEDESK_BIN" qr "$bad" >"$dir/out" 2>"$dir/err"
    expect_eq "$?" "2" "exit status for case number [$bad]"
    head -n 1 "$dir/err" | grep -qE "^casedesk qr: the case number (is empty|holds a control character)$" ||
        fail "message for case number [$bad]: $(cat "$dir/err")"
    [ -s "$dir/out" ] && fail "a code printed for case number [$bad]"
done
PGUSER=rev_a "$CASEDESK_BIN" qr "$c1" --format=png >/dev/null 2>"$dir/err"
expect_eq "$?" "2" "exit status for an unknown format"
grep -qF "unknown format 'png' (utf8 or ascii)" "$dir/err" || fail "format message: $(cat "$dir/err")"
printf '# codes\n\ntracking_url = "https://example.gov.cn/track";\n' >"$dir/bad.cfg"
PGUSER=rev_a "$CASEDESK_BIN" qr -c "$dir/bad.cfg" "$c1" >/dev/null 2>"$dir/err"
expect_eq "$?" "2" "exit status for a template without %s"
expect_eq "$(cat "$dir/err")" "$dir/bad.cfg:3: 'tracking_url' must hold %s once, where the case number goes" \
    "template error"
set -e

# The console: the detail of the item under the cursor, then Q.
start_console 80 24 rev_a --config "$dir/url.cfg"
wait_for "$c1"
wait_for "refreshed"
shown=$(selected)
[ -n "$shown" ] || fail "no item under the cursor"
keys Enter
wait_for "Esc back"
keys Q
wait_for "tracking code: https://example.gov.cn/track/$shown"
expect_eq "$(screen | decode utf8 80)" "https://example.gov.cn/track/$shown" "the code at 80x24"

tm resize-window -t console -x 60 -y 20
wait_for "the code needs 41x23; the screen is 60x20"
[ "$(screen | decode utf8 60)" = "https://example.gov.cn/track/$shown" ] &&
    fail "a code drawn on a screen too small for it"

tm resize-window -t console -x 132 -y 40
wait_gone "the code needs"
expect_eq "$(screen | decode utf8 132)" "https://example.gov.cn/track/$shown" "the code at 132x40"

# Any key closes it; the detail is back, and the code is gone.
keys Escape
wait_gone "tracking code:"
wait_for "Esc back"
screen | grep -q $'\u2588' && fail "the code stayed on the screen"
keys q
wait_for "casedesk-exit-status=0"

# A window clerk, in colour: the code is black on (bright) white, whatever
# the terminal's own colours.
tm rename-session -t console old >/dev/null 2>&1 || true
tm new-session -d -x 80 -y 24 -s console \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color TZ=Asia/Shanghai \
     PGHOST='$PGHOST' PGPORT='${PGPORT:-5432}' PGDATABASE='$PGDATABASE' PGUSER=win \
     '$CASEDESK_BIN' --config '$dir/url.cfg' --log '$CONSOLE_LOG'; sleep 600"
tm set-option -t console status off >/dev/null
tm kill-session -t old >/dev/null 2>&1 || true
wait_for "[4 Intake]" 10
keys 1
wait_for "$c1"
wait_for "refreshed"
shown=$(selected)
[ -n "$shown" ] || fail "no item under the window clerk's cursor"
keys Enter
wait_for "Q code"
keys Q
wait_for "tracking code: https://example.gov.cn/track/$shown"
expect_eq "$(screen | decode utf8 80)" "https://example.gov.cn/track/$shown" "the clerk's code in colour"
tm capture-pane -e -p -t console | grep $'\u2588' >"$dir/sgr.txt" || fail "no code on the clerk's screen"
grep -qE $'\e\\[([0-9;]*;)?30(;[0-9;]*)?m' "$dir/sgr.txt" || fail "the code is not black: $(head -n 3 "$dir/sgr.txt" | od -c | head)"
grep -qE $'\e\\[([0-9;]*;)?(47|107)(;[0-9;]*)?m' "$dir/sgr.txt" || fail "the code is not on white: $(head -n 3 "$dir/sgr.txt" | od -c | head)"
echo ok
