-- Working minutes, calendar hours, sla_due and sla_yellow_at. Business hours
-- are the defaults, 09:00-12:00 and 13:00-17:00 Asia/Shanghai; every expected
-- value was worked out by hand. 2025-03-05 is a Wednesday.
-- Only failures are worth printing; they go to stderr.
\o /dev/null

-- Inside one block, and the end of a block.
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 10:00+08', 3), '2025-03-05 10:03+08'::timestamptz,
            '10:00 + 3');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 11:58+08', 2), '2025-03-05 12:00+08'::timestamptz,
            '11:58 + 2 -> 12:00, not 13:00');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 11:58+08', 3), '2025-03-05 13:01+08'::timestamptz,
            '11:58 + 3 -> 13:01 after lunch');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 16:55+08', 5), '2025-03-05 17:00+08'::timestamptz,
            '16:55 + 5 -> 17:00 the same day');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 16:55+08', 6), '2025-03-06 09:01+08'::timestamptz,
            '16:55 + 6 -> 09:01 next day');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 09:00+08', 420), '2025-03-05 17:00+08'::timestamptz,
            'a full day from opening ends exactly at 17:00');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 09:00+08', 421), '2025-03-06 09:01+08'::timestamptz,
            'a full day and a minute');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 10:00:30+08', 2), '2025-03-05 10:02:30+08'::timestamptz,
            'seconds of the start are kept');

-- Arrivals outside business hours.
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 20:00+08', 3), '2025-03-06 09:03+08'::timestamptz,
            'arrival at 20:00 + 3 -> 09:03 next morning');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 07:30+08', 3), '2025-03-05 09:03+08'::timestamptz,
            'arrival at 07:30 + 3 -> 09:03');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 12:30+08', 3), '2025-03-05 13:03+08'::timestamptz,
            'arrival at 12:30 (lunch) + 3 -> 13:03');
SELECT t.eq(casedesk.add_working_minutes('2025-01-24 18:30+08', 3), '2025-01-26 09:03+08'::timestamptz,
            'Friday evening + 3 -> make-up Sunday 09:03');
SELECT t.eq(casedesk.add_working_minutes('2025-01-27 16:30+08', 60), '2025-02-05 09:30+08'::timestamptz,
            'eve of Spring Festival 16:30 + 60 -> 2025-02-05 09:30');
SELECT t.eq(casedesk.add_working_minutes('2025-12-31 16:30+08', 60), '2026-01-04 09:30+08'::timestamptz,
            'New Year''s Eve 16:30 + 60 -> make-up Sunday 2026-01-04 09:30');

-- n = 0: unchanged inside business time, else the next opening.
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 10:15:30+08', 0), '2025-03-05 10:15:30+08'::timestamptz,
            '+0 inside a block -> unchanged');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 09:00+08', 0), '2025-03-05 09:00+08'::timestamptz,
            '+0 at opening -> unchanged');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 12:00+08', 0), '2025-03-05 13:00+08'::timestamptz,
            '+0 at 12:00 -> 13:00');
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 17:00+08', 0), '2025-03-06 09:00+08'::timestamptz,
            '+0 at 17:00 -> next morning');
SELECT t.eq(casedesk.add_working_minutes('2025-03-08 10:00+08', 0), '2025-03-10 09:00+08'::timestamptz,
            '+0 on Saturday -> Monday 09:00');

-- working_minutes_between: [a, b), whole minutes, floor.
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 09:10+08', '2025-03-05 11:40+08'), 150,
            'inside one block');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 11:00+08', '2025-03-05 14:00+08'), 120,
            'across lunch');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 12:10+08', '2025-03-05 12:50+08'), 0,
            'inside lunch');
SELECT t.eq(casedesk.working_minutes_between('2025-03-07 16:00+08', '2025-03-10 10:00+08'), 120,
            'Friday 16:00 to Monday 10:00, across a weekend');
