-- One sweep per centre per period: a console's sweep_due(period) sweeps only
-- when nobody swept within the period (the scheduled `casedesk --sweep`
-- counts too), and a sweep it skips raises nothing. (Concurrent callers and
-- a clock held by a transaction left open: tests/isolation sweep_once.)
\set QUIET on
\o /dev/null

CREATE FUNCTION t.runs() RETURNS bigint
LANGUAGE sql AS $$ SELECT runs FROM casedesk.sweep_clock $$;
CREATE FUNCTION t.yellow_alarms() RETURNS bigint
LANGUAGE sql AS $$ SELECT count(*) FROM casedesk.escalation WHERE kind = 'yellow' $$;

SELECT runs AS r0 FROM casedesk.sweep_clock \gset

-- The first console to ask sweeps and records it; the others in the period
-- do not.
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep_due(10), 0, 'first ask: swept, nothing due');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.runs(), (:r0 + 1)::bigint, 'the sweep is recorded');
SELECT t.eq(last_run > now() - interval '1 minute', true, 'with its time') FROM casedesk.sweep_clock;

UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute' WHERE id = 1;
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(casedesk.sweep_due(10), 0, 'second console in the period: no sweep');
SET SESSION AUTHORIZATION sup;
SELECT t.eq(casedesk.sweep_due(10), 0, 'third console in the period: no sweep');
-- A check within the period only reads: no transaction id, nothing written
-- (hundreds of idle consoles ask every period).
BEGIN;
SELECT t.eq(casedesk.sweep_due(10), 0, 'fourth console in the period: no sweep');
SELECT t.eq(pg_current_xact_id_if_assigned() IS NULL, true, 'the check took no transaction id');
COMMIT;
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.runs(), (:r0 + 1)::bigint, 'still one run');
SELECT t.eq(t.yellow_alarms(), 0::bigint, 'item 1''s alarm waits for the next period');

-- A period later the next console to ask sweeps.
UPDATE casedesk.sweep_clock SET last_run = last_run - interval '10 seconds';
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(casedesk.sweep_due(10), 1, 'a period later: swept, item 1 yellow');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.runs(), (:r0 + 2)::bigint, 'two runs');
SELECT t.eq(t.yellow_alarms(), 1::bigint, 'one yellow alarm');

-- Nine tenths of a period is enough: consoles tick on the same grid, and a
-- sweep a moment early must not push the next one a whole period back.
UPDATE casedesk.sweep_clock SET last_run = clock_timestamp() - interval '9.5 seconds';
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep_due(10), 0, 'nearly a period later: swept');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.runs(), (:r0 + 3)::bigint, 'three runs');

-- The scheduled sweep (casedesk --sweep calls sweep()) counts as a run:
-- the consoles skip theirs.
UPDATE casedesk.sweep_clock SET last_run = last_run - interval '1 hour';
SET SESSION AUTHORIZATION sup;
SELECT t.eq(casedesk.sweep(), 0, 'the scheduled sweep');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep_due(10), 0, 'a console after it: no sweep');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.runs(), (:r0 + 4)::bigint, 'the scheduled sweep recorded, the console''s skipped');

-- A shorter period is each console's own setting; nonsense is a period of
-- a second, never a sweep on every call with no period at all.
UPDATE casedesk.sweep_clock SET last_run = clock_timestamp();
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep_due(0), 0, 'period 0: as 1 s');
SELECT t.eq(casedesk.sweep_due(NULL), 0, 'no period: as 10 s');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.runs(), (:r0 + 4)::bigint, 'neither swept right after a run');

-- Only staff: the clock is the schema's, not a user's.
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused($$UPDATE casedesk.sweep_clock SET last_run = now() + interval '1 year'$$, '42501',
                 'a reviewer moves the clock');
RESET SESSION AUTHORIZATION;
