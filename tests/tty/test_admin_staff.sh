#!/usr/bin/env bash
# casedesk admin staff: add, list, set, disable through the real binary on
# the test's database. Every refusal exits 1 with the database's words and
# changes nothing; a person who leaves keeps their history, cannot log in,
# and their claimed items and escalations go back.
. "$(dirname "$0")/lib.sh"

# ADMIN is the login that runs casedesk admin (default: the superuser).
adm() { PGUSER=${ADMIN:-$PGUSER} "$CASEDESK_BIN" admin "$@"; }
# Logins are cluster-wide: names of this run only.
u=a$$
staff_rows() { sql "select count(*) from casedesk.staff"; }
roles() { sql "select count(*) from pg_roles where rolname like '${u}%'"; }
audits() { sql "select count(*) from casedesk.audit where action like 'staff%'"; }

# refuse STATE ARGS...: exit 1, the SQLSTATE or message on stderr, nothing changed.
refuse() {
    local want=$1 before after out rc
    shift
    before="$(staff_rows)/$(roles)/$(audits)/$(sql "select string_agg(login||job||active, ',' order by login) from casedesk.staff")"
    set +e
    out=$(adm "$@" 2>&1 >/dev/null)
    rc=$?
    set -e
    [ "$rc" = 1 ] || [ "$rc" = 2 ] || fail "admin $* exited $rc: $out"
    echo "$out" | grep -qF -- "$want" || fail "admin $*: want [$want], got [$out]"
    after="$(staff_rows)/$(roles)/$(audits)/$(sql "select string_agg(login||job||active, ',' order by login) from casedesk.staff")"
    expect_eq "$after" "$before" "state after refused admin $*"
}

# The superuser adds the first administrator, who adds the rest.
adm staff add "${u}_boss" --name "管理员" --job admin >/dev/null
export ADMIN=${u}_boss
out=$(adm staff add "${u}_wang" --name "王小芳" --job reviewer --dept ZJ --dept RF 2>/dev/null)
expect_eq "$out" "casedesk admin: ${u}_wang added as reviewer" "staff add output"
expect_eq "$(sql "select rolcanlogin from pg_roles where rolname = '${u}_wang'")" "t" "login created"
expect_eq "$(sql "select pg_has_role('${u}_wang', 'casedesk_reviewer', 'MEMBER')")" "t" "job role granted"
expect_eq "$(sql "select actor || ' ' || (after->>'job') || ' ' || (after->'departments')::text from casedesk.audit where action = 'staff_add' and after->>'login' = '${u}_wang'")" \
    "${u}_boss reviewer [\"RF\", \"ZJ\"]" "audit row of staff add"
# The new login works in the console's terms: it sees its departments' items.
expect_eq "$(sql_as "${u}_wang" "select count(*) from casedesk.case_item")" "4" "new reviewer sees items"

adm staff list 2>/dev/null | grep -qE "^${u}_wang +reviewer +active +RF,ZJ +王小芳$" || fail "staff list: $(adm staff list)"

refuse 'refused (23505): "'"${u}"'_wang" is already staff' staff add "${u}_wang" --name x --job window
refuse 'refused (P0002): no department with the code "XX"' staff add "${u}_li" --name 李 --job reviewer --dept XX
refuse 'refused (22023): the job reviewer needs at least one department' staff add "${u}_li" --name 李 --job reviewer
refuse 'refused (22023): a login must be' staff add "Bad-Login" --name 李 --job window
refuse 'refused (42501): the login "casedesk_owner" is reserved' staff add casedesk_owner --name x --job window
refuse 'refused (42501): the login "postgres" is reserved' staff add postgres --name x --job window
refuse 'refused (22023): a name must be' staff add "${u}_li" --name "$(printf 'a\033[2Jb')" --job window
refuse "unknown job 'chef'" staff add "${u}_li" --name 李 --job chef
refuse 'refused (P0002): no staff member "'"${u}"'_nobody"' staff disable "${u}_nobody"
refuse 'refused (42501): you cannot disable yourself' staff disable "${u}_boss"
# Someone who is not an administrator.
ADMIN=rev_a refuse 'refused (42501)' staff add "${u}_li" --name 李 --job window
ADMIN=rev_a refuse 'refused (42501)' staff disable rev_b

