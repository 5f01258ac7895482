-- Who may do what: department of the item, job of the caller, staff at all;
-- and that nothing is written except through the action functions.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-------------------------------------------------------------------------------
-- Department: a reviewer of department 2 may not touch department 1's items.
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(t.refused($$SELECT casedesk.claim(1, 1, '7a000000-0000-4000-8000-000000000001')$$,
                      '42501', 'rev_c claims an item of department 1'),
            'item 1 belongs to a department you do not work for', 'other department: message');
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(1, 1, '7a000000-0000-4000-8000-000000000002');
SET SESSION AUTHORIZATION rev_c;
SELECT t.refused($$SELECT casedesk.approve(1, 2, '7a000000-0000-4000-8000-000000000003')$$,
                 '42501', 'rev_c approves an item of department 1');
SELECT t.refused($$SELECT casedesk.reject(1, 2, '7a000000-0000-4000-8000-000000000004', '不符')$$,
                 '42501', 'rev_c rejects an item of department 1');
SELECT t.refused($$SELECT casedesk.release(1, 2, '7a000000-0000-4000-8000-000000000005')$$,
                 '42501', 'rev_c releases an item of department 1');
SELECT t.refused($$SELECT casedesk.annotate(1, 2, '7a000000-0000-4000-8000-000000000006', '看一下')$$,
                 '42501', 'rev_c annotates an item of department 1');
SELECT t.refused($$SELECT casedesk.escalate('7a000000-0000-4000-8000-000000000007', NULL, 1, NULL, '请协助')$$,
                 '42501', 'rev_c escalates an item of department 1');
-- The same check guards the department's own item from department 1.
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused($$SELECT casedesk.claim(2, 1, '7a000000-0000-4000-8000-000000000008')$$,
                 '42501', 'rev_a claims an item of department 2');
-- A reviewer of both departments works both.
SET SESSION AUTHORIZATION rev_ab;
SELECT t.eq(r.assignee, 'rev_ab', 'rev_ab claims in department 2')
  FROM casedesk.claim(2, 1, '7a000000-0000-4000-8000-000000000009') r;
SELECT t.eq(r.assignee, 'rev_ab', 'rev_ab claims in department 1')
  FROM casedesk.claim(3, 1, '7a000000-0000-4000-8000-000000000010') r;

-------------------------------------------------------------------------------
-- Job: deciding is a reviewer's; the other jobs may not even call it.
SET SESSION AUTHORIZATION win;
SELECT t.matches(t.refused($$SELECT casedesk.approve(1, 2, '7a000000-0000-4000-8000-000000000011')$$,
                           '42501', 'window clerk approves'),
                 '^permission denied for function approve', 'window approve: not granted');
SELECT t.refused($$SELECT casedesk.claim(1, 2, '7a000000-0000-4000-8000-000000000012')$$,
                 '42501', 'window clerk claims');
SELECT t.refused($$SELECT casedesk.reassign(1, 2, '7a000000-0000-4000-8000-000000000013', 'rev_b')$$,
                 '42501', 'window clerk reassigns');
SELECT t.refused($$SELECT casedesk.acknowledge(1, 1, '7a000000-0000-4000-8000-000000000014')$$,
                 '42501', 'window clerk acknowledges');
SET SESSION AUTHORIZATION sup;
SELECT t.refused($$SELECT casedesk.approve(1, 2, '7a000000-0000-4000-8000-000000000015')$$,
                 '42501', 'supervisor approves');
-- A supervisor may file a case (see intake_filing.sql).
SET SESSION AUTHORIZATION oncall_a;
SELECT t.refused($$SELECT casedesk.claim(1, 2, '7a000000-0000-4000-8000-000000000017')$$,
                 '42501', 'on-call claims');
SELECT t.refused($$SELECT casedesk.escalate('7a000000-0000-4000-8000-000000000018', 1, NULL, 1::smallint, '?')$$,
                 '42501', 'on-call escalates');
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused($$SELECT casedesk.file_case('7a000000-0000-4000-8000-000000000019', 'M1', '91350100M000100Y43', '某公司', '', 'window')$$,
                 '42501', 'reviewer files a case');
SELECT t.refused($$SELECT casedesk.acknowledge(1, 1, '7a000000-0000-4000-8000-000000000020')$$,
                 '42501', 'reviewer acknowledges');
