-- The supervisor's figures on a small data set made by hand: items filed by
-- the window, worked through the action functions, then dated by the
-- superuser so that every figure can be worked out on paper. The expected
-- values below are those worked-out answers.
--
-- The days used are pinned as working days (business hours 09:00-12:00 and
-- 13:00-17:00), so the business minutes do not depend on the date the test
-- runs. Dn = n days before today (centre time).
--
-- Decided items (dept, matter, day, outcome, on time, first pass, minutes):
--   A  item 1   d1 M1 D0   approved            on time  first   09:00-09:40        40
--   F  item 2   d2 M1 D0   approved            on time  first   09:00-12:30       180
--   C  item 3   d1 M2 D7   rejected            on time  -       09:00-14:00       240
--   B  T1 c3    d1 M1 D3   approved after 补正  late     -       09:00-11:00 - 30   90
--   G  T2 c3    d2 M1 D29  approved after 中止  late     first   13:00-15:00 - 20  100
--   E  T1 c4    d1 M2 D6   approved            on time  first   13:00-14:00        60
--   D  T1 c5    d1 M1 D30  approved            (outside the 30 days)
-- Open items:
--   H  T3 c4  d1 M2 green (let in by E)    Y1 T1 c6 d1 M1 yellow
--   R1 T1 c7  d1 M2 red, claimed           P1 T1 c8 d1 M1 paused (中止)
--   P2 T2 c5  d2 M1 paused (补正)          R2 T2 c6 d2 M1 red
--   G2 T2 c8  d2 M1 green, claimed
--   item 4 and T3 of c7 are waiting: not open, not counted.
--
-- Medians are to the bucket's resolution (casedesk.minutes_bucket): each
-- time is taken as its bucket's lower bound, then the middle one, or the
-- mean of the two middle ones. Buckets: 1 minute under 60, 5 minutes from
-- 60 to 479, 30 minutes from 480 to 2099. The times above all lie on the
-- grid: 40 (1-minute bucket 40), 60 90 100 180 240 (multiples of 5, below
-- 480), so each is its own bucket:
--   d1  40 60 | 90 240   4 times, ranks 2 and 3: (60 + 90) / 2  =  75
--   d2  100 | 180        2 times, ranks 1 and 2: (100 + 180) / 2 = 140
--   M1  40 90 | 100 180  ranks 2 and 3: (90 + 100) / 2           =  95
--   M2  60 | 240         ranks 1 and 2: (60 + 240) / 2           = 150
-- The end of the file moves G and F off the grid to show the resolution.
\set QUIET on
\o /dev/null

CREATE FUNCTION t.file(matter text) RETURNS bigint
LANGUAGE sql AS $$
    SELECT t.act('win', format('SELECT casedesk.file_case(gen_random_uuid(), %L, %L, %L, %L, %L)',
                               matter, '91350100M000100Y43', '福建某建设有限公司', '测试项目', 'window'))::bigint;
$$;

CREATE FUNCTION t.item(kase bigint, type int) RETURNS bigint
LANGUAGE sql AS $$
    SELECT id FROM casedesk.case_item WHERE case_id = kase AND item_type_id = type;
$$;

-- days_ago days before today at a wall time of the centre.
CREATE FUNCTION t.at(days_ago int, hm text) RETURNS timestamptz
LANGUAGE sql AS $$
    SELECT ((casedesk.centre_today() - days_ago) + hm::time) AT TIME ZONE 'Asia/Shanghai';
$$;

