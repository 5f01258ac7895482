-- The supervisor's item figures, kept as they change (see
-- 070_supervision.sql for the design): a trigger on case_item appends
-- signed delta rows to figure_delta, fold_item_figures() moves them into
-- open_count, decision_day and decision_minutes, and decided_item keeps one
-- narrow row per decided item for drill-downs and rebuilds.
--
-- Staleness. Open, paused and decision figures are exact as of the call.
-- Yellow and red follow the sweep's alarm markers (alarm_level), so an item
-- that crossed yellow_at or due_at is counted from the next sweep on: they
-- lag by at most one sweep interval.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-------------------------------------------------------------------------------
-- What an item contributes.

-- PL/pgSQL: the meters ask it with every answer they ride on (see
-- my_job() for why not SQL).
CREATE OR REPLACE FUNCTION casedesk.centre_today() RETURNS date
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN (SELECT (now() AT TIME ZONE c.time_zone)::date FROM casedesk.centre c);
END
$$;

CREATE OR REPLACE FUNCTION casedesk.centre_midnight(d date) RETURNS timestamptz
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT d::timestamp AT TIME ZONE c.time_zone FROM casedesk.centre c;
$$;

-- The histogram bucket of a business time: its lower bound on a grid that
-- is exact where a difference matters to a reader and coarser where it
-- does not: 198 buckets cover the first five working days, then one per
-- working day.
--   under 60 minutes                   1 minute
--   60 to 479 (one working day: 420)   5 minutes
--   480 to 2099 (5 working days)       30 minutes
--   2100 and more                      420 minutes (a working day)
-- Every boundary is a multiple of the widths below it, so the bucket is the
-- time rounded down to its width.
CREATE OR REPLACE FUNCTION casedesk.minutes_bucket(minutes int) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT minutes - minutes % CASE WHEN minutes < 60 THEN 1
                                    WHEN minutes < 480 THEN 5
                                    WHEN minutes < 2100 THEN 30
                                    ELSE 420 END;
$$;

-- The open-count bucket of an item, NULL when it is not open. Yellow and red
-- are the sweep's markers, not the clock: see the staleness note above.
CREATE OR REPLACE FUNCTION casedesk.open_bucket(status casedesk.item_status, alarm_level smallint)
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN status IN ('supplement', 'suspended') THEN 'paused'
        WHEN status NOT IN ('pending', 'claimed') THEN NULL
        WHEN alarm_level >= 2 THEN 'red'
        WHEN alarm_level = 1 THEN 'yellow'
        ELSE 'green'
    END;
$$;

-- The facts of a decided item.
--   on_time: decided by its current due time (moved by pauses, which do not
--     count against the department).
--   business_minutes: working time from entering the queue to the decision,
--     less the time paused.
--   first_pass (一次通过): approved with no rejection and no supplement
--     request (补正) before. A suspension (特别程序: expert review,
--     inspection) says nothing about the application's quality and does not
--     count against it.
CREATE OR REPLACE FUNCTION casedesk.decision_fact(item bigint, status casedesk.item_status,
                                       dept smallint, matter int, entered timestamptz,
                                       decided timestamptz, due timestamptz, paused int)
RETURNS casedesk.decided_item
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT item, decided, (decided AT TIME ZONE c.time_zone)::date, dept, matter,
           status = 'approved',
           CASE WHEN entered IS NOT NULL
                THEN greatest(casedesk.working_minutes_between(entered, decided) - paused, 0) END,
           coalesce(decided <= due, false),
           status = 'approved' AND NOT EXISTS (
               SELECT FROM casedesk.decision d
                WHERE d.item_id = decision_fact.item AND d.kind IN ('reject', 'supplement'))
      FROM casedesk.centre c;
$$;

-- Appends one signed delta row: an item's bucket (may be NULL) and its
-- decision facts (may be all NULL); nothing when both are empty.
CREATE OR REPLACE FUNCTION casedesk.note_delta(sign int, dept smallint, matter int, bucket text,
                                    fact casedesk.decided_item)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO casedesk.figure_delta (department_id, matter_type_id, green, yellow, red, paused,
                                       day, approved, rejected, on_time, first_pass, minutes,
                                       minutes_bucket)
    SELECT dept, matter,
           sign * coalesce((bucket = 'green')::int, 0),
           sign * coalesce((bucket = 'yellow')::int, 0),
           sign * coalesce((bucket = 'red')::int, 0),
           sign * coalesce((bucket = 'paused')::int, 0),
           fact.decided_day,
           sign * coalesce(fact.approved::int, 0),
           sign * coalesce((NOT fact.approved)::int, 0),
           sign * coalesce(fact.on_time::int, 0),
           sign * coalesce(fact.first_pass::int, 0),
           sign * coalesce(fact.business_minutes, 0),
           casedesk.minutes_bucket(fact.business_minutes)
     WHERE bucket IS NOT NULL OR fact.item_id IS NOT NULL;
