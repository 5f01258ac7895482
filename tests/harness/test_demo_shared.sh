#!/usr/bin/env bash
# make demo from a checkout the server's user cannot enter (root's home,
# mode 700) keeps the data where the server can reach it; a second demo
# console joins the first one's server and data, the simulator runs once,
# and the server stops when the last console quits, or on make demo-stop.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
wp=$top/tests/with-postgres
[ -x "$top/build/casedesk" ] || { echo "build/casedesk is not built"; exit 1; }
unset PGHOST PGPORT PGDATABASE PGUSER CASEDESK_PGDATA CASEDESK_PGLOG CASEDESK_PGCTL

closed=$(mktemp -d)
chmod 700 "$closed"                 # like /root: closed to the postgres user
datadir=$closed/.demo/pgdata
sock=casedesk-demo-test-$$
tm() { tmux -L "$sock" "$@"; }
base=""
cleanup() {
    tm kill-server >/dev/null 2>&1 || true
    [ -n "$base" ] && "$wp" --datadir "$datadir" --stop >/dev/null 2>&1 || true
    rm -rf "$closed"
    [ -n "$base" ] && rm -rf "$base"
    return 0
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    for s in a b; do echo "--- console $s:"; tm capture-pane -p -t "$s" 2>/dev/null || true; done
    exit 1
}
wait_for() { # wait_for SESSION TEXT SECONDS
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        tm capture-pane -p -t "$1" 2>/dev/null | grep -qF -- "$2" && return 0
        sleep 0.1
    done
    fail "waited $3 s in console $1 for: $2"
}
until_true() { # until_true SECONDS WHAT CMD...
    local s=$1 what=$2 i
    shift 2
    for ((i = 0; i < s * 10; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    fail "waited $s s for: $what"
}
demo() { # demo SESSION LOGIN: what make demo AS=LOGIN runs
    tm new-session -d -x 100 -y 30 -s "$1" \
        "cd '$top' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color TZ=Asia/Shanghai \
         '$wp' --demo --shared --datadir '$datadir' -- tests/demo-session $2; \
         echo demo-exit-status=\$?; sleep 600"
}

if [ "$(id -u)" = 0 ]; then
    base=/var/tmp/casedesk-demo-$(printf '%s' "$(cd "$closed" && pwd)/.demo/pgdata" | sha256sum | cut -c1-12)
else
    base=$datadir
fi
server_up() { [ -f "$base/data/postmaster.pid" ] && pgrep -f "postgres -D $base/data" >/dev/null; }
server_down() { ! pgrep -f "postgres -D $base/data" >/dev/null; }
# The simulator itself, not the flock that holds its lock.
simulators() { pgrep -f "^bash .*/sql/demo/simulate --sessions $base/sessions" | wc -l; }
no_simulator() { [ "$(simulators)" = 0 ]; }

demo a wangfang
wait_for a "王芳" 120
server_up || fail "no server in $base"
demo b zhaolei
wait_for b "赵磊" 60
wait_for b "online" 30
expect_one() { [ "$(simulators)" = 1 ]; }
until_true 10 "one simulator" expect_one
sleep 3
[ "$(simulators)" = 1 ] || fail "$(simulators) simulators run for two consoles"
[ "$(pgrep -f "postgres -D $base/data" -c || true)" -ge 1 ] || fail "server gone"

# The first console quits: the server and the simulator stay for the second.
tm send-keys -t a q
wait_for a "demo-exit-status=0" 30
sleep 2
server_up || fail "the server stopped while a console still uses it"
[ "$(simulators)" = 1 ] || fail "the simulator stopped while a console still watches"
tm send-keys -t b R
wait_for b "online" 10

# The last one quits: the server and the simulator stop.
tm send-keys -t b q
wait_for b "demo-exit-status=0" 30
until_true 30 "the server to stop" server_down
until_true 15 "the simulator to stop" no_simulator

# make demo-stop stops a running demo's server at once.
tm kill-session -t a
demo a wangfang
wait_for a "online" 60
"$wp" --datadir "$datadir" --stop | grep -qF "stopped the server" || fail "--stop did not say so"
until_true 30 "the server to stop on --stop" server_down
wait_for a "OFFLINE" 30
tm send-keys -t a q
wait_for a "demo-exit-status=0" 30
until_true 15 "the simulator to stop after --stop" no_simulator
echo ok
