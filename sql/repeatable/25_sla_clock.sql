-- Time limits (承诺时限): when an item falls due, when it turns yellow, and how
-- much business time lies between two instants.
--
-- All counting is done in the wall time of the centre's zone (casedesk.centre):
-- an instant is turned into a local date and time, the days and blocks of the
-- calendar tables are laid over it, and the answer is turned back into a
-- timestamptz. Business time is half-open: with a block 13:00-17:00, 17:00
-- itself is outside, 16:59:59 inside.
--
-- The loops go day by day, never minute by minute. A calendar that yields no
-- working day for three years (1096 days) in a row is a broken calendar; the
-- functions then raise 55000 instead of looping on.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-- A holiday row wins over the weekday, a workday row over the weekend.
-- add_working_days and working_minutes_between repeat this rule inside their
-- queries, to look at a whole range of days in one pass.
CREATE OR REPLACE FUNCTION casedesk.is_working_day(d date) RETURNS boolean
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT c.kind = 'workday' FROM casedesk.calendar_day AS c WHERE c.day = d),
                    extract(isodow FROM d) < 6);
$$;

-- The close of business (close of the last block) of the n-th working day
-- after the calendar day of start. The day of acceptance is not counted
-- (期间开始的当日不计入), whatever the hour, and a start on a weekend or a
-- holiday counts from the next working day just the same.
--
-- n = 0 (to be done the same day): the close of the day of start if that is
-- a working day and start is before its close; otherwise the close of the
-- next working day. A zero-day limit so never falls due before the item
-- arrived.
CREATE OR REPLACE FUNCTION casedesk.add_working_days(start timestamptz, n int) RETURNS timestamptz
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    tz text;
    close_time time;
    local_start timestamp;
    d0 date;
    want int := n;
    horizon int;
    result date;
BEGIN
    IF n < 0 THEN
        RAISE EXCEPTION 'add_working_days: n must not be negative (got %)', n
            USING ERRCODE = '22023';
    END IF;
    -- Beyond a few centuries the dates would leave the range of date.
    IF n > 100000 THEN
        RAISE EXCEPTION 'add_working_days: n too large (got %)', n
            USING ERRCODE = '22023';
    END IF;
    SELECT c.time_zone INTO tz FROM casedesk.centre AS c;
    IF tz IS NULL THEN
        RAISE EXCEPTION 'casedesk.centre has no row' USING ERRCODE = '55000';
    END IF;
    SELECT max(b.closes) INTO close_time FROM casedesk.business_hours AS b;
    IF close_time IS NULL THEN
        RAISE EXCEPTION 'casedesk.business_hours is empty' USING ERRCODE = '55000';
    END IF;

    local_start := start AT TIME ZONE tz;
    d0 := local_start::date;
    IF n = 0 THEN
        IF casedesk.is_working_day(d0) AND local_start < d0 + close_time THEN
            RETURN (d0 + close_time) AT TIME ZONE tz;
        END IF;
        want := 1;
    END IF;

    -- n working days rarely take more than 2n + 40 calendar days (weekends
    -- plus the longest holiday periods); look further only when they do.
    horizon := 2 * want + 40;
    LOOP
        SELECT x.day INTO result
          FROM (SELECT d0 + g.i AS day FROM pg_catalog.generate_series(1, horizon) AS g(i)) AS x
          LEFT JOIN casedesk.calendar_day AS c ON c.day = x.day
         WHERE CASE c.kind WHEN 'holiday' THEN false
                           WHEN 'workday' THEN true
                           ELSE extract(isodow FROM x.day) < 6 END
         ORDER BY x.day
        OFFSET want - 1 LIMIT 1;
        IF result IS NOT NULL THEN
            RETURN (result + close_time) AT TIME ZONE tz;
        END IF;
        IF horizon >= 2 * want + 1096 THEN
            RAISE EXCEPTION 'the working-day calendar has fewer than % working days in the % days after %',
                want, horizon, d0
                USING ERRCODE = '55000';
        END IF;
        horizon := 2 * want + 1096;
    END LOOP;
END
$$;

-- n minutes of business time counted from start. Time outside the blocks and
-- on days off does not count: an arrival at 20:00 starts counting at the next
-- opening. A count that ends exactly at the close of a block returns that
-- close (16:55 + 5 -> 17:00 the same day). n = 0 returns start if it is
-- inside business time, else the next opening. Seconds of start are kept.
CREATE OR REPLACE FUNCTION casedesk.add_working_minutes(start timestamptz, n int) RETURNS timestamptz
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    tz text;
    opens time[];
    closes time[];
    local_start timestamp;
    d date;
    remaining interval := n * interval '1 minute';
    block_open timestamp;
    block_close timestamp;
    s timestamp;
    idle_days int := 0;
