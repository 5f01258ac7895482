-- What a login with psql must not read through the public functions and
-- the audit trail: another department's alarms (the sweep is the system's
-- action, not its caller's), questions and answers of escalations the reader
-- may not see, a case through an escalation about it or handed on, a
-- successor item of another department through the approval that released
-- it; and staff no longer active read nothing and sweep nothing.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-- Audit rows about item i the current session user sees.
CREATE FUNCTION t.audit_on(i bigint) RETURNS bigint
LANGUAGE sql AS $$
    SELECT count(*) FROM casedesk.audit WHERE item_id = i;
$$;
CREATE FUNCTION t.audit_of_escalation(e bigint) RETURNS bigint
LANGUAGE sql AS $$
    SELECT count(*) FROM casedesk.audit WHERE escalation_id = e;
$$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

-------------------------------------------------------------------------------
-- The sweep run by a reviewer of department 2 raises department 1's alarm:
-- its audit row names the system, and only department 1 reads it.
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute' WHERE id = 1;
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(casedesk.sweep(), 1, 'sweep by department 2 raises item 1''s alarm');
SELECT t.eq(t.audit_on(1), 0::bigint, 'department 2 does not read department 1''s alarm in the audit');
SELECT t.eq((SELECT count(*) FROM casedesk.audit WHERE actor = 'rev_c'), 0::bigint,
            'the sweep''s rows do not name whoever ran it');
RESET SESSION AUTHORIZATION;
SELECT t.eq((SELECT actor FROM casedesk.audit WHERE action = 'sweep_yellow'), 'casedesk_owner'::name,
            'the sweep''s audit row names the system');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.audit_on(1), 2::bigint, 'department 1 reads its item''s filing and its alarm in the audit');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- A reviewer's question and the on-call answer: a window clerk sees every
-- item but not that escalation, so not its audit rows either.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.escalate('91000000-0000-4000-8000-000000000001', NULL, 1, NULL, '规划许可证是否需要原件') AS q1 \gset
SET SESSION AUTHORIZATION oncall_a;
SELECT casedesk.resolve(:q1, 1, '91000000-0000-4000-8000-000000000002', '需要原件，复印件不予受理');
SET SESSION AUTHORIZATION win;
SELECT t.eq((SELECT count(*) FROM casedesk.escalation WHERE id = :q1), 0::bigint, 'window: no row of the question');
SELECT t.eq(t.audit_of_escalation(:q1), 0::bigint, 'window: not the question nor the answer in the audit');
SELECT t.eq((SELECT count(*) FROM casedesk.audit WHERE after::text LIKE '%复印件%' OR after::text LIKE '%原件%'),
            0::bigint, 'window: the answer''s words nowhere in the audit');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.audit_of_escalation(:q1), 2::bigint, 'the asker reads question and answer');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Only a window clerk (or a supervisor) asks about a whole case; a reviewer
-- gets one refusal whether the case exists or not.
SET SESSION AUTHORIZATION rev_c;
SELECT t.refused($$SELECT casedesk.escalate('91000000-0000-4000-8000-000000000010', 2, NULL, 2::smallint, '?')$$,
                 '42501', 'a reviewer asks about a case with no item of theirs') AS m_exists \gset
SELECT t.refused($$SELECT casedesk.escalate('91000000-0000-4000-8000-000000000011', 999, NULL, 2::smallint, '?')$$,
                 '42501', 'a reviewer asks about a case that does not exist') AS m_missing \gset
SELECT t.eq(:'m_exists'::text, :'m_missing'::text, 'the same words for both');
SELECT t.refused($$SELECT casedesk.escalate('91000000-0000-4000-8000-000000000012', 1, NULL, 2::smallint, '?')$$,
                 '42501', 'a reviewer asks about a whole case with an item of theirs');
SELECT t.refused($$SELECT casedesk.escalate('91000000-0000-4000-8000-000000000013', NULL, 999, NULL, '?')$$,
                 '42501', 'a reviewer asks about an item that does not exist');
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.escalate('91000000-0000-4000-8000-000000000014', 2, NULL, 1::smallint, '申请人询问') > 0,
            true, 'a window clerk asks about a case');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- An escalation about item 3 (case 2, department 1 only) handed on to
