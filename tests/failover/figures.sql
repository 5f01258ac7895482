-- The supervisor's figures as the triggers kept them (base tables plus the
-- deltas not yet folded) against casedesk.rebuild_figures() from the items,
-- as tests/sql/supervision_counts.sql compares them. Prints "same", or what
-- differs. Nothing is changed: the rebuild is rolled back. Run as the
-- superuser by tests/failover/run.
\set ON_ERROR_STOP 1
BEGIN;
-- No item or escalation moves between the two readings.
LOCK TABLE casedesk.case_item, casedesk.escalation IN SHARE MODE;

CREATE TEMP VIEW kept AS
SELECT 'open' AS what, format('d%s/M%s %s/%s/%s/%s', department_id, matter_type_id,
                              sum(green), sum(yellow), sum(red), sum(paused)) AS row
  FROM (SELECT department_id, matter_type_id, green, yellow, red, paused FROM casedesk.open_count
        UNION ALL
        SELECT department_id, matter_type_id, green, yellow, red, paused FROM casedesk.figure_delta) x
 GROUP BY department_id, matter_type_id
HAVING sum(abs(green)) + sum(abs(yellow)) + sum(abs(red)) + sum(abs(paused)) > 0
UNION ALL
SELECT 'days', format('%s d%s/M%s %s/%s/%s/%s/%s', day, department_id, matter_type_id,
                      sum(approved), sum(rejected), sum(on_time), sum(first_pass), sum(minutes))
  FROM (SELECT day, department_id, matter_type_id, approved, rejected, on_time, first_pass,
               decision_minutes_total AS minutes FROM casedesk.decision_day
        UNION ALL
        SELECT day, department_id, matter_type_id, approved, rejected, on_time, first_pass, minutes
          FROM casedesk.figure_delta WHERE day IS NOT NULL) x
 GROUP BY day, department_id, matter_type_id
HAVING sum(approved) <> 0 OR sum(rejected) <> 0
UNION ALL
SELECT 'minutes', format('%s d%s/M%s b%s %s', day, department_id, matter_type_id, bucket, sum(n))
  FROM (SELECT day, department_id, matter_type_id, bucket, n FROM casedesk.decision_minutes
        UNION ALL
        SELECT day, department_id, matter_type_id, minutes_bucket, approved + rejected
          FROM casedesk.figure_delta WHERE day IS NOT NULL AND minutes_bucket IS NOT NULL) x
 GROUP BY day, department_id, matter_type_id, bucket
HAVING sum(n) <> 0
UNION ALL
SELECT 'escalations', format('%s d%s/M%s %s/%s/%s', day, department_id, matter_type_id,
                             sum(in_time), sum(late), sum(missed))
  FROM (SELECT day, department_id, matter_type_id, in_time, late, missed FROM casedesk.escalation_day
        UNION ALL
        SELECT day, department_id, matter_type_id, in_time, late, missed FROM casedesk.escalation_delta) x
 GROUP BY day, department_id, matter_type_id
HAVING sum(in_time) <> 0 OR sum(late) <> 0 OR sum(missed) <> 0
UNION ALL
SELECT 'facts', format('%s', d) FROM casedesk.decided_item d;

CREATE TEMP TABLE before AS SELECT * FROM kept;
SELECT casedesk.rebuild_figures() \g /dev/null
CREATE TEMP TABLE after AS SELECT * FROM kept;

SELECT coalesce(string_agg(format('%s %s: %s', side, what, row), '; ' ORDER BY what, row), 'same')
  FROM (SELECT 'kept only' AS side, * FROM (TABLE before EXCEPT ALL TABLE after) a
        UNION ALL
        SELECT 'rebuilt only', * FROM (TABLE after EXCEPT ALL TABLE before) b) d;
ROLLBACK;
