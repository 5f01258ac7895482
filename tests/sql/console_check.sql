-- A console's periodic check (casedesk.console_check): the newest item and
-- escalation changes the caller may see, under row-level security, the
-- sweep only when a period is given and due, and the meters only when asked
-- for. A check that finds nothing new only reads.
\set QUIET on
\o /dev/null

CREATE FUNCTION t.runs() RETURNS bigint
LANGUAGE sql AS $$ SELECT runs FROM casedesk.sweep_clock $$;

SELECT max(change_seq) AS seen FROM casedesk.case_item \gset
SELECT runs AS r0 FROM casedesk.sweep_clock \gset
UPDATE casedesk.sweep_clock SET last_run = clock_timestamp();

-- Nothing newer: the numbers given come back, and nothing is written.
SET SESSION AUTHORIZATION rev_a;
BEGIN;
SELECT t.eq(c.item_seq, :seen::bigint, 'nothing new: the item number given')
  FROM casedesk.console_check(:seen, :seen, 10, false) c;
SELECT t.eq(c.escalation_seq, :seen::bigint, 'nothing new: the escalation number given')
  FROM casedesk.console_check(:seen, :seen, NULL, false) c;
SELECT t.eq(c.meters, NULL, 'meters not asked for: none') FROM casedesk.console_check(:seen, :seen, NULL, false) c;
SELECT t.eq(c.meters, casedesk.my_meters(), 'meters asked for: the caller''s')
  FROM casedesk.console_check(:seen, :seen, NULL, true) c;
SELECT t.eq(pg_current_xact_id_if_assigned() IS NULL, true, 'the check took no transaction id');
COMMIT;
RESET SESSION AUTHORIZATION;

-- A change in department 2: rev_c and the supervisor see it, rev_a (of 1)
-- does not, and is not made to fetch.
SELECT id AS d2 FROM casedesk.case_item WHERE department_id = 2 ORDER BY id LIMIT 1 \gset
UPDATE casedesk.case_item SET change_seq = nextval('casedesk.change_seq') WHERE id = :d2
RETURNING change_seq AS d2_seq \gset
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(c.item_seq, :seen::bigint, 'another department''s change: not rev_a''s')
  FROM casedesk.console_check(:seen, :seen, NULL, false) c;
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(c.item_seq, :d2_seq::bigint, 'rev_c sees department 2''s change')
  FROM casedesk.console_check(:seen, :seen, NULL, false) c;
SET SESSION AUTHORIZATION sup;
SELECT t.eq(c.item_seq, :d2_seq::bigint, 'the supervisor sees every department''s')
  FROM casedesk.console_check(:seen, :seen, NULL, false) c;
SELECT t.eq(c.item_seq, :d2_seq::bigint, 'a newer number given comes back as given')
  FROM casedesk.console_check(:d2_seq, :seen, NULL, false) c;
RESET SESSION AUTHORIZATION;

-- The sweep: not without a period, not within one, and when one is over;
-- it folds the kept figures' deltas (a yellow marker makes one).
UPDATE casedesk.case_item SET alarm_level = 1 WHERE id = :d2 AND status IN ('pending', 'claimed');
SELECT t.eq(count(*) > 0, true, 'a figure delta waits') FROM casedesk.figure_delta;
UPDATE casedesk.sweep_clock SET last_run = clock_timestamp() - interval '1 hour', sweeper = NULL;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(c.swept, 0, 'no period: no sweep') FROM casedesk.console_check(:seen, :seen, NULL, false) c;
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.runs(), :r0::bigint, 'no period: nothing recorded');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(c.swept, 0, 'a period over: swept, nothing due') FROM casedesk.console_check(:seen, :seen, 10, false) c;
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.runs(), (:r0 + 1)::bigint, 'the sweep recorded');
SELECT t.eq(sweeper, pg_backend_pid(), 'this backend sweeps for the centre') FROM casedesk.sweep_clock;
SELECT t.eq(count(*), 0::bigint, 'the sweep folded the deltas') FROM casedesk.figure_delta;

-- Whether the caller sweeps: asked with a period only; true for the backend
-- recorded, within the period too (the console keeps its pace), and false
-- once another backend is recorded.
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(c.sweeper, NULL, 'no period: not said') FROM casedesk.console_check(:seen, :seen, NULL, false) c;
SELECT t.eq(c.swept::text || ' ' || c.sweeper::text, '0 true', 'within the period: not swept, still the sweeper')
  FROM casedesk.console_check(:seen, :seen, 10, false) c;
RESET SESSION AUTHORIZATION;
UPDATE casedesk.sweep_clock SET sweeper = pg_backend_pid() + 1;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(c.sweeper, false, 'another backend recorded: not the sweeper')
  FROM casedesk.console_check(:seen, :seen, 10, false) c;
RESET SESSION AUTHORIZATION;
