-- The figures at scale: 50,000 items and 5,000 escalations loaded in bulk
-- (the triggers on, nothing disabled). The figures must equal what a count
-- over every item gives, and reading them must not touch case_item at all:
-- their cost follows the small tables and the last 30 days of decisions,
-- not the queue.
\set QUIET on
\o /dev/null

-------------------------------------------------------------------------------
-- 25,000 cases, M1 and M2 in turn, two items each. An item's state follows
-- k, a hash of case number and item type, mod 20:
--   0-7 pending   8 pending, yellow   9 claimed, red   10 补正   11 中止
--   12-17 approved (every third after a 补正 round)   18 rejected   19 waiting
-- entered up to 44 days back; due 3 days, yellow 2 days after entering;
-- decided up to 4 days after entering, never after now.
INSERT INTO casedesk.case_file (case_no, matter_type_id, applicant_id, project_name, tracking_code,
                                channel, received_at, change_seq)
SELECT 'SCALE-' || g, 1 + g % 2, 1, '', 'scale-' || g, 'online', now(), 0
  FROM generate_series(1, 25000) g;

CREATE TEMP TABLE plan AS
SELECT cf.id AS case_id, mi.item_type_id, it.department_id, n,
       (hashint4(n * 4 + mi.item_type_id)::bigint % 20 + 20) % 20 AS k,
       now() - (n % 45) * interval '1 day' - (n % 7) * interval '1 hour' AS entered
  FROM (SELECT id, substr(case_no, 7)::int AS n, matter_type_id FROM casedesk.case_file
         WHERE case_no LIKE 'SCALE-%') cf
  JOIN casedesk.matter_item mi ON mi.matter_type_id = cf.matter_type_id
  JOIN casedesk.item_type it ON it.id = mi.item_type_id;

INSERT INTO casedesk.case_item (case_id, item_type_id, department_id, status, assignee, claim_expires,
                                entered_at, due_at, original_due_at, yellow_at, paused_at,
                                paused_minutes, decided_at, decided_by, alarm_level, change_seq)
SELECT p.case_id, p.item_type_id, p.department_id, s.status,
       CASE WHEN s.status = 'claimed' THEN 'rev_a' END,
       CASE WHEN s.status = 'claimed' THEN now() + interval '1 hour' END,
       CASE WHEN s.status <> 'waiting' THEN p.entered END,
       CASE WHEN s.status <> 'waiting' THEN p.entered + interval '3 days' END,
       CASE WHEN s.status <> 'waiting' THEN p.entered + interval '3 days' END,
       CASE WHEN s.status <> 'waiting' THEN p.entered + interval '2 days' END,
       CASE WHEN s.status IN ('supplement', 'suspended') THEN p.entered + interval '1 hour' END,
       CASE WHEN s.status IN ('approved', 'rejected') THEN p.n % 50 ELSE 0 END,
       CASE WHEN s.status IN ('approved', 'rejected')
            THEN least(p.entered + (p.n % 5) * interval '1 day' + interval '2 hours',
                       now() - interval '1 minute') END,
       CASE WHEN s.status IN ('approved', 'rejected') THEN 'rev_a' END,
       CASE p.k WHEN 8 THEN 1 WHEN 9 THEN 2 ELSE 0 END,
       0
  FROM plan p
 CROSS JOIN LATERAL (SELECT CASE
        WHEN p.k <= 8 THEN 'pending'
        WHEN p.k = 9 THEN 'claimed'
        WHEN p.k = 10 THEN 'supplement'
        WHEN p.k = 11 THEN 'suspended'
        WHEN p.k BETWEEN 12 AND 17 AND p.n % 3 = 0 THEN 'claimed'   -- decided below
        WHEN p.k BETWEEN 12 AND 17 THEN 'approved'
        WHEN p.k = 18 THEN 'rejected'
        ELSE 'waiting' END::casedesk.item_status AS status) s;

-- The third of the approvals that went through a 补正 round: the request
-- first, then the approval (row by row, through the update trigger).
INSERT INTO casedesk.decision (item_id, kind, materials, decided_by, decided_at)
SELECT ci.id, 'supplement', ARRAY['建设工程规划许可证'], 'rev_a', ci.entered_at + interval '1 hour'
  FROM casedesk.case_item ci JOIN plan p USING (case_id, item_type_id)
 WHERE p.k BETWEEN 12 AND 17 AND p.n % 3 = 0;
