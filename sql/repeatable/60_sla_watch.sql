-- Watching the time limits: an item's urgency (green, yellow, red, paused,
-- done), a matter's urgency and projected due time along its critical path,
-- the blocks of business time a console counts down in, and the sweep that
-- raises yellow and red alarms, marks escalations that went unanswered and
-- moves them up a level.
--
-- Pauses themselves (补正, 特别程序) are actions: see request_supplement,
-- suspend and resume in 30_item_actions.sql.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-------------------------------------------------------------------------------
-- Urgency.

-- An item's urgency at an instant. Yellow from yellow_at on, red from due_at
-- on: at the due instant no business time is left. A waiting item has no
-- clock yet, so nothing can be late: green (its matter's projection shows
-- what its predecessors' delays mean for it). A paused item stays paused
-- even past its due time, which moves when it resumes.
CREATE OR REPLACE FUNCTION casedesk.item_urgency(status casedesk.item_status, due_at timestamptz,
                                      yellow_at timestamptz, at timestamptz)
RETURNS casedesk.urgency
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN status IS NULL THEN NULL
        WHEN status IN ('approved', 'rejected') THEN 'done'
        WHEN status IN ('supplement', 'suspended') THEN 'paused'
        WHEN status = 'waiting' THEN 'green'
        WHEN at IS NULL THEN NULL
        WHEN at >= due_at THEN 'red'
        WHEN at >= yellow_at THEN 'yellow'
        ELSE 'green'
    END::casedesk.urgency;
$$;

-- Whether the caller may see a case: the row-level policy item_read of
-- 40_security.sql (a case is visible with any of its items), for definer
-- functions to ask on the caller's behalf. Keep the two in step, and
-- casedesk.find_cases (67_intake.sql), which writes the rule out. Members of
-- the owner role (administrators, superusers) see every case.
--
-- PL/pgSQL, each job's rule a statement of its own: a SQL function is
-- planned at every call, and planning the whole CASE estimated the on-call
-- rule's array by running oncall_items() (a scan of every escalation)
-- whatever the caller's job. The arrays are read into variables first for
-- the same reason.
CREATE OR REPLACE FUNCTION casedesk.may_see_case(kase bigint) RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    job casedesk.job := casedesk.my_job();
    ids bigint[];
    depts smallint[];
BEGIN
    IF job IN ('supervisor', 'window') THEN
        RETURN true;
    ELSIF job = 'reviewer' THEN
        depts := casedesk.my_departments();
        RETURN EXISTS (SELECT FROM casedesk.case_item ci
                        WHERE ci.case_id = kase AND ci.department_id = ANY (depts));
    ELSIF job = 'oncall' THEN
        ids := casedesk.oncall_items();
        RETURN EXISTS (SELECT FROM casedesk.case_item ci
                        WHERE ci.case_id = kase AND ci.id = ANY (ids));
    END IF;
    RETURN pg_catalog.pg_has_role(session_user, 'casedesk_owner', 'MEMBER');
END
$$;

-- A matter (一件事) at this moment: as urgent as its most urgent item (red,
-- yellow, green, paused, done in that order; waiting items take no part,
-- their predecessors speak for them), and due when its last item is
-- projected to be done.
--
-- An item's projected end: its decision time once decided; its due time
-- while it runs; for a paused item, its due time moved by the business time
-- paused so far (what it would be if it resumed now); for a waiting item,
-- sla_due from the latest projected end of its predecessors (the critical
-- path, over chains of any length). sla_due never goes back when its start
-- moves later, so the longest path found by walking every dependency path
-- from the started items is the latest one. A successor of a rejected item
-- never starts; it is projected as if it started at the rejection.
--
-- Definer, so that everyone who may see a case gets the same answer: under
-- row-level security a reviewer would project the matter from their own
-- department's items only. A case the caller may not see gives no row, like
-- a case that does not exist.
CREATE OR REPLACE FUNCTION casedesk.case_projection(case_id bigint)
RETURNS TABLE (urgency casedesk.urgency, projected_due timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    WITH RECURSIVE item AS (
        SELECT ci.id, ci.item_type_id, ci.status, ci.due_at, ci.yellow_at, ci.paused_at,
               ci.decided_at, ci.limit_value, ci.limit_unit
          FROM casedesk.case_item ci
         WHERE ci.case_id = $1
           AND (SELECT casedesk.may_see_case($1))
    ), edge AS (
        SELECT s.id AS succ, p.id AS pred
          FROM casedesk.case_file cf
          JOIN casedesk.matter_dependency d ON d.matter_type_id = cf.matter_type_id
          JOIN item s ON s.item_type_id = d.item_type_id
          JOIN item p ON p.item_type_id = d.after_item_id
         WHERE cf.id = $1
    ), path (id, ends, seen) AS (
        SELECT i.id,
               CASE WHEN i.status IN ('approved', 'rejected') THEN i.decided_at
                    WHEN i.status IN ('supplement', 'suspended')
                        THEN casedesk.add_working_minutes(
                                 i.due_at, casedesk.working_minutes_between(i.paused_at, now()))
                    ELSE i.due_at END,
               ARRAY[i.id]
          FROM item i
         WHERE i.status <> 'waiting'
        UNION ALL
        SELECT s.id, casedesk.sla_due(p.ends, s.limit_value, s.limit_unit), p.seen || s.id
          FROM path p
          JOIN edge e ON e.pred = p.id
          JOIN item s ON s.id = e.succ
         WHERE s.status = 'waiting'
           AND NOT s.id = ANY (p.seen)     -- a cyclic flow chart must not loop
    )
    SELECT (array_agg(u.level ORDER BY array_position(
                ARRAY['red', 'yellow', 'green', 'paused', 'done']::casedesk.urgency[], u.level))
                FILTER (WHERE u.level IS NOT NULL))[1],
           max(u.ends)
      FROM (SELECT i.id,
                   CASE WHEN i.status <> 'waiting'
                        THEN casedesk.item_urgency(i.status, i.due_at, i.yellow_at, now()) END
                       AS level,
                   (SELECT max(p.ends) FROM path p WHERE p.id = i.id) AS ends
              FROM item i) u
    HAVING count(*) > 0;
$$;

-- Every block of business time that overlaps [a, b), whole and in order, as
-- instants; none when b <= a. A console loads them once and counts its SLA
-- clocks down locally; blocks that touch are returned as configured.
CREATE OR REPLACE FUNCTION casedesk.business_intervals(a timestamptz, b timestamptz)
RETURNS TABLE (opens timestamptz, closes timestamptz)
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT (d.day + bh.opens) AT TIME ZONE c.time_zone,
           (d.day + bh.closes) AT TIME ZONE c.time_zone
      FROM casedesk.centre c
     CROSS JOIN LATERAL (SELECT a AT TIME ZONE c.time_zone AS la,
                                b AT TIME ZONE c.time_zone AS lb) l
     CROSS JOIN LATERAL (SELECT l.la::date + g.i AS day
                           FROM pg_catalog.generate_series(0, l.lb::date - l.la::date) g(i)) d
      LEFT JOIN casedesk.calendar_day cd ON cd.day = d.day
     CROSS JOIN casedesk.business_hours bh
     WHERE a < b
       AND CASE cd.kind WHEN 'holiday' THEN false
                        WHEN 'workday' THEN true
                        ELSE extract(isodow FROM d.day) < 6 END
       AND d.day + bh.closes > l.la
       AND d.day + bh.opens < l.lb
     ORDER BY 1;
$$;

-------------------------------------------------------------------------------
-- The sweep. It is the system's action, not its caller's: its audit rows
-- name casedesk_owner as the actor, as its escalations name it as raiser.
-- Nobody can stop it: it takes no lock a user could also take (an advisory
-- key is anyone's), only the rows it changes, and those with SKIP LOCKED,
-- so a row held elsewhere (an action's transaction left open, another
-- sweep) waits for the next run while the rest go on.

-- A time written into a stored note: the date too, since "10:32" would mean
-- another day tomorrow.
CREATE OR REPLACE FUNCTION casedesk.note_time(ts timestamptz) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT to_char(ts AT TIME ZONE c.time_zone, 'YYYY-MM-DD HH24:MI') FROM casedesk.centre c;
$$;

-- Marks (at most lim of) the escalations found unacknowledged at or past
-- respond_by, longest overdue first; returns how many. No change_seq:
-- nothing a console shows changes (it counts the overdue time from
-- respond_by itself).
CREATE OR REPLACE FUNCTION casedesk.note_lapses(lim int) RETURNS int
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n int;
    todo bigint[];
BEGIN
    -- Chosen and locked in a statement of their own: as a subquery of the
    -- update it would run again for every row, and each run would skip
    -- the rows already updated and lock the next ones, past the batch.
    SELECT array_agg(l.id) INTO todo
      FROM (SELECT l.id FROM casedesk.escalation l
             WHERE l.acknowledged_at IS NULL
               AND (l.lapsed_at IS NULL OR l.lapsed_at < l.respond_by)
               AND l.respond_by <= now()
             ORDER BY l.respond_by LIMIT lim
             FOR UPDATE SKIP LOCKED) l;
    UPDATE casedesk.escalation e
       SET lapsed_at = now()
     WHERE e.id = ANY (todo)
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
CREATE OR REPLACE FUNCTION casedesk.move_unanswered(lim int, OUT raised int, OUT last_seq bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    todo bigint[];
BEGIN
    SELECT array_agg(u.id) INTO todo
      FROM (SELECT u.id FROM casedesk.escalation u
             WHERE u.acknowledged_at IS NULL AND u.resolved_at IS NULL
               AND u.escalated_at IS NULL AND u.respond_by <= now()
               AND u.level < (SELECT s.escalation_top_level FROM casedesk.setting s)
             ORDER BY u.respond_by LIMIT lim
             FOR UPDATE SKIP LOCKED) u;
    WITH moved AS (
        UPDATE casedesk.escalation o
           SET escalated_at = now(), change_seq = nextval('casedesk.change_seq')
         WHERE o.id = ANY (todo)
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
        SELECT current_user, 'sweep_unanswered', i.item_id, i.case_id, i.id, to_jsonb(i)
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
-- (of 060_sla_watch.sql); the rest is shared. Each repeats its conditions on
-- the row it updates: a decision committed meanwhile is seen there.
CREATE OR REPLACE FUNCTION casedesk.raise_alarms(alarm smallint, lim int, OUT raised int, OUT last_seq bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    hit bigint[];
    todo bigint[];
    alarm_kind text := CASE alarm WHEN 2 THEN 'red' ELSE 'yellow' END;
BEGIN
    IF alarm = 2 THEN
        SELECT array_agg(w.id) INTO todo
          FROM (SELECT w.id FROM casedesk.case_item w
                 WHERE w.alarm_level < 2 AND w.status IN ('pending', 'claimed')
                   AND w.due_at <= now()
                 ORDER BY w.due_at LIMIT lim
                 FOR UPDATE SKIP LOCKED) w;
        WITH h AS (
            UPDATE casedesk.case_item ci SET alarm_level = 2
             WHERE ci.id = ANY (todo)
               AND ci.alarm_level < 2 AND ci.status IN ('pending', 'claimed') AND ci.due_at <= now()
            RETURNING ci.id)
        SELECT array_agg(h.id) INTO hit FROM h;
    ELSE
        SELECT array_agg(w.id) INTO todo
          FROM (SELECT w.id FROM casedesk.case_item w
                 WHERE w.alarm_level < 1 AND w.status IN ('pending', 'claimed')
                   AND w.yellow_at <= now() AND w.due_at > now()
                 ORDER BY w.yellow_at LIMIT lim
                 FOR UPDATE SKIP LOCKED) w;
        WITH h AS (
            UPDATE casedesk.case_item ci SET alarm_level = 1
             WHERE ci.id = ANY (todo)
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
                               it.name, cf.case_no, round(ci.yellow_fraction * 100),
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
        SELECT current_user, 'sweep_' || i.kind, i.item_id, i.case_id, i.id, to_jsonb(i)
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
-- gets its own change_seq and an audit row (the actor is the system,
-- casedesk_owner); the run sends one NOTIFY, "SEQ sweep N" with the highest
-- change_seq it wrote. An item's alarm marker changes neither its version
-- nor its change_seq.
--
-- Only active staff (and administrators, members of the owner role) may run
-- it. Any console may call it every few seconds: concurrent runs share the
-- work, each taking the rows no other holds. A caller whose snapshot is
-- older than another sweep's commit (REPEATABLE READ begun earlier) would
-- trip over rows that sweep changed; it returns 0. The unique indexes hold
-- if all else fails.
CREATE OR REPLACE FUNCTION casedesk.sweep() RETURNS int
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    raised int;
    last_seq bigint;
    alarm smallint;
    lim int := (SELECT s.sweep_batch FROM casedesk.setting s);
    r record;
BEGIN
    IF casedesk.my_job() IS NULL
       AND NOT pg_catalog.pg_has_role(session_user, 'casedesk_owner', 'MEMBER') THEN
        RAISE EXCEPTION 'login % is not casedesk staff', session_user USING ERRCODE = '42501';
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
    -- The kept figures' deltas folded once per period for the centre, so
    -- that what reads them (figures, meters) adds up a short list without
    -- folding on every read.
    PERFORM casedesk.fold_figures();
    -- Recorded for sweep_due, unless another transaction holds the clock
    -- (a sweep running, or one left open): this run is not stopped for it.
    UPDATE casedesk.sweep_clock SET last_run = clock_timestamp(), runs = runs + 1
     WHERE id IN (SELECT c.id FROM casedesk.sweep_clock c FOR UPDATE SKIP LOCKED);
    RETURN raised;
END
$$;

-- The consoles' sweep: once per centre per period (seconds), however many
-- consoles are open, and by one console's backend while it keeps sweeping.
-- Most calls find the period not over and return after one plain read (no
-- row lock, no transaction id: hundreds of idle consoles ask every period).
-- When it is over, the console that swept last (sweep_clock.sweeper) sweeps
-- again, or any console when nobody is recorded; the others leave it to
-- that one until half a period more has passed without a sweep (its console
-- closed or stuck), and then the first to ask takes over. Within a period,
-- nine tenths is enough: consoles tick on the same grid, and a sweep a
-- moment early must not push the next one a whole period back. The sweeper
-- takes the clock's row (SKIP LOCKED: consoles that ask at the same instant
-- do not wait). A clock row held longer than two periods is not a sweep
-- running but a transaction left open: then the console sweeps anyway,
-- unrecorded, so that nobody can stop the alarms. Returns how many
-- escalations it raised, 0 when it did not sweep.
CREATE OR REPLACE FUNCTION casedesk.sweep_due(period int) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    span interval := greatest(coalesce(period, 10), 1) * interval '1 second';
    last timestamptz;
    held timestamptz;
    who int;
BEGIN
    SELECT c.last_run, c.sweeper INTO last, who FROM casedesk.sweep_clock c;
    IF last > clock_timestamp() - span * 0.9 THEN
        RETURN 0;
    END IF;
    IF who <> pg_backend_pid() AND last > clock_timestamp() - span * 1.5 THEN
        RETURN 0;
    END IF;
    SELECT c.last_run INTO held FROM casedesk.sweep_clock c FOR UPDATE SKIP LOCKED;
    IF FOUND THEN
        IF held > clock_timestamp() - span * 0.9 THEN
            RETURN 0;
        END IF;
        UPDATE casedesk.sweep_clock SET sweeper = pg_backend_pid()
         WHERE sweeper IS DISTINCT FROM pg_backend_pid();
    ELSIF last > clock_timestamp() - span * 2 THEN
        RETURN 0;
    END IF;
    RETURN casedesk.sweep();
END
$$;

-- Whether the caller's backend is the one recorded as sweeping: that
-- console keeps asking every period, the others only now and then (see
-- console_check).
CREATE OR REPLACE FUNCTION casedesk.is_sweeper() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT coalesce(c.sweeper = pg_backend_pid(), false) FROM casedesk.sweep_clock c;
$$;

-- A console's periodic check in one call: the sweep when due (period in
-- seconds; NULL: no sweep), the newest item and escalation changes the
-- caller may see (row-level security: the caller's, so this is not a
-- definer's function), or the ones given when nothing newer is visible,
-- and the meters when asked for (casedesk.my_meters(); NULL otherwise: a
-- console asks when it has none, when a fetch came back without them, and
-- now and then for what time alone changes, so that most checks cost only
-- the two lookups). sweeper: whether the caller's backend is now the one
-- that sweeps (NULL without a period); the console that is asks again
-- after a period, the others after their longer fallback, when they also
-- take the sweep over if it has stopped. Its plans are generic and kept
-- for the session: the console sets force_custom_plan for its pages, and
-- planning these lookups under the policies each period would cost
-- several times what running them does.
-- Dropped first: CREATE OR REPLACE cannot add a column to what it returns.
DROP FUNCTION IF EXISTS casedesk.console_check(bigint, bigint, int, boolean);
CREATE FUNCTION casedesk.console_check(items bigint, escalations bigint, period int,
    want_meters boolean,
    OUT swept int, OUT item_seq bigint, OUT escalation_seq bigint, OUT meters text,
    OUT sweeper boolean)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- Before the sweep: its own alarms come with its notification, as
    -- everyone's do.
    item_seq := greatest((SELECT max(ci.change_seq) FROM casedesk.case_item ci
                           WHERE ci.change_seq > items), items);
    escalation_seq := greatest((SELECT max(e.change_seq) FROM casedesk.escalation e
                                 WHERE e.change_seq > escalations), escalations);
    IF want_meters THEN
        meters := casedesk.my_meters();
    END IF;
    IF period IS NULL THEN
        swept := 0;
    ELSE
        swept := casedesk.sweep_due(period);
        sweeper := casedesk.is_sweeper();
    END IF;
END
$$;

GRANT EXECUTE ON FUNCTION
    casedesk.item_urgency(casedesk.item_status, timestamptz, timestamptz, timestamptz),
    casedesk.case_projection(bigint),
    casedesk.business_intervals(timestamptz, timestamptz),
    casedesk.sweep(),
    casedesk.sweep_due(int),
    casedesk.is_sweeper(),
    casedesk.console_check(bigint, bigint, int, boolean)
    TO casedesk_staff;
