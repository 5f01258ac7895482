#!/usr/bin/env bash
# The demo loads its knowledge base from conf/kb-demo.cfg through
# `casedesk admin kb apply`: after `tests/with-postgres --demo`, the
# database's knowledge base exports as that very file, and the demo's staff
# and cases are there.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp"   # the server runs as another user when we are root
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp
unset PGHOST PGPORT PGDATABASE PGUSER

cat >"$tmp/inside.sh" <<'SH'
set -eu
"$1/build/casedesk" admin kb export "$2/kb.cfg" 2>/dev/null
psql -X -qAt -v ON_ERROR_STOP=1 >"$2/counts" <<'SQL'
SELECT count(*) FROM casedesk.staff;
SELECT count(*) > 100 FROM casedesk.case_file;
SELECT string_agg(d.code, ',' ORDER BY d.code) FROM casedesk.staff_department sd
  JOIN casedesk.department d ON d.id = sd.department_id WHERE sd.login = 'wangfang';
SQL
SH
"$top/tests/with-postgres" --demo -- sh "$tmp/inside.sh" "$top" "$tmp" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
cmp "$top/conf/kb-demo.cfg" "$tmp/kb.cfg" || { diff "$top/conf/kb-demo.cfg" "$tmp/kb.cfg" | head; exit 1; }
[ "$(tr '\n' ' ' <"$tmp/counts")" = "15 t RF,ZJ " ] || { echo "demo data: $(cat "$tmp/counts")"; exit 1; }
echo "demo: the knowledge base comes from conf/kb-demo.cfg through kb apply"
