-- The supervisor's figures: per department and per matter type the open
-- load (open, yellow, red, paused), what was completed today / in 7 / in 30
-- days, the on-time rate, the first-pass rate (一次通过率), the median
-- business time to a decision and the escalation response compliance; a
-- 14-day history for the small chart; and the item ids behind each figure.
--
-- The figures must cost the same with 1,000 items or 1,000,000, so nothing
-- here counts case_item rows when a supervisor looks:
--
--   * Every change of an item that moves a figure (filed, paused, resumed,
--     alarmed by the sweep, decided, moved) appends a delta row to
--     figure_delta from a trigger on case_item. Appending never waits for
--     anybody: fifty reviewers deciding in one department at once do not
--     queue on a shared counter row, and a transaction that touches several
--     departments cannot deadlock on counters (the alternative, several
--     counter slots per key updated in place, still waits within a slot and
--     can deadlock between a multi-item filing and the sweep).
--   * fold_figures() moves the deltas into open_count, decision_day and
--     decision_minutes, the small tables the figures are read from. Readers
--     fold first (under a try-lock; a reader that does not get it reads
--     base + deltas, which is the same sum), so the deltas stay as short as
--     the writes since the last look.
--   * Per decided item one narrow row (decided_item) keeps what a drill-down
--     and a rebuild need. The figures never read it: the median comes from
--     decision_minutes, a histogram of business minutes per day, department
--     and matter type on a fixed grid, so its cost follows days x
--     departments x matter types x buckets in use, not the number of
--     decisions (a month of decided_item at a large centre is hundreds of
--     thousands of rows).
--
-- Staleness. Open, paused and decision figures are exact as of the call
-- (figures_at). Yellow and red follow the sweep's alarm markers (alarm_level
-- of 060_sla_watch.sql), so an item that crossed yellow_at or due_at is
-- counted from the next sweep on: they lag by at most one sweep interval.
-- An item warned before a pause stays warned after it (the marker survives);
-- since a pause moves yellow_at and due_at by the time it lasted, such an
-- item is still yellow or red when it resumes.
SET ROLE casedesk_owner;

-------------------------------------------------------------------------------
-- Tables. None is granted to a job role: the figures are read through the
-- functions below, which check that the caller supervises.

-- Open items per department and matter type, in four disjoint buckets:
-- open = green + yellow + red + paused. Waiting items (not in the queue, no
-- clock) are in none.
CREATE TABLE casedesk.open_count (
    department_id  smallint NOT NULL REFERENCES casedesk.department,
    matter_type_id int NOT NULL REFERENCES casedesk.matter_type,
    green          int NOT NULL DEFAULT 0,
    yellow         int NOT NULL DEFAULT 0,
    red            int NOT NULL DEFAULT 0,
    paused         int NOT NULL DEFAULT 0,
    PRIMARY KEY (department_id, matter_type_id)
);

-- Decisions per day (in the centre's time zone), department and matter type.
-- Kept for every day, so longer histories need no new bookkeeping.
CREATE TABLE casedesk.decision_day (
    day                    date NOT NULL,
    department_id          smallint NOT NULL REFERENCES casedesk.department,
    matter_type_id         int NOT NULL REFERENCES casedesk.matter_type,
    approved               int NOT NULL DEFAULT 0,
    rejected               int NOT NULL DEFAULT 0,
    on_time                int NOT NULL DEFAULT 0,
    first_pass             int NOT NULL DEFAULT 0,
    decision_minutes_total bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_id, matter_type_id)
);

-- How many decisions of a day, department and matter type took a business
-- time in bucket (casedesk.minutes_bucket). Items without a business time
-- are in no bucket. Kept for every day, like decision_day.
CREATE TABLE casedesk.decision_minutes (
    day            date NOT NULL,
    department_id  smallint NOT NULL REFERENCES casedesk.department,
    matter_type_id int NOT NULL REFERENCES casedesk.matter_type,
    bucket         int NOT NULL,
    n              int NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_id, matter_type_id, bucket)
);

