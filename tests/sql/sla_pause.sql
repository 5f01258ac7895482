-- Pauses (补正, 特别程序): when the clock restarts, due and yellow move later
-- by the business time the pause lasted; pauses add up, holidays inside a
-- pause cost nothing, the original due time stays. Business hours are the
-- defaults, 09:00-12:00 and 13:00-17:00 Asia/Shanghai; every expected value
-- was worked out by hand from the 2025 schedule (Sun 2025-09-28 and Sat
-- 2025-10-11 worked, 2025-10-01 to 2025-10-08 off).
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-------------------------------------------------------------------------------
-- Three pauses of one item in sequence, at chosen instants, through
-- resume_clock (what casedesk.resume applies at now()).

-- Puts an item in a paused state at an instant, and restarts its clock at
-- another, as request_supplement / suspend and resume would have then.
CREATE FUNCTION t.pause_at(item bigint, st casedesk.item_status, at timestamptz) RETURNS void
LANGUAGE sql AS $$
    UPDATE casedesk.case_item SET status = st, paused_at = at WHERE id = item;
$$;
CREATE FUNCTION t.resume_at(item bigint, at timestamptz) RETURNS void
LANGUAGE sql AS $$
    UPDATE casedesk.case_item c
       SET status = 'pending', due_at = r.due_at, yellow_at = r.yellow_at,
           paused_at = r.paused_at, paused_minutes = r.paused_minutes
      FROM casedesk.resume_clock((SELECT x FROM casedesk.case_item x WHERE x.id = item), at) r
     WHERE c.id = item;
$$;

-- Item 3 (construction permit, 5 working days) enters Thu 2025-09-25 10:00:
-- Fri 26, Sun 28, Mon 29, Tue 30, then Thu 10-09 after the holiday is the
-- fifth day. Budget: 360 + 5 x 420 = 2460 minutes; 75% = 1845 reaches Tue
-- 09-30 13:45 (360 + 420 x 3 = 1620, then 180 before lunch and 45 after).
SELECT t.eq(s.due_at, '2025-10-09 17:00+08'::timestamptz, 'start: due'),
       t.eq(s.yellow_at, '2025-09-30 13:45+08'::timestamptz, 'start: yellow')
  FROM casedesk.start_clock((SELECT x FROM casedesk.case_item x WHERE x.id = 3),
                            '2025-09-25 10:00+08') s;
UPDATE casedesk.case_item
   SET entered_at = '2025-09-25 10:00+08', due_at = '2025-10-09 17:00+08',
       original_due_at = '2025-10-09 17:00+08', yellow_at = '2025-09-30 13:45+08'
 WHERE id = 3;

-- 1. 补正 Fri 2025-09-26 10:00 to 15:30: 120 + 150 = 270 minutes.
--    due:    Thu 10-09 17:00 + 270 -> Fri 10-10: 180 before lunch, 90 after -> 14:30
--    yellow: Tue 09-30 13:45 + 270 -> 195 that day, 75 on Thu 10-09 -> 10:15
SELECT t.pause_at(3, 'supplement', '2025-09-26 10:00+08');
SELECT t.resume_at(3, '2025-09-26 15:30+08');
SELECT t.eq(due_at, '2025-10-10 14:30+08'::timestamptz, 'pause 1: due'),
       t.eq(yellow_at, '2025-10-09 10:15+08'::timestamptz, 'pause 1: yellow'),
       t.eq(paused_minutes, 270, 'pause 1: minutes'),
       t.eq(paused_at, NULL::timestamptz, 'pause 1: clock runs')
  FROM casedesk.case_item WHERE id = 3;

-- 2. 特别程序 over the National Day week, Tue 2025-09-30 16:00 to Thu
--    2025-10-09 10:00: nine calendar days, 60 + 60 = 120 business minutes.
--    due:    Fri 10-10 14:30 + 120 -> 16:30
--    yellow: Thu 10-09 10:15 + 120 -> 105 before lunch, 15 after -> 13:15
SELECT t.pause_at(3, 'suspended', '2025-09-30 16:00+08');
SELECT t.resume_at(3, '2025-10-09 10:00+08');
SELECT t.eq(due_at, '2025-10-10 16:30+08'::timestamptz, 'pause 2 (National Day): due'),
       t.eq(yellow_at, '2025-10-09 13:15+08'::timestamptz, 'pause 2 (National Day): yellow'),
       t.eq(paused_minutes, 270 + 120, 'pause 2 (National Day): only the working hours count')
  FROM casedesk.case_item WHERE id = 3;

