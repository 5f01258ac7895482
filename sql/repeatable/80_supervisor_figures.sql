-- Reading the supervisor's figures: per department and per matter type the
-- open load (open, yellow, red, paused), what was completed today / in 7 /
-- in 30 days, the on-time rate, the first-pass rate (一次通过率), the median
-- business time to a decision and the escalation response compliance; a
-- 14-day history for the small chart; and the item ids behind each figure.
-- Only supervisors may call them; they fold the deltas first.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-- Every figure of the home view, per department (by_department) or per
-- matter type, one row per department / matter type. One statement over the
-- small tables, never case_item nor decided_item. done_* count decisions
-- (approved or rejected) in whole days of the centre's time zone: today, the
-- last 7 and the last 30 days including today. The rates and the median are
-- over those 30 days; a rate is NULL when nothing was decided.
-- The median is the median to the bucket's resolution: percentile_cont(0.5)
-- of the decisions' bucket lower bounds (casedesk.minutes_bucket), that is
-- the lower bound of the middle decision's bucket, or for an even count the
-- mean of the two middle ones, rounded to the nearest minute. It is exact
-- below 60 minutes and can fall short of the exact median by less than a
-- bucket's width above (5, 30 or 420 minutes). NULL when no decision has a
-- business time. Ranks are counted from 1: the middle decisions are
-- (total + 1) / 2 and total / 2 + 1 (the same one for an odd total); each
-- lies in the first bucket whose running count reaches it.
-- Escalation compliance: esc_total counts the escalations raised in the last
-- 30 days whose outcome is known (acknowledged, or past respond_by without
-- acknowledgement), esc_in_time those acknowledged by respond_by. It is
-- escalation_day plus the unfolded deltas plus the escalations lapsed since
-- the last sweep.
CREATE OR REPLACE FUNCTION casedesk.figures_by(by_department boolean)
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
        -- See 070_supervision.sql for the ranks.
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
        SELECT CASE WHEN $1 THEN x.department_id ELSE x.matter_type_id END AS key,
               sum(x.in_time + x.late + x.missed) AS total, sum(x.in_time) AS in_time
          FROM (SELECT day, department_id, matter_type_id, in_time, late, missed
                  FROM casedesk.escalation_day
                 WHERE day > casedesk.centre_today() - 30
                UNION ALL
                SELECT day, department_id, matter_type_id, in_time, late, missed
                  FROM casedesk.escalation_delta
                 WHERE day > casedesk.centre_today() - 30
                UNION ALL
                -- Lapsed since the last sweep: counted as the sweep would
                -- mark them now.
                SELECT c.day, c.department_id, c.matter_type_id, c.in_time, c.late, c.missed
                  FROM casedesk.escalation e
                 CROSS JOIN LATERAL casedesk.escalation_counts(1, e.raised_at, e.department_id,
                                                               e.case_id, NULL, e.respond_by, now()) c
                 WHERE e.acknowledged_at IS NULL
                   AND (e.lapsed_at IS NULL OR e.lapsed_at < e.respond_by)
                   AND e.respond_by <= now()
                   AND c.day > casedesk.centre_today() - 30) x
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
CREATE OR REPLACE FUNCTION casedesk.history_by(dept smallint, matter int)
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

CREATE OR REPLACE FUNCTION casedesk.require_supervisor() RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM casedesk.require_job(casedesk.me(), 'supervisor');
END
$$;

-- The home view per department. figures_at: the instant the figures stand
-- for (yellow and red: as of the last sweep before it).
CREATE OR REPLACE FUNCTION casedesk.supervisor_figures()
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
CREATE OR REPLACE FUNCTION casedesk.matter_figures()
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
CREATE OR REPLACE FUNCTION casedesk.history_14d(department_id smallint DEFAULT NULL,
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

-- The lists behind the figures (figure_items below answers the green list
-- for all departments itself and calls this for every other one). Not
-- granted to anyone: figure_items checks the caller.
--
-- The ids of (at most lim) items behind a figure, for the console to list
-- through its queue query; department_id / matter_type_id NULL = all.
CREATE OR REPLACE FUNCTION casedesk.figure_items_kept(department_id smallint, figure text, lim int,
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

REVOKE EXECUTE ON FUNCTION casedesk.figure_items_kept(smallint, text, int, int) FROM casedesk_supervisor;

-- The drill-down behind a figure: the green list for all departments is
-- merged from the first page of each department (case_item_green), as
-- yellow and red are; every other list comes from figure_items_kept.
CREATE OR REPLACE FUNCTION casedesk.figure_items(department_id smallint, figure text, lim int,
                                      matter_type_id int DEFAULT NULL)
RETURNS SETOF bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF figure IS DISTINCT FROM 'green' OR $1 IS NOT NULL OR lim IS NULL OR lim < 1 THEN
        RETURN QUERY SELECT * FROM casedesk.figure_items_kept($1, figure, lim, $4);
        RETURN;
    END IF;
    PERFORM casedesk.require_supervisor();
    RETURN QUERY
    SELECT x.id
      FROM casedesk.department d
     CROSS JOIN LATERAL (
           SELECT ci.id, ci.due_at
             FROM casedesk.case_item ci
            WHERE ci.department_id = d.id AND ci.alarm_level = 0
              AND ci.status IN ('pending', 'claimed')
              AND ($4 IS NULL OR EXISTS (SELECT FROM casedesk.case_file cf
                                          WHERE cf.id = ci.case_id AND cf.matter_type_id = $4))
            ORDER BY ci.due_at, ci.id
            LIMIT lim) x
     ORDER BY x.due_at, x.id
     LIMIT lim;
END
$$;

GRANT EXECUTE ON FUNCTION casedesk.supervisor_figures(), casedesk.matter_figures(),
    casedesk.history_14d(smallint, int), casedesk.figure_items(smallint, text, int, int)
    TO casedesk_supervisor;
