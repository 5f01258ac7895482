#!/usr/bin/env bash
# Follows the README's "Running a centre" on the throwaway server: make
# install, a new database, casedesk admin init, the demo knowledge base, next
# year's calendar, staff add a reviewer and a window clerk, a case filed,
# and the installed console opened as the reviewer in tmux, showing the item.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp"
prefix=/opt/casedesk
db=deploy_check_$$
rev=dep_rev_$$
win=dep_win_$$
cleanup() {
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT

make -s -C "$top" install DESTDIR="$tmp" PREFIX="$prefix" >/dev/null
root=$tmp$prefix
for f in share/casedesk/systemd/casedesk-sweep.service share/casedesk/systemd/casedesk-sweep.timer \
         share/doc/casedesk/calendar-2027.example share/casedesk/kb-demo.cfg; do
    [ -f "$root/$f" ] || { echo "not installed: $f"; exit 1; }
done
grep -qxF "ExecStart=$prefix/bin/casedesk --sweep" "$root/share/casedesk/systemd/casedesk-sweep.service" ||
    { echo "the sweep unit does not run the installed binary"; exit 1; }
casedesk=$root/bin/casedesk

# The database, owned by the superuser here; init creates roles and schema.
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
export PGDATABASE=$db
"$casedesk" admin init >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log"; exit 1; }
"$casedesk" admin init >"$tmp/init2.log" 2>&1 || { cat "$tmp/init2.log"; exit 1; }
# Init says what it applies and that it is done, nothing else: no result table
# of a query a migration ran.
grep -q '^migrate: applying 0' "$tmp/init.log" || { cat "$tmp/init.log"; echo "init named no migration"; exit 1; }
if grep -qvE '^(migrate|casedesk admin): ' "$tmp/init.log" "$tmp/init2.log"; then
    cat "$tmp/init.log" "$tmp/init2.log"; echo "init printed more than its progress"; exit 1
fi
n=$(psql -X -qAt -c "SELECT count(*) FROM casedesk_meta.migration")
[ "$n" = "$(ls "$root"/share/casedesk/sql/[0-9]*.sql | wc -l)" ] || { echo "init applied $n migrations"; exit 1; }

# The knowledge base: the demo's, as shipped.
"$casedesk" admin kb apply "$root/share/casedesk/kb-demo.cfg" >"$tmp/kb.log" 2>&1 || { cat "$tmp/kb.log"; exit 1; }
grep -qF "changes made" "$tmp/kb.log" || { cat "$tmp/kb.log"; exit 1; }
"$casedesk" admin calendar import "$root/share/doc/casedesk/calendar-2027.example" >/dev/null 2>&1
"$casedesk" admin staff add "$win" --name 孙丽 --job window >/dev/null 2>&1
# The first matter of the knowledge base; the reviewer works all its departments.
matter=$(psql -X -qAt -c "SELECT code FROM casedesk.matter_type ORDER BY code LIMIT 1")
depts=$(psql -X -qAt -c "SELECT DISTINCT '--dept=' || d.code FROM casedesk.matter_type mt
    JOIN casedesk.matter_item mi ON mi.matter_type_id = mt.id JOIN casedesk.item_type it ON it.id = mi.item_type_id
    JOIN casedesk.department d ON d.id = it.department_id WHERE mt.code = '$matter'")
# shellcheck disable=SC2086
"$casedesk" admin staff add "$rev" --name 王芳 --job reviewer $depts >/dev/null 2>&1
PGUSER=$win psql -X -qAt -v ON_ERROR_STOP=1 -v m="$matter" >/dev/null <<'SQL'
SELECT casedesk.file_case(gen_random_uuid(), :'m', '91350100M000100Y43', '福建某建设有限公司', '滨江花园一期', 'window');
SQL
case_no=$(psql -X -qAt -c "SELECT case_no FROM casedesk.case_file")
item=$(psql -X -qAt -c "SELECT left(it.name, 6) FROM casedesk.case_item ci JOIN casedesk.item_type it ON it.id = ci.item_type_id
                          WHERE ci.status = 'pending' ORDER BY ci.id LIMIT 1")

# The installed console, as the reviewer, shows the new item.
export CASEDESK_BIN=$casedesk
. "$top/tests/tty/lib.sh"
trap 'tty_cleanup; cleanup' EXIT
start_console 100 30 "$rev"
wait_for "$case_no" 20
wait_for "$item" 5
echo "deployment: install, init, calendar, staff, a case, the console as a reviewer"
