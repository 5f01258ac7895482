-- The working-day calendar's guards: the centre's time zone must be a named
-- zone, its one settings row stays, business-hours blocks do not overlap.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-- A CHECK cannot run a query, so the list of zone names is read through a
-- function. Only named zones are accepted: AT TIME ZONE would also take POSIX
-- strings such as 'UTC+8', whose sign is the opposite of what people expect.
CREATE OR REPLACE FUNCTION casedesk.is_time_zone_name(zone text) RETURNS boolean
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT FROM pg_catalog.pg_timezone_names AS z WHERE z.name = zone);
$$;

-- Without its row no due date can be computed; settings are changed with
-- UPDATE, never by deleting the row.
CREATE OR REPLACE FUNCTION casedesk.centre_keep_row() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'casedesk.centre must keep its one row; use UPDATE'
        USING ERRCODE = '55000';
END
$$;

CREATE OR REPLACE TRIGGER centre_keep_row BEFORE DELETE ON casedesk.centre
    FOR EACH ROW EXECUTE FUNCTION casedesk.centre_keep_row();

CREATE OR REPLACE TRIGGER centre_keep_row_truncate BEFORE TRUNCATE ON casedesk.centre
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.centre_keep_row();

-- Blocks may touch (12:00-13:00 after 09:00-12:00) but not overlap, or the
-- overlap would be counted twice. Deferred to commit so that the blocks can
-- be rearranged in one transaction; the table must keep at least one block,
-- since a working day without business time makes every limit endless.
CREATE OR REPLACE FUNCTION casedesk.business_hours_blocks_valid() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    a smallint;
    b smallint;
BEGIN
    IF NOT EXISTS (SELECT FROM casedesk.business_hours) THEN
        RAISE EXCEPTION 'casedesk.business_hours needs at least one block'
            USING ERRCODE = '23514';
    END IF;
    SELECT x.block, y.block INTO a, b
      FROM casedesk.business_hours AS x
      JOIN casedesk.business_hours AS y
        ON x.block < y.block AND x.opens < y.closes AND y.opens < x.closes
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'business hours blocks % and % overlap', a, b
            USING ERRCODE = '23P01';
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS business_hours_blocks_valid ON casedesk.business_hours;
CREATE CONSTRAINT TRIGGER business_hours_blocks_valid
    AFTER INSERT OR UPDATE OR DELETE ON casedesk.business_hours
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION casedesk.business_hours_blocks_valid();

GRANT SELECT ON casedesk.centre, casedesk.business_hours, casedesk.calendar_day
    TO casedesk_staff;