UPDATE casedesk.case_item ci
   SET status = 'approved', paused_minutes = p.n % 50,
       decided_at = least(p.entered + (p.n % 5) * interval '1 day' + interval '2 hours',
                          now() - interval '1 minute'),
       decided_by = 'rev_a'
  FROM plan p
 WHERE p.case_id = ci.case_id AND p.item_type_id = ci.item_type_id
   AND p.k BETWEEN 12 AND 17 AND p.n % 3 = 0;

-- Escalations over 40 days: in time, late, unanswered, still running; one
-- in five about a whole case rather than an item.
INSERT INTO casedesk.escalation (case_id, item_id, department_id, kind, source, note, raised_by, raised_at,
                                 respond_by, acknowledged_by, acknowledged_at, change_seq)
SELECT c.id, CASE WHEN g % 5 <> 0 THEN (SELECT min(ci.id) FROM casedesk.case_item ci WHERE ci.case_id = c.id) END,
       1 + g % 3, 'question', 'window', '问题', 'win', r.raised, r.raised + interval '3 minutes',
       CASE WHEN g % 4 IN (0, 1) THEN 'oncall_a' END,
       CASE g % 4 WHEN 0 THEN r.raised + interval '1 minute' WHEN 1 THEN r.raised + interval '10 minutes' END,
       0
  FROM generate_series(1, 5000) g
  JOIN casedesk.case_file c ON c.case_no = 'SCALE-' || (g * 5)
 CROSS JOIN LATERAL (SELECT CASE WHEN g % 4 = 3 THEN now() - interval '1 minute'
                                 ELSE now() - (g % 40) * interval '1 day' - (g % 600) * interval '1 minute'
                            END AS raised) r;

ANALYZE casedesk.case_item;
ANALYZE casedesk.case_file;
ANALYZE casedesk.escalation;
ANALYZE casedesk.decision;
ANALYZE casedesk.decided_item;

SELECT t.eq((SELECT count(*) FROM casedesk.case_item) >= 50000, true, '50,000 items loaded');

-------------------------------------------------------------------------------
-- The figures equal a count over every item.

-- What supervisor_figures / matter_figures return, as text per row.
CREATE FUNCTION t.figures(by_department boolean) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    SET SESSION AUTHORIZATION sup;
    IF by_department THEN
        SELECT string_agg(format('%s', (f.department_id, f.open, f.yellow, f.red, f.paused,
                                        f.done_today, f.done_7d, f.done_30d, f.on_time_rate,
                                        f.first_pass_rate, f.median_minutes, f.esc_total,
                                        f.esc_in_time)), E'\n' ORDER BY f.department_id)
          INTO r FROM casedesk.supervisor_figures() f;
    ELSE
        SELECT string_agg(format('%s', (f.matter_type_id, f.open, f.yellow, f.red, f.paused,
                                        f.done_today, f.done_7d, f.done_30d, f.on_time_rate,
                                        f.first_pass_rate, f.median_minutes, f.esc_total,
                                        f.esc_in_time)), E'\n' ORDER BY f.matter_type_id)
          INTO r FROM casedesk.matter_figures() f;
    END IF;
    RESET SESSION AUTHORIZATION;
    RETURN r;
END
$$;

-- The median is to the bucket's resolution: every time taken as the lower
-- bound of its bucket. The grid, written out independently of
-- casedesk.minutes_bucket.
CREATE FUNCTION t.grid(m int) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN m < 60 THEN m WHEN m < 480 THEN m / 5 * 5
                WHEN m < 2100 THEN m / 30 * 30 ELSE m / 420 * 420 END;
$$;
SELECT t.eq((SELECT count(*) FROM generate_series(0, 20000) m
              WHERE casedesk.minutes_bucket(m) <> t.grid(m)), 0::bigint,
            'minutes_bucket follows the grid');