-- 3. 补正 Fri 2025-10-10 11:00 to Mon 2025-10-13 09:30, over the make-up
--    Saturday: 300 (Fri) + 420 (Sat) + 30 (Mon) = 750 minutes.
--    due:    Fri 10-10 16:30 + 750 -> 30, Sat 420, Mon 180 + 120 -> 15:00
--    yellow: Thu 10-09 13:15 + 750 -> 225, Fri 420, Sat 105 -> 10:45
SELECT t.pause_at(3, 'supplement', '2025-10-10 11:00+08');
SELECT t.resume_at(3, '2025-10-13 09:30+08');
SELECT t.eq(due_at, '2025-10-13 15:00+08'::timestamptz, 'pause 3: due'),
       t.eq(yellow_at, '2025-10-11 10:45+08'::timestamptz, 'pause 3: yellow'),
       t.eq(paused_minutes, 270 + 120 + 750, 'pause 3: the pauses add up'),
       t.eq(original_due_at, '2025-10-09 17:00+08'::timestamptz, 'the original due time stays'),
       t.eq(entered_at, '2025-09-25 10:00+08'::timestamptz, 'the entry time stays')
  FROM casedesk.case_item WHERE id = 3;

-- Business time from entry to the final due time: the budget plus the pauses.
SELECT t.eq(casedesk.working_minutes_between(entered_at, due_at), 2460 + 1140,
            'entry to due = budget + paused minutes')
  FROM casedesk.case_item WHERE id = 3;

-------------------------------------------------------------------------------
-- The same through the actions, which pause and resume at now(). The pause
-- start is moved back into 2025 and every day from 2025-10-10 to today is
-- declared a holiday, so the business time between the pause and now() is
-- known whatever day the test runs. The item is overdue when paused, so the
-- moved due time lands before 2025-10-10 too.

SELECT due_at AS due0, original_due_at AS orig0 FROM casedesk.case_item WHERE id = 1 \gset
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(1, 1, '5a000000-0000-4000-8000-000000000001');
SELECT t.eq(r.status, 'supplement', 'request_supplement: paused'),
       t.eq(r.paused_at, r.updated_at, 'request_supplement: the clock stops now'),
       t.eq(r.paused_at BETWEEN now() AND clock_timestamp(), true, 'request_supplement: at the action''s instant'),
       t.eq(r.claim_expires, NULL::timestamptz, 'request_supplement: no lease while paused'),
       t.eq(r.due_at, :'due0'::timestamptz, 'request_supplement: due not moved yet'),
       t.eq(r.version, 3, 'request_supplement: new version')
  FROM casedesk.request_supplement(1, 2, '5a000000-0000-4000-8000-000000000002',
                                   ARRAY['建设工程规划许可证'], '规划许可证复印件不清') r;
RESET SESSION AUTHORIZATION;

INSERT INTO casedesk.calendar_day (day, kind, name)
SELECT g.d, 'holiday', 'test: no business time after the faked pauses'
  FROM generate_series('2025-10-10'::date, (now() AT TIME ZONE 'Asia/Shanghai')::date, '1 day') g(d)
ON CONFLICT (day) DO UPDATE SET kind = 'holiday', name = EXCLUDED.name;

-- 补正 from Tue 2025-09-30 16:00, over the National Day week: 60 + 420
-- (Thu 10-09) = 480 minutes.
--    due:    Tue 09-30 10:00 + 480 -> 120 + 240, then Thu 10-09 09:00 + 120 -> 11:00
--    yellow: Mon 09-29 15:00 + 480 -> 120, Tue 180 + 180 -> 16:00
UPDATE casedesk.case_item
   SET paused_at = '2025-09-30 16:00+08', due_at = '2025-09-30 10:00+08',
       yellow_at = '2025-09-29 15:00+08'
 WHERE id = 1;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.due_at, '2025-10-09 11:00+08'::timestamptz, 'resume: due'),
       t.eq(r.yellow_at, '2025-09-30 16:00+08'::timestamptz, 'resume: yellow'),
       t.eq(r.paused_minutes, 480, 'resume: paused minutes'),
       t.eq(r.paused_at, NULL::timestamptz, 'resume: the clock runs'),
       t.eq(r.status, 'claimed', 'resume: claimed again'),
       t.eq(r.assignee, 'rev_a', 'resume: by the reviewer who paused it'),
       t.eq(r.original_due_at, :'orig0'::timestamptz, 'resume: original due kept'),
       t.eq(r.version, 4, 'resume: new version')
  FROM casedesk.resume(1, 3, '5a000000-0000-4000-8000-000000000003') r;

