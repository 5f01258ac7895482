-- Who may read what, and who may call which action.
--
-- Job roles read tables directly (the console's queries), filtered by
-- row-level security; they write nothing directly. The policies ask
-- casedesk.my_departments() / my_job() once per query (wrapped in a scalar
-- subquery) so that an index on the policy column can serve them.
--
-- Grants of the functions of a concern stay with them in their file; here
-- are the schema, the types, the tables and the action functions.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

REVOKE ALL ON SCHEMA casedesk FROM PUBLIC;

GRANT USAGE ON SCHEMA casedesk TO casedesk_staff;

-- Functions are not callable by PUBLIC unless a later GRANT says so.
ALTER DEFAULT PRIVILEGES FOR ROLE casedesk_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

ALTER DEFAULT PRIVILEGES FOR ROLE casedesk_owner REVOKE ALL ON TABLES FROM PUBLIC;

GRANT USAGE ON TYPE casedesk.limit_unit, casedesk.job, casedesk.item_status,
    casedesk.channel, casedesk.urgency TO casedesk_staff;

-- Reference data and the staff directory: readable by every job.
GRANT SELECT ON casedesk.department, casedesk.staff, casedesk.staff_department,
    casedesk.category, casedesk.item_type, casedesk.required_material,
    casedesk.rejection_reason, casedesk.matter_type, casedesk.matter_item,
    casedesk.matter_dependency, casedesk.escalation_kind, casedesk.setting
    TO casedesk_staff;

-- Case data: readable, row by row, as the policies below allow.
GRANT SELECT ON casedesk.applicant, casedesk.case_file, casedesk.case_item,
    casedesk.decision, casedesk.annotation, casedesk.escalation, casedesk.audit
    TO casedesk_staff;

GRANT EXECUTE ON FUNCTION casedesk.me(), casedesk.my_departments(), casedesk.my_job(),
    casedesk.display_name(name), casedesk.local_time_text(timestamptz),
    casedesk.credit_code_valid(text), casedesk.credit_code_check_char(text),
    casedesk.clean_text(text)
    TO casedesk_staff;

GRANT SELECT ON SEQUENCE casedesk.change_seq TO casedesk_staff;  -- last_value, to start following changes

GRANT EXECUTE ON FUNCTION casedesk.claim(bigint, int, uuid),
    casedesk.approve(bigint, int, uuid), casedesk.reject(bigint, int, uuid, text),
    casedesk.request_supplement(bigint, int, uuid, text[], text),
    casedesk.suspend(bigint, int, uuid, text)
    TO casedesk_reviewer;

GRANT EXECUTE ON FUNCTION casedesk.release(bigint, int, uuid) TO casedesk_reviewer, casedesk_supervisor;

GRANT EXECUTE ON FUNCTION casedesk.resume(bigint, int, uuid) TO casedesk_reviewer, casedesk_window;

GRANT EXECUTE ON FUNCTION casedesk.reassign(bigint, int, uuid, name) TO casedesk_supervisor;

GRANT EXECUTE ON FUNCTION casedesk.annotate(bigint, int, uuid, text) TO casedesk_staff;

GRANT EXECUTE ON FUNCTION casedesk.file_case(uuid, text, text, text, text, casedesk.channel),
    casedesk.file_case(uuid, text, text, text, text, casedesk.channel, int[], int[])
    TO casedesk_window, casedesk_supervisor;

GRANT EXECUTE ON FUNCTION casedesk.escalate(uuid, bigint, bigint, smallint, text)
    TO casedesk_window, casedesk_reviewer, casedesk_supervisor;

GRANT EXECUTE ON FUNCTION casedesk.acknowledge(bigint, int, uuid),
    casedesk.resolve(bigint, int, uuid, text),
    casedesk.hand_on(bigint, int, uuid, smallint, name, text)
    TO casedesk_oncall, casedesk_supervisor;

-- Items an on-call person may see: those behind escalations addressed to
-- them or their departments. PL/pgSQL for the reason my_job() is: the
-- policies call it in every statement. The departments are asked once:
-- called in the condition, my_departments() would run for every
-- escalation (seconds, with a few hundred thousand of them).
CREATE OR REPLACE FUNCTION casedesk.oncall_items() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    depts smallint[] := casedesk.my_departments();
BEGIN
    RETURN (SELECT coalesce(array_agg(DISTINCT e.item_id), '{}')
              FROM casedesk.escalation e
             WHERE e.item_id IS NOT NULL
               AND (e.addressee = session_user OR e.department_id = ANY (depts)));
END
$$;

GRANT EXECUTE ON FUNCTION casedesk.oncall_items() TO casedesk_staff;

-- Cases an on-call person may see: those behind escalations addressed to
-- them or their departments, also a window's question about a whole case.
CREATE OR REPLACE FUNCTION casedesk.oncall_cases() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    depts smallint[] := casedesk.my_departments();
BEGIN
    RETURN (SELECT coalesce(array_agg(DISTINCT e.case_id), '{}')
              FROM casedesk.escalation e
             WHERE e.addressee = session_user OR e.department_id = ANY (depts));
END
$$;

GRANT EXECUTE ON FUNCTION casedesk.oncall_cases() TO casedesk_staff;

ALTER TABLE casedesk.case_item ENABLE ROW LEVEL SECURITY;

ALTER TABLE casedesk.case_file ENABLE ROW LEVEL SECURITY;

ALTER TABLE casedesk.applicant ENABLE ROW LEVEL SECURITY;

ALTER TABLE casedesk.decision ENABLE ROW LEVEL SECURITY;

ALTER TABLE casedesk.annotation ENABLE ROW LEVEL SECURITY;

ALTER TABLE casedesk.escalation ENABLE ROW LEVEL SECURITY;

ALTER TABLE casedesk.audit ENABLE ROW LEVEL SECURITY;

-- Supervisors and window clerks see every item (a clerk tells applicants
-- where their matter stands); reviewers their departments' items; on-call
-- staff the items behind their escalations.
DROP POLICY IF EXISTS item_read ON casedesk.case_item;
CREATE POLICY item_read ON casedesk.case_item FOR SELECT TO casedesk_staff USING (
    (SELECT casedesk.my_job()) IN ('supervisor', 'window')
    OR ((SELECT casedesk.my_job()) = 'reviewer'
        AND department_id = ANY ((SELECT casedesk.my_departments())::smallint[]))
    OR ((SELECT casedesk.my_job()) = 'oncall'
        AND id = ANY ((SELECT casedesk.oncall_items())::bigint[]))
);

-- A case, its applicant, decisions, notes and audit rows are visible with
-- any of its visible items; to on-call staff, a case is also visible when an
-- escalation for them is about it.
DROP POLICY IF EXISTS case_read ON casedesk.case_file;
CREATE POLICY case_read ON casedesk.case_file FOR SELECT TO casedesk_staff USING (
    EXISTS (SELECT FROM casedesk.case_item ci WHERE ci.case_id = case_file.id)
    OR ((SELECT casedesk.my_job()) = 'oncall'
        AND id = ANY ((SELECT casedesk.oncall_cases())::bigint[]))
);

DROP POLICY IF EXISTS applicant_read ON casedesk.applicant;
CREATE POLICY applicant_read ON casedesk.applicant FOR SELECT TO casedesk_staff USING (
    EXISTS (SELECT FROM casedesk.case_file cf WHERE cf.applicant_id = applicant.id)
);

DROP POLICY IF EXISTS decision_read ON casedesk.decision;
CREATE POLICY decision_read ON casedesk.decision FOR SELECT TO casedesk_staff USING (
    EXISTS (SELECT FROM casedesk.case_item ci WHERE ci.id = decision.item_id)
);

DROP POLICY IF EXISTS annotation_read ON casedesk.annotation;
CREATE POLICY annotation_read ON casedesk.annotation FOR SELECT TO casedesk_staff USING (
    EXISTS (SELECT FROM casedesk.case_item ci WHERE ci.id = annotation.item_id)
);

-- Audit rows follow what the reader may see, never who the actor was: the
-- row of an escalation with the escalation (its question and answer are in
-- it), else the row of an item with the item, else a case's row with the
-- case. Supervisors see all. Staff no longer active see none.
DROP POLICY IF EXISTS audit_read ON casedesk.audit;
CREATE POLICY audit_read ON casedesk.audit FOR SELECT TO casedesk_staff USING (
    (SELECT casedesk.my_job()) = 'supervisor'
    OR (SELECT casedesk.my_job()) IS NOT NULL AND CASE WHEN escalation_id IS NOT NULL
                THEN EXISTS (SELECT FROM casedesk.escalation e WHERE e.id = audit.escalation_id)
            WHEN item_id IS NOT NULL
                THEN EXISTS (SELECT FROM casedesk.case_item ci WHERE ci.id = audit.item_id)
            ELSE EXISTS (SELECT FROM casedesk.case_file cf WHERE cf.id = audit.case_id) END
);

-- Escalations: on-call staff those addressed to them or their departments;
-- reviewers their departments'; window clerks those they raised;
-- supervisors all.
DROP POLICY IF EXISTS escalation_read ON casedesk.escalation;
CREATE POLICY escalation_read ON casedesk.escalation FOR SELECT TO casedesk_staff USING (
    (SELECT casedesk.my_job()) = 'supervisor'
    OR addressee = session_user
    OR raised_by = session_user
    OR ((SELECT casedesk.my_job()) IN ('oncall', 'reviewer')
        AND department_id = ANY ((SELECT casedesk.my_departments())::smallint[]))
);