$$;

-------------------------------------------------------------------------------
-- Triggers on case_item. The action functions are SECURITY DEFINER, so these
-- run as casedesk_owner there; they are definers themselves so that an
-- administrator's direct UPDATE keeps the figures too.

-- Updates and deletes, row by row: the item's old contribution goes out and
-- its new one comes in. The decided_item row is the record of what was
-- added for a decision, so the subtraction is exact even if the decision
-- rows changed since.
CREATE OR REPLACE FUNCTION casedesk.figures_track_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    old_matter int;
    new_matter int;
    ob text;
    nb text;
    refact boolean := true;
    gone casedesk.decided_item;
    fact casedesk.decided_item;
BEGIN
    SELECT cf.matter_type_id INTO old_matter FROM casedesk.case_file cf WHERE cf.id = OLD.case_id;
    ob := casedesk.open_bucket(OLD.status, OLD.alarm_level);
    IF TG_OP = 'UPDATE' THEN
        IF NEW.case_id = OLD.case_id THEN
            new_matter := old_matter;
        ELSE
            SELECT cf.matter_type_id INTO new_matter FROM casedesk.case_file cf WHERE cf.id = NEW.case_id;
        END IF;
        nb := casedesk.open_bucket(NEW.status, NEW.alarm_level);
        -- claim, release, reassign: the item stays where it is counted.
        IF (ob, OLD.department_id, old_matter) IS NOT DISTINCT FROM (nb, NEW.department_id, new_matter) THEN
            ob := NULL;
            nb := NULL;
        END IF;
        refact := (OLD.status, OLD.department_id, old_matter, OLD.entered_at, OLD.decided_at,
                   OLD.due_at, OLD.paused_minutes)
                  IS DISTINCT FROM (NEW.status, NEW.department_id, new_matter, NEW.entered_at,
                                    NEW.decided_at, NEW.due_at, NEW.paused_minutes);
    END IF;
    IF refact AND OLD.status IN ('approved', 'rejected') THEN
        DELETE FROM casedesk.decided_item WHERE item_id = OLD.id RETURNING * INTO gone;
    END IF;
    PERFORM casedesk.note_delta(-1, OLD.department_id, old_matter, ob, gone);
    IF TG_OP = 'UPDATE' THEN
        IF refact AND NEW.status IN ('approved', 'rejected') THEN
            fact := casedesk.decision_fact(NEW.id, NEW.status, NEW.department_id, new_matter,
                                           NEW.entered_at, NEW.decided_at, NEW.due_at,
                                           NEW.paused_minutes);
            INSERT INTO casedesk.decided_item SELECT (fact).*;
        END IF;
        PERFORM casedesk.note_delta(1, NEW.department_id, new_matter, nb, fact);
    END IF;
    RETURN NULL;
END
$$;

