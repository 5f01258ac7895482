# tests/bench/analyse.sh — sourced by tests/bench/analyse and
# tests/bench/consoles-analyse: reading stamped console logs (see the top of
# tests/bench/analyse) and percentiles.

# awk code that sets t0 for a stamped log; END blocks use it
# after calling t0_check().
T0_AWK='
    { x = $1 - $2; if (!seen++ || x < early) early = x }
    $3 == "start" && $5 == "monotonic" && !have { t0 = $6 + 0; have = 1 }
    function t0_check() {
        if (!have) t0 = early
        else if (t0 > early + 0.002) printf "analyse: %s: start line after its own lines\n", FILENAME > "/dev/stderr"
    }'

# pct P: the P-th percentile (nearest rank) of the numbers on stdin.
pct() {
    sort -g | awk -v p="$1" '{ v[NR] = $1 } END {
        if (NR == 0) { print "-"; exit }
        i = int(p / 100 * NR); if (i < p / 100 * NR) i++; if (i < 1) i = 1
        printf "%.1f\n", v[i] }'
}
count() { wc -l | tr -d ' '; }