-- The same from case_item, decision and escalation, computed the long way.
CREATE FUNCTION t.counted(by_department boolean) RETURNS text
LANGUAGE sql AS $$
    WITH today AS (
        SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d
    ), item AS (
        SELECT CASE WHEN by_department THEN ci.department_id ELSE cf.matter_type_id END AS key, ci.*,
               (ci.decided_at AT TIME ZONE 'Asia/Shanghai')::date AS day
          FROM casedesk.case_item ci JOIN casedesk.case_file cf ON cf.id = ci.case_id
    ), opened AS (
        SELECT key,
               count(*) FILTER (WHERE status IN ('pending', 'claimed', 'supplement', 'suspended')) AS open,
               count(*) FILTER (WHERE status IN ('pending', 'claimed') AND alarm_level = 1) AS yellow,
               count(*) FILTER (WHERE status IN ('pending', 'claimed') AND alarm_level = 2) AS red,
               count(*) FILTER (WHERE status IN ('supplement', 'suspended')) AS paused
          FROM item GROUP BY key
    ), decided AS (
        SELECT key,
               count(*) FILTER (WHERE day = today.d) AS today,
               count(*) FILTER (WHERE day > today.d - 7) AS d7,
               count(*) AS d30,
               round(count(*) FILTER (WHERE decided_at <= due_at)::numeric / count(*), 4) AS on_time,
               round(count(*) FILTER (WHERE status = 'approved' AND NOT EXISTS (
                         SELECT FROM casedesk.decision d
                          WHERE d.item_id = item.id AND d.kind IN ('reject', 'supplement')))::numeric
                     / count(*), 4) AS first_pass,
               round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.grid(greatest(
                   casedesk.working_minutes_between(entered_at, decided_at) - paused_minutes, 0)))::numeric)::int
                   AS median
          FROM item, today
         WHERE status IN ('approved', 'rejected') AND day > today.d - 30
         GROUP BY key
    ), esc AS (
        SELECT CASE WHEN by_department THEN e.department_id ELSE cf.matter_type_id END AS key,
               count(*) FILTER (WHERE e.acknowledged_at IS NOT NULL OR e.respond_by <= now()) AS total,
               count(*) FILTER (WHERE e.acknowledged_at <= e.respond_by) AS in_time
          FROM casedesk.escalation e JOIN casedesk.case_file cf ON cf.id = e.case_id, today
         WHERE (e.raised_at AT TIME ZONE 'Asia/Shanghai')::date > today.d - 30
         GROUP BY 1
    )
    SELECT string_agg(format('%s', (k.id, coalesce(o.open, 0), coalesce(o.yellow, 0), coalesce(o.red, 0),
                                    coalesce(o.paused, 0), coalesce(d.today, 0), coalesce(d.d7, 0),
                                    coalesce(d.d30, 0), d.on_time, d.first_pass, d.median,
                                    coalesce(e.total, 0), coalesce(e.in_time, 0))), E'\n' ORDER BY k.id)
      FROM (SELECT id::int FROM casedesk.department WHERE by_department
            UNION ALL SELECT id FROM casedesk.matter_type WHERE NOT by_department) k
      LEFT JOIN opened o ON o.key = k.id
      LEFT JOIN decided d ON d.key = k.id
      LEFT JOIN esc e ON e.key = k.id;
$$;

SELECT t.figures(true) AS dept_figures, t.counted(true) AS dept_counted,
       t.figures(false) AS matter_figures, t.counted(false) AS matter_counted \gset
SELECT t.eq(:'dept_figures'::text, :'dept_counted', 'per department: kept = counted'),
       t.eq(:'matter_figures'::text, :'matter_counted', 'per matter type: kept = counted');
-- Not a vacuous comparison: every kind of figure is there.
SET SESSION AUTHORIZATION sup;
SELECT t.eq(open > 5000 AND yellow > 500 AND red > 500 AND paused > 500 AND done_today > 0
            AND done_30d > done_7d AND done_7d > done_today AND on_time_rate BETWEEN 0.01 AND 0.99
            AND first_pass_rate BETWEEN 0.01 AND 0.99 AND median_minutes > 0
            AND esc_total > esc_in_time AND esc_in_time > 0, true, 'department 1 has every figure')
  FROM casedesk.supervisor_figures() WHERE department_id = 1;
RESET SESSION AUTHORIZATION;

