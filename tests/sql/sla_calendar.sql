-- The working-day calendar and working-day limits. Every expected value was
-- worked out by hand from the State Council schedules for 2025 and 2026.
-- Only failures are worth printing; they go to stderr.
\o /dev/null

-- The calendar: weekends, holidays on weekdays, make-up weekend days.
SELECT t.eq(casedesk.is_working_day('2025-01-24'), true,  'Fri 2025-01-24 is worked');
SELECT t.eq(casedesk.is_working_day('2025-01-25'), false, 'Sat 2025-01-25 is off');
SELECT t.eq(casedesk.is_working_day('2025-01-26'), true,  'Sun 2025-01-26 is a make-up workday');
SELECT t.eq(casedesk.is_working_day('2025-01-27'), true,  'Mon 2025-01-27, eve of the Spring Festival');
SELECT t.eq(casedesk.is_working_day('2025-01-28'), false, 'Tue 2025-01-28 Spring Festival');
SELECT t.eq(casedesk.is_working_day('2025-02-04'), false, 'Tue 2025-02-04 last day of Spring Festival');
SELECT t.eq(casedesk.is_working_day('2025-02-08'), true,  'Sat 2025-02-08 is a make-up workday');
SELECT t.eq(casedesk.is_working_day('2025-09-28'), true,  'Sun 2025-09-28 is a make-up workday');
SELECT t.eq(casedesk.is_working_day('2025-10-06'), false, 'Mon 2025-10-06 Mid-autumn');
SELECT t.eq(casedesk.is_working_day('2025-10-08'), false, 'Wed 2025-10-08 last day of National Day');
SELECT t.eq(casedesk.is_working_day('2025-10-11'), true,  'Sat 2025-10-11 is a make-up workday');
SELECT t.eq(casedesk.is_working_day('2026-01-02'), false, 'Fri 2026-01-02 New Year');
SELECT t.eq(casedesk.is_working_day('2026-01-04'), true,  'Sun 2026-01-04 is a make-up workday');
SELECT t.eq(casedesk.is_working_day('2026-02-14'), true,  'Sat 2026-02-14 is a make-up workday');
SELECT t.eq(casedesk.is_working_day('2026-02-23'), false, 'Mon 2026-02-23 last day of Spring Festival 2026');
SELECT t.eq(casedesk.is_working_day('2026-02-24'), true,  'Tue 2026-02-24 back to work');
SELECT t.eq(casedesk.is_working_day('2026-02-28'), true,  'Sat 2026-02-28 is a make-up workday');
SELECT t.eq(casedesk.is_working_day('2027-03-01'), true,  'a Monday of a year not in the table is worked');
SELECT t.eq(casedesk.is_working_day('2027-03-06'), false, 'a Saturday of a year not in the table is off');
SELECT t.eq((SELECT count(*) FROM casedesk.calendar_day WHERE kind = 'workday'), 11::bigint,
            'eleven make-up workdays in 2025 and 2026');

-- Friday evening: Saturday off, Sunday 2025-01-26 worked.
SELECT t.eq(casedesk.add_working_days('2025-01-24 18:30+08', 1), '2025-01-26 17:00+08'::timestamptz,
            'Friday evening + 1 -> make-up Sunday');
SELECT t.eq(casedesk.add_working_days('2025-01-24 18:30+08', 2), '2025-01-27 17:00+08'::timestamptz,
            'Friday evening + 2 -> Monday before the Spring Festival');
-- The hour of acceptance does not matter: the day itself is never counted.
SELECT t.eq(casedesk.add_working_days('2025-01-24 08:00+08', 1), '2025-01-26 17:00+08'::timestamptz,
            'Friday before opening + 1 -> make-up Sunday');

-- The day before the Spring Festival (Mon 2025-01-27).
SELECT t.eq(casedesk.add_working_days('2025-01-27 10:00+08', 1), '2025-02-05 17:00+08'::timestamptz,
            'eve of Spring Festival + 1 -> first day back');
