-- Escalation response compliance kept like the item figures (see
-- 080_escalation_figures.sql for the design): a trigger on escalation
-- appends signed delta rows to escalation_delta, fold_escalation_figures()
-- moves them into escalation_day. An escalation's outcome:
--   in time   acknowledged by respond_by
--   late      acknowledged after respond_by
--   missed    not acknowledged, respond_by passed (marked by the sweep: lapsed_at)
--   (none)    not acknowledged, respond_by still ahead
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-------------------------------------------------------------------------------
-- What an escalation contributes. These two have no search_path of their
-- own so that the planner can inline them into the statements of the
-- triggers and the figures (a sweep after a quiet night passes hundreds of
-- thousands of rows through them): every name in them is qualified, they
-- are granted to nobody, and their callers set the path.

CREATE OR REPLACE FUNCTION casedesk.escalation_outcome(acknowledged_at timestamptz, respond_by timestamptz,
                                            lapsed_at timestamptz)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN acknowledged_at <= respond_by THEN 'in_time'
                WHEN acknowledged_at IS NOT NULL THEN 'late'
                WHEN lapsed_at >= respond_by THEN 'missed' END;
$$;

-- The signed delta row of one escalation; no row while its outcome is open.
CREATE OR REPLACE FUNCTION casedesk.escalation_counts(sign int, raised_at timestamptz, department_id smallint,
                                           case_id bigint, acknowledged_at timestamptz,
                                           respond_by timestamptz, lapsed_at timestamptz)
RETURNS SETOF casedesk.escalation_delta
LANGUAGE sql STABLE AS $$
    SELECT (escalation_counts.raised_at AT TIME ZONE c.time_zone)::date,
           escalation_counts.department_id,
           (SELECT cf.matter_type_id FROM casedesk.case_file cf
             WHERE cf.id = escalation_counts.case_id),
           escalation_counts.sign * (o.outcome = 'in_time')::int,
           escalation_counts.sign * (o.outcome = 'late')::int,
           escalation_counts.sign * (o.outcome = 'missed')::int
      FROM casedesk.centre c,
           casedesk.escalation_outcome(escalation_counts.acknowledged_at,
                                       escalation_counts.respond_by,
                                       escalation_counts.lapsed_at) AS o(outcome)
     WHERE o.outcome IS NOT NULL;
$$;

-------------------------------------------------------------------------------
-- Triggers, a statement at a time: the sweep marks or moves up thousands of
-- escalations in one statement. An update takes out what the old rows
-- counted and adds what the new ones count, summed per day, department and
-- matter type, so that rows whose outcome did not change add nothing. (Old
-- and new rows are not paired by id: transition tables have no statistics,
-- and a planner guessing them small pairs 200,000 rows by nested loop.)

CREATE OR REPLACE FUNCTION casedesk.escalation_figures_track() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO casedesk.escalation_delta
        SELECT c.* FROM new_rows n
         CROSS JOIN LATERAL casedesk.escalation_counts(1, n.raised_at, n.department_id, n.case_id,
                                                      n.acknowledged_at, n.respond_by, n.lapsed_at) c;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO casedesk.escalation_delta
        SELECT c.* FROM old_rows o
         CROSS JOIN LATERAL casedesk.escalation_counts(-1, o.raised_at, o.department_id, o.case_id,
                                                       o.acknowledged_at, o.respond_by, o.lapsed_at) c;
    ELSE
        INSERT INTO casedesk.escalation_delta
        SELECT c.day, c.department_id, c.matter_type_id, sum(c.in_time), sum(c.late), sum(c.missed)
          FROM (SELECT c.* FROM old_rows o
                 CROSS JOIN LATERAL casedesk.escalation_counts(-1, o.raised_at, o.department_id,
                                                               o.case_id, o.acknowledged_at,
                                                               o.respond_by, o.lapsed_at) c
                UNION ALL
                SELECT c.* FROM new_rows n
                 CROSS JOIN LATERAL casedesk.escalation_counts(1, n.raised_at, n.department_id,
                                                               n.case_id, n.acknowledged_at,
                                                               n.respond_by, n.lapsed_at) c) c
         GROUP BY c.day, c.department_id, c.matter_type_id
        HAVING (sum(c.in_time), sum(c.late), sum(c.missed)) <> (0::bigint, 0::bigint, 0::bigint);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER escalation_figures_insert AFTER INSERT ON casedesk.escalation
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.escalation_figures_track();

