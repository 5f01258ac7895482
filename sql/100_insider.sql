-- Rules an insider with a login and psql could get round through the public
-- functions, closed at their cause.
--
--   * Audit rows follow what the reader may see (the escalation, else the
--     item, else the case), never who the actor was; the sweep writes as the
--     system (casedesk_owner, as it already raises its escalations).
--   * Reviewers escalate about items of their departments only; a whole case
--     is a window clerk's (or a supervisor's) question.
--   * case_overview applies each job's own rule.
--   * Approvals of two predecessors at once cannot leave their successor
--     waiting: releasing successors serialises on the case row.
--   * A changed applicant name is audited (before/after).
--   * Times of record are clock_timestamp() at the action, not the start of
--     the caller's transaction; no stored time depends on the caller's
--     session settings (the definer functions pin them).
--   * The sweep takes no lock a user can take or hold: its work rows are
--     locked with SKIP LOCKED; actions wait at most lock_timeout for a row.
--   * Names and reasons refuse BIDI controls, zero-width and other invisible
--     characters, line separators and tag characters; names refuse line
--     breaks and must contain something visible. Materials are bounded.
--   * A request id reused with another payload is refused (CD004).
--   * Credit codes must have a possible registration authority, category and
--     region, not only a correct check character.
--   * A window clerk resumes only a supplement (补正); deactivated staff run
--     no sweep.
SET ROLE casedesk_owner;

-- == tables, types, indexes, data ==

-- What a request asked for, so that a reused request id with other data is
-- told apart from a resend. NULL for requests recorded before.
ALTER TABLE casedesk.request ADD COLUMN payload jsonb;

-- Times of record: the instant of the action, whatever transaction it ran in.
ALTER TABLE casedesk.audit ALTER COLUMN at SET DEFAULT clock_timestamp();
ALTER TABLE casedesk.decision ALTER COLUMN decided_at SET DEFAULT clock_timestamp();
ALTER TABLE casedesk.annotation ALTER COLUMN created_at SET DEFAULT clock_timestamp();
ALTER TABLE casedesk.request ALTER COLUMN at SET DEFAULT clock_timestamp();
ALTER TABLE casedesk.case_item ALTER COLUMN updated_at SET DEFAULT clock_timestamp();

-- A session left idle inside a transaction holds its row locks (and blocks
-- the notification queue) for everyone; end it. Per database, since a
-- setting of a job role does not reach its member logins. A login may still
-- SET it for itself: nothing depends on it for correctness (the sweep skips
-- locked rows, actions wait at most their lock_timeout).
RESET ROLE;
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L',
                   current_database(), '60s');
END
$$;
SET ROLE casedesk_owner;

-- == functions, views, triggers, policies, grants ==

-------------------------------------------------------------------------------
-- Input.

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

-------------------------------------------------------------------------------
-- Requests, records, the item write path.

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
    PERFORM pg_notify('casedesk', seq || ' ' || kind || ' '
                      || CASE kind WHEN 'escalation' THEN esc WHEN 'case' THEN kase ELSE item END);
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
    unit casedesk.limit_unit := (SELECT limit_unit FROM casedesk.item_type WHERE id = ci.item_type_id);
    elapsed interval := (extract(epoch FROM at) - extract(epoch FROM ci.paused_at))::float8
                        * interval '1 second';
BEGIN
    IF unit = 'calendar_hours' THEN
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
        PERFORM pg_notify('casedesk', n.change_seq || ' item ' || n.id);
    END LOOP;
END
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

-- A window clerk files one matter for an applicant: the case and its items;
-- items that wait for others stay 'waiting', the rest enter the queue now.
-- An applicant known by the credit code under another name is renamed, and
-- the rename is audited (before/after) with the case that brought it.
-- Returns the case id.
CREATE OR REPLACE FUNCTION casedesk.file_case(req uuid, matter_code text, code text,
                                              applicant_name text, project text, chan casedesk.channel)
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
    prior jsonb;
    mt casedesk.matter_type;
    app casedesk.applicant;
    old_name text;
    cf casedesk.case_file;
    seq bigint;
    it record;
    ci casedesk.case_item;
