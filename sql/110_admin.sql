-- Running a centre: the administrator's job role (casedesk_admin, job
-- 'admin'), the years of the working-day calendar that were loaded, and the
-- retired flag of knowledge-base entries. The functions behind
-- `casedesk admin` (staff, the calendar, the knowledge base) are in
-- sql/repeatable/90_admin.sql.
SET ROLE casedesk_owner;

-- == tables, types, indexes, data ==
RESET ROLE;
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'casedesk_admin') THEN
        CREATE ROLE casedesk_admin NOLOGIN;
    END IF;
END
$$;
GRANT casedesk_staff TO casedesk_admin;
-- The admin functions create logins and change their job roles; they run as
-- the owner, which never logs in.
ALTER ROLE casedesk_owner CREATEROLE;
-- Usable once this migration has committed (a new enum value cannot be used in
-- the transaction that adds it); only PL/pgSQL bodies (sql/repeatable/90_admin.sql)
-- name it.
ALTER TYPE casedesk.job ADD VALUE IF NOT EXISTS 'admin';
SET ROLE casedesk_owner;

-- The years whose schedule (holidays and make-up working days) has been
-- loaded. The calendar ends on 31 December of the last one: a limit counted
-- past it treats every weekday as worked.
CREATE TABLE casedesk.calendar_year (
    year        int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    imported_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    imported_by name NOT NULL
);
INSERT INTO casedesk.calendar_year (year, imported_by) VALUES
    (2025, 'casedesk'), (2026, 'casedesk');

-- An item type, matter type, department, category or escalation kind that
-- the knowledge base no longer lists but that history refers to is retired,
-- never deleted: it stays readable, and no new case uses it.
ALTER TABLE casedesk.item_type ADD COLUMN retired_at timestamptz;
ALTER TABLE casedesk.matter_type ADD COLUMN retired_at timestamptz;