SELECT t.eq(casedesk.add_working_days('2025-01-27 10:00+08', 3), '2025-02-07 17:00+08'::timestamptz,
            'eve of Spring Festival + 3 -> Friday');
SELECT t.eq(casedesk.add_working_days('2025-01-27 10:00+08', 4), '2025-02-08 17:00+08'::timestamptz,
            'eve of Spring Festival + 4 -> make-up Saturday');
SELECT t.eq(casedesk.add_working_days('2025-01-27 10:00+08', 5), '2025-02-10 17:00+08'::timestamptz,
            'eve of Spring Festival + 5 -> Monday after the make-up Saturday');

-- Accepted on the make-up Saturday 2025-02-08: a working day like any other.
SELECT t.eq(casedesk.add_working_days('2025-02-08 10:00+08', 1), '2025-02-10 17:00+08'::timestamptz,
            'make-up Saturday + 1 -> Monday');
SELECT t.eq(casedesk.add_working_days('2025-02-08 10:00+08', 0), '2025-02-08 17:00+08'::timestamptz,
            'make-up Saturday + 0 -> that Saturday');

-- Arrival on a holiday counts from the next working day.
SELECT t.eq(casedesk.add_working_days('2025-01-30 11:00+08', 1), '2025-02-05 17:00+08'::timestamptz,
            'arrival during Spring Festival + 1');
SELECT t.eq(casedesk.add_working_days('2025-10-03 11:00+08', 1), '2025-10-09 17:00+08'::timestamptz,
            'arrival during National Day + 1');
SELECT t.eq(casedesk.add_working_days('2025-10-03 11:00+08', 3), '2025-10-11 17:00+08'::timestamptz,
            'arrival during National Day + 3 -> make-up Saturday');
SELECT t.eq(casedesk.add_working_days('2025-10-03 11:00+08', 4), '2025-10-13 17:00+08'::timestamptz,
            'arrival during National Day + 4 -> Monday');

-- n = 0: same day if it is a working day not yet closed, else the next one.
SELECT t.eq(casedesk.add_working_days('2025-03-05 10:00+08', 0), '2025-03-05 17:00+08'::timestamptz,
            'Wednesday morning + 0 -> that evening');
SELECT t.eq(casedesk.add_working_days('2025-03-05 16:59:59+08', 0), '2025-03-05 17:00+08'::timestamptz,
            'one second before closing + 0 -> that evening');
SELECT t.eq(casedesk.add_working_days('2025-03-05 17:00+08', 0), '2025-03-06 17:00+08'::timestamptz,
            'at closing + 0 -> next working day');
SELECT t.eq(casedesk.add_working_days('2025-03-05 20:00+08', 0), '2025-03-06 17:00+08'::timestamptz,
            'evening + 0 -> next working day');
SELECT t.eq(casedesk.add_working_days('2025-03-08 10:00+08', 0), '2025-03-10 17:00+08'::timestamptz,
            'Saturday + 0 -> Monday');
SELECT t.eq(casedesk.add_working_days('2025-01-29 10:00+08', 0), '2025-02-05 17:00+08'::timestamptz,
            'Spring Festival + 0 -> first day back');

-- Limits of 1 and 20 working days. March 2025 has no holiday.
SELECT t.eq(casedesk.add_working_days('2025-03-03 09:30+08', 1), '2025-03-04 17:00+08'::timestamptz,
            'Monday + 1 -> Tuesday');
SELECT t.eq(casedesk.add_working_days('2025-03-03 09:30+08', 20), '2025-03-31 17:00+08'::timestamptz,
            'Monday 2025-03-03 + 20 -> Monday 2025-03-31');
-- Through the Spring Festival: Jan 21-24, 26, 27, Feb 5-8, 10-14, 17-21.
SELECT t.eq(casedesk.add_working_days('2025-01-20 10:00+08', 20), '2025-02-21 17:00+08'::timestamptz,
            '2025-01-20 + 20 across the Spring Festival');

