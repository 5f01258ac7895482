# tests/tty/lib.sh — sourced by tests/tty/test_*.sh.
#
# Drives the real console in a detached tmux session of a fixed size, on a
# private tmux server (socket casedesk-test-PID) that is killed on exit. The
# database is the test's own ($PGDATABASE, from tests/run-suite); psql runs as
# the superuser that tests/with-postgres exports.
#
#   start_console [COLS ROWS [LOGIN [ARG...]]]   default 80 24 rev_a, in the
#                               locale $CONSOLE_LOCALE (default C.UTF-8); the
#                               console's TZ is $CONSOLE_TZ (default
#                               Asia/Shanghai, the centre's zone)
#   on NAME                     the commands below act on console NAME from
#                               now on (start_console starts it); the first
#                               is "console", whose log is $CONSOLE_LOG
#   log_of NAME                 the debug log of console NAME
#   screen                      the pane as text
#   wait_for TEXT [SECONDS]     until the pane shows TEXT (default 5 s)
#   wait_gone TEXT [SECONDS]    until it does not
#   keys KEY...                 tmux send-keys (C-d, Escape, Enter, ...)
#   type_text TEXT              sends TEXT literally (UTF-8)
#   sql "..."                   psql -AtX as the superuser
#   sql_as LOGIN "..."          psql -AtX as LOGIN
#   line_with TEXT              the first pane line containing TEXT
#   selected                    the case number on the line drawn in reverse
#                               video (the cursor line), empty if none
#   wait_selected CASE_NO [S]   until the cursor line is that case
#   masked                      the pane with the countdown and age cells blanked
#   refresh_config FALLBACK SWEEP   a configuration file with these refresh
#                               periods in seconds (for --config); prints its path
#   expect_eq GOT WANT WHAT     fails the test when they differ
#   file_cases N                the window clerk files N more cases of matter
#                               M1 (one item each for department 1)
#   queue_order                 department 1's open case numbers in queue
#                               order (due time, then id), one a line
#   hold_lock SQL SECONDS       in the background, a transaction runs SQL (a
#                               FOR UPDATE) and keeps its locks that long;
#                               returns once it holds them ($locker: its pid)
#   drop_when_waiting           once a console's statement waits for a lock,
#                               ends every console's connection to the database
#   fail MESSAGE                prints the message and the pane, exits 1
set -euo pipefail

: "${CASEDESK_BIN:?run me through tests/run-suite}"
: "${PGDATABASE:?run me through tests/run-suite}"

TMUX_SOCKET=casedesk-test-$$
CONSOLE_LOG=${TMPDIR:-/tmp}/casedesk-tty-$$.log
CONSOLE=console
CONSOLE_LOCALE=${CONSOLE_LOCALE:-C.UTF-8}

tm() { tmux -L "$TMUX_SOCKET" "$@"; }

log_of() {
    if [ "$1" = console ]; then echo "$CONSOLE_LOG"; else echo "${CONSOLE_LOG%.log}-$1.log"; fi
}

tty_cleanup() {
    tm kill-server >/dev/null 2>&1 || true
    for f in "$CONSOLE_LOG" "${CONSOLE_LOG%.log}"-*.log; do
        [ -e "$f" ] || continue
        if [ -s "$f" ] && [ "${TTY_FAILED:-0}" = 1 ]; then
            echo "--- console log $(basename "$f") (last 30 lines):"
            tail -n 30 "$f"
        fi
        rm -f "$f"
    done
    rm -f "${CONSOLE_LOG%.log}-refresh.cfg"
}
trap tty_cleanup EXIT

on() { CONSOLE=$1; }

screen() { tm capture-pane -p -t "$CONSOLE"; }

fail() {
    TTY_FAILED=1
    echo "FAIL: $*"
    echo "--- screen of $CONSOLE:"
    screen 2>/dev/null || true
    exit 1
}

