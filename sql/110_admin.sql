-- Running a centre: the administrator's job role and the functions behind
-- `casedesk admin` (staff, the working-day calendar, the knowledge base).
--
-- Every function here is SECURITY DEFINER, executable only by casedesk_admin
-- (and superusers), checks session_user itself, writes audit rows with the
-- administrator as actor, and raises a SQLSTATE with words on bad input:
--   42501  not an administrator, or a login that may not become staff
--   P0002  no such staff member or department
--   22023  bad input (login, name, job, dates)
--   23505  already staff / a date twice
--   55000  the staff member is disabled
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
-- The functions below create logins and change their job roles; they run as
-- the owner, which never logs in.
ALTER ROLE casedesk_owner CREATEROLE;
-- Usable once this migration has committed (a new enum value cannot be used in
-- the transaction that adds it); only PL/pgSQL bodies below name it.
ALTER TYPE casedesk.job ADD VALUE IF NOT EXISTS 'admin';
SET ROLE casedesk_owner;

-- The years whose schedule (holidays and make-up working days) has been
-- loaded. The calendar ends on 31 December of the last one: a limit counted
-- past it treats every weekday as worked.
CREATE TABLE casedesk.calendar_year (
    year        int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    imported_at timestamptz NOT NULL DEFAULT now(),
    imported_by name NOT NULL
);
INSERT INTO casedesk.calendar_year (year, imported_by) VALUES
    (2025, 'casedesk'), (2026, 'casedesk');

-- An item type, matter type, department, category or escalation kind that
-- the knowledge base no longer lists but that history refers to is retired,
-- never deleted: it stays readable, and no new case uses it.
ALTER TABLE casedesk.item_type ADD COLUMN retired_at timestamptz;
ALTER TABLE casedesk.matter_type ADD COLUMN retired_at timestamptz;

-- == functions, views, triggers, policies, grants ==
SET ROLE casedesk_owner;

-- Raises 42501 unless the caller is a superuser or an active administrator.
-- A superuser needs no staff row: the first administrator is added by one.
CREATE OR REPLACE FUNCTION casedesk.admin_require() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = session_user AND rolsuper) THEN
        RETURN;
    END IF;
    IF NOT pg_catalog.pg_has_role(session_user, 'casedesk_admin', 'MEMBER')
       OR EXISTS (SELECT FROM casedesk.staff WHERE login = session_user AND NOT active) THEN
        RAISE EXCEPTION 'login % is not a casedesk administrator', session_user
            USING ERRCODE = '42501';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION casedesk.admin_audit(act text, before jsonb, after jsonb)
RETURNS void
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO casedesk.audit (actor, action, before, after)
    VALUES (session_user, act, before, after);
$$;

CREATE OR REPLACE FUNCTION casedesk.job_role(j text) RETURNS name
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT ('casedesk_' || j)::name;
$$;

-- A staff member as the audit trail records it.
CREATE OR REPLACE FUNCTION casedesk.staff_json(who name) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
    SELECT jsonb_build_object('login', s.login, 'name', s.display_name, 'job', s.job,
                              'active', s.active,
                              'departments', (SELECT coalesce(jsonb_agg(d.code ORDER BY d.code), '[]')
                                                FROM casedesk.staff_department sd
                                                JOIN casedesk.department d ON d.id = sd.department_id
                                               WHERE sd.login = s.login))
      FROM casedesk.staff s WHERE s.login = who;
$$;

-- Checks a name, a job and department codes; returns the department ids.
CREATE OR REPLACE FUNCTION casedesk.staff_checked(new_name text, new_job text, depts text[])
RETURNS smallint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    ids smallint[] := '{}';
    c text;
    id smallint;