-- The year boundary: New Year 2026 Jan 1-3, make-up Sunday Jan 4.
SELECT t.eq(casedesk.add_working_days('2025-12-30 15:00+08', 1), '2025-12-31 17:00+08'::timestamptz,
            '2025-12-30 + 1 -> New Year''s Eve');
SELECT t.eq(casedesk.add_working_days('2025-12-31 10:00+08', 1), '2026-01-04 17:00+08'::timestamptz,
            'New Year''s Eve + 1 -> make-up Sunday 2026-01-04');
SELECT t.eq(casedesk.add_working_days('2025-12-31 10:00+08', 2), '2026-01-05 17:00+08'::timestamptz,
            'New Year''s Eve + 2 -> Monday 2026-01-05');

-- Spring Festival 2026: Feb 15-23 off, make-up Saturdays Feb 14 and 28.
SELECT t.eq(casedesk.add_working_days('2026-02-13 10:00+08', 1), '2026-02-14 17:00+08'::timestamptz,
            'Fri 2026-02-13 + 1 -> make-up Saturday');
SELECT t.eq(casedesk.add_working_days('2026-02-13 10:00+08', 2), '2026-02-24 17:00+08'::timestamptz,
            'Fri 2026-02-13 + 2 -> after the Spring Festival');
SELECT t.eq(casedesk.add_working_days('2026-02-24 10:00+08', 4), '2026-02-28 17:00+08'::timestamptz,
            'Tue 2026-02-24 + 4 -> make-up Saturday 2026-02-28');

-- Through sla_due.
SELECT t.eq(casedesk.sla_due('2025-01-24 18:30+08', 1, 'working_days'), '2025-01-26 17:00+08'::timestamptz,
            'sla_due working_days');

-- Negative limits are refused.
SELECT t.raises($$SELECT casedesk.add_working_days('2025-03-05 10:00+08', -1)$$, '22023',
                'add_working_days n < 0');
SELECT t.raises($$SELECT casedesk.sla_due('2025-03-05 10:00+08', -2, 'working_days')$$, '22023',
                'sla_due working_days n < 0');
SELECT t.eq(casedesk.add_working_days(NULL, 1), NULL::timestamptz, 'NULL start -> NULL');

-- Business hours are data: a later close moves every due instant.
BEGIN;
UPDATE casedesk.business_hours SET closes = '18:00' WHERE block = 2;
SELECT t.eq(casedesk.add_working_days('2025-01-24 18:30+08', 1), '2025-01-26 18:00+08'::timestamptz,
            'close at 18:00 -> due at 18:00');
ROLLBACK;

-- Overlapping blocks are refused (the check is deferred to commit).
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
SELECT t.raises($$INSERT INTO casedesk.business_hours VALUES (3, '11:00', '14:00')$$, '23P01',
                'overlapping business hours');
SELECT t.raises($$DELETE FROM casedesk.business_hours$$, '23514', 'no business hours at all');
ROLLBACK;
SELECT t.raises($$INSERT INTO casedesk.business_hours VALUES (3, '18:00', '17:00')$$, '23514',
                'a block that closes before it opens');
-- Touching blocks are fine.
INSERT INTO casedesk.business_hours VALUES (3, '17:00', '17:30');
SELECT t.eq(casedesk.add_working_days('2025-03-03 09:30+08', 1), '2025-03-04 17:30+08'::timestamptz,
            'a third block 17:00-17:30 -> due at 17:30');
DELETE FROM casedesk.business_hours WHERE block = 3;

-- The calendar table's own rules.
SELECT t.raises($$INSERT INTO casedesk.calendar_day VALUES ('2025-03-05', 'workday', 'x')$$, '23514',
                'a make-up workday must be a weekend day');
SELECT t.raises($$INSERT INTO casedesk.calendar_day VALUES ('2025-03-05', 'bridge', 'x')$$, '23514',
                'unknown kind');