-- department 2: its reviewers see the escalation, not the case's items.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.escalate('91000000-0000-4000-8000-000000000020', NULL, 3, NULL, '需人防意见') AS q2 \gset
SET SESSION AUTHORIZATION oncall_a;
SELECT casedesk.hand_on(:q2, 1, '91000000-0000-4000-8000-000000000021', 2::smallint, NULL, '转人防');
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq((SELECT count(*) FROM casedesk.escalation WHERE id = :q2), 1::bigint,
            'department 2 sees the escalation handed to it');
SELECT t.refused('SELECT count(*) FROM casedesk.case_overview(2)', 'P0002',
                 'department 2''s reviewer does not get case 2''s items');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq((SELECT count(*) FROM casedesk.case_overview(2)), 2::bigint, 'department 1 does');
SELECT t.eq((SELECT bool_and(visible) FROM casedesk.case_overview(2)), true, 'and may open both');
SET SESSION AUTHORIZATION sup;
SELECT t.eq((SELECT count(*) FROM casedesk.case_overview(2)), 2::bigint, 'a supervisor does');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- A successor of another department enters the queue when its predecessor
-- is approved: its audit row is not the approver's to read.
INSERT INTO casedesk.matter_type VALUES (3, 'M3', '人防先审一件事', 'air defence after permit', 1);
INSERT INTO casedesk.matter_item VALUES (3, 1), (3, 2);
INSERT INTO casedesk.matter_dependency VALUES (3, 2, 1);
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('91000000-0000-4000-8000-000000000030', 'M3', '91350100M000100Y43',
                          '福建某建设有限公司', '滨江花园二期', 'window') AS c3 \gset
RESET SESSION AUTHORIZATION;
SELECT id AS first FROM casedesk.case_item WHERE case_id = :c3 AND item_type_id = 1 \gset
SELECT id AS succ FROM casedesk.case_item WHERE case_id = :c3 AND item_type_id = 2 \gset
SELECT t.play(:first, 'rev_a', 'claim', 'approve');
SELECT t.eq(status, 'pending'::casedesk.item_status, 'the successor entered the queue')
  FROM casedesk.case_item WHERE id = :succ;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.audit_on(:succ), 0::bigint, 'the approver does not read the successor''s row');
SELECT t.eq((SELECT count(*) FROM casedesk.audit
             WHERE after ? 'item_type_id' AND after ->> 'department_id' = '2'), 0::bigint,
            'nor any row carrying department 2''s item');
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(t.audit_on(:succ), 2::bigint, 'department 2 reads its item''s filing and entering the queue');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- A window clerk receives supplementary material, but a special procedure
-- is ended by the department.
SELECT t.play(3, 'rev_a', 'claim', 'suspend');
SELECT version AS v3 FROM casedesk.case_item WHERE id = 3 \gset
SET SESSION AUTHORIZATION win;
SELECT t.refused(format('SELECT casedesk.resume(3, %s, %L)', :v3, '91000000-0000-4000-8000-000000000040'),
                 '42501', 'a window clerk ends a special procedure');
RESET SESSION AUTHORIZATION;
SELECT t.play(:succ, 'rev_c', 'claim', 'supplement');
SELECT version AS vs FROM casedesk.case_item WHERE id = :succ \gset
SET SESSION AUTHORIZATION win;
SELECT t.eq((casedesk.resume(:succ, :vs, '91000000-0000-4000-8000-000000000041')).status,
            'claimed'::casedesk.item_status, 'a window clerk receives the material');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Staff no longer active: no audit rows, not even their own, and no sweep.
UPDATE casedesk.staff SET active = false WHERE login = 'rev_a';
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute', due_at = now() + interval '1 day' WHERE id = 1;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq((SELECT count(*) FROM casedesk.audit), 0::bigint, 'deactivated: no audit rows');
SELECT t.refused('SELECT casedesk.sweep()', '42501', 'deactivated: no sweep');
SET SESSION AUTHORIZATION nobody;
SELECT t.refused('SELECT casedesk.sweep()', '42501', 'not staff: no sweep');
RESET SESSION AUTHORIZATION;
