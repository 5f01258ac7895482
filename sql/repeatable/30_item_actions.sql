-- The write path for items and cases: every change goes through a function in
-- this file or in 35_escalations.sql. They are SECURITY DEFINER (they run as
-- casedesk_owner, which owns the tables, so row-level security does not apply
-- inside them) and therefore check themselves who is calling: session_user,
-- mapped to casedesk.staff.
--
-- Every action function:
--   * takes the request UUID the client generated for the user's action; a
--     replay returns the first outcome and changes nothing;
--   * takes the item version the user saw; a stale one is refused, never
--     overwritten (two reviewers deciding at once: exactly one wins);
--   * writes one audit row, bumps the change sequence and sends one NOTIFY on
--     channel 'casedesk' (casedesk.notify_change: ids only, never rows).
--
-- Refusals carry a SQLSTATE a client can act on (see casedesk(1)):
--   42501  not allowed: wrong job or not one of your departments
--   P0002  no such item, case, escalation, staff member or matter
--   22023  bad input: empty reason, control characters, invalid credit code
--   22001  text longer than the documented limit
--   CD001  stale version: the item changed since the user saw it
--   CD002  illegal transition for the item's current status
--   CD003  claimed by someone else
--   CD004  request UUID already used for a different action
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-- Who is calling. Raises 42501 for a login that is not active staff.
CREATE OR REPLACE FUNCTION casedesk.me() RETURNS casedesk.staff
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s casedesk.staff;
BEGIN
    SELECT * INTO s FROM casedesk.staff WHERE login = session_user AND active;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'login % is not casedesk staff', session_user USING ERRCODE = '42501';
    END IF;
    RETURN s;
END
$$;

-- The caller's departments and job; the row-level security policies use
-- them. PL/pgSQL, not SQL: a SECURITY DEFINER function is never inlined,
-- and a SQL one is parsed and planned again in every statement that calls
-- it, while PL/pgSQL keeps its statement for the session. Reading one item
-- through the nested policies calls them a dozen times; in SQL that was
-- two thirds of the read's cost.
CREATE OR REPLACE FUNCTION casedesk.my_departments() RETURNS smallint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN (SELECT coalesce(array_agg(sd.department_id), '{}')
              FROM casedesk.staff_department sd
              JOIN casedesk.staff s USING (login)
             WHERE sd.login = session_user AND s.active);
END
$$;

CREATE OR REPLACE FUNCTION casedesk.my_job() RETURNS casedesk.job
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN (SELECT job FROM casedesk.staff WHERE login = session_user AND active);
END
$$;

-- A login as people are named on screen: a staff member's name; the
-- system's for the owner role, which the sweep acts as (its alarms, its audit
-- rows; the console says it in its own language, 130_system_actor.sql); the
-- login itself otherwise.
CREATE OR REPLACE FUNCTION casedesk.display_name(who name) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN who = 'casedesk_owner' THEN '电子监察'
                ELSE coalesce((SELECT display_name FROM casedesk.staff WHERE login = who),
                              who::text) END;
$$;

-- "10:32" in the centre's time zone, or "11-03 10:32" when not today.
CREATE OR REPLACE FUNCTION casedesk.local_time_text(ts timestamptz) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN (ts AT TIME ZONE c.time_zone)::date = (now() AT TIME ZONE c.time_zone)::date
                THEN to_char(ts AT TIME ZONE c.time_zone, 'HH24:MI')
                ELSE to_char(ts AT TIME ZONE c.time_zone, 'YYYY-MM-DD HH24:MI') END
      FROM casedesk.centre c;
$$;