-- A calendar without working days fails instead of looping for ever.
BEGIN;
INSERT INTO casedesk.calendar_day (day, kind, name)
SELECT d::date, 'holiday', 'test'
  FROM generate_series(date '2030-01-01', date '2033-12-31', interval '1 day') AS d
 WHERE extract(isodow FROM d) < 6;
SELECT t.raises($$SELECT casedesk.add_working_days('2030-01-02 10:00+08', 1)$$, '55000',
                'add_working_days with no working day for four years');
SELECT t.raises($$SELECT casedesk.add_working_minutes('2030-01-02 10:00+08', 1)$$, '55000',
                'add_working_minutes with no working day for four years');
ROLLBACK;

-- The centre's time zone. 2025-03-07 07:00+08 is a Friday morning in
-- Shanghai but Thursday 23:00 in London, after closing there.
SELECT t.eq(casedesk.add_working_days('2025-03-07 07:00+08', 0), '2025-03-07 17:00+08'::timestamptz,
            'Shanghai: Friday morning + 0 -> Friday 17:00 Shanghai');
UPDATE casedesk.centre SET time_zone = 'Europe/London';
SELECT t.eq(casedesk.add_working_days('2025-03-07 07:00+08', 0), '2025-03-07 17:00+00'::timestamptz,
            'London: Thursday night + 0 -> Friday 17:00 London');
-- 2025-01-25 03:00+08 is Saturday in Shanghai, still Friday in London.
SELECT t.eq(casedesk.add_working_days('2025-01-25 03:00+08', 0), '2025-01-26 17:00+00'::timestamptz,
            'London: Friday night + 0 -> make-up Sunday 17:00 London');
-- Summer time: 17:00 in London in July is 16:00 UTC.
SELECT t.eq(casedesk.add_working_days('2025-07-01 12:00+00', 1), '2025-07-02 16:00+00'::timestamptz,
            'London in July: close at 17:00 BST');
UPDATE casedesk.centre SET time_zone = 'Asia/Shanghai';
SELECT t.raises($$UPDATE casedesk.centre SET time_zone = 'Mars/Olympus_Mons'$$, '23514',
                'unknown time zone refused');
SELECT t.raises($$UPDATE casedesk.centre SET time_zone = 'UTC+8'$$, '23514',
                'POSIX offset strings refused');
SELECT t.raises($$DELETE FROM casedesk.centre$$, '55000', 'the centre row cannot be deleted');
SELECT t.raises($$INSERT INTO casedesk.centre (id) VALUES (false)$$, '23514', 'only one centre row');

-- Privileges: every job may read the calendar and call the time functions,
-- nobody else; no job writes the calendar.
SELECT t.eq(has_table_privilege('casedesk_reviewer', 'casedesk.calendar_day', 'SELECT'), true,
            'reviewers read the calendar');
SELECT t.eq(has_table_privilege('casedesk_supervisor', 'casedesk.calendar_day', 'INSERT'), false,
            'supervisors do not write the calendar');
SELECT t.eq(has_table_privilege('casedesk_oncall', 'casedesk.business_hours', 'UPDATE'), false,
            'on-call staff do not change business hours');
SELECT t.eq(has_table_privilege('casedesk_window', 'casedesk.centre', 'SELECT'), true,
            'window staff read the centre settings');
SELECT t.eq(has_function_privilege('casedesk_window', 'casedesk.sla_due(timestamptz, int, casedesk.limit_unit)', 'EXECUTE'),
            true, 'window staff call sla_due');
SELECT t.eq(has_function_privilege('pg_monitor', 'casedesk.add_working_days(timestamptz, int)', 'EXECUTE'),
            false, 'a role outside casedesk cannot call the time functions');
SET ROLE casedesk_reviewer;
SELECT t.eq(casedesk.add_working_days('2025-01-24 18:30+08', 1), '2025-01-26 17:00+08'::timestamptz,
            'a reviewer computes a due date');
SELECT t.raises($$INSERT INTO casedesk.calendar_day VALUES ('2025-03-05', 'holiday', 'x')$$, '42501',
                'a reviewer cannot add a holiday');
RESET ROLE;