CREATE FUNCTION t.history(dept smallint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    SET SESSION AUTHORIZATION sup;
    SELECT string_agg(format('%s', h), ' ' ORDER BY h.day) INTO r FROM casedesk.history_14d(dept) h;
    RESET SESSION AUTHORIZATION;
    RETURN r;
END
$$;
CREATE FUNCTION t.counted_history(dept smallint) RETURNS text
LANGUAGE sql AS $$
    SELECT string_agg(format('%s', (h.day, h.completed, h.on_time, h.first_pass)), ' ' ORDER BY h.day)
      FROM (SELECT g.day, count(ci.id) AS completed,
                   count(ci.id) FILTER (WHERE ci.decided_at <= ci.due_at) AS on_time,
                   count(ci.id) FILTER (WHERE ci.status = 'approved' AND NOT EXISTS (
                       SELECT FROM casedesk.decision d
                        WHERE d.item_id = ci.id AND d.kind IN ('reject', 'supplement'))) AS first_pass
              FROM (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date - i AS day
                      FROM generate_series(0, 13) i) g
              LEFT JOIN casedesk.case_item ci
                ON ci.status IN ('approved', 'rejected')
               AND (ci.decided_at AT TIME ZONE 'Asia/Shanghai')::date = g.day
               AND (dept IS NULL OR ci.department_id = dept)
             GROUP BY g.day) h;
$$;
SELECT t.eq(t.history(NULL), t.counted_history(NULL), '14 days, all departments: kept = counted'),
       t.eq(t.history(2::smallint), t.counted_history(2::smallint), '14 days, department 2: kept = counted');

-------------------------------------------------------------------------------
-- The statements behind the figures never scan case_item. Each is run here
-- as it stands in its function (the body taken from the catalogue), under
-- EXPLAIN.
CREATE FUNCTION t.plan_of(fn regprocedure, args text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    types text;
    body text;
    p jsonb;
BEGIN
    SELECT string_agg(format_type(a.t, NULL), ', ' ORDER BY a.o),
           regexp_replace(min(pr.prosrc), ';\s*$', '')
      INTO types, body
      FROM pg_proc pr, unnest(pr.proargtypes::oid[]) WITH ORDINALITY a(t, o)
     WHERE pr.oid = fn;
    EXECUTE format('PREPARE t_q(%s) AS %s', types, body);
    EXECUTE format('EXPLAIN (FORMAT JSON) EXECUTE t_q(%s)', args) INTO p;
    DEALLOCATE t_q;
    RETURN p;
END
$$;
CREATE FUNCTION t.scans_items(p jsonb) RETURNS boolean
LANGUAGE sql AS $$
    SELECT jsonb_path_exists(p, '$.** ? (@."Node Type" == "Seq Scan" && @."Relation Name" == "case_item")');
$$;
CREATE FUNCTION t.reads_items(p jsonb) RETURNS boolean
LANGUAGE sql AS $$
    SELECT jsonb_path_exists(p, '$.** ? (@."Relation Name" == "case_item")');
$$;
-- case_file grows with the items too.
CREATE FUNCTION t.scans_cases(p jsonb) RETURNS boolean
LANGUAGE sql AS $$
    SELECT jsonb_path_exists(p, '$.** ? (@."Node Type" == "Seq Scan" && @."Relation Name" == "case_file")');
$$;
-- The check itself works: a plan that does scan case_item is seen. (It
-- filters on a column no index has: a bare count(*) may be an index-only
-- scan once autovacuum has set the visibility map.)
CREATE FUNCTION t.count_items(b boolean) RETURNS bigint
LANGUAGE sql AS $$ SELECT count(*) FROM casedesk.case_item WHERE $1 AND paused_minutes >= 0; $$;
SELECT t.eq(t.scans_items(p), true, 'a sequential scan of case_item is recognised')
  FROM (SELECT t.plan_of('t.count_items(boolean)', 'true') p) x;

SELECT t.eq(t.scans_items(p), false, 'figures per department: no sequential scan of case_item'),
       t.eq(t.reads_items(p), false, 'figures per department: case_item not read at all'),
       t.eq(t.scans_cases(p), false, 'figures per department: no sequential scan of case_file')
  FROM (SELECT t.plan_of('casedesk.figures_by(boolean)', 'true') p) x;
SELECT t.eq(t.scans_items(p), false, 'figures per matter: no sequential scan of case_item'),
       t.eq(t.reads_items(p), false, 'figures per matter: case_item not read at all'),
       t.eq(t.scans_cases(p), false, 'figures per matter: no sequential scan of case_file')
  FROM (SELECT t.plan_of('casedesk.figures_by(boolean)', 'false') p) x;
-- The median comes from the histogram: decided_item (one row per decision)
-- is not in the figures' plans at all.
CREATE FUNCTION t.reads_facts(p jsonb) RETURNS boolean
LANGUAGE sql AS $$
    SELECT jsonb_path_exists(p, '$.** ? (@."Relation Name" == "decided_item")');
$$;
CREATE FUNCTION t.count_facts(b boolean) RETURNS bigint
LANGUAGE sql AS $$ SELECT count(*) FROM casedesk.decided_item WHERE $1; $$;
SELECT t.eq(t.reads_facts(t.plan_of('t.count_facts(boolean)', 'true')), true,
            'a plan reading decided_item is recognised');
SELECT t.eq(t.reads_facts(t.plan_of('casedesk.figures_by(boolean)', 'true')), false,
            'figures per department: decided_item not read'),
       t.eq(t.reads_facts(t.plan_of('casedesk.figures_by(boolean)', 'false')), false,
            'figures per matter: decided_item not read'),
       t.eq(t.reads_facts(t.plan_of('casedesk.history_by(smallint, integer)', '1, NULL')), false,
            'history: decided_item not read');
SELECT t.eq(t.reads_items(p), false, 'history: case_item not read')
  FROM (SELECT t.plan_of('casedesk.history_by(smallint, integer)', '1, NULL') p) x;

-- And end to end, everything a supervisor's refresh runs (the fold too),
-- counted by the statistics collector: not one row of case_item.

-- Reads of a table in this transaction: sequential scans, heap rows
-- fetched, and rows returned by a scan of the table or of any of its
-- indexes (an index-only scan fetches nothing from the heap but still reads).
CREATE FUNCTION t.reads(rel regclass) RETURNS jsonb
LANGUAGE sql AS $$
    SELECT jsonb_build_object(
        'seq', pg_stat_get_xact_numscans(rel),
        'fetched', pg_stat_get_xact_tuples_fetched(rel),
        'read', pg_stat_get_xact_tuples_returned(rel)
                + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0)::bigint
                     FROM pg_index i WHERE i.indrelid = rel));
