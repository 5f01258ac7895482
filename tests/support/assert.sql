-- Assertions for the SQL tests (tests/sql/*.sql). Each raises on failure, so a
-- test file run with ON_ERROR_STOP stops at the first broken expectation and
-- says which one and what it saw.
CREATE SCHEMA t;
GRANT USAGE ON SCHEMA t TO PUBLIC;

CREATE FUNCTION t.eq(got anyelement, want anyelement, label text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF got IS DISTINCT FROM want THEN
        RAISE EXCEPTION 'FAIL %: got %, want %', label, got, want;
    END IF;
END
$$;

-- t.raises(sql, sqlstate, label): the statement must fail with that SQLSTATE.
-- Returns the error message so a test can check its words too.
CREATE FUNCTION t.raises(stmt text, want_state text, label text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    st text;
    msg text;
BEGIN
    BEGIN
        EXECUTE stmt;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
        IF st <> want_state THEN
            RAISE EXCEPTION 'FAIL %: wanted SQLSTATE %, got % (%)', label, want_state, st, msg;
        END IF;
        RETURN msg;
    END;
    RAISE EXCEPTION 'FAIL %: statement succeeded, wanted SQLSTATE %', label, want_state;
END
$$;

-- Everything an action may change, read as the superuser (no row-level
-- security), so that a refusal can be shown to have left nothing behind.
-- Sequences are left out: nextval is never rolled back.
CREATE FUNCTION t.snapshot() RETURNS jsonb
LANGUAGE sql SECURITY DEFINER AS $$
    SELECT jsonb_build_object(
        'items', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM casedesk.case_item x),
        'cases', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM casedesk.case_file x),
        'applicants', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM casedesk.applicant x),
        'decisions', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM casedesk.decision x),
        'annotations', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM casedesk.annotation x),
        'escalations', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM casedesk.escalation x),
        'requests', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.request_id) FROM casedesk.request x),
        'audit', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM casedesk.audit x));
$$;

-- t.refused(stmt, sqlstate, label): like t.raises, and the data are exactly
-- as before. Returns the message.
CREATE FUNCTION t.refused(stmt text, want_state text, label text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    before jsonb := t.snapshot();
    msg text;
BEGIN
    msg := t.raises(stmt, want_state, label);
    PERFORM t.eq(t.snapshot(), before, label || ': nothing changed');
    RETURN msg;
END
$$;

CREATE FUNCTION t.matches(got text, pattern text, label text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF got IS NULL OR got !~ pattern THEN
        RAISE EXCEPTION 'FAIL %: "%" does not match /%/', label, got, pattern;
    END IF;
END
$$;

-- Runs q as who (the action functions check session_user).
CREATE FUNCTION t.act(who name, q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    EXECUTE format('SET SESSION AUTHORIZATION %I', who);
    EXECUTE q INTO r;
    RESET SESSION AUTHORIZATION;
    RETURN r;
END
$$;

-- Runs the steps on an item as who, each with the version it has then.
CREATE FUNCTION t.play(item bigint, who name, VARIADIC steps text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    s text;
    v int;
BEGIN
    FOREACH s IN ARRAY steps LOOP
        SELECT version INTO v FROM casedesk.case_item WHERE id = item;
        PERFORM t.act(who, format(CASE s
            WHEN 'claim' THEN 'SELECT casedesk.claim(%s, %s, gen_random_uuid())'
            WHEN 'release' THEN 'SELECT casedesk.release(%s, %s, gen_random_uuid())'
            WHEN 'approve' THEN 'SELECT casedesk.approve(%s, %s, gen_random_uuid())'
            WHEN 'reject' THEN 'SELECT casedesk.reject(%s, %s, gen_random_uuid(), ''规划许可证与申报不符'')'
            WHEN 'supplement' THEN 'SELECT casedesk.request_supplement(%s, %s, gen_random_uuid(), ARRAY[''建设工程规划许可证''], NULL)'
            WHEN 'suspend' THEN 'SELECT casedesk.suspend(%s, %s, gen_random_uuid(), ''组织专家评审'')'
            WHEN 'resume' THEN 'SELECT casedesk.resume(%s, %s, gen_random_uuid())'
            WHEN 'annotate' THEN 'SELECT casedesk.annotate(%s, %s, gen_random_uuid(), ''已电话联系申请人'')'
        END, item, v));
    END LOOP;
END
$$;

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;