BEGIN
    IF new_name IS NOT NULL AND (btrim(new_name) = '' OR NOT casedesk.clean_text(new_name)
                                 OR length(new_name) > 100) THEN
        RAISE EXCEPTION 'a name must be 1 to 100 characters without control characters'
            USING ERRCODE = '22023';
    END IF;
    IF new_job IS NOT NULL AND new_job NOT IN ('reviewer', 'oncall', 'supervisor', 'window', 'admin') THEN
        RAISE EXCEPTION 'unknown job "%": reviewer, oncall, supervisor, window or admin', new_job
            USING ERRCODE = '22023';
    END IF;
    FOREACH c IN ARRAY coalesce(depts, '{}') LOOP
        SELECT d.id INTO id FROM casedesk.department d WHERE d.code = c;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no department with the code "%"', c USING ERRCODE = 'P0002';
        END IF;
        IF id = ANY (ids) THEN
            RAISE EXCEPTION 'department "%" given twice', c USING ERRCODE = '22023';
        END IF;
        ids := ids || id;
    END LOOP;
    RETURN ids;
END
$$;

-- Work a person can no longer do goes back: items they claim outside
-- item_depts return to the queue, open escalations addressed to them outside
-- esc_depts return to their department. NULL keeps all, '{}' none.
CREATE OR REPLACE FUNCTION casedesk.staff_hand_back(who name, item_depts smallint[],
                                                    esc_depts smallint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    ci casedesk.case_item;
    n casedesk.case_item;
    e casedesk.escalation;
    m casedesk.escalation;
BEGIN
    FOR ci IN SELECT * FROM casedesk.case_item
               WHERE assignee = who AND status = 'claimed'
                 AND (item_depts IS NOT NULL AND NOT department_id = ANY (item_depts))
               ORDER BY id FOR UPDATE
    LOOP
        UPDATE casedesk.case_item SET status = 'pending', assignee = NULL, claim_expires = NULL,
               version = version + 1, change_seq = nextval('casedesk.change_seq'),
               updated_at = now(), updated_by = session_user
         WHERE id = ci.id RETURNING * INTO n;
        INSERT INTO casedesk.audit (actor, action, item_id, case_id, before, after)
        VALUES (session_user, 'release', n.id, n.case_id, to_jsonb(ci), to_jsonb(n));
        PERFORM pg_notify('casedesk', n.change_seq || ' item ' || n.id);
    END LOOP;
    FOR e IN SELECT * FROM casedesk.escalation
              WHERE addressee = who AND resolved_at IS NULL
                AND (esc_depts IS NOT NULL AND NOT department_id = ANY (esc_depts))
              ORDER BY id FOR UPDATE
    LOOP
        UPDATE casedesk.escalation SET addressee = NULL,
               version = version + 1, change_seq = nextval('casedesk.change_seq')
         WHERE id = e.id RETURNING * INTO m;
        INSERT INTO casedesk.audit (actor, action, item_id, case_id, escalation_id, before, after)
        VALUES (session_user, 'hand_back', m.item_id, m.case_id, m.id, to_jsonb(e), to_jsonb(m));
        PERFORM pg_notify('casedesk', m.change_seq || ' escalation ' || m.id);
    END LOOP;
END
$$;

-- Adds a person: their database login (created if it does not exist; how it
-- authenticates is pg_hba.conf's business), their job role, their staff row.
CREATE OR REPLACE FUNCTION casedesk.staff_add(new_login text, new_name text, new_job text,
                                              depts text[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r pg_catalog.pg_roles;
    ids smallint[];
BEGIN
    PERFORM casedesk.admin_require();
    IF new_login IS NULL OR new_login !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
        RAISE EXCEPTION 'a login must be 1 to 63 lowercase letters, digits or _, not starting with a digit'
            USING ERRCODE = '22023';
    END IF;
    IF new_login ~ '^(casedesk|pg)_' OR new_login IN ('casedesk', 'postgres', 'public') THEN
        RAISE EXCEPTION 'the login "%" is reserved', new_login USING ERRCODE = '42501';
    END IF;
    IF new_name IS NULL OR new_job IS NULL THEN
        RAISE EXCEPTION 'a new staff member needs a name and a job' USING ERRCODE = '22023';
    END IF;
    ids := casedesk.staff_checked(new_name, new_job, depts);
    IF new_job IN ('reviewer', 'oncall') AND cardinality(ids) = 0 THEN
        RAISE EXCEPTION 'the job % needs at least one department', new_job USING ERRCODE = '22023';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('casedesk.staff.' || new_login));
    IF EXISTS (SELECT FROM casedesk.staff WHERE login = new_login) THEN
        RAISE EXCEPTION '"%" is already staff (casedesk admin staff set changes them)', new_login
            USING ERRCODE = '23505';
    END IF;
    SELECT * INTO r FROM pg_catalog.pg_roles WHERE rolname = new_login;
    IF FOUND THEN
        -- An existing login (made by IT for certificate or peer
        -- authentication) may become staff; a powerful one may not.
        IF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
            RAISE EXCEPTION 'the login "%" has administrative rights and cannot be staff', new_login
                USING ERRCODE = '42501';
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN', new_login);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN', new_login);
    END IF;
    EXECUTE format('GRANT %I TO %I', casedesk.job_role(new_job), new_login);
    INSERT INTO casedesk.staff (login, display_name, job)
    VALUES (new_login, new_name, new_job::casedesk.job);
    INSERT INTO casedesk.staff_department (login, department_id)
    SELECT new_login, unnest(ids);
    PERFORM casedesk.admin_audit('staff_add', NULL, casedesk.staff_json(new_login));
END
$$;

-- The caller must be an administrator; locks an active staff member's row.
CREATE OR REPLACE FUNCTION casedesk.staff_lock_active(who text) RETURNS casedesk.staff
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s casedesk.staff;
BEGIN
    PERFORM casedesk.admin_require();
    SELECT * INTO s FROM casedesk.staff WHERE login = who FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no staff member "%"', who USING ERRCODE = 'P0002';
    END IF;
    IF NOT s.active THEN
        RAISE EXCEPTION '"%" is disabled', who USING ERRCODE = '55000';
    END IF;
    RETURN s;
END
$$;

-- Changes a person's name, job or departments (NULL: unchanged). Work they
-- can no longer do goes back to the queue.
CREATE OR REPLACE FUNCTION casedesk.staff_set(who text, new_name text, new_job text, depts text[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s casedesk.staff;
    ids smallint[];
    before jsonb;
    keep smallint[];
BEGIN
    s := casedesk.staff_lock_active(who);
    ids := casedesk.staff_checked(new_name, new_job, depts);
    IF depts IS NULL THEN
        ids := NULL;    -- departments unchanged
    END IF;
    before := casedesk.staff_json(s.login);
    IF coalesce(new_job, s.job::text) IN ('reviewer', 'oncall')
       AND cardinality(coalesce(ids, (SELECT array_agg(department_id) FROM casedesk.staff_department
                                       WHERE login = s.login), '{}')) = 0 THEN
        RAISE EXCEPTION 'the job % needs at least one department', coalesce(new_job, s.job::text)
            USING ERRCODE = '22023';
    END IF;
    IF new_job IS NOT NULL AND new_job <> s.job::text THEN
        IF s.login = session_user THEN
            RAISE EXCEPTION 'you cannot change your own job' USING ERRCODE = '42501';
        END IF;
        EXECUTE format('REVOKE %I FROM %I', casedesk.job_role(s.job::text), s.login);
        EXECUTE format('GRANT %I TO %I', casedesk.job_role(new_job), s.login);
        UPDATE casedesk.staff SET job = new_job::casedesk.job WHERE login = s.login;
    END IF;
    IF new_name IS NOT NULL THEN
        UPDATE casedesk.staff SET display_name = new_name WHERE login = s.login;
    END IF;
    IF depts IS NOT NULL THEN
        DELETE FROM casedesk.staff_department WHERE login = s.login;
        INSERT INTO casedesk.staff_department (login, department_id) SELECT s.login, unnest(ids);
    END IF;
    keep := (SELECT coalesce(array_agg(department_id), '{}') FROM casedesk.staff_department
              WHERE login = s.login);
    -- Only reviewers hold claims; on-call staff answer for their departments,
    -- supervisors for all.
    PERFORM casedesk.staff_hand_back(s.login,
        CASE coalesce(new_job, s.job::text) WHEN 'reviewer' THEN keep ELSE '{}' END,
        CASE coalesce(new_job, s.job::text) WHEN 'supervisor' THEN NULL
                                            WHEN 'oncall' THEN keep ELSE '{}' END);
    PERFORM casedesk.admin_audit('staff_set', before, casedesk.staff_json(s.login));
END
$$;

-- A person who leaves: the staff row and the history stay; the login can no
-- longer log in nor act, their work goes back.
CREATE OR REPLACE FUNCTION casedesk.staff_disable(who text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s casedesk.staff;
    before jsonb;
BEGIN
    s := casedesk.staff_lock_active(who);
    IF s.login = session_user THEN
        RAISE EXCEPTION 'you cannot disable yourself' USING ERRCODE = '42501';
    END IF;
    before := casedesk.staff_json(s.login);
    UPDATE casedesk.staff SET active = false WHERE login = s.login;
    EXECUTE format('ALTER ROLE %I NOLOGIN', s.login);
    EXECUTE format('REVOKE %I FROM %I', casedesk.job_role(s.job::text), s.login);
    PERFORM casedesk.staff_hand_back(s.login, '{}', '{}');
    PERFORM casedesk.admin_audit('staff_disable', before, casedesk.staff_json(s.login));
END
$$;

CREATE OR REPLACE FUNCTION casedesk.staff_list()
RETURNS TABLE (login name, display_name text, job text, active boolean, departments text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM casedesk.admin_require();
    RETURN QUERY
    SELECT s.login, s.display_name, s.job::text, s.active,
           (SELECT coalesce(string_agg(d.code, ',' ORDER BY d.code), '')
              FROM casedesk.staff_department sd
              JOIN casedesk.department d ON d.id = sd.department_id
             WHERE sd.login = s.login)
      FROM casedesk.staff s
     ORDER BY s.login;
END
$$;

-------------------------------------------------------------------------------
-- The working-day calendar.

-- The last day the calendar knows; NULL when no year is loaded.
CREATE OR REPLACE FUNCTION casedesk.calendar_end() RETURNS date
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
    SELECT make_date(max(year), 12, 31) FROM casedesk.calendar_year;
$$;

-- A warning when the calendar ends within 60 days (or has ended), else NULL.
CREATE OR REPLACE FUNCTION casedesk.calendar_warning() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN e IS NULL THEN 'no working-day calendar is loaded: every time limit is wrong '
                            '(casedesk admin calendar import)'
        WHEN e < today THEN format('the working-day calendar ended on %s: every time limit '
                                   'is wrong until next year''s schedule is imported '
                                   '(casedesk admin calendar import)', e)
        WHEN e - today < 60 THEN format('the working-day calendar ends on %s (in %s days): '
                                        'import next year''s schedule (casedesk admin calendar '
                                        'import), or limits past it will be wrong', e, e - today)
        END
      FROM (SELECT casedesk.calendar_end() AS e,
                   (now() AT TIME ZONE (SELECT time_zone FROM casedesk.centre))::date AS today) t;
$$;

-- Replaces one year's schedule: the holidays and the make-up working days
-- (parallel arrays). The client checks the file and names its lines; these
-- checks keep the table right whoever calls.
CREATE OR REPLACE FUNCTION casedesk.calendar_import(yr int, days date[], kinds text[], names text[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    before jsonb;
    bad date;
    worked int;
BEGIN
    PERFORM casedesk.admin_require();
    IF yr IS NULL OR yr NOT BETWEEN 2000 AND 2200 THEN
        RAISE EXCEPTION 'the year must be between 2000 and 2200' USING ERRCODE = '22023';
    END IF;
    IF cardinality(coalesce(days, '{}')) <> cardinality(coalesce(kinds, '{}'))
       OR cardinality(coalesce(days, '{}')) <> cardinality(coalesce(names, '{}')) THEN
        RAISE EXCEPTION 'days, kinds and names differ in length' USING ERRCODE = '22023';
    END IF;
    SELECT d INTO bad FROM unnest(days) d WHERE extract(year FROM d) <> yr OR d IS NULL LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the day % is not in %', bad, yr USING ERRCODE = '22023';
    END IF;
    SELECT d INTO bad FROM unnest(days) d GROUP BY d HAVING count(*) > 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the day % is listed twice', bad USING ERRCODE = '23505';
    END IF;
    SELECT d INTO bad FROM unnest(days, kinds) AS u(d, k)
     WHERE k IS NULL OR k NOT IN ('holiday', 'workday') LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the day % is neither holiday nor workday', bad USING ERRCODE = '22023';
    END IF;
    SELECT d INTO bad FROM unnest(days, kinds) AS u(d, k)
     WHERE k = 'workday' AND extract(isodow FROM d) < 6 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the make-up working day % is a weekday', bad USING ERRCODE = '22023';
    END IF;
    SELECT count(*) INTO worked
      FROM generate_series(make_date(yr, 1, 1), make_date(yr, 12, 31), '1 day') g(d)
      LEFT JOIN unnest(days, kinds) AS u(d, k) ON u.d = g.d::date
     WHERE coalesce(u.k = 'workday', extract(isodow FROM g.d) < 6 AND u.k IS NULL);
    IF worked = 0 THEN
        RAISE EXCEPTION 'the year % has no working day', yr USING ERRCODE = '22023';
    END IF;
    SELECT jsonb_build_object('year', yr, 'days', coalesce(jsonb_agg(jsonb_build_array(day, kind, name)
                                                                     ORDER BY day), '[]'))
      INTO before FROM casedesk.calendar_day WHERE extract(year FROM day) = yr;
    DELETE FROM casedesk.calendar_day WHERE extract(year FROM day) = yr;
    INSERT INTO casedesk.calendar_day (day, kind, name)
    SELECT d, k, nullif(n, '') FROM unnest(days, kinds, names) AS u(d, k, n);
    INSERT INTO casedesk.calendar_year (year, imported_by) VALUES (yr, session_user)
    ON CONFLICT (year) DO UPDATE SET imported_at = now(), imported_by = session_user;
    PERFORM casedesk.admin_audit('calendar_import', before,
        jsonb_build_object('year', yr, 'days', (SELECT coalesce(jsonb_agg(jsonb_build_array(day, kind, name)
                                                                          ORDER BY day), '[]')
                                                  FROM casedesk.calendar_day
                                                 WHERE extract(year FROM day) = yr)));
END
$$;

CREATE OR REPLACE FUNCTION casedesk.calendar_show(yr int)
RETURNS TABLE (day date, kind text, name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM casedesk.admin_require();
    IF NOT EXISTS (SELECT FROM casedesk.calendar_year WHERE year = yr) THEN
        RAISE EXCEPTION 'no schedule for % has been imported', yr USING ERRCODE = 'P0002';
    END IF;
    RETURN QUERY SELECT c.day, c.kind, coalesce(c.name, '') FROM casedesk.calendar_day c
                  WHERE extract(year FROM c.day) = yr ORDER BY c.day;
END
$$;

REVOKE ALL ON FUNCTION casedesk.admin_require(), casedesk.admin_audit(text, jsonb, jsonb),
    casedesk.staff_json(name), casedesk.staff_checked(text, text, text[]),
    casedesk.staff_hand_back(name, smallint[], smallint[]), casedesk.job_role(text),
    casedesk.staff_lock_active(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION casedesk.admin_require(),
    casedesk.staff_add(text, text, text, text[]), casedesk.staff_set(text, text, text, text[]),
    casedesk.staff_disable(text), casedesk.staff_list(),
    casedesk.calendar_import(int, date[], text[], text[]), casedesk.calendar_show(int)
    TO casedesk_admin;
GRANT EXECUTE ON FUNCTION casedesk.calendar_end(), casedesk.calendar_warning() TO casedesk_staff;
GRANT SELECT ON casedesk.calendar_year TO casedesk_staff;