$$;
CREATE FUNCTION t.item_reads() RETURNS jsonb
LANGUAGE sql AS $$ SELECT t.reads('casedesk.case_item'); $$;
-- Something to fold first: one more item filed.
SELECT t.eq((SELECT count(*) FROM casedesk.figure_delta), 0::bigint, 'folded by the reads above');
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case(gen_random_uuid(), 'M1', '91350100M000100Y43', '福建某建设有限公司', '', 'window');
RESET SESSION AUTHORIZATION;
BEGIN;
SELECT t.item_reads() AS before, t.reads('casedesk.decided_item') AS facts_before,
       pg_stat_get_xact_numscans('casedesk.case_file'::regclass) AS case_scans \gset
SET LOCAL SESSION AUTHORIZATION sup;
SELECT * FROM casedesk.supervisor_figures();
SELECT * FROM casedesk.matter_figures();
SELECT * FROM casedesk.history_14d();
SELECT * FROM casedesk.history_14d(1::smallint);
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.item_reads(), :'before'::jsonb, 'a refresh reads no row of case_item'),
       t.eq(t.reads('casedesk.decided_item'), :'facts_before'::jsonb, 'a refresh reads no row of decided_item'),
       t.eq(pg_stat_get_xact_numscans('casedesk.case_file'::regclass), :case_scans::bigint,
            'a refresh does not scan case_file'),
       t.eq((SELECT count(*) FROM casedesk.figure_delta), 0::bigint, 'the refresh folded the new item');
COMMIT;


-- The histogram the median is read from equals one made from the facts
-- (decided_item), and one made by a rebuild.
CREATE FUNCTION t.histogram() RETURNS text
LANGUAGE sql AS $$
    SELECT string_agg(format('%s', h), ' ' ORDER BY h.day, h.department_id, h.matter_type_id, h.bucket)
      FROM (SELECT day, department_id, matter_type_id, bucket, sum(n) AS n
              FROM (SELECT day, department_id, matter_type_id, bucket, n FROM casedesk.decision_minutes
                    UNION ALL
                    SELECT day, department_id, matter_type_id, minutes_bucket, approved + rejected
                      FROM casedesk.figure_delta WHERE minutes_bucket IS NOT NULL) x
             GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0) h;
$$;
SELECT t.histogram() AS kept_histogram,
       (SELECT string_agg(format('%s', h), ' ' ORDER BY h.day, h.department_id, h.matter_type_id, h.bucket)
          FROM (SELECT decided_day AS day, department_id, matter_type_id,
                       t.grid(business_minutes) AS bucket, count(*) AS n
                  FROM casedesk.decided_item WHERE business_minutes IS NOT NULL
                 GROUP BY 1, 2, 3, 4) h) AS counted_histogram \gset