-- Inserts, a statement at a time: a bulk load adds one delta row per
-- department and matter type, not one per item.
CREATE OR REPLACE FUNCTION casedesk.figures_track_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    WITH n AS (
        SELECT i.id, i.status, i.department_id, cf.matter_type_id, i.entered_at, i.decided_at,
               i.due_at, i.paused_minutes, casedesk.open_bucket(i.status, i.alarm_level) AS bucket
          FROM new_items i
          JOIN casedesk.case_file cf ON cf.id = i.case_id
    ), facts AS (
        INSERT INTO casedesk.decided_item
        SELECT f.*
          FROM n
         CROSS JOIN LATERAL casedesk.decision_fact(n.id, n.status, n.department_id, n.matter_type_id,
                                                   n.entered_at, n.decided_at, n.due_at,
                                                   n.paused_minutes) f
         WHERE n.status IN ('approved', 'rejected')
        RETURNING *
    )
    INSERT INTO casedesk.figure_delta (department_id, matter_type_id, green, yellow, red, paused,
                                       day, approved, rejected, on_time, first_pass, minutes,
                                       minutes_bucket)
    SELECT n.department_id, n.matter_type_id,
           count(*) FILTER (WHERE n.bucket = 'green'), count(*) FILTER (WHERE n.bucket = 'yellow'),
           count(*) FILTER (WHERE n.bucket = 'red'), count(*) FILTER (WHERE n.bucket = 'paused'),
           NULL, 0, 0, 0, 0, 0, NULL
      FROM n WHERE n.bucket IS NOT NULL
     GROUP BY n.department_id, n.matter_type_id
    UNION ALL
    SELECT f.department_id, f.matter_type_id, 0, 0, 0, 0, f.decided_day,
           count(*) FILTER (WHERE f.approved), count(*) FILTER (WHERE NOT f.approved),
           count(*) FILTER (WHERE f.on_time), count(*) FILTER (WHERE f.first_pass),
           coalesce(sum(f.business_minutes), 0), casedesk.minutes_bucket(f.business_minutes)
      FROM facts f
     GROUP BY f.department_id, f.matter_type_id, f.decided_day,
              casedesk.minutes_bucket(f.business_minutes);
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER case_item_figures_insert AFTER INSERT ON casedesk.case_item
    REFERENCING NEW TABLE AS new_items
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.figures_track_insert();

-- Only changes that can move a figure call the function: claims, releases,
-- reassignments, annotations and change_seq bumps do not.
CREATE OR REPLACE TRIGGER case_item_figures_update AFTER UPDATE ON casedesk.case_item
    FOR EACH ROW
    WHEN ((OLD.status IS DISTINCT FROM NEW.status
           AND NOT (OLD.status IN ('pending', 'claimed') AND NEW.status IN ('pending', 'claimed')))
          OR OLD.alarm_level IS DISTINCT FROM NEW.alarm_level
          OR OLD.department_id IS DISTINCT FROM NEW.department_id
          OR OLD.case_id IS DISTINCT FROM NEW.case_id
          OR (NEW.status IN ('approved', 'rejected')
              AND (OLD.entered_at, OLD.decided_at, OLD.due_at, OLD.paused_minutes)
                  IS DISTINCT FROM (NEW.entered_at, NEW.decided_at, NEW.due_at, NEW.paused_minutes)))
    EXECUTE FUNCTION casedesk.figures_track_row();

CREATE OR REPLACE TRIGGER case_item_figures_delete AFTER DELETE ON casedesk.case_item
    FOR EACH ROW EXECUTE FUNCTION casedesk.figures_track_row();

-------------------------------------------------------------------------------
-- Folding and rebuilding.

-- Moves the deltas into the base tables; returns how many it moved. One
-- folder at a time (try-lock: the others just read base + deltas). Rows of
-- transactions still open are not visible and wait for the next fold. A
-- read-only transaction (a standby, a read-only console) does not fold, and
-- a REPEATABLE READ caller whose snapshot predates another fold skips it.
CREATE OR REPLACE FUNCTION casedesk.fold_item_figures() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    moved bigint := 0;
BEGIN
    IF current_setting('transaction_read_only')::boolean
       OR NOT pg_try_advisory_xact_lock(hashtext('casedesk.fold_figures')) THEN
        RETURN 0;
    END IF;
    BEGIN
        WITH gone AS (
            DELETE FROM casedesk.figure_delta RETURNING *
        ), opened AS (
            INSERT INTO casedesk.open_count AS o (department_id, matter_type_id, green, yellow, red, paused)
            SELECT g.department_id, g.matter_type_id, sum(g.green), sum(g.yellow), sum(g.red), sum(g.paused)
              FROM gone g
             GROUP BY g.department_id, g.matter_type_id
            HAVING sum(abs(g.green) + abs(g.yellow) + abs(g.red) + abs(g.paused)) > 0
            ON CONFLICT (department_id, matter_type_id) DO UPDATE
               SET green = o.green + EXCLUDED.green, yellow = o.yellow + EXCLUDED.yellow,
                   red = o.red + EXCLUDED.red, paused = o.paused + EXCLUDED.paused
        ), decided AS (
            INSERT INTO casedesk.decision_day AS d (day, department_id, matter_type_id, approved, rejected,
                                                    on_time, first_pass, decision_minutes_total)
            SELECT g.day, g.department_id, g.matter_type_id, sum(g.approved), sum(g.rejected),
                   sum(g.on_time), sum(g.first_pass), sum(g.minutes)
              FROM gone g
             WHERE g.day IS NOT NULL
             GROUP BY g.day, g.department_id, g.matter_type_id
            ON CONFLICT (day, department_id, matter_type_id) DO UPDATE
               SET approved = d.approved + EXCLUDED.approved, rejected = d.rejected + EXCLUDED.rejected,
                   on_time = d.on_time + EXCLUDED.on_time, first_pass = d.first_pass + EXCLUDED.first_pass,
                   decision_minutes_total = d.decision_minutes_total + EXCLUDED.decision_minutes_total
        ), timed AS (
            INSERT INTO casedesk.decision_minutes AS m (day, department_id, matter_type_id, bucket, n)
            SELECT g.day, g.department_id, g.matter_type_id, g.minutes_bucket,
                   sum(g.approved + g.rejected)
              FROM gone g
             WHERE g.day IS NOT NULL AND g.minutes_bucket IS NOT NULL
             GROUP BY g.day, g.department_id, g.matter_type_id, g.minutes_bucket
            ON CONFLICT (day, department_id, matter_type_id, bucket) DO UPDATE
               SET n = m.n + EXCLUDED.n
        )
        SELECT count(*) INTO moved FROM gone;
    EXCEPTION WHEN serialization_failure THEN
        RETURN 0;
    END;
    RETURN moved;