start_console() {
    local cols=${1:-80} rows=${2:-24} login=${3:-rev_a}
    shift $(($# < 3 ? $# : 3))
    local args=""
    for a in "$@"; do args="$args '$a'"; done
    # The pane outlives the console so that its exit status can be read.
    tm new-session -d -x "$cols" -y "$rows" -s "$CONSOLE" \
        "env LANG=$CONSOLE_LOCALE LC_ALL=$CONSOLE_LOCALE TERM=xterm-256color TZ='${CONSOLE_TZ:-Asia/Shanghai}' \
         PGHOST='$PGHOST' PGPORT='${PGPORT:-5432}' PGDATABASE='$PGDATABASE' PGUSER='$login' \
         '$CASEDESK_BIN' --no-color --log '$(log_of "$CONSOLE")' $args; \
         echo casedesk-exit-status=\$?; sleep 600"
    tm set-option -t "$CONSOLE" status off >/dev/null
    tm resize-window -t "$CONSOLE" -x "$cols" -y "$rows" >/dev/null 2>&1 || true
}

wait_for() {
    local text=$1 limit=${2:-5} i=0 steps
    steps=$(awk -v s="$limit" 'BEGIN { printf "%d", s * 10 }')
    while [ "$i" -lt "$steps" ]; do
        screen | grep -qF -- "$text" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    fail "waited ${limit}s for: $text"
}

wait_gone() {
    local text=$1 limit=${2:-5} i=0 steps
    steps=$(awk -v s="$limit" 'BEGIN { printf "%d", s * 10 }')
    while [ "$i" -lt "$steps" ]; do
        screen | grep -qF -- "$text" || return 0
        sleep 0.1
        i=$((i + 1))
    done
    fail "waited ${limit}s for this to go: $text"
}

keys() { tm send-keys -t "$CONSOLE" "$@"; }
type_text() { tm send-keys -t "$CONSOLE" -l -- "$1"; }

sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }
sql_as() { local who=$1; shift; PGUSER=$who psql -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }

line_with() { screen | grep -F -m 1 -- "$1" || true; }

# The display column where TEXT starts on LINE (0 is the first; a Chinese
# character takes two), -1 if absent.
col_of() {
    case $1 in *"$2"*) ;; *) echo -1; return ;; esac
    local prefix=${1%%"$2"*}
    printf '%s' "$prefix" | LC_ALL=C.UTF-8 wc -L
}

selected() {
    tm capture-pane -p -e -t "$CONSOLE" | grep -a -m 1 $'\e\\[[0-9;]*7m' |
        grep -a -o -E '[0-9]{8}-[0-9]{6}' | head -n 1 || true
}

wait_selected() {
    local want=$1 limit=${2:-5} i=0 steps
    steps=$(awk -v s="$limit" 'BEGIN { printf "%d", s * 10 }')
    while [ "$i" -lt "$steps" ]; do
        [ "$(selected)" = "$want" ] && return 0
        sleep 0.1
        i=$((i + 1))
    done
    fail "waited ${limit}s for the cursor on $want (it is on [$(selected)])"
}

# The queue's countdown (columns 4-10) and, at 100 columns and more, the age
# (the last 6) change every minute; everything else on a line is stable.
masked() {
    screen | sed -E -e 's/^(.{4}).{7}/\1#######/' -e 's/[0-9]+[smhd]( [0-9]+[smh])? *$/#/'
}

refresh_config() {
    local f=${CONSOLE_LOG%.log}-refresh.cfg
    printf 'refresh = { fallback_seconds = %s; sweep_seconds = %s; };\n' "$1" "$2" >"$f"
    echo "$f"
}

hold_lock() {
    PGAPPNAME=casedesk-test-locker psql -X -q -c "begin; $1; select pg_sleep($2); commit;" \
        >/dev/null &
    locker=$!
    local i=0
    until [ "$(sql "select count(*) from pg_stat_activity
                    where application_name = 'casedesk-test-locker' and query like '%pg_sleep%'")" = 1 ]; do
        i=$((i + 1))
        [ "$i" -lt 100 ] || fail "the lock was not taken within 10 s"
        sleep 0.1
    done
}

drop_when_waiting() {
    local i=0
    until [ "$(sql "select count(*) from pg_stat_activity where application_name = 'casedesk'
                      and datname = current_database() and wait_event_type = 'Lock'")" != 0 ]; do
        i=$((i + 1))
        [ "$i" -lt 100 ] || fail "no console waited for the lock within 10 s"
        sleep 0.1
    done
    sql "select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'casedesk' and datname = current_database()" >/dev/null
}

expect_eq() {
    [ "$1" = "$2" ] || fail "$3: got [$1], want [$2]"
}

file_cases() {
    sql "set session authorization win;
         select casedesk.file_case(gen_random_uuid(), 'M1',
                    '91350100MA' || lpad(i::text, 7, '0')
                        || casedesk.credit_code_check_char('91350100MA' || lpad(i::text, 7, '0')),
                    '测试企业' || i, '项目' || i, 'online')
           from generate_series(1, $1) i" >/dev/null
}

queue_order() {
    sql "select cf.case_no from casedesk.case_item ci
           join casedesk.case_file cf on cf.id = ci.case_id
          where ci.department_id = 1 and ci.status = 'pending'
          order by ci.due_at, ci.id"
}

case_no() { sql "select case_no from casedesk.case_file where id = $1"; }