-- The helpers the actions are built from are no one's to call.
SELECT t.refused($$SELECT casedesk.decide(1, 2, '7a000000-0000-4000-8000-000000000021', 'approve', NULL, NULL)$$,
                 '42501', 'reviewer calls decide directly');
SELECT t.refused($$SELECT casedesk.commit_item(ci, ci, '7a000000-0000-4000-8000-000000000022', 'approve', 2, '{}', now()) FROM casedesk.case_item ci WHERE id = 1$$,
                 '42501', 'reviewer calls commit_item');
SELECT t.refused($$SELECT casedesk.record('7a000000-0000-4000-8000-000000000023', 'approve', 1, '{}', '{}', 1, 1, NULL, 2, NULL, NULL, 1, 'item', now())$$,
                 '42501', 'reviewer calls record');
SELECT t.refused($$SELECT casedesk.lock_item(1, 2, casedesk.me())$$,
                 '42501', 'reviewer calls lock_item');

-- The job is checked inside the function too: a login granted a job role
-- but recorded as another job is held to the recorded one.
RESET SESSION AUTHORIZATION;
GRANT casedesk_reviewer TO win;
SET SESSION AUTHORIZATION win;
SELECT t.eq(t.refused($$SELECT casedesk.claim(1, 2, '7a000000-0000-4000-8000-000000000024')$$,
                      '42501', 'window clerk with the reviewer role claims'),
            'a window may not do this', 'recorded job wins: message');
RESET SESSION AUTHORIZATION;
REVOKE casedesk_reviewer FROM win;

-------------------------------------------------------------------------------
-- Staff: 'nobody' has a login and the reviewer role but is not staff; an
-- inactive member of staff is treated the same.
SET SESSION AUTHORIZATION nobody;
SELECT t.eq(t.refused($$SELECT casedesk.claim(1, 2, '7a000000-0000-4000-8000-000000000030')$$,
                      '42501', 'nobody claims'),
            'login nobody is not casedesk staff', 'nobody: message');
SELECT t.refused($$SELECT casedesk.annotate(1, 2, '7a000000-0000-4000-8000-000000000031', '你好')$$,
                 '42501', 'nobody annotates');
SELECT t.refused($$SELECT casedesk.me()$$, '42501', 'nobody asks who am I');
RESET SESSION AUTHORIZATION;
UPDATE casedesk.staff SET active = false WHERE login = 'rev_b';
SET SESSION AUTHORIZATION rev_b;
SELECT t.eq(t.refused($$SELECT casedesk.claim(1, 2, '7a000000-0000-4000-8000-000000000032')$$,
                      '42501', 'an inactive reviewer claims'),
            'login rev_b is not casedesk staff', 'inactive: message');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Reassign: a supervisor moves an item to a reviewer of its department.
SET SESSION AUTHORIZATION rev_a;
SELECT t.matches(t.refused($$SELECT casedesk.reassign(1, 2, '7a000000-0000-4000-8000-000000000040', 'rev_ab')$$,
                           '42501', 'reviewer reassigns'),
                 '^permission denied for function reassign', 'reviewer reassign: not granted');
SET SESSION AUTHORIZATION sup;
SELECT t.eq(t.refused($$SELECT casedesk.reassign(1, 2, '7a000000-0000-4000-8000-000000000041', 'rev_c')$$,
                      'P0002', 'reassign to a reviewer of another department'),
            'rev_c is not an active reviewer of the item''s department', 'reassign other department: message');
SELECT t.refused($$SELECT casedesk.reassign(1, 2, '7a000000-0000-4000-8000-000000000042', 'oncall_a')$$,
                 'P0002', 'reassign to on-call staff of the department');
SELECT t.refused($$SELECT casedesk.reassign(1, 2, '7a000000-0000-4000-8000-000000000043', 'rev_b')$$,
                 'P0002', 'reassign to an inactive reviewer');
SELECT t.refused($$SELECT casedesk.reassign(1, 2, '7a000000-0000-4000-8000-000000000044', 'nobody')$$,
                 'P0002', 'reassign to a login that is not staff');
