-- The maintained figures follow every way an item moves: through the action
-- functions, the sweep, an administrator's correction, a move to another
-- department, an undone decision, a delete, a bulk insert. After each step
-- the kept counts must equal a count over case_item made here from first
-- principles, and the open counts must read as worked out by hand. Folding
-- moves the deltas without changing a figure; a rebuild from scratch gives
-- what the triggers kept.
--
-- Fixture: case 1 (M1) items 1 (T1, d1), 2 (T2, d2); case 2 (M2) items 3
-- (T1, d1), 4 (T3, d1, waiting for item 3).
\set QUIET on
\o /dev/null

-- Open counts as kept (base + unfolded deltas), non-empty keys only:
-- "dDEPT/MMATTER green/yellow/red/paused".
CREATE FUNCTION t.kept() RETURNS text
LANGUAGE sql AS $$
    SELECT coalesce(string_agg(format('d%s/M%s %s/%s/%s/%s', department_id, matter_type_id, g, y, r, p),
                               ', ' ORDER BY department_id, matter_type_id), '')
      FROM (SELECT department_id, matter_type_id, sum(green) g, sum(yellow) y, sum(red) r, sum(paused) p
              FROM (SELECT department_id, matter_type_id, green, yellow, red, paused FROM casedesk.open_count
                    UNION ALL
                    SELECT department_id, matter_type_id, green, yellow, red, paused FROM casedesk.figure_delta) x
             GROUP BY 1, 2) s
     WHERE g <> 0 OR y <> 0 OR r <> 0 OR p <> 0;
$$;

-- The same counted over the items.
CREATE FUNCTION t.counted() RETURNS text
LANGUAGE sql AS $$
    SELECT coalesce(string_agg(format('d%s/M%s %s/%s/%s/%s', department_id, matter_type_id, g, y, r, p),
                               ', ' ORDER BY department_id, matter_type_id), '')
      FROM (SELECT ci.department_id, cf.matter_type_id,
                   count(*) FILTER (WHERE ci.status IN ('pending', 'claimed') AND ci.alarm_level = 0) g,
                   count(*) FILTER (WHERE ci.status IN ('pending', 'claimed') AND ci.alarm_level = 1) y,
                   count(*) FILTER (WHERE ci.status IN ('pending', 'claimed') AND ci.alarm_level = 2) r,
                   count(*) FILTER (WHERE ci.status IN ('supplement', 'suspended')) p
              FROM casedesk.case_item ci JOIN casedesk.case_file cf ON cf.id = ci.case_id
             GROUP BY 1, 2) s
     WHERE g <> 0 OR y <> 0 OR r <> 0 OR p <> 0;
$$;

-- Decisions per day as kept: "day dDEPT/MMATTER approved/rejected/on time/first pass/minutes".
CREATE FUNCTION t.kept_days() RETURNS text
LANGUAGE sql AS $$
    SELECT coalesce(string_agg(format('%s d%s/M%s %s/%s/%s/%s/%s', day, department_id, matter_type_id,
                                      a, r, o, f, m), ', ' ORDER BY day, department_id, matter_type_id), '')
      FROM (SELECT day, department_id, matter_type_id, sum(approved) a, sum(rejected) r, sum(on_time) o,
                   sum(first_pass) f, sum(minutes) m
              FROM (SELECT day, department_id, matter_type_id, approved, rejected, on_time, first_pass,
                           decision_minutes_total AS minutes FROM casedesk.decision_day
                    UNION ALL
                    SELECT day, department_id, matter_type_id, approved, rejected, on_time, first_pass, minutes
                      FROM casedesk.figure_delta WHERE day IS NOT NULL) x
             GROUP BY 1, 2, 3) s
     WHERE a <> 0 OR r <> 0;
$$;

