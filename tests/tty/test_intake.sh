#!/usr/bin/env bash
# The window clerk's intake (view 4): the home view of the window job. A
# clerk narrows the matter types by 开工 and by a code, types a credit code
# with a wrong check character (refused as typed with its position and the
# character expected), gets a known applicant's name from the database,
# leaves a material unticked: the case is filed once although Enter came
# twice, its items arrive in a reviewer's console of their department, and
# the item with the material missing is filed incomplete (容缺受理) with the
# material named. The form is a draft: Esc and another view keep it, and a
# refusal of the server keeps every field. The tracking QR code shows as
# soon as a case is filed. 查询 finds cases by part of a name and by number
# and opens the case's flow chart; the promised completion time shows.
. "$(dirname "$0")/lib.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"; tty_cleanup' EXIT
pbm=$(dirname "$0")/qr_pbm.py
printf 'tracking_url = "https://example.gov.cn/track/%%s";\n' >"$dir/url.cfg"
c1=$(case_no 1)
c2=$(case_no 2)

# A reviewer of department 2 (人防), whose items of a new M1 case arrive.
on rev
start_console 80 24 rev_c
wait_for "$c1" 10

on console
start_console 100 30 win --config "$dir/url.cfg"
wait_for "[4 Intake]" 10             # a window clerk starts at the intake
wait_for "Enter fill in"
# The meters under the tab bar, as on every view: the whole centre's items,
# no "mine" (a window clerk claims nothing), and the clerk's own questions
# waiting for an answer, the most urgent one's countdown ticking.
wait_for " open " 10
meters=$(screen | sed -n 2p)
echo "$meters" | grep -qE "^ open [0-9]+  !! red [0-9]+  ! yellow [0-9]+  \|\| paused [0-9]+  escalations 0" ||
    fail "the window clerk's meters: [$meters]"
echo "$meters" | grep -qF "mine" && fail "a window clerk's meters count claimed items: [$meters]"
sql_as win "select casedesk.escalate(gen_random_uuid(), 1, 1, 1::smallint, '材料齐了吗？')" >/dev/null
wait_for "escalations 1, " 5
screen | sed -n 2p | grep -qE "escalations 1, [0-9]+:[0-9]{2}" ||
    fail "the question's countdown on the meters: [$(screen | sed -n 2p)]"
keys Enter
wait_for "M2  项目竣工一件事 (2 items)"
# The form starts under the meters.
screen | sed -n 3p | grep -qF "> Matter type" || fail "the form's first row: [$(screen | sed -n 3p)]"
type_text "开工"
wait_gone "M2  项目竣工一件事"
wait_for "M1  项目开工一件事 (2 items)"
# A code narrows too, in either case.
keys BSpace BSpace
type_text "m2"
wait_gone "M1  项目开工一件事"
keys BSpace BSpace
type_text "开工"
keys Enter
wait_for "项目开工一件事"
line_with "Credit code" | grep -q "^>" || fail "the focus is not on the credit code"
# A wrong check character: its position and the one expected, as typed.
type_text "91350100m000100y44"
wait_for "wrong check character at position 18: expected 3"
keys BSpace
type_text "3"
wait_gone "wrong check character"
wait_for "91350100M000100Y43"
# A known applicant: the name comes from the database.
wait_for "on record: the name is the database's"
line_with "Applicant" | grep -qF "福建某建设有限公司" || fail "the known applicant's name"
keys Tab Tab
type_text "滨江花园二期"
keys Enter
wait_for "Space ticks what was received"
# Tick the first material of 建筑工程施工许可 and the one of the 人防 item;
# the planning permit stays missing.
keys Space Down Down Space
wait_for "[x] 1 人防工程设计图"
line_with "建筑工程施工许可 · 住房和城乡建设局" | grep -qF "1 missing" || fail "T1's summary"
line_with "新建民用建筑防空地下室审批 · 人民防空办公室" | grep -qF "complete" || fail "T2's summary"
keys Enter
wait_for "File 项目开工一件事 for 福建某建设有限公司: 2 items, 1 incomplete? [y/N]"
# The question is the region's last row, right above the status line.
q=$(screen | grep -n -m 1 -F "[y/N]" | cut -d: -f1)
screen | sed -n "$((q + 1))p" | grep -qF "| online" ||
    fail "the status line is not under the question: [$(screen | sed -n "$((q + 1))p")]"
