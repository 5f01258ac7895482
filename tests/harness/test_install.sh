#!/usr/bin/env bash
# make install puts the binary, both man pages (in English and Chinese), the
# Chinese messages, the schema with its runner, the demo loader and the sample
# configuration under DESTDIR/PREFIX, and the installed schema runner builds a
# database (a second run applies nothing).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
prefix=/opt/casedesk

make -s -C "$top" install DESTDIR="$tmp" PREFIX="$prefix" >/dev/null
root=$tmp$prefix
for f in bin/casedesk share/man/man1/casedesk.1 share/man/man5/casedesk.cfg.5 \
         share/casedesk/sql/migrate share/casedesk/sql/010_core.sql \
         share/casedesk/sql/repeatable/30_item_actions.sql \
         share/casedesk/sql/demo/load share/casedesk/sql/demo/demo.sql \
         share/doc/casedesk/casedesk.cfg.sample share/locale/zh_CN/LC_MESSAGES/casedesk.mo \
         share/man/zh_CN/man1/casedesk.1 share/man/zh_CN/man5/casedesk.cfg.5; do
    [ -f "$root/$f" ] || { echo "not installed: $f"; exit 1; }
done
[ -x "$root/bin/casedesk" ] && [ -x "$root/share/casedesk/sql/migrate" ] ||
    { echo "installed programs are not executable"; exit 1; }
"$root/bin/casedesk" --version | grep -q '^casedesk ' || { echo "installed binary does not run"; exit 1; }
man -l "$root/share/man/man1/casedesk.1" 2>/dev/null | grep -q "WORKING-DAY CALENDAR" ||
    { echo "casedesk(1) does not render"; exit 1; }
# man -L zh_CN finds the Chinese pages; the installed catalogue speaks Chinese.
[ "$(MANPATH="$root/share/man" man -L zh_CN -w casedesk)" = "$root/share/man/zh_CN/man1/casedesk.1" ] ||
    { echo "man -L zh_CN casedesk does not find the Chinese page"; exit 1; }
[ "$(MANPATH="$root/share/man" man -L zh_CN -w 5 casedesk.cfg)" = "$root/share/man/zh_CN/man5/casedesk.cfg.5" ] ||
    { echo "man -L zh_CN 5 casedesk.cfg does not find the Chinese page"; exit 1; }
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$root/share/man/zh_CN/man1/casedesk.1" 2>/dev/null | grep -q "工作日历" ||
    { echo "casedesk(1) in Chinese does not render"; exit 1; }
CASEDESK_LOCALEDIR="$root/share/locale" LC_ALL=C.UTF-8 "$root/bin/casedesk" --lang zh_CN --help |
    grep -q "^用法：casedesk" || { echo "the installed Chinese messages are not used"; exit 1; }

# The installed runner applies the installed schema to a new database, twice
# (the second time is a no-op).
psql -X -q -d postgres -c "CREATE DATABASE install_check" >/dev/null
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS install_check" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
PGDATABASE=install_check "$root/share/casedesk/sql/migrate" >/dev/null
PGDATABASE=install_check "$root/share/casedesk/sql/migrate" >/dev/null
n=$(psql -X -qAt -d install_check -c "SELECT count(*) FROM casedesk_meta.migration")
[ "$n" = "$(ls "$root"/share/casedesk/sql/[0-9]*.sql | wc -l)" ] ||
    { echo "installed migrations: $n applied"; exit 1; }
n=$(psql -X -qAt -d install_check -c "SELECT count(*) FROM casedesk_meta.repeatable")
[ "$n" = "$(ls "$top"/sql/repeatable/*.sql | wc -l)" ] ||
    { echo "installed repeatable files: $n applied"; exit 1; }
# The installed schema is the source tree's (tests/with-postgres built
# casedesk from it).
diff <(pg_dump -s -d install_check | grep -v '^\\\(un\)\?restrict ') \
     <(pg_dump -s -d casedesk | grep -v '^\\\(un\)\?restrict ') >/dev/null ||
    { echo "the installed schema differs from the source tree's"; exit 1; }
echo "make install: files, binary, man page, sample config and schema runner all work"
