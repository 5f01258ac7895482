-- Optimistic concurrency: every action names the item version the user saw;
-- a stale one is refused with who changed it and when, never overwritten.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(1, 1, '7b000000-0000-4000-8000-000000000001');
SELECT t.refused($$SELECT casedesk.approve(1, 1, '7b000000-0000-4000-8000-000000000002')$$,
                 'CD001', 'approve with the version before the claim') AS msg \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(:'msg', 'changed by 王芳 at ' || casedesk.local_time_text(updated_at) || ' (you saw version 1, it is now 2)',
            'stale: message') FROM casedesk.case_item WHERE id = 1;
SELECT t.matches(:'msg', '^changed by 王芳 at (\d{4}-\d\d-\d\d )?\d\d:\d\d \(you saw version 1, it is now 2\)$',
                 'stale: message form');
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused($$SELECT casedesk.approve(1, NULL, '7b000000-0000-4000-8000-000000000003')$$,
                 'CD001', 'approve with no version');
SELECT t.refused($$SELECT casedesk.approve(1, 3, '7b000000-0000-4000-8000-000000000004')$$,
                 'CD001', 'approve with a version from the future');
SELECT t.refused($$SELECT casedesk.reject(1, 1, '7b000000-0000-4000-8000-000000000005', '不符')$$,
                 'CD001', 'reject with a stale version');
SELECT t.refused($$SELECT casedesk.request_supplement(1, 1, '7b000000-0000-4000-8000-000000000006', ARRAY['图纸'], NULL)$$,
                 'CD001', 'supplement with a stale version');
SELECT t.refused($$SELECT casedesk.suspend(1, 1, '7b000000-0000-4000-8000-000000000007', '专家评审')$$,
                 'CD001', 'suspend with a stale version');
SELECT t.refused($$SELECT casedesk.release(1, 1, '7b000000-0000-4000-8000-000000000008')$$,
                 'CD001', 'release with a stale version');
SELECT t.refused($$SELECT casedesk.claim(1, 1, '7b000000-0000-4000-8000-000000000009')$$,
                 'CD001', 'claim again with a stale version');

-- The message names whoever changed it last: here the supervisor.
SET SESSION AUTHORIZATION sup;
SELECT casedesk.reassign(1, 2, '7b000000-0000-4000-8000-000000000010', 'rev_b');
SELECT t.refused($$SELECT casedesk.reassign(1, 2, '7b000000-0000-4000-8000-000000000011', 'rev_a')$$,
                 'CD001', 'reassign with a stale version');
SET SESSION AUTHORIZATION rev_b;
SELECT t.matches(t.refused($$SELECT casedesk.approve(1, 2, '7b000000-0000-4000-8000-000000000012')$$,
                           'CD001', 'approve with the version before the reassignment'),
                 '^changed by 赵磊 at .* \(you saw version 2, it is now 3\)$', 'stale after reassign: message');
SELECT t.eq(r.status, 'approved', 'approve with the current version')
  FROM casedesk.approve(1, 3, '7b000000-0000-4000-8000-000000000013') r;
RESET SESSION AUTHORIZATION;
SELECT t.eq(count(*), 1::bigint, 'one decision for item 1') FROM casedesk.decision WHERE item_id = 1;

-- Paused items: resume by a reviewer or a window clerk checks the version too.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(3, 1, '7b000000-0000-4000-8000-000000000020');
SELECT casedesk.request_supplement(3, 2, '7b000000-0000-4000-8000-000000000021', ARRAY['图纸'], NULL);
SELECT t.refused($$SELECT casedesk.resume(3, 2, '7b000000-0000-4000-8000-000000000022')$$,
                 'CD001', 'reviewer resumes with a stale version');
SET SESSION AUTHORIZATION win;
SELECT t.matches(t.refused($$SELECT casedesk.resume(3, 2, '7b000000-0000-4000-8000-000000000023')$$,
                           'CD001', 'window resumes with a stale version'),
                 '^changed by 王芳 at ', 'window stale: message');
SELECT t.refused($$SELECT casedesk.resume(3, NULL, '7b000000-0000-4000-8000-000000000024')$$,
                 'CD001', 'window resumes with no version');

-- Notes add and do not conflict: a stale version is recorded, not refused.
SET SESSION AUTHORIZATION rev_b;
SELECT casedesk.annotate(3, 1, '7b000000-0000-4000-8000-000000000030', '已电话通知申请人') AS note_id \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(seen_version, 1, 'stale note: the version seen is in the audit row'),
       t.eq(actor, 'rev_b', 'stale note: actor')
  FROM casedesk.audit WHERE action = 'annotate' AND request_id = '7b000000-0000-4000-8000-000000000030';
SELECT t.eq(version, 3, 'a note does not change the item version') FROM casedesk.case_item WHERE id = 3;

-- Escalations are versioned as well.
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('7b000000-0000-4000-8000-000000000040', NULL, 3, NULL, '申请人询问进度') AS esc \gset
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(t.refused(format($$SELECT casedesk.acknowledge(%s, 2, '7b000000-0000-4000-8000-000000000041')$$, :esc),
                      'CD001', 'acknowledge with a version from the future'),
            format('escalation %s changed meanwhile', :esc), 'escalation stale: message');
SELECT t.refused(format($$SELECT casedesk.resolve(%s, 0, '7b000000-0000-4000-8000-000000000042', '已答复')$$, :esc),
                 'CD001', 'resolve with a wrong version');
RESET SESSION AUTHORIZATION;
