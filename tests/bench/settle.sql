-- Brings freshly generated benchmark data to the state of a centre that has
-- been running: the sweep has raised the alarms that are due and the figure
-- deltas of the bulk insert are folded. Otherwise the first console to
-- sweep, and the first supervisor to look, would pay for the whole load, and
-- every console would reload on the alarms' notifications during a
-- measurement.
--
-- It also adds benchrev, a reviewer in every department: the consoles,
-- psql, pspg and the load clients all act as benchrev, so that the queue they
-- page through holds every open item, not one department's share.
\set ON_ERROR_STOP 1
\timing on
SELECT casedesk.sweep();
SELECT casedesk.sweep();
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