BEGIN
    IF length(applicant_name) > 1000 OR length(project) > 1000 OR length(code) > 100
       OR length(matter_code) > 100 THEN
        RAISE EXCEPTION 'the filing is longer than any name may be' USING ERRCODE = '22001';
    END IF;
    prior := casedesk.replayed(req, 'file_case', 0, payload);
    IF prior IS NOT NULL THEN RETURN (prior ->> 'id')::bigint; END IF;
    PERFORM casedesk.require_job(who, 'window');
    SELECT * INTO mt FROM casedesk.matter_type m WHERE m.code = matter_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no matter %', matter_code USING ERRCODE = 'P0002';
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
        ON CONFLICT ON CONSTRAINT applicant_credit_code_key DO UPDATE SET name = EXCLUDED.name
        RETURNING * INTO app;
    ELSIF app.name <> applicant_name THEN
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
                             WHERE d.matter_type_id = mt.id AND d.item_type_id = i.id) AS waits
          FROM casedesk.matter_item mi JOIN casedesk.item_type i ON i.id = mi.item_type_id
         WHERE mi.matter_type_id = mt.id ORDER BY i.id
    LOOP
        ci := NULL;
        ci.item_type_id := it.id;
        IF NOT it.waits THEN
            ci := casedesk.start_clock(ci, at);
        END IF;
        INSERT INTO casedesk.case_item (case_id, item_type_id, department_id, status, entered_at,
                                        due_at, original_due_at, yellow_at, change_seq,
                                        updated_at, updated_by)
        VALUES (cf.id, it.id, it.department_id, coalesce(ci.status, 'waiting'), ci.entered_at,
                ci.due_at, ci.original_due_at, ci.yellow_at, seq, at, who.login);
    END LOOP;
    IF old_name IS NOT NULL THEN
        INSERT INTO casedesk.audit (at, actor, action, case_id, request_id, before, after)
        VALUES (at, session_user, 'rename_applicant', cf.id, req,
                jsonb_build_object('id', app.id, 'credit_code', app.credit_code, 'name', old_name),
                jsonb_build_object('id', app.id, 'credit_code', app.credit_code, 'name', app.name));
    END IF;
    PERFORM casedesk.record(req, 'file_case', 0, payload, jsonb_build_object('id', cf.id), NULL,
                            cf.id, NULL, NULL, NULL, to_jsonb(cf), seq, 'case', at);
    RETURN cf.id;
END
$$;

-------------------------------------------------------------------------------
-- Escalations.

CREATE OR REPLACE FUNCTION casedesk.insert_escalation(kase bigint, item bigint, dept smallint,
                                                     to_login name, knd text, src text,
                                                     lvl smallint, body text, by_login name,
                                                     at timestamptz)
RETURNS casedesk.escalation
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    e casedesk.escalation;
BEGIN
    INSERT INTO casedesk.escalation (item_id, case_id, department_id, addressee, kind, source,
                                     level, note, raised_by, raised_at, respond_by, change_seq)
    VALUES (item, kase, dept, to_login, knd, src, lvl, body, by_login, at,
            casedesk.add_working_minutes(at,
                (SELECT response_minutes FROM casedesk.escalation_kind WHERE kind = knd)),
            nextval('casedesk.change_seq'))
    RETURNING * INTO e;
    RETURN e;
END
$$;

-- A window clerk (about a case) or a reviewer (about an item of one of their
-- departments) asks a department; the department must acknowledge within
-- the response limit. A supervisor, who sees everything, may ask about
-- either. Returns the escalation id. A reviewer asking about a case, or
-- about an item that does not exist or is not theirs, gets the same
-- refusal: it must not tell which ids exist.
CREATE OR REPLACE FUNCTION casedesk.escalate(req uuid, kase bigint, item bigint, dept smallint, note text)
RETURNS bigint
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
    e casedesk.escalation;
