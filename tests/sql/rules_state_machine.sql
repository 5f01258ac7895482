-- The item state machine: pending -> claimed -> approved / rejected,
-- supplement and suspension with resume, release, leases, and an item that
-- waits for another entering the queue when its predecessor is approved.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-------------------------------------------------------------------------------
-- Item 1 (T1, department 1): nothing but a claim is allowed on a pending item.
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.refused($$SELECT casedesk.approve(1, 1, '5a000000-0000-4000-8000-000000000001')$$,
                      'CD002', 'approve a pending item'),
            'cannot approve an item that is pending; claim it first', 'approve pending: message');
SELECT t.matches(t.refused($$SELECT casedesk.reject(1, 1, '5a000000-0000-4000-8000-000000000002', '施工图审查未通过')$$,
                           'CD002', 'reject a pending item'),
                 'cannot reject an item that is pending', 'reject pending: message');
SELECT t.matches(t.refused($$SELECT casedesk.request_supplement(1, 1, '5a000000-0000-4000-8000-000000000003', ARRAY['施工图'], NULL)$$,
                           'CD002', 'supplement a pending item'),
                 'that is pending', 'supplement pending: message');
SELECT t.matches(t.refused($$SELECT casedesk.suspend(1, 1, '5a000000-0000-4000-8000-000000000004', '专家评审')$$,
                           'CD002', 'suspend a pending item'),
                 'that is pending', 'suspend pending: message');
SELECT t.eq(t.refused($$SELECT casedesk.resume(1, 1, '5a000000-0000-4000-8000-000000000005')$$,
                      'CD002', 'resume a pending item'),
            'cannot resume an item that is pending', 'resume pending: message');
SELECT t.eq(t.refused($$SELECT casedesk.release(1, 1, '5a000000-0000-4000-8000-000000000006')$$,
                      'CD002', 'release a pending item'),
            'cannot release an item that is pending', 'release pending: message');

-- Claim: the lease runs from now for the configured time.
BEGIN;
SELECT t.eq(r.status, 'claimed', 'claim: status'),
       t.eq(r.assignee, 'rev_a', 'claim: assignee'),
       t.eq(r.version, 2, 'claim: version'),
       t.eq(r.claim_expires, r.updated_at + interval '4 hours', 'claim: lease of 4 hours'),
       t.eq(r.updated_at BETWEEN now() AND clock_timestamp(), true, 'claim: at the action''s instant'),
       t.eq(r.updated_by, 'rev_a', 'claim: updated_by')
  FROM casedesk.claim(1, 1, '5a000000-0000-4000-8000-000000000010') r;
COMMIT;

-- Someone else's claim blocks claim, decisions and release.
SET SESSION AUTHORIZATION rev_b;
SELECT t.refused($$SELECT casedesk.claim(1, 2, '5a000000-0000-4000-8000-000000000011')$$,
                 'CD003', 'claim an item rev_a holds') AS msg \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(:'msg', 'claimed by 王芳 until ' || casedesk.local_time_text(claim_expires),
            'claim held by rev_a: message names her and the lease end')
  FROM casedesk.case_item WHERE id = 1;
SELECT t.matches(:'msg', '^claimed by 王芳 until (\d{4}-\d\d-\d\d )?\d\d:\d\d$', 'claim held: message form');
SET SESSION AUTHORIZATION rev_b;
SELECT t.matches(t.refused($$SELECT casedesk.approve(1, 2, '5a000000-0000-4000-8000-000000000012')$$,
                           'CD003', 'approve an item rev_a holds'),
                 '^claimed by 王芳 until ', 'approve held: message');
SELECT t.matches(t.refused($$SELECT casedesk.reject(1, 2, '5a000000-0000-4000-8000-000000000013', '不符')$$,
                           'CD003', 'reject an item rev_a holds'),
                 '^claimed by 王芳 until ', 'reject held: message');
SELECT t.matches(t.refused($$SELECT casedesk.release(1, 2, '5a000000-0000-4000-8000-000000000014')$$,
                           'CD003', 'release an item rev_a holds'),
                 '^claimed by 王芳 until ', 'release held: message');