-- Characters with no business in a name or a reason: BIDI embeddings,
-- overrides, isolates and marks, zero-width characters and joiners, the
-- word joiner and invisible operators, the BOM, the soft hyphen, the line
-- and paragraph separators, interlinear annotation and tag characters. They
-- reorder or hide what psql, pspg or an export shows.
CREATE OR REPLACE FUNCTION casedesk.has_invisible(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT t ~ '[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]';
$$;

-- Whether t shows nothing: only spaces of any kind.
CREATE OR REPLACE FUNCTION casedesk.is_blank(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT regexp_replace(t, '[ \t\n\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]', '', 'g') = '';
$$;

-- Validates text a person typed; raises 22023 or 22001 naming the field.
CREATE OR REPLACE FUNCTION casedesk.check_text(t text, what text, max_chars int, required boolean)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF t IS NULL OR casedesk.is_blank(t) THEN
        IF required THEN
            RAISE EXCEPTION '% must not be empty', what USING ERRCODE = '22023';
        END IF;
        RETURN NULL;
    END IF;
    IF NOT casedesk.clean_text(t) THEN
        RAISE EXCEPTION '% contains control characters (only newline and tab are allowed)', what
            USING ERRCODE = '22023';
    END IF;
    IF casedesk.has_invisible(t) THEN
        RAISE EXCEPTION '% contains invisible or direction-changing characters', what
            USING ERRCODE = '22023',
                  HINT = 'remove zero-width, BIDI control, BOM, line separator and tag characters';
    END IF;
    IF length(t) > max_chars THEN
        RAISE EXCEPTION '% is % characters long; the limit is %', what, length(t), max_chars
            USING ERRCODE = '22001';
    END IF;
    RETURN t;
END
$$;

-- A name (applicant, project, material): text as above, on one line.
CREATE OR REPLACE FUNCTION casedesk.check_name(t text, what text, max_chars int, required boolean)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    t := casedesk.check_text(t, what, max_chars, required);
    IF t ~ '[\n\r\t]' THEN
        RAISE EXCEPTION '% must be one line (no newline or tab)', what USING ERRCODE = '22023';
    END IF;
    RETURN t;
END
$$;

-- GB 32100-2015 beyond the check character: the registration authority
-- (1st character) and the category it issues (2nd), and a region code
-- (characters 3-8) of a province-level division.
CREATE OR REPLACE FUNCTION casedesk.credit_code_structure_ok(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT casedesk.credit_code_valid(code)
       AND substr(code, 2, 1) = ANY (CASE substr(code, 1, 1)
               WHEN '1' THEN ARRAY['1', '2', '3', '9']
               WHEN '2' THEN ARRAY['1', '9']
               WHEN '3' THEN ARRAY['1', '2', '3', '4', '5', '9']
               WHEN '4' THEN ARRAY['1', '2', '9']
               WHEN '5' THEN ARRAY['1', '2', '3', '9']
               WHEN '6' THEN ARRAY['1', '2', '9']
               WHEN '7' THEN ARRAY['1', '2', '3', '9']
               WHEN '8' THEN ARRAY['1', '9']
               WHEN '9' THEN ARRAY['1', '2', '3']
               WHEN 'A' THEN ARRAY['1', '9']
               WHEN 'N' THEN ARRAY['1', '2', '3', '9']
               WHEN 'Y' THEN ARRAY['1']
               ELSE ARRAY[]::text[] END)
       AND substr(code, 3, 2) = ANY (ARRAY[
               '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35',
               '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54',
               '61', '62', '63', '64', '65', '71', '81', '82'])
       AND substr(code, 3, 6) ~ '^[0-9]{6}$';
$$;

GRANT EXECUTE ON FUNCTION casedesk.has_invisible(text), casedesk.is_blank(text),
    casedesk.credit_code_structure_ok(text) TO casedesk_staff;

-- Idempotency. Returns the stored outcome of this request, or NULL if it is
-- new. A UUID reused for another action, target, person or payload is
-- refused.
CREATE OR REPLACE FUNCTION casedesk.replayed(req uuid, act text, tgt bigint, payload jsonb)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r casedesk.request;
BEGIN
    IF req IS NULL THEN
        RAISE EXCEPTION 'a request id is required' USING ERRCODE = '22023';
    END IF;
    -- A resend while the first attempt is still open waits for it here, then
    -- (with a fresh snapshot) finds its outcome instead of acting again.
    PERFORM pg_advisory_xact_lock(hashtextextended(req::text, 0));
    SELECT * INTO r FROM casedesk.request WHERE request_id = req;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF r.action <> act OR r.target <> tgt OR r.actor <> session_user THEN
        RAISE EXCEPTION 'request % was already used for %', req, r.action
            USING ERRCODE = 'CD004';
    END IF;
    IF r.payload IS NOT NULL AND r.payload IS DISTINCT FROM coalesce(payload, '{}') THEN
        RAISE EXCEPTION 'request % was already used for % with other data', req, r.action
            USING ERRCODE = 'CD004',
                  HINT = 'a new action needs a new request id';
    END IF;
    RETURN r.result;
END
$$;

-- Records an action at its instant: its outcome and payload for replays,
-- the audit row, the change notification. seq is the change_seq the action
-- stored on its rows; kind ('item', 'escalation', 'case') says which id the
-- notification names.
CREATE OR REPLACE FUNCTION casedesk.record(req uuid, act text, tgt bigint, payload jsonb,
                                           result jsonb, item bigint, kase bigint, esc bigint,
                                           seen int, before jsonb, after jsonb, seq bigint,
                                           kind text, at timestamptz)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO casedesk.request (request_id, actor, action, target, result, payload, at)
    VALUES (req, session_user, act, tgt, result, coalesce(payload, '{}'), at);
    INSERT INTO casedesk.audit (at, actor, action, item_id, case_id, escalation_id, request_id,
                                seen_version, before, after)
    VALUES (at, session_user, act, item, kase, esc, req, seen, before, after);
    PERFORM casedesk.notify_change(seq, kind,
                                   CASE kind WHEN 'escalation' THEN esc WHEN 'case' THEN kase ELSE item END);
END
$$;

-- The notification of a committed change on channel 'casedesk': "SEQ KIND ID",
-- and for an item also its department and case, "SEQ item ID DEPT CASE", so
-- that a console whose screen shows neither asks nothing. Numbers only: what
-- a console then reads is what row-level security lets it read, and anyone
-- may NOTIFY the channel, so consoles take a payload as a hint only.
CREATE OR REPLACE FUNCTION casedesk.notify_change(seq bigint, kind text, id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    hint text;
BEGIN
    IF kind = 'item' THEN
        SELECT ' ' || ci.department_id || ' ' || ci.case_id INTO hint
          FROM casedesk.case_item ci WHERE ci.id = notify_change.id;
    END IF;
    PERFORM pg_notify('casedesk', seq || ' ' || kind || ' ' || id || coalesce(hint, ''));
END
$$;

-- Locks an item for an action and checks the caller may touch it and saw its
-- current version. Final states are reported before staleness, so the loser
-- of a race hears "already approved by 王芳 at 10:32".
CREATE OR REPLACE FUNCTION casedesk.lock_item(item bigint, seen int, who casedesk.staff)
RETURNS casedesk.case_item
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    ci casedesk.case_item;
BEGIN
    SELECT * INTO ci FROM casedesk.case_item WHERE id = item FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no item %', item USING ERRCODE = 'P0002';
    END IF;
    IF who.job <> 'supervisor' AND NOT EXISTS (
            SELECT FROM casedesk.staff_department
             WHERE login = who.login AND department_id = ci.department_id) THEN
        RAISE EXCEPTION 'item % belongs to a department you do not work for', item
            USING ERRCODE = '42501';
    END IF;
    IF ci.status IN ('approved', 'rejected') THEN
        RAISE EXCEPTION 'already % by % at %', ci.status,
            casedesk.display_name(ci.decided_by), casedesk.local_time_text(ci.decided_at)
            USING ERRCODE = 'CD002';
    END IF;
    IF seen IS DISTINCT FROM ci.version THEN
        RAISE EXCEPTION 'changed by % at % (you saw version %, it is now %)',
            casedesk.display_name(ci.updated_by), casedesk.local_time_text(ci.updated_at),
            seen, ci.version
            USING ERRCODE = 'CD001';
    END IF;
    RETURN ci;
END
$$;

CREATE OR REPLACE FUNCTION casedesk.require_job(who casedesk.staff, VARIADIC jobs casedesk.job[])
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT who.job = ANY (jobs) THEN
        RAISE EXCEPTION 'a % may not do this', who.job USING ERRCODE = '42501';
    END IF;
END
$$;

-- The item must be claimed by the caller (a lapsed lease still counts while
-- nobody else has taken the item).
CREATE OR REPLACE FUNCTION casedesk.require_mine(ci casedesk.case_item, who casedesk.staff, act text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF ci.status <> 'claimed' THEN
        RAISE EXCEPTION 'cannot % an item that is %; claim it first', act, ci.status
            USING ERRCODE = 'CD002';
    END IF;
    IF ci.assignee <> who.login THEN
        RAISE EXCEPTION 'claimed by % until %', casedesk.display_name(ci.assignee),
            casedesk.local_time_text(ci.claim_expires)
            USING ERRCODE = 'CD003';
    END IF;
END
$$;

-- Stores the new state of an item at the action's instant: bumps version
-- and change sequence, audits, remembers the outcome, notifies.
CREATE OR REPLACE FUNCTION casedesk.commit_item(before casedesk.case_item, after casedesk.case_item,
                                                req uuid, act text, seen int, payload jsonb,
                                                at timestamptz)
RETURNS casedesk.case_item
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r casedesk.case_item;
BEGIN
    UPDATE casedesk.case_item SET
        status = after.status, assignee = after.assignee, claim_expires = after.claim_expires,
        entered_at = after.entered_at, due_at = after.due_at,
        original_due_at = after.original_due_at, yellow_at = after.yellow_at,
        paused_at = after.paused_at, paused_minutes = after.paused_minutes,
        decided_at = after.decided_at, decided_by = after.decided_by,
        version = before.version + 1,
        change_seq = nextval('casedesk.change_seq'),
        updated_at = at, updated_by = session_user
     WHERE id = before.id
    RETURNING * INTO r;
    PERFORM casedesk.record(req, act, r.id, payload, to_jsonb(r), r.id, r.case_id, NULL, seen,
                            to_jsonb(before), to_jsonb(r), r.change_seq, 'item', at);
    RETURN r;
END
$$;

-- An item keeps the limit it was received under (120_item_limit.sql): its
-- type's when filed. file_case sets it; an item inserted any other way (an
-- import, a repair by hand) gets its type's current one here.
CREATE OR REPLACE FUNCTION casedesk.case_item_limit_filed() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    it casedesk.item_type;
BEGIN
    IF NEW.limit_value IS NULL OR NEW.limit_unit IS NULL OR NEW.yellow_fraction IS NULL THEN
        SELECT * INTO it FROM casedesk.item_type WHERE id = NEW.item_type_id;
        NEW.limit_value := coalesce(NEW.limit_value, it.limit_value);
        NEW.limit_unit := coalesce(NEW.limit_unit, it.limit_unit);
        NEW.yellow_fraction := coalesce(NEW.yellow_fraction, it.yellow_fraction);
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS case_item_limit_filed ON casedesk.case_item;
CREATE TRIGGER case_item_limit_filed BEFORE INSERT ON casedesk.case_item
    FOR EACH ROW EXECUTE FUNCTION casedesk.case_item_limit_filed();

-- Starts an item's clock: it enters the queue now, under the limit it was
-- received under (an item that waited may enter after the knowledge base
-- changed its type's).
CREATE OR REPLACE FUNCTION casedesk.start_clock(ci casedesk.case_item, at timestamptz)
RETURNS casedesk.case_item
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    ci.status := 'pending';
    ci.entered_at := at;
    ci.due_at := casedesk.sla_due(at, ci.limit_value, ci.limit_unit);
    ci.original_due_at := ci.due_at;
    ci.yellow_at := casedesk.sla_yellow_at(at, ci.due_at, ci.yellow_fraction, ci.limit_unit);
    RETURN ci;
END
$$;

-- Restarts a paused clock: due and yellow move later by the business time the
-- pause lasted (a pause over a holiday costs nothing extra). An item whose
-- limit is in calendar hours moves by the elapsed seconds of the pause: the
-- difference of two instants comes back in days, and adding days depends on
-- the session's time zone. A pause that cost no business time leaves the
-- times alone: moving a 17:00 due by zero minutes would push it to the next
-- opening.
CREATE OR REPLACE FUNCTION casedesk.resume_clock(ci casedesk.case_item, at timestamptz)
RETURNS casedesk.case_item
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    paused int := casedesk.working_minutes_between(ci.paused_at, at);
    elapsed interval := (extract(epoch FROM at) - extract(epoch FROM ci.paused_at))::float8
                        * interval '1 second';
BEGIN
    IF ci.limit_unit = 'calendar_hours' THEN
        ci.due_at := ci.due_at + elapsed;
        ci.yellow_at := ci.yellow_at + elapsed;
    ELSIF paused > 0 THEN
        ci.due_at := casedesk.add_working_minutes(ci.due_at, paused);
        ci.yellow_at := casedesk.add_working_minutes(ci.yellow_at, paused);
    END IF;
    ci.paused_minutes := ci.paused_minutes + paused;
    ci.paused_at := NULL;
    RETURN ci;
END
$$;

-- Items of the case that waited for this one and now have every predecessor
-- approved enter the queue at the instant at. The case row is locked first,
-- so that two approvals of predecessors of one item take turns here: the
-- second then reads (a fresh snapshot, statement by statement) the first's
-- approval, and releases the item both waited for.
CREATE OR REPLACE FUNCTION casedesk.release_successors(done casedesk.case_item, at timestamptz)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    w casedesk.case_item;
    n casedesk.case_item;
BEGIN
    IF NOT EXISTS (SELECT FROM casedesk.case_item ci
                    WHERE ci.case_id = done.case_id AND ci.status = 'waiting') THEN
        RETURN;
    END IF;
    -- The lock below makes a concurrent approval of another predecessor wait
    -- and then read what this one committed; a snapshot taken at the start
    -- of a REPEATABLE READ or SERIALIZABLE transaction would not see it, and
    -- the successor would wait for ever.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'decisions that release waiting items run in READ COMMITTED transactions'
            USING ERRCODE = '40001',
                  HINT = 'Decide again outside a REPEATABLE READ or SERIALIZABLE transaction.';
    END IF;
    PERFORM FROM casedesk.case_file WHERE id = done.case_id FOR NO KEY UPDATE;
    FOR w IN
        SELECT ci.* FROM casedesk.case_item ci
          JOIN casedesk.case_file cf ON cf.id = ci.case_id
         WHERE ci.case_id = done.case_id AND ci.status = 'waiting'
           AND NOT EXISTS (
               SELECT FROM casedesk.matter_dependency d
                 JOIN casedesk.case_item p ON p.case_id = ci.case_id AND p.item_type_id = d.after_item_id
                WHERE d.matter_type_id = cf.matter_type_id AND d.item_type_id = ci.item_type_id
                  AND p.status <> 'approved')
         FOR UPDATE OF ci
    LOOP
        n := casedesk.start_clock(w, at);
        UPDATE casedesk.case_item SET status = n.status, entered_at = n.entered_at,
               due_at = n.due_at, original_due_at = n.original_due_at, yellow_at = n.yellow_at,
               version = version + 1, change_seq = nextval('casedesk.change_seq'),
               updated_at = at, updated_by = session_user
         WHERE id = w.id
        RETURNING * INTO n;
        INSERT INTO casedesk.audit (at, actor, action, item_id, case_id, before, after)
        VALUES (at, session_user, 'enter_queue', n.id, n.case_id, to_jsonb(w), to_jsonb(n));
        PERFORM casedesk.notify_change(n.change_seq, 'item', n.id);
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION casedesk.item_from_json(j jsonb) RETURNS casedesk.case_item
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT * FROM jsonb_populate_record(NULL::casedesk.case_item, j);
$$;

-------------------------------------------------------------------------------
-- Item actions. Each returns the item as stored after the action.

CREATE OR REPLACE FUNCTION casedesk.claim(item bigint, seen int, req uuid) RETURNS casedesk.case_item
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    prior jsonb := casedesk.replayed(req, 'claim', item, '{}');
    ci casedesk.case_item;
    n casedesk.case_item;
BEGIN
    IF prior IS NOT NULL THEN RETURN casedesk.item_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'reviewer');
    ci := casedesk.lock_item(item, seen, who);
    IF ci.status = 'claimed' AND ci.assignee <> who.login AND ci.claim_expires > at THEN
        RAISE EXCEPTION 'claimed by % until %', casedesk.display_name(ci.assignee),
            casedesk.local_time_text(ci.claim_expires) USING ERRCODE = 'CD003';
    ELSIF ci.status NOT IN ('pending', 'claimed') THEN
        RAISE EXCEPTION 'cannot claim an item that is %', ci.status USING ERRCODE = 'CD002';
    END IF;
    n := ci;
    n.status := 'claimed';
    n.assignee := who.login;
    n.claim_expires := at + (SELECT claim_lease FROM casedesk.setting);
    RETURN casedesk.commit_item(ci, n, req, 'claim', seen, '{}', at);
END
$$;

CREATE OR REPLACE FUNCTION casedesk.release(item bigint, seen int, req uuid) RETURNS casedesk.case_item
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    prior jsonb := casedesk.replayed(req, 'release', item, '{}');
    ci casedesk.case_item;
    n casedesk.case_item;
BEGIN
    IF prior IS NOT NULL THEN RETURN casedesk.item_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'reviewer', 'supervisor');
    ci := casedesk.lock_item(item, seen, who);
    IF ci.status <> 'claimed' THEN
        RAISE EXCEPTION 'cannot release an item that is %', ci.status USING ERRCODE = 'CD002';
    END IF;
    IF who.job = 'reviewer' THEN
        PERFORM casedesk.require_mine(ci, who, 'release');
    END IF;
    n := ci;
    n.status := 'pending';
    n.assignee := NULL;
    n.claim_expires := NULL;
    RETURN casedesk.commit_item(ci, n, req, 'release', seen, '{}', at);
END
$$;

-- At most this many materials in one supplement request: a list a person
-- reads, not a payload.
CREATE OR REPLACE FUNCTION casedesk.max_materials() RETURNS int
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT 50;
$$;

CREATE OR REPLACE FUNCTION casedesk.decide(item bigint, seen int, req uuid, act text,
                                           reason_text text, materials text[])
RETURNS casedesk.case_item
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    payload jsonb := jsonb_build_object('reason', reason_text, 'materials', materials);
    prior jsonb;
    lim casedesk.setting := (SELECT s FROM casedesk.setting s);
    ci casedesk.case_item;
    n casedesk.case_item;
    m text;
BEGIN
    -- Bounded before anything reads them: a replay compares them too.
    IF coalesce(cardinality(materials), 0) > casedesk.max_materials() THEN
        RAISE EXCEPTION '% materials named; the limit is %', cardinality(materials),
            casedesk.max_materials() USING ERRCODE = '22023';
    END IF;
    IF length(reason_text) > greatest(lim.reason_max_chars, lim.note_max_chars) THEN
        RAISE EXCEPTION 'the reason is % characters long; the limit is %', length(reason_text),
            greatest(lim.reason_max_chars, lim.note_max_chars) USING ERRCODE = '22001';
    END IF;
    prior := casedesk.replayed(req, act, item, payload);
    IF prior IS NOT NULL THEN RETURN casedesk.item_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'reviewer');
    ci := casedesk.lock_item(item, seen, who);
    PERFORM casedesk.require_mine(ci, who, act);
    n := ci;
    CASE act
    WHEN 'approve' THEN
        n.status := 'approved';
    WHEN 'reject' THEN
        reason_text := casedesk.check_text(reason_text, 'the reason for rejecting', lim.reason_max_chars, true);
        n.status := 'rejected';
    WHEN 'request_supplement', 'suspend' THEN
        IF act = 'request_supplement' THEN
            IF coalesce(cardinality(materials), 0) = 0 THEN
                RAISE EXCEPTION 'name at least one missing material' USING ERRCODE = '22023';
            END IF;
            FOREACH m IN ARRAY materials LOOP
                PERFORM casedesk.check_name(m, 'a material name', 200, true);
            END LOOP;
            reason_text := casedesk.check_text(reason_text, 'the note', lim.note_max_chars, false);
            n.status := 'supplement';
        ELSE
            reason_text := casedesk.check_text(reason_text, 'the reason for the special procedure', lim.reason_max_chars, true);
            n.status := 'suspended';
        END IF;
        n.paused_at := at;
        n.claim_expires := NULL;
    END CASE;
    IF n.status IN ('approved', 'rejected') THEN
        n.decided_at := at;
        n.decided_by := who.login;
    END IF;
    INSERT INTO casedesk.decision (item_id, kind, reason, materials, decided_by, decided_at)
    VALUES (ci.id, CASE act WHEN 'request_supplement' THEN 'supplement' ELSE act END,
            reason_text, materials, who.login, at);
    n := casedesk.commit_item(ci, n, req, act, seen, payload, at);
    IF n.status = 'approved' THEN
        PERFORM casedesk.release_successors(n, at);
    END IF;
    RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION casedesk.approve(item bigint, seen int, req uuid) RETURNS casedesk.case_item
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT casedesk.decide(item, seen, req, 'approve', NULL, NULL);
$$;

CREATE OR REPLACE FUNCTION casedesk.reject(item bigint, seen int, req uuid, reason text)
RETURNS casedesk.case_item
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT casedesk.decide(item, seen, req, 'reject', reason, NULL);
$$;

-- 补正: the applicant must bring the named materials; the clock stops.
CREATE OR REPLACE FUNCTION casedesk.request_supplement(item bigint, seen int, req uuid,
                                            materials text[], note text)
RETURNS casedesk.case_item
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT casedesk.decide(item, seen, req, 'request_supplement', note, materials);
$$;

-- 特别程序 (expert review, inspection): the clock stops too.
CREATE OR REPLACE FUNCTION casedesk.suspend(item bigint, seen int, req uuid, reason text)
RETURNS casedesk.case_item
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT casedesk.decide(item, seen, req, 'suspend', reason, NULL);
$$;

-- The material arrived (or the special procedure ended): the clock restarts
-- and the item is claimed again by the reviewer who paused it. A window
-- clerk receives supplementary material for any department; ending a
-- special procedure is the department's.
CREATE OR REPLACE FUNCTION casedesk.resume(item bigint, seen int, req uuid) RETURNS casedesk.case_item
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    prior jsonb := casedesk.replayed(req, 'resume', item, '{}');
    ci casedesk.case_item;
    n casedesk.case_item;
BEGIN
    IF prior IS NOT NULL THEN RETURN casedesk.item_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'reviewer', 'window');
    IF who.job = 'window' THEN
        SELECT * INTO ci FROM casedesk.case_item WHERE id = item FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no item %', item USING ERRCODE = 'P0002';
        END IF;
        IF ci.status = 'suspended' THEN
            RAISE EXCEPTION 'a special procedure is ended by the department, not at the window'
                USING ERRCODE = '42501';
        END IF;
        IF ci.version IS DISTINCT FROM seen THEN
            RAISE EXCEPTION 'changed by % at %', casedesk.display_name(ci.updated_by),
                casedesk.local_time_text(ci.updated_at) USING ERRCODE = 'CD001';
        END IF;
    ELSE
        ci := casedesk.lock_item(item, seen, who);
    END IF;
    IF ci.status NOT IN ('supplement', 'suspended') THEN
        RAISE EXCEPTION 'cannot resume an item that is %', ci.status USING ERRCODE = 'CD002';
    END IF;
    n := casedesk.resume_clock(ci, at);
    n.status := 'claimed';
    n.claim_expires := at + (SELECT claim_lease FROM casedesk.setting);
    RETURN casedesk.commit_item(ci, n, req, 'resume', seen, '{}', at);
END
$$;

-- Supervisors move work: the item is claimed for another reviewer of its
-- department.
CREATE OR REPLACE FUNCTION casedesk.reassign(item bigint, seen int, req uuid, to_login name)
RETURNS casedesk.case_item
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    payload jsonb := jsonb_build_object('to', to_login);
    prior jsonb := casedesk.replayed(req, 'reassign', item, payload);
    ci casedesk.case_item;
    n casedesk.case_item;
BEGIN
    IF prior IS NOT NULL THEN RETURN casedesk.item_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'supervisor');
    ci := casedesk.lock_item(item, seen, who);
    IF ci.status NOT IN ('pending', 'claimed') THEN
        RAISE EXCEPTION 'cannot reassign an item that is %', ci.status USING ERRCODE = 'CD002';
    END IF;
    IF NOT EXISTS (SELECT FROM casedesk.staff s JOIN casedesk.staff_department sd USING (login)
                    WHERE s.login = to_login AND s.active AND s.job = 'reviewer'
                      AND sd.department_id = ci.department_id) THEN
        RAISE EXCEPTION '% is not an active reviewer of the item''s department', to_login
            USING ERRCODE = 'P0002';
    END IF;
    n := ci;
    n.status := 'claimed';
    n.assignee := to_login;
    n.claim_expires := at + (SELECT claim_lease FROM casedesk.setting);
    RETURN casedesk.commit_item(ci, n, req, 'reassign', seen, payload, at);
