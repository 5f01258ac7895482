-- Escalation response compliance as kept counts: an escalation's outcome
-- through its life (running, missed before and after the sweep marks it,
-- voided by a hand-on, acknowledged in time or late, moved to another
-- department, deleted), each time the figures as a supervisor sees them,
-- the kept tables, and a rebuild agreeing. The clock is stood in for by
-- moving respond_by.
\set QUIET on
\o /dev/null

-- esc_total/esc_in_time of a department, as a supervisor sees them.
CREATE FUNCTION t.esc(dept smallint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    SET SESSION AUTHORIZATION sup;
    SELECT f.esc_total || '/' || f.esc_in_time INTO r
      FROM casedesk.supervisor_figures() f WHERE f.department_id = dept;
    RESET SESSION AUTHORIZATION;
    RETURN r;
END
$$;
-- What is kept (folded + unfolded) per department: in time/late/missed.
CREATE FUNCTION t.kept(dept smallint) RETURNS text
LANGUAGE sql AS $$
    SELECT coalesce(sum(in_time), 0) || '/' || coalesce(sum(late), 0) || '/' || coalesce(sum(missed), 0)
      FROM (SELECT department_id, in_time, late, missed FROM casedesk.escalation_day
            UNION ALL
            SELECT department_id, in_time, late, missed FROM casedesk.escalation_delta) x
     WHERE x.department_id = dept;
$$;
CREATE FUNCTION t.esc_version(id bigint) RETURNS int
LANGUAGE sql AS $$ SELECT version FROM casedesk.escalation WHERE escalation.id = $1; $$;

SELECT t.eq(t.esc(1::smallint), '0/0', 'nothing raised: nothing counted'),
       t.eq(t.kept(1::smallint), '0/0/0', 'nothing kept');

-------------------------------------------------------------------------------
-- A window clerk's question to department 1, about case 1.
SELECT t.act('win', 'SELECT casedesk.escalate(gen_random_uuid(), 1, NULL, 1::smallint, ''消防验收材料要求'')')::bigint
       AS q \gset
SELECT t.eq(t.esc(1::smallint), '0/0', 'running: in neither count'),
       t.eq(t.kept(1::smallint), '0/0/0', 'running: nothing kept');

-- Its limit passes unanswered. Before any sweep the figures count it all
-- the same (read through the lapse index); nothing is kept for it yet.
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE id = :q;
SELECT t.eq(t.esc(1::smallint), '1/0', 'lapsed, not yet swept: missed'),
       t.eq(t.kept(1::smallint), '0/0/0', 'lapsed, not yet swept: not kept'),
       t.eq((SELECT lapsed_at FROM casedesk.escalation WHERE id = :q), NULL::timestamptz,
            'lapsed, not yet swept: not marked');

-- The sweep marks it (and moves it up a level): now it is kept, and not
-- counted twice.
SELECT last_value AS seq_before FROM casedesk.change_seq \gset
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '1', 'the sweep moves it up');
SELECT t.eq(lapsed_at IS NOT NULL AND lapsed_at >= respond_by, true, 'swept: marked lapsed'),
       t.eq(escalated_at IS NOT NULL, true, 'swept: moved up')
  FROM casedesk.escalation WHERE id = :q;
SELECT id AS up FROM casedesk.escalation WHERE escalated_from = :q \gset
SELECT t.eq(t.esc(1::smallint), '1/0', 'swept: still one missed'),
       t.eq(t.kept(1::smallint), '0/0/1', 'swept: kept as missed');
-- Marking a lapse is bookkeeping: it moves no change number of its own (the
-- moved-up escalation takes two: the old row's and the new one's).
SELECT t.eq(last_value, :seq_before::bigint + 2, 'swept: two change numbers, both for moving it up')
  FROM casedesk.change_seq;
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '0', 'a second sweep: nothing'),
       t.eq(t.kept(1::smallint), '0/0/1', 'a second sweep: nothing kept twice');

-- Handed on to department 2: the clock restarts there, which voids the mark.
SELECT t.eq(t.act('sup', format('SELECT casedesk.hand_on(%s, %s, gen_random_uuid(), 2::smallint, NULL, %L)',
                                :q, t.esc_version(:q), '请交通运输局答复')) IS NOT NULL, true, 'handed on');
SELECT t.eq(t.esc(1::smallint), '0/0', 'handed on: department 1 no longer counts it'),
       t.eq(t.esc(2::smallint), '0/0', 'handed on: running in department 2'),
       t.eq(t.kept(1::smallint), '0/0/0', 'handed on: nothing kept for department 1'),
       t.eq(t.kept(2::smallint), '0/0/0', 'handed on: nothing kept for department 2 yet');

-- Department 2 acknowledges in time.
SELECT t.eq(t.act('sup', format('SELECT acknowledged_by FROM casedesk.acknowledge(%s, %s, gen_random_uuid())',
                                :q, t.esc_version(:q))), 'sup', 'acknowledged');
SELECT t.eq(t.esc(2::smallint), '1/1', 'acknowledged in time'),
       t.eq(t.kept(2::smallint), '1/0/0', 'kept as in time');

