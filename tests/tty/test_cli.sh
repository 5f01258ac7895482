#!/usr/bin/env bash
# The command line: --help, --version, configuration errors before any screen
# (file:line, exit 2), --sweep for cron, and -d with a conninfo string.
. "$(dirname "$0")/lib.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"; tty_cleanup' EXIT

"$CASEDESK_BIN" --help | grep -qF -- "--sweep" || fail "--help lists --sweep"
v=$("$CASEDESK_BIN" --version)
echo "$v" | grep -qE "^casedesk [0-9]+\.[0-9]+\.[0-9]+$" || fail "version line: $v"
echo "$v" | grep -qE "^ncurses [0-9]" || fail "ncurses version: $v"
echo "$v" | grep -qE "^libpq [0-9]+\.[0-9]+$" || fail "libpq version: $v"

# The manual names every action of the key map, so that they cannot drift apart.
top=$(cd "$(dirname "$0")/../.." && pwd)
grep -oE '^\s*X\([A-Z_]+, "[a-z-]+"' "$top/include/casedesk/keymap.h" | sed -E 's/.*"(.*)"/\1/' >"$dir/actions"
[ "$(wc -l <"$dir/actions")" -gt 30 ] || fail "could not read the actions from keymap.h"
while read -r action; do
    grep -qE "[(, ]$action[,)]" "$top/man/casedesk.1" || fail "casedesk.1 does not name the action $action"
done <"$dir/actions"

set +e
"$CASEDESK_BIN" --no-such-option >/dev/null 2>&1
expect_eq "$?" "2" "unknown option"
printf 'display = {\n  color = "yes";\n};\n' >"$dir/bad.cfg"
err=$("$CASEDESK_BIN" --config "$dir/bad.cfg" 2>&1 </dev/null)
rc=$?
set -e
expect_eq "$rc" "2" "exit status of a bad configuration"
expect_eq "$err" "$dir/bad.cfg:2: 'display.color' must be true or false" "configuration error"

# The same error from CASEDESK_CONFIG, in a terminal: printed before the
# screen would open.
tm new-session -d -x 80 -y 24 -s console \
    "env CASEDESK_CONFIG='$dir/bad.cfg' '$CASEDESK_BIN'; echo casedesk-exit-status=\$?; sleep 600"
wait_for "casedesk-exit-status=2"
wait_for "bad.cfg:2: 'display.color' must be true or false"
# The last session: the tmux server stops with it; wait until it has, so the
# console started below gets a new one.
tm kill-session -t console
for _ in $(seq 50); do tm list-sessions >/dev/null 2>&1 || break; sleep 0.05; done

# --sweep: one run, a count, exit 0. Item 1 made overdue raises one red alarm.
sql "update casedesk.case_item set due_at = now() - interval '1 minute',
            yellow_at = now() - interval '2 minutes' where id = 1"
out=$(PGUSER=rev_a "$CASEDESK_BIN" --sweep)
expect_eq "$out" "casedesk: sweep done, 1 escalations raised" "sweep output"
expect_eq "$(sql "select kind from casedesk.escalation where item_id = 1")" "red" "the escalation raised"
out=$(PGUSER=rev_a "$CASEDESK_BIN" -d "dbname=$PGDATABASE" --sweep)
expect_eq "$out" "casedesk: sweep done, 0 escalations raised" "second sweep"
set +e
PGUSER=rev_a "$CASEDESK_BIN" --dbname "dbname=no_such_database_here" --sweep 2>"$dir/err"
rc=$?
set -e
expect_eq "$rc" "1" "sweep without a database"
grep -qF "cannot connect to the database" "$dir/err" || fail "connection error: $(cat "$dir/err")"

# The console itself with -d: the overdue item shows red ("!!"), overdue time
# negative.
start_console 80 24 rev_a -d "dbname=$PGDATABASE"
wait_for "$(case_no 1)"
line_with "$(case_no 1)" | grep -qE "^ !! +-[0-9]+m " || fail "overdue item marked !! with a negative countdown"
keys q
wait_for "casedesk-exit-status=0"
echo ok