BEGIN;
SELECT t.eq(r.status, 'claimed', 'reassign: claimed'),
       t.eq(r.assignee, 'rev_ab', 'reassign: to rev_ab'),
       t.eq(r.version, 3, 'reassign: version'),
       t.eq(r.claim_expires, r.updated_at + interval '4 hours', 'reassign: a fresh lease'),
       t.eq(r.updated_by, 'sup', 'reassign: updated_by the supervisor')
  FROM casedesk.reassign(1, 2, '7a000000-0000-4000-8000-000000000045', 'rev_ab') r;
COMMIT;
-- rev_a lost it.
SET SESSION AUTHORIZATION rev_a;
SELECT t.matches(t.refused($$SELECT casedesk.approve(1, 3, '7a000000-0000-4000-8000-000000000046')$$,
                           'CD003', 'approve after being reassigned away'),
                 '^claimed by 刘洋 until ', 'reassigned: message');
-- A supervisor may release anyone's claim; a reviewer only their own.
SELECT t.refused($$SELECT casedesk.release(1, 3, '7a000000-0000-4000-8000-000000000047')$$,
                 'CD003', 'reviewer releases another''s claim');
SET SESSION AUTHORIZATION sup;
SELECT t.eq(r.status, 'pending', 'supervisor release: pending'), t.eq(r.assignee, NULL::name, 'supervisor release: nobody')
  FROM casedesk.release(1, 3, '7a000000-0000-4000-8000-000000000048') r;
-- Reassigning a pending item hands it straight to the reviewer.
SELECT t.eq(r.assignee, 'rev_a', 'reassign pending: claimed for rev_a')
  FROM casedesk.reassign(1, 4, '7a000000-0000-4000-8000-000000000049', 'rev_a') r;

-------------------------------------------------------------------------------
-- Resume: a window clerk may resume any department's item (material arrives
-- at the window); a reviewer only their departments'.
SET SESSION AUTHORIZATION rev_ab;
SELECT casedesk.request_supplement(2, 2, '7a000000-0000-4000-8000-000000000050', ARRAY['人防工程设计图'], NULL);
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused($$SELECT casedesk.resume(2, 3, '7a000000-0000-4000-8000-000000000051')$$,
                 '42501', 'reviewer of department 1 resumes an item of department 2');
SET SESSION AUTHORIZATION oncall_a;
SELECT t.refused($$SELECT casedesk.resume(2, 3, '7a000000-0000-4000-8000-000000000052')$$,
                 '42501', 'on-call resumes');
SET SESSION AUTHORIZATION win;
SELECT t.eq(r.status, 'claimed', 'window resumes department 2''s item')
  FROM casedesk.resume(2, 3, '7a000000-0000-4000-8000-000000000053') r;

-------------------------------------------------------------------------------
-- No direct writes: job roles hold SELECT only, and casedesk.request is not
-- readable at all (it holds other people's results).
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused($$INSERT INTO casedesk.case_item (case_id, item_type_id, department_id, status, change_seq) VALUES (1, 3, 1, 'waiting', 0)$$,
                 '42501', 'reviewer inserts an item');
SELECT t.refused($$UPDATE casedesk.case_item SET status = 'approved' WHERE id = 1$$,
                 '42501', 'reviewer updates an item');
SELECT t.refused($$DELETE FROM casedesk.annotation$$, '42501', 'reviewer deletes notes');
SELECT t.refused($$INSERT INTO casedesk.decision (item_id, kind, decided_by) VALUES (1, 'approve', 'rev_a')$$,
                 '42501', 'reviewer inserts a decision');
SELECT t.refused($$SELECT * FROM casedesk.request$$, '42501', 'reviewer reads requests');
SET SESSION AUTHORIZATION sup;
SELECT t.refused($$UPDATE casedesk.case_item SET assignee = 'rev_b' WHERE id = 1$$,
                 '42501', 'supervisor updates an item');
SELECT t.refused($$UPDATE casedesk.setting SET claim_lease = '1 year'$$, '42501', 'supervisor changes the settings');
SELECT t.refused($$INSERT INTO casedesk.staff VALUES ('x', 'x', 'supervisor', true)$$,
                 '42501', 'supervisor adds staff');
SELECT t.refused($$INSERT INTO casedesk.calendar_day VALUES ('2030-01-01', 'holiday', 'x')$$,
                 '42501', 'supervisor changes the calendar');
SET SESSION AUTHORIZATION win;
SELECT t.refused($$INSERT INTO casedesk.applicant (credit_code, name) VALUES ('91110000600037341L', 'x')$$,
                 '42501', 'window clerk inserts an applicant');
SELECT t.refused($$SELECT * FROM casedesk.request$$, '42501', 'window clerk reads requests');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- The catalogue rules every definer function and every grant relies on.
SELECT t.eq(array_agg(p.oid::regprocedure::text), NULL,
            'SECURITY DEFINER functions without search_path = pg_catalog, pg_temp')
  FROM pg_proc p
 WHERE p.pronamespace = 'casedesk'::regnamespace AND p.prosecdef
   AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false);