-- The moved-up one lapses too; the sweep marks it (it is at level 2 of 3,
-- so it moves up once more); then it is acknowledged late.
UPDATE casedesk.escalation SET respond_by = now() - interval '5 minutes' WHERE id = :up;
SELECT t.eq(t.esc(1::smallint), '1/0', 'moved-up one lapsed: missed');
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '1', 'the sweep moves it up again');
SELECT t.eq(t.kept(1::smallint), '0/0/1', 'moved-up one: kept as missed');
SELECT t.eq(t.act('oncall_a', format('SELECT acknowledged_by FROM casedesk.acknowledge(%s, %s, gen_random_uuid())',
                                     :up, t.esc_version(:up))), 'oncall_a', 'acknowledged late');
SELECT t.eq(t.esc(1::smallint), '1/0', 'acknowledged late: settled, not in time'),
       t.eq(t.kept(1::smallint), '0/1/0', 'kept as late, no longer missed');

-- A sweep alarm at the top level is not moved again, but still marked.
SELECT id AS top FROM casedesk.escalation WHERE escalated_from = :up \gset
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE id = :top;
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '0', 'top level: not moved');
SELECT t.eq(lapsed_at IS NOT NULL, true, 'top level: marked lapsed') FROM casedesk.escalation WHERE id = :top;
SELECT t.eq(t.esc(1::smallint), '2/0', 'top level: missed'),
       t.eq(t.kept(1::smallint), '0/1/1', 'top level: kept as missed');

-- Only the last 30 days count: one raised 31 days ago is kept, not shown.
INSERT INTO casedesk.escalation (item_id, case_id, department_id, kind, source, note, raised_by,
                                 raised_at, respond_by, acknowledged_by, acknowledged_at, change_seq)
VALUES (NULL, 1, 1, 'question', 'window', 'old', 'win', now() - interval '31 days',
        now() - interval '31 days' + interval '3 minutes', 'oncall_a',
        now() - interval '31 days' + interval '1 minute', 0)
RETURNING id AS old \gset
SELECT t.eq(t.kept(1::smallint), '1/1/1', 'the old one is kept'),
       t.eq(t.esc(1::smallint), '2/0', 'but outside the 30 days');

-------------------------------------------------------------------------------
-- Kept = counted from the rows, and = rebuilt.
CREATE FUNCTION t.counted() RETURNS text
LANGUAGE sql AS $$
    SELECT string_agg(format('%s', x), ' ' ORDER BY x)
      FROM (SELECT (e.raised_at AT TIME ZONE 'Asia/Shanghai')::date AS day, e.department_id,
                   cf.matter_type_id,
                   count(*) FILTER (WHERE e.acknowledged_at <= e.respond_by) AS in_time,
                   count(*) FILTER (WHERE e.acknowledged_at > e.respond_by) AS late,
                   count(*) FILTER (WHERE e.acknowledged_at IS NULL AND e.respond_by <= now()) AS missed
              FROM casedesk.escalation e JOIN casedesk.case_file cf ON cf.id = e.case_id
             GROUP BY 1, 2, 3
            HAVING count(*) FILTER (WHERE e.acknowledged_at IS NOT NULL OR e.respond_by <= now()) > 0) x;
$$;
CREATE FUNCTION t.kept_rows() RETURNS text
LANGUAGE sql AS $$
    SELECT string_agg(format('%s', x), ' ' ORDER BY x)
      FROM (SELECT day, department_id, matter_type_id, sum(in_time) AS in_time, sum(late) AS late,
                   sum(missed) AS missed
              FROM (SELECT * FROM casedesk.escalation_day UNION ALL SELECT * FROM casedesk.escalation_delta) k
             GROUP BY 1, 2, 3
            HAVING sum(in_time) + sum(late) + sum(missed) > 0) x;
$$;
SELECT t.eq(t.kept_rows(), t.counted(), 'kept = counted from the escalations');
SELECT t.kept_rows() AS kept \gset
SELECT casedesk.rebuild_figures();
SELECT t.eq((SELECT count(*) FROM casedesk.escalation_delta), 0::bigint, 'rebuilt: no deltas left'),
       t.eq(t.kept_rows(), :'kept', 'rebuilt = kept');

-- Folding moves the deltas and changes no figure.
SELECT t.esc(1::smallint) AS before_fold \gset
UPDATE casedesk.escalation SET acknowledged_by = 'oncall_a', acknowledged_at = respond_by WHERE id = :top;
SELECT t.eq((SELECT count(*) FROM casedesk.escalation_delta) > 0, true, 'a change leaves deltas');
SELECT t.eq(casedesk.fold_figures() > 0, true, 'fold moves them');
SELECT t.eq((SELECT count(*) FROM casedesk.escalation_delta), 0::bigint, 'none left'),
       t.eq(t.esc(1::smallint), '2/1', 'the top-level one now in time'),
       t.eq(t.kept_rows(), t.counted(), 'still kept = counted');

-- A deleted escalation (an administrator's clean-up) leaves the counts.
DELETE FROM casedesk.escalation WHERE id = :old;
SELECT t.eq(t.kept(1::smallint), '1/1/0', 'deleted: gone from the kept counts'),
       t.eq(t.kept_rows(), t.counted(), 'deleted: kept = counted');
