#!/usr/bin/env bash
# The database goes away under an open console: the data stays on screen
# marked OFFLINE with its age, actions are refused with a clear message and
# typed text is kept as a draft; the console reconnects by itself, reloads,
# and works again. Then the same after a restart of the server.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
c2=$(case_no 2)
start_console 80 24
wait_for "$c1"
wait_for "refreshed"

admin() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d postgres -c "$1"; }
# Refuse new connections first, so that the console stays offline long
# enough to be looked at.
admin "alter database \"$PGDATABASE\" allow_connections false"
admin "select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'casedesk' and datname = '$PGDATABASE'" >/dev/null
wait_for "OFFLINE — data"
wait_for "database connection lost"
wait_for "$c1 建筑工程施工许可  福建某建设有限公司"

keys c
wait_for "cannot claim now: the database is offline"
# The retries that fail meanwhile leave the user's message alone.
sleep 2
screen | grep -qF "cannot claim now: the database is offline" || fail "a failed retry replaced the message"
keys m
wait_for "Note on 建筑工程施工许可"
type_text "断线时写的备注"
keys C-d
wait_for "cannot annotate now: the database is offline (your text is kept)"
sleep 1.2
line_with "OFFLINE" | grep -qE "OFFLINE — data [0-9]+s old" || fail "offline status with the data's age"

admin "alter database \"$PGDATABASE\" allow_connections true"
wait_for "back online; data reloaded" 20
wait_for "online | refreshed"

keys m
wait_for "This text was not sent last time"
wait_for "断线时写的备注"
keys C-d
wait_for "note added to $c1"
expect_eq "$(sql "select body from casedesk.annotation where item_id = 1")" "断线时写的备注" "draft sent after reconnecting"

# A restart of the server: the same, without any help.
$CASEDESK_PGCTL -D "$CASEDESK_PGDATA" -l "$CASEDESK_PGLOG" -m fast -w restart >/dev/null
wait_for "back online; data reloaded" 30
keys c
wait_for "claimed $c1"
keys a
wait_for "[y/N]"
keys y
wait_for "approved $c1 建筑工程施工许可"
expect_eq "$(sql "select status from casedesk.case_item where id = 1")" "approved" "approve after the restart"
expect_eq "$(sql "select count(*) from casedesk.audit where item_id = 1 and actor = 'rev_a' and action = 'approve'")" \
    "1" "one approve audit row"
line_with "$c2" >/dev/null
keys q
wait_for "casedesk-exit-status=0"
echo ok
