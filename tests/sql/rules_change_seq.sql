-- The change sequence: every write stamps the rows it touched with a number
-- above every earlier one, so "change_seq > last seen" finds exactly what
-- changed; refusals and replays stamp nothing. (The NOTIFY that goes with it
-- is shown by tests/isolation/specs/notify.spec.)
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

CREATE TABLE t.seen (last bigint);
INSERT INTO t.seen VALUES (0);
-- The rows stamped since the last call, oldest first; then remembers the
-- newest stamp. Also checks that no stamp went backwards.
CREATE FUNCTION t.changes() RETURNS text[]
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    last_seen bigint := (SELECT last FROM t.seen);
    rows text[];
    newest bigint;
BEGIN
    SELECT array_agg(what ORDER BY seq, what), max(seq) INTO rows, newest
      FROM (SELECT 'item ' || id AS what, change_seq AS seq FROM casedesk.case_item
            UNION ALL SELECT 'case ' || id, change_seq FROM casedesk.case_file
            UNION ALL SELECT 'escalation ' || id, change_seq FROM casedesk.escalation) x
     WHERE seq > last_seen;
    IF newest IS NOT NULL THEN
        PERFORM t.eq(newest <= (SELECT last_value FROM casedesk.change_seq), true, 'stamp comes from the sequence');
        UPDATE t.seen SET last = newest;
    END IF;
    RETURN coalesce(rows, '{}');
END
$$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

-- The fixture: two filings, one stamp each for a case and its items.
SELECT t.eq(t.changes(), ARRAY['case 1', 'item 1', 'item 2', 'case 2', 'item 3', 'item 4'], 'fixture stamps');
SELECT t.eq((SELECT array_agg(DISTINCT change_seq) FROM casedesk.case_item WHERE case_id = 1),
            (SELECT ARRAY[change_seq] FROM casedesk.case_file WHERE id = 1), 'a filing stamps its case and items alike');

SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(1, 1, '7e000000-0000-4000-8000-000000000001');
SELECT t.eq(t.changes(), ARRAY['item 1'], 'claim stamps its item');
SELECT casedesk.claim(1, 2, '7e000000-0000-4000-8000-000000000002');
SELECT t.eq(t.changes(), ARRAY['item 1'], 'renewing a claim stamps it again');
SELECT casedesk.annotate(1, 3, '7e000000-0000-4000-8000-000000000003', '核对中');
SELECT t.eq(t.changes(), ARRAY['item 1'], 'a note stamps its item');
-- Refusals and replays stamp nothing.
SELECT t.refused($$SELECT casedesk.approve(1, 1, '7e000000-0000-4000-8000-000000000004')$$, 'CD001', 'stale approve');
SELECT casedesk.claim(1, 1, '7e000000-0000-4000-8000-000000000001');
SELECT casedesk.annotate(1, 3, '7e000000-0000-4000-8000-000000000003', '核对中');
SELECT t.eq(t.changes(), '{}', 'refusal and replays: no stamps');
SELECT casedesk.claim(3, 1, '7e000000-0000-4000-8000-000000000005');
SELECT t.eq(t.changes(), ARRAY['item 3'], 'claim of item 3');
-- Approving item 3 stamps item 4 after it.
SELECT casedesk.approve(3, 2, '7e000000-0000-4000-8000-000000000006');
SELECT t.eq(t.changes(), ARRAY['item 3', 'item 4'], 'approval and the successor');
SELECT casedesk.request_supplement(1, 3, '7e000000-0000-4000-8000-000000000007', ARRAY['图纸'], NULL);
SELECT t.eq(t.changes(), ARRAY['item 1'], 'supplement');
SET SESSION AUTHORIZATION win;
SELECT casedesk.resume(1, 4, '7e000000-0000-4000-8000-000000000008');
SELECT t.eq(t.changes(), ARRAY['item 1'], 'resume');
SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000009', 'M2', '91110000600037341L', '北京某置业有限公司', '二期', 'window') AS case3 \gset
SELECT t.eq(t.changes(), ARRAY['case 3', 'item 5', 'item 6'], 'a new filing');
SELECT casedesk.escalate('7e000000-0000-4000-8000-000000000010', NULL, 5, NULL, '请优先处理') AS esc \gset
SELECT t.eq(t.changes(), ARRAY['escalation ' || :esc], 'escalate stamps the escalation');
SET SESSION AUTHORIZATION oncall_a;
SELECT casedesk.acknowledge(:esc, 1, '7e000000-0000-4000-8000-000000000011');
SELECT t.eq(t.changes(), ARRAY['escalation ' || :esc], 'acknowledge');
SELECT casedesk.resolve(:esc, 2, '7e000000-0000-4000-8000-000000000012', '已处理');
SELECT t.eq(t.changes(), ARRAY['escalation ' || :esc], 'resolve');
SET SESSION AUTHORIZATION sup;
SELECT casedesk.reassign(5, 1, '7e000000-0000-4000-8000-000000000013', 'rev_b');
SELECT t.eq(t.changes(), ARRAY['item 5'], 'reassign');
SELECT casedesk.release(5, 2, '7e000000-0000-4000-8000-000000000014');
SELECT t.eq(t.changes(), ARRAY['item 5'], 'release');
RESET SESSION AUTHORIZATION;

-- A client follows changes with its own query, through row-level security.
SELECT max(change_seq) AS last FROM casedesk.case_item \gset
SET SESSION AUTHORIZATION rev_c;
SELECT casedesk.claim(2, 1, '7e000000-0000-4000-8000-000000000020');
SET SESSION AUTHORIZATION rev_b;
SELECT casedesk.claim(5, 3, '7e000000-0000-4000-8000-000000000021');
SELECT t.eq((SELECT array_agg(id ORDER BY change_seq) FROM casedesk.case_item WHERE change_seq > :last),
            ARRAY[5::bigint], 'rev_b follows department 1''s changes only');
SET SESSION AUTHORIZATION sup;
SELECT t.eq((SELECT array_agg(id ORDER BY change_seq) FROM casedesk.case_item WHERE change_seq > :last),
            ARRAY[2, 5]::bigint[], 'the supervisor follows all changes in order');

-- After an action the client learns the stamp of its own write with currval,
-- and may read the sequence's position; it may not advance the sequence.
SET SESSION AUTHORIZATION rev_b;
SELECT t.eq(has_sequence_privilege('casedesk.change_seq', 'SELECT'), true,
            'job roles hold SELECT on casedesk.change_seq (currval, last_value)');
SELECT t.eq(has_sequence_privilege('casedesk.change_seq', 'USAGE'), false,
            'job roles hold no USAGE on casedesk.change_seq (it allows nextval)');
SELECT t.eq(currval('casedesk.change_seq'), (SELECT change_seq FROM casedesk.case_item WHERE id = 5),
            'currval is the stamp of the caller''s last write');
SELECT t.eq((SELECT last_value FROM casedesk.change_seq) >= 1, true, 'a reviewer reads the sequence position');
SELECT t.refused($$SELECT nextval('casedesk.change_seq')$$, '42501', 'a reviewer advances the change sequence');
SELECT t.refused($$SELECT setval('casedesk.change_seq', 1)$$, '42501', 'a reviewer resets the change sequence');
RESET SESSION AUTHORIZATION;
