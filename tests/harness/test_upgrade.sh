#!/usr/bin/env bash
# The previous release's databases (tests/fixtures/v0.1.0*.sql.gz, made by
# tests/fixtures/make-v0.1.0) upgrade to the current schema on a throwaway
# server: no row is lost, the schema is the one a fresh database gets, and
# the rule tests pass on the upgraded database. sql/migrate refuses a
# database whose applied migration was edited, and changes nothing then; a
# second run changes nothing; a changed repeatable file is applied again.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$top/tests/fixtures

if [ -z "${CASEDESK_UPGRADE_SERVER:-}" ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    chmod 755 "$tmp"
    TMPDIR=$tmp CASEDESK_UPGRADE_SERVER=1 "$top/tests/with-postgres" bash "$0"
    exit
fi
# From here on: a server of our own, whose database casedesk tests/with-postgres
# has just built with the current sql/migrate.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

restore() { # restore DB FIXTURE
    psql -X -q -d postgres -c "CREATE DATABASE $1" >/dev/null
    gzip -dc "$fixtures/$2" | psql -X -q -v ON_ERROR_STOP=1 -d "$1" >/dev/null
}
# Rows per table of casedesk and casedesk_meta, one "schema.table count" a line.
row_counts() {
    psql -X -qAt -F ' ' -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT format('SELECT %L, count(*) FROM %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname IN ('casedesk', 'casedesk_meta') AND c.relkind IN ('r', 'p')
 ORDER BY 1 \gexec
SQL
}
# What pg_dump writes, without the lines that differ on every run.
dump() { # dump DB [pg_dump options]
    local db=$1
    shift
    pg_dump "$@" -d "$db" | grep -v '^\\\(un\)\?restrict '
}
schema() { dump "$@" -s; }

restore v010 v0.1.0.sql.gz
restore v010_demo v0.1.0-demo.sql.gz
row_counts v010_demo >"$work/rows.before"
[ "$(grep -c ' [1-9]' "$work/rows.before")" -ge 10 ] || fail "the demo fixture has hardly any rows"

# While sql/ holds exactly the numbered files of v0.1.0 and the repeatable
# files that restate them (tests/fixtures/v0.1.0-layout.sha256), a fresh
# database has the very schema v0.1.0's sql/migrate built: the proof that the
# repeatable files copy the last definitions faithfully. (Once they change,
# the checks below take over.)
if (cd "$top" && sha256sum --quiet --strict -c "$fixtures/v0.1.0-layout.sha256" >/dev/null 2>&1) &&
   [ "$(cd "$top/sql" && ls [0-9][0-9][0-9]_*.sql repeatable/*.sql | wc -l)" = \
     "$(wc -l <"$fixtures/v0.1.0-layout.sha256")" ]; then
    diff -u <(gzip -dc "$fixtures/v0.1.0.schema.gz") <(schema casedesk -N casedesk_meta) >"$work/proof.diff" ||
        { head -60 "$work/proof.diff"; fail "v0.1.0's schema differs from the one the repeatable files build"; }
    echo "a fresh database has v0.1.0's schema, function for function and grant for grant"
fi

# The upgrade.
for db in v010 v010_demo; do
    PGDATABASE=$db "$top/sql/migrate" >"$work/migrate.$db.out" 2>&1 ||
        { cat "$work/migrate.$db.out"; fail "sql/migrate could not upgrade $db"; }
done
grep -q 'applying repeatable/' "$work/migrate.v010.out" ||
    fail "the upgrade applied no repeatable file: $(cat "$work/migrate.v010.out")"
# Progress lines only: no result table of a query a migration ran.
for db in v010 v010_demo; do
    ! grep -vq '^migrate: ' "$work/migrate.$db.out" ||
        fail "the upgrade of $db printed more than its progress: $(cat "$work/migrate.$db.out")"
done
# Only the numbered files v0.1.0 did not have are applied.
again=$(grep -o 'applying [0-9][0-9][0-9]_[A-Za-z0-9_-]*' "$work/migrate.v010.out" | cut -d' ' -f2 |
        grep -Fx -f <(sed -n 's|^[0-9a-f]*  sql/\([0-9][0-9][0-9]_.*\)\.sql$|\1|p' \
                          "$fixtures/v0.1.0-layout.sha256") || true)
[ -z "$again" ] || fail "the upgrade applied migrations v0.1.0 had applied already: $again"

row_counts v010_demo >"$work/rows.after"
# Every table of before, with its count; new tables may come. The list of
# migrations grows by the new ones (its rows are checked below).
lost=$(comm -23 <(grep -v '^casedesk_meta\.migration ' "$work/rows.before" | sort) <(sort "$work/rows.after"))
[ -z "$lost" ] || { echo "before -> after:"; diff "$work/rows.before" "$work/rows.after" || true
                    fail "rows changed or lost in: $lost"; }
echo "upgrade: $(wc -l <"$work/rows.before") tables, every row kept"

# The checksums of the migrations applied before they were kept are recorded.
diff <(cd "$top/sql" && sha256sum [0-9][0-9][0-9]_*.sql | sed 's/^\([0-9a-f]*\)  \(.*\)\.sql$/\2 \1/') \
     <(psql -X -qAt -F ' ' -d v010 -c "SELECT version, checksum FROM casedesk_meta.migration ORDER BY 1") ||
    fail "the checksums recorded for v0.1.0's migrations are not those of the files"

for db in v010 v010_demo; do
    diff -u <(schema casedesk) <(schema "$db" -N casedesk_demo) >"$work/schema.$db.diff" ||
        { head -60 "$work/schema.$db.diff"; fail "the upgraded $db differs from a fresh database"; }
done
echo "upgraded databases: the schema of a fresh one"

# The rule tests, on the upgraded database.
n_rules=$(ls "$top"/tests/sql/rules_*.sql | wc -l)
out=$(cd "$top" && CASEDESK_TEMPLATE=v010 TEST_OUT=$work/rules TESTS=rules_ tests/run-suite sql 2>&1) ||
    { echo "$out"; fail "rule tests on the upgraded database"; }
last=$(tail -n 1 <<<"$out")
[ "$last" = "$n_rules passed, 0 failed" ] || { echo "$out"; fail "rule tests: $last"; }
echo "rule tests on the upgraded database: $last"

# Nothing new: nothing changes, and migrate says so.
dump v010 >"$work/v010.before"
out=$(PGDATABASE=v010 "$top/sql/migrate" 2>&1) || fail "second run: $out"
[ "$out" = "migrate: the schema is up to date" ] || fail "second run said: $out"
dump v010 | cmp -s - "$work/v010.before" || fail "a run with nothing new changed the database"

# An applied migration edited: refused with the file, both checksums and
# what to do; nothing changes.
cp -R "$top/sql" "$work/sql"
was=$(sha256sum <"$work/sql/030_actions.sql" | cut -d' ' -f1)
echo "-- edited after release" >>"$work/sql/030_actions.sql"
now=$(sha256sum <"$work/sql/030_actions.sql" | cut -d' ' -f1)
echo "-- a change" >>"$work/sql/repeatable/60_sla_watch.sql"   # would be applied, were it not refused
set +e
out=$(PGDATABASE=v010 "$work/sql/migrate" 2>&1)
rc=$?
set -e
[ "$rc" != 0 ] || fail "an edited migration was not refused: $out"
for want in "sql/030_actions.sql was changed after it was applied" "$was" "$now" \
            "new numbered file" "nothing was changed"; do
    grep -qF "$want" <<<"$out" || { echo "$out"; fail "the refusal does not say: $want"; }
done
dump v010 | cmp -s - "$work/v010.before" || fail "a refused run changed the database"
echo "an edited migration is refused and nothing changes"

# A changed repeatable file: all of them run again, the new checksum is kept.
cp "$top/sql/030_actions.sql" "$work/sql/030_actions.sql"
out=$(PGDATABASE=v010 "$work/sql/migrate" 2>&1) || fail "changed repeatable file: $out"
[ "$(grep -c 'applying repeatable/' <<<"$out")" = "$(ls "$top"/sql/repeatable/*.sql | wc -l)" ] ||
    fail "a changed repeatable file did not run them all again: $out"
got=$(psql -X -qAt -d v010 -c "SELECT checksum FROM casedesk_meta.repeatable WHERE name = '60_sla_watch.sql'")
[ "$got" = "$(sha256sum <"$work/sql/repeatable/60_sla_watch.sql" | cut -d' ' -f1)" ] ||
    fail "the new checksum of 60_sla_watch.sql was not recorded"

# A repeatable file that fails: the whole run is undone.
dump v010 >"$work/v010.before"
printf 'SELECT casedesk.no_such_function();\n' >>"$work/sql/repeatable/80_supervisor_figures.sql"
PGDATABASE=v010 "$work/sql/migrate" >"$work/broken.out" 2>&1 && fail "a failing repeatable file went through"
grep -q 'no_such_function' "$work/broken.out" || { cat "$work/broken.out"; fail "the failure is not reported"; }
dump v010 | cmp -s - "$work/v010.before" || fail "a failed run left changes behind"

# A database made by a newer casedesk (a migration these files lack) is refused.
psql -X -q -d v010_demo -c "INSERT INTO casedesk_meta.migration (version, checksum) VALUES ('999_future', 'x')"
PGDATABASE=v010_demo "$top/sql/migrate" >"$work/newer.out" 2>&1 && fail "a newer database was not refused"
grep -q '999_future' "$work/newer.out" || { cat "$work/newer.out"; fail "the refusal does not name 999_future"; }
echo "sql/migrate: second run, changed repeatable file, failure and newer database all behave"
