-- Watching the time limits: an item's urgency (green, yellow, red, paused,
-- done), a matter's urgency and projected due time along its critical path,
-- the blocks of business time a console counts down in, and the sweep that
-- raises yellow and red alarms and moves unanswered escalations up a level.
--
-- Pauses themselves (补正, 特别程序) are actions: see request_supplement,
-- suspend and resume in 030_actions.sql.
SET ROLE casedesk_owner;

-- The alarms the sweep has raised for an item: 0 none, 1 yellow, 2 red. The
-- sweep only looks at items whose marker is below the level they reached, so
-- its cost follows the items changing level, not the length of the queue.
-- The marker survives a pause: an item already warned is not warned again
-- after it resumes.
ALTER TABLE casedesk.case_item
    ADD COLUMN alarm_level smallint NOT NULL DEFAULT 0 CHECK (alarm_level BETWEEN 0 AND 2);

-- Paused items are left out: their due time is stale until they resume, and
-- long pauses must not make every sweep read them again.
CREATE INDEX case_item_yellow_watch ON casedesk.case_item (yellow_at)
    WHERE alarm_level < 1 AND status IN ('pending', 'claimed');
CREATE INDEX case_item_red_watch ON casedesk.case_item (due_at)
    WHERE alarm_level < 2 AND status IN ('pending', 'claimed');

-- escalated_at: when the sweep moved this escalation up because nobody
-- acknowledged it in time; from then on the higher level owns it, so it is
-- not moved again (not even after a hand-on). escalated_from: on the
-- escalation the sweep raised instead, the one that went unanswered; unique,
-- so that an escalation moves up once even if two sweeps raced past the lock.
ALTER TABLE casedesk.escalation
    ADD COLUMN escalated_at timestamptz,
    ADD COLUMN escalated_from bigint UNIQUE REFERENCES casedesk.escalation;

CREATE INDEX escalation_unanswered_watch ON casedesk.escalation (respond_by)
    WHERE acknowledged_at IS NULL AND resolved_at IS NULL AND escalated_at IS NULL;

-- One yellow and one red alarm per item, whatever happens to the markers.
CREATE UNIQUE INDEX escalation_one_sweep_alarm ON casedesk.escalation (item_id, kind)
    WHERE kind IN ('yellow', 'red') AND source = 'sweep';

-- Above this level an unanswered escalation stays where it is (and stays
-- overdue on every console). Without a ceiling an alarm nobody watches would
-- spawn a new escalation every response period all day long.
ALTER TABLE casedesk.setting
    ADD COLUMN escalation_top_level smallint NOT NULL DEFAULT 3 CHECK (escalation_top_level >= 1);

-------------------------------------------------------------------------------
-- Urgency.

