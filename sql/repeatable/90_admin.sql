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
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations (the role,
-- the job value and the calendar_year table are 110_admin.sql's).
SET ROLE casedesk_owner;

-- Raises 42501 unless the caller is a superuser or an active administrator.
-- A superuser needs no staff row: the first administrator is added by one.
CREATE OR REPLACE FUNCTION casedesk.admin_require() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
    IF new_name = '电子监察' THEN
        RAISE EXCEPTION 'the name 电子监察 is the system''s (the SLA watch''s alarms)'
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
               updated_at = clock_timestamp(), updated_by = session_user
         WHERE id = ci.id RETURNING * INTO n;
        INSERT INTO casedesk.audit (actor, action, item_id, case_id, before, after)
        VALUES (session_user, 'release', n.id, n.case_id, to_jsonb(ci), to_jsonb(n));
        PERFORM casedesk.notify_change(n.change_seq, 'item', n.id);
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
        PERFORM casedesk.notify_change(m.change_seq, 'escalation', m.id);
    END LOOP;
END
$$;

-- Adds a person: their database login (created if it does not exist; how it
-- authenticates is pg_hba.conf's business), their job role, their staff row.
CREATE OR REPLACE FUNCTION casedesk.staff_add(new_login text, new_name text, new_job text,
                                              depts text[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT make_date(max(year), 12, 31) FROM casedesk.calendar_year;
$$;

-- How long the calendar lasts: its last day, the days from today (in the
-- centre's time zone) to it, negative once it has ended, and whether that is
-- within the 60 days in which everyone is warned. NULL ends and days, warn
-- true, when no year is loaded. The console's supervisor view words it.
CREATE OR REPLACE FUNCTION casedesk.calendar_left(OUT ends date, OUT days int, OUT warn boolean)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT e, e - today, e IS NULL OR e - today < 60
      FROM (SELECT casedesk.calendar_end() AS e,
                   (now() AT TIME ZONE (SELECT time_zone FROM casedesk.centre))::date AS today) t;
$$;

-- A warning when the calendar ends within 60 days (or has ended), else NULL.
CREATE OR REPLACE FUNCTION casedesk.calendar_warning() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT CASE
        WHEN NOT warn THEN NULL
        WHEN ends IS NULL THEN 'no working-day calendar is loaded: every time limit is wrong '
                               '(casedesk admin calendar import)'
        WHEN days < 0 THEN format('the working-day calendar ended on %s: every time limit '
                                  'is wrong until next year''s schedule is imported '
                                  '(casedesk admin calendar import)', ends)
        ELSE format('the working-day calendar ends on %s (in %s days): '
                    'import next year''s schedule (casedesk admin calendar '
                    'import), or limits past it will be wrong', ends, days)
        END
      FROM casedesk.calendar_left();
$$;

-- Replaces one year's schedule: the holidays and the make-up working days
-- (parallel arrays). The client checks the file and names its lines; these
-- checks keep the table right whoever calls.
CREATE OR REPLACE FUNCTION casedesk.calendar_import(yr int, days date[], kinds text[], names text[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
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
    ON CONFLICT (year) DO UPDATE SET imported_at = clock_timestamp(), imported_by = session_user;
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
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
BEGIN
    PERFORM casedesk.admin_require();
    IF NOT EXISTS (SELECT FROM casedesk.calendar_year WHERE year = yr) THEN
        RAISE EXCEPTION 'no schedule for % has been imported', yr USING ERRCODE = 'P0002';
    END IF;
    RETURN QUERY SELECT c.day, c.kind, coalesce(c.name, '') FROM casedesk.calendar_day c
                  WHERE extract(year FROM c.day) = yr ORDER BY c.day;
END
$$;

-------------------------------------------------------------------------------
-- The knowledge base (一库) as one file: casedesk admin kb export / apply.

-- A string in libconfig syntax.
CREATE OR REPLACE FUNCTION casedesk.kb_quote(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT '"' || replace(replace(replace(replace(t, '\', '\\'), '"', '\"'), E'\n', '\n'), E'\t', '\t') || '"';
$$;

CREATE OR REPLACE FUNCTION casedesk.kb_quote_all(ts text[]) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN cardinality(coalesce(ts, '{}')) = 0 THEN '[ ]'
                ELSE '[ ' || (SELECT string_agg(casedesk.kb_quote(t), ', ' ORDER BY o)
                                FROM unnest(ts) WITH ORDINALITY AS u(t, o)) || ' ]' END;
$$;

-- The whole knowledge base in the file format, every list in code order, so
-- that export -> apply elsewhere -> export gives the same text.
CREATE OR REPLACE FUNCTION casedesk.kb_export() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    q constant text := E'\n';
BEGIN
    PERFORM casedesk.admin_require();
    RETURN
      '# The guidance knowledge base of casedesk (casedesk admin kb export).' || q
   || '# Edit, check with "casedesk admin kb check FILE", apply with "casedesk admin kb apply FILE".' || q
   || q || 'departments = (' || q
   || coalesce((SELECT string_agg(format('  { code = %s; name = %s; name_en = %s; }',
                                         casedesk.kb_quote(d.code), casedesk.kb_quote(d.name),
                                         casedesk.kb_quote(d.name_en)), ',' || q ORDER BY d.code)
                  FROM casedesk.department d) || q, '')
   || ');' || q || q || 'categories = (' || q
   || coalesce((SELECT string_agg(format('  { code = %s; name = %s; name_en = %s; }',
                                         casedesk.kb_quote(c.code), casedesk.kb_quote(c.name),
                                         casedesk.kb_quote(c.name_en)), ',' || q ORDER BY c.code)
                  FROM casedesk.category c) || q, '')
   || ');' || q || q || 'item_types = (' || q
   || coalesce((SELECT string_agg(format(E'  { code = %s; name = %s; name_en = %s;\n'
                                         || E'    department = %s; limit = %s; unit = %s; yellow = %s;\n'
                                         || E'    materials = %s;\n'
                                         || E'    rejection_reasons = %s; }',
                                         casedesk.kb_quote(it.code), casedesk.kb_quote(it.name),
                                         casedesk.kb_quote(it.name_en), casedesk.kb_quote(d.code),
                                         it.limit_value, casedesk.kb_quote(it.limit_unit::text),
                                         rtrim(rtrim(it.yellow_fraction::text, '0'), '.')
                                             || CASE WHEN rtrim(rtrim(it.yellow_fraction::text, '0'), '.') ~ '\.' THEN '' ELSE '.0' END,
                                         casedesk.kb_quote_all(ARRAY(SELECT m.name FROM casedesk.required_material m
                                                                      WHERE m.item_type_id = it.id ORDER BY m.ord)),
                                         casedesk.kb_quote_all(ARRAY(SELECT r.reason FROM casedesk.rejection_reason r
                                                                      WHERE r.item_type_id = it.id ORDER BY r.ord))),
                                  ',' || q ORDER BY it.code)
                  FROM casedesk.item_type it JOIN casedesk.department d ON d.id = it.department_id
                 WHERE it.retired_at IS NULL) || q, '')
   || ');' || q || q || 'matter_types = (' || q
   || coalesce((SELECT string_agg(format(E'  { code = %s; name = %s; name_en = %s; category = %s;\n'
                                         || E'    items = %s;\n'
                                         || E'    dependencies = %s; }',
                                         casedesk.kb_quote(mt.code), casedesk.kb_quote(mt.name),
                                         casedesk.kb_quote(mt.name_en), casedesk.kb_quote(c.code),
                                         casedesk.kb_quote_all(ARRAY(SELECT it.code FROM casedesk.matter_item mi
                                                                       JOIN casedesk.item_type it ON it.id = mi.item_type_id
                                                                      WHERE mi.matter_type_id = mt.id ORDER BY it.code)),
                                         coalesce((SELECT '( ' || string_agg(casedesk.kb_quote_all(ARRAY[a.code, b.code]), ', '
                                                                             ORDER BY a.code, b.code) || ' )'
                                                     FROM casedesk.matter_dependency md
                                                     JOIN casedesk.item_type a ON a.id = md.item_type_id
                                                     JOIN casedesk.item_type b ON b.id = md.after_item_id
                                                    WHERE md.matter_type_id = mt.id), '( )')),
                                  ',' || q ORDER BY mt.code)
                  FROM casedesk.matter_type mt JOIN casedesk.category c ON c.id = mt.category_id
                 WHERE mt.retired_at IS NULL) || q, '')
   || ');' || q || q || 'escalation_kinds = (' || q
   || coalesce((SELECT string_agg(format('  { kind = %s; response_minutes = %s; description = %s; }',
                                         casedesk.kb_quote(k.kind), k.response_minutes,
                                         casedesk.kb_quote(k.description)), ',' || q ORDER BY k.kind)
                  FROM casedesk.escalation_kind k) || q, '')
   || ');' || q;
END
$$;

-- Makes the knowledge base what kb (the file, as JSON) says; returns what
-- changed, per kind. History is never rewritten: an item or matter type that
-- cases refer to is retired, not deleted; a department, category or
-- escalation kind still in use cannot go. A new time limit applies to cases
-- filed from now on: items already received keep the limit they were received
-- under (case_item.limit_value, limit_unit, yellow_fraction), also those that
-- still wait for a predecessor.
CREATE OR REPLACE FUNCTION casedesk.kb_apply(kb jsonb)
RETURNS TABLE (kb_kind text, kb_code text, kb_change text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    r record;
    old record;
    nid int;
    changed boolean;
BEGIN
    PERFORM casedesk.admin_require();
    PERFORM pg_advisory_xact_lock(hashtext('casedesk.kb'));

    FOR r IN SELECT * FROM jsonb_to_recordset(kb -> 'departments') AS x(code text, name text, name_en text) LOOP
        SELECT * INTO old FROM casedesk.department d WHERE d.code = r.code;
        IF NOT FOUND THEN
            INSERT INTO casedesk.department (id, code, name, name_en)
            VALUES ((SELECT coalesce(max(id), 0) + 1 FROM casedesk.department), r.code, r.name, r.name_en);
            kb_kind := 'department'; kb_code := r.code; kb_change := 'added'; RETURN NEXT;
        ELSIF (old.name, old.name_en) IS DISTINCT FROM (r.name, r.name_en) THEN
            UPDATE casedesk.department d SET name = r.name, name_en = r.name_en WHERE d.id = old.id;
            kb_kind := 'department'; kb_code := r.code; kb_change := 'changed'; RETURN NEXT;
        END IF;
    END LOOP;
    FOR r IN SELECT * FROM jsonb_to_recordset(kb -> 'categories') AS x(code text, name text, name_en text) LOOP
        SELECT * INTO old FROM casedesk.category c WHERE c.code = r.code;
        IF NOT FOUND THEN
            INSERT INTO casedesk.category (id, code, name, name_en)
            VALUES ((SELECT coalesce(max(id), 0) + 1 FROM casedesk.category), r.code, r.name, r.name_en);
            kb_kind := 'category'; kb_code := r.code; kb_change := 'added'; RETURN NEXT;
        ELSIF (old.name, old.name_en) IS DISTINCT FROM (r.name, r.name_en) THEN
            UPDATE casedesk.category c SET name = r.name, name_en = r.name_en WHERE c.id = old.id;
            kb_kind := 'category'; kb_code := r.code; kb_change := 'changed'; RETURN NEXT;
        END IF;
    END LOOP;
    FOR r IN SELECT * FROM jsonb_to_recordset(kb -> 'escalation_kinds')
                           AS x(kind text, response_minutes int, description text) LOOP
        SELECT * INTO old FROM casedesk.escalation_kind k WHERE k.kind = r.kind;
        IF NOT FOUND THEN
            INSERT INTO casedesk.escalation_kind VALUES (r.kind, r.response_minutes, r.description);
            kb_kind := 'escalation kind'; kb_code := r.kind; kb_change := 'added'; RETURN NEXT;
        ELSIF (old.response_minutes, old.description) IS DISTINCT FROM (r.response_minutes, r.description) THEN
            UPDATE casedesk.escalation_kind k SET response_minutes = r.response_minutes,
                   description = r.description WHERE k.kind = r.kind;
            kb_kind := 'escalation kind'; kb_code := r.kind; kb_change := 'changed'; RETURN NEXT;
        END IF;
    END LOOP;

    FOR r IN SELECT x.*, d.id AS dept_id
               FROM jsonb_to_recordset(kb -> 'item_types')
                    AS x(code text, name text, name_en text, department text, "limit" int, unit text,
                         yellow numeric, materials text[], rejection_reasons text[])
               LEFT JOIN casedesk.department d ON d.code = x.department LOOP
        IF r.dept_id IS NULL THEN
            RAISE EXCEPTION 'item type %: unknown department %', r.code, r.department USING ERRCODE = 'P0002';
        END IF;
        SELECT it.*, ARRAY(SELECT m.name FROM casedesk.required_material m WHERE m.item_type_id = it.id ORDER BY m.ord) AS mats,
               ARRAY(SELECT x.reason FROM casedesk.rejection_reason x WHERE x.item_type_id = it.id ORDER BY x.ord) AS reasons
          INTO old FROM casedesk.item_type it WHERE it.code = r.code;
        IF NOT FOUND THEN
            nid := (SELECT coalesce(max(id), 0) + 1 FROM casedesk.item_type);
            INSERT INTO casedesk.item_type (id, code, name, name_en, department_id, limit_value, limit_unit, yellow_fraction)
            VALUES (nid, r.code, r.name, r.name_en, r.dept_id, r."limit", r.unit::casedesk.limit_unit, r.yellow);
            kb_change := 'added';
        ELSE
            nid := old.id;
            changed := (old.name, old.name_en, old.department_id, old.limit_value, old.limit_unit::text, old.yellow_fraction)
                       IS DISTINCT FROM (r.name, r.name_en, r.dept_id, r."limit", r.unit, r.yellow)
                       OR old.retired_at IS NOT NULL OR old.mats <> r.materials OR old.reasons <> r.rejection_reasons;
            IF NOT changed THEN
                CONTINUE;
            END IF;
            IF old.department_id <> r.dept_id AND EXISTS (SELECT FROM casedesk.case_item ci WHERE ci.item_type_id = nid) THEN
                RAISE EXCEPTION 'item type % has cases; it cannot move to another department (retire it and add a new code)', r.code
                    USING ERRCODE = '55000';
            END IF;
            UPDATE casedesk.item_type it SET name = r.name, name_en = r.name_en, department_id = r.dept_id,
                   limit_value = r."limit", limit_unit = r.unit::casedesk.limit_unit,
                   yellow_fraction = r.yellow, retired_at = NULL
             WHERE it.id = nid;
            kb_change := CASE WHEN old.retired_at IS NOT NULL THEN 'restored' ELSE 'changed' END;
        END IF;
        DELETE FROM casedesk.required_material m WHERE m.item_type_id = nid;
        INSERT INTO casedesk.required_material (item_type_id, ord, name)
        SELECT nid, o, t FROM unnest(r.materials) WITH ORDINALITY AS u(t, o);
        DELETE FROM casedesk.rejection_reason x WHERE x.item_type_id = nid;
        INSERT INTO casedesk.rejection_reason (item_type_id, ord, reason)
        SELECT nid, o, t FROM unnest(r.rejection_reasons) WITH ORDINALITY AS u(t, o);
        kb_kind := 'item type'; kb_code := r.code; RETURN NEXT;
    END LOOP;

    FOR r IN SELECT x.*, c.id AS cat_id
               FROM jsonb_to_recordset(kb -> 'matter_types')
                    AS x(code text, name text, name_en text, category text, items text[], dependencies jsonb)
               LEFT JOIN casedesk.category c ON c.code = x.category LOOP
        IF r.cat_id IS NULL THEN
            RAISE EXCEPTION 'matter type %: unknown category %', r.code, r.category USING ERRCODE = 'P0002';
        END IF;
        SELECT mt.*,
               ARRAY(SELECT it.code FROM casedesk.matter_item mi JOIN casedesk.item_type it ON it.id = mi.item_type_id
                      WHERE mi.matter_type_id = mt.id ORDER BY it.code) AS items,
               ARRAY(SELECT a.code || ' ' || b.code FROM casedesk.matter_dependency md
                       JOIN casedesk.item_type a ON a.id = md.item_type_id
                       JOIN casedesk.item_type b ON b.id = md.after_item_id
                      WHERE md.matter_type_id = mt.id ORDER BY 1) AS deps
          INTO old FROM casedesk.matter_type mt WHERE mt.code = r.code;
        IF NOT FOUND THEN
            nid := (SELECT coalesce(max(id), 0) + 1 FROM casedesk.matter_type);
            INSERT INTO casedesk.matter_type (id, code, name, name_en, category_id)
            VALUES (nid, r.code, r.name, r.name_en, r.cat_id);
            kb_change := 'added';
        ELSE
            nid := old.id;
            IF (old.name, old.name_en, old.category_id) IS NOT DISTINCT FROM (r.name, r.name_en, r.cat_id)
               AND old.retired_at IS NULL
               AND old.items = ARRAY(SELECT t FROM unnest(r.items) t ORDER BY t)
               AND old.deps = ARRAY(SELECT (p ->> 0) || ' ' || (p ->> 1)
                                      FROM jsonb_array_elements(coalesce(r.dependencies, '[]')) p ORDER BY 1) THEN
                CONTINUE;
            END IF;
            UPDATE casedesk.matter_type mt SET name = r.name, name_en = r.name_en, category_id = r.cat_id,
                   retired_at = NULL WHERE mt.id = nid;
            kb_change := CASE WHEN old.retired_at IS NOT NULL THEN 'restored' ELSE 'changed' END;
        END IF;
        DELETE FROM casedesk.matter_dependency md WHERE md.matter_type_id = nid;
        DELETE FROM casedesk.matter_item mi WHERE mi.matter_type_id = nid;
        INSERT INTO casedesk.matter_item (matter_type_id, item_type_id)
        SELECT nid, it.id FROM unnest(r.items) t JOIN casedesk.item_type it ON it.code = t;
        IF (SELECT count(*) FROM casedesk.matter_item mi WHERE mi.matter_type_id = nid) <> cardinality(r.items) THEN
            RAISE EXCEPTION 'matter type %: unknown or repeated item types', r.code USING ERRCODE = 'P0002';
        END IF;
        INSERT INTO casedesk.matter_dependency (matter_type_id, item_type_id, after_item_id)
        SELECT nid, a.id, b.id FROM jsonb_array_elements(coalesce(r.dependencies, '[]')) p
          JOIN casedesk.item_type a ON a.code = p ->> 0
          JOIN casedesk.item_type b ON b.code = p ->> 1;
        IF EXISTS (WITH RECURSIVE w(start, cur) AS (
                       SELECT item_type_id, after_item_id FROM casedesk.matter_dependency WHERE matter_type_id = nid
                       UNION
                       SELECT w.start, md.after_item_id FROM w
                         JOIN casedesk.matter_dependency md ON md.matter_type_id = nid AND md.item_type_id = w.cur)
                   SELECT FROM w WHERE start = cur) THEN
            RAISE EXCEPTION 'the dependencies of matter type % form a cycle', r.code USING ERRCODE = '22023';
        END IF;
        kb_kind := 'matter type'; kb_code := r.code; RETURN NEXT;
    END LOOP;

    -- What the file no longer lists.
    FOR old IN SELECT mt.* FROM casedesk.matter_type mt
                WHERE mt.retired_at IS NULL
                  AND mt.code NOT IN (SELECT x ->> 'code' FROM jsonb_array_elements(kb -> 'matter_types') x)
                ORDER BY mt.code LOOP
        kb_kind := 'matter type'; kb_code := old.code;
        DELETE FROM casedesk.matter_dependency md WHERE md.matter_type_id = old.id;
        IF EXISTS (SELECT FROM casedesk.case_file cf WHERE cf.matter_type_id = old.id) THEN
            UPDATE casedesk.matter_type mt SET retired_at = clock_timestamp() WHERE mt.id = old.id;
            kb_change := 'retired';
        ELSE
            DELETE FROM casedesk.matter_item mi WHERE mi.matter_type_id = old.id;
            DELETE FROM casedesk.matter_type mt WHERE mt.id = old.id;
            kb_change := 'removed';
        END IF;
        RETURN NEXT;
    END LOOP;
    FOR old IN SELECT it.* FROM casedesk.item_type it
                WHERE it.retired_at IS NULL
                  AND it.code NOT IN (SELECT x ->> 'code' FROM jsonb_array_elements(kb -> 'item_types') x)
                ORDER BY it.code LOOP
        kb_kind := 'item type'; kb_code := old.code;
        DELETE FROM casedesk.matter_dependency md WHERE old.id IN (md.item_type_id, md.after_item_id);
        DELETE FROM casedesk.matter_item mi WHERE mi.item_type_id = old.id;
        IF EXISTS (SELECT FROM casedesk.case_item ci WHERE ci.item_type_id = old.id) THEN
            UPDATE casedesk.item_type it SET retired_at = clock_timestamp() WHERE it.id = old.id;
            kb_change := 'retired';
        ELSE
            DELETE FROM casedesk.required_material m WHERE m.item_type_id = old.id;
            DELETE FROM casedesk.rejection_reason x WHERE x.item_type_id = old.id;
            DELETE FROM casedesk.item_type it WHERE it.id = old.id;
            kb_change := 'removed';
        END IF;
        RETURN NEXT;
    END LOOP;
    FOR old IN SELECT c.* FROM casedesk.category c
                WHERE c.code NOT IN (SELECT x ->> 'code' FROM jsonb_array_elements(kb -> 'categories') x)
                ORDER BY c.code LOOP
        IF EXISTS (SELECT FROM casedesk.matter_type mt WHERE mt.category_id = old.id) THEN
            RAISE EXCEPTION 'category % is still used by matter types; it cannot be removed', old.code
                USING ERRCODE = '55000';
        END IF;
        DELETE FROM casedesk.category c WHERE c.id = old.id;
        kb_kind := 'category'; kb_code := old.code; kb_change := 'removed'; RETURN NEXT;
    END LOOP;
    FOR old IN SELECT d.* FROM casedesk.department d
                WHERE d.code NOT IN (SELECT x ->> 'code' FROM jsonb_array_elements(kb -> 'departments') x)
                ORDER BY d.code LOOP
        IF EXISTS (SELECT FROM casedesk.item_type it WHERE it.department_id = old.id)
           OR EXISTS (SELECT FROM casedesk.staff_department sd WHERE sd.department_id = old.id)
           OR EXISTS (SELECT FROM casedesk.escalation e WHERE e.department_id = old.id) THEN
            RAISE EXCEPTION 'department % is still used (item types, staff or escalations); it cannot be removed', old.code
                USING ERRCODE = '55000';
        END IF;
        DELETE FROM casedesk.department d WHERE d.id = old.id;
        kb_kind := 'department'; kb_code := old.code; kb_change := 'removed'; RETURN NEXT;
    END LOOP;
    FOR old IN SELECT k.* FROM casedesk.escalation_kind k
                WHERE k.kind NOT IN (SELECT x ->> 'kind' FROM jsonb_array_elements(kb -> 'escalation_kinds') x)
                ORDER BY k.kind LOOP
        IF old.kind IN ('question', 'yellow', 'red', 'unanswered')
           OR EXISTS (SELECT FROM casedesk.escalation e WHERE e.kind = old.kind) THEN
            RAISE EXCEPTION 'escalation kind % is in use; it cannot be removed', old.kind USING ERRCODE = '55000';
        END IF;
        DELETE FROM casedesk.escalation_kind k WHERE k.kind = old.kind;
        kb_kind := 'escalation kind'; kb_code := old.kind; kb_change := 'removed'; RETURN NEXT;
    END LOOP;
    PERFORM casedesk.admin_audit('kb_apply', NULL, jsonb_build_object('file', kb));
END
$$;

-- A retired matter type takes no new cases.
CREATE OR REPLACE FUNCTION casedesk.case_file_matter_current() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT FROM casedesk.matter_type mt WHERE mt.id = NEW.matter_type_id AND mt.retired_at IS NOT NULL) THEN
        RAISE EXCEPTION 'this matter is no longer offered (retired from the knowledge base)'
            USING ERRCODE = '22023';
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS case_file_matter_current ON casedesk.case_file;
CREATE TRIGGER case_file_matter_current BEFORE INSERT ON casedesk.case_file
    FOR EACH ROW EXECUTE FUNCTION casedesk.case_file_matter_current();

REVOKE ALL ON FUNCTION casedesk.admin_require(), casedesk.admin_audit(text, jsonb, jsonb),
    casedesk.staff_json(name), casedesk.staff_checked(text, text, text[]),
    casedesk.staff_hand_back(name, smallint[], smallint[]), casedesk.job_role(text),
    casedesk.staff_lock_active(text), casedesk.kb_quote(text), casedesk.kb_quote_all(text[])
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION casedesk.admin_require(),
    casedesk.staff_add(text, text, text, text[]), casedesk.staff_set(text, text, text, text[]),
    casedesk.staff_disable(text), casedesk.staff_list(),
    casedesk.calendar_import(int, date[], text[], text[]), casedesk.calendar_show(int),
    casedesk.kb_export(), casedesk.kb_apply(jsonb)
    TO casedesk_admin;
GRANT EXECUTE ON FUNCTION casedesk.calendar_end(), casedesk.calendar_left(), casedesk.calendar_warning()
    TO casedesk_staff;
GRANT SELECT ON casedesk.calendar_year TO casedesk_staff;
