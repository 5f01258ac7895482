#!/usr/bin/env bash
# Follows the README's "Running a centre" on the throwaway server: make
# install, a new database, casedesk admin init, the knowledge base, next
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
         share/doc/casedesk/calendar-2027.example; do
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
n=$(psql -X -qAt -c "SELECT count(*) FROM casedesk_meta.migration")
[ "$n" = "$(ls "$root"/share/casedesk/sql/[0-9]*.sql | wc -l)" ] || { echo "init applied $n migrations"; exit 1; }

# The knowledge base. (Loaded with SQL here until `casedesk admin kb apply` exists.)
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SET ROLE casedesk_owner;
INSERT INTO casedesk.department VALUES (1, 'ZJ', '住房和城乡建设局', 'housing and construction');
INSERT INTO casedesk.category VALUES (1, 'project', '项目审批一类事', 'project approval');
INSERT INTO casedesk.item_type (id, code, name, name_en, department_id, limit_value, limit_unit)
VALUES (1, 'ZJ-SGXK', '建筑工程施工许可证核发', 'construction permit', 1, 5, 'working_days');
INSERT INTO casedesk.matter_type VALUES (1, 'KG', '项目开工一件事', 'project start', 1);
INSERT INTO casedesk.matter_item VALUES (1, 1);
SQL

"$casedesk" admin calendar import "$root/share/doc/casedesk/calendar-2027.example" >/dev/null 2>&1
"$casedesk" admin staff add "$rev" --name 王芳 --job reviewer --dept ZJ >/dev/null 2>&1
"$casedesk" admin staff add "$win" --name 孙丽 --job window >/dev/null 2>&1
PGUSER=$win psql -X -qAt -v ON_ERROR_STOP=1 -c \
    "SELECT casedesk.file_case(gen_random_uuid(), 'KG', '91350100M000100Y43', '福建某建设有限公司', '滨江花园一期', 'window')" >/dev/null
case_no=$(psql -X -qAt -c "SELECT case_no FROM casedesk.case_file")

# The installed console, as the reviewer, shows the new item.
export CASEDESK_BIN=$casedesk
. "$top/tests/tty/lib.sh"
trap 'tty_cleanup; cleanup' EXIT
start_console 100 30 "$rev"
wait_for "$case_no" 20
wait_for "项目开工一件事 建筑工程施工许" 5
echo "deployment: install, init, calendar, staff, a case, the console as a reviewer"
