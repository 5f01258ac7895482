-- Row-level security: who sees which items, cases, applicants, decisions,
-- notes, audit rows and escalations, by job and department.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

-- What the current session user sees, as "table: ids".
CREATE FUNCTION t.visible() RETURNS text[]
LANGUAGE sql AS $$
    SELECT ARRAY[
        'items: ' || coalesce((SELECT string_agg(id::text, ',' ORDER BY id) FROM casedesk.case_item), ''),
        'cases: ' || coalesce((SELECT string_agg(id::text, ',' ORDER BY id) FROM casedesk.case_file), ''),
        'applicants: ' || coalesce((SELECT string_agg(id::text, ',' ORDER BY id) FROM casedesk.applicant), ''),
        'decisions on: ' || coalesce((SELECT string_agg(item_id::text, ',' ORDER BY id) FROM casedesk.decision), ''),
        'notes on: ' || coalesce((SELECT string_agg(item_id::text, ',' ORDER BY id) FROM casedesk.annotation), ''),
        'escalations: ' || coalesce((SELECT string_agg(id::text, ',' ORDER BY id) FROM casedesk.escalation), '')];
$$;
-- Audit rows the current session user sees, as "actor action item".
CREATE FUNCTION t.visible_audit() RETURNS text[]
LANGUAGE sql AS $$
    SELECT coalesce(array_agg(actor || ' ' || action || ' ' || coalesce(item_id::text, '-') ORDER BY id), '{}')
      FROM casedesk.audit;
$$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

-- Some data: a decision on item 2, notes on items 1 and 2.
SET SESSION AUTHORIZATION rev_c;
SELECT casedesk.claim(2, 1, '8a000000-0000-4000-8000-000000000001');
SELECT casedesk.reject(2, 2, '8a000000-0000-4000-8000-000000000002', '人防设计不符合规范');
SELECT casedesk.annotate(2, 3, '8a000000-0000-4000-8000-000000000003', '已通知');
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.annotate(1, 1, '8a000000-0000-4000-8000-000000000004', '核对中');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.visible(), ARRAY['items: 1,3,4', 'cases: 1,2', 'applicants: 1,2', 'decisions on: ', 'notes on: 1', 'escalations: '],
            'rev_a (department 1)');
-- Audit rows follow what the reader sees: the filing of a visible case too.
-- and each filed item's row with the item.
SELECT t.eq(t.visible_audit(), ARRAY['win file_case -', 'win file_item 1', 'win file_case -', 'win file_item 3',
                                     'win file_item 4', 'rev_a annotate 1'], 'rev_a: audit');
SET SESSION AUTHORIZATION rev_b;
SELECT t.eq(t.visible(), ARRAY['items: 1,3,4', 'cases: 1,2', 'applicants: 1,2', 'decisions on: ', 'notes on: 1', 'escalations: '],
            'rev_b (department 1)');
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(t.visible(), ARRAY['items: 2', 'cases: 1', 'applicants: 1', 'decisions on: 2', 'notes on: 2', 'escalations: '],
            'rev_c (department 2)');
SELECT t.eq(t.visible_audit(), ARRAY['win file_case -', 'win file_item 2', 'rev_c claim 2', 'rev_c reject 2',
                                     'rev_c annotate 2'], 'rev_c: audit');
SET SESSION AUTHORIZATION rev_ab;
SELECT t.eq(t.visible(), ARRAY['items: 1,2,3,4', 'cases: 1,2', 'applicants: 1,2', 'decisions on: 2', 'notes on: 2,1', 'escalations: '],
            'rev_ab (departments 1 and 2)');
SELECT t.eq(t.visible_audit(), ARRAY['win file_case -', 'win file_item 1', 'win file_item 2', 'win file_case -', 'win file_item 3', 'win file_item 4',
                                     'rev_c claim 2', 'rev_c reject 2',
                                     'rev_c annotate 2', 'rev_a annotate 1'], 'rev_ab: audit');
SET SESSION AUTHORIZATION sup;
SELECT t.eq(t.visible(), ARRAY['items: 1,2,3,4', 'cases: 1,2', 'applicants: 1,2', 'decisions on: 2', 'notes on: 2,1', 'escalations: '],
            'supervisor');
SELECT t.eq(t.visible_audit(), ARRAY['win file_case -', 'win file_item 1', 'win file_item 2', 'win file_case -', 'win file_item 3', 'win file_item 4',
                                     'rev_c claim 2', 'rev_c reject 2',
                                     'rev_c annotate 2', 'rev_a annotate 1'], 'supervisor: all audit');
SET SESSION AUTHORIZATION win;
SELECT t.eq(t.visible(), ARRAY['items: 1,2,3,4', 'cases: 1,2', 'applicants: 1,2', 'decisions on: 2', 'notes on: 2,1', 'escalations: '],
            'window clerk');
SELECT t.eq(t.visible_audit(), ARRAY['win file_case -', 'win file_item 1', 'win file_item 2', 'win file_case -', 'win file_item 3', 'win file_item 4',
                                     'rev_c claim 2', 'rev_c reject 2',
                                     'rev_c annotate 2', 'rev_a annotate 1'], 'window clerk: item audit and own filings');
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(t.visible(), ARRAY['items: ', 'cases: ', 'applicants: ', 'decisions on: ', 'notes on: ', 'escalations: '],
            'on-call without escalations');