-- An item's urgency at an instant. Yellow from yellow_at on, red from due_at
-- on: at the due instant no business time is left. A waiting item has no
-- clock yet, so nothing can be late: green (its matter's projection shows
-- what its predecessors' delays mean for it). A paused item stays paused
-- even past its due time, which moves when it resumes.
CREATE FUNCTION casedesk.item_urgency(status casedesk.item_status, due_at timestamptz,
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
-- 040_security.sql (a case is visible with any of its items), for definer
-- functions to ask on the caller's behalf. Keep the two in step. Members of
-- the owner role (administrators, superusers) see every case.
CREATE FUNCTION casedesk.may_see_case(kase bigint) RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE casedesk.my_job()
        WHEN 'supervisor' THEN true
        WHEN 'window' THEN true
        WHEN 'reviewer' THEN EXISTS (
            SELECT FROM casedesk.case_item ci
             WHERE ci.case_id = kase AND ci.department_id = ANY (casedesk.my_departments()))
        WHEN 'oncall' THEN EXISTS (
            SELECT FROM casedesk.case_item ci
             WHERE ci.case_id = kase AND ci.id = ANY (casedesk.oncall_items()))
        ELSE pg_catalog.pg_has_role(session_user, 'casedesk_owner', 'MEMBER')
    END;
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
CREATE FUNCTION casedesk.case_projection(case_id bigint)
RETURNS TABLE (urgency casedesk.urgency, projected_due timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
    WITH RECURSIVE item AS (
        SELECT ci.id, ci.item_type_id, ci.status, ci.due_at, ci.yellow_at, ci.paused_at,
               ci.decided_at, it.limit_value, it.limit_unit
          FROM casedesk.case_item ci
          JOIN casedesk.item_type it ON it.id = ci.item_type_id
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
CREATE FUNCTION casedesk.business_intervals(a timestamptz, b timestamptz)
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
-- The sweep.

-- A time written into a stored note: the date too, since "10:32" would mean
-- another day tomorrow.
CREATE FUNCTION casedesk.note_time(ts timestamptz) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT to_char(ts AT TIME ZONE c.time_zone, 'YYYY-MM-DD HH24:MI') FROM casedesk.centre c;
$$;

-- Raises what the clock asks for and returns how many escalations it raised:
--   * an escalation nobody acknowledged by respond_by moves up: a new one of
--     kind 'unanswered', one level higher, for the same department, item and
--     case; the old one is marked (escalated_at) and not moved again;
--   * an open item past its due time: one 'red' alarm, level 2, for its
--     department (level 2: its on-call staff and the supervisors);
--   * an open item past yellow_at: one 'yellow' alarm, level 1, for its
--     department. An item found already red gets the red alarm only: a
--     warning that time is nearly up says nothing once it is up.
-- Paused and waiting items are not looked at. Each escalation gets its own
-- change_seq and an audit row (the actor is whoever's console ran the
-- sweep); the run sends one NOTIFY, "SEQ sweep N" with the highest change_seq
-- it wrote. The item's change_seq moves so that consoles redraw it, but not
-- its version: a reviewer's seen version stays valid.
--
-- Any console may call it every few seconds: whoever gets the advisory lock
-- does the work, the others return 0 at once. A caller whose snapshot is
-- older than the last sweep's commit (REPEATABLE READ begun earlier) would
-- trip over rows that sweep changed; it returns 0 too. The unique indexes
-- hold if all else fails.
CREATE FUNCTION casedesk.sweep() RETURNS int
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    raised int := 0;
    last_seq bigint := 0;
    e casedesk.escalation;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('casedesk.sweep')) THEN
        RETURN 0;
    END IF;
    BEGIN
        -- Unanswered first, so that the alarms raised below (respond_by
        -- still ahead) are not looked at in the same run.
        FOR e IN
            WITH moved AS (
                UPDATE casedesk.escalation o
                   SET escalated_at = now(), change_seq = nextval('casedesk.change_seq')
                 WHERE o.acknowledged_at IS NULL AND o.resolved_at IS NULL
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
            SELECT * FROM ins ORDER BY id
        LOOP
            last_seq := greatest(last_seq, e.change_seq);
            raised := raised + 1;
        END LOOP;

        FOR e IN
            WITH hit AS (
                UPDATE casedesk.case_item ci
                   SET alarm_level = 2, change_seq = nextval('casedesk.change_seq')
                 WHERE ci.alarm_level < 2 AND ci.status IN ('pending', 'claimed')
                   AND ci.due_at <= now()
                RETURNING ci.*
            ), ins AS (
                INSERT INTO casedesk.escalation (item_id, case_id, department_id, addressee, kind,
                                                 source, level, note, raised_by, respond_by,
                                                 change_seq)
                SELECT h.id, h.case_id, h.department_id, NULL, 'red', 'sweep', 2,
                       format('红牌：%s（办件 %s）已超过办理时限，应于 %s 前办结',
                              it.name, cf.case_no, casedesk.note_time(h.due_at)),
                       current_user,
                       casedesk.add_working_minutes(now(), k.response_minutes),
                       nextval('casedesk.change_seq')
                  FROM hit h
                  JOIN casedesk.item_type it ON it.id = h.item_type_id
                  JOIN casedesk.case_file cf ON cf.id = h.case_id
                  JOIN casedesk.escalation_kind k ON k.kind = 'red'
                 ORDER BY h.id
                ON CONFLICT (item_id, kind) WHERE kind IN ('yellow', 'red') AND source = 'sweep'
                DO NOTHING
                RETURNING *
            ), audited AS (
                INSERT INTO casedesk.audit (actor, action, item_id, case_id, escalation_id, after)
                SELECT session_user, 'sweep_red', i.item_id, i.case_id, i.id, to_jsonb(i)
                  FROM ins i
            )
            SELECT * FROM ins ORDER BY id
        LOOP
            last_seq := greatest(last_seq, e.change_seq);
            raised := raised + 1;
        END LOOP;

        -- After the red pass every overdue item is at level 2, so what is
        -- left here is yellow and not yet red.
        FOR e IN
            WITH hit AS (
                UPDATE casedesk.case_item ci
                   SET alarm_level = 1, change_seq = nextval('casedesk.change_seq')
                 WHERE ci.alarm_level < 1 AND ci.status IN ('pending', 'claimed')
                   AND ci.yellow_at <= now() AND ci.due_at > now()
                RETURNING ci.*
            ), ins AS (
                INSERT INTO casedesk.escalation (item_id, case_id, department_id, addressee, kind,
                                                 source, level, note, raised_by, respond_by,
                                                 change_seq)
                SELECT h.id, h.case_id, h.department_id, NULL, 'yellow', 'sweep', 1,
                       format('黄牌：%s（办件 %s）已用去办理时限的 %s%%，应于 %s 前办结',
                              it.name, cf.case_no, round(it.yellow_fraction * 100),
                              casedesk.note_time(h.due_at)),
                       current_user,
                       casedesk.add_working_minutes(now(), k.response_minutes),
                       nextval('casedesk.change_seq')
                  FROM hit h
                  JOIN casedesk.item_type it ON it.id = h.item_type_id
                  JOIN casedesk.case_file cf ON cf.id = h.case_id
                  JOIN casedesk.escalation_kind k ON k.kind = 'yellow'
                 ORDER BY h.id
                ON CONFLICT (item_id, kind) WHERE kind IN ('yellow', 'red') AND source = 'sweep'
                DO NOTHING
                RETURNING *
            ), audited AS (
                INSERT INTO casedesk.audit (actor, action, item_id, case_id, escalation_id, after)
                SELECT session_user, 'sweep_yellow', i.item_id, i.case_id, i.id, to_jsonb(i)
                  FROM ins i
            )
            SELECT * FROM ins ORDER BY id
        LOOP
            last_seq := greatest(last_seq, e.change_seq);
            raised := raised + 1;
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

GRANT EXECUTE ON FUNCTION
    casedesk.item_urgency(casedesk.item_status, timestamptz, timestamptz, timestamptz),
    casedesk.case_projection(bigint),
    casedesk.business_intervals(timestamptz, timestamptz),
    casedesk.sweep()
    TO casedesk_staff;