-- The same worked out from the items and their decision rows.
CREATE FUNCTION t.counted_days() RETURNS text
LANGUAGE sql AS $$
    SELECT coalesce(string_agg(format('%s d%s/M%s %s/%s/%s/%s/%s', day, department_id, matter_type_id,
                                      a, r, o, f, m), ', ' ORDER BY day, department_id, matter_type_id), '')
      FROM (SELECT (ci.decided_at AT TIME ZONE 'Asia/Shanghai')::date AS day, ci.department_id,
                   cf.matter_type_id,
                   count(*) FILTER (WHERE ci.status = 'approved') a,
                   count(*) FILTER (WHERE ci.status = 'rejected') r,
                   count(*) FILTER (WHERE ci.decided_at <= ci.due_at) o,
                   count(*) FILTER (WHERE ci.status = 'approved' AND NOT EXISTS (
                       SELECT FROM casedesk.decision d
                        WHERE d.item_id = ci.id AND d.kind IN ('reject', 'supplement'))) f,
                   sum(greatest(casedesk.working_minutes_between(ci.entered_at, ci.decided_at)
                                - ci.paused_minutes, 0)) m
              FROM casedesk.case_item ci JOIN casedesk.case_file cf ON cf.id = ci.case_id
             WHERE ci.status IN ('approved', 'rejected')
             GROUP BY 1, 2, 3) s;
$$;

