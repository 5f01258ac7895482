-- Where does it stand (查询): finding cases by number, prefix, credit code
-- or part of the applicant's name, only those the caller may see, newest
-- first; and the time the whole matter is promised for, along its critical
-- path on the centre's calendar.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-- Cases found by q as the caller sees them, newest first: "case_no".
CREATE FUNCTION t.found(q text, lim int DEFAULT 50) RETURNS text[]
LANGUAGE sql AS $$
    SELECT coalesce(array_agg(f.case_no ORDER BY n), '{}')
      FROM casedesk.find_cases(q, lim) WITH ORDINALITY AS f(case_id, case_no, credit_code, applicant,
                                                             matter, project, received_at, items,
                                                             open_items, promised, n);
$$;
CREATE FUNCTION t.case_no(kase bigint) RETURNS text
LANGUAGE sql SECURITY DEFINER AS $$
    SELECT case_no FROM casedesk.case_file WHERE id = kase;
$$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

-- Two more applicants, one with the characters LIKE would take as wildcards.
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000001', 'M1', '9144030071526726XG',
                          '腾讯%科技_有限公司', '总部大楼', 'window') AS c3 \gset
SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000002', 'M2', '914403001922038216',
                          '华为技术有限公司', '研发中心', 'online') AS c4 \gset
RESET SESSION AUTHORIZATION;
SELECT t.case_no(1) AS no1, t.case_no(2) AS no2, t.case_no(:c3) AS no3, t.case_no(:c4) AS no4 \gset

-------------------------------------------------------------------------------
SET SESSION AUTHORIZATION win;
SELECT t.eq(t.found(:'no2'), ARRAY[:'no2'], 'by the case number');
SELECT t.eq(t.found(' ' || :'no2' || ' '), ARRAY[:'no2'], 'by the case number, spaces around');
-- Every case of the test was filed today: the date part is a prefix of all.
SELECT t.eq(t.found(left(:'no1', 9)), ARRAY[:'no4', :'no3', :'no2', :'no1'], 'by a prefix of the number, newest first');
SELECT t.eq(t.found(left(:'no1', 9), 2), ARRAY[:'no4', :'no3'], 'at most lim');
SELECT t.eq(t.found(left(:'no1', 9), 0), ARRAY[:'no4'], 'lim below 1: one');
SELECT t.eq(t.found(substr(:'no1', 2, 8)), '{}'::text[], 'the middle of a number is no prefix');
SELECT t.eq(t.found('91350100m000100y43'), ARRAY[:'no1'], 'by the credit code, in small letters');
SELECT t.eq(t.found('91110000600037341L'), ARRAY[:'no2'], 'by the credit code');
SELECT t.eq(t.found('某建设'), ARRAY[:'no1'], 'by part of the name');
SELECT t.eq(t.found('有限公司'), ARRAY[:'no4', :'no3', :'no2', :'no1'], 'a part many names share');
SELECT t.eq(t.found('%'), ARRAY[:'no3'], '% is a character, not a wildcard');
SELECT t.eq(t.found('_'), ARRAY[:'no3'], '_ is a character, not a wildcard');
SELECT t.eq(t.found('科技_有'), ARRAY[:'no3'], 'a part with _ in it');
SELECT t.eq(t.found('腾讯_科技'), '{}'::text[], '_ does not stand for any character');
SELECT t.eq(t.found('没有这家公司'), '{}'::text[], 'nothing found');
SELECT t.eq(f.case_id || ' ' || f.credit_code || ' ' || f.applicant || ' ' || f.matter || ' ' || f.project
            || ' ' || f.items || ' ' || f.open_items,
            :c4 || ' 914403001922038216 华为技术有限公司 项目竣工一件事 研发中心 2 2', 'a row: what it says')
  FROM casedesk.find_cases('华为', 10) f;
SELECT t.eq(f.received_at, extract(epoch FROM cf.received_at)::float8, 'a row: received at')
  FROM casedesk.find_cases('华为', 10) f JOIN casedesk.case_file cf ON cf.id = f.case_id;
SELECT t.eq(t.found('研发中心'), '{}'::text[], 'the project name is not searched');

-- A blank search is refused.
SELECT t.eq(t.raises($$SELECT * FROM casedesk.find_cases('', 10)$$, '22023', 'empty search'),
            'the search must not be empty', 'empty search: its words');
