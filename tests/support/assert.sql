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

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;