-- One row per decided item. business_minutes is NULL for an item that never
-- entered the queue (no clock to measure against).
CREATE TABLE casedesk.decided_item (
    item_id          bigint PRIMARY KEY,
    decided_at       timestamptz NOT NULL,
    decided_day      date NOT NULL,
    department_id    smallint NOT NULL,
    matter_type_id   int NOT NULL,
    approved         boolean NOT NULL,
    business_minutes int,
    on_time          boolean NOT NULL,
    first_pass       boolean NOT NULL
);
-- Rebuilding the histogram of a range of days, and checking it.
CREATE INDEX decided_item_day ON casedesk.decided_item (decided_day)
    INCLUDE (department_id, matter_type_id, business_minutes);
-- Drill-down from a department's decision figures.
CREATE INDEX decided_item_department ON casedesk.decided_item (department_id, decided_day, decided_at);

-- Changes not yet folded into open_count / decision_day / decision_minutes.
-- Signed: an item leaving a bucket or a decision being corrected adds -1
-- rows. day is set when the row carries decision figures; minutes_bucket
-- when those decisions have a business time, all of them in that bucket
-- (approved + rejected of the row is then their count in the histogram).
CREATE TABLE casedesk.figure_delta (
    department_id  smallint NOT NULL,
    matter_type_id int NOT NULL,
    green          int NOT NULL DEFAULT 0,
    yellow         int NOT NULL DEFAULT 0,
    red            int NOT NULL DEFAULT 0,
    paused         int NOT NULL DEFAULT 0,
    day            date,
    approved       int NOT NULL DEFAULT 0,
    rejected       int NOT NULL DEFAULT 0,
    on_time        int NOT NULL DEFAULT 0,
    first_pass     int NOT NULL DEFAULT 0,
    minutes        bigint NOT NULL DEFAULT 0,
    minutes_bucket int
);

-- Drill-down from the yellow, red and paused figures: these sets are small
-- next to the queue, and the open-queue index would have to be read past
-- every green item to find them.
CREATE INDEX case_item_alarmed ON casedesk.case_item (department_id, alarm_level, due_at, id)
    WHERE alarm_level > 0 AND status IN ('pending', 'claimed');
CREATE INDEX case_item_paused ON casedesk.case_item (department_id, paused_at, id)
    WHERE status IN ('supplement', 'suspended');

-- Escalation compliance looks at the last 30 days only.
CREATE INDEX escalation_raised_at ON casedesk.escalation (raised_at);

-------------------------------------------------------------------------------
-- What an item contributes.

CREATE FUNCTION casedesk.centre_today() RETURNS date
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT (now() AT TIME ZONE c.time_zone)::date FROM casedesk.centre c;
$$;

CREATE FUNCTION casedesk.centre_midnight(d date) RETURNS timestamptz
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
CREATE FUNCTION casedesk.minutes_bucket(minutes int) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT minutes - minutes % CASE WHEN minutes < 60 THEN 1
                                    WHEN minutes < 480 THEN 5
                                    WHEN minutes < 2100 THEN 30
                                    ELSE 420 END;
$$;