SELECT t.raises($$SELECT * FROM casedesk.find_cases(' 　 ', 10)$$, '22023', 'a search of spaces');
SELECT t.raises($$SELECT * FROM casedesk.find_cases(NULL, 10)$$, '22023', 'no search');
SELECT t.raises($$SELECT * FROM casedesk.find_cases(repeat('某', 201), 10)$$, '22001', 'a search too long');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Only cases the caller may see: a reviewer of department 2 sees M1's
-- cases (T2 is theirs), not M2's (T1 and T3 are department 1's).
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(t.found(left(:'no1', 9)), ARRAY[:'no3', :'no1'], 'department 2 finds the cases with its items');
SELECT t.eq(t.found('华为'), '{}'::text[], 'department 2 does not find another department''s case by name');
SELECT t.eq(t.found(:'no2'), '{}'::text[], 'nor by its number');
SELECT t.raises(format('SELECT casedesk.case_promised(%s)', :c4), 'P0002', 'the promise of a case not seen');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.found(left(:'no1', 9)), ARRAY[:'no4', :'no3', :'no2', :'no1'], 'department 1 has items in every case');
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(t.found(left(:'no1', 9)), '{}'::text[], 'on-call without escalations finds nothing');
SET SESSION AUTHORIZATION sup;
SELECT t.eq(t.found('有限公司'), ARRAY[:'no4', :'no3', :'no2', :'no1'], 'a supervisor finds every case');
SET SESSION AUTHORIZATION nobody;
SELECT t.raises($$SELECT * FROM casedesk.find_cases('有限公司', 10)$$, '42501', 'not staff');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- The promise along a chain: M3 = T2 → T1 → T3. T2 runs now; T1 has its 5
-- working days after T2's due time, T3 its 30 working minutes after T1's
-- end, on the centre's calendar.
INSERT INTO casedesk.matter_type VALUES (3, 'M3', '项目全程一件事', 'whole project', 1);
INSERT INTO casedesk.matter_item VALUES (3, 1), (3, 2), (3, 3);
INSERT INTO casedesk.matter_dependency VALUES (3, 1, 2), (3, 3, 1);
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000010', 'M3', '91350100M000100Y43',
                          '福建某建设有限公司', '滨江花园三期', 'window') AS c5 \gset
RESET SESSION AUTHORIZATION;
SELECT id AS t1 FROM casedesk.case_item WHERE case_id = :c5 AND item_type_id = 1 \gset
SELECT id AS t2 FROM casedesk.case_item WHERE case_id = :c5 AND item_type_id = 2 \gset
SELECT t.eq(array_agg(status ORDER BY item_type_id), ARRAY['waiting', 'pending', 'waiting']::casedesk.item_status[],
            'the chain: T2 runs, T1 and T3 wait')
  FROM casedesk.case_item WHERE case_id = :c5;
SELECT extract(epoch FROM casedesk.sla_due(casedesk.sla_due(due_at, 5, 'working_days'), 30, 'working_minutes'))::float8
       AS want FROM casedesk.case_item WHERE id = :t2 \gset
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.case_promised(:c5), :want::float8, 'promised: the end of the chain');
SELECT t.eq(casedesk.case_promised(:c5) > extract(epoch FROM casedesk.sla_due(due_at, 5, 'working_days')),
            true, 'promised: after T1''s end')
  FROM casedesk.case_item WHERE id = :t2;
SELECT t.eq(f.promised, :want::float8, 'find_cases: the promise of the case')
  FROM casedesk.find_cases(t.case_no(:c5), 1) f;
SELECT t.eq(f.promised, casedesk.case_promised(f.case_id), 'find_cases: each case''s promise')
  FROM casedesk.find_cases('有限公司', 50) f;
RESET SESSION AUTHORIZATION;
-- T2 decided: T1 runs from then; the promise is T3's limit after T1's due.
SELECT t.play(:t2, 'rev_c', 'claim', 'approve');
SELECT extract(epoch FROM casedesk.sla_due(due_at, 30, 'working_minutes'))::float8 AS want
  FROM casedesk.case_item WHERE id = :t1 AND status = 'pending' \gset
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.case_promised(:c5), :want::float8, 'promised once the first is decided');
SELECT t.eq(f.items || ' ' || f.open_items, '3 2', 'one of three decided')
  FROM casedesk.find_cases(t.case_no(:c5), 1) f;
RESET SESSION AUTHORIZATION;
-- T1 paused: its end moves by the business time paused so far.
SELECT t.play(:t1, 'rev_a', 'claim', 'supplement');
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.case_promised(:c5),
            extract(epoch FROM casedesk.sla_due(casedesk.add_working_minutes(
                ci.due_at, casedesk.working_minutes_between(ci.paused_at, now())), 30, 'working_minutes'))::float8,
            'promised while paused: as if it resumed now')
  FROM casedesk.case_item ci WHERE ci.id = :t1;
RESET SESSION AUTHORIZATION;
-- T1 rejected: T3 never starts; it is projected as if it started at the
-- rejection (as casedesk.case_projection projects a matter).
SELECT t.play(:t1, 'rev_a', 'resume', 'reject');
SET SESSION AUTHORIZATION win;
SELECT t.eq(array_agg(status ORDER BY item_type_id), ARRAY['rejected', 'approved', 'waiting']::casedesk.item_status[],
            'T1 rejected: T3 never starts')
  FROM casedesk.case_item WHERE case_id = :c5;
RESET SESSION AUTHORIZATION;
SELECT extract(epoch FROM casedesk.sla_due(decided_at, 30, 'working_minutes'))::float8 AS want
  FROM casedesk.case_item WHERE id = :t1 \gset
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.case_promised(:c5), :want::float8, 'a rejection: the successor as if it started then');
SELECT t.raises('SELECT casedesk.case_promised(999999)', 'P0002', 'the promise of no case');
RESET SESSION AUTHORIZATION;
