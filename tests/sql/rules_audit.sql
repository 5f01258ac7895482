-- The audit trail: every successful action writes exactly one row (who,
-- what, the state before and after) in its own transaction; refusals write
-- none; nobody but the owner changes or removes a row.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

-- t.audited(label, actor, action, item, before_status, after_status): since
-- the id kept in t.mark exactly one audit row was added, and it says this.
-- Moves the mark on.
CREATE TABLE t.mark (id bigint);
INSERT INTO t.mark SELECT max(id) FROM casedesk.audit;
CREATE FUNCTION t.audited(label text, want_actor name, want_action text, want_item bigint,
                          want_before text, want_after text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    a casedesk.audit;
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM casedesk.audit WHERE id > (SELECT id FROM t.mark);
    PERFORM t.eq(n, 1::bigint, label || ': one audit row');
    SELECT * INTO a FROM casedesk.audit WHERE id > (SELECT id FROM t.mark);
    PERFORM t.eq(a.actor, want_actor, label || ': actor');
    PERFORM t.eq(a.action, want_action, label || ': action');
    PERFORM t.eq(a.item_id, want_item, label || ': item');
    PERFORM t.eq(a.before ->> 'status', want_before, label || ': status before');
    PERFORM t.eq(a.after ->> 'status', want_after, label || ': status after');
    IF want_item IS NOT NULL AND want_after IS NOT NULL THEN
        -- As a row: the times in the text of the JSON are in the zone the
        -- functions pin, not the reader's.
        PERFORM t.eq(jsonb_populate_record(NULL::casedesk.case_item, a.after),
                     (SELECT ci FROM casedesk.case_item ci WHERE id = want_item),
                     label || ': after is the stored row');
    END IF;
    UPDATE t.mark SET id = a.id;
END
$$;
CREATE FUNCTION t.audit_since_mark() RETURNS bigint
LANGUAGE sql SECURITY DEFINER AS $$
    SELECT count(*) FROM casedesk.audit WHERE id > (SELECT id FROM t.mark);
$$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

-------------------------------------------------------------------------------
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(1, 1, '7d000000-0000-4000-8000-000000000001');
SELECT t.audited('claim', 'rev_a', 'claim', 1, 'pending', 'claimed');
-- Refusals leave no trace.
SELECT t.refused($$SELECT casedesk.approve(1, 1, '7d000000-0000-4000-8000-000000000002')$$, 'CD001', 'stale approve');
SELECT t.eq(t.audit_since_mark(), 0::bigint, 'a refusal writes no audit row');
SELECT casedesk.release(1, 2, '7d000000-0000-4000-8000-000000000003');
SELECT t.audited('release', 'rev_a', 'release', 1, 'claimed', 'pending');
SELECT casedesk.claim(1, 3, '7d000000-0000-4000-8000-000000000004');
SELECT t.audited('claim again', 'rev_a', 'claim', 1, 'pending', 'claimed');
SELECT casedesk.request_supplement(1, 4, '7d000000-0000-4000-8000-000000000005', ARRAY['建设工程规划许可证'], NULL);
SELECT t.audited('supplement', 'rev_a', 'request_supplement', 1, 'claimed', 'supplement');
SELECT casedesk.resume(1, 5, '7d000000-0000-4000-8000-000000000006');
SELECT t.audited('resume', 'rev_a', 'resume', 1, 'supplement', 'claimed');
SELECT casedesk.suspend(1, 6, '7d000000-0000-4000-8000-000000000007', '专家评审');
SELECT t.audited('suspend', 'rev_a', 'suspend', 1, 'claimed', 'suspended');
-- A special procedure is ended by the department, not at the window.
SET SESSION AUTHORIZATION win;
SELECT t.refused($$SELECT casedesk.resume(1, 7, '7d000000-0000-4000-8000-000000000008')$$, '42501', 'window ends a special procedure');
SELECT t.eq(t.audit_since_mark(), 0::bigint, 'a refused resume writes no audit row');
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.resume(1, 7, '7d000000-0000-4000-8000-000000000008');
SELECT t.audited('department resume', 'rev_a', 'resume', 1, 'suspended', 'claimed');
SET SESSION AUTHORIZATION sup;
SELECT casedesk.reassign(1, 8, '7d000000-0000-4000-8000-000000000009', 'rev_b');
SELECT t.audited('reassign', 'sup', 'reassign', 1, 'claimed', 'claimed');
SET SESSION AUTHORIZATION rev_b;
SELECT casedesk.approve(1, 9, '7d000000-0000-4000-8000-000000000010');
SELECT t.audited('approve', 'rev_b', 'approve', 1, 'claimed', 'approved');
SET SESSION AUTHORIZATION rev_c;
SELECT casedesk.claim(2, 1, '7d000000-0000-4000-8000-000000000011');
SELECT t.audited('claim item 2', 'rev_c', 'claim', 2, 'pending', 'claimed');
SELECT casedesk.reject(2, 2, '7d000000-0000-4000-8000-000000000012', '人防设计不符合规范');
SELECT t.audited('reject', 'rev_c', 'reject', 2, 'claimed', 'rejected');
SELECT casedesk.annotate(2, 3, '7d000000-0000-4000-8000-000000000013', '已告知申请人');
SELECT t.audited('annotate', 'rev_c', 'annotate', 2, NULL, NULL);
RESET SESSION AUTHORIZATION;

-- The fields of one row in full: the approval.
SELECT t.eq(a.request_id, '7d000000-0000-4000-8000-000000000010'::uuid, 'approve audit: request id'),
       t.eq(a.seen_version, 9, 'approve audit: the version the user saw'),
       t.eq(a.case_id, 1::bigint, 'approve audit: case'),
       t.eq(a.escalation_id, NULL::bigint, 'approve audit: no escalation'),
       t.eq((a.before ->> 'version')::int, 9, 'approve audit: version before'),
       t.eq(a.before ->> 'assignee', 'rev_b', 'approve audit: assignee before'),
       t.eq((a.after ->> 'version')::int, 10, 'approve audit: version after'),
       t.eq(a.after ->> 'decided_by', 'rev_b', 'approve audit: decided_by after')
  FROM casedesk.audit a WHERE a.action = 'approve';
SELECT t.eq(a.after ->> 'body', '已告知申请人', 'annotate audit: the note'),
       t.eq(a.before, NULL::jsonb, 'annotate audit: no before')
  FROM casedesk.audit a WHERE a.action = 'annotate';

-- Approving an item with a successor writes the approval and the
-- successor's entry into the queue: two rows, one per item.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(3, 1, '7d000000-0000-4000-8000-000000000020');
SELECT t.audited('claim item 3', 'rev_a', 'claim', 3, 'pending', 'claimed');
SELECT casedesk.approve(3, 2, '7d000000-0000-4000-8000-000000000021');
RESET SESSION AUTHORIZATION;
SELECT t.eq(array_agg(actor || ' ' || action || ' ' || item_id || ' ' || (before ->> 'status') || '->' || (after ->> 'status') ORDER BY id),
            ARRAY['rev_a approve 3 claimed->approved', 'rev_a enter_queue 4 waiting->pending'],
            'approve with a successor: two rows')
  FROM casedesk.audit WHERE id > (SELECT id FROM t.mark);
UPDATE t.mark SET id = (SELECT max(id) FROM casedesk.audit);

-- Cases and escalations.
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('7d000000-0000-4000-8000-000000000030', 'M1', '9144030071526726XG', '腾讯科技（深圳）有限公司', '', 'online') AS case3 \gset
RESET SESSION AUTHORIZATION;
-- One row for the case, then one per item, as filed.
SELECT t.eq(array_agg(actor || ' ' || action || ' ' || coalesce(item_id::text, '-') || ' ' || case_id ORDER BY id),
            (SELECT ARRAY['win file_case - ' || :case3] || array_agg('win file_item ' || ci.id || ' ' || :case3 ORDER BY ci.id)
               FROM casedesk.case_item ci WHERE ci.case_id = :case3),
            'file_case audit: the case and its two items')
  FROM casedesk.audit WHERE id > (SELECT id FROM t.mark);
SELECT t.eq((after ->> 'id')::bigint, :case3::bigint, 'file_case audit: the case'), t.eq(case_id, :case3::bigint, 'file_case audit: case_id')
  FROM casedesk.audit WHERE request_id = '7d000000-0000-4000-8000-000000000030' AND action = 'file_case';
SELECT t.eq(jsonb_populate_record(NULL::casedesk.case_item, a.after), ci, 'file_item audit: the item as stored')
  FROM casedesk.audit a JOIN casedesk.case_item ci ON ci.id = a.item_id
 WHERE a.request_id = '7d000000-0000-4000-8000-000000000030' AND a.action = 'file_item';
UPDATE t.mark SET id = (SELECT max(id) FROM casedesk.audit);
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('7d000000-0000-4000-8000-000000000031', :case3, NULL, 1::smallint, '申请人询问') AS esc \gset
SELECT t.audited('escalate', 'win', 'escalate', NULL, NULL, NULL);
SET SESSION AUTHORIZATION oncall_a;
SELECT casedesk.acknowledge(:esc, 1, '7d000000-0000-4000-8000-000000000032');
SELECT t.audited('acknowledge', 'oncall_a', 'acknowledge', NULL, NULL, NULL);
SELECT casedesk.hand_on(:esc, 2, '7d000000-0000-4000-8000-000000000033', 2::smallint, NULL, '属人防');
SELECT t.audited('hand_on', 'oncall_a', 'hand_on', NULL, NULL, NULL);
SET SESSION AUTHORIZATION sup;
SELECT casedesk.resolve(:esc, 3, '7d000000-0000-4000-8000-000000000034', '已答复');
SELECT t.audited('resolve', 'sup', 'resolve', NULL, NULL, NULL);
RESET SESSION AUTHORIZATION;
SELECT t.eq(array_agg(action || ' ' || coalesce(before ->> 'department_id', '-') || '->' || (after ->> 'department_id')
                      || ' ack ' || coalesce(after ->> 'acknowledged_by', '-') ORDER BY id),
            ARRAY['escalate -->1 ack -', 'acknowledge 1->1 ack oncall_a', 'hand_on 1->2 ack -', 'resolve 2->2 ack sup'],
            'escalation audit: before and after')
  FROM casedesk.audit WHERE escalation_id = :esc;

-- One row per action in all: 2 filings of the fixture (3 rows each: the
-- case and its 2 items) + 14 item actions + the successor + 1 filing (3
-- rows) + 4 escalation actions.
SELECT t.eq(count(*), 28::bigint, 'audit rows in all') FROM casedesk.audit;
SELECT t.eq(count(*), 21::bigint, 'requests in all (the successor had none)') FROM casedesk.request;

-------------------------------------------------------------------------------
-- Append-only. Job roles hold SELECT only.
SELECT t.snapshot() AS snap \gset
SET SESSION AUTHORIZATION rev_a;
SELECT t.matches(t.refused($$UPDATE casedesk.audit SET actor = 'rev_b'$$, '42501', 'reviewer updates audit'),
                 '^permission denied for table audit', 'reviewer update: no privilege');
SELECT t.refused($$DELETE FROM casedesk.audit$$, '42501', 'reviewer deletes audit');
SELECT t.refused($$TRUNCATE casedesk.audit$$, '42501', 'reviewer truncates audit');
SELECT t.refused($$INSERT INTO casedesk.audit (actor, action) VALUES ('rev_b', 'approve')$$, '42501', 'reviewer forges audit');
SET SESSION AUTHORIZATION sup;
SELECT t.refused($$UPDATE casedesk.audit SET actor = 'rev_b'$$, '42501', 'supervisor updates audit');
SELECT t.refused($$DELETE FROM casedesk.audit WHERE actor = 'sup'$$, '42501', 'supervisor deletes audit');
SELECT t.refused($$TRUNCATE casedesk.audit$$, '42501', 'supervisor truncates audit');
SET SESSION AUTHORIZATION win;
SELECT t.refused($$DELETE FROM casedesk.audit$$, '42501', 'window clerk deletes audit');
RESET SESSION AUTHORIZATION;

-- Even with the privileges granted by mistake the trigger refuses.
GRANT UPDATE, DELETE, TRUNCATE ON casedesk.audit TO rev_a;
SET SESSION AUTHORIZATION rev_a;
-- Row-level security already hides every row from UPDATE and DELETE (there
-- is no policy for them) ...
UPDATE casedesk.audit SET actor = 'rev_b';
DELETE FROM casedesk.audit;
-- ... TRUNCATE knows no policies; the trigger is what stops it.
SELECT t.eq(t.refused($$TRUNCATE casedesk.audit$$, '42501', 'reviewer with TRUNCATE granted'),
            'the audit trail is append-only', 'granted TRUNCATE: the trigger''s message');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.snapshot(), :'snap'::jsonb, 'granted UPDATE/DELETE under row-level security: nothing changed');
