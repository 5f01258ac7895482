-- Idempotency: the client sends a request UUID per user action and may send
-- it again when it does not know whether the first attempt committed. A
-- replay returns the first outcome and writes nothing; a UUID used for
-- something else is refused.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-- Claim twice with one UUID: one claim, one audit row, one request row.
SET SESSION AUTHORIZATION rev_a;
SELECT to_jsonb(r) AS first FROM casedesk.claim(1, 1, '7c000000-0000-4000-8000-000000000001') r \gset
RESET SESSION AUTHORIZATION;
SELECT t.snapshot() AS snap \gset
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(to_jsonb(r), :'first'::jsonb, 'replayed claim returns the same row')
  FROM casedesk.claim(1, 1, '7c000000-0000-4000-8000-000000000001') r;
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.snapshot(), :'snap'::jsonb, 'replayed claim wrote nothing');
SELECT t.eq(version, 2, 'replayed claim: version bumped once'),
       t.eq(change_seq, (:'first'::jsonb ->> 'change_seq')::bigint, 'replayed claim: change_seq not bumped')
  FROM casedesk.case_item WHERE id = 1;
SELECT t.eq(count(*), 1::bigint, 'replayed claim: one audit row')
  FROM casedesk.audit WHERE request_id = '7c000000-0000-4000-8000-000000000001';
SELECT t.eq(count(*), 1::bigint, 'replayed claim: one request row')
  FROM casedesk.request WHERE request_id = '7c000000-0000-4000-8000-000000000001';

-- Approve, then replay the approval after the item moved on; and replay the
-- claim: each returns what it returned the first time, and nothing moves.
SET SESSION AUTHORIZATION rev_a;
SELECT to_jsonb(r) AS approved FROM casedesk.approve(1, 2, '7c000000-0000-4000-8000-000000000002') r \gset
SELECT t.eq(to_jsonb(r), :'approved'::jsonb, 'replayed approve: the same row, no "already approved"')
  FROM casedesk.approve(1, 2, '7c000000-0000-4000-8000-000000000002') r;
SELECT t.eq(to_jsonb(r), :'first'::jsonb, 'replayed claim after the approval: the claim''s outcome')
  FROM casedesk.claim(1, 1, '7c000000-0000-4000-8000-000000000001') r;
RESET SESSION AUTHORIZATION;
SELECT t.eq(status, 'approved', 'after replays: still approved'), t.eq(version, 3, 'after replays: version')
  FROM casedesk.case_item WHERE id = 1;
SELECT t.eq(count(*), 1::bigint, 'after replays: one decision') FROM casedesk.decision WHERE item_id = 1;
SELECT t.eq(array_agg(action ORDER BY id), ARRAY['file_item', 'claim', 'approve'],
            'after replays: the filing and two audit rows for item 1')
  FROM casedesk.audit WHERE item_id = 1;

-- A UUID belongs to one action on one target by one person.
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.refused($$SELECT casedesk.release(1, 3, '7c000000-0000-4000-8000-000000000001')$$,
                      'CD004', 'the claim''s UUID reused for a release'),
            'request 7c000000-0000-4000-8000-000000000001 was already used for claim', 'reuse: message');
SELECT t.refused($$SELECT casedesk.claim(3, 1, '7c000000-0000-4000-8000-000000000001')$$,
                 'CD004', 'the claim''s UUID reused for a claim of another item');
SELECT t.refused($$SELECT casedesk.annotate(1, 3, '7c000000-0000-4000-8000-000000000002', '备注')$$,
                 'CD004', 'the approval''s UUID reused for a note');
SET SESSION AUTHORIZATION rev_b;
SELECT t.refused($$SELECT casedesk.claim(1, 1, '7c000000-0000-4000-8000-000000000001')$$,
                 'CD004', 'another reviewer replays rev_a''s claim');
SET SESSION AUTHORIZATION win;
SELECT t.refused($$SELECT casedesk.file_case('7c000000-0000-4000-8000-000000000001', 'M1', '91350100M000100Y43', '福建某建设有限公司', '', 'window')$$,
                 'CD004', 'the claim''s UUID reused to file a case');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.refused($$SELECT casedesk.claim(3, 1, NULL)$$, '22023', 'claim without a request id'),
            'a request id is required', 'no request id: message');

