-- Escalations: a window clerk's or a reviewer's question to a department, and
-- what on-call staff do with it (acknowledge, resolve, hand on). The same
-- rules as the item actions of 30_item_actions.sql: definer functions that
-- check the caller, request UUIDs, versions, one audit row and one NOTIFY.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

CREATE OR REPLACE FUNCTION casedesk.insert_escalation(kase bigint, item bigint, dept smallint, to_login name,
                                           knd text, src text, lvl smallint, body text,
                                           by_login name)
RETURNS casedesk.escalation
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    e casedesk.escalation;
BEGIN
    INSERT INTO casedesk.escalation (item_id, case_id, department_id, addressee, kind, source,
                                     level, note, raised_by, respond_by, change_seq)
    VALUES (item, kase, dept, to_login, knd, src, lvl, body, by_login,
            casedesk.add_working_minutes(now(),
                (SELECT response_minutes FROM casedesk.escalation_kind WHERE kind = knd)),
            nextval('casedesk.change_seq'))
    RETURNING * INTO e;
    RETURN e;
END
$$;

-- A window clerk (about a case) or a reviewer (about an item) asks a
-- department; the department must acknowledge within the response limit.
-- Returns the escalation id.
CREATE OR REPLACE FUNCTION casedesk.escalate(req uuid, kase bigint, item bigint, dept smallint, note text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    prior jsonb := casedesk.replayed(req, 'escalate', coalesce(item, kase));
    ci casedesk.case_item;
    e casedesk.escalation;
BEGIN
    IF prior IS NOT NULL THEN RETURN (prior ->> 'id')::bigint; END IF;
    PERFORM casedesk.require_job(who, 'window', 'reviewer', 'supervisor');
    note := casedesk.check_text(note, 'the question', (SELECT note_max_chars FROM casedesk.setting), true);
    IF item IS NOT NULL THEN
        SELECT * INTO ci FROM casedesk.case_item WHERE id = item;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no item %', item USING ERRCODE = 'P0002';
        END IF;
        IF who.job = 'reviewer' AND NOT ci.department_id = ANY (casedesk.my_departments()) THEN
            RAISE EXCEPTION 'item % belongs to a department you do not work for', item
                USING ERRCODE = '42501';
        END IF;
        kase := ci.case_id;
        dept := coalesce(dept, ci.department_id);
    ELSIF NOT EXISTS (SELECT FROM casedesk.case_file WHERE id = kase) THEN
        RAISE EXCEPTION 'no case %', kase USING ERRCODE = 'P0002';
    END IF;
    IF dept IS NULL OR NOT EXISTS (SELECT FROM casedesk.department WHERE id = dept) THEN
        RAISE EXCEPTION 'no department %', dept USING ERRCODE = 'P0002';
    END IF;
    e := casedesk.insert_escalation(kase, item, dept, NULL, 'question',
                                    CASE who.job WHEN 'window' THEN 'window' ELSE 'reviewer' END,
                                    1::smallint, note, who.login);
    PERFORM casedesk.record(req, 'escalate', coalesce(item, kase), jsonb_build_object('id', e.id),
                            item, kase, e.id, NULL, NULL, to_jsonb(e), e.change_seq, 'escalation');
    RETURN e.id;
END
$$;

-- Locks an escalation for on-call work and checks it is addressed to the
-- caller (or the caller's department) and not stale.
CREATE OR REPLACE FUNCTION casedesk.lock_escalation(esc bigint, seen int, who casedesk.staff)
RETURNS casedesk.escalation
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    e casedesk.escalation;
BEGIN
    SELECT * INTO e FROM casedesk.escalation WHERE id = esc FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no escalation %', esc USING ERRCODE = 'P0002';
    END IF;
    IF who.job <> 'supervisor' AND NOT (e.addressee IS NOT DISTINCT FROM who.login
            OR (e.addressee IS NULL AND e.department_id = ANY (casedesk.my_departments()))) THEN
        RAISE EXCEPTION 'escalation % is not addressed to you or your department', esc
            USING ERRCODE = '42501';
    END IF;
    IF e.resolved_at IS NOT NULL THEN
        RAISE EXCEPTION 'already resolved by % at %', casedesk.display_name(e.resolved_by),
            casedesk.local_time_text(e.resolved_at) USING ERRCODE = 'CD002';
    END IF;
    IF seen IS DISTINCT FROM e.version THEN
        IF e.acknowledged_at IS NOT NULL THEN
            RAISE EXCEPTION 'already acknowledged by % at %', casedesk.display_name(e.acknowledged_by),
                casedesk.local_time_text(e.acknowledged_at) USING ERRCODE = 'CD001';
        END IF;
        RAISE EXCEPTION 'escalation % changed meanwhile', esc USING ERRCODE = 'CD001';
    END IF;
    RETURN e;
END
$$;

CREATE OR REPLACE FUNCTION casedesk.commit_escalation(before casedesk.escalation, after casedesk.escalation,
                                           req uuid, act text, seen int)
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
    PERFORM casedesk.record(req, act, r.id, to_jsonb(r), r.item_id, r.case_id, r.id, seen,
                            to_jsonb(before), to_jsonb(r), r.change_seq, 'escalation');
    RETURN r;
END
$$;

CREATE OR REPLACE FUNCTION casedesk.escalation_from_json(j jsonb) RETURNS casedesk.escalation
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT * FROM jsonb_populate_record(NULL::casedesk.escalation, j);
$$;

CREATE OR REPLACE FUNCTION casedesk.acknowledge(esc bigint, seen int, req uuid) RETURNS casedesk.escalation
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    prior jsonb := casedesk.replayed(req, 'acknowledge', esc);
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
    n.acknowledged_at := now();
    RETURN casedesk.commit_escalation(e, n, req, 'acknowledge', seen);
END
$$;

CREATE OR REPLACE FUNCTION casedesk.resolve(esc bigint, seen int, req uuid, note text)
RETURNS casedesk.escalation
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    prior jsonb := casedesk.replayed(req, 'resolve', esc);
    e casedesk.escalation;
    n casedesk.escalation;
BEGIN
    IF prior IS NOT NULL THEN RETURN casedesk.escalation_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'oncall', 'supervisor');
    note := casedesk.check_text(note, 'the answer', (SELECT note_max_chars FROM casedesk.setting), true);
    e := casedesk.lock_escalation(esc, seen, who);
    n := e;
    n.acknowledged_by := coalesce(e.acknowledged_by, who.login);
    n.acknowledged_at := coalesce(e.acknowledged_at, now());
    n.resolved_by := who.login;
    n.resolved_at := now();
    n.resolution := note;
    RETURN casedesk.commit_escalation(e, n, req, 'resolve', seen);
END
$$;

-- Hands an escalation to another department or person; their response clock
-- starts now.
CREATE OR REPLACE FUNCTION casedesk.hand_on(esc bigint, seen int, req uuid, to_dept smallint,
                                 to_login name, note text)
RETURNS casedesk.escalation
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who casedesk.staff := casedesk.me();
    prior jsonb := casedesk.replayed(req, 'hand_on', esc);
    e casedesk.escalation;
    n casedesk.escalation;
BEGIN
    IF prior IS NOT NULL THEN RETURN casedesk.escalation_from_json(prior); END IF;
    PERFORM casedesk.require_job(who, 'oncall', 'supervisor');
    note := casedesk.check_text(note, 'the note', (SELECT note_max_chars FROM casedesk.setting), true);
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
    n.respond_by := casedesk.add_working_minutes(now(),
        (SELECT response_minutes FROM casedesk.escalation_kind WHERE kind = e.kind));
    n.hand_on_note := note;
    RETURN casedesk.commit_escalation(e, n, req, 'hand_on', seen);
END
$$;
