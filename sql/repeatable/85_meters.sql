-- The meters every view of the console shows under its tab bar: the open,
-- yellow, red and paused counts of the caller's scope, the items the caller
-- holds claimed, and today's decisions and how many of them were on time.
--
-- They ride on answers the console fetches anyway (the queue page, the
-- periodic check), so they must cost next to nothing and never count the
-- queue: the open figures are the kept ones (open_count plus the deltas not
-- yet folded, which the sweep folds once per period), today's decisions are
-- decision_day's, and the caller's claimed items are found through the
-- index on assignee. Read only, with generic plans kept for the session
-- (the console plans its pages afresh each time; these statements do not
-- need it). Yellow and red follow the sweep's alarm
-- markers, as the supervisor's figures do (070_supervision.sql): they lag
-- by at most one sweep interval.
--
-- Scope: reviewers and on-call staff their departments, every other job the
-- whole centre (supervisors and window clerks see every department's items).
--
-- A repeatable file (see 90_admin.sql): safe to run again.
SET ROLE casedesk_owner;

-- "open yellow red paused mine decided on_time", seven numbers, one text
-- value so that it is one column wherever it rides.
CREATE OR REPLACE FUNCTION casedesk.my_meters() RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET lock_timeout = '5s' SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    who casedesk.staff;
    depts smallint[];
    today date := casedesk.centre_today();
    o record;
    d record;
    mine int;
BEGIN
    who := casedesk.me();
    IF who.job IN ('reviewer', 'oncall') THEN
        depts := casedesk.my_departments();
    END IF;
    SELECT coalesce(sum(x.green + x.yellow + x.red + x.paused), 0)::int AS open,
           coalesce(sum(x.yellow), 0)::int AS yellow, coalesce(sum(x.red), 0)::int AS red,
           coalesce(sum(x.paused), 0)::int AS paused
      INTO o
      FROM (SELECT department_id, green, yellow, red, paused FROM casedesk.open_count
            UNION ALL
            SELECT department_id, green, yellow, red, paused FROM casedesk.figure_delta) x
     WHERE depts IS NULL OR x.department_id = ANY (depts);
    SELECT coalesce(sum(x.approved + x.rejected), 0)::int AS decided,
           coalesce(sum(x.on_time), 0)::int AS on_time
      INTO d
      FROM (SELECT department_id, approved, rejected, on_time FROM casedesk.decision_day
             WHERE day = today
            UNION ALL
            SELECT department_id, approved, rejected, on_time FROM casedesk.figure_delta
             WHERE day = today) x
     WHERE depts IS NULL OR x.department_id = ANY (depts);
    SELECT count(*)::int INTO mine
      FROM casedesk.case_item ci
     WHERE ci.assignee = session_user AND ci.status = 'claimed';
    RETURN format('%s %s %s %s %s %s %s', o.open, o.yellow, o.red, o.paused, mine, d.decided,
                  d.on_time);
END
$$;

GRANT EXECUTE ON FUNCTION casedesk.my_meters() TO casedesk_staff;