BEGIN
    note := casedesk.check_text(note, 'the question', (SELECT note_max_chars FROM casedesk.setting), true);
    payload := jsonb_build_object('case', kase, 'item', item, 'department', dept, 'note', note);
    prior := casedesk.replayed(req, 'escalate', coalesce(item, kase), payload);
    IF prior IS NOT NULL THEN RETURN (prior ->> 'id')::bigint; END IF;
    PERFORM casedesk.require_job(who, 'window', 'reviewer', 'supervisor');
    IF who.job = 'reviewer' THEN
        SELECT * INTO ci FROM casedesk.case_item WHERE id = item;
        IF item IS NULL OR NOT FOUND OR NOT ci.department_id = ANY (casedesk.my_departments()) THEN
            RAISE EXCEPTION 'a reviewer asks about an item of one of their departments'
                USING ERRCODE = '42501';
        END IF;
    ELSIF item IS NOT NULL THEN
        SELECT * INTO ci FROM casedesk.case_item WHERE id = item;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no item %', item USING ERRCODE = 'P0002';
        END IF;
    ELSIF NOT EXISTS (SELECT FROM casedesk.case_file WHERE id = kase) THEN
        RAISE EXCEPTION 'no case %', kase USING ERRCODE = 'P0002';
    END IF;
    IF item IS NOT NULL THEN
        kase := ci.case_id;
        dept := coalesce(dept, ci.department_id);
    END IF;
    IF dept IS NULL OR NOT EXISTS (SELECT FROM casedesk.department WHERE id = dept) THEN
        RAISE EXCEPTION 'no department %', dept USING ERRCODE = 'P0002';
    END IF;
    e := casedesk.insert_escalation(kase, item, dept, NULL, 'question',
                                    CASE who.job WHEN 'window' THEN 'window' ELSE 'reviewer' END,
                                    1::smallint, note, who.login, at);
    PERFORM casedesk.record(req, 'escalate', coalesce(item, kase), payload,
                            jsonb_build_object('id', e.id), item, kase, e.id, NULL, NULL,
                            to_jsonb(e), e.change_seq, 'escalation', at);
    RETURN e.id;
END
$$;

CREATE OR REPLACE FUNCTION casedesk.commit_escalation(before casedesk.escalation,
                                                      after casedesk.escalation, req uuid,
                                                      act text, seen int, payload jsonb,
                                                      at timestamptz)
RETURNS casedesk.escalation
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r casedesk.escalation;
BEGIN
    UPDATE casedesk.escalation SET
        department_id = after.department_id, addressee = after.addressee,
        respond_by = after.respond_by,
        acknowledged_by = after.acknowledged_by, acknowledged_at = after.acknowledged_at,
        resolved_by = after.resolved_by, resolved_at = after.resolved_at,
        resolution = after.resolution, hand_on_note = after.hand_on_note,
        version = before.version + 1, change_seq = nextval('casedesk.change_seq')
     WHERE id = before.id
    RETURNING * INTO r;
    PERFORM casedesk.record(req, act, r.id, payload, to_jsonb(r), r.item_id, r.case_id, r.id,
                            seen, to_jsonb(before), to_jsonb(r), r.change_seq, 'escalation', at);
    RETURN r;
END
$$;

CREATE OR REPLACE FUNCTION casedesk.acknowledge(esc bigint, seen int, req uuid) RETURNS casedesk.escalation
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    prior jsonb := casedesk.replayed(req, 'acknowledge', esc, '{}');
    e casedesk.escalation;
    n casedesk.escalation;
BEGIN
    IF prior IS NOT NULL THEN RETURN casedesk.escalation_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'oncall', 'supervisor');
    e := casedesk.lock_escalation(esc, seen, who);
    IF e.acknowledged_at IS NOT NULL THEN
        RAISE EXCEPTION 'already acknowledged by % at %', casedesk.display_name(e.acknowledged_by),
            casedesk.local_time_text(e.acknowledged_at) USING ERRCODE = 'CD002';
    END IF;
    n := e;
    n.acknowledged_by := who.login;
    n.acknowledged_at := at;
    RETURN casedesk.commit_escalation(e, n, req, 'acknowledge', seen, '{}', at);
END
$$;

CREATE OR REPLACE FUNCTION casedesk.resolve(esc bigint, seen int, req uuid, note text)
RETURNS casedesk.escalation
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    payload jsonb;
    prior jsonb;
    e casedesk.escalation;
    n casedesk.escalation;
BEGIN
    note := casedesk.check_text(note, 'the answer', (SELECT note_max_chars FROM casedesk.setting), true);
    payload := jsonb_build_object('note', note);
    prior := casedesk.replayed(req, 'resolve', esc, payload);
    IF prior IS NOT NULL THEN RETURN casedesk.escalation_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'oncall', 'supervisor');
    e := casedesk.lock_escalation(esc, seen, who);
    n := e;
    n.acknowledged_by := coalesce(e.acknowledged_by, who.login);
    n.acknowledged_at := coalesce(e.acknowledged_at, at);
    n.resolved_by := who.login;
    n.resolved_at := at;
    n.resolution := note;
    RETURN casedesk.commit_escalation(e, n, req, 'resolve', seen, payload, at);