SELECT t.eq(:'kept_histogram'::text, :'counted_histogram', 'histogram: kept = counted from decided_item'),
       t.eq(length(:'kept_histogram') > 1000, true, 'histogram: not empty');
SELECT casedesk.rebuild_figures();
SELECT t.eq(t.histogram(), :'kept_histogram', 'histogram: kept = rebuilt');

-------------------------------------------------------------------------------
-- Drill-down: every figure through an index, reading about as many entries
-- as it lists (for all departments: a page per department, merged), and
-- listing what a scan of every item would.
CREATE FUNCTION t.drill(dept smallint, figure text, lim int) RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
    r bigint[];
BEGIN
    SET SESSION AUTHORIZATION sup;
    r := ARRAY(SELECT casedesk.figure_items(dept, figure, lim));
    RESET SESSION AUTHORIZATION;
    RETURN r;
END
$$;
CREATE FUNCTION t.counted_items(dept smallint, figure text, lim int) RETURNS bigint[]
LANGUAGE sql AS $$
    SELECT ARRAY(
        SELECT ci.id FROM casedesk.case_item ci
         WHERE (dept IS NULL OR ci.department_id = dept)
           AND CASE figure
               WHEN 'open' THEN ci.status IN ('pending', 'claimed', 'supplement', 'suspended')
               WHEN 'green' THEN ci.status IN ('pending', 'claimed') AND ci.alarm_level = 0
               WHEN 'yellow' THEN ci.status IN ('pending', 'claimed') AND ci.alarm_level = 1
               WHEN 'red' THEN ci.status IN ('pending', 'claimed') AND ci.alarm_level = 2
               WHEN 'paused' THEN ci.status IN ('supplement', 'suspended') END
         ORDER BY CASE WHEN figure = 'paused' THEN ci.paused_at ELSE ci.due_at END, ci.id
         LIMIT lim);
$$;
CREATE FUNCTION t.counted_done(dept smallint, figure text, lim int) RETURNS bigint[]
LANGUAGE sql AS $$
    SELECT ARRAY(
        SELECT ci.id FROM casedesk.case_item ci
         WHERE (dept IS NULL OR ci.department_id = dept)
           AND ci.status IN ('approved', 'rejected')
           AND (ci.decided_at AT TIME ZONE 'Asia/Shanghai')::date
               > (now() AT TIME ZONE 'Asia/Shanghai')::date - CASE figure WHEN 'done_today' THEN 1
                                                                          WHEN 'done_7d' THEN 7 ELSE 30 END
           AND CASE figure
               WHEN 'late' THEN ci.decided_at > ci.due_at
               WHEN 'not_first_pass' THEN ci.status = 'rejected' OR EXISTS (
                   SELECT FROM casedesk.decision d WHERE d.item_id = ci.id AND d.kind = 'supplement')
               ELSE true END
         ORDER BY ci.decided_at DESC, ci.id DESC
         LIMIT lim);
$$;

CREATE FUNCTION t.counted_missed(dept smallint, lim int) RETURNS bigint[]
LANGUAGE sql AS $$
    SELECT ARRAY(
        SELECT e.item_id FROM casedesk.escalation e
         WHERE (e.raised_at AT TIME ZONE 'Asia/Shanghai')::date > (now() AT TIME ZONE 'Asia/Shanghai')::date - 30
           AND e.item_id IS NOT NULL
           AND (e.acknowledged_at > e.respond_by OR (e.acknowledged_at IS NULL AND e.respond_by <= now()))
           AND (dept IS NULL OR e.department_id = dept)
         GROUP BY e.item_id
         ORDER BY max(e.raised_at) DESC, e.item_id
         LIMIT lim);
$$;