-- The open-count bucket of an item, NULL when it is not open. Yellow and red
-- are the sweep's markers, not the clock: see the staleness note above.
CREATE FUNCTION casedesk.open_bucket(status casedesk.item_status, alarm_level smallint)
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
CREATE FUNCTION casedesk.decision_fact(item bigint, status casedesk.item_status,
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
CREATE FUNCTION casedesk.note_delta(sign int, dept smallint, matter int, bucket text,
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
-- Triggers on case_item. The action functions of 030 are SECURITY DEFINER,
-- so these run as casedesk_owner there; they are definers themselves so that
-- an administrator's direct UPDATE keeps the figures too.

-- Updates and deletes, row by row: the item's old contribution goes out and
-- its new one comes in. The decided_item row is the record of what was
-- added for a decision, so the subtraction is exact even if the decision
-- rows changed since.
CREATE FUNCTION casedesk.figures_track_row() RETURNS trigger
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
CREATE FUNCTION casedesk.figures_track_insert() RETURNS trigger
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

CREATE TRIGGER case_item_figures_insert AFTER INSERT ON casedesk.case_item
    REFERENCING NEW TABLE AS new_items
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.figures_track_insert();
-- Only changes that can move a figure call the function: claims, releases,
-- reassignments, annotations and change_seq bumps do not.
CREATE TRIGGER case_item_figures_update AFTER UPDATE ON casedesk.case_item
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
CREATE TRIGGER case_item_figures_delete AFTER DELETE ON casedesk.case_item
    FOR EACH ROW EXECUTE FUNCTION casedesk.figures_track_row();

-------------------------------------------------------------------------------
-- Folding and rebuilding.

-- Moves the deltas into the base tables; returns how many it moved. One
-- folder at a time (try-lock: the others just read base + deltas). Rows of
-- transactions still open are not visible and wait for the next fold. A
-- read-only transaction (a standby, a read-only console) does not fold, and
-- a REPEATABLE READ caller whose snapshot predates another fold skips it.
CREATE FUNCTION casedesk.fold_figures() RETURNS bigint
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
CREATE FUNCTION casedesk.rebuild_figures() RETURNS void
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

SELECT casedesk.rebuild_figures();

-------------------------------------------------------------------------------
-- Reading the figures.

-- Every figure of the home view, per department (by_department) or per
-- matter type, one row per department / matter type. One statement over the
-- small tables and the last 30 days of escalations; never case_item nor
-- decided_item. done_* count decisions (approved or rejected) in whole days
-- of the centre's time zone: today, the last 7 and the last 30 days
-- including today. The rates and the median are over those 30 days; a rate
-- is NULL when nothing was decided.
-- The median is the median to the bucket's resolution: percentile_cont(0.5)
-- of the decisions' bucket lower bounds (casedesk.minutes_bucket), that is
-- the lower bound of the middle decision's bucket, or for an even count the
-- mean of the two middle ones, rounded to the nearest minute. It is exact
-- below 60 minutes and can fall short of the exact median by less than a
-- bucket's width above (5, 30 or 420 minutes). NULL when no decision has a
-- business time.
-- Escalation compliance: esc_total counts the escalations raised in the 30
-- days whose outcome is known (acknowledged, or past respond_by without
-- acknowledgement); esc_in_time those acknowledged by respond_by. One still
-- inside its response limit is in neither.
CREATE FUNCTION casedesk.figures_by(by_department boolean)
RETURNS TABLE (key int, open int, yellow int, red int, paused int, done_today int, done_7d int,
               done_30d int, on_time_rate numeric, first_pass_rate numeric, median_minutes int,
               esc_total int, esc_in_time int)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    WITH opened AS (
        SELECT CASE WHEN $1 THEN x.department_id ELSE x.matter_type_id END AS key,
               sum(x.green + x.yellow + x.red + x.paused) AS open, sum(x.yellow) AS yellow,
               sum(x.red) AS red, sum(x.paused) AS paused
          FROM (SELECT department_id, matter_type_id, green, yellow, red, paused
                  FROM casedesk.open_count
                UNION ALL
                SELECT department_id, matter_type_id, green, yellow, red, paused
                  FROM casedesk.figure_delta) x
         GROUP BY 1
    ), done AS (
        SELECT CASE WHEN $1 THEN x.department_id ELSE x.matter_type_id END AS key,
               sum(x.approved + x.rejected) FILTER (WHERE x.day = casedesk.centre_today()) AS today,
               sum(x.approved + x.rejected) FILTER (WHERE x.day > casedesk.centre_today() - 7) AS d7,
               sum(x.approved + x.rejected) AS d30, sum(x.on_time) AS on_time,
               sum(x.first_pass) AS first_pass
          FROM (SELECT day, department_id, matter_type_id, approved, rejected, on_time, first_pass
                  FROM casedesk.decision_day
                 WHERE day > casedesk.centre_today() - 30
                UNION ALL
                SELECT day, department_id, matter_type_id, approved, rejected, on_time, first_pass
                  FROM casedesk.figure_delta
                 WHERE day > casedesk.centre_today() - 30) x
         GROUP BY 1
    ), med AS (
        -- Ranks counted from 1: the middle decisions are (total + 1) / 2 and
        -- total / 2 + 1 (the same one for an odd total); each lies in the
        -- first bucket whose running count reaches it. total is cast back to
        -- bigint because a sum of bigint is numeric, and the ranks need
        -- integer division.
        SELECT h.key,
               round((min(h.bucket) FILTER (WHERE h.upto >= (h.total + 1) / 2)
                      + min(h.bucket) FILTER (WHERE h.upto >= h.total / 2 + 1)) / 2.0)::int AS minutes
          FROM (SELECT b.key, b.bucket,
                       sum(b.n) OVER (PARTITION BY b.key ORDER BY b.bucket) AS upto,
                       (sum(b.n) OVER (PARTITION BY b.key))::bigint AS total
                  FROM (SELECT CASE WHEN $1 THEN x.department_id ELSE x.matter_type_id END AS key,
                               x.bucket, sum(x.n) AS n
                          FROM (SELECT department_id, matter_type_id, bucket, n
                                  FROM casedesk.decision_minutes
                                 WHERE day > casedesk.centre_today() - 30
                                UNION ALL
                                SELECT department_id, matter_type_id, minutes_bucket,
                                       approved + rejected
                                  FROM casedesk.figure_delta
                                 WHERE day > casedesk.centre_today() - 30
                                   AND minutes_bucket IS NOT NULL) x
                         GROUP BY 1, 2
                        HAVING sum(x.n) > 0) b) h
         GROUP BY h.key
    ), esc AS (
        -- The case's matter is looked up per escalation, and only per
        -- matter type: a join would let the planner read all of case_file.
        SELECT CASE WHEN $1 THEN e.department_id
                    ELSE (SELECT cf.matter_type_id FROM casedesk.case_file cf WHERE cf.id = e.case_id)
               END AS key,
               count(*) FILTER (WHERE e.acknowledged_at IS NOT NULL OR e.respond_by <= now()) AS total,
               count(*) FILTER (WHERE e.acknowledged_at <= e.respond_by) AS in_time
          FROM casedesk.escalation e
         WHERE e.raised_at >= casedesk.centre_midnight(casedesk.centre_today() - 29)
         GROUP BY 1
    )
    SELECT k.id,
           coalesce(o.open, 0)::int, coalesce(o.yellow, 0)::int, coalesce(o.red, 0)::int,
           coalesce(o.paused, 0)::int,
           coalesce(d.today, 0)::int, coalesce(d.d7, 0)::int, coalesce(d.d30, 0)::int,
           round(d.on_time::numeric / nullif(d.d30, 0), 4),
           round(d.first_pass::numeric / nullif(d.d30, 0), 4),
           m.minutes,
           coalesce(e.total, 0)::int, coalesce(e.in_time, 0)::int
      FROM (SELECT id::int FROM casedesk.department WHERE $1
            UNION ALL
            SELECT id FROM casedesk.matter_type WHERE NOT $1) k
      LEFT JOIN opened o ON o.key = k.id
      LEFT JOIN done d ON d.key = k.id
      LEFT JOIN med m ON m.key = k.id
      LEFT JOIN esc e ON e.key = k.id
     ORDER BY k.id;
$$;

-- Decisions per day over the last 14 days (oldest first, days without any
-- decision as zeros), for one department and/or matter type or all.
CREATE FUNCTION casedesk.history_by(dept smallint, matter int)
RETURNS TABLE (day date, completed int, on_time int, first_pass int)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT g.day, coalesce(sum(x.approved + x.rejected), 0)::int,
           coalesce(sum(x.on_time), 0)::int, coalesce(sum(x.first_pass), 0)::int
      FROM (SELECT casedesk.centre_today() - i AS day FROM generate_series(0, 13) i) g
      LEFT JOIN (SELECT day, department_id, matter_type_id, approved, rejected, on_time, first_pass
                   FROM casedesk.decision_day
                  WHERE day > casedesk.centre_today() - 14
                 UNION ALL
                 SELECT day, department_id, matter_type_id, approved, rejected, on_time, first_pass
                   FROM casedesk.figure_delta
                  WHERE day > casedesk.centre_today() - 14) x
        ON x.day = g.day
       AND ($1 IS NULL OR x.department_id = $1)
       AND ($2 IS NULL OR x.matter_type_id = $2)
     GROUP BY g.day
     ORDER BY g.day;
$$;

CREATE FUNCTION casedesk.require_supervisor() RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM casedesk.require_job(casedesk.me(), 'supervisor');
END
$$;

-- The home view per department. figures_at: the instant the figures stand
-- for (yellow and red: as of the last sweep before it).
CREATE FUNCTION casedesk.supervisor_figures()
RETURNS TABLE (department_id smallint, department text, open int, yellow int, red int, paused int,
               done_today int, done_7d int, done_30d int, on_time_rate numeric,
               first_pass_rate numeric, median_minutes int, esc_total int, esc_in_time int,
               figures_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM casedesk.require_supervisor();
    PERFORM casedesk.fold_figures();
    RETURN QUERY
    SELECT d.id, d.name, f.open, f.yellow, f.red, f.paused, f.done_today, f.done_7d, f.done_30d,
           f.on_time_rate, f.first_pass_rate, f.median_minutes, f.esc_total, f.esc_in_time, now()
      FROM casedesk.figures_by(true) f
      JOIN casedesk.department d ON d.id = f.key
     ORDER BY d.id;
END
$$;

-- The same per matter type (一件事).
CREATE FUNCTION casedesk.matter_figures()
RETURNS TABLE (matter_type_id int, matter text, open int, yellow int, red int, paused int,
               done_today int, done_7d int, done_30d int, on_time_rate numeric,
               first_pass_rate numeric, median_minutes int, esc_total int, esc_in_time int,
               figures_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM casedesk.require_supervisor();
    PERFORM casedesk.fold_figures();
    RETURN QUERY
    SELECT m.id, m.name, f.open, f.yellow, f.red, f.paused, f.done_today, f.done_7d, f.done_30d,
           f.on_time_rate, f.first_pass_rate, f.median_minutes, f.esc_total, f.esc_in_time, now()
      FROM casedesk.figures_by(false) f
      JOIN casedesk.matter_type m ON m.id = f.key
     ORDER BY m.id;
END
$$;

-- The small chart: 14 rows, today last. NULL = every department / matter.
CREATE FUNCTION casedesk.history_14d(department_id smallint DEFAULT NULL,
                                     matter_type_id int DEFAULT NULL)
RETURNS TABLE (day date, completed int, on_time int, first_pass int)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM casedesk.require_supervisor();
    PERFORM casedesk.fold_figures();
    RETURN QUERY SELECT h.day, h.completed, h.on_time, h.first_pass FROM casedesk.history_by($1, $2) h;
END
$$;

-- The ids of (at most lim) items behind a figure, for the console to list
-- through its queue query; department_id / matter_type_id NULL = all.
--   open, green, yellow, red   open items, most urgent (earliest due) first
--   paused                     longest paused first
--   done_today, done_7d, done_30d
--                              decided in the window, latest first
--   late, not_first_pass       decided in the last 30 days and not on time /
--                              not first pass (behind the two rates)
--   esc_missed                 items behind escalations of the last 30 days
--                              not acknowledged in time, latest first
--                              (escalations about a whole case have no item)
-- Each figure reads an index whose size follows that figure, not the queue,
-- and about as many entries as it returns. Statements are built per call
-- (EXECUTE), so the planner sees which filters are present.
CREATE FUNCTION casedesk.figure_items(department_id smallint, figure text, lim int,
                                      matter_type_id int DEFAULT NULL)
RETURNS SETOF bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    cond text;
    sort_key text := 'ci.due_at';
    matter_filter text := '';
    fact_filter text := '';
    esc_filter text := '';
    since date;
BEGIN
    PERFORM casedesk.require_supervisor();
    IF lim IS NULL OR lim < 1 THEN
        RAISE EXCEPTION 'lim must be a positive number (got %)', lim USING ERRCODE = '22023';
    END IF;
    -- In the statements: $1 department, $2 lim, $3 matter type.
    IF $1 IS NOT NULL THEN
        fact_filter := ' AND di.department_id = $1';
        esc_filter := ' AND e.department_id = $1';
    END IF;
    IF $4 IS NOT NULL THEN
        matter_filter := ' AND EXISTS (SELECT FROM casedesk.case_file cf'
                         ' WHERE cf.id = ci.case_id AND cf.matter_type_id = $3)';
        fact_filter := fact_filter || ' AND di.matter_type_id = $3';
        esc_filter := esc_filter || ' AND cf.matter_type_id = $3';
    END IF;
    CASE figure
    WHEN 'open', 'green', 'yellow', 'red', 'paused' THEN
        cond := CASE figure
            WHEN 'open' THEN 'ci.status IN (''pending'', ''claimed'', ''supplement'', ''suspended'')'
            WHEN 'green' THEN 'ci.status IN (''pending'', ''claimed'') AND ci.alarm_level = 0'
            WHEN 'yellow' THEN 'ci.status IN (''pending'', ''claimed'') AND ci.alarm_level = 1'
            WHEN 'red' THEN 'ci.status IN (''pending'', ''claimed'') AND ci.alarm_level = 2'
            ELSE 'ci.status IN (''supplement'', ''suspended'')' END;
        IF figure = 'paused' THEN
            sort_key := 'ci.paused_at';
        END IF;
        IF $1 IS NOT NULL THEN
            RETURN QUERY EXECUTE
                'SELECT ci.id FROM casedesk.case_item ci WHERE ci.department_id = $1 AND ' || cond
                || matter_filter || ' ORDER BY ' || sort_key || ', ci.id LIMIT $2'
                USING $1, lim, $4;
        ELSIF figure IN ('open', 'green') THEN
            -- case_item_open_due_all is in due order across departments.
            RETURN QUERY EXECUTE
                'SELECT ci.id FROM casedesk.case_item ci WHERE ' || cond
                || matter_filter || ' ORDER BY ' || sort_key || ', ci.id LIMIT $2'
                USING $1, lim, $4;
        ELSE
            -- The alarmed and paused indexes are in order within a
            -- department: the first lim of each, merged.
            RETURN QUERY EXECUTE
                'SELECT x.id FROM casedesk.department d'
                ' CROSS JOIN LATERAL (SELECT ci.id, ' || sort_key || ' AS k FROM casedesk.case_item ci'
                ' WHERE ci.department_id = d.id AND ' || cond || matter_filter
                || ' ORDER BY ' || sort_key || ', ci.id LIMIT $2) x'
                ' ORDER BY x.k, x.id LIMIT $2'
                USING $1, lim, $4;
        END IF;
    WHEN 'done_today', 'done_7d', 'done_30d', 'late', 'not_first_pass' THEN
        since := casedesk.centre_today()
                 - CASE figure WHEN 'done_today' THEN 0 WHEN 'done_7d' THEN 6 ELSE 29 END;
        RETURN QUERY EXECUTE
            'SELECT di.item_id FROM casedesk.decided_item di WHERE di.decided_day >= $4'
            || CASE figure WHEN 'late' THEN ' AND NOT di.on_time'
                           WHEN 'not_first_pass' THEN ' AND NOT di.first_pass' ELSE '' END
            || fact_filter || ' ORDER BY di.decided_at DESC, di.item_id DESC LIMIT $2'
            USING $1, lim, $4, since;
    WHEN 'esc_missed' THEN
        RETURN QUERY EXECUTE
            'SELECT e.item_id FROM casedesk.escalation e'
            ' JOIN casedesk.case_file cf ON cf.id = e.case_id'
            ' WHERE e.raised_at >= casedesk.centre_midnight(casedesk.centre_today() - 29)'
            ' AND e.item_id IS NOT NULL'
            ' AND (e.acknowledged_at > e.respond_by'
            '      OR (e.acknowledged_at IS NULL AND e.respond_by <= now()))'
            || esc_filter
            || ' GROUP BY e.item_id ORDER BY max(e.raised_at) DESC, e.item_id LIMIT $2'
            USING $1, lim, $4;
    ELSE
        RAISE EXCEPTION 'no figure "%"', figure
            USING ERRCODE = '22023',
                  HINT = 'open, green, yellow, red, paused, done_today, done_7d, done_30d, late, not_first_pass, esc_missed';
    END CASE;
END
$$;

GRANT EXECUTE ON FUNCTION casedesk.supervisor_figures(), casedesk.matter_figures(),
    casedesk.history_14d(smallint, int), casedesk.figure_items(smallint, text, int, int)
    TO casedesk_supervisor;