# y, and Enter again at once: one case, whose tracking code shows as soon
# as it is filed.
keys y Enter
wait_for "tracking code: https://example.gov.cn/track/" 10
new=$(screen | grep -o -m 1 -E 'track/[0-9]{8}-[0-9]{6}' | cut -d/ -f2)
[ -n "$new" ] || fail "no case number in the tracking code's line"
expect_eq "$(screen | python3 "$pbm" utf8 4 100 >"$dir/code.pbm" && zbarimg --raw -q "$dir/code.pbm")" \
    "https://example.gov.cn/track/$new" "the QR code on the screen"
keys Escape
wait_for "filed $new"
expect_eq "$(sql "select count(*) from casedesk.case_file where project_name = '滨江花园二期'")" "1" \
    "cases filed for one request"
expect_eq "$(sql "select count(*) from casedesk.case_item ci join casedesk.case_file cf on cf.id = ci.case_id
                  where cf.case_no = '$new'")" "2" "items of the new case"
expect_eq "$(sql "select it.code || ':' || array_to_string(ci.missing_materials, ',')
                    from casedesk.case_item ci join casedesk.case_file cf on cf.id = ci.case_id
                    join casedesk.item_type it on it.id = ci.item_type_id
                   where cf.case_no = '$new' order by it.code")" "T1:建设工程规划许可证
T2:" "materials missing per item"
line_with "filed $new" | grep -qF "promised completion 20" || fail "the promised completion time"
# The 人防 item reaches its department's reviewer within the usual second.
on rev
wait_for "$new" 5
on console

# The draft: a matter, an applicant and a project typed, Esc, another
# view and back: all still there.
keys Escape
wait_for "Enter fill in"
keys Enter
type_text "M2"
keys Enter
type_text "91110000600037341L"
wait_for "北京某置业有限公司"
keys Tab Tab
long=$(printf '很长的项目名称%.0s' $(seq 1 30))
type_text "$long"
keys Escape
wait_for "Enter fill in"
keys 1
wait_for "[1 Queue]"
keys 4
wait_for "[4 Intake]"
wait_for "项目竣工一件事"
wait_for "91110000600037341L"
line_with "Applicant" | grep -qF "北京某置业有限公司" || fail "the applicant after Esc and back"
# The project name is too long for the server: refused, every field kept.
keys Enter Enter
wait_for "Space ticks what was received"
keys Enter
wait_for "[y/N]"
keys y
wait_for "not filed:" 10
wait_for "(the form is kept)"
wait_for "91110000600037341L"
wait_for "项目竣工一件事"
line_with "Applicant" | grep -qF "北京某置业有限公司" || fail "the applicant after a refusal"
expect_eq "$(sql "select count(*) from casedesk.case_file where project_name like '很长%'")" "0" \
    "a refused filing files nothing"
# The refusal put the focus on the field it is about. A shorter name files.
wait_for "> Project name"
wait_for "is 210 characters long; the limit is 200"
for _ in $(seq 1 210); do keys BSpace; done
type_text "科技园三号楼"
keys Enter
wait_for "Space ticks what was received"
keys Enter
wait_for "[y/N]"
keys y
wait_for "tracking code: https://example.gov.cn/track/" 10
qr=$(screen | grep -o -m 1 -E 'track/[0-9]{8}-[0-9]{6}' | cut -d/ -f2)
expect_eq "$(sql "select project_name from casedesk.case_file where case_no = '$qr'")" "科技园三号楼" \
    "the tracking code is the new case's"
keys Escape
wait_for "filed $qr"

# 查询 by the number of the case filed first: its first item, filed
# incomplete, names the material missing in its detail.
keys /
type_text "$new"
keys Enter
wait_for "found: 1"
keys Enter
wait_for "Materials missing at filing (filed incomplete)" 10
screen | grep -A1 -F "Materials missing at filing" | grep -qF "1. 建设工程规划许可证" ||
    fail "the missing material in the detail"
keys Escape
wait_for "found: 1"
keys /
for _ in $(seq 1 15); do keys BSpace; done

# 查询: by part of the applicant's name, then the flow chart of the case.
type_text "置业"
keys Enter
wait_for "found: 2"
wait_for "$c2"
line_with "$qr" | grep -qF "北京某置业有限公司" || fail "the found case's applicant"
line_with "$c2" | grep -qE "[0-9]{2}:[0-9]{2} *$" || fail "the promised time of $c2"
keys j
keys Enter
wait_for "竣工验收备案" 10
wait_for "$c2"
keys Escape
wait_for "[4 Intake]"
wait_for "found: 2"
# By number.
keys /
keys BSpace BSpace
type_text "$c1"
keys Enter
wait_for "found: 1"
screen | grep -F "$c1" | grep -qF "福建某建设有限公司" || fail "the case found by number"
keys Escape
wait_for "Enter fill in"
keys q
wait_for "casedesk-exit-status=0"
echo ok