SELECT t.eq(t.visible_audit(), '{}', 'on-call: no audit');
SET SESSION AUTHORIZATION nobody;
SELECT t.eq(t.visible(), ARRAY['items: ', 'cases: ', 'applicants: ', 'decisions on: ', 'notes on: ', 'escalations: '],
            'a login that is not staff');
SELECT t.eq(t.visible_audit(), '{}', 'not staff: no audit');
RESET SESSION AUTHORIZATION;
-- An inactive reviewer sees nothing any more.
UPDATE casedesk.staff SET active = false WHERE login = 'rev_b';
SET SESSION AUTHORIZATION rev_b;
SELECT t.eq(t.visible(), ARRAY['items: ', 'cases: ', 'applicants: ', 'decisions on: ', 'notes on: ', 'escalations: '],
            'an inactive reviewer');
RESET SESSION AUTHORIZATION;
UPDATE casedesk.staff SET active = true WHERE login = 'rev_b';

-------------------------------------------------------------------------------
-- Escalations open items to on-call staff.
SET SESSION AUTHORIZATION win;
-- About case 2 as a whole: on-call sees the escalation and the case it is
-- about, with its applicant, but no item.
SELECT casedesk.escalate('8a000000-0000-4000-8000-000000000010', 2, NULL, 1::smallint, '申请人询问竣工验收') AS e_case \gset
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(t.visible(), ARRAY['items: ', 'cases: 2', 'applicants: 2', 'decisions on: ', 'notes on: ', 'escalations: ' || :e_case],
            'on-call with a case escalation');
-- About item 1: on-call sees exactly that item and what hangs on it.
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('8a000000-0000-4000-8000-000000000011', NULL, 1, NULL, '申请人询问施工许可') AS e_item \gset
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(t.visible(), ARRAY['items: 1', 'cases: 1,2', 'applicants: 1,2', 'decisions on: ', 'notes on: 1',
                               'escalations: ' || :e_case || ',' || :e_item],
            'on-call with an item escalation');
-- Audit rows as the rows they are about: the filings of the cases, the
-- note on the item, the escalations to on-call.
SELECT t.eq(t.visible_audit(), ARRAY['win file_case -', 'win file_item 1', 'win file_case -', 'rev_a annotate 1', 'win escalate -',
                                     'win escalate 1'], 'on-call: the item''s audit');
-- A reviewer of department 2 raises one about its own item.
SET SESSION AUTHORIZATION rev_c;
SELECT casedesk.escalate('8a000000-0000-4000-8000-000000000012', NULL, 2, NULL, '需人社协助') AS e_dept2 \gset

SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.visible(), ARRAY['items: 1,3,4', 'cases: 1,2', 'applicants: 1,2', 'decisions on: ', 'notes on: 1',
                               'escalations: ' || :e_case || ',' || :e_item],
            'rev_a: department 1''s escalations');
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(t.visible(), ARRAY['items: 2', 'cases: 1', 'applicants: 1', 'decisions on: 2', 'notes on: 2',
                               'escalations: ' || :e_dept2],
            'rev_c: department 2''s escalations');
SET SESSION AUTHORIZATION win;
SELECT t.eq((SELECT array_agg(id ORDER BY id) FROM casedesk.escalation), ARRAY[:e_case, :e_item]::bigint[],
            'window clerk: the escalations she raised');
SET SESSION AUTHORIZATION sup;
SELECT t.eq((SELECT array_agg(id ORDER BY id) FROM casedesk.escalation), ARRAY[:e_case, :e_item, :e_dept2]::bigint[],
            'supervisor: every escalation');
SET SESSION AUTHORIZATION nobody;
SELECT t.eq((SELECT count(*) FROM casedesk.escalation), 0::bigint, 'not staff: no escalation');

-- Handed on to department 3: department 1 loses it, the clerk keeps it.
SET SESSION AUTHORIZATION oncall_a;
SELECT casedesk.hand_on(:e_item, 1, '8a000000-0000-4000-8000-000000000013', 3::smallint, NULL, '属人社');
SELECT t.eq(t.visible(), ARRAY['items: ', 'cases: 2', 'applicants: 2', 'decisions on: ', 'notes on: ', 'escalations: ' || :e_case],
            'on-call after handing the item escalation on');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq((SELECT array_agg(id ORDER BY id) FROM casedesk.escalation), ARRAY[:e_case]::bigint[],
            'rev_a after the hand-on');
SET SESSION AUTHORIZATION win;
SELECT t.eq((SELECT array_agg(id ORDER BY id) FROM casedesk.escalation), ARRAY[:e_case, :e_item]::bigint[],
            'window clerk after the hand-on');
-- Handed back to a person of department 1: visible again.
SET SESSION AUTHORIZATION sup;
SELECT casedesk.hand_on(:e_item, 2, '8a000000-0000-4000-8000-000000000014', NULL, 'oncall_a', '请陈杰处理');
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(t.visible(), ARRAY['items: 1', 'cases: 1,2', 'applicants: 1,2', 'decisions on: ', 'notes on: 1',
                               'escalations: ' || :e_case || ',' || :e_item],
            'on-call as the addressee');

-- The request log is nobody's to read.
SET SESSION AUTHORIZATION sup;
SELECT t.refused($$SELECT count(*) FROM casedesk.request$$, '42501', 'supervisor reads requests');
RESET SESSION AUTHORIZATION;
