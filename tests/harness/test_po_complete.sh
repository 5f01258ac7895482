#!/usr/bin/env bash
# Every message of the sources has a Chinese translation: the template is made
# again from the sources as `make pot` makes it, and po/zh_CN.po must translate
# each of its messages, none fuzzy, and pass msgfmt --check (printf formats
# that match the English, a sound header). A new _() or N_() string without
# its translation fails here, and the test names it.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cd "$top"
for l in po/*.po; do
    msgfmt --check --statistics -o /dev/null "$l" 2>"$work/msgfmt.log" ||
        { cat "$work/msgfmt.log"; fail "msgfmt --check refuses $l"; }
done
make -s --no-print-directory pot POT="$work/casedesk.pot" >/dev/null
n=$(grep -c '^msgid ' "$work/casedesk.pot")
[ "$n" -gt 300 ] || fail "the template has only $n messages: xgettext found too little"

for l in po/*.po; do
    msgmerge -q --no-fuzzy-matching --no-wrap "$l" "$work/casedesk.pot" -o "$work/merged.po"
    msgattrib --untranslated --no-obsolete --no-wrap "$work/merged.po" |
        grep '^msgid ' | grep -v '^msgid ""$' >"$work/missing" || true
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/merged.po" |
        grep '^msgid ' | grep -v '^msgid ""$' >"$work/fuzzy" || true
    # A message that spans lines starts with msgid "": name its first line.
    msgattrib --untranslated --no-obsolete --no-wrap "$work/merged.po" |
        awk '/^msgid ""$/ { getline next_line; if (next_line ~ /^"/) print "msgid " next_line }' \
            >>"$work/missing"
    if [ -s "$work/missing" ] || [ -s "$work/fuzzy" ]; then
        echo "$l lacks translations (make pot, msgmerge, then translate; see po/README):"
        sed -e 's/^/  untranslated: /' "$work/missing"
        sed -e 's/^/  fuzzy: /' "$work/fuzzy"
        fail "$l is not complete"
    fi
done
echo "ok: $n messages, all translated"