END
$$;

-- Hands an escalation to another department or person; their response clock
-- starts now.
CREATE OR REPLACE FUNCTION casedesk.hand_on(esc bigint, seen int, req uuid, to_dept smallint,
                                            to_login name, note text)
RETURNS casedesk.escalation
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    at timestamptz := clock_timestamp();
    payload jsonb;
    prior jsonb;
    e casedesk.escalation;
    n casedesk.escalation;
BEGIN
    note := casedesk.check_text(note, 'the note', (SELECT note_max_chars FROM casedesk.setting), true);
    payload := jsonb_build_object('department', to_dept, 'login', to_login, 'note', note);
    prior := casedesk.replayed(req, 'hand_on', esc, payload);
    IF prior IS NOT NULL THEN RETURN casedesk.escalation_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'oncall', 'supervisor');
    e := casedesk.lock_escalation(esc, seen, who);
    IF to_login IS NOT NULL THEN
        SELECT department_id INTO to_dept FROM casedesk.staff_department sd
          JOIN casedesk.staff s USING (login)
         WHERE s.login = to_login AND s.active
           AND (to_dept IS NULL OR sd.department_id = to_dept)
         ORDER BY department_id LIMIT 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no active staff member % in that department', to_login
                USING ERRCODE = 'P0002';
        END IF;
    ELSIF to_dept IS NULL OR NOT EXISTS (SELECT FROM casedesk.department WHERE id = to_dept) THEN
        RAISE EXCEPTION 'no department %', to_dept USING ERRCODE = 'P0002';
    END IF;
    n := e;
    n.department_id := to_dept;
    n.addressee := to_login;
    n.acknowledged_by := NULL;
    n.acknowledged_at := NULL;
    n.respond_by := casedesk.add_working_minutes(at,
        (SELECT response_minutes FROM casedesk.escalation_kind WHERE kind = e.kind));
    n.hand_on_note := note;
    RETURN casedesk.commit_escalation(e, n, req, 'hand_on', seen, payload, at);
END
$$;

-- The functions these replace (new signatures above).
DROP FUNCTION IF EXISTS casedesk.commit_item(casedesk.case_item, casedesk.case_item, uuid, text, int);
DROP FUNCTION IF EXISTS casedesk.commit_escalation(casedesk.escalation, casedesk.escalation, uuid, text, int);
DROP FUNCTION IF EXISTS casedesk.record(uuid, text, bigint, jsonb, bigint, bigint, bigint, int, jsonb, jsonb, bigint, text);
DROP FUNCTION IF EXISTS casedesk.replayed(uuid, text, bigint);
DROP FUNCTION IF EXISTS casedesk.release_successors(casedesk.case_item);
DROP FUNCTION IF EXISTS casedesk.insert_escalation(bigint, bigint, smallint, name, text, text, smallint, text, name);

-------------------------------------------------------------------------------
-- What a reader may see.