BEGIN
    IF n < 0 THEN
        RAISE EXCEPTION 'add_working_minutes: n must not be negative (got %)', n
            USING ERRCODE = '22023';
    END IF;
    SELECT c.time_zone INTO tz FROM casedesk.centre AS c;
    IF tz IS NULL THEN
        RAISE EXCEPTION 'casedesk.centre has no row' USING ERRCODE = '55000';
    END IF;
    SELECT array_agg(b.opens ORDER BY b.opens), array_agg(b.closes ORDER BY b.opens)
      INTO opens, closes
      FROM casedesk.business_hours AS b;
    IF opens IS NULL THEN
        RAISE EXCEPTION 'casedesk.business_hours is empty' USING ERRCODE = '55000';
    END IF;

    local_start := start AT TIME ZONE tz;
    d := local_start::date;
    LOOP
        IF casedesk.is_working_day(d) THEN
            idle_days := 0;
            FOR i IN 1 .. pg_catalog.array_length(opens, 1) LOOP
                block_open := d + opens[i];
                block_close := d + closes[i];
                CONTINUE WHEN block_close <= local_start;
                s := greatest(block_open, local_start);
                -- "<=": a count that ends on a close stays on that close.
                IF remaining <= block_close - s THEN
                    RETURN (s + remaining) AT TIME ZONE tz;
                END IF;
                remaining := remaining - (block_close - s);
            END LOOP;
        ELSE
            idle_days := idle_days + 1;
            IF idle_days > 1096 THEN
                RAISE EXCEPTION 'the working-day calendar has no working day in the 1096 days before %', d
                    USING ERRCODE = '55000';
            END IF;
        END IF;
        d := d + 1;
    END LOOP;
END
$$;

-- Business minutes in [a, b); 0 when b <= a. The business time is summed to
-- the second and then cut to whole minutes (floor), so 59 seconds count 0
-- and add_working_minutes(a, working_minutes_between(a, b)) is never after b.
CREATE OR REPLACE FUNCTION casedesk.working_minutes_between(a timestamptz, b timestamptz) RETURNS int
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    tz text;
    la timestamp;
    lb timestamp;
    total numeric;
BEGIN
    IF b <= a THEN
        RETURN 0;
    END IF;
    SELECT c.time_zone INTO tz FROM casedesk.centre AS c;
    IF tz IS NULL THEN
        RAISE EXCEPTION 'casedesk.centre has no row' USING ERRCODE = '55000';
    END IF;
    la := a AT TIME ZONE tz;
    lb := b AT TIME ZONE tz;
    SELECT sum(extract(epoch FROM least(x.day + bh.closes, lb) - greatest(x.day + bh.opens, la)))
      INTO total
      FROM (SELECT la::date + g.i AS day
              FROM pg_catalog.generate_series(0, lb::date - la::date) AS g(i)) AS x
      LEFT JOIN casedesk.calendar_day AS c ON c.day = x.day
      CROSS JOIN casedesk.business_hours AS bh
     WHERE CASE c.kind WHEN 'holiday' THEN false
                       WHEN 'workday' THEN true
                       ELSE extract(isodow FROM x.day) < 6 END
       AND x.day + bh.closes > la
       AND x.day + bh.opens < lb;
    RETURN coalesce(floor(total / 60), 0)::int;
END
$$;

-- Plain elapsed time, night and holidays included (48 hours is 48 hours).
CREATE OR REPLACE FUNCTION casedesk.add_calendar_hours(start timestamptz, n int) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF n < 0 THEN
        RAISE EXCEPTION 'add_calendar_hours: n must not be negative (got %)', n
            USING ERRCODE = '22023';
    END IF;
    RETURN start + n * interval '1 hour';
END
$$;

-- The due instant of an item that enters the queue at start with the limit
-- (limit_value, unit) of its item type.
CREATE OR REPLACE FUNCTION casedesk.sla_due(start timestamptz, limit_value int, unit casedesk.limit_unit)
RETURNS timestamptz
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE unit
        WHEN 'working_days' THEN casedesk.add_working_days(start, limit_value)
        WHEN 'working_minutes' THEN casedesk.add_working_minutes(start, limit_value)
        WHEN 'calendar_hours' THEN casedesk.add_calendar_hours(start, limit_value)
    END;
$$;

-- The instant at which the time used reaches fraction of the budget between
-- start and due: business minutes for the working units (rounded up to a whole
-- minute, so yellow never comes early), wall time for calendar hours. Never
-- later than due.
CREATE OR REPLACE FUNCTION casedesk.sla_yellow_at(start timestamptz, due timestamptz, fraction numeric,
                                       unit casedesk.limit_unit DEFAULT 'working_days')
RETURNS timestamptz
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF fraction < 0 OR fraction > 1 THEN
        RAISE EXCEPTION 'sla_yellow_at: fraction must be between 0 and 1 (got %)', fraction
            USING ERRCODE = '22023';
    END IF;
    IF unit = 'calendar_hours' THEN
        -- In seconds: (due - start) would come back in days, and adding days
        -- depends on the session's time zone.
        RETURN least(start + (extract(epoch FROM due) - extract(epoch FROM start))::float8
                             * fraction::float8 * interval '1 second',
                     due);
    END IF;
    RETURN least(casedesk.add_working_minutes(
                     start, ceil(casedesk.working_minutes_between(start, due) * fraction)::int),
                 due);
END
$$;

GRANT EXECUTE ON FUNCTION
    casedesk.is_working_day(date),
    casedesk.add_working_days(timestamptz, int),
    casedesk.add_working_minutes(timestamptz, int),
    casedesk.working_minutes_between(timestamptz, timestamptz),
    casedesk.add_calendar_hours(timestamptz, int),
    casedesk.sla_due(timestamptz, int, casedesk.limit_unit),
    casedesk.sla_yellow_at(timestamptz, timestamptz, numeric, casedesk.limit_unit)
    TO casedesk_staff;
