-- What the console reads. The view runs with the caller's rights
-- (security_invoker), so row-level security decides which rows a person sees.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

CREATE OR REPLACE VIEW casedesk.queue_row WITH (security_invoker = true) AS
SELECT ci.id, ci.case_id, cf.case_no, mt.name AS matter, it.name AS item, ap.name AS applicant,
       ci.status, ci.assignee, st.display_name AS assignee_name, d.name AS department,
       ci.department_id, ci.due_at, ci.yellow_at, ci.entered_at, ci.paused_at, ci.version,
       ci.change_seq, cf.received_at, cf.project_name AS project, ci.original_due_at,
       ci.paused_minutes, ci.limit_unit
  FROM casedesk.case_item ci
  JOIN casedesk.case_file cf ON cf.id = ci.case_id
  JOIN casedesk.matter_type mt ON mt.id = cf.matter_type_id
  JOIN casedesk.item_type it ON it.id = ci.item_type_id
  JOIN casedesk.applicant ap ON ap.id = cf.applicant_id
  JOIN casedesk.department d ON d.id = ci.department_id
  LEFT JOIN casedesk.staff st ON st.login = ci.assignee;

GRANT SELECT ON casedesk.queue_row TO casedesk_staff;

-- One item as the queue shows it, for a console that puts an item whose
-- notification it heard in its place on its page rather than read the page
-- again; nothing when the caller does not see it (row-level security: the
-- caller's). A function so that its plan is generic and kept for the
-- session: the console plans its pages afresh each time (force_custom_plan),
-- and planning this view under the policies costs several times what
-- reading its one row does.
CREATE OR REPLACE FUNCTION casedesk.queue_item(wanted bigint) RETURNS SETOF casedesk.queue_row
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    RETURN QUERY SELECT * FROM casedesk.queue_row q WHERE q.id = wanted;
END
$$;

GRANT EXECUTE ON FUNCTION casedesk.queue_item(bigint) TO casedesk_staff;

-- Refuses a case the caller may not see (each job by its own rule:
-- may_see_case, and for on-call staff also a case an escalation to them is
-- about) as if it did not exist. Returns the caller's job.
CREATE OR REPLACE FUNCTION casedesk.require_visible_case(kase bigint) RETURNS casedesk.job
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    job casedesk.job := casedesk.my_job();
BEGIN
    IF job IS NULL OR NOT EXISTS (SELECT FROM casedesk.case_file WHERE id = kase)
       OR NOT (casedesk.may_see_case(kase)
               OR (job = 'oncall' AND kase = ANY (casedesk.oncall_cases()))) THEN
        RAISE EXCEPTION 'no case % that you can see', kase USING ERRCODE = 'P0002';
    END IF;
    RETURN job;
END
$$;

-- The items an item of a matter waits for, by name, as the flow chart and
-- the window's checklist show them ("、"-separated; NULL for none).
CREATE OR REPLACE FUNCTION casedesk.waits_for(matter int, item int) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT string_agg(p.name, '、' ORDER BY p.id)
      FROM casedesk.matter_dependency md
      JOIN casedesk.item_type p ON p.id = md.after_item_id
     WHERE md.matter_type_id = matter AND md.item_type_id = item;
$$;

-- Every item of a case, also those of other departments, for the text form
-- of the approval flow chart. Only for a case the caller may see (each job
-- by its own rule: may_see_case), or, for on-call staff, one an escalation
-- to them is about. visible: whether the caller may open the item itself;
-- limit_unit: how its clock counts (calendar hours: wall-clock time).
-- Dropped first: CREATE OR REPLACE cannot add a column to what it returns.
DROP FUNCTION IF EXISTS casedesk.case_overview(bigint);
CREATE FUNCTION casedesk.case_overview(kase bigint)
RETURNS TABLE (item_id bigint, item text, department text, status casedesk.item_status,
               assignee text, due double precision, yellow double precision,
               paused double precision, waits_for text, visible boolean,
               limit_unit casedesk.limit_unit)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    job casedesk.job := casedesk.require_visible_case(kase);
    depts smallint[] := casedesk.my_departments();
    oncall bigint[] := CASE WHEN job = 'oncall' THEN casedesk.oncall_items() ELSE '{}' END;
BEGIN
    RETURN QUERY
    SELECT ci.id, it.name, d.name, ci.status, casedesk.display_name(ci.assignee),
           extract(epoch FROM ci.due_at)::float8, extract(epoch FROM ci.yellow_at)::float8,
           extract(epoch FROM ci.paused_at)::float8,
           casedesk.waits_for(cf.matter_type_id, ci.item_type_id),
           CASE job WHEN 'supervisor' THEN true
                    WHEN 'window' THEN true
                    WHEN 'reviewer' THEN ci.department_id = ANY (depts)
                    WHEN 'oncall' THEN ci.id = ANY (oncall)
                    ELSE false END,
           ci.limit_unit          -- the item's own, kept from its filing
      FROM casedesk.case_item ci
      JOIN casedesk.case_file cf ON cf.id = ci.case_id
      JOIN casedesk.item_type it ON it.id = ci.item_type_id
      JOIN casedesk.department d ON d.id = ci.department_id
     WHERE ci.case_id = kase
     ORDER BY ci.id;
END
$$;

GRANT EXECUTE ON FUNCTION casedesk.case_overview(bigint) TO casedesk_staff;

-- The texts around an item: required materials and common rejection reasons
-- from the knowledge base, then the annotations, oldest first. Row-level
-- security applies (invoker), so only a visible item yields annotations.
CREATE OR REPLACE FUNCTION casedesk.item_texts(item bigint)
RETURNS TABLE (kind text, ord bigint, body text, author text, at double precision)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT 'material', rm.ord::bigint, rm.name, NULL::text, NULL::float8
      FROM casedesk.case_item ci JOIN casedesk.required_material rm USING (item_type_id)
     WHERE ci.id = item
    UNION ALL
    SELECT 'reason', rr.ord::bigint, rr.reason, NULL::text, NULL::float8
      FROM casedesk.case_item ci JOIN casedesk.rejection_reason rr USING (item_type_id)
     WHERE ci.id = item
    UNION ALL
    -- The materials not received when the item was filed (容缺受理).
    SELECT 'missing', m.ord, m.name, NULL::text, NULL::float8
      FROM casedesk.case_item ci, unnest(ci.missing_materials) WITH ORDINALITY m(name, ord)
     WHERE ci.id = item
    UNION ALL
    SELECT 'note', a.id, a.body, casedesk.display_name(a.author), extract(epoch FROM a.created_at)::float8
      FROM casedesk.annotation a WHERE a.item_id = item
    ORDER BY 1, 2;
$$;

GRANT EXECUTE ON FUNCTION casedesk.item_texts(bigint) TO casedesk_staff;