-- A refused request is not remembered: the same UUID may be sent again once
-- the cause is gone.
SELECT t.refused($$SELECT casedesk.claim(3, 7, '7c000000-0000-4000-8000-000000000003')$$,
                 'CD001', 'claim with a wrong version');
SELECT t.eq(r.assignee, 'rev_a', 'the refused UUID, sent again with the right version')
  FROM casedesk.claim(3, 1, '7c000000-0000-4000-8000-000000000003') r;

-- A supplement replay returns the first outcome; the same request id with
-- other materials is another request, refused.
SELECT t.eq(r.status, 'supplement', 'supplement')
  FROM casedesk.request_supplement(3, 2, '7c000000-0000-4000-8000-000000000004', ARRAY['图纸'], NULL) r;
SELECT t.eq(r.version, 3, 'replayed supplement: the first outcome')
  FROM casedesk.request_supplement(3, 2, '7c000000-0000-4000-8000-000000000004', ARRAY['图纸'], NULL) r;
SELECT t.refused($$SELECT casedesk.request_supplement(3, 2, '7c000000-0000-4000-8000-000000000004', ARRAY['别的'], '另一个')$$,
                 'CD004', 'the same request id with other materials');
RESET SESSION AUTHORIZATION;
SELECT t.eq(count(*), 1::bigint, 'replayed supplement: one decision') FROM casedesk.decision WHERE item_id = 3;

-- Notes, cases and escalations return their first id.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.annotate(3, 3, '7c000000-0000-4000-8000-000000000010', '第一次') AS note1 \gset
SELECT t.eq(casedesk.annotate(3, 3, '7c000000-0000-4000-8000-000000000010', '第一次'), :note1::bigint,
            'replayed note: same id');
RESET SESSION AUTHORIZATION;
SELECT t.eq(count(*), 1::bigint, 'replayed note: one note') FROM casedesk.annotation WHERE item_id = 3;
SELECT t.eq(count(*), 1::bigint, 'replayed note: one audit row')
  FROM casedesk.audit WHERE request_id = '7c000000-0000-4000-8000-000000000010';

SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('7c000000-0000-4000-8000-000000000020', 'M2', '914403001922038216', '华为技术有限公司', '研发中心', 'window') AS case3 \gset
SELECT t.eq(casedesk.file_case('7c000000-0000-4000-8000-000000000020', 'M2', '914403001922038216', '华为技术有限公司', '研发中心', 'window'),
            :case3::bigint, 'replayed filing: same case');
RESET SESSION AUTHORIZATION;
SELECT t.eq(count(*), 3::bigint, 'replayed filing: one new case') FROM casedesk.case_file;
SELECT t.eq(count(*), 2::bigint, 'replayed filing: its two items only') FROM casedesk.case_item WHERE case_id = :case3;
SELECT t.eq(count(*), 3::bigint, 'replayed filing: the audit rows of one filing (the case, two items)')
  FROM casedesk.audit WHERE request_id = '7c000000-0000-4000-8000-000000000020';

SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('7c000000-0000-4000-8000-000000000030', :case3, NULL, 1::smallint, '申请人在窗口等候') AS esc \gset
SELECT t.eq(casedesk.escalate('7c000000-0000-4000-8000-000000000030', :case3, NULL, 1::smallint, '申请人在窗口等候'),
            :esc::bigint, 'replayed escalation: same id');
SET SESSION AUTHORIZATION oncall_a;
SELECT to_jsonb(r) AS ack FROM casedesk.acknowledge(:esc, 1, '7c000000-0000-4000-8000-000000000031') r \gset
SELECT t.eq(to_jsonb(r), :'ack'::jsonb, 'replayed acknowledgement: same row, no "already acknowledged"')
  FROM casedesk.acknowledge(:esc, 1, '7c000000-0000-4000-8000-000000000031') r;
RESET SESSION AUTHORIZATION;
SELECT t.eq(count(*), 1::bigint, 'replayed escalation: one escalation') FROM casedesk.escalation;
SELECT t.eq(version, 2, 'replayed acknowledgement: version bumped once') FROM casedesk.escalation WHERE id = :esc;
SELECT t.eq(count(*), 2::bigint, 'escalation: two audit rows') FROM casedesk.audit WHERE escalation_id = :esc;
