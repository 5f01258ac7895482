-- A decided item's alarms close with it: its yellow and red alarms and the
-- escalations moved up from them are resolved by the decision, each with an
-- audit row and a new change number; a question about the item, and other
-- items' alarms, stay open; the sweep moves nothing about a decided item.
\set QUIET on
\o /dev/null

-- Item 1: yellow, then red; the red one goes unanswered and is moved up.
UPDATE casedesk.case_item SET yellow_at = now() - interval '2 hours' WHERE id IN (1, 3);
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '2', 'yellow for items 1 and 3');
UPDATE casedesk.case_item SET due_at = now() - interval '1 minute' WHERE id = 1;
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '1', 'red for item 1');
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE item_id = 1 AND kind = 'red';
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '1', 'the red alarm moved up');
SELECT id AS y1 FROM casedesk.escalation WHERE item_id = 1 AND kind = 'yellow' \gset
SELECT id AS r1 FROM casedesk.escalation WHERE item_id = 1 AND kind = 'red' \gset
SELECT id AS u1 FROM casedesk.escalation WHERE item_id = 1 AND kind = 'unanswered' \gset
SELECT id AS y3 FROM casedesk.escalation WHERE item_id = 3 AND kind = 'yellow' \gset
-- And a clerk's question about item 1.
SELECT t.act('win', 'SELECT casedesk.escalate(gen_random_uuid(), NULL, 1, NULL, ''何时能办结？'')')::bigint
       AS q1 \gset
SELECT max(change_seq) AS seq0 FROM casedesk.escalation \gset

-- rev_a approves item 1.
SELECT t.play(1, 'rev_a', 'claim', 'approve');
SELECT decided_at AS decided FROM casedesk.case_item WHERE id = 1 \gset

SELECT t.eq(array_agg(id ORDER BY id), ARRAY[:y1, :r1, :u1]::bigint[], 'the alarms of item 1 are closed')
  FROM casedesk.escalation WHERE item_id = 1 AND resolved_at IS NOT NULL;
SELECT t.eq(e.resolved_by, 'rev_a'::name, format('%s: resolved by who decided', e.kind)),
       t.eq(e.resolved_at, :'decided'::timestamptz, format('%s: when the item was decided', e.kind)),
       t.eq(e.acknowledged_by, 'rev_a'::name, format('%s: the decision acknowledges it', e.kind)),
       t.eq(e.acknowledged_at, :'decided'::timestamptz, format('%s: at the decision', e.kind)),
       t.eq(e.resolution, '事项已办结（准予许可），督办自动关闭', format('%s: why', e.kind)),
       t.eq(e.version, 2, format('%s: a new version', e.kind)),
       t.eq(e.change_seq > :seq0, true, format('%s: a new change number', e.kind))
  FROM casedesk.escalation e WHERE e.id IN (:y1, :r1, :u1);
SELECT t.eq(count(*), 3::bigint, 'one audit row per closed alarm'),
       t.eq(bool_and(actor = 'rev_a' AND after ->> 'resolved_by' = 'rev_a'), true, 'audit: actor and row')
  FROM casedesk.audit WHERE action = 'alarm_closed';
SELECT t.eq((SELECT resolved_at FROM casedesk.escalation WHERE id = :q1), NULL::timestamptz,
            'the question about item 1 stays open'),
       t.eq((SELECT resolved_at FROM casedesk.escalation WHERE id = :y3), NULL::timestamptz,
            'item 3''s alarm stays open');

-- Compliance: the yellow alarm (respond_by still ahead) answered in time,
-- the red one (lapsed) and the moved-up one late or in time by their limits.
SELECT t.eq(casedesk.escalation_outcome(acknowledged_at, respond_by, lapsed_at), 'in_time', 'yellow: in time')
  FROM casedesk.escalation WHERE id = :y1;
SELECT t.eq(casedesk.escalation_outcome(acknowledged_at, respond_by, lapsed_at), 'late', 'red: late')
  FROM casedesk.escalation WHERE id = :r1;

-- Nothing is left for the sweep to move up about item 1.
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE id = :u1;
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '0', 'the sweep leaves the closed alarms alone');

-- A rejection closes them too; a claim, a release or a pause does not.
SELECT t.play(3, 'rev_a', 'claim', 'release');
SELECT t.eq((SELECT resolved_at FROM casedesk.escalation WHERE id = :y3), NULL::timestamptz,
            'claimed and released: still open');
SELECT t.play(3, 'rev_a', 'claim', 'reject');
SELECT t.eq(resolution, '事项已办结（不予许可），督办自动关闭', 'rejected: closed')
  FROM casedesk.escalation WHERE id = :y3;
