-- The working-day calendar: the centre's time zone, the blocks of business
-- time on a working day, and the days that break the Monday-to-Friday rule
-- (statutory holidays, and the weekend days worked in exchange, 调休).
--
-- Time limits are counted against these tables by the functions of
-- 022_sla.sql. Job roles read them; only the owner (or a superuser) changes
-- them, because every due date in the queue depends on them.
SET ROLE casedesk_owner;

-- A CHECK cannot run a query, so the list of zone names is read through a
-- function. Only named zones are accepted: AT TIME ZONE would also take POSIX
-- strings such as 'UTC+8', whose sign is the opposite of what people expect.
CREATE FUNCTION casedesk.is_time_zone_name(zone text) RETURNS boolean
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT FROM pg_catalog.pg_timezone_names AS z WHERE z.name = zone);
$$;

-- The service centre's settings: exactly one row.
CREATE TABLE casedesk.centre (
    id        boolean PRIMARY KEY DEFAULT true CHECK (id),
    -- Business hours and calendar days are wall-clock times in this zone.
    time_zone text NOT NULL DEFAULT 'Asia/Shanghai'
              CHECK (casedesk.is_time_zone_name(time_zone))
);

INSERT INTO casedesk.centre DEFAULT VALUES;

-- Without its row no due date can be computed; settings are changed with
-- UPDATE, never by deleting the row.
CREATE FUNCTION casedesk.centre_keep_row() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'casedesk.centre must keep its one row; use UPDATE'
        USING ERRCODE = '55000';
END
$$;

CREATE TRIGGER centre_keep_row BEFORE DELETE ON casedesk.centre
    FOR EACH ROW EXECUTE FUNCTION casedesk.centre_keep_row();
CREATE TRIGGER centre_keep_row_truncate BEFORE TRUNCATE ON casedesk.centre
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.centre_keep_row();

-- The blocks of business time on every working day, in local wall time.
-- Intervals are half-open: a block 09:00-12:00 covers 09:00 up to, not
-- including, 12:00. closes may be 24:00 for a block that runs to midnight.
CREATE TABLE casedesk.business_hours (
    block  smallint PRIMARY KEY,
    opens  time NOT NULL,
    closes time NOT NULL,
    CHECK (opens < closes)
);

-- Blocks may touch (12:00-13:00 after 09:00-12:00) but not overlap, or the
-- overlap would be counted twice. Deferred to commit so that the blocks can
-- be rearranged in one transaction; the table must keep at least one block,
-- since a working day without business time makes every limit endless.
CREATE FUNCTION casedesk.business_hours_blocks_valid() RETURNS trigger
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

CREATE CONSTRAINT TRIGGER business_hours_blocks_valid
    AFTER INSERT OR UPDATE OR DELETE ON casedesk.business_hours
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION casedesk.business_hours_blocks_valid();

INSERT INTO casedesk.business_hours (block, opens, closes) VALUES
    (1, '09:00', '12:00'),
    (2, '13:00', '17:00');

-- Days that differ from the default week (Monday to Friday worked, Saturday
-- and Sunday not). 'holiday': not worked, whatever the weekday; 'workday': a
-- Saturday or Sunday worked as a make-up day (调休上班). A holiday that falls
-- on a weekend may be listed too; it changes nothing but reads better.
CREATE TABLE casedesk.calendar_day (
    day  date PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name text,
    CHECK (kind = 'holiday' OR extract(isodow FROM day) >= 6)
);

GRANT SELECT ON casedesk.centre, casedesk.business_hours, casedesk.calendar_day
    TO casedesk_staff;
