-- The console's meters (casedesk.my_meters(): "open yellow red paused mine
-- decided on_time") for each job's scope, as items move: claimed, paused,
-- alarmed, decided; read by who would see them.
--
-- Fixture: department 1 has items 1 and 3 open (item 4 waits, in no count),
-- department 2 item 2. rev_a reviews 1, rev_c 2, rev_ab both; oncall_a is
-- on call for 1; sup and win see the whole centre.
\set QUIET on
\o /dev/null

CREATE FUNCTION t.meters(who name) RETURNS text
LANGUAGE sql AS $$ SELECT t.act(who, 'SELECT casedesk.my_meters()'); $$;

SELECT t.eq(t.meters('rev_a'), '2 0 0 0 0 0 0', 'rev_a: department 1 at the start');
SELECT t.eq(t.meters('rev_c'), '1 0 0 0 0 0 0', 'rev_c: department 2 at the start');
SELECT t.eq(t.meters('rev_ab'), '3 0 0 0 0 0 0', 'rev_ab: both departments');
SELECT t.eq(t.meters('oncall_a'), '2 0 0 0 0 0 0', 'oncall_a: the department on call for');
SELECT t.eq(t.meters('sup'), '3 0 0 0 0 0 0', 'sup: every department');
SELECT t.eq(t.meters('win'), '3 0 0 0 0 0 0', 'win: every department');

-- Claimed by me: the claimer's alone, and only while claimed.
SELECT t.play(1, 'rev_a', 'claim');
SELECT t.eq(t.meters('rev_a'), '2 0 0 0 1 0 0', 'rev_a claimed item 1');
SELECT t.eq(t.meters('rev_b'), '2 0 0 0 0 0 0', 'rev_b: not theirs');

-- Paused: still open, in the paused count.
SELECT t.play(3, 'rev_b', 'claim', 'supplement');
SELECT t.eq(t.meters('rev_b'), '2 0 0 1 0 0 0', 'item 3 paused');

-- Alarms as the sweep marks them (an administrator's update keeps the
-- figures through the same triggers).
UPDATE casedesk.case_item SET alarm_level = 2 WHERE id = 2;
SELECT t.eq(t.meters('rev_c'), '1 0 1 0 0 0 0', 'item 2 red');
SELECT t.eq(t.meters('rev_a'), '2 0 0 1 1 0 0', 'rev_a: department 2 red is not theirs');
SELECT t.eq(t.meters('sup'), '3 0 1 1 0 0 0', 'sup sees it');

-- Decided today, on time: out of the open count and of mine, into today's.
SELECT t.play(1, 'rev_a', 'approve');
SELECT t.eq(t.meters('rev_a'), '1 0 0 1 0 1 1', 'rev_a approved item 1 on time');
SELECT t.eq(t.meters('rev_c'), '1 0 1 0 0 0 0', 'rev_c: not their department');

-- Late: decided after its due time, counted but not on time.
UPDATE casedesk.case_item SET due_at = now() - interval '1 hour' WHERE id = 2;
SELECT t.play(2, 'rev_c', 'claim', 'reject');
SELECT t.eq(t.meters('rev_c'), '0 0 0 0 0 1 0', 'rev_c rejected item 2 late');
SELECT t.eq(t.meters('sup'), '1 0 0 1 0 2 1', 'sup: two decided, one on time');

-- Folded or not, the same figures.
SELECT casedesk.fold_figures();
SELECT t.eq(t.meters('sup'), '1 0 0 1 0 2 1', 'sup after a fold');

-- Only staff.
SELECT t.eq(t.raises($$SELECT t.act('nobody', 'SELECT casedesk.my_meters()')$$, '42501',
                     'nobody reads meters') IS NOT NULL, true, 'not staff: refused');