SELECT t.eq(casedesk.working_minutes_between('2025-03-03 00:00+08', '2025-03-10 00:00+08'), 2100,
            'a whole week: 5 x 420');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 10:00+08', '2025-03-05 10:00+08'), 0,
            'b = a');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 11:00+08', '2025-03-05 10:00+08'), 0,
            'b < a');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 10:00+08', '2025-03-05 10:00:59+08'), 0,
            '59 seconds count 0 minutes');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 10:00:30+08', '2025-03-05 10:02+08'), 1,
            '90 seconds count 1 minute');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 11:59:30+08', '2025-03-05 13:00:30+08'), 1,
            '30 s before lunch and 30 s after make 1 minute');
SELECT t.eq(casedesk.working_minutes_between('2025-09-26 16:00+08', '2025-09-29 10:00+08'), 540,
            'Fri 16:00 to Mon 10:00 with make-up Sunday 2025-09-28: 60 + 420 + 60');
SELECT t.eq(casedesk.working_minutes_between('2025-12-31 16:00+08', '2026-01-05 10:00+08'), 540,
            'across the year boundary: 60 + 420 (Sun 2026-01-04) + 60');

-- A pause (补正) over the National Day week, 2025-09-30 15:00 to 2025-10-09
-- 10:00: only Tue 15:00-17:00 and Thu 09:00-10:00 count.
SELECT t.eq(casedesk.working_minutes_between('2025-09-30 15:00+08', '2025-10-09 10:00+08'), 180,
            'pause across National Day');
SELECT t.eq(casedesk.add_working_minutes('2025-09-30 15:00+08', 180), '2025-10-09 10:00+08'::timestamptz,
            '180 minutes from 2025-09-30 15:00 skip the holiday');
-- Resumed 2025-10-09 10:00 with budget left: Thu 360, Fri 420, then the
-- make-up Saturday 2025-10-11.
SELECT t.eq(casedesk.add_working_minutes('2025-10-09 10:00+08', 200), '2025-10-09 14:20+08'::timestamptz,
            'resumed + 200');
SELECT t.eq(casedesk.add_working_minutes('2025-10-09 10:00+08', 600), '2025-10-10 14:00+08'::timestamptz,
            'resumed + 600');
SELECT t.eq(casedesk.add_working_minutes('2025-10-09 10:00+08', 1000), '2025-10-11 13:40+08'::timestamptz,
            'resumed + 1000 -> make-up Saturday');

-- Calendar hours: plain elapsed time, nights and holidays included.
SELECT t.eq(casedesk.add_calendar_hours('2025-09-30 15:00+08', 48), '2025-10-02 15:00+08'::timestamptz,
            '48 hours through National Day');
SELECT t.eq(casedesk.add_calendar_hours('2025-03-05 20:00+08', 6), '2025-03-06 02:00+08'::timestamptz,
            '6 hours from 20:00');
SELECT t.eq(casedesk.add_calendar_hours('2025-03-05 20:00+08', 0), '2025-03-05 20:00+08'::timestamptz,
            '0 hours');

-- sla_due dispatches on the unit.
SELECT t.eq(casedesk.sla_due('2025-03-05 16:58+08', 3, 'working_minutes'), '2025-03-06 09:01+08'::timestamptz,
            'escalation at 16:58 with 3 working minutes');
SELECT t.eq(casedesk.sla_due('2025-03-05 20:00+08', 6, 'calendar_hours'), '2025-03-06 02:00+08'::timestamptz,
            'sla_due calendar_hours');
SELECT t.eq(casedesk.sla_due('2025-03-05 10:00+08', 1, 'working_days'), '2025-03-06 17:00+08'::timestamptz,
            'sla_due working_days');
SELECT t.eq(casedesk.sla_due('2025-03-05 10:00+08', 1, NULL), NULL::timestamptz, 'no unit -> NULL');

-- Negative limits are refused.
SELECT t.raises($$SELECT casedesk.add_working_minutes('2025-03-05 10:00+08', -1)$$, '22023',
                'add_working_minutes n < 0');
SELECT t.raises($$SELECT casedesk.add_calendar_hours('2025-03-05 10:00+08', -1)$$, '22023',
                'add_calendar_hours n < 0');
