-- Cluster roles and the casedesk schema.
--
-- casedesk_owner owns every object and never logs in. The job roles carry the
-- privileges of a job; each person is a LOGIN role that is a member of one job
-- role and has a row in casedesk.staff. casedesk_staff is what every job shares
-- (reading reference data, asking who am I).
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['casedesk_owner', 'casedesk_staff', 'casedesk_reviewer',
                             'casedesk_supervisor', 'casedesk_oncall', 'casedesk_window']
    LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$$;

GRANT casedesk_staff TO casedesk_reviewer, casedesk_supervisor, casedesk_oncall, casedesk_window;

CREATE SCHEMA casedesk AUTHORIZATION casedesk_owner;
REVOKE ALL ON SCHEMA casedesk FROM PUBLIC;
GRANT USAGE ON SCHEMA casedesk TO casedesk_staff;

-- Functions are not callable by PUBLIC unless a later GRANT says so.
ALTER DEFAULT PRIVILEGES FOR ROLE casedesk_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE casedesk_owner REVOKE ALL ON TABLES FROM PUBLIC;
