#!/usr/bin/env bash
# The modules of src/ and include/casedesk/ include each other in no circle
# of more than two (tests/harness/include_graph.py); and the check itself
# finds a circle when there is one, in a fake tree.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
check=$top/tests/harness/include_graph.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$check" "$top"

# fake TREE MODULE:INCLUDES... — x.c and x.h per module, x.c including each.
fake() {
    local tree=$1; shift
    mkdir -p "$tree/src" "$tree/include/casedesk"
    for spec in "$@"; do
        local mod=${spec%%:*} incs=${spec#*:}
        : >"$tree/include/casedesk/$mod.h"
        printf '#include "casedesk/%s.h"\n' "$mod" >"$tree/src/$mod.c"
        for i in ${incs//,/ }; do
            printf '#include "casedesk/%s.h"\n' "$i" >>"$tree/src/$mod.c"
        done
    done
}

# A pair that includes each other is tolerated; a third in the ring is not.
fake "$tmp/pair" a:b b:a c:a
python3 "$check" "$tmp/pair" >"$tmp/pair.out"
grep -q 'no include circle' "$tmp/pair.out"

fake "$tmp/ring" a:b b:c c:a d:a
if python3 "$check" "$tmp/ring" >"$tmp/ring.out"; then
    echo "a circle a -> b -> c -> a went unnoticed" >&2
    exit 1
fi
grep -q 'include circle of 3 modules: a b c' "$tmp/ring.out"
grep -q 'a -> b -> c -> a' "$tmp/ring.out"

# A header's include counts as the module's.
fake "$tmp/hdr" a: b:c c:
printf '#include "casedesk/a.h"\n' >"$tmp/hdr/include/casedesk/c.h"
printf '#include "casedesk/b.h"\n' >>"$tmp/hdr/src/a.c"
if python3 "$check" "$tmp/hdr" >"$tmp/hdr.out"; then
    echo "a circle through a header went unnoticed" >&2
    exit 1
fi
echo ok
