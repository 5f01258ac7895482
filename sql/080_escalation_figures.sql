-- Escalation response compliance kept like the other figures, and a sweep
-- that records what the figures need from the clock.
--
-- A supervisor's refresh read the last 30 days of escalations row by row to
-- count how many were acknowledged within their limit; a large centre
-- raises hundreds of thousands in a month. The counts per day (raised),
-- department and matter type are now kept in escalation_day, from delta rows
-- that a trigger on escalation appends and fold_figures() folds, as
-- 070_supervision.sql does for items.
--
-- An escalation's outcome:
--   in time   acknowledged by respond_by
--   late      acknowledged after respond_by
--   missed    not acknowledged, respond_by passed
--   (none)    not acknowledged, respond_by still ahead
-- "Missed" is the clock's doing, not a write's, so no trigger sees it
-- happen. The sweep, which already visits unanswered escalations, marks
-- each one it finds past respond_by (lapsed_at), and that write moves the
-- figures. Until the next sweep a reader adds the few lapsed since, through
-- a partial index of the unacknowledged, unmarked ones: the figures stay
-- exact as of the call, and their cost follows what lapsed since the last
-- sweep, not the month's escalations.
--
-- The sweep is rewritten here too: it marks lapses, and it no longer moves
-- an item's change_seq when it only raises the item's alarm marker. No
-- console shows the marker, and moving change_seq made every open console
-- reload its queue page after each sweep that found anything; the alarm's
-- escalation row still carries a change_seq and a NOTIFY.
SET ROLE casedesk_owner;

-------------------------------------------------------------------------------
-- The marker.

-- When the sweep found this escalation unacknowledged at or past
-- respond_by. It counts as missed only while respond_by <= lapsed_at: a
-- hand-on restarts the clock (a new respond_by) and so voids the marker
-- without anyone clearing it.
ALTER TABLE casedesk.escalation ADD COLUMN lapsed_at timestamptz;

-- What the sweep marks and a reader adds until then: unacknowledged and not
-- (validly) marked. Rows leave it when acknowledged or marked, so it holds
-- the escalations still running plus those lapsed since the last sweep.
CREATE INDEX escalation_lapse_watch ON casedesk.escalation (respond_by)
    WHERE acknowledged_at IS NULL AND (lapsed_at IS NULL OR lapsed_at < respond_by);

-------------------------------------------------------------------------------
-- Tables. Like the item figures, read only through the supervisor functions.

CREATE TABLE casedesk.escalation_day (
    day            date NOT NULL,               -- raised, in the centre's time zone
    department_id  smallint NOT NULL REFERENCES casedesk.department,
    matter_type_id int NOT NULL REFERENCES casedesk.matter_type,
    in_time        int NOT NULL DEFAULT 0,
    late           int NOT NULL DEFAULT 0,
    missed         int NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_id, matter_type_id)
);

-- Signed changes not yet folded into escalation_day.
CREATE TABLE casedesk.escalation_delta (
    day            date NOT NULL,
    department_id  smallint NOT NULL,
    matter_type_id int NOT NULL,
    in_time        int NOT NULL DEFAULT 0,
    late           int NOT NULL DEFAULT 0,
    missed         int NOT NULL DEFAULT 0
);

-------------------------------------------------------------------------------
-- What an escalation contributes. These two have no search_path of their
-- own so that the planner can inline them into the statements of the
-- triggers and the figures (a sweep after a quiet night passes hundreds of
-- thousands of rows through them): every name in them is qualified, they
-- are granted to nobody, and their callers set the path.

CREATE FUNCTION casedesk.escalation_outcome(acknowledged_at timestamptz, respond_by timestamptz,
                                            lapsed_at timestamptz)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN acknowledged_at <= respond_by THEN 'in_time'
                WHEN acknowledged_at IS NOT NULL THEN 'late'
                WHEN lapsed_at >= respond_by THEN 'missed' END;
$$;

