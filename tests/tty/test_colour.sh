#!/usr/bin/env bash
# Urgency is shown by a symbol always and by a colour when colours are
# wanted and the terminal has them: red for overdue in a colour terminal;
# no colour at all with NO_COLOR, with --no-color, or on a monochrome
# terminal (TERM=vt100), where the symbols alone still tell. The background
# is the terminal's own (use_default_colors), so light themes keep theirs.
. "$(dirname "$0")/lib.sh"

c1=$(case_no 1)
# Overdue, and red as the sweep marks it (which the meters count).
sql "update casedesk.case_item set due_at = now() - interval '1 hour',
            yellow_at = now() - interval '2 hours', alarm_level = 2,
            change_seq = nextval('casedesk.change_seq')
      where id = 1" >/dev/null

# start_plain TERM EXTRA-ENV ARGS...: the console without lib.sh's --no-color.
start_plain() {
    local term=$1 extra=$2
    shift 2
    # The old console goes only once the new one runs: killing the last
    # session would stop the tmux server under the next new-session.
    tm rename-session -t console old >/dev/null 2>&1 || true
    tm new-session -d -x 80 -y 24 -s console \
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=$term TZ=Asia/Shanghai $extra \
         PGHOST='$PGHOST' PGPORT='${PGPORT:-5432}' PGDATABASE='$PGDATABASE' PGUSER=rev_a \
         '$CASEDESK_BIN' --log '$CONSOLE_LOG' $*; sleep 600"
    tm set-option -t console status off >/dev/null
    tm kill-session -t old >/dev/null 2>&1 || true
    wait_for "$c1"
    wait_for "refreshed"
}
# The line of item 1 with its escape sequences, as tmux holds it.
coloured_line() { tm capture-pane -e -p -t console | grep -F -- "$c1"; }
# The meters' line, the same way.
meter_line() { wait_for "!! red 1"; tm capture-pane -e -p -t console | sed -n 2p; }
# Any SGR that sets a foreground or background colour (30-37, 38;..., 40-47, 90-97 ...).
has_colour() { grep -qE $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m'; }

start_plain xterm-256color ""
line=$(coloured_line)
printf '%s' "$line" | grep -qF '!!' || fail "overdue symbol missing in colour"
printf '%s' "$line" | grep -qE $'\e\\[([0-9;]*;)?31(;[0-9;]*)?m' || fail "overdue is not red: $(printf '%q' "$line")"
# The background is left alone: no background colour on a queue line.
printf '%s' "$line" | grep -qE $'\e\\[([0-9;]*;)?4[0-7](;[0-9;]*)?m' && fail "a queue line sets a background colour"
# The red meter in red, its symbol too.
printf '%s' "$(meter_line)" | grep -qE $'\e\\[([0-9;]*;)?31(;[0-9;]*)?m!! red 1' ||
    fail "the red meter is not red: $(printf '%q' "$(meter_line)")"

start_plain xterm-256color "NO_COLOR=1"
line=$(coloured_line)
printf '%s' "$line" | grep -qF '!!' || fail "overdue symbol missing with NO_COLOR"
printf '%s' "$line" | has_colour && fail "NO_COLOR still colours: $(printf '%q' "$line")"
printf '%s' "$(meter_line)" | has_colour && fail "NO_COLOR still colours the meters"

start_plain xterm-256color "" --no-color
printf '%s' "$(coloured_line)" | has_colour && fail "--no-color still colours"

start_plain vt100 ""
line=$(coloured_line)
printf '%s' "$line" | grep -qF '!!' || fail "overdue symbol missing on a monochrome terminal"
printf '%s' "$line" | has_colour && fail "a monochrome terminal got colours"
echo ok