-- No stored time depends on the caller's session, and no action waits long
-- for a row another transaction holds: every definer function but the
-- triggers and the lookups the policies call pins these.
SELECT t.eq(array_agg(p.oid::regprocedure::text ORDER BY p.oid::regprocedure::text), NULL,
            'SECURITY DEFINER functions without the pinned time zone, styles and lock_timeout')
  FROM pg_proc p
 WHERE p.pronamespace = 'casedesk'::regnamespace AND p.prosecdef
   AND p.prorettype <> 'trigger'::regtype
   AND p.proname NOT IN ('me', 'my_job', 'my_departments', 'oncall_items', 'oncall_cases')
   AND NOT coalesce(p.proconfig @> ARRAY['TimeZone=UTC', 'DateStyle=ISO, YMD',
                                         'IntervalStyle=postgres', 'lock_timeout=5s'], false);
SELECT t.eq(array_agg(p.oid::regprocedure::text), NULL, 'casedesk functions PUBLIC may execute')
  FROM pg_proc p
 WHERE p.pronamespace = 'casedesk'::regnamespace
   AND (p.proacl IS NULL
        OR EXISTS (SELECT FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'));
SELECT t.eq(array_agg(c.relname::text ORDER BY c.relname), NULL,
            'casedesk tables a job role may write')
  FROM pg_class c
 WHERE c.relnamespace = 'casedesk'::regnamespace AND c.relkind = 'r'
   AND EXISTS (SELECT FROM unnest(ARRAY['casedesk_staff', 'casedesk_reviewer', 'casedesk_supervisor',
                                        'casedesk_oncall', 'casedesk_window']) r
                WHERE has_table_privilege(r, c.oid, 'INSERT') OR has_table_privilege(r, c.oid, 'UPDATE')
                   OR has_table_privilege(r, c.oid, 'DELETE') OR has_table_privilege(r, c.oid, 'TRUNCATE'));
SELECT t.eq(array_agg(c.relname::text ORDER BY c.relname), NULL,
            'case tables without row-level security')
  FROM pg_class c
 WHERE c.relnamespace = 'casedesk'::regnamespace
   AND c.relname IN ('applicant', 'case_file', 'case_item', 'decision', 'annotation', 'escalation', 'audit')
   AND NOT c.relrowsecurity;
-- Which of the action functions each job may call, exactly.
SELECT t.eq((SELECT array_agg(DISTINCT p.proname::text ORDER BY p.proname::text)
               FROM pg_proc p
              WHERE p.pronamespace = 'casedesk'::regnamespace AND p.prosecdef
                AND p.proname IN ('claim', 'release', 'approve', 'reject', 'request_supplement', 'suspend',
                                  'resume', 'reassign', 'annotate', 'file_case', 'escalate',
                                  'acknowledge', 'resolve', 'hand_on')
                AND has_function_privilege(j.login, p.oid, 'EXECUTE')),
            j.want, 'actions ' || j.login || ' may call')
  FROM (VALUES ('rev_a', ARRAY['annotate', 'approve', 'claim', 'escalate', 'reject', 'release',
                               'request_supplement', 'resume', 'suspend']),
               ('sup', ARRAY['acknowledge', 'annotate', 'escalate', 'file_case', 'hand_on', 'reassign',
                             'release', 'resolve']),
               ('oncall_a', ARRAY['acknowledge', 'annotate', 'hand_on', 'resolve']),
               ('win', ARRAY['annotate', 'escalate', 'file_case', 'resume'])) AS j(login, want);
