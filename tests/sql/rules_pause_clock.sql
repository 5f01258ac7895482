-- The clock stops while an item waits for supplementary material (补正) or is
-- suspended: on resume, due and yellow move later by the business minutes
-- the pause lasted, and only by those.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-------------------------------------------------------------------------------
-- With the centre's real calendar: whatever time the test runs at, the new
-- due time is the old one plus the working minutes between pause and resume.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(1, 1, '6c000000-0000-4000-8000-000000000001');
SELECT casedesk.request_supplement(1, 2, '6c000000-0000-4000-8000-000000000002', ARRAY['建设工程规划许可证'], NULL);
RESET SESSION AUTHORIZATION;
-- Two weeks back: long enough to hold working time on any date.
UPDATE casedesk.case_item SET paused_at = paused_at - interval '14 days' WHERE id = 1;
SELECT due_at AS due1, yellow_at AS yellow1, paused_at AS paused1
  FROM casedesk.case_item WHERE id = 1 \gset
BEGIN;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.due_at, casedesk.add_working_minutes(:'due1', casedesk.working_minutes_between(:'paused1', now())),
            'resume: due moved by the paused working minutes'),
       t.eq(r.yellow_at, casedesk.add_working_minutes(:'yellow1', casedesk.working_minutes_between(:'paused1', now())),
            'resume: yellow moved by the paused working minutes'),
       t.eq(r.paused_minutes, casedesk.working_minutes_between(:'paused1', now()), 'resume: paused minutes kept'),
       t.eq(r.due_at > :'due1', true, 'resume: due is later'),
       t.eq(r.original_due_at, (SELECT original_due_at FROM casedesk.case_item WHERE id = 1),
            'resume: the original due time stays')
  FROM casedesk.resume(1, 3, '6c000000-0000-4000-8000-000000000003') r;
COMMIT;
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Hand-computed: make the days around today working days, open round the
-- clock, so that business minutes are wall minutes near now(); the due and
-- yellow times are set to known instants in 2030.
BEGIN;
DELETE FROM casedesk.business_hours WHERE block <> 1;
UPDATE casedesk.business_hours SET opens = '00:00', closes = '24:00' WHERE block = 1;
DELETE FROM casedesk.calendar_day
 WHERE day BETWEEN (now() AT TIME ZONE 'Asia/Shanghai')::date - 5 AND (now() AT TIME ZONE 'Asia/Shanghai')::date + 5;
INSERT INTO casedesk.calendar_day (day, kind, name)
SELECT d, 'workday', 'test' FROM generate_series((now() AT TIME ZONE 'Asia/Shanghai')::date - 5,
                                                 (now() AT TIME ZONE 'Asia/Shanghai')::date + 5, '1 day') g(d)
 WHERE extract(isodow FROM d) >= 6;
COMMIT;

SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(3, 1, '6c000000-0000-4000-8000-000000000010');
SELECT casedesk.request_supplement(3, 2, '6c000000-0000-4000-8000-000000000011', ARRAY['施工图设计文件审查合格书'], '缺审查合格书');
RESET SESSION AUTHORIZATION;

-- Paused 90 minutes: Tue 2030-03-05 10:00 -> 11:30.
BEGIN;
UPDATE casedesk.case_item
   SET paused_at = now() - interval '90 minutes',
       due_at = '2030-03-05 10:00+08', yellow_at = '2030-03-04 16:00+08'
 WHERE id = 3;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.due_at, '2030-03-05 11:30+08'::timestamptz, '90 minutes paused: due'),
       t.eq(r.yellow_at, '2030-03-04 17:30+08'::timestamptz, '90 minutes paused: yellow'),
       t.eq(r.paused_minutes, 90, '90 minutes paused: counted'),
       t.eq(r.status, 'claimed', '90 minutes paused: claimed again'),
       t.eq(r.assignee, 'rev_a', '90 minutes paused: by the same reviewer'),
       t.eq(r.paused_at, NULL::timestamptz, '90 minutes paused: clock runs')
  FROM casedesk.resume(3, 3, '6c000000-0000-4000-8000-000000000012') r;
COMMIT;
RESET SESSION AUTHORIZATION;

-- A second pause adds to the first: suspended 30 minutes more.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.suspend(3, 4, '6c000000-0000-4000-8000-000000000013', '现场核查');
RESET SESSION AUTHORIZATION;
BEGIN;
UPDATE casedesk.case_item SET paused_at = now() - interval '30 minutes' WHERE id = 3;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.due_at, '2030-03-05 12:00+08'::timestamptz, 'second pause: due'),
       t.eq(r.paused_minutes, 120, 'second pause: minutes add up')
  FROM casedesk.resume(3, 5, '6c000000-0000-4000-8000-000000000014') r;
COMMIT;
RESET SESSION AUTHORIZATION;

-- A pause of two days over which yesterday was a holiday costs one day:
-- 2880 wall minutes, 1440 of them on the holiday.
INSERT INTO casedesk.calendar_day (day, kind, name)
VALUES ((now() AT TIME ZONE 'Asia/Shanghai')::date - 1, 'holiday', 'test')
ON CONFLICT (day) DO UPDATE SET kind = 'holiday';
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.request_supplement(3, 6, '6c000000-0000-4000-8000-000000000015', ARRAY['施工许可申请表'], NULL);
RESET SESSION AUTHORIZATION;
BEGIN;
UPDATE casedesk.case_item SET paused_at = now() - interval '2 days' WHERE id = 3;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.due_at, '2030-03-06 12:00+08'::timestamptz, 'pause over a holiday: due moved one day'),
       t.eq(r.paused_minutes, 120 + 1440, 'pause over a holiday: holiday not counted')
  FROM casedesk.resume(3, 7, '6c000000-0000-4000-8000-000000000016') r;
COMMIT;
RESET SESSION AUTHORIZATION;
-- Yesterday is a working day again: a later pause that starts before
-- midnight (the test run just after 00:00) must not lose minutes to it.
DELETE FROM casedesk.calendar_day WHERE day = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1;
INSERT INTO casedesk.calendar_day (day, kind, name)
SELECT d, 'workday', 'test' FROM (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date - 1) y(d)
 WHERE extract(isodow FROM d) >= 6;

-- A window clerk resuming restarts the clock the same way.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.request_supplement(3, 8, '6c000000-0000-4000-8000-000000000017', ARRAY['施工许可申请表'], NULL);
RESET SESSION AUTHORIZATION;
BEGIN;
UPDATE casedesk.case_item SET paused_at = now() - interval '45 minutes' WHERE id = 3;
SET SESSION AUTHORIZATION win;
SELECT t.eq(r.due_at, '2030-03-06 12:45+08'::timestamptz, 'window resume: due'),
       t.eq(r.assignee, 'rev_a', 'window resume: the reviewer keeps it')
  FROM casedesk.resume(3, 9, '6c000000-0000-4000-8000-000000000018') r;
COMMIT;
RESET SESSION AUTHORIZATION;