-- Every figure's drill-down, for all departments and for two, against a
-- full count; run again below once the sweep has marked every overdue item
-- red (a running centre's state), when green items lie far into the due
-- order.
CREATE TEMP TABLE drill_result (dept smallint, figure text, got bigint[], want bigint[], reads jsonb);
CREATE FUNCTION t.check_drills(stage text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    f text;
    d smallint;
    b jsonb;
    a jsonb;
    got bigint[];
BEGIN
    DELETE FROM drill_result;
    FOREACH f IN ARRAY ARRAY['open', 'green', 'yellow', 'red', 'paused', 'done_today', 'done_7d',
                             'done_30d', 'late', 'not_first_pass', 'esc_missed'] LOOP
        FOR d IN SELECT NULL::smallint UNION ALL SELECT 1::smallint UNION ALL SELECT 2::smallint LOOP
            b := t.item_reads();
            got := t.drill(d, f, 20);
            a := t.item_reads();
            INSERT INTO drill_result VALUES (d, f, got,
                CASE WHEN f IN ('open', 'green', 'yellow', 'red', 'paused') THEN t.counted_items(d, f, 20)
                     WHEN f = 'esc_missed' THEN t.counted_missed(d, 20)
                     ELSE t.counted_done(d, f, 20) END,
                jsonb_build_object('seq', (a ->> 'seq')::int - (b ->> 'seq')::int,
                                   'read', (a ->> 'read')::int - (b ->> 'read')::int));
        END LOOP;
    END LOOP;
    PERFORM t.eq(r.got, r.want, format('%s: drill-down %s of department %s: the items a full count lists',
                                       stage, r.figure, coalesce(r.dept::text, 'all'))),
            t.eq(cardinality(r.got), 20, format('%s: drill-down %s of department %s: a full page',
                                              stage, r.figure, coalesce(r.dept::text, 'all'))),
            t.eq((r.reads ->> 'seq')::int, 0,
                 format('%s: drill-down %s of department %s: no sequential scan of case_item',
                        stage, r.figure, coalesce(r.dept::text, 'all'))),
            t.eq((r.reads ->> 'read')::int <= 100, true,
                 format('%s: drill-down %s of department %s: read %s entries of case_item for a page of 20',
                        stage, r.figure, coalesce(r.dept::text, 'all'), r.reads ->> 'read'))
       FROM drill_result r;
END
$$;
SELECT t.check_drills('before the sweep');

-------------------------------------------------------------------------------
-- Last, as it changes the items: escalation compliance. So far the lapsed
-- escalations (one in four) were counted through the lapse index, none
-- marked. A sweep marks them and
-- raises the alarms the items are due (thousands); the figures still equal
-- the long count, and a refresh then reads no escalation row at all: the
-- alarms just raised are still running, and the rest is kept.
SELECT t.eq((SELECT count(*) FROM casedesk.escalation WHERE lapsed_at IS NOT NULL), 0::bigint,
            'before the sweep: no escalation marked');
SELECT t.eq(t.act('sup', 'SELECT casedesk.sweep()')::int > 1000, true, 'the sweep raises alarms');
SELECT t.eq((SELECT count(*) FROM casedesk.escalation
              WHERE lapsed_at IS NOT NULL AND acknowledged_at IS NULL), 1250::bigint,
            'after the sweep: the lapsed ones marked');
ANALYZE casedesk.escalation;
SELECT t.eq(t.figures(true), t.counted(true), 'after the sweep, per department: kept = counted'),
       t.eq(t.figures(false), t.counted(false), 'after the sweep, per matter type: kept = counted');
BEGIN;
SELECT t.reads('casedesk.escalation') AS esc_before,
       pg_stat_get_xact_numscans('casedesk.escalation_lapse_watch'::regclass) AS lapse_scans \gset
SET LOCAL SESSION AUTHORIZATION sup;
SELECT * FROM casedesk.supervisor_figures();
SELECT * FROM casedesk.matter_figures();
RESET SESSION AUTHORIZATION;
SELECT t.eq(pg_stat_get_xact_numscans('casedesk.escalation_lapse_watch'::regclass), :lapse_scans::bigint + 2,
            'a refresh looks for lapses since the sweep in the lapse index, once per call'),
       t.eq(t.reads('casedesk.escalation'), :'esc_before'::jsonb,
            'and, right after a sweep, reads no escalation row');
COMMIT;

-- The drill-downs again, now that every overdue item is red: green ones are
-- no longer at the front of the due order.
SELECT t.eq((SELECT count(*) FROM casedesk.case_item
              WHERE alarm_level = 2 AND status IN ('pending', 'claimed')) > 5000, true,
            'after the sweep: thousands of red items');
VACUUM ANALYZE casedesk.case_item;   -- as autovacuum would after so many changes
SELECT t.check_drills('after the sweep');
