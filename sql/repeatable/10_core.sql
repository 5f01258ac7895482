-- Checks on typed input and on credit codes (used by the tables' CHECK
-- constraints), and the guard that keeps the audit trail append-only.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-- Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
-- from a 31-letter alphabet (no I, O, S, V, Z); the last is a check character
-- over the first 17 with weights 3^i mod 31.
CREATE OR REPLACE FUNCTION casedesk.credit_code_check_char(first17 text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    weights constant int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    total int := 0;
    v int;
BEGIN
    IF length(first17) <> 17 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1..17 LOOP
        v := strpos(alphabet, substr(first17, i, 1)) - 1;
        IF v < 0 THEN
            RETURN NULL;
        END IF;
        total := total + v * weights[i];
    END LOOP;
    RETURN substr(alphabet, (31 - total % 31) % 31 + 1, 1);
END
$$;

CREATE OR REPLACE FUNCTION casedesk.credit_code_valid(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'
       AND right(code, 1) = casedesk.credit_code_check_char(left(code, 17));
$$;

-- Text a person typed: no control characters but newline and tab (an escape
-- sequence in a note must never reach another reviewer's terminal).
CREATE OR REPLACE FUNCTION casedesk.clean_text(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT t !~ '[\x01-\x08\x0b-\x1f\x7f-\x9f]';
$$;

-- Only the owner may change or remove audit rows (archiving is a deliberate
-- act by an administrator who takes the owner role); everyone else, including
-- a job role that somehow got a privilege, is refused.
CREATE OR REPLACE FUNCTION casedesk.audit_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF current_user <> 'casedesk_owner' THEN
        RAISE EXCEPTION 'the audit trail is append-only'
            USING ERRCODE = '42501',
                  HINT = 'audit rows cannot be changed or removed';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON casedesk.audit
    FOR EACH ROW EXECUTE FUNCTION casedesk.audit_guard();

CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON casedesk.audit
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.audit_guard();