-- Kept equals counted, for the open counts, the days and the per-item facts;
-- returns the open counts for a worked-out comparison.
CREATE FUNCTION t.check(label text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM t.eq(t.kept(), t.counted(), label || ': open counts'),
            t.eq(t.kept_days(), t.counted_days(), label || ': decisions per day'),
            t.eq((SELECT array_agg(item_id ORDER BY item_id) FROM casedesk.decided_item),
                 (SELECT array_agg(id ORDER BY id) FROM casedesk.case_item
                   WHERE status IN ('approved', 'rejected')),
                 label || ': one fact row per decided item');
    RETURN t.kept();
END
$$;

CREATE FUNCTION t.deltas() RETURNS bigint
LANGUAGE sql AS $$ SELECT count(*) FROM casedesk.figure_delta; $$;

CREATE FUNCTION t.figures() RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    SET SESSION AUTHORIZATION sup;
    SELECT string_agg(format('%s', (f.department_id, f.open, f.yellow, f.red, f.paused, f.done_today,
                                    f.done_7d, f.done_30d, f.on_time_rate, f.first_pass_rate,
                                    f.median_minutes, f.esc_total, f.esc_in_time)), ' ')
      INTO r FROM casedesk.supervisor_figures() f;
    RESET SESSION AUTHORIZATION;
    RETURN r;
END
$$;

-------------------------------------------------------------------------------
-- The fixture as filed: three green items; item 4 waits and is not counted.
SELECT t.eq(t.check('fixture'), 'd1/M1 1/0/0/0, d1/M2 1/0/0/0, d2/M1 1/0/0/0', 'fixture: counts');

-- Claim, release, claim again, annotate: the item stays green and nothing is
-- written for the figures.
SELECT t.deltas() AS n0 \gset
SELECT t.play(1, 'rev_a', 'claim', 'release', 'claim', 'annotate');
SELECT t.eq(t.deltas(), :n0::bigint, 'claim, release, annotate: no delta rows');
SELECT t.eq(t.check('claimed'), 'd1/M1 1/0/0/0, d1/M2 1/0/0/0, d2/M1 1/0/0/0', 'claimed: counts');

-- 补正 pauses item 1; the window receives the material and it runs again.
SELECT t.play(1, 'rev_a', 'supplement');
SELECT t.eq(t.check('supplement'), 'd1/M1 0/0/0/1, d1/M2 1/0/0/0, d2/M1 1/0/0/0', 'supplement: paused');
SELECT t.play(1, 'win', 'resume');
SELECT t.eq(t.check('resume'), 'd1/M1 1/0/0/0, d1/M2 1/0/0/0, d2/M1 1/0/0/0', 'resume: green again');

-- Item 3 crosses yellow_at: counted green until a sweep marks it (the lag
-- the figures document), then yellow; past due, red.
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute' WHERE id = 3;
SELECT t.eq(t.check('yellow, not swept'), 'd1/M1 1/0/0/0, d1/M2 1/0/0/0, d2/M1 1/0/0/0',
            'yellow before the sweep: still green');
SELECT t.act('sup', 'SELECT casedesk.sweep()');
SELECT t.eq(t.check('yellow'), 'd1/M1 1/0/0/0, d1/M2 0/1/0/0, d2/M1 1/0/0/0', 'yellow after the sweep');
UPDATE casedesk.case_item SET due_at = now() - interval '1 minute' WHERE id = 3;
SELECT t.act('sup', 'SELECT casedesk.sweep()');
SELECT t.eq(t.check('red'), 'd1/M1 1/0/0/0, d1/M2 0/0/1/0, d2/M1 1/0/0/0', 'red after the sweep');

-- A red item paused is paused; resumed, red again (the marker survives).
SELECT t.play(3, 'rev_a', 'claim', 'suspend');
SELECT t.eq(t.check('red, suspended'), 'd1/M1 1/0/0/0, d1/M2 0/0/0/1, d2/M1 1/0/0/0', 'suspended: paused');
SELECT t.play(3, 'rev_a', 'resume');
SELECT t.eq(t.check('red, resumed'), 'd1/M1 1/0/0/0, d1/M2 0/0/1/0, d2/M1 1/0/0/0', 'resumed: red');

-- Approving item 3 ends it and lets item 4 in: d1/M2 loses a red, gains a green.
SELECT t.play(3, 'rev_a', 'approve');
SELECT t.eq(t.check('approve 3'), 'd1/M1 1/0/0/0, d1/M2 1/0/0/0, d2/M1 1/0/0/0', 'approve 3: item 4 in');
SELECT t.eq((SELECT (approved, on_time, first_pass) FROM casedesk.decided_item WHERE item_id = 3)::text,
            '(t,f,t)', 'item 3: approved, late, first pass (a suspension is no failed pass)');
SELECT t.play(1, 'rev_a', 'approve');
SELECT t.play(2, 'rev_c', 'claim', 'reject');
SELECT t.eq(t.check('decided'), 'd1/M2 1/0/0/0', 'items 1 and 2 decided: only item 4 open');
SELECT t.eq((SELECT (approved, on_time, first_pass) FROM casedesk.decided_item WHERE item_id = 1)::text,
            '(t,t,f)', 'item 1: approved on time, not first pass (补正)');
SELECT t.eq((SELECT (approved, on_time, first_pass) FROM casedesk.decided_item WHERE item_id = 2)::text,
            '(f,t,f)', 'item 2: rejected');

-------------------------------------------------------------------------------
-- Folding: the deltas go, the figures stay.
SELECT t.eq(t.deltas() > 0, true, 'deltas before the fold');
SELECT t.kept() AS kept0, t.kept_days() AS days0 \gset
SELECT t.figures() AS fig0 \gset
SELECT t.eq(t.deltas(), 0::bigint, 'supervisor_figures folded the deltas');
SELECT t.eq(t.kept(), :'kept0', 'fold: open counts unchanged'),
       t.eq(t.kept_days(), :'days0', 'fold: days unchanged'),
       t.eq(t.figures(), :'fig0', 'fold: figures unchanged');
SELECT t.eq((SELECT count(*) FROM casedesk.figure_delta WHERE day IS NULL), 0::bigint, 'nothing left');
-- Read-only (a standby, a read-only console): no fold, same figures.
SELECT t.play(4, 'rev_a', 'claim', 'supplement');
SELECT t.deltas() AS n1 \gset
BEGIN READ ONLY;
SELECT t.figures() AS fig1 \gset
SELECT t.eq(t.deltas(), :n1::bigint, 'read-only: nothing folded');
ROLLBACK;
SELECT t.eq(t.figures(), :'fig1', 'read-only: the same figures as after a fold'),
       t.eq(t.deltas(), 0::bigint, 'folded now');

-------------------------------------------------------------------------------
-- An administrator dates a decision back three days: it moves from today to
-- that day.
UPDATE casedesk.case_item SET decided_at = decided_at - interval '3 days' WHERE id = 1;
SELECT t.check('decision dated back');
SELECT t.eq((SELECT decided_day FROM casedesk.decided_item WHERE item_id = 1),
            casedesk.centre_today() - 3, 'item 1 decided three days ago');
-- ... or moves the due time: on time no longer.
UPDATE casedesk.case_item SET due_at = decided_at - interval '1 minute' WHERE id = 1;
SELECT t.check('due moved');
SELECT t.eq((SELECT on_time FROM casedesk.decided_item WHERE item_id = 1), false, 'item 1 late now');

-- Item 4 moves to department 3.
UPDATE casedesk.case_item SET department_id = 3 WHERE id = 4;
SELECT t.eq(t.check('moved'), 'd3/M2 0/0/0/1', 'item 4 counted for department 3');

-- A decision undone (as the isolation teardown does it): open again.
UPDATE casedesk.case_item SET status = 'pending', decided_at = NULL, decided_by = NULL, assignee = NULL,
       claim_expires = NULL
 WHERE id = 2;
SELECT t.eq(t.check('undone'), 'd2/M1 1/0/0/0, d3/M2 0/0/0/1', 'item 2 open again');
SELECT t.eq((SELECT count(*) FROM casedesk.decided_item WHERE item_id = 2), 0::bigint, 'item 2 fact gone');

-- A filed case removed again.
SELECT t.act('win', $$SELECT casedesk.file_case(gen_random_uuid(), 'M1', '91350100M000100Y43', '福建某建设有限公司', '', 'window')$$) AS c3 \gset
SELECT t.eq(t.check('filed'), 'd1/M1 1/0/0/0, d2/M1 2/0/0/0, d3/M2 0/0/0/1', 'case filed');
DELETE FROM casedesk.case_item WHERE case_id = :c3;
SELECT t.eq(t.check('deleted'), 'd2/M1 1/0/0/0, d3/M2 0/0/0/1', 'its items deleted');

-- A bulk insert straight into case_item, decided and open items mixed, one
-- case each.
INSERT INTO casedesk.case_file (case_no, matter_type_id, applicant_id, project_name, tracking_code,
                                channel, received_at, change_seq)
SELECT 'BULK-' || g, 1, 1, '', 'bulk-' || g, 'online', now(), 0 FROM generate_series(1, 4) g;
INSERT INTO casedesk.case_item (case_id, item_type_id, department_id, status, assignee, claim_expires,
                                entered_at, due_at, yellow_at, paused_at, decided_at, decided_by,
                                alarm_level, change_seq)
SELECT c.id, 1, 1, s.status, s.assignee, s.claim_expires, now() - interval '2 days',
       now() + s.due, now() - interval '1 day', s.paused_at, s.decided_at, s.decided_by, s.alarm, 0
  FROM casedesk.case_file c,
       (VALUES (1, 'approved'::casedesk.item_status, NULL::name, NULL::timestamptz, interval '1 day',
                NULL::timestamptz, now() - interval '1 hour', 'rev_a'::name, 0::smallint),
               (2, 'rejected', NULL, NULL, interval '-1 day', NULL, now() - interval '1 hour', 'rev_a', 2),
               (3, 'supplement', NULL, NULL, interval '1 day', now() - interval '1 hour', NULL, NULL, 0),
               (4, 'claimed', 'rev_a', now() + interval '1 hour', interval '1 day', NULL, NULL, NULL, 1))
           s(n, status, assignee, claim_expires, due, paused_at, decided_at, decided_by, alarm)
 WHERE c.case_no = 'BULK-' || s.n;
SELECT t.eq(t.check('bulk insert'), 'd1/M1 0/1/0/1, d2/M1 1/0/0/0, d3/M2 0/0/0/1', 'bulk insert: counts');

-------------------------------------------------------------------------------
-- A rebuild from the items (what the migration does for existing rows)
-- gives exactly what the triggers kept.
SELECT t.kept() AS kept2, t.kept_days() AS days2 \gset
SELECT string_agg(format('%s', d), ' ' ORDER BY item_id) AS facts2 FROM casedesk.decided_item d \gset
SELECT casedesk.rebuild_figures();
SELECT t.eq(t.deltas(), 0::bigint, 'rebuild: no deltas'),
       t.eq(t.kept(), :'kept2', 'rebuild: the same open counts'),
       t.eq(t.kept_days(), :'days2', 'rebuild: the same days'),
       t.eq((SELECT string_agg(format('%s', d), ' ' ORDER BY item_id) FROM casedesk.decided_item d),
            :'facts2', 'rebuild: the same facts');
SELECT t.check('rebuilt');
