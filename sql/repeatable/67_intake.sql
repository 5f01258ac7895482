-- Filing at the window and finding a case: what the intake form offers
-- (the matters, the checklist of an item's required materials, the name on
-- record for a credit code) and the search that tells an applicant where
-- the matter stands (查询), with the time the whole matter is promised for.
-- Filing itself is casedesk.file_case (30_item_actions.sql).
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-- Every matter that can be filed, by code, with how many items it bundles.
-- The form's lookups are for those who file: window clerks and supervisors.
CREATE OR REPLACE FUNCTION casedesk.intake_matters()
RETURNS TABLE (code text, name text, name_en text, items int)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
BEGIN
    PERFORM casedesk.require_job(casedesk.me(), 'window', 'supervisor');
    RETURN QUERY
    SELECT mt.code, mt.name, mt.name_en,
           (SELECT count(*)::int FROM casedesk.matter_item mi WHERE mi.matter_type_id = mt.id)
      FROM casedesk.matter_type mt
     ORDER BY mt.code;
END
$$;

-- The checklist of a matter: one row per required material of each of its
-- items, the items in the order file_case files them, the materials by
-- their number (the ord file_case takes for one not received); an item that
-- needs no material gives one row with ord and material NULL. waits_for
-- names the items it waits for, as the flow chart does.
CREATE OR REPLACE FUNCTION casedesk.intake_checklist(matter_code text)
RETURNS TABLE (item_type_id int, item_code text, item_name text, department text,
               ord smallint, material text, waits_for text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    mt_id int;
BEGIN
    PERFORM casedesk.require_job(casedesk.me(), 'window', 'supervisor');
    SELECT m.id INTO mt_id FROM casedesk.matter_type m WHERE m.code = $1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no matter %', $1 USING ERRCODE = 'P0002';
    END IF;
    RETURN QUERY
    SELECT it.id, it.code, it.name, d.name, rm.ord, rm.name,
           casedesk.waits_for(mt_id, it.id)
      FROM casedesk.matter_item mi
      JOIN casedesk.item_type it ON it.id = mi.item_type_id
      JOIN casedesk.department d ON d.id = it.department_id
      LEFT JOIN casedesk.required_material rm ON rm.item_type_id = it.id
     WHERE mi.matter_type_id = mt_id
     ORDER BY it.id, rm.ord;
END
$$;

-- The name on record for a credit code, read as file_case reads the code
-- (trimmed, in capitals); NULL for an applicant not yet known.
CREATE OR REPLACE FUNCTION casedesk.applicant_name(code text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
BEGIN
    PERFORM casedesk.require_job(casedesk.me(), 'window', 'supervisor');
    RETURN (SELECT a.name FROM casedesk.applicant a WHERE a.credit_code = upper(btrim($1)));
END
$$;

-- When the whole matter is promised to be done: the end of its critical
-- path, as casedesk.case_projection projects it. An item ends at its
-- decision once decided, at its due time while it runs; a paused item at
-- its due time moved by the business time paused so far (as if it resumed
-- now: the promise grows while the applicant owes material); a waiting
-- item its own limit, on the centre's calendar, after the latest end of
-- what it waits for. A case whose items are all decided ends at the last
-- decision. Epoch seconds. Refused as case_overview refuses for a case the
-- caller may not see.
CREATE OR REPLACE FUNCTION casedesk.case_promised(kase bigint) RETURNS double precision
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
BEGIN
    PERFORM casedesk.require_visible_case(kase);
    RETURN extract(epoch FROM (SELECT p.projected_due FROM casedesk.case_projection(kase) p))::float8;
END
$$;

-- Finds cases for 查询: q is a case number or its beginning, a credit code
-- (in any case), or part of the applicant's name (any case; % and _ are
-- just characters). Newest first, at most lim of them (1 to 200, 50 when
-- NULL), only cases the caller may see. items and open_items count the
-- case's items and those not yet decided; promised is case_promised's.
-- Only the cases returned are counted and projected; a name is looked for
-- in every applicant.
CREATE OR REPLACE FUNCTION casedesk.find_cases(q text, lim int)
RETURNS TABLE (case_id bigint, case_no text, credit_code text, applicant text, matter text,
               project text, received_at double precision, items int, open_items int,
               promised double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
#variable_conflict use_column
DECLARE
    job casedesk.job := (casedesk.me()).job;
    depts smallint[] := casedesk.my_departments();
    oncall bigint[] := CASE WHEN job = 'oncall' THEN casedesk.oncall_items() ELSE '{}' END;
    s text;
    n int := least(greatest(coalesce(lim, 50), 1), 200);
BEGIN
    s := casedesk.check_name(q, 'the search', 200, true);
    s := regexp_replace(s, '^[ \u00a0\u3000]+|[ \u00a0\u3000]+$', '', 'g');
    RETURN QUERY
    WITH hit AS (
        -- A number's prefix, compared byte by byte (the index of 150_intake).
        SELECT cf.id FROM casedesk.case_file cf
         WHERE cf.case_no ~>=~ s AND cf.case_no ~<~ (s || chr(1114111))
        UNION
        SELECT cf.id FROM casedesk.applicant a
          JOIN casedesk.case_file cf ON cf.applicant_id = a.id
         WHERE a.credit_code = upper(s) OR strpos(lower(a.name), lower(s)) > 0
    ), page AS (
        -- may_see_case's rule, with the caller's departments and items read
        -- once: a short search may match thousands of cases.
        SELECT cf.* FROM hit JOIN casedesk.case_file cf ON cf.id = hit.id
         WHERE CASE job
               WHEN 'supervisor' THEN true
               WHEN 'window' THEN true
               WHEN 'reviewer' THEN EXISTS (
                   SELECT FROM casedesk.case_item ci
                    WHERE ci.case_id = cf.id AND ci.department_id = ANY (depts))
               WHEN 'oncall' THEN EXISTS (
                   SELECT FROM casedesk.case_item ci
                    WHERE ci.case_id = cf.id AND ci.id = ANY (oncall))
               ELSE false END
         ORDER BY cf.received_at DESC, cf.id DESC
         LIMIT n
    )
    SELECT p.id, p.case_no, a.credit_code, a.name, mt.name, p.project_name,
           extract(epoch FROM p.received_at)::float8, c.n_items, c.n_open,
           extract(epoch FROM (SELECT pr.projected_due
                                 FROM casedesk.case_projection(p.id) pr))::float8
      FROM page p
      JOIN casedesk.applicant a ON a.id = p.applicant_id
      JOIN casedesk.matter_type mt ON mt.id = p.matter_type_id
     CROSS JOIN LATERAL (
           SELECT count(*)::int AS n_items,
                  (count(*) FILTER (WHERE ci.status NOT IN ('approved', 'rejected')))::int AS n_open
             FROM casedesk.case_item ci WHERE ci.case_id = p.id) c
     ORDER BY p.received_at DESC, p.id DESC;
END
$$;

GRANT EXECUTE ON FUNCTION casedesk.intake_matters(), casedesk.intake_checklist(text),
    casedesk.applicant_name(text)
    TO casedesk_window, casedesk_supervisor;

GRANT EXECUTE ON FUNCTION casedesk.case_promised(bigint), casedesk.find_cases(text, int)
    TO casedesk_staff;