END
$$;

-- A note on an item. Notes add, they do not conflict, so a stale version is
-- recorded in the audit row but not refused. Returns the annotation id.
CREATE OR REPLACE FUNCTION casedesk.annotate(item bigint, seen int, req uuid, body text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    payload jsonb;
    prior jsonb;
    ci casedesk.case_item;
    a casedesk.annotation;
    seq bigint;
BEGIN
    body := casedesk.check_text(body, 'the note', (SELECT annotation_max_chars FROM casedesk.setting), true);
    payload := jsonb_build_object('body', body);
    prior := casedesk.replayed(req, 'annotate', item, payload);
    IF prior IS NOT NULL THEN RETURN (prior ->> 'id')::bigint; END IF;
    SELECT * INTO ci FROM casedesk.case_item WHERE id = item FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no item %', item USING ERRCODE = 'P0002';
    END IF;
    IF who.job IN ('reviewer', 'oncall') AND NOT ci.department_id = ANY (casedesk.my_departments()) THEN
        RAISE EXCEPTION 'item % belongs to a department you do not work for', item
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO casedesk.annotation (item_id, author, body, created_at) VALUES (item, who.login, body, at)
    RETURNING * INTO a;
    UPDATE casedesk.case_item SET change_seq = nextval('casedesk.change_seq')
     WHERE id = item RETURNING change_seq INTO seq;
    PERFORM casedesk.record(req, 'annotate', item, payload, to_jsonb(a), item, ci.case_id, NULL,
                            seen, NULL, to_jsonb(a), seq, 'item', at);
    RETURN a.id;
END
$$;

-------------------------------------------------------------------------------
-- Cases.

-- A window clerk or a supervisor files one matter for an applicant: the
-- case and its items; items that wait for others stay 'waiting', the rest
-- enter the queue now. Each item keeps its type's time limit as it is now,
-- also if it waits.
--
-- Materials not received (容缺受理) are named as pairs of the parallel
-- arrays missing_items (item_type.id) and missing_ords
-- (required_material.ord): the item is filed all the same, with the names
-- of its missing materials as they are named now (missing_materials), so
-- that its reviewer sees what is missing and may ask for it. A pair that is
-- not a required material of an item of the matter is refused. The pairs
-- are part of the request: a replay with other pairs is refused like any
-- other change of data; their order and repetitions do not count.
--
-- An applicant known by the credit code under another name is renamed, and
-- the rename is audited (before/after) with the case that brought it.
-- Audited once for the case and once per item (action 'file_item', the item
-- as filed); one notification, of the case. Returns the case id.
CREATE OR REPLACE FUNCTION casedesk.file_case(req uuid, matter_code text, code text,
                                              applicant_name text, project text, chan casedesk.channel,
                                              missing_items int[], missing_ords int[])
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    payload jsonb := jsonb_build_object('matter', matter_code, 'code', code,
                                        'applicant', applicant_name, 'project', project,
                                        'channel', chan);
    missing jsonb;
    prior jsonb;
    mt casedesk.matter_type;
    app casedesk.applicant;
    old_name text;
    cf casedesk.case_file;
    seq bigint;
    it record;
    ci casedesk.case_item;
    filed casedesk.case_item[] := '{}';
    bad record;
BEGIN
    IF length(applicant_name) > 1000 OR length(project) > 1000 OR length(code) > 100
       OR length(matter_code) > 100 THEN
        RAISE EXCEPTION 'the filing is longer than any name may be' USING ERRCODE = '22001';
    END IF;
    -- Bounded and paired before anything reads them: a replay compares them too.
    IF coalesce(cardinality(missing_items), 0) <> coalesce(cardinality(missing_ords), 0) THEN
        RAISE EXCEPTION 'the missing materials name % items but % material numbers',
            coalesce(cardinality(missing_items), 0), coalesce(cardinality(missing_ords), 0)
            USING ERRCODE = '22023';
    END IF;
    IF coalesce(cardinality(missing_items), 0) > 10 * casedesk.max_materials() THEN
        RAISE EXCEPTION '% materials named; the limit is %', cardinality(missing_items),
            10 * casedesk.max_materials() USING ERRCODE = '22023';
    END IF;
    SELECT jsonb_agg(jsonb_build_array(m.i, m.o) ORDER BY m.i, m.o) INTO missing
      FROM (SELECT DISTINCT u.i, u.o
              FROM unnest(coalesce(missing_items, '{}'), coalesce(missing_ords, '{}')) u(i, o)) m;
    -- Without materials missing the payload is what it was before they
    -- could be: a filing replayed across the upgrade is the same filing.
    IF missing IS NOT NULL THEN
        payload := payload || jsonb_build_object('missing', missing);
    END IF;
    prior := casedesk.replayed(req, 'file_case', 0, payload);
    IF prior IS NOT NULL THEN RETURN (prior ->> 'id')::bigint; END IF;
    PERFORM casedesk.require_job(who, 'window', 'supervisor');
    SELECT * INTO mt FROM casedesk.matter_type m WHERE m.code = matter_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no matter %', matter_code USING ERRCODE = 'P0002';
    END IF;
    SELECT coalesce(t.code, u.i::text) AS item, u.o AS ord INTO bad
      FROM unnest(coalesce(missing_items, '{}'), coalesce(missing_ords, '{}')) u(i, o)
      LEFT JOIN casedesk.item_type t ON t.id = u.i
     WHERE NOT EXISTS (SELECT FROM casedesk.matter_item mi
                         JOIN casedesk.required_material rm ON rm.item_type_id = mi.item_type_id
                        WHERE mi.matter_type_id = mt.id AND rm.item_type_id = u.i AND rm.ord = u.o)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'item % of matter % has no required material %',
            coalesce(bad.item, 'NULL'), mt.code, coalesce(bad.ord::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    code := upper(btrim(code));
    IF NOT coalesce(casedesk.credit_code_structure_ok(code), false) THEN
        RAISE EXCEPTION '"%" is not a valid unified social credit code', code
            USING ERRCODE = '22023',
                  HINT = '18 characters, digits and capital letters except I, O, S, V, Z: a registration authority and category, a region code, ending in the check character';
    END IF;
    applicant_name := casedesk.check_name(applicant_name, 'the applicant''s name', 200, true);
    project := coalesce(casedesk.check_name(project, 'the project name', 200, false), '');
    seq := nextval('casedesk.change_seq');
    SELECT * INTO app FROM casedesk.applicant a WHERE a.credit_code = code FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO casedesk.applicant (credit_code, name) VALUES (code, applicant_name)
        ON CONFLICT ON CONSTRAINT applicant_credit_code_key DO NOTHING
        RETURNING * INTO app;
        -- Another clerk filed the same new applicant meanwhile (the insert
        -- waited for them): theirs is the name on record, and a different
        -- one here is a rename like any other, audited below.
        IF NOT FOUND THEN
            SELECT * INTO app FROM casedesk.applicant a WHERE a.credit_code = code FOR UPDATE;
        END IF;
    END IF;
    IF app.name <> applicant_name THEN
        old_name := app.name;
        UPDATE casedesk.applicant a SET name = applicant_name WHERE a.id = app.id
        RETURNING * INTO app;
    END IF;
    INSERT INTO casedesk.case_file (case_no, matter_type_id, applicant_id, project_name,
                                    tracking_code, channel, received_at, received_by, change_seq)
    VALUES (to_char(at AT TIME ZONE (SELECT time_zone FROM casedesk.centre), 'YYYYMMDD')
                || '-' || lpad(nextval('casedesk.case_no_seq')::text, 6, '0'),
            mt.id, app.id, project, replace(gen_random_uuid()::text, '-', ''), chan, at,
            who.login, seq)
    RETURNING * INTO cf;
    FOR it IN
        SELECT i.*, EXISTS (SELECT FROM casedesk.matter_dependency d
                             WHERE d.matter_type_id = mt.id AND d.item_type_id = i.id) AS waits,
               (SELECT coalesce(array_agg(rm.name ORDER BY rm.ord), '{}')
                  FROM casedesk.required_material rm
                 WHERE rm.item_type_id = i.id
                   AND (rm.item_type_id, rm.ord) IN (
                       SELECT u.i, u.o FROM unnest(missing_items, missing_ords) u(i, o))) AS missing
          FROM casedesk.matter_item mi JOIN casedesk.item_type i ON i.id = mi.item_type_id
         WHERE mi.matter_type_id = mt.id ORDER BY i.id
    LOOP
        ci := NULL;
        ci.item_type_id := it.id;
        ci.limit_value := it.limit_value;
        ci.limit_unit := it.limit_unit;
        ci.yellow_fraction := it.yellow_fraction;
        IF NOT it.waits THEN
            ci := casedesk.start_clock(ci, at);
        END IF;
        INSERT INTO casedesk.case_item (case_id, item_type_id, department_id, status, entered_at,
                                        due_at, original_due_at, yellow_at, change_seq,
                                        updated_at, updated_by, limit_value, limit_unit,
                                        yellow_fraction, missing_materials)
        VALUES (cf.id, it.id, it.department_id, coalesce(ci.status, 'waiting'), ci.entered_at,
                ci.due_at, ci.original_due_at, ci.yellow_at, seq, at, who.login,
                ci.limit_value, ci.limit_unit, ci.yellow_fraction, it.missing)
        RETURNING * INTO ci;
        filed := filed || ci;
    END LOOP;
    IF old_name IS NOT NULL THEN
        INSERT INTO casedesk.audit (at, actor, action, case_id, request_id, before, after)
        VALUES (at, session_user, 'rename_applicant', cf.id, req,
                jsonb_build_object('id', app.id, 'credit_code', app.credit_code, 'name', old_name),
                jsonb_build_object('id', app.id, 'credit_code', app.credit_code, 'name', app.name));
    END IF;
    PERFORM casedesk.record(req, 'file_case', 0, payload, jsonb_build_object('id', cf.id), NULL,
                            cf.id, NULL, NULL, NULL, to_jsonb(cf), seq, 'case', at);
    -- Each item's own trail starts here; the one notification above, of the
    -- case, is all the consoles need.
    INSERT INTO casedesk.audit (at, actor, action, item_id, case_id, request_id, after)
    SELECT at, session_user, 'file_item', f.id, cf.id, req, to_jsonb(f)
      FROM unnest(filed) f ORDER BY f.id;
    RETURN cf.id;
END
$$;

-- Filing with every material received.
CREATE OR REPLACE FUNCTION casedesk.file_case(req uuid, matter_code text, code text,
                                              applicant_name text, project text, chan casedesk.channel)
RETURNS bigint
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
    SELECT casedesk.file_case(req, matter_code, code, applicant_name, project, chan,
                              '{}'::int[], '{}'::int[]);
$$;