END
$$;

-- Recomputes every figure table from the items: at migration time for the
-- rows already there, and by an administrator who doubts the counts. Blocks
-- item writes meanwhile (one pass over case_item).
CREATE OR REPLACE FUNCTION casedesk.rebuild_item_figures() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    LOCK TABLE casedesk.case_item IN SHARE MODE;
    PERFORM pg_advisory_xact_lock(hashtext('casedesk.fold_figures'));
    DELETE FROM casedesk.figure_delta;
    DELETE FROM casedesk.open_count;
    DELETE FROM casedesk.decision_day;
    DELETE FROM casedesk.decision_minutes;
    DELETE FROM casedesk.decided_item;
    INSERT INTO casedesk.open_count (department_id, matter_type_id, green, yellow, red, paused)
    SELECT ci.department_id, cf.matter_type_id,
           count(*) FILTER (WHERE b.bucket = 'green'), count(*) FILTER (WHERE b.bucket = 'yellow'),
           count(*) FILTER (WHERE b.bucket = 'red'), count(*) FILTER (WHERE b.bucket = 'paused')
      FROM casedesk.case_item ci
      JOIN casedesk.case_file cf ON cf.id = ci.case_id
     CROSS JOIN LATERAL (SELECT casedesk.open_bucket(ci.status, ci.alarm_level) AS bucket) b
     WHERE b.bucket IS NOT NULL
     GROUP BY ci.department_id, cf.matter_type_id;
    INSERT INTO casedesk.decided_item
    SELECT f.*
      FROM casedesk.case_item ci
      JOIN casedesk.case_file cf ON cf.id = ci.case_id
     CROSS JOIN LATERAL casedesk.decision_fact(ci.id, ci.status, ci.department_id, cf.matter_type_id,
                                               ci.entered_at, ci.decided_at, ci.due_at,
                                               ci.paused_minutes) f
     WHERE ci.status IN ('approved', 'rejected');
    INSERT INTO casedesk.decision_day (day, department_id, matter_type_id, approved, rejected,
                                       on_time, first_pass, decision_minutes_total)
    SELECT decided_day, department_id, matter_type_id,
           count(*) FILTER (WHERE approved), count(*) FILTER (WHERE NOT approved),
           count(*) FILTER (WHERE on_time), count(*) FILTER (WHERE first_pass),
           coalesce(sum(business_minutes), 0)
      FROM casedesk.decided_item
     GROUP BY decided_day, department_id, matter_type_id;
    INSERT INTO casedesk.decision_minutes (day, department_id, matter_type_id, bucket, n)
    SELECT decided_day, department_id, matter_type_id, casedesk.minutes_bucket(business_minutes),
           count(*)
      FROM casedesk.decided_item
     WHERE business_minutes IS NOT NULL
     GROUP BY 1, 2, 3, 4;
END
$$;
