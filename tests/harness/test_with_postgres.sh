#!/usr/bin/env bash
# tests/with-postgres must leave nothing behind: no server process, no
# folder, whether the command succeeds, fails, or the run is interrupted.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
wp=$top/tests/with-postgres
tmp=$(mktemp -d)
chmod 755 "$tmp"   # the server runs as another user when we are root
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp
unset PGHOST PGPORT PGDATABASE PGUSER

leftovers() {
    local dirs procs
    dirs=$(find "$tmp" -mindepth 1 -maxdepth 1 -name 'casedesk-*' | wc -l)
    procs=$(pgrep -f "postgres -D $tmp/" | wc -l || true)
    echo "$dirs $procs"
}

# success: the command sees the server and the schema
out=$("$wp" psql -X -qAt -c "SELECT count(*) FROM casedesk_meta.migration WHERE version = '010_core'")
[ "$out" = 1 ] || { echo "schema not loaded: $out"; exit 1; }
[ "$(leftovers)" = "0 0" ] || { echo "left behind after success: $(leftovers)"; exit 1; }

# the command's exit status is passed on, and the cleanup still happens
set +e
"$wp" sh -c 'exit 7'
rc=$?
set -e
[ "$rc" = 7 ] || { echo "exit status $rc, wanted 7"; exit 1; }
[ "$(leftovers)" = "0 0" ] || { echo "left behind after failure: $(leftovers)"; exit 1; }

# interrupted while the command runs (Ctrl-C reaches the whole process group);
# a background job starts with SIGINT ignored, so restore it first
env --default-signal=INT setsid "$wp" sh -c 'touch "$TMPDIR/started"; sleep 60' &
pid=$!
# (initdb and the schema take a while on a loaded machine: up to a minute)
for _ in $(seq 600); do [ -e "$tmp/started" ] && break; sleep 0.1; done
[ -e "$tmp/started" ] || { echo "command never started"; exit 1; }
kill -INT -- -"$pid"
set +e
wait "$pid"
rc=$?
set -e
[ "$rc" = 130 ] || { echo "exit status $rc after SIGINT, wanted 130"; exit 1; }
rm -f "$tmp/started"
[ "$(leftovers)" = "0 0" ] || { echo "left behind after SIGINT: $(leftovers)"; exit 1; }

# a cluster kept with --datadir is reused, and the migrations run once
keep=$tmp/keep
"$wp" --datadir "$keep" psql -X -qAt -c "CREATE TABLE public.marker (x int)"
out=$("$wp" --datadir "$keep" psql -X -qAt -c "SELECT count(*) FROM public.marker")
[ "$out" = 0 ] || { echo "kept cluster not reused: $out"; exit 1; }
[ -f "$keep/data/PG_VERSION" ] || { echo "kept cluster missing"; exit 1; }
echo "with-postgres: cleanup, exit status, interrupt and reuse all hold"