-- Release returns the item to the queue.
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.status, 'pending', 'release: status'),
       t.eq(r.assignee, NULL::name, 'release: no assignee'),
       t.eq(r.claim_expires, NULL::timestamptz, 'release: no lease'),
       t.eq(r.version, 3, 'release: version')
  FROM casedesk.release(1, 2, '5a000000-0000-4000-8000-000000000015') r;
SELECT t.refused($$SELECT casedesk.release(1, 3, '5a000000-0000-4000-8000-000000000016')$$,
                 'CD002', 'release twice');

-- Claim again, approve.
SELECT t.eq(r.version, 4, 'claim again: version')
  FROM casedesk.claim(1, 3, '5a000000-0000-4000-8000-000000000017') r;
BEGIN;
SELECT t.eq(r.status, 'approved', 'approve: status'),
       t.eq(r.version, 5, 'approve: version'),
       t.eq(r.decided_by, 'rev_a', 'approve: decided_by'),
       t.eq(r.decided_at, r.updated_at, 'approve: decided_at')
  FROM casedesk.approve(1, 4, '5a000000-0000-4000-8000-000000000018') r;
COMMIT;
RESET SESSION AUTHORIZATION;
SELECT t.eq((SELECT array_agg(kind || ' by ' || decided_by) FROM casedesk.decision WHERE item_id = 1),
            ARRAY['approve by rev_a'], 'approve: one decision row');
SELECT t.eq((SELECT status FROM casedesk.case_item WHERE id = 2), 'pending',
            'approve: the parallel item of the case is untouched');

-- A decided item refuses everything, and says who decided when, whatever
-- version the caller saw (the loser of a race hears who won).
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused($$SELECT casedesk.approve(1, 5, '5a000000-0000-4000-8000-000000000020')$$,
                 'CD002', 'approve an approved item') AS msg \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(:'msg', 'already approved by 王芳 at ' || casedesk.local_time_text(decided_at),
            'approve twice: message') FROM casedesk.case_item WHERE id = 1;
SELECT t.matches(:'msg', '^already approved by 王芳 at (\d{4}-\d\d-\d\d )?\d\d:\d\d$', 'approve twice: HH:MI');
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.refused($$SELECT casedesk.approve(1, 4, '5a000000-0000-4000-8000-000000000021')$$,
                      'CD002', 'approve an approved item with the version before the approval'),
            :'msg', 'approve with stale version: same message');
SELECT t.eq(t.refused($$SELECT casedesk.reject(1, 5, '5a000000-0000-4000-8000-000000000022', '不符')$$,
                      'CD002', 'reject an approved item'), :'msg', 'reject approved: message');
SELECT t.eq(t.refused($$SELECT casedesk.claim(1, 5, '5a000000-0000-4000-8000-000000000023')$$,
                      'CD002', 'claim an approved item'), :'msg', 'claim approved: message');
SELECT t.refused($$SELECT casedesk.release(1, 5, '5a000000-0000-4000-8000-000000000024')$$,
                 'CD002', 'release an approved item');
SELECT t.refused($$SELECT casedesk.resume(1, 5, '5a000000-0000-4000-8000-000000000025')$$,
                 'CD002', 'resume an approved item');
SELECT t.refused($$SELECT casedesk.request_supplement(1, 5, '5a000000-0000-4000-8000-000000000026', ARRAY['图纸'], NULL)$$,
                 'CD002', 'supplement an approved item');
SELECT t.refused($$SELECT casedesk.suspend(1, 5, '5a000000-0000-4000-8000-000000000027', '专家评审')$$,
                 'CD002', 'suspend an approved item');
SET SESSION AUTHORIZATION sup;
SELECT t.refused($$SELECT casedesk.reassign(1, 5, '5a000000-0000-4000-8000-000000000028', 'rev_b')$$,
                 'CD002', 'reassign an approved item');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Case 2: item 4 (T3) waits for item 3 (T1).
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.refused($$SELECT casedesk.claim(4, 1, '5a000000-0000-4000-8000-000000000030')$$,
                      'CD002', 'claim a waiting item'),
            'cannot claim an item that is waiting', 'claim waiting: message');
SELECT casedesk.claim(3, 1, '5a000000-0000-4000-8000-000000000031');
RESET SESSION AUTHORIZATION;