-- The signed delta row of one escalation; no row while its outcome is open.
CREATE FUNCTION casedesk.escalation_counts(sign int, raised_at timestamptz, department_id smallint,
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

CREATE FUNCTION casedesk.escalation_figures_track() RETURNS trigger
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

CREATE TRIGGER escalation_figures_insert AFTER INSERT ON casedesk.escalation
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.escalation_figures_track();
CREATE TRIGGER escalation_figures_update AFTER UPDATE ON casedesk.escalation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.escalation_figures_track();
CREATE TRIGGER escalation_figures_delete AFTER DELETE ON casedesk.escalation
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.escalation_figures_track();

-------------------------------------------------------------------------------
-- Folding and rebuilding: fold_figures() and rebuild_figures() keep their
-- names and now do both kinds of figure; the item halves keep their code
-- under new names.

ALTER FUNCTION casedesk.fold_figures() RENAME TO fold_item_figures;
ALTER FUNCTION casedesk.rebuild_figures() RENAME TO rebuild_item_figures;

-- Moves the escalation deltas into escalation_day; returns how many. The
-- same rules as for the item figures: one folder at a time, under the same
-- try-lock (held already when called from fold_figures), not in a read-only
-- transaction, not from a snapshot older than another fold.
CREATE FUNCTION casedesk.fold_escalation_figures() RETURNS bigint
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

CREATE FUNCTION casedesk.fold_figures() RETURNS bigint
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
    SELECT casedesk.fold_item_figures() + casedesk.fold_escalation_figures();
$$;

-- Recomputes escalation_day from the escalations as they stand (lapse
-- markers included). Blocks escalation writes meanwhile.
CREATE FUNCTION casedesk.rebuild_escalation_figures() RETURNS void
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

CREATE FUNCTION casedesk.rebuild_figures() RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp AS $$
    SELECT casedesk.rebuild_item_figures();
    SELECT casedesk.rebuild_escalation_figures();
$$;

-------------------------------------------------------------------------------
-- The sweep.

-- At most this many of each kind per run (lapses marked, escalations moved
-- up, red alarms, yellow alarms), most urgent first; the next run goes on.
-- A run after a quiet night at a large centre would otherwise raise hundreds
-- of thousands at once, for most of a minute, while the console that ran it
-- waits for its answer.
ALTER TABLE casedesk.setting
    ADD COLUMN sweep_batch int NOT NULL DEFAULT 5000 CHECK (sweep_batch > 0);

-- Marks (at most lim of) the escalations found unacknowledged at or past
-- respond_by, longest overdue first; returns how many. No change_seq: nothing a console shows changes (it counts the
-- overdue time from respond_by itself).
CREATE FUNCTION casedesk.note_lapses(lim int) RETURNS int
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n int;
BEGIN
    UPDATE casedesk.escalation e
       SET lapsed_at = now()
     WHERE e.id IN (SELECT l.id FROM casedesk.escalation l
                     WHERE l.acknowledged_at IS NULL
                       AND (l.lapsed_at IS NULL OR l.lapsed_at < l.respond_by)
                       AND l.respond_by <= now()
                     ORDER BY l.respond_by LIMIT lim)
       -- Again on the row itself: an acknowledgement committed meanwhile
       -- is seen here, not in the list above.
       AND e.acknowledged_at IS NULL AND (e.lapsed_at IS NULL OR e.lapsed_at < e.respond_by)
       AND e.respond_by <= now();
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

-- Moves up every escalation nobody acknowledged by respond_by: a new one of
-- kind 'unanswered', one level higher, for the same department, item and
-- case; the old one is marked (escalated_at) and not moved again. Below the
-- top level only; at most lim, longest overdue first. Returns how many it
-- raised and the highest change_seq.
CREATE FUNCTION casedesk.move_unanswered(lim int, OUT raised int, OUT last_seq bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    WITH moved AS (
        UPDATE casedesk.escalation o
           SET escalated_at = now(), change_seq = nextval('casedesk.change_seq')
         WHERE o.id IN (SELECT u.id FROM casedesk.escalation u
                         WHERE u.acknowledged_at IS NULL AND u.resolved_at IS NULL
                           AND u.escalated_at IS NULL AND u.respond_by <= now()
                           AND u.level < (SELECT s.escalation_top_level FROM casedesk.setting s)
                         ORDER BY u.respond_by LIMIT lim)
           AND o.acknowledged_at IS NULL AND o.resolved_at IS NULL
           AND o.escalated_at IS NULL AND o.respond_by <= now()
           AND o.level < (SELECT s.escalation_top_level FROM casedesk.setting s)
        RETURNING o.*
    ), ins AS (
        INSERT INTO casedesk.escalation (item_id, case_id, department_id, addressee, kind,
                                         source, level, note, raised_by, respond_by,
                                         change_seq, escalated_from)
        SELECT m.item_id, m.case_id, m.department_id, NULL, 'unanswered', 'sweep',
               m.level + 1,
               format('第 %s 号督办（%s，第 %s 级，%s）未在 %s 前签收，升至第 %s 级',
                      m.id,
                      CASE m.kind WHEN 'question' THEN '咨询' WHEN 'yellow' THEN '黄牌'
                                  WHEN 'red' THEN '红牌' WHEN 'unanswered' THEN '未签收升级'
                                  ELSE m.kind END,
                      m.level, d.name, casedesk.note_time(m.respond_by), m.level + 1),
               current_user,
               casedesk.add_working_minutes(now(), k.response_minutes),
               nextval('casedesk.change_seq'), m.id
          FROM moved m
          JOIN casedesk.department d ON d.id = m.department_id
          JOIN casedesk.escalation_kind k ON k.kind = 'unanswered'
         ORDER BY m.id
        ON CONFLICT (escalated_from) DO NOTHING
        RETURNING *
    ), audited AS (
        INSERT INTO casedesk.audit (actor, action, item_id, case_id, escalation_id, after)
        SELECT session_user, 'sweep_unanswered', i.item_id, i.case_id, i.id, to_jsonb(i)
          FROM ins i
    )
    SELECT count(*), coalesce(max(i.change_seq), 0) INTO raised, last_seq FROM ins i;
END
$$;

-- One level of alarm: every open item that reached it (1 yellow: yellow_at
-- passed, due_at not yet; 2 red: due_at passed) and has no marker that
-- high gets the marker and one escalation of that kind for its department.
-- At most lim items, longest past the line first. Returns how many
-- escalations it raised and the highest change_seq. The two marker updates
-- are written out, one per level, so that each uses its partial index
-- (060_sla_watch.sql); the rest is shared. Each repeats its conditions on
-- the row it updates: a decision committed meanwhile is seen there.
CREATE FUNCTION casedesk.raise_alarms(alarm smallint, lim int, OUT raised int, OUT last_seq bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    hit bigint[];
    alarm_kind text := CASE alarm WHEN 2 THEN 'red' ELSE 'yellow' END;
BEGIN
    IF alarm = 2 THEN
        WITH h AS (
            UPDATE casedesk.case_item ci SET alarm_level = 2
             WHERE ci.id IN (SELECT w.id FROM casedesk.case_item w
                              WHERE w.alarm_level < 2 AND w.status IN ('pending', 'claimed')
                                AND w.due_at <= now()
                              ORDER BY w.due_at LIMIT lim)
               AND ci.alarm_level < 2 AND ci.status IN ('pending', 'claimed') AND ci.due_at <= now()
            RETURNING ci.id)
        SELECT array_agg(h.id) INTO hit FROM h;
    ELSE
        WITH h AS (
            UPDATE casedesk.case_item ci SET alarm_level = 1
             WHERE ci.id IN (SELECT w.id FROM casedesk.case_item w
                              WHERE w.alarm_level < 1 AND w.status IN ('pending', 'claimed')
                                AND w.yellow_at <= now() AND w.due_at > now()
                              ORDER BY w.yellow_at LIMIT lim)
               AND ci.alarm_level < 1 AND ci.status IN ('pending', 'claimed')
               AND ci.yellow_at <= now() AND ci.due_at > now()
            RETURNING ci.id)
        SELECT array_agg(h.id) INTO hit FROM h;
    END IF;
    WITH ins AS (
        INSERT INTO casedesk.escalation (item_id, case_id, department_id, addressee, kind,
                                         source, level, note, raised_by, respond_by, change_seq)
        SELECT ci.id, ci.case_id, ci.department_id, NULL, alarm_kind, 'sweep', alarm,
               CASE alarm
                   WHEN 2 THEN format('红牌：%s（办件 %s）已超过办理时限，应于 %s 前办结',
                                      it.name, cf.case_no, casedesk.note_time(ci.due_at))
                   ELSE format('黄牌：%s（办件 %s）已用去办理时限的 %s%%，应于 %s 前办结',
                               it.name, cf.case_no, round(it.yellow_fraction * 100),
                               casedesk.note_time(ci.due_at)) END,
               current_user,
               casedesk.add_working_minutes(now(), k.response_minutes),
               nextval('casedesk.change_seq')
          FROM unnest(hit) AS x(id)
          JOIN casedesk.case_item ci ON ci.id = x.id
          JOIN casedesk.item_type it ON it.id = ci.item_type_id
          JOIN casedesk.case_file cf ON cf.id = ci.case_id
          JOIN casedesk.escalation_kind k ON k.kind = alarm_kind
         ORDER BY ci.id
        ON CONFLICT (item_id, kind) WHERE kind IN ('yellow', 'red') AND source = 'sweep'
        DO NOTHING
        RETURNING *
    ), audited AS (
        INSERT INTO casedesk.audit (actor, action, item_id, case_id, escalation_id, after)
        SELECT session_user, 'sweep_' || i.kind, i.item_id, i.case_id, i.id, to_jsonb(i)
          FROM ins i
    )
    SELECT count(*), coalesce(max(i.change_seq), 0) INTO raised, last_seq FROM ins i;
END
$$;

-- Raises what the clock asks for and returns how many escalations it raised:
--   * marks the escalations that went unanswered past respond_by (lapsed_at,
--     for the compliance figures);
--   * moves them up a level (move_unanswered);
--   * an open item past its due time: one 'red' alarm, level 2 (its on-call
--     staff and the supervisors);
--   * an open item past yellow_at: one 'yellow' alarm, level 1. An item
--     found already red gets the red alarm only: a warning that time is
--     nearly up says nothing once it is up.
-- Unanswered first, so that the alarms raised after (respond_by still
-- ahead) are not looked at in the same run; red before yellow, so that what
-- is left for yellow is not yet red (the yellow pass skips overdue items
-- even when the red one stopped at its batch). Each kind at most
-- setting.sweep_batch per run, most overdue first; what is left waits for
-- the next run. Paused and waiting items are not looked at. Each escalation
-- gets its own change_seq and an audit row (the actor is whoever's console
-- ran the sweep); the run sends one NOTIFY, "SEQ sweep N" with the highest
-- change_seq it wrote. An item's alarm marker changes neither its version
-- nor its change_seq.
--
-- Any console may call it every few seconds: whoever gets the advisory lock
-- does the work, the others return 0 at once. A caller whose snapshot is
-- older than the last sweep's commit (REPEATABLE READ begun earlier) would
-- trip over rows that sweep changed; it returns 0 too. The unique indexes
-- hold if all else fails.
CREATE OR REPLACE FUNCTION casedesk.sweep() RETURNS int
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    raised int;
    last_seq bigint;
    alarm smallint;
    lim int := (SELECT s.sweep_batch FROM casedesk.setting s);
    r record;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('casedesk.sweep')) THEN
        RETURN 0;
    END IF;
    BEGIN
        PERFORM casedesk.note_lapses(lim);
        SELECT * INTO r FROM casedesk.move_unanswered(lim);
        raised := r.raised;
        last_seq := r.last_seq;
        FOREACH alarm IN ARRAY ARRAY[2, 1]::smallint[] LOOP
            SELECT * INTO r FROM casedesk.raise_alarms(alarm, lim);
            raised := raised + r.raised;
            last_seq := greatest(last_seq, r.last_seq);
        END LOOP;
    EXCEPTION WHEN serialization_failure THEN
        -- Another sweep committed after this transaction's snapshot was
        -- taken and did the work; everything above is undone.
        RETURN 0;
    END;
    -- One wake-up for the whole run, not one per escalation: a sweep after a
    -- quiet night may raise thousands, and every console would hear each.
    IF raised > 0 THEN
        PERFORM pg_notify('casedesk', last_seq || ' sweep ' || raised);
    END IF;
    RETURN raised;
END
$$;

-------------------------------------------------------------------------------
-- The figures read the kept compliance counts.

-- As in 070_supervision.sql; only the escalation compliance (esc) differs:
-- esc_total counts the escalations raised in the last 30 days whose outcome
-- is known (acknowledged, or past respond_by without acknowledgement),
-- esc_in_time those acknowledged by respond_by. It is escalation_day plus
-- the unfolded deltas plus the escalations lapsed since the last sweep.
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

-------------------------------------------------------------------------------
-- The escalations already there: marked as a sweep would, then counted.

SELECT casedesk.note_lapses(2147483647);
SELECT casedesk.rebuild_escalation_figures();