-- 特别程序 from Thu 2025-10-09 16:30, resumed by a window clerk: 30 minutes.
SELECT t.eq(r.status, 'suspended', 'suspend: paused')
  FROM casedesk.suspend(1, 4, '5a000000-0000-4000-8000-000000000004', '专家评审') r;
RESET SESSION AUTHORIZATION;
UPDATE casedesk.case_item SET paused_at = '2025-10-09 16:30+08' WHERE id = 1;
-- A special procedure is ended by the department (a window clerk only
-- receives supplementary material).
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.due_at, '2025-10-09 11:30+08'::timestamptz, 'second resume: due'),
       t.eq(r.yellow_at, '2025-09-30 16:30+08'::timestamptz, 'second resume: yellow'),
       t.eq(r.paused_minutes, 480 + 30, 'second resume: paused minutes add up'),
       t.eq(r.assignee, 'rev_a', 'second resume: the reviewer keeps it'),
       t.eq(r.original_due_at, :'orig0'::timestamptz, 'second resume: original due kept')
  FROM casedesk.resume(1, 5, '5a000000-0000-4000-8000-000000000005') r;
RESET SESSION AUTHORIZATION;

SELECT t.eq((SELECT array_agg(kind ORDER BY id) FROM casedesk.decision WHERE item_id = 1),
            ARRAY['supplement', 'suspend'], 'one decision row per pause');

-------------------------------------------------------------------------------
-- A pause that costs no business time leaves due and yellow where they were:
-- item 1 is due Fri 2025-10-10 17:00 (the close), paused Sat 10:00 to Sun
-- 2025-10-12 16:00 (a weekend; Sat 10-11 is a make-up workday, so use Sun).
UPDATE casedesk.case_item
   SET status = 'pending', assignee = NULL, claim_expires = NULL, decided_at = NULL,
       due_at = '2025-10-10 17:00+08', yellow_at = '2025-10-10 11:00+08', paused_minutes = 0
 WHERE id = 1;
SELECT t.pause_at(1, 'supplement', '2025-10-12 09:00+08');
SELECT t.resume_at(1, '2025-10-12 16:00+08');
SELECT t.eq(due_at, '2025-10-10 17:00+08'::timestamptz, 'weekend pause: due stays at the close'),
       t.eq(yellow_at, '2025-10-10 11:00+08'::timestamptz, 'weekend pause: yellow stays'),
       t.eq(paused_minutes, 0, 'weekend pause: no business minutes')
  FROM casedesk.case_item WHERE id = 1;

-- An item limited in calendar hours moves by the wall-clock pause: item 2
-- received as a 48-hour item, due Sat 2025-10-18 10:00, paused Fri 10-17
-- 20:00 to Sat 10-18 08:30 (12.5 hours, none of it business time) -> Sat 22:30.
UPDATE casedesk.case_item
   SET limit_value = 48, limit_unit = 'calendar_hours',
       status = 'pending', assignee = NULL, claim_expires = NULL, decided_at = NULL,
       due_at = '2025-10-18 10:00+08', yellow_at = '2025-10-17 22:00+08', paused_minutes = 0
 WHERE id = 2;
SELECT t.pause_at(2, 'supplement', '2025-10-17 20:00+08');
SELECT t.resume_at(2, '2025-10-18 08:30+08');
SELECT t.eq(due_at, '2025-10-18 22:30+08'::timestamptz, 'calendar hours: due moves by wall time'),
       t.eq(yellow_at, '2025-10-18 10:30+08'::timestamptz, 'calendar hours: yellow moves by wall time')
  FROM casedesk.case_item WHERE id = 2;
