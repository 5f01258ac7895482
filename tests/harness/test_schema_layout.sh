#!/usr/bin/env bash
# The repeatable files define the whole of what they are for: every function,
# view, trigger and policy of schema casedesk, row-level security on its
# tables, and every grant to a job role. The numbered migrations create old
# versions of many of these too, so a repeatable file that forgot one would
# go unnoticed on an existing database and on a fresh one alike; here the
# repeatable files run on a database that has the numbered migrations only,
# its grants to job roles taken away, while an event trigger notes what they
# define. Whatever they did not define, and every grant they did not make
# again, is listed.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${PGHOST:?run me through tests/with-postgres}"
work=$(mktemp -d)
chmod 755 "$work"
db=layout_$$
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
cp -R "$top/sql" "$work/sql"
mv "$work/sql/repeatable" "$work/repeatable"
mkdir "$work/sql/repeatable"
PGDATABASE=$db "$work/sql/migrate" >/dev/null

# Every grant to a casedesk role but the owner, as "kind name grantee
# privilege", tab-separated (type names have spaces).
grants() {
    psql -X -qAt -F $'\t' -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SET search_path = pg_catalog;
WITH obj (kind, name, acl) AS (
    SELECT 'FUNCTION', p.oid::regprocedure::text, p.proacl
      FROM pg_proc p WHERE p.pronamespace = 'casedesk'::regnamespace
    UNION ALL
    SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass::text, c.relacl
      FROM pg_class c WHERE c.relnamespace = 'casedesk'::regnamespace
    UNION ALL
    SELECT 'TYPE', t.oid::regtype::text, t.typacl
      FROM pg_type t WHERE t.typnamespace = 'casedesk'::regnamespace
    UNION ALL
    SELECT 'SCHEMA', n.nspname::text, n.nspacl FROM pg_namespace n WHERE n.nspname = 'casedesk'
)
SELECT o.kind, o.name, r.rolname, a.privilege_type
  FROM obj o
 CROSS JOIN LATERAL aclexplode(o.acl) a
  JOIN pg_roles r ON r.oid = a.grantee
 WHERE r.rolname LIKE 'casedesk\_%' AND r.rolname <> 'casedesk_owner'
 ORDER BY 1, 2, 3, 4;
SQL
}
grants "$db" >"$work/grants.numbered"
[ "$(wc -l <"$work/grants.numbered")" -ge 50 ] ||
    fail "the numbered migrations granted only $(wc -l <"$work/grants.numbered") privileges"
# The grants taken away, and an event trigger that notes each object a
# command defines (its catalog and oid).
{
    echo 'SET client_min_messages = warning;'
    awk -F '\t' '{ printf "REVOKE ALL ON %s %s FROM %s;\n", $1, $2, $3 }' "$work/grants.numbered" | sort -u
    cat <<'SQL'
CREATE SCHEMA layout_check;
CREATE TABLE layout_check.defined (classid oid, objid oid);
CREATE FUNCTION layout_check.note() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO layout_check.defined SELECT classid, objid FROM pg_event_trigger_ddl_commands();
END
$$;
CREATE EVENT TRIGGER layout_note ON ddl_command_end EXECUTE FUNCTION layout_check.note();
SQL
} | psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null
[ -z "$(grants "$db")" ] || fail "grants are left after taking them away"

rmdir "$work/sql/repeatable"
mv "$work/repeatable" "$work/sql/repeatable"
PGDATABASE=$db "$work/sql/migrate" >"$work/migrate.out" 2>&1 ||
    { cat "$work/migrate.out"; fail "the repeatable files do not apply on the numbered migrations"; }
grep -q 'applying repeatable/' "$work/migrate.out" || fail "no repeatable file ran: $(cat "$work/migrate.out")"

missing=$(psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
SET search_path = pg_catalog;
WITH seen AS (SELECT DISTINCT classid, objid FROM layout_check.defined WHERE objid IS NOT NULL)
SELECT 'function ' || p.oid::regprocedure
  FROM pg_proc p
 WHERE p.pronamespace = 'casedesk'::regnamespace
   AND NOT EXISTS (SELECT FROM seen s WHERE s.classid = 'pg_proc'::regclass AND s.objid = p.oid)
UNION ALL
SELECT 'view ' || c.oid::regclass
  FROM pg_class c
 WHERE c.relnamespace = 'casedesk'::regnamespace AND c.relkind IN ('v', 'm')
   AND NOT EXISTS (SELECT FROM seen s WHERE s.classid = 'pg_class'::regclass AND s.objid = c.oid)
UNION ALL
SELECT 'row-level security on ' || c.oid::regclass
  FROM pg_class c
 WHERE c.relnamespace = 'casedesk'::regnamespace AND c.relrowsecurity
   AND NOT EXISTS (SELECT FROM seen s WHERE s.classid = 'pg_class'::regclass AND s.objid = c.oid)
UNION ALL
SELECT 'trigger ' || t.tgname || ' on ' || t.tgrelid::regclass
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace = 'casedesk'::regnamespace AND NOT t.tgisinternal
   AND NOT EXISTS (SELECT FROM seen s WHERE s.classid = 'pg_trigger'::regclass AND s.objid = t.oid)
UNION ALL
SELECT 'policy ' || pol.polname || ' on ' || pol.polrelid::regclass
  FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
 WHERE c.relnamespace = 'casedesk'::regnamespace
   AND NOT EXISTS (SELECT FROM seen s WHERE s.classid = 'pg_policy'::regclass AND s.objid = pol.oid)
ORDER BY 1;
SQL
)
[ -z "$missing" ] || { printf '%s\n' "$missing"; fail "defined by the numbered migrations only (put them in sql/repeatable/)"; }

grants "$db" >"$work/grants.repeatable"
diff -u "$work/grants.numbered" "$work/grants.repeatable" ||
    fail "the repeatable files do not make these grants (-) again, or make new ones (+)"
grants casedesk | diff -u - "$work/grants.repeatable" ||
    fail "the grants differ from those of a database sql/migrate built"
echo "sql/repeatable defines every function, view, trigger and policy, and makes every grant" \
     "($(wc -l <"$work/grants.repeatable") privileges)"