CREATE OR REPLACE TRIGGER escalation_figures_update AFTER UPDATE ON casedesk.escalation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.escalation_figures_track();

CREATE OR REPLACE TRIGGER escalation_figures_delete AFTER DELETE ON casedesk.escalation
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.escalation_figures_track();

-------------------------------------------------------------------------------
-- Folding and rebuilding both kinds of figure.

-- Moves the escalation deltas into escalation_day; returns how many. The
-- same rules as for the item figures: one folder at a time, under the same
-- try-lock (held already when called from fold_figures), not in a read-only
-- transaction, not from a snapshot older than another fold.
CREATE OR REPLACE FUNCTION casedesk.fold_escalation_figures() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    moved bigint := 0;
BEGIN
    IF current_setting('transaction_read_only')::boolean
       OR NOT pg_try_advisory_xact_lock(hashtext('casedesk.fold_figures')) THEN
        RETURN 0;
    END IF;
    BEGIN
        WITH gone AS (
            DELETE FROM casedesk.escalation_delta RETURNING *
        ), kept AS (
            INSERT INTO casedesk.escalation_day AS d (day, department_id, matter_type_id, in_time,
                                                      late, missed)
            SELECT g.day, g.department_id, g.matter_type_id, sum(g.in_time), sum(g.late), sum(g.missed)
              FROM gone g
             GROUP BY g.day, g.department_id, g.matter_type_id
            ON CONFLICT (day, department_id, matter_type_id) DO UPDATE
               SET in_time = d.in_time + EXCLUDED.in_time, late = d.late + EXCLUDED.late,
                   missed = d.missed + EXCLUDED.missed
        )
        SELECT count(*) INTO moved FROM gone;
    EXCEPTION WHEN serialization_failure THEN
        RETURN 0;
    END;
    RETURN moved;
END
$$;

-- Folds both kinds of figure: what the supervisor functions call before they
-- read.
CREATE OR REPLACE FUNCTION casedesk.fold_figures() RETURNS bigint
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
    SELECT casedesk.fold_item_figures() + casedesk.fold_escalation_figures();
$$;

-- Recomputes escalation_day from the escalations as they stand (lapse
-- markers included). Blocks escalation writes meanwhile.
CREATE OR REPLACE FUNCTION casedesk.rebuild_escalation_figures() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    LOCK TABLE casedesk.escalation IN SHARE MODE;
    PERFORM pg_advisory_xact_lock(hashtext('casedesk.fold_figures'));
    DELETE FROM casedesk.escalation_delta;
    DELETE FROM casedesk.escalation_day;
    INSERT INTO casedesk.escalation_day (day, department_id, matter_type_id, in_time, late, missed)
    SELECT c.day, c.department_id, c.matter_type_id, sum(c.in_time), sum(c.late), sum(c.missed)
      FROM casedesk.escalation e
     CROSS JOIN LATERAL casedesk.escalation_counts(1, e.raised_at, e.department_id, e.case_id,
                                                   e.acknowledged_at, e.respond_by, e.lapsed_at) c
     GROUP BY c.day, c.department_id, c.matter_type_id;
END
$$;

-- Recomputes both kinds of figure, for an administrator who doubts the
-- counts.
CREATE OR REPLACE FUNCTION casedesk.rebuild_figures() RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp AS $$
    SELECT casedesk.rebuild_item_figures();
    SELECT casedesk.rebuild_escalation_figures();
$$;