-- A lapsed lease: another reviewer may take the item.
UPDATE casedesk.case_item SET claim_expires = now() - interval '1 minute' WHERE id = 3;
SET SESSION AUTHORIZATION rev_b;
SELECT t.eq(r.assignee, 'rev_b', 'claim after the lease lapsed: taken over'),
       t.eq(r.version, 3, 'take-over: version')
  FROM casedesk.claim(3, 2, '5a000000-0000-4000-8000-000000000032') r;
SET SESSION AUTHORIZATION rev_a;
SELECT t.matches(t.refused($$SELECT casedesk.approve(3, 3, '5a000000-0000-4000-8000-000000000033')$$,
                           'CD003', 'approve after losing a lapsed lease'),
                 '^claimed by 李静 until ', 'lost lease: message names the new holder');
RESET SESSION AUTHORIZATION;

-- A lapsed lease still lets its holder decide while nobody took the item.
UPDATE casedesk.case_item SET claim_expires = now() - interval '1 minute' WHERE id = 3;
SELECT t.eq(status, 'waiting', 'before: item 4 waits'), t.eq(due_at, NULL::timestamptz, 'before: item 4 has no due time')
  FROM casedesk.case_item WHERE id = 4;
BEGIN;
SET SESSION AUTHORIZATION rev_b;
SELECT t.eq(r.status, 'approved', 'approve on a lapsed lease'), t.eq(r.version, 4, 'approve item 3: version')
  FROM casedesk.approve(3, 3, '5a000000-0000-4000-8000-000000000034') r;
RESET SESSION AUTHORIZATION;
-- The successor enters the queue now, with its own 30 working minutes.
SELECT t.eq(status, 'pending', 'successor: pending'),
       t.eq(assignee, NULL::name, 'successor: nobody holds it'),
       t.eq(version, 2, 'successor: version'),
       t.eq(entered_at, (SELECT decided_at FROM casedesk.case_item WHERE id = 3), 'successor: entered the queue with the approval'),
       t.eq(due_at, casedesk.add_working_minutes(entered_at, 30), 'successor: due in 30 working minutes'),
       t.eq(original_due_at, due_at, 'successor: original due'),
       t.eq(yellow_at, casedesk.sla_yellow_at(entered_at, due_at, 0.75, 'working_minutes'), 'successor: yellow'),
       t.eq(updated_by, 'rev_b', 'successor: updated_by the approver')
  FROM casedesk.case_item WHERE id = 4;
SELECT t.eq(count(*), 1::bigint, 'successor: one audit row'),
       t.eq(min(actor), 'rev_b', 'successor audit: actor'),
       t.eq(min(before ->> 'status'), 'waiting', 'successor audit: before'),
       t.eq(min(after ->> 'status'), 'pending', 'successor audit: after')
  FROM casedesk.audit WHERE item_id = 4 AND action = 'enter_queue';
COMMIT;

-- Reject needs a reason; blank ones are refused and change nothing.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(4, 2, '5a000000-0000-4000-8000-000000000040');
SELECT t.eq(t.refused($$SELECT casedesk.reject(4, 3, '5a000000-0000-4000-8000-000000000041', NULL)$$,
                      '22023', 'reject without a reason'),
            'the reason for rejecting must not be empty', 'reject NULL: message');
SELECT t.refused($$SELECT casedesk.reject(4, 3, '5a000000-0000-4000-8000-000000000042', '')$$,
                 '22023', 'reject with an empty reason');
SELECT t.refused($$SELECT casedesk.reject(4, 3, '5a000000-0000-4000-8000-000000000043', '   ')$$,
                 '22023', 'reject with a reason of spaces');
SELECT t.refused($$SELECT casedesk.reject(4, 3, '5a000000-0000-4000-8000-000000000044', E' \t\n ')$$,
                 '22023', 'reject with a reason of blanks and newlines');
SELECT t.eq(r.status, 'rejected', 'reject: status'),
       t.eq(r.version, 4, 'reject: version'),
       t.eq(r.decided_by, 'rev_a', 'reject: decided_by')
  FROM casedesk.reject(4, 3, '5a000000-0000-4000-8000-000000000045', '竣工验收资料不全') r;