-- With a policy granted by mistake as well, the trigger stops them.
CREATE POLICY audit_mistake ON casedesk.audit FOR ALL TO rev_a USING (true) WITH CHECK (true);
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.refused($$UPDATE casedesk.audit SET actor = 'rev_b'$$, '42501', 'reviewer with UPDATE and a policy'),
            'the audit trail is append-only', 'granted UPDATE: the trigger''s message');
SELECT t.refused($$DELETE FROM casedesk.audit$$, '42501', 'reviewer with DELETE and a policy');
RESET SESSION AUTHORIZATION;
DROP POLICY audit_mistake ON casedesk.audit;
REVOKE UPDATE, DELETE, TRUNCATE ON casedesk.audit FROM rev_a;
-- A superuser that has not taken the owner role is refused too.
SELECT t.refused($$UPDATE casedesk.audit SET actor = 'rev_b' WHERE id = 1$$, '42501', 'superuser updates audit');
SELECT t.refused($$DELETE FROM casedesk.audit WHERE id = 1$$, '42501', 'superuser deletes audit');
SELECT t.refused($$TRUNCATE casedesk.audit$$, '42501', 'superuser truncates audit');
SELECT t.eq(t.snapshot(), :'snap'::jsonb, 'the audit trail is as it was');
-- Only the owner, taken on deliberately, may archive.
BEGIN;
SET LOCAL ROLE casedesk_owner;
DELETE FROM casedesk.audit WHERE id = 1;
RESET ROLE;
SELECT t.eq(count(*), 27::bigint, 'the owner may remove a row') FROM casedesk.audit;
ROLLBACK;