# set: departments and job; a claim outside the new departments goes back.
sql_as "${u}_wang" "select casedesk.claim(2, (select version from casedesk.case_item where id = 2), gen_random_uuid())" >/dev/null
adm staff set "${u}_wang" --name "王芳芳" --dept ZJ >/dev/null 2>&1
expect_eq "$(sql "select status || coalesce(assignee, '-') from casedesk.case_item where id = 2")" "pending-" "claim in RF went back"
adm staff list 2>/dev/null | grep -qE "^${u}_wang +reviewer +active +ZJ +王芳芳$" || fail "staff list after set"
adm staff set "${u}_wang" --job oncall >/dev/null 2>&1 || fail "staff set --job"
expect_eq "$(sql "select pg_has_role('${u}_wang', 'casedesk_reviewer', 'MEMBER') || ' ' || pg_has_role('${u}_wang', 'casedesk_oncall', 'MEMBER')")" \
    "false true" "job role moved"

# disable: a reviewer's claim and an on-call person's escalation go back,
# the logins stop. (Logins of this test only: roles are cluster-wide.)
rv=${u}_rev
oc=${u}_onc
adm staff add "$rv" --name 王芳 --job reviewer --dept ZJ >/dev/null 2>&1
adm staff add "$oc" --name 陈杰 --job oncall --dept ZJ >/dev/null 2>&1
sql_as "$rv" "select casedesk.claim(1, (select version from casedesk.case_item where id = 1), gen_random_uuid())" >/dev/null
sql_as "$rv" "select casedesk.annotate(1, (select version from casedesk.case_item where id = 1), gen_random_uuid(), '已收到')" >/dev/null
esc=$(sql_as win "select casedesk.escalate(gen_random_uuid(), 1, 1, 1::smallint, '这个问题请回答')")
sql "update casedesk.escalation set addressee = '$oc' where id = $esc"
adm staff disable "$rv" >/dev/null 2>&1
adm staff disable "$oc" >/dev/null 2>&1
expect_eq "$(sql "select status || coalesce(assignee, '-') from casedesk.case_item where id = 1")" "pending-" "claim of a leaver went back"
expect_eq "$(sql "select coalesce(addressee, '-') || ' ' || department_id from casedesk.escalation where id = $esc")" "- 1" "escalation back to the department"
expect_eq "$(sql "select count(*) from casedesk.audit where actor = '${u}_boss' and ((action = 'release' and item_id = 1) or (action = 'hand_back' and escalation_id = $esc))")" "2" "audit of the hand-back"
expect_eq "$(sql "select rolcanlogin from pg_roles where rolname = '$rv'")" "f" "leaver cannot log in"
expect_eq "$(sql "select active from casedesk.staff where login = '$rv'")" "f" "leaver is kept, inactive"
expect_eq "$(sql "select count(*) from casedesk.annotation where author = '$rv'")" "1" "leaver's history kept"
set +e
PGUSER=$rv psql -X -qAt -c "select 1" >/dev/null 2>&1
rc=$?
set -e
expect_eq "$rc" "2" "leaver's psql connection"
refuse 'refused (55000): "'"$rv"'" is disabled' staff disable "$rv"
refuse 'refused (55000): "'"$rv"'" is disabled' staff set "$rv" --name x
adm staff list 2>/dev/null | grep -qE "^$rv +reviewer +disabled +ZJ +王芳$" || fail "staff list shows the leaver"

# The commands are named in --help.
"$CASEDESK_BIN" --help | grep -qF "admin COMMAND" || fail "casedesk --help names admin"
"$CASEDESK_BIN" admin --help | grep -qF "staff disable LOGIN" || fail "casedesk admin --help"
set +e
out=$("$CASEDESK_BIN" admin staff 2>&1)
rc=$?
set -e
expect_eq "$rc:$out" "2:casedesk admin: 'staff' needs a command (casedesk admin --help)
Try 'casedesk admin --help'." "a command without its verb"
echo "admin staff: add, list, set, disable and their refusals"