SELECT t.matches(t.refused($$SELECT casedesk.approve(4, 4, '5a000000-0000-4000-8000-000000000046')$$,
                           'CD002', 'approve a rejected item'),
                 '^already rejected by 王芳 at ', 'approve rejected: message');
RESET SESSION AUTHORIZATION;
SELECT t.eq((SELECT array_agg(kind || ':' || reason || ':' || decided_by) FROM casedesk.decision WHERE item_id = 4),
            ARRAY['reject:竣工验收资料不全:rev_a'], 'reject: the reason is stored');

-------------------------------------------------------------------------------
-- Item 2 (T2, department 2): supplement and suspension pause the clock.
SET SESSION AUTHORIZATION rev_c;
SELECT casedesk.claim(2, 1, '5a000000-0000-4000-8000-000000000050');
SELECT t.eq(t.refused($$SELECT casedesk.request_supplement(2, 2, '5a000000-0000-4000-8000-000000000051', NULL, '请补正')$$,
                      '22023', 'supplement without materials'),
            'name at least one missing material', 'supplement NULL: message');
SELECT t.refused($$SELECT casedesk.request_supplement(2, 2, '5a000000-0000-4000-8000-000000000052', '{}', '请补正')$$,
                 '22023', 'supplement with an empty list');
SELECT t.refused($$SELECT casedesk.request_supplement(2, 2, '5a000000-0000-4000-8000-000000000053', ARRAY['  '], NULL)$$,
                 '22023', 'supplement with a blank material');
SELECT t.refused($$SELECT casedesk.request_supplement(2, 2, '5a000000-0000-4000-8000-000000000054', ARRAY['人防工程设计图', NULL], NULL)$$,
                 '22023', 'supplement with a NULL material');
BEGIN;
SELECT t.eq(r.status, 'supplement', 'supplement: status'),
       t.eq(r.version, 3, 'supplement: version'),
       t.eq(r.paused_at, r.updated_at, 'supplement: the clock stops now'),
       t.eq(r.assignee, 'rev_c', 'supplement: the reviewer keeps the item'),
       t.eq(r.claim_expires, NULL::timestamptz, 'supplement: no lease while paused')
  FROM casedesk.request_supplement(2, 2, '5a000000-0000-4000-8000-000000000055',
                                   ARRAY['人防工程设计图', '人防工程概算'], '请补正') r;
COMMIT;
RESET SESSION AUTHORIZATION;
SELECT t.eq(materials, ARRAY['人防工程设计图', '人防工程概算'], 'supplement: materials stored'),
       t.eq(reason, '请补正', 'supplement: note stored'),
       t.eq(kind, 'supplement', 'supplement: decision kind')
  FROM casedesk.decision WHERE item_id = 2;
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(t.refused($$SELECT casedesk.approve(2, 3, '5a000000-0000-4000-8000-000000000056')$$,
                      'CD002', 'approve while waiting for material'),
            'cannot approve an item that is supplement; claim it first', 'approve supplement: message');
SELECT t.eq(t.refused($$SELECT casedesk.claim(2, 3, '5a000000-0000-4000-8000-000000000057')$$,
                      'CD002', 'claim while waiting for material'),
            'cannot claim an item that is supplement', 'claim supplement: message');
SELECT t.refused($$SELECT casedesk.suspend(2, 3, '5a000000-0000-4000-8000-000000000058', '专家评审')$$,
                 'CD002', 'suspend while waiting for material');
SELECT t.refused($$SELECT casedesk.release(2, 3, '5a000000-0000-4000-8000-000000000059')$$,
                 'CD002', 'release while waiting for material');

-- Resume: claimed again by the reviewer who paused it, clock running.
BEGIN;
SELECT t.eq(r.status, 'claimed', 'resume: status'),
       t.eq(r.assignee, 'rev_c', 'resume: same reviewer'),
       t.eq(r.version, 4, 'resume: version'),
       t.eq(r.paused_at, NULL::timestamptz, 'resume: the clock runs'),
       t.eq(r.claim_expires, r.updated_at + interval '4 hours', 'resume: a fresh lease')
  FROM casedesk.resume(2, 3, '5a000000-0000-4000-8000-000000000060') r;