CREATE FUNCTION t.workday(days_ago int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    d date := casedesk.centre_today() - days_ago;
BEGIN
    DELETE FROM casedesk.calendar_day WHERE day = d;
    IF extract(isodow FROM d) >= 6 THEN
        INSERT INTO casedesk.calendar_day VALUES (d, 'workday', 'pinned by the test');
    END IF;
END
$$;
SELECT t.workday(n) FROM unnest(ARRAY[0, 3, 6, 7, 29, 30]) n;

CREATE FUNCTION t.decided(item bigint, days_ago int, entered text, decided text, due text,
                          paused int) RETURNS void
LANGUAGE sql AS $$
    UPDATE casedesk.case_item
       SET entered_at = t.at(days_ago, entered), decided_at = t.at(days_ago, decided),
           due_at = t.at(days_ago, due), paused_minutes = paused
     WHERE id = item;
$$;

-------------------------------------------------------------------------------
-- The data set.
SELECT t.file('M1') AS c3, t.file('M2') AS c4, t.file('M1') AS c5, t.file('M1') AS c6,
       t.file('M2') AS c7, t.file('M1') AS c8 \gset
SELECT 1 AS a, 2 AS f, 3 AS c,
       t.item(:c3, 1) AS b, t.item(:c3, 2) AS g, t.item(:c4, 1) AS e, t.item(:c4, 3) AS h,
       t.item(:c5, 1) AS d, t.item(:c5, 2) AS p2, t.item(:c6, 1) AS y1, t.item(:c6, 2) AS r2,
       t.item(:c7, 1) AS r1, t.item(:c8, 1) AS p1, t.item(:c8, 2) AS g2 \gset

SELECT t.play(:a, 'rev_a', 'claim', 'approve');
SELECT t.play(:f, 'rev_c', 'claim', 'approve');
SELECT t.play(:c, 'rev_a', 'claim', 'reject');
SELECT t.play(:b, 'rev_a', 'claim', 'supplement', 'resume', 'approve');
SELECT t.play(:g, 'rev_c', 'claim', 'suspend', 'resume', 'approve');
SELECT t.play(:e, 'rev_a', 'claim', 'approve');
SELECT t.play(:d, 'rev_b', 'claim', 'approve');
SELECT t.play(:p2, 'rev_c', 'claim', 'supplement');
SELECT t.play(:r1, 'rev_a', 'claim');
SELECT t.play(:p1, 'rev_a', 'claim', 'suspend');
SELECT t.play(:g2, 'rev_c', 'claim');
SELECT t.eq((SELECT status FROM casedesk.case_item WHERE id = :h), 'pending'::casedesk.item_status,
            'E''s approval let H into the queue');

SELECT t.decided(:a, 0, '09:00', '09:40', '17:00', 0),
       t.decided(:f, 0, '09:00', '12:30', '17:00', 0),
       t.decided(:c, 7, '09:00', '14:00', '17:00', 0),
       t.decided(:b, 3, '09:00', '11:00', '10:00', 30),
       t.decided(:g, 29, '13:00', '15:00', '14:00', 20),
       t.decided(:e, 6, '13:00', '14:00', '17:00', 0),
       t.decided(:d, 30, '09:00', '10:00', '17:00', 0);

-- Open items: due times in a known order, and only Y1, R1, R2 past a line.
UPDATE casedesk.case_item SET yellow_at = now() + interval '2 days', due_at = now() + interval '3 days' WHERE id = :h;
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute', due_at = now() + interval '1 day' WHERE id = :y1;
UPDATE casedesk.case_item SET yellow_at = now() - interval '3 hours', due_at = now() - interval '2 hours' WHERE id = :r1;
UPDATE casedesk.case_item SET yellow_at = now() - interval '2 hours', due_at = now() - interval '1 hour' WHERE id = :r2;
UPDATE casedesk.case_item SET yellow_at = now() + interval '1 day', due_at = now() + interval '2 days' WHERE id = :g2;
UPDATE casedesk.case_item SET due_at = now() + interval '4 days', paused_at = now() - interval '3 hours' WHERE id = :p2;
UPDATE casedesk.case_item SET due_at = now() + interval '5 days', paused_at = now() - interval '1 hour' WHERE id = :p1;
SELECT t.eq(t.act('sup', 'SELECT casedesk.sweep()'), '3', 'the sweep marks Y1 yellow, R1 and R2 red');

-- Escalations, dated:
--   Y1 yellow (d1, M1)  acknowledged 1 minute before its limit     in time
--   R1 red    (d1, M2)  not acknowledged, limit passed              missed
--   R2 red    (d2, M1)  not acknowledged, limit still ahead         not counted yet
--   q1 (d1, case 1 M1, no item)  acknowledged 7 minutes late        late
--   q2 (d1, item A, M1)  acknowledged exactly at its limit          in time
--   q3 (d2, item G, M1)  D29 09:00, acknowledged at 09:01           in time
--   q4 (d2, case 5 M1)   D30 23:59, outside the 30 days             not counted
UPDATE casedesk.escalation
   SET raised_at = now() - interval '10 minutes', respond_by = now() - interval '7 minutes',
       acknowledged_by = 'oncall_a', acknowledged_at = now() - interval '8 minutes'
 WHERE item_id = :y1;
UPDATE casedesk.escalation
   SET raised_at = now() - interval '10 minutes', respond_by = now() - interval '7 minutes'
 WHERE item_id = :r1;
UPDATE casedesk.escalation
   SET raised_at = now() - interval '1 minute', respond_by = now() + interval '2 minutes'
 WHERE item_id = :r2;
INSERT INTO casedesk.escalation (item_id, case_id, department_id, kind, source, note, raised_by,
                                 raised_at, respond_by, acknowledged_by, acknowledged_at, change_seq)
VALUES (NULL, 1, 1, 'question', 'window', 'q1', 'win', now() - interval '1 hour',
        now() - interval '57 minutes', 'oncall_a', now() - interval '50 minutes', 0),
       (:a, 1, 1, 'question', 'window', 'q2', 'win', now() - interval '2 hours',
        now() - interval '117 minutes', 'oncall_a', now() - interval '117 minutes', 0),
       (:g, :c3, 2, 'question', 'reviewer', 'q3', 'rev_c', t.at(29, '09:00'),
        t.at(29, '09:03'), 'sup', t.at(29, '09:01'), 0),
       (NULL, :c5, 2, 'question', 'window', 'q4', 'win', t.at(30, '23:59'),
        t.at(30, '23:59') + interval '3 minutes', 'sup', t.at(30, '23:59') + interval '1 minute', 0);

-------------------------------------------------------------------------------
-- Per department.
SET SESSION AUTHORIZATION sup;
CREATE TEMP TABLE fig AS SELECT * FROM casedesk.supervisor_figures();
RESET SESSION AUTHORIZATION;

SELECT t.eq((SELECT array_agg(department_id ORDER BY department_id) FROM fig), '{1,2,3}'::smallint[],
            'one row per department, empty ones too'),
       t.eq((SELECT department FROM fig WHERE department_id = 1), '住房和城乡建设局', 'department name');
-- Department 1: open H Y1 R1 P1; decided A B C E (D is 30 days back).
SELECT t.eq(open, 4, 'd1 open: H Y1 R1 P1'),
       t.eq(yellow, 1, 'd1 yellow: Y1'),
       t.eq(red, 1, 'd1 red: R1'),
       t.eq(paused, 1, 'd1 paused: P1'),
       t.eq(done_today, 1, 'd1 done today: A'),
       t.eq(done_7d, 3, 'd1 done in 7 days: A B E (C is 7 days back)'),
       t.eq(done_30d, 4, 'd1 done in 30 days: A B C E (D is 30 days back)'),
       t.eq(on_time_rate, 0.7500, 'd1 on time: A C E of 4'),
       t.eq(first_pass_rate, 0.5000, 'd1 first pass: A E of 4'),
       t.eq(median_minutes, 75, 'd1 median of 40 60 90 240'),
       t.eq(esc_total, 4, 'd1 escalations settled: Y1 R1 q1 q2'),
       t.eq(esc_in_time, 2, 'd1 in time: Y1 q2')
  FROM fig WHERE department_id = 1;
-- Department 2: open P2 R2 G2; decided F G.
SELECT t.eq(open, 3, 'd2 open: P2 R2 G2'),
       t.eq(yellow, 0, 'd2 yellow'),
       t.eq(red, 1, 'd2 red: R2'),
       t.eq(paused, 1, 'd2 paused: P2'),
       t.eq(done_today, 1, 'd2 done today: F'),
       t.eq(done_7d, 1, 'd2 done in 7 days: F'),
       t.eq(done_30d, 2, 'd2 done in 30 days: F G (G 29 days back)'),
       t.eq(on_time_rate, 0.5000, 'd2 on time: F of 2'),
       t.eq(first_pass_rate, 1.0000, 'd2 first pass: F, and G (a suspension is not a failed pass)'),
       t.eq(median_minutes, 140, 'd2 median of 100 180'),
       t.eq(esc_total, 1, 'd2 escalations settled: q3 (R2 still running, q4 too old)'),
       t.eq(esc_in_time, 1, 'd2 in time: q3')
  FROM fig WHERE department_id = 2;
-- Department 3: nothing at all.
SELECT t.eq(open + yellow + red + paused + done_today + done_7d + done_30d + esc_total + esc_in_time,
            0, 'd3 counts are zero'),
       t.eq(on_time_rate, NULL::numeric, 'd3 on-time rate: nothing to divide'),
       t.eq(first_pass_rate, NULL::numeric, 'd3 first-pass rate: nothing to divide'),
       t.eq(median_minutes, NULL::int, 'd3 median: none')
  FROM fig WHERE department_id = 3;
SET SESSION AUTHORIZATION sup;
SELECT t.eq(bool_and(figures_at = now()), true, 'figures_at: as of the call')
  FROM casedesk.supervisor_figures();
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Per matter type.
SET SESSION AUTHORIZATION sup;
CREATE TEMP TABLE mfig AS SELECT * FROM casedesk.matter_figures();
RESET SESSION AUTHORIZATION;
SELECT t.eq((SELECT array_agg(matter_type_id ORDER BY matter_type_id) FROM mfig), '{1,2}'::int[],
            'one row per matter type'),
       t.eq((SELECT matter FROM mfig WHERE matter_type_id = 1), '项目开工一件事', 'matter name');
-- M1: open Y1 P1 P2 R2 G2; decided A F B G.
SELECT t.eq(open, 5, 'M1 open: Y1 P1 P2 R2 G2'),
       t.eq(yellow, 1, 'M1 yellow: Y1'),
       t.eq(red, 1, 'M1 red: R2'),
       t.eq(paused, 2, 'M1 paused: P1 P2'),
       t.eq(done_today, 2, 'M1 done today: A F'),
       t.eq(done_7d, 3, 'M1 done in 7 days: A F B'),
       t.eq(done_30d, 4, 'M1 done in 30 days: A F B G'),
       t.eq(on_time_rate, 0.5000, 'M1 on time: A F of 4'),
       t.eq(first_pass_rate, 0.7500, 'M1 first pass: A F G of 4'),
       t.eq(median_minutes, 95, 'M1 median of 40 90 100 180'),
       t.eq(esc_total, 4, 'M1 escalations settled: Y1 q1 q2 q3'),
       t.eq(esc_in_time, 3, 'M1 in time: Y1 q2 q3')
  FROM mfig WHERE matter_type_id = 1;
-- M2: open H R1; decided C E.
SELECT t.eq(open, 2, 'M2 open: H R1'),
       t.eq(yellow, 0, 'M2 yellow'),
       t.eq(red, 1, 'M2 red: R1'),
       t.eq(paused, 0, 'M2 paused'),
       t.eq(done_today, 0, 'M2 done today'),
       t.eq(done_7d, 1, 'M2 done in 7 days: E'),
       t.eq(done_30d, 2, 'M2 done in 30 days: C E'),
       t.eq(on_time_rate, 1.0000, 'M2 on time: C E of 2'),
       t.eq(first_pass_rate, 0.5000, 'M2 first pass: E of 2'),
       t.eq(median_minutes, 150, 'M2 median of 60 240'),
       t.eq(esc_total, 1, 'M2 escalations settled: R1'),
       t.eq(esc_in_time, 0, 'M2 in time: none')
  FROM mfig WHERE matter_type_id = 2;

-------------------------------------------------------------------------------
-- The 14-day chart: today last, zeros filled in; each non-empty day shown as
-- "days ago:completed/on time/first pass".
CREATE FUNCTION t.history(dept smallint, matter int) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    days date[];
    vals text[];
    today date := casedesk.centre_today();
BEGIN
    SET SESSION AUTHORIZATION sup;
    SELECT array_agg(h.day ORDER BY h.day),
           array_agg(format('%s/%s/%s', h.completed, h.on_time, h.first_pass) ORDER BY h.day)
      INTO days, vals
      FROM casedesk.history_14d(dept, matter) h;
    RESET SESSION AUTHORIZATION;
    PERFORM t.eq(days, ARRAY(SELECT today - i FROM generate_series(13, 0, -1) i),
                 'history: 14 days, today last');
    RETURN (SELECT string_agg((today - days[i]) || ':' || vals[i], ' ' ORDER BY i)
              FROM generate_subscripts(days, 1) i WHERE vals[i] <> '0/0/0');
END
$$;
SELECT t.eq(t.history(NULL, NULL), '7:1/1/0 6:1/1/1 3:1/0/0 0:2/2/2', 'history of all: C E B A+F'),
       t.eq(t.history(1::smallint, NULL), '7:1/1/0 6:1/1/1 3:1/0/0 0:1/1/1', 'history of d1: C E B A'),
       t.eq(t.history(2::smallint, NULL), '0:1/1/1', 'history of d2: F (G is 29 days back)'),
       t.eq(t.history(NULL, 2), '7:1/1/0 6:1/1/1', 'history of M2: C E'),
       t.eq(t.history(3::smallint, NULL), NULL::text, 'history of d3: 14 empty days');

-------------------------------------------------------------------------------
-- Drill-down: the items behind a figure, in the order the list shows them.
CREATE FUNCTION t.items(dept smallint, figure text, lim int, matter int DEFAULT NULL)
RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
    r bigint[];
BEGIN
    SET SESSION AUTHORIZATION sup;
    SELECT array_agg(i ORDER BY o) INTO r
      FROM casedesk.figure_items(dept, figure, lim, matter) WITH ORDINALITY AS x(i, o);
    RESET SESSION AUTHORIZATION;
    RETURN coalesce(r, '{}');
END
$$;
SELECT t.eq(t.items(1::smallint, 'open', 10), ARRAY[:r1, :y1, :h, :p1]::bigint[], 'd1 open, earliest due first'),
       t.eq(t.items(2::smallint, 'open', 10), ARRAY[:r2, :g2, :p2]::bigint[], 'd2 open'),
       t.eq(t.items(NULL, 'open', 10), ARRAY[:r1, :r2, :y1, :g2, :h, :p2, :p1]::bigint[], 'all open'),
       t.eq(t.items(NULL, 'open', 3), ARRAY[:r1, :r2, :y1]::bigint[], 'all open, first 3'),
       t.eq(t.items(NULL, 'open', 10, 2), ARRAY[:r1, :h]::bigint[], 'open of M2'),
       t.eq(t.items(1::smallint, 'open', 10, 1), ARRAY[:y1, :p1]::bigint[], 'open of d1 and M1'),
       t.eq(t.items(1::smallint, 'green', 10), ARRAY[:h]::bigint[], 'd1 green'),
       t.eq(t.items(NULL, 'green', 10), ARRAY[:g2, :h]::bigint[], 'all green'),
       t.eq(t.items(1::smallint, 'yellow', 10), ARRAY[:y1]::bigint[], 'd1 yellow'),
       t.eq(t.items(2::smallint, 'yellow', 10), '{}'::bigint[], 'd2 yellow: none'),
       t.eq(t.items(NULL, 'red', 10), ARRAY[:r1, :r2]::bigint[], 'all red'),
       t.eq(t.items(2::smallint, 'red', 10), ARRAY[:r2]::bigint[], 'd2 red'),
       t.eq(t.items(NULL, 'paused', 10), ARRAY[:p2, :p1]::bigint[], 'all paused, longest first'),
       t.eq(t.items(1::smallint, 'paused', 10), ARRAY[:p1]::bigint[], 'd1 paused'),
       t.eq(t.items(1::smallint, 'done_today', 10), ARRAY[:a]::bigint[], 'd1 done today'),
       t.eq(t.items(NULL, 'done_today', 10), ARRAY[:f, :a]::bigint[], 'all done today, latest first'),
       t.eq(t.items(1::smallint, 'done_7d', 10), ARRAY[:a, :b, :e]::bigint[], 'd1 done in 7 days'),
       t.eq(t.items(1::smallint, 'done_30d', 10), ARRAY[:a, :b, :e, :c]::bigint[], 'd1 done in 30 days'),
       t.eq(t.items(1::smallint, 'done_30d', 2), ARRAY[:a, :b]::bigint[], 'd1 done in 30 days, first 2'),
       t.eq(t.items(NULL, 'done_30d', 10, 2), ARRAY[:e, :c]::bigint[], 'M2 done in 30 days'),
       t.eq(t.items(NULL, 'late', 10), ARRAY[:b, :g]::bigint[], 'late: B G'),
       t.eq(t.items(1::smallint, 'not_first_pass', 10), ARRAY[:b, :c]::bigint[], 'd1 not first pass: B C'),
       t.eq(t.items(2::smallint, 'not_first_pass', 10), '{}'::bigint[], 'd2 not first pass: none'),
       t.eq(t.items(1::smallint, 'esc_missed', 10), ARRAY[:r1]::bigint[],
            'd1 escalations missed: R1 (q1 is about a case, not an item)'),
       t.eq(t.items(2::smallint, 'esc_missed', 10), '{}'::bigint[], 'd2 escalations missed: none');
SET SESSION AUTHORIZATION sup;
SELECT t.raises($$SELECT casedesk.figure_items(1::smallint, 'blue', 10)$$, '22023', 'no such figure');
SELECT t.raises($$SELECT casedesk.figure_items(1::smallint, 'open', 0)$$, '22023', 'lim must be positive');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Only supervisors.
SET SESSION AUTHORIZATION rev_a;
SELECT t.raises('SELECT * FROM casedesk.supervisor_figures()', '42501', 'reviewer: supervisor_figures');
SELECT t.raises('SELECT * FROM casedesk.matter_figures()', '42501', 'reviewer: matter_figures');
SELECT t.raises('SELECT * FROM casedesk.history_14d()', '42501', 'reviewer: history_14d');
SELECT t.raises($$SELECT casedesk.figure_items(1::smallint, 'open', 10)$$, '42501', 'reviewer: figure_items');
SET SESSION AUTHORIZATION win;
SELECT t.raises('SELECT * FROM casedesk.supervisor_figures()', '42501', 'window clerk: supervisor_figures');
SET SESSION AUTHORIZATION oncall_a;
SELECT t.raises('SELECT * FROM casedesk.supervisor_figures()', '42501', 'on-call: supervisor_figures');
RESET SESSION AUTHORIZATION;
-- The functions check the staff record themselves, not only the grant: a
-- member of the supervisor role who is on record as a reviewer, or whose
-- record is inactive, is refused.
CREATE ROLE sup_role_reviewer LOGIN IN ROLE casedesk_supervisor;
CREATE ROLE sup_inactive LOGIN IN ROLE casedesk_supervisor;
INSERT INTO casedesk.staff VALUES ('sup_role_reviewer', '周涛', 'reviewer', true),
                                  ('sup_inactive', '吴敏', 'supervisor', false);
SET SESSION AUTHORIZATION sup_role_reviewer;
SELECT t.raises('SELECT * FROM casedesk.supervisor_figures()', '42501', 'on record as a reviewer');
SELECT t.raises($$SELECT casedesk.figure_items(1::smallint, 'open', 10)$$, '42501', 'on record as a reviewer: items');
SET SESSION AUTHORIZATION sup_inactive;
SELECT t.raises('SELECT * FROM casedesk.matter_figures()', '42501', 'inactive supervisor');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION rev_a;
SELECT t.raises('SELECT count(*) FROM casedesk.decided_item', '42501', 'reviewer: no direct read of the facts');
SELECT t.raises('SELECT count(*) FROM casedesk.open_count', '42501', 'reviewer: no direct read of the counts');
RESET SESSION AUTHORIZATION;
DELETE FROM casedesk.staff WHERE login IN ('sup_role_reviewer', 'sup_inactive');
DROP ROLE sup_role_reviewer;
DROP ROLE sup_inactive;

-------------------------------------------------------------------------------
-- The median to the bucket's resolution.
SELECT t.eq(ARRAY(SELECT casedesk.minutes_bucket(m)
                    FROM unnest(ARRAY[0, 59, 60, 64, 65, 479, 480, 500, 505, 509, 510, 520,
                                      2099, 2100, 2519, 2520]) m),
            ARRAY[0, 59, 60, 60, 65, 475, 480, 480, 480, 480, 510, 510,
                  2070, 2100, 2100, 2520],
            'buckets: 1 minute to 59, 5 to 479, 30 to 2099, a working day (420) beyond'),
       t.eq(casedesk.minutes_bucket(NULL), NULL::int, 'no business time, no bucket');

-- Times moved off the grid (D1 pinned as a working day too):
--   B  D3 09:00-11:00 less 27 paused                        = 93 -> bucket 90
--   G  D30 13:00-17:00 240 + D29 09:00-12:00 180
--      + 13:00-14:40 100, less 20 paused                    = 500 -> bucket 480
--   F  D1 13:00-17:00 240 + D0 09:00-12:00 180
--      + 13:00-14:25 85                                     = 505 -> bucket 480
-- 500 and 505 share the 30-minute bucket [480, 510); 93 is in [90, 95).
-- Medians (exact percentile_cont in brackets):
--   d1  A 40, E 60 | B 90, C 240     (60 + 90) / 2   =  75   (76.5 -> 77)
--   d2  G 480 | F 480                (480 + 480) / 2 = 480   (502.5 -> 503)
--   M1  A 40, B 90 | G 480, F 480    (90 + 480) / 2  = 285   (296.5 -> 297)
--   M2  E 60 | C 240                 unchanged       = 150
SELECT t.workday(1);
UPDATE casedesk.case_item SET paused_minutes = 27 WHERE id = :b;
UPDATE casedesk.case_item
   SET entered_at = t.at(30, '13:00'), decided_at = t.at(29, '14:40'), due_at = t.at(29, '14:00')
 WHERE id = :g;
UPDATE casedesk.case_item
   SET entered_at = t.at(1, '13:00'), decided_at = t.at(0, '14:25'), due_at = t.at(0, '17:00')
 WHERE id = :f;
SELECT t.eq((SELECT array_agg(business_minutes ORDER BY item_id) FROM casedesk.decided_item
              WHERE item_id IN (:b, :g, :f)),
            (SELECT array_agg(m ORDER BY i) FROM (VALUES (:b, 93), (:g, 500), (:f, 505)) v(i, m)),
            'B G F: 93, 500 and 505 business minutes');
SET SESSION AUTHORIZATION sup;
SELECT t.eq(median_minutes, 75, 'd1 median of 40 60 90 (93) 240') FROM casedesk.supervisor_figures()
 WHERE department_id = 1;
SELECT t.eq(median_minutes, 480, 'd2 median of 480 (500) 480 (505): one 30-minute bucket')
  FROM casedesk.supervisor_figures() WHERE department_id = 2;
SELECT t.eq(median_minutes, 285, 'M1 median of 40 90 (93) 480 (500) 480 (505)')
  FROM casedesk.matter_figures() WHERE matter_type_id = 1;
SELECT t.eq(median_minutes, 150, 'M2 median unchanged') FROM casedesk.matter_figures()
 WHERE matter_type_id = 2;
RESET SESSION AUTHORIZATION;
-- The corrections took the old times out of their buckets.
SELECT t.eq((SELECT string_agg(format('%s:%s', bucket, sum), ' ' ORDER BY bucket)
               FROM (SELECT bucket, sum(n) FROM casedesk.decision_minutes WHERE department_id = 2
                      GROUP BY bucket HAVING sum(n) <> 0) h),
            '480:2', 'd2 histogram: both in bucket 480, none left in 100 or 180');