SELECT t.raises($$SELECT casedesk.sla_due('2025-03-05 10:00+08', -5, 'working_minutes')$$, '22023',
                'sla_due working_minutes n < 0');

-- sla_yellow_at. Wed 10:00 with 1 working day: due Thu 17:00, budget
-- 360 + 420 = 780 minutes; 75% is 585: Wed 360, Thu 180 before lunch, 45 after.
SELECT t.eq(casedesk.sla_yellow_at('2025-03-05 10:00+08', '2025-03-06 17:00+08', 0.75, 'working_days'),
            '2025-03-06 13:45+08'::timestamptz, 'yellow at 75% of one working day');
SELECT t.eq(casedesk.sla_yellow_at('2025-03-05 10:00+08', '2025-03-06 17:00+08', 0.75),
            '2025-03-06 13:45+08'::timestamptz, 'unit defaults to working days');
-- Friday evening, due make-up Sunday 17:00: budget 420, 75% = 315.
SELECT t.eq(casedesk.sla_yellow_at('2025-01-24 18:30+08', '2025-01-26 17:00+08', 0.75, 'working_days'),
            '2025-01-26 15:15+08'::timestamptz, 'yellow on the make-up Sunday');
-- 3 working minutes, half: 1.5 rounds up to 2.
SELECT t.eq(casedesk.sla_yellow_at('2025-03-05 10:00+08', '2025-03-05 10:03+08', 0.5, 'working_minutes'),
            '2025-03-05 10:02+08'::timestamptz, 'yellow rounds up to whole minutes');
SELECT t.eq(casedesk.sla_yellow_at('2025-03-05 10:00+08', '2025-03-06 17:00+08', 1, 'working_days'),
            '2025-03-06 17:00+08'::timestamptz, 'fraction 1 -> due');
SELECT t.eq(casedesk.sla_yellow_at('2025-03-05 20:00+08', '2025-03-06 17:00+08', 0, 'working_days'),
            '2025-03-06 09:00+08'::timestamptz, 'fraction 0 -> first business instant');
-- 48 calendar hours, 75% = 36 hours of wall time.
SELECT t.eq(casedesk.sla_yellow_at('2025-03-05 20:00+08', '2025-03-07 20:00+08', 0.75, 'calendar_hours'),
            '2025-03-07 08:00+08'::timestamptz, 'yellow at 36 of 48 calendar hours');
SELECT t.raises($$SELECT casedesk.sla_yellow_at('2025-03-05 10:00+08', '2025-03-06 17:00+08', 1.5)$$,
                '22023', 'fraction above 1');

-- Round trips: counting n minutes forward and measuring back gives n.
SELECT t.eq(casedesk.working_minutes_between(s, casedesk.add_working_minutes(s, n)), n,
            format('round trip from %s + %s', s, n))
  FROM (VALUES (timestamptz '2025-01-24 18:30+08'), ('2025-01-27 11:59:30+08'),
               ('2025-09-30 16:59+08'), ('2025-12-31 12:30+08')) AS v(s),
       (VALUES (0), (1), (179), (180), (421), (5000)) AS m(n);

-- The centre's time zone: 2025-03-05 10:00+08 is 02:00 in London, before
-- opening there.
UPDATE casedesk.centre SET time_zone = 'Europe/London';
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 10:00+08', 60), '2025-03-05 10:00+00'::timestamptz,
            'London: counting starts at 09:00 London');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 09:00+08', '2025-03-05 17:00+08'), 0,
            'London: Shanghai office hours are London night');
SELECT t.eq(casedesk.working_minutes_between('2025-03-05 17:00+08', '2025-03-06 01:00+08'), 420,
            'London: 09:00-17:00 London is 17:00-01:00 Shanghai, less 12:00-13:00 London');
UPDATE casedesk.centre SET time_zone = 'Asia/Shanghai';
SELECT t.eq(casedesk.add_working_minutes('2025-03-05 10:00+08', 60), '2025-03-05 11:00+08'::timestamptz,
            'back in Shanghai');
