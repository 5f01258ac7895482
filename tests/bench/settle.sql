-- Brings freshly generated benchmark data to the state of a centre that has
-- been running: the sweep has raised the alarms that are due, on-call staff
-- have acknowledged them, and the figure deltas of the bulk insert are
-- folded. Otherwise the first console to sweep, and the first supervisor to
-- look, would pay for the whole load, and every console would reload on the
-- alarms' notifications during a measurement: a few business minutes after
-- they were raised, the sweeps would move every unanswered alarm up a level.
--
-- The acknowledgements are plain SQL, as the benchmark's setup (no audit
-- rows, no notifications): by the department's first on-call person, or a
-- supervisor where the department has none. Every open escalation still
-- waiting for an answer is taken, so that none goes unanswered during the
-- run. tests/bench/generate.sql keeps the items' yellow and due times out of
-- the next two hours, so no new alarm comes either; data generated hours
-- before the run has moved closer to its thresholds, so the open items
-- whose yellow or due time now falls in the next two hours are moved two
-- hours on first (all their times together, as a pause would).
--
-- It also adds benchrev, a reviewer in every department: the consoles,
-- psql, pspg and the load clients all act as benchrev, so that the queue they
-- page through holds every open item, not one department's share.
\set ON_ERROR_STOP 1
\timing on
UPDATE casedesk.case_item
   SET yellow_at = yellow_at + interval '2 hours', due_at = due_at + interval '2 hours',
       original_due_at = original_due_at + interval '2 hours'
 WHERE status IN ('pending', 'claimed')
   AND (yellow_at BETWEEN now() AND now() + interval '2 hours'
        OR due_at BETWEEN now() AND now() + interval '2 hours');
-- The sweep works in batches (setting.sweep_batch): run it until it finds
-- nothing more to raise.
DO $$
BEGIN
    WHILE casedesk.sweep() > 0 LOOP
    END LOOP;
END
$$;
UPDATE casedesk.escalation e
   SET acknowledged_by = coalesce(
           (SELECT s.login FROM casedesk.staff s
              JOIN casedesk.staff_department sd ON sd.login = s.login
             WHERE sd.department_id = e.department_id AND s.job = 'oncall' AND s.active
             ORDER BY s.login LIMIT 1),
           (SELECT s.login FROM casedesk.staff s
             WHERE s.job = 'supervisor' AND s.active ORDER BY s.login LIMIT 1)),
       acknowledged_at = now(), version = e.version + 1,
       change_seq = nextval('casedesk.change_seq')
 WHERE e.acknowledged_at IS NULL AND e.resolved_at IS NULL;
SELECT casedesk.fold_figures();
\timing off
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'benchrev') THEN
        CREATE ROLE benchrev LOGIN;
    END IF;
END
$$;
GRANT casedesk_reviewer TO benchrev;
INSERT INTO casedesk.staff (login, display_name, job) VALUES ('benchrev', '基准审核员', 'reviewer')
ON CONFLICT DO NOTHING;
INSERT INTO casedesk.staff_department (login, department_id)
SELECT 'benchrev', id FROM casedesk.department
ON CONFLICT DO NOTHING;
VACUUM ANALYZE;