COMMIT;
SELECT t.eq(t.refused($$SELECT casedesk.resume(2, 4, '5a000000-0000-4000-8000-000000000061')$$,
                      'CD002', 'resume a running item'),
            'cannot resume an item that is claimed', 'resume claimed: message');

-- Suspension (特别程序) needs a reason, pauses likewise; a window clerk who
-- receives the result may resume it.
SELECT t.eq(t.refused($$SELECT casedesk.suspend(2, 4, '5a000000-0000-4000-8000-000000000062', NULL)$$,
                      '22023', 'suspend without a reason'),
            'the reason for the special procedure must not be empty', 'suspend NULL: message');
SELECT t.refused($$SELECT casedesk.suspend(2, 4, '5a000000-0000-4000-8000-000000000063', ' ')$$,
                 '22023', 'suspend with a blank reason');
BEGIN;
SELECT t.eq(r.status, 'suspended', 'suspend: status'),
       t.eq(r.version, 5, 'suspend: version'),
       t.eq(r.paused_at, r.updated_at, 'suspend: the clock stops now'),
       t.eq(r.claim_expires, NULL::timestamptz, 'suspend: no lease')
  FROM casedesk.suspend(2, 4, '5a000000-0000-4000-8000-000000000064', '专家评审') r;
COMMIT;
SELECT t.refused($$SELECT casedesk.approve(2, 5, '5a000000-0000-4000-8000-000000000065')$$,
                 'CD002', 'approve a suspended item');
-- A special procedure is ended by the department, not at the window.
SET SESSION AUTHORIZATION win;
SELECT t.refused($$SELECT casedesk.resume(2, 5, '5a000000-0000-4000-8000-000000000066')$$,
                 '42501', 'window ends a special procedure');
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(r.status, 'claimed', 'department resume: status'),
       t.eq(r.assignee, 'rev_c', 'department resume: back to the reviewer who paused it'),
       t.eq(r.updated_by, 'rev_c', 'department resume: updated_by'),
       t.eq(r.version, 6, 'department resume: version')
  FROM casedesk.resume(2, 5, '5a000000-0000-4000-8000-000000000066') r;
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq(r.status, 'approved', 'approve after the pauses'), t.eq(r.version, 7, 'approve item 2: version')
  FROM casedesk.approve(2, 6, '5a000000-0000-4000-8000-000000000067') r;
RESET SESSION AUTHORIZATION;
SELECT t.eq((SELECT array_agg(kind ORDER BY id) FROM casedesk.decision WHERE item_id = 2),
            ARRAY['supplement', 'suspend', 'approve'], 'item 2: its decisions in order');

-------------------------------------------------------------------------------
-- The table backs the functions: one final decision per item, and the
-- status columns agree with each other.
SELECT t.raises($$INSERT INTO casedesk.decision (item_id, kind, decided_by) VALUES (1, 'approve', 'rev_b')$$,
                '23505', 'a second final decision for item 1');
SELECT t.raises($$INSERT INTO casedesk.decision (item_id, kind, decided_by) VALUES (3, 'reject', 'rev_b')$$,
                '23514', 'a rejection without a reason');
SELECT t.raises($$UPDATE casedesk.case_item SET status = 'claimed', decided_at = NULL, assignee = NULL, claim_expires = NULL WHERE id = 1$$,
                '23514', 'claimed without an assignee');
SELECT t.raises($$UPDATE casedesk.case_item SET status = 'pending', decided_at = NULL WHERE id = 1$$,
                '23514', 'pending with an assignee');
SELECT t.raises($$UPDATE casedesk.case_item SET status = 'supplement', decided_at = NULL, paused_at = NULL WHERE id = 1$$,
                '23514', 'supplement without paused_at');
SELECT t.raises($$UPDATE casedesk.case_item SET decided_at = NULL WHERE id = 1$$,
                '23514', 'approved without decided_at');

SELECT t.eq((SELECT array_agg(id || ':' || status || ':v' || version ORDER BY id) FROM casedesk.case_item),
            ARRAY['1:approved:v5', '2:approved:v7', '3:approved:v4', '4:rejected:v4'], 'final states');
