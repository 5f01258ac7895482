-- Fills the database with about :n case items for benchmarks and query-plan
-- tests, on top of whatever reference data is loaded (the test fixture or the
-- demo data): its departments, matter types, item types and reviewers.
--
--   psql -v n=100000 -f tests/bench/generate.sql
--
-- Rows are inserted directly, as the superuser, in a few set-based statements:
-- going through casedesk.file_case one case at a time would take minutes at a
-- million items. The mix: 60% open (pending, claimed, paused), 40% decided;
-- due times spread from three weeks overdue to five weeks ahead, so that
-- green, yellow and red items all exist.
--
-- No open item (pending or claimed, generated or reference data) turns
-- yellow or red in the two hours after this script: any yellow_at or due_at
-- in [now, now + 2 hours] is moved 2 hours later (due_at with its yellow_at,
-- so that yellow stays before due). The benchmark's measurements run inside
-- those two hours, so no sweep during them finds anything to raise and an
-- idle console's window holds no changes (tests/bench/settle.sql raises and
-- acknowledges the alarms already due).
\set ON_ERROR_STOP 1
SELECT setseed(0.42);

-- Applicants: one for every ten items, with valid credit codes.
INSERT INTO casedesk.applicant (credit_code, name)
SELECT f17 || casedesk.credit_code_check_char(f17), '基准企业' || i || '有限公司'
  FROM (SELECT i, '91350100' || lpad(i::text, 9, '0') AS f17
          FROM generate_series(1, greatest(:n / 10, 1)) i) a
ON CONFLICT DO NOTHING;

CREATE TEMP TABLE bench_matter AS
SELECT mt.id, row_number() OVER (ORDER BY mt.id) - 1 AS k,
       (SELECT count(*) FROM casedesk.matter_item mi WHERE mi.matter_type_id = mt.id) AS items
  FROM casedesk.matter_type mt
 WHERE EXISTS (SELECT FROM casedesk.matter_item mi WHERE mi.matter_type_id = mt.id);

-- Cases: enough that their items add up to about :n.
CREATE TEMP TABLE bench_case AS
SELECT g AS i, m.id AS matter_type_id,
       now() - (random() * interval '30 days') AS received_at
  FROM generate_series(1, greatest((:n / (SELECT avg(items) FROM bench_matter))::int, 1)) g
  JOIN bench_matter m ON m.k = g % (SELECT count(*) FROM bench_matter);

CREATE TEMP TABLE bench_applicant AS
SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM casedesk.applicant;

INSERT INTO casedesk.case_file (case_no, matter_type_id, applicant_id, project_name,
                                tracking_code, channel, received_at, received_by, change_seq)
SELECT 'B' || lpad(c.i::text, 9, '0'), c.matter_type_id, a.id,
       '基准项目' || c.i, md5('bench' || c.i), 'window', c.received_at, NULL,
       nextval('casedesk.change_seq')
  FROM bench_case c
  JOIN bench_applicant a ON a.k = c.i % (SELECT count(*) FROM bench_applicant);

-- One reviewer of each department, to hold claims.
CREATE TEMP TABLE bench_reviewer AS
SELECT DISTINCT ON (sd.department_id) sd.department_id, s.login
  FROM casedesk.staff s JOIN casedesk.staff_department sd USING (login)
 WHERE s.job = 'reviewer' AND s.active
 ORDER BY sd.department_id, s.login;

INSERT INTO casedesk.case_item (case_id, item_type_id, department_id, status, assignee,
                                claim_expires, entered_at, due_at, original_due_at, yellow_at,
                                paused_at, decided_at, decided_by, change_seq, updated_by,
                                limit_value, limit_unit, yellow_fraction)
SELECT x.case_id, x.item_type_id, x.department_id, x.status,
       CASE WHEN x.status IN ('claimed', 'supplement', 'approved', 'rejected') THEN r.login END,
       CASE WHEN x.status = 'claimed' THEN now() + interval '4 hours' END,
       x.entered, x.due, x.due, x.entered + (x.due - x.entered) * 0.75,
       CASE WHEN x.status = 'supplement' THEN x.entered + interval '1 hour' END,
       CASE WHEN x.status IN ('approved', 'rejected') THEN x.entered + interval '2 hours' END,
       CASE WHEN x.status IN ('approved', 'rejected') THEN r.login END,
       nextval('casedesk.change_seq'), 'postgres', x.limit_value, x.limit_unit, x.yellow_fraction
  FROM (SELECT cf.id AS case_id, it.id AS item_type_id, it.department_id,
               it.limit_value, it.limit_unit, it.yellow_fraction,
               CASE WHEN u < 0.25 THEN 'pending' WHEN u < 0.45 THEN 'claimed'
                    WHEN u < 0.60 THEN 'supplement' WHEN u < 0.95 THEN 'approved'
                    ELSE 'rejected' END::casedesk.item_status AS status,
               cf.received_at AS entered,
               now() + (random() * 56 - 21) * interval '1 day' AS due
          FROM (SELECT cf.*, random() AS u FROM casedesk.case_file cf
                 WHERE cf.case_no LIKE 'B%') cf
          JOIN casedesk.matter_item mi ON mi.matter_type_id = cf.matter_type_id
          JOIN casedesk.item_type it ON it.id = mi.item_type_id) x
  LEFT JOIN bench_reviewer r ON r.department_id = x.department_id
 WHERE r.login IS NOT NULL OR x.status IN ('pending');

-- The two quiet hours (see the top): one window for every open item, as
-- the sweep would see them.
WITH w AS (SELECT now() AS a, now() + interval '2 hours' AS b)
UPDATE casedesk.case_item ci
   SET yellow_at = CASE WHEN ci.yellow_at BETWEEN w.a AND w.b THEN ci.yellow_at + (w.b - w.a)
                        ELSE ci.yellow_at END,
       due_at = ci.due_at + (w.b - w.a),
       original_due_at = ci.original_due_at + (w.b - w.a)
  FROM w
 WHERE ci.status IN ('pending', 'claimed')
   AND (ci.yellow_at BETWEEN w.a AND w.b OR ci.due_at BETWEEN w.a AND w.b);

ANALYZE casedesk.applicant;
ANALYZE casedesk.case_file;
ANALYZE casedesk.case_item;
