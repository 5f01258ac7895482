-- Urgency of an item and of a matter, the matter's projected due time along
-- its critical path, and the business-time blocks a console counts down in.
-- Business hours are the defaults, 09:00-12:00 and 13:00-17:00
-- Asia/Shanghai; every expected instant was worked out by hand from the 2025
-- schedule (Sun 2025-09-28 and Sat 2025-10-11 worked, 2025-10-01 to
-- 2025-10-08 off).
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-------------------------------------------------------------------------------
-- item_urgency: due Mon 2025-03-10 17:00, yellow Fri 2025-03-07 10:00.

SELECT t.eq(casedesk.item_urgency('pending', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-03-07 09:59:59+08'), 'green', 'a second before yellow');
SELECT t.eq(casedesk.item_urgency('pending', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-03-07 10:00+08'), 'yellow', 'yellow from yellow_at on');
SELECT t.eq(casedesk.item_urgency('claimed', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-03-08 23:00+08'), 'yellow', 'claimed, over the weekend');
SELECT t.eq(casedesk.item_urgency('claimed', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-03-10 16:59:59+08'), 'yellow', 'a second before due');
SELECT t.eq(casedesk.item_urgency('claimed', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-03-10 17:00+08'), 'red', 'red at the due instant');
SELECT t.eq(casedesk.item_urgency('pending', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-04-01 10:00+08'), 'red', 'red long after');
SELECT t.eq(casedesk.item_urgency('supplement', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-04-01 10:00+08'), 'paused', '补正 past due: paused');
SELECT t.eq(casedesk.item_urgency('suspended', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-03-01 10:00+08'), 'paused', '特别程序: paused');
SELECT t.eq(casedesk.item_urgency('approved', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-04-01 10:00+08'), 'done', 'approved late: done');
SELECT t.eq(casedesk.item_urgency('rejected', '2025-03-10 17:00+08', '2025-03-07 10:00+08',
                                  '2025-03-01 10:00+08'), 'done', 'rejected: done');
SELECT t.eq(casedesk.item_urgency('waiting', NULL, NULL, '2025-03-01 10:00+08'), 'green',
            'waiting: no clock yet, green');
SELECT t.eq(casedesk.item_urgency(NULL, NULL, NULL, '2025-03-01 10:00+08'), NULL::casedesk.urgency,
            'no status: NULL');
SELECT t.eq(casedesk.item_urgency('pending', '2025-03-10 17:00+08', '2025-03-07 10:00+08', NULL),
            NULL::casedesk.urgency, 'running, no instant: NULL');
SELECT t.eq(provolatile, 'i', 'item_urgency is immutable')
  FROM pg_proc WHERE oid = 'casedesk.item_urgency'::regproc;

-------------------------------------------------------------------------------
-- A matter with a chain of three and a join: A -> B -> C, and C also waits
-- for D, which runs beside A.
--   A 2 working days (dept 1)   B 3 working days (dept 2)
--   C 120 working minutes (dept 3)   D 1 working day (dept 1)

INSERT INTO casedesk.item_type VALUES
    (10, 'TA', '建设用地规划许可', 'land-use planning permit', 1, 2, 'working_days', 0.75),
    (11, 'TB', '人防工程审查', 'air-defence works review', 2, 3, 'working_days', 0.75),
    (12, 'TC', '用工备案', 'employment filing', 3, 120, 'working_minutes', 0.75),
    (13, 'TD', '工程规划核验', 'planning check', 1, 1, 'working_days', 0.75);
INSERT INTO casedesk.matter_type VALUES (3, 'M3', '项目建设一件事', 'project build', 1);
INSERT INTO casedesk.matter_item VALUES (3, 10), (3, 11), (3, 12), (3, 13);
INSERT INTO casedesk.matter_dependency VALUES (3, 11, 10), (3, 12, 11), (3, 12, 13);

SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('5b000000-0000-4000-8000-000000000001', 'M3', '91350100M000100Y43',
                          '福建某建设有限公司', '滨江花园二期', 'window') AS kase \gset
RESET SESSION AUTHORIZATION;
SELECT max(id) FILTER (WHERE item_type_id = 10) AS a, max(id) FILTER (WHERE item_type_id = 11) AS b,
       max(id) FILTER (WHERE item_type_id = 12) AS c, max(id) FILTER (WHERE item_type_id = 13) AS d
  FROM casedesk.case_item WHERE case_id = :kase \gset
SELECT t.eq(array_agg(status::text ORDER BY item_type_id), ARRAY['pending', 'waiting', 'waiting', 'pending'],
            'A and D start, B and C wait')
  FROM casedesk.case_item WHERE case_id = :kase;

-- A and D entered Thu 2025-09-25 11:00.
--   A: Fri 26, Sun 28 (make-up)               -> due Sun 2025-09-28 17:00
--   D: Fri 26                                 -> due Fri 2025-09-26 17:00
--   B starts when A is due: Mon 29, Tue 30, Thu 10-09 -> Thu 2025-10-09 17:00
--   C starts at the later of B and D (B):     -> Fri 2025-10-10 09:00 + 120 = 11:00
UPDATE casedesk.case_item
   SET entered_at = '2025-09-25 11:00+08', due_at = '2025-09-28 17:00+08',
       original_due_at = '2025-09-28 17:00+08', yellow_at = '2025-09-28 09:00+08'
 WHERE id = :a;
UPDATE casedesk.case_item
   SET entered_at = '2025-09-25 11:00+08', due_at = '2025-09-26 17:00+08',
       original_due_at = '2025-09-26 17:00+08', yellow_at = '2025-09-26 12:00+08'
 WHERE id = :d;
SELECT t.eq(projected_due, '2025-10-10 11:00+08'::timestamptz, 'chain A -> B -> C over National Day'),
       t.eq(urgency, 'red', 'A is long overdue: the matter is red')
  FROM casedesk.case_projection(:kase);
SELECT t.eq((SELECT count(*) FROM casedesk.case_projection(:kase)), 1::bigint, 'one row per matter');

-- D's due moves to Fri 2025-10-10 16:00: C now starts after D.
--   C: Fri 16:00-17:00 60, make-up Sat 2025-10-11 09:00 + 60 -> 10:00
UPDATE casedesk.case_item SET due_at = '2025-10-10 16:00+08' WHERE id = :d;
SELECT t.eq(projected_due, '2025-10-11 10:00+08'::timestamptz, 'join: C waits for the later of B and D')
  FROM casedesk.case_projection(:kase);

-- A approved Fri 2025-09-26 15:00, B entered then: Sun 28, Mon 29, Tue 30
-- -> due Tue 2025-09-30 17:00. D back to Fri 09-26 17:00. C starts when B
-- is due and runs over the holiday: Thu 2025-10-09 09:00 + 120 -> 11:00.
UPDATE casedesk.case_item
   SET status = 'approved', decided_at = '2025-09-26 15:00+08', decided_by = 'rev_a'
 WHERE id = :a;
UPDATE casedesk.case_item
   SET status = 'pending', entered_at = '2025-09-26 15:00+08', due_at = '2025-09-30 17:00+08',
       original_due_at = '2025-09-30 17:00+08', yellow_at = '2025-09-30 10:00+08'
 WHERE id = :b;
UPDATE casedesk.case_item SET due_at = '2025-09-26 17:00+08' WHERE id = :d;
SELECT t.eq(projected_due, '2025-10-09 11:00+08'::timestamptz, 'predecessor decided: B runs, C after it')
  FROM casedesk.case_projection(:kase);

-- D paused (补正) since Thu 2025-10-09 16:00 while due Thu 10-09 11:00. With
-- every day from 2025-10-10 to today a holiday, the pause has lasted 60
-- business minutes: D is projected at 12:00, C after it: 13:00 + 120 -> 15:00.
BEGIN;
INSERT INTO casedesk.calendar_day (day, kind, name)
SELECT g.d, 'holiday', 'test: no business time after the faked pause'
  FROM generate_series('2025-10-10'::date, (now() AT TIME ZONE 'Asia/Shanghai')::date, '1 day') g(d)
ON CONFLICT (day) DO UPDATE SET kind = 'holiday', name = EXCLUDED.name;
UPDATE casedesk.case_item
   SET status = 'supplement', paused_at = '2025-10-09 16:00+08', due_at = '2025-10-09 11:00+08'
 WHERE id = :d;
SELECT t.eq(projected_due, '2025-10-09 15:00+08'::timestamptz,
            'a paused predecessor is projected as if it resumed now')
  FROM casedesk.case_projection(:kase);
ROLLBACK;

-- Urgency of the matter at now(): the most urgent of its started items.
BEGIN;
UPDATE casedesk.case_item
   SET status = 'pending', decided_at = NULL, decided_by = NULL,
       due_at = now() + interval '2 days', yellow_at = now() + interval '1 day'
 WHERE id IN (:a, :d);
UPDATE casedesk.case_item
   SET status = 'waiting', entered_at = NULL, due_at = NULL, original_due_at = NULL, yellow_at = NULL
 WHERE id = :b;
SELECT t.eq(urgency, 'green', 'A and D green, B and C waiting: green') FROM casedesk.case_projection(:kase);
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute' WHERE id = :d;
SELECT t.eq(urgency, 'yellow', 'D yellow: yellow') FROM casedesk.case_projection(:kase);
UPDATE casedesk.case_item SET due_at = now() - interval '1 minute' WHERE id = :a;
SELECT t.eq(urgency, 'red', 'A red, D yellow: red') FROM casedesk.case_projection(:kase);
UPDATE casedesk.case_item SET status = 'supplement', paused_at = now() WHERE id = :a;
SELECT t.eq(urgency, 'yellow', 'A paused, D yellow: yellow') FROM casedesk.case_projection(:kase);
UPDATE casedesk.case_item SET yellow_at = now() + interval '1 day' WHERE id = :d;
SELECT t.eq(urgency, 'green', 'A paused, D green: green (one item still runs)') FROM casedesk.case_projection(:kase);
UPDATE casedesk.case_item SET status = 'suspended', paused_at = now() WHERE id = :d;
SELECT t.eq(urgency, 'paused', 'A and D paused, B and C waiting: paused') FROM casedesk.case_projection(:kase);
UPDATE casedesk.case_item
   SET status = 'approved', paused_at = NULL, decided_by = 'rev_a',
       decided_at = '2025-11-03 10:00+08'::timestamptz + (id - :a) * interval '1 hour',
       due_at = coalesce(due_at, now())
 WHERE case_id = :kase;
SELECT t.eq(urgency, 'done', 'every item decided: done'),
       t.eq(projected_due, '2025-11-03 13:00+08'::timestamptz, 'done: when the last item was decided')
  FROM casedesk.case_projection(:kase);
ROLLBACK;

-- Everyone who may see a case gets the whole matter's projection (not only
-- their department's items); a case they may not see gives no row, exactly
-- as row-level security hides it from them.
SELECT projected_due AS whole FROM casedesk.case_projection(:kase) \gset
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('5b000000-0000-4000-8000-000000000002', NULL, 3, NULL, '申请人询问进度');
RESET SESSION AUTHORIZATION;
CREATE FUNCTION t.visible_cases() RETURNS bigint[]
LANGUAGE sql AS $$
    SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM casedesk.case_file;
$$;
CREATE FUNCTION t.projected_cases() RETURNS bigint[]
LANGUAGE sql AS $$
    SELECT coalesce(array_agg(g ORDER BY g), '{}')
      FROM generate_series(1::bigint, 3::bigint) g
     WHERE EXISTS (SELECT FROM casedesk.case_projection(g));
$$;
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(t.projected_cases(), ARRAY[1, 3]::bigint[], 'rev_c (dept 2): cases 1 and 3'),
       t.eq(t.projected_cases(), t.visible_cases(), 'rev_c: as row-level security'),
       t.eq((SELECT projected_due FROM casedesk.case_projection(:kase)), :'whole'::timestamptz,
            'rev_c: the whole matter, not only B');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.projected_cases(), ARRAY[1, 2, 3]::bigint[], 'rev_a (dept 1): every case'),
       t.eq(t.projected_cases(), t.visible_cases(), 'rev_a: as row-level security');
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(t.projected_cases(), ARRAY[2]::bigint[], 'oncall_a: the case behind the escalation'),
       t.eq(t.projected_cases(), t.visible_cases(), 'oncall_a: as row-level security');
SET SESSION AUTHORIZATION sup;
SELECT t.eq(t.projected_cases(), ARRAY[1, 2, 3]::bigint[], 'supervisor: every case'),
       t.eq(t.projected_cases(), t.visible_cases(), 'supervisor: as row-level security');
SET SESSION AUTHORIZATION win;
SELECT t.eq(t.projected_cases(), ARRAY[1, 2, 3]::bigint[], 'window clerk: every case'),
       t.eq(t.projected_cases(), t.visible_cases(), 'window clerk: as row-level security');
SET SESSION AUTHORIZATION nobody;
SELECT t.eq(t.projected_cases(), '{}'::bigint[], 'a login that is not staff: nothing'),
       t.eq(t.projected_cases(), t.visible_cases(), 'nobody: as row-level security');
RESET SESSION AUTHORIZATION;
SELECT t.eq((SELECT count(*) FROM casedesk.case_projection(99)), 0::bigint, 'no such case: no row');

-------------------------------------------------------------------------------
-- business_intervals: whole blocks overlapping [a, b), in order.

SET SESSION AUTHORIZATION rev_a;
-- Fri 2025-09-26 10:00 to Thu 2025-10-09 10:30: Saturday off, the make-up
-- Sunday worked, the National Day week off; the first block is whole though
-- a falls inside it, the last is the morning block that b falls inside.
SELECT t.eq(array_agg(to_char(opens AT TIME ZONE 'Asia/Shanghai', 'MM-DD HH24:MI') || '-' ||
                      to_char(closes AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') ORDER BY opens),
            ARRAY['09-26 09:00-12:00', '09-26 13:00-17:00',
                  '09-28 09:00-12:00', '09-28 13:00-17:00',
                  '09-29 09:00-12:00', '09-29 13:00-17:00',
                  '09-30 09:00-12:00', '09-30 13:00-17:00',
                  '10-09 09:00-12:00'],
            'over a weekend with a make-up Sunday and National Day')
  FROM casedesk.business_intervals('2025-09-26 10:00+08', '2025-10-09 10:30+08');
-- Fri 2025-03-07 16:59 to Mon 2025-03-10 09:01: an ordinary weekend.
SELECT t.eq(array_agg(opens ORDER BY opens), ARRAY['2025-03-07 13:00+08', '2025-03-10 09:00+08']::timestamptz[],
            'weekend: opens'),
       t.eq(array_agg(closes ORDER BY opens), ARRAY['2025-03-07 17:00+08', '2025-03-10 12:00+08']::timestamptz[],
            'weekend: closes')
  FROM casedesk.business_intervals('2025-03-07 16:59+08', '2025-03-10 09:01+08');
-- Half-open: lunch touches both blocks and overlaps neither.
SELECT t.eq((SELECT count(*) FROM casedesk.business_intervals('2025-03-05 12:00+08', '2025-03-05 13:00+08')),
            0::bigint, 'lunch hour: none');
SELECT t.eq((SELECT count(*) FROM casedesk.business_intervals('2025-03-05 10:00+08', '2025-03-05 10:00+08')),
            0::bigint, 'b = a: none');
SELECT t.eq((SELECT count(*) FROM casedesk.business_intervals('2025-03-06 10:00+08', '2025-03-05 10:00+08')),
            0::bigint, 'b < a: none');
SELECT t.eq((SELECT count(*) FROM casedesk.business_intervals(NULL, '2025-03-05 10:00+08')),
            0::bigint, 'NULL: none');
-- Spring Festival 2026 (2026-02-15 to 02-23 off, Sat 02-14 and 02-28 worked):
-- the blocks clipped to [a, b) hold exactly the working minutes between.
SELECT t.eq((SELECT sum(extract(epoch FROM least(closes, '2026-03-02 10:00+08') -
                                         greatest(opens, '2026-02-12 15:30+08')))::int / 60
               FROM casedesk.business_intervals('2026-02-12 15:30+08', '2026-03-02 10:00+08')),
            casedesk.working_minutes_between('2026-02-12 15:30+08', '2026-03-02 10:00+08'),
            'Spring Festival 2026: same business time as working_minutes_between');
-- The session's time zone changes how instants print, not which they are.
SET TIME ZONE 'UTC';
SELECT t.eq(array_agg(opens ORDER BY opens), ARRAY['2025-03-07 13:00+08', '2025-03-10 09:00+08']::timestamptz[],
            'session in UTC: the same instants')
  FROM casedesk.business_intervals('2025-03-07 16:59+08', '2025-03-10 09:01+08');
RESET TIME ZONE;
RESET SESSION AUTHORIZATION;