-- Every item of a case, also those of other departments, for the text form
-- of the approval flow chart. Only for a case the caller may see (each job
-- by its own rule: may_see_case), or, for on-call staff, one an escalation
-- to them is about. visible: whether the caller may open the item itself.
CREATE OR REPLACE FUNCTION casedesk.case_overview(kase bigint)
RETURNS TABLE (item_id bigint, item text, department text, status casedesk.item_status,
               assignee text, due double precision, yellow double precision,
               paused double precision, waits_for text, visible boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' AS $$
DECLARE
    job casedesk.job := casedesk.my_job();
    depts smallint[] := casedesk.my_departments();
    oncall bigint[] := CASE WHEN job = 'oncall' THEN casedesk.oncall_items() ELSE '{}' END;
BEGIN
    IF job IS NULL OR NOT EXISTS (SELECT FROM casedesk.case_file WHERE id = kase)
       OR NOT (casedesk.may_see_case(kase)
               OR (job = 'oncall' AND kase = ANY (casedesk.oncall_cases()))) THEN
        RAISE EXCEPTION 'no case % that you can see', kase USING ERRCODE = 'P0002';
    END IF;
    RETURN QUERY
    SELECT ci.id, it.name, d.name, ci.status, casedesk.display_name(ci.assignee),
           extract(epoch FROM ci.due_at)::float8, extract(epoch FROM ci.yellow_at)::float8,
           extract(epoch FROM ci.paused_at)::float8,
           (SELECT string_agg(p.name, '、' ORDER BY p.id)
              FROM casedesk.matter_dependency md
              JOIN casedesk.item_type p ON p.id = md.after_item_id
             WHERE md.matter_type_id = cf.matter_type_id AND md.item_type_id = ci.item_type_id),
           CASE job WHEN 'supervisor' THEN true
                    WHEN 'window' THEN true
                    WHEN 'reviewer' THEN ci.department_id = ANY (depts)
                    WHEN 'oncall' THEN ci.id = ANY (oncall)
                    ELSE false END
      FROM casedesk.case_item ci
      JOIN casedesk.case_file cf ON cf.id = ci.case_id
      JOIN casedesk.item_type it ON it.id = ci.item_type_id
      JOIN casedesk.department d ON d.id = ci.department_id
     WHERE ci.case_id = kase
     ORDER BY ci.id;
END
$$;
GRANT EXECUTE ON FUNCTION casedesk.case_overview(bigint) TO casedesk_staff;

-- Audit rows follow what the reader may see, never who the actor was: the
-- row of an escalation with the escalation (its question and answer are in
-- it), else the row of an item with the item, else a case's row with the
-- case. Supervisors see all. Staff no longer active see none.
DROP POLICY IF EXISTS audit_read ON casedesk.audit;
CREATE POLICY audit_read ON casedesk.audit FOR SELECT TO casedesk_staff USING (
    (SELECT casedesk.my_job()) = 'supervisor'
    OR (SELECT casedesk.my_job()) IS NOT NULL AND CASE WHEN escalation_id IS NOT NULL
                THEN EXISTS (SELECT FROM casedesk.escalation e WHERE e.id = audit.escalation_id)
            WHEN item_id IS NOT NULL
                THEN EXISTS (SELECT FROM casedesk.case_item ci WHERE ci.id = audit.item_id)
            ELSE EXISTS (SELECT FROM casedesk.case_file cf WHERE cf.id = audit.case_id) END
);

-------------------------------------------------------------------------------
-- The sweep. It is the system's action, not its caller's: its audit rows
-- name casedesk_owner as the actor, as its escalations name it as raiser.
-- Nobody can stop it: it takes no lock a user could also take (an advisory
-- key is anyone's), only the rows it changes, and those with SKIP LOCKED,
-- so a row held elsewhere (an action's transaction left open, another
-- sweep) waits for the next run while the rest go on.

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
        SELECT current_user, 'sweep_' || i.kind, i.item_id, i.case_id, i.id, to_jsonb(i)
          FROM ins i
    )
    SELECT count(*), coalesce(max(i.change_seq), 0) INTO raised, last_seq FROM ins i;
END
$$;

-- Raises what the clock asks for and returns how many escalations it raised
-- (see 080_escalation_figures.sql for the passes and their order). Only
-- active staff (and administrators, members of the owner role) may run it.
-- Concurrent runs share the work: each takes the rows no other holds.
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
    RETURN raised;
END
$$;

-------------------------------------------------------------------------------
-- No stored time may depend on the caller's session: every definer function
-- (the entry points; what they call inherits the settings) runs with the
-- same time zone and styles, and waits at most 5 s for a row lock another
-- transaction holds (an action's transaction left open with psql).
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
         WHERE p.pronamespace = 'casedesk'::regnamespace AND p.prosecdef
           -- Triggers run inside the functions that write; the lookups the
           -- policies call per query compute no time.
           AND p.prorettype <> 'trigger'::regtype
           AND p.proname NOT IN ('me', 'my_job', 'my_departments', 'oncall_items', 'oncall_cases')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET TimeZone = %L SET DateStyle = %L '
                       'SET IntervalStyle = %L SET lock_timeout = %L',
                       f, 'UTC', 'ISO, YMD', 'postgres', '5s');
    END LOOP;
END
$$;
