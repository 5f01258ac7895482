#!/usr/bin/env bash
# casedesk admin kb: export -> apply on a fresh database -> export gives the
# same file byte for byte; --dry-run shows and changes nothing; bad files are
# refused with file:line and change nothing; a change never rewrites history
# (items keep their due times, an item type in use is retired, not deleted).
. "$(dirname "$0")/lib.sh"

dir=$(mktemp -d)
other=kb_fresh_$$
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $other" >/dev/null 2>&1; rm -rf "$dir"; tty_cleanup' EXIT
adm() { "$CASEDESK_BIN" admin "$@"; }
kbstate() { sql "select (select string_agg(code||name||limit_value||coalesce(retired_at::text,'-'), ',' order by code) from casedesk.item_type)
                 || (select string_agg(code, ',' order by code) from casedesk.department)
                 || (select count(*) from casedesk.matter_dependency) || (select count(*) from casedesk.required_material)"; }

adm kb export "$dir/kb.cfg" 2>/dev/null
grep -qF 'dependencies = ( [ "T3", "T1" ] );' "$dir/kb.cfg" || fail "export lacks the dependency: $(cat "$dir/kb.cfg")"
out=$(adm kb check "$dir/kb.cfg")
expect_eq "$out" "$dir/kb.cfg: good: 3 departments, 3 item types, 2 matter types" "kb check"

# The round trip through a fresh database.
psql -X -q -d postgres -c "CREATE DATABASE $other" >/dev/null
adm -d "dbname=$other" init >/dev/null 2>&1
out=$(adm -d "dbname=$other" kb apply "$dir/kb.cfg" --dry-run 2>/dev/null)
echo "$out" | grep -qE '^item type +T1 +added$' || fail "dry run lists the additions: $out"
echo "$out" | tail -n 1 | grep -qF "9 changes shown, none made (--dry-run)" || fail "dry run summary: $out"
expect_eq "$(psql -X -qAt -d "$other" -c "select count(*) from casedesk.item_type")" "0" "dry run changed nothing"
adm -d "dbname=$other" kb apply "$dir/kb.cfg" >/dev/null 2>&1
adm -d "dbname=$other" kb export "$dir/again.cfg" 2>/dev/null
cmp "$dir/kb.cfg" "$dir/again.cfg" || fail "export -> apply -> export differs: $(diff "$dir/kb.cfg" "$dir/again.cfg")"
out=$(adm -d "dbname=$other" kb apply "$dir/kb.cfg" 2>/dev/null)
expect_eq "$out" "casedesk admin: the knowledge base already matches $dir/kb.cfg" "second apply"

# Refusals with file:line, nothing changed.
refuse() { # refuse SED-SCRIPT WANT
    sed -e "$1" "$dir/kb.cfg" >"$dir/bad.cfg"
    local before out rc
    before=$(kbstate)
    set +e
    out=$(adm kb apply "$dir/bad.cfg" 2>&1 >/dev/null)
    rc=$?
    set -e
    expect_eq "$rc" "1" "exit status for: $2"
    expect_eq "$out" "$2" "message"
    expect_eq "$(kbstate)" "$before" "knowledge base after: $2"
}
line_of() { grep -nF -- "$1" "$dir/kb.cfg" | head -n 1 | cut -d: -f1; }
l=$(line_of 'dependencies = ( [ "T3", "T1" ] )')
refuse "s/dependencies = ( \\[ \"T3\", \"T1\" \\] )/dependencies = ( [ \"T3\", \"T1\" ], [ \"T1\", \"T3\" ] )/" \
    "$dir/bad.cfg:$l: the dependencies of matter \"M2\" form a cycle"
l=$(line_of 'department = "RF"')
refuse 's/department = "RF"/department = "XX"/' "$dir/bad.cfg:$l: unknown department \"XX\""
l=$(line_of 'code = "T3"')
refuse 's/code = "T3"/code = "T1"/' "$dir/bad.cfg:$l: code \"T1\" is listed twice (first on line $(line_of 'code = "T1"'))"
l=$(line_of 'yellow = 0.75' )
refuse '0,/yellow = 0.75/s//yellow = 1.5/' "$dir/bad.cfg:$l: 'yellow' must be a share between 0 and 1, such as 0.75"
refuse 's/limit = 5;/limit = ;/' "$dir/bad.cfg:$(line_of 'limit = 5;'): syntax error"
set +e
out=$(PGUSER=sup "$CASEDESK_BIN" admin kb apply "$dir/kb.cfg" 2>&1)
set -e
echo "$out" | grep -qF "refused (42501)" || fail "a supervisor applies: $out"

# History: T1's limit changes; item 1 (in the queue) keeps its due time.
due=$(sql "select due_at from casedesk.case_item where id = 1")
sed -e '0,/limit = 5;/s//limit = 9;/' "$dir/kb.cfg" >"$dir/new.cfg"
out=$(adm kb apply "$dir/new.cfg" 2>/dev/null)
echo "$out" | grep -qE '^item type +T1 +changed$' || fail "limit change shown: $out"
expect_eq "$(sql "select limit_value from casedesk.item_type where code = 'T1'")" "9" "new limit"
expect_eq "$(sql "select due_at from casedesk.case_item where id = 1")" "$due" "due time of an item already received"
expect_eq "$(sql "select limit_value || ' ' || limit_unit from casedesk.case_item where id = 1")" "5 working_days" \
    "the limit an item already received keeps"

# T3 (in use by item 4) and T2 leave the file with M1: T3 is retired, M1 too;
# the cases keep them. A new unused item type added, then removed: deleted.
python3 - "$dir/new.cfg" "$dir/less.cfg" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'  \{ code = "T2";.*?\]; \},\n', '', s, flags=re.S)
s = re.sub(r',\n  \{ code = "T3";.*?\]; \}\n', '\n', s, flags=re.S)
s = re.sub(r'  \{ code = "M1";.*?\}, *\n', '', s, flags=re.S)
s = s.replace('items = [ "T1", "T3" ];', 'items = [ "T1" ];').replace('dependencies = ( [ "T3", "T1" ] );', 'dependencies = ( );')
open(sys.argv[2], 'w').write(s)
PY
out=$(adm kb apply "$dir/less.cfg" 2>/dev/null) || fail "apply the smaller file: $out"
echo "$out" | grep -qE '^item type +T3 +retired$' || fail "T3 retired: $out"
echo "$out" | grep -qE '^item type +T2 +retired$' || fail "T2 retired (item 2 uses it): $out"
echo "$out" | grep -qE '^matter type +M1 +retired$' || fail "M1 retired: $out"
expect_eq "$(sql "select count(*) from casedesk.case_item where item_type_id in (2, 3)")" "2" "items of retired types kept"
adm kb export 2>/dev/null | grep -qF '"T3"' && fail "export lists a retired item type"
set +e
out=$(sql_as win "select casedesk.file_case(gen_random_uuid(), 'M1', '91350100M000100Y43', '福建某建设有限公司', '新项目', 'window')" 2>&1)
set -e
echo "$out" | grep -qF "no longer offered" || fail "a retired matter takes no new case: $out"
# Back again: restored.
out=$(adm kb apply "$dir/new.cfg" 2>/dev/null)
echo "$out" | grep -qE '^item type +T3 +restored$' || fail "T3 restored: $out"
expect_eq "$(sql "select count(*) from casedesk.audit where action = 'kb_apply'")" "3" "audit rows of the applies"
# The functions part of sql/110_admin.sql re-runs as it stands (it is to
# become a repeatable migration), twice, and the knowledge base still applies.
top=$(cd "$(dirname "$0")/../.." && pwd)
sed -n '/^-- == functions, views, triggers, policies, grants ==$/,$p' "$top/sql/110_admin.sql" >"$dir/part2.sql"
[ "$(grep -c '^-- == tables, types, indexes, data ==$' "$top/sql/110_admin.sql")" = 1 ] || fail "the data marker"
for _ in 1 2; do psql -X -q -v ON_ERROR_STOP=1 -1 -f "$dir/part2.sql" >/dev/null || fail "part 2 re-run"; done
out=$(adm kb apply "$dir/new.cfg" 2>/dev/null)
expect_eq "$out" "casedesk admin: the knowledge base already matches $dir/new.cfg" "apply after the re-run"
echo "admin kb: round trip, dry run, refusals, history kept"
