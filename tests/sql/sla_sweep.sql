-- The sweep: one yellow and one red alarm per item, none while paused, none
-- again after a pause; unanswered escalations move up a level once; every
-- escalation raised has its audit row and change_seq; the item's version
-- and change_seq do not move; its cost follows the items that change level.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

CREATE FUNCTION t.alarms(item bigint, knd text) RETURNS bigint
LANGUAGE sql AS $$
    SELECT count(*) FROM casedesk.escalation WHERE item_id = item AND kind = knd;
$$;
CREATE FUNCTION t.sweep_audit_rows() RETURNS bigint
LANGUAGE sql AS $$
    SELECT count(*) FROM casedesk.audit WHERE action LIKE 'sweep\_%';
$$;

-------------------------------------------------------------------------------
-- Nothing due: nothing raised, nothing written.
SELECT last_value AS seq0 FROM casedesk.change_seq \gset
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 0, 'fresh cases: nothing to raise');
RESET SESSION AUTHORIZATION;
SELECT t.eq(last_value, :seq0::bigint, 'an idle sweep writes nothing') FROM casedesk.change_seq;
SELECT t.eq((SELECT count(*) FROM casedesk.escalation), 0::bigint, 'no escalation');

-------------------------------------------------------------------------------
-- Item 1 reaches yellow: one yellow alarm for its department.
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute' WHERE id = 1;
SELECT version AS v1, change_seq AS cs1 FROM casedesk.case_item WHERE id = 1 \gset
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 1, 'yellow: one raised');
RESET SESSION AUTHORIZATION;
SELECT id AS y1 FROM casedesk.escalation WHERE item_id = 1 AND kind = 'yellow' \gset
SELECT t.eq(t.alarms(1, 'yellow'), 1::bigint, 'yellow: one for item 1'),
       t.eq((SELECT count(*) FROM casedesk.escalation), 1::bigint, 'yellow: none for anything else');
SELECT t.eq(e.case_id, 1::bigint, 'yellow: case'),
       t.eq(e.department_id, 1::smallint, 'yellow: the item''s department'),
       t.eq(e.addressee, NULL::name, 'yellow: addressed to the department'),
       t.eq(e.level, 1::smallint, 'yellow: level 1'),
       t.eq(e.source, 'sweep', 'yellow: source'),
       t.eq(e.raised_by, 'casedesk_owner'::name, 'yellow: raised by the system, not by a person'),
       t.eq(e.respond_by, casedesk.add_working_minutes(e.raised_at, 3), 'yellow: 3 working minutes to respond'),
       t.eq(e.note ~ '^黄牌：建筑工程施工许可（办件 [0-9]{8}-[0-9]{6}）已用去办理时限的 75%，应于 ', true,
            'yellow: note'),
       t.eq(e.change_seq > :seq0, true, 'yellow: a new change_seq'),
       t.eq(e.version, 1, 'yellow: version 1')
  FROM casedesk.escalation e WHERE e.id = :y1;
SELECT t.eq(alarm_level, 1::smallint, 'yellow: item marked'),
       t.eq(version, :v1, 'yellow: the item''s version does not move'),
       t.eq(change_seq, :cs1::bigint,
            'yellow: nor its change_seq (no console shows the marker; the escalation is the news)')
  FROM casedesk.case_item WHERE id = 1;
SELECT t.eq(a.actor, 'casedesk_owner'::name, 'yellow audit: the system, not whose console swept'),
       t.eq(a.item_id, 1::bigint, 'yellow audit: item'),
       t.eq(a.case_id, 1::bigint, 'yellow audit: case'),
       t.eq(a.after ->> 'kind', 'yellow', 'yellow audit: the escalation as raised')
  FROM casedesk.audit a WHERE a.action = 'sweep_yellow' AND a.escalation_id = :y1;
SELECT t.eq(t.sweep_audit_rows(), 1::bigint, 'yellow: one audit row');

-- Again, from another console: nothing more.
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.sweep(), 0, 'yellow again: nothing');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.alarms(1, 'yellow'), 1::bigint, 'yellow again: still one'),
       t.eq(t.sweep_audit_rows(), 1::bigint, 'yellow again: no audit row');

-- A reviewer who saw the item before the sweep still acts on that version.
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.status, 'claimed', 'claim with the version seen before the sweep')
  FROM casedesk.claim(1, :v1, '5c000000-0000-4000-8000-000000000001') r;
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Item 1 overdue: one red alarm, level 2.
UPDATE casedesk.case_item SET due_at = now() - interval '1 minute' WHERE id = 1;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 1, 'red: one raised');
SELECT t.eq(casedesk.sweep(), 0, 'red again: nothing');
RESET SESSION AUTHORIZATION;
SELECT id AS r1 FROM casedesk.escalation WHERE item_id = 1 AND kind = 'red' \gset
SELECT t.eq(t.alarms(1, 'red'), 1::bigint, 'red: one for item 1'),
       t.eq(t.alarms(1, 'yellow'), 1::bigint, 'red: the yellow one stays alone');
SELECT t.eq(e.level, 2::smallint, 'red: level 2'),
       t.eq(e.department_id, 1::smallint, 'red: the item''s department'),
       t.eq(e.addressee, NULL::name, 'red: its on-call staff and the supervisors'),
       t.eq(e.note ~ '^红牌：建筑工程施工许可（办件 [0-9]{8}-[0-9]{6}）已超过办理时限', true, 'red: note')
  FROM casedesk.escalation e WHERE e.id = :r1;
SELECT t.eq(alarm_level, 2::smallint, 'red: item marked'),
       t.eq(version, :v1 + 1, 'red: the version is the claim''s')
  FROM casedesk.case_item WHERE id = 1;
SELECT t.eq(actor, 'casedesk_owner'::name, 'red audit')
  FROM casedesk.audit WHERE action = 'sweep_red' AND escalation_id = :r1;

-------------------------------------------------------------------------------
-- A paused item never escalates while paused. Resumed past its due time it
-- goes straight to red: no yellow warning once the time is up.
SET SESSION AUTHORIZATION rev_c;
SELECT casedesk.claim(2, 1, '5c000000-0000-4000-8000-000000000002');
SELECT casedesk.request_supplement(2, 2, '5c000000-0000-4000-8000-000000000003',
                                   ARRAY['人防工程设计图'], NULL);
RESET SESSION AUTHORIZATION;
UPDATE casedesk.case_item
   SET yellow_at = now() - interval '2 days', due_at = now() - interval '1 day' WHERE id = 2;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 0, 'paused past due: nothing');
RESET SESSION AUTHORIZATION;
SELECT t.eq((SELECT count(*) FROM casedesk.escalation WHERE item_id = 2), 0::bigint,
            'paused past due: no escalation'),
       t.eq((SELECT alarm_level FROM casedesk.case_item WHERE id = 2), 0::smallint,
            'paused past due: not marked');
SET SESSION AUTHORIZATION rev_c;
SELECT casedesk.resume(2, 3, '5c000000-0000-4000-8000-000000000004');
SELECT t.eq(casedesk.sweep(), 1, 'resumed past due: one raised');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.alarms(2, 'red'), 1::bigint, 'resumed past due: red'),
       t.eq(t.alarms(2, 'yellow'), 0::bigint, 'resumed past due: no yellow'),
       t.eq((SELECT department_id FROM casedesk.escalation WHERE item_id = 2), 2::smallint,
            'resumed past due: for department 2');

-- Yellow, paused, resumed, yellow again: no second yellow alarm.
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute' WHERE id = 3;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 1, 'item 3 yellow: one raised');
SELECT casedesk.claim(3, 1, '5c000000-0000-4000-8000-000000000005');
SELECT casedesk.request_supplement(3, 2, '5c000000-0000-4000-8000-000000000006',
                                   ARRAY['施工图设计文件审查合格书'], NULL);
RESET SESSION AUTHORIZATION;
UPDATE casedesk.case_item SET paused_at = paused_at - interval '14 days' WHERE id = 3;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(r.yellow_at > now(), true, 'item 3 resumed: green again')
  FROM casedesk.resume(3, 3, '5c000000-0000-4000-8000-000000000007') r;
RESET SESSION AUTHORIZATION;
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute' WHERE id = 3;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 0, 'item 3 yellow again after a pause: nothing');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.alarms(3, 'yellow'), 1::bigint, 'item 3: one yellow in all'),
       t.eq((SELECT alarm_level FROM casedesk.case_item WHERE id = 3), 1::smallint,
            'item 3: the marker survived the pause');
SELECT id AS y3 FROM casedesk.escalation WHERE item_id = 3 AND kind = 'yellow' \gset

-------------------------------------------------------------------------------
-- Nobody acknowledged item 1's yellow alarm in time: it moves up one level,
-- once.
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE id = :y1;
SELECT change_seq AS ycs FROM casedesk.escalation WHERE id = :y1 \gset
SET SESSION AUTHORIZATION sup;
SELECT t.eq(casedesk.sweep(), 1, 'unanswered: one raised');
SELECT t.eq(casedesk.sweep(), 0, 'unanswered again: nothing');
RESET SESSION AUTHORIZATION;
SELECT id AS u1 FROM casedesk.escalation WHERE escalated_from = :y1 \gset
SELECT t.eq(e.kind, 'unanswered', 'unanswered: kind'),
       t.eq(e.level, 2::smallint, 'unanswered: one level up'),
       t.eq(e.item_id, 1::bigint, 'unanswered: same item'),
       t.eq(e.case_id, 1::bigint, 'unanswered: same case'),
       t.eq(e.department_id, 1::smallint, 'unanswered: same department'),
       t.eq(e.source, 'sweep', 'unanswered: source'),
       t.eq(e.note ~ ('^第 ' || :y1 || ' 号督办（黄牌，第 1 级，住房和城乡建设局）未在 .* 前签收，升至第 2 级$'),
            true, 'unanswered: the note names the escalation that went unanswered'),
       t.eq(e.respond_by > now(), true, 'unanswered: a new response limit')
  FROM casedesk.escalation e WHERE e.id = :u1;
SELECT t.eq(o.escalated_at IS NOT NULL, true, 'unanswered: the old one is marked'),
       t.eq(o.acknowledged_at, NULL::timestamptz, 'unanswered: the old one is still open'),
       t.eq(o.version, 1, 'unanswered: the old one''s version does not move'),
       t.eq(o.change_seq > :ycs, true, 'unanswered: the old one''s change_seq moves')
  FROM casedesk.escalation o WHERE o.id = :y1;
SELECT t.eq(actor, 'casedesk_owner'::name, 'unanswered audit')
  FROM casedesk.audit WHERE action = 'sweep_unanswered' AND escalation_id = :u1;
-- It can still be acknowledged late, with the version seen before.
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(r.acknowledged_by, 'oncall_a'::name, 'the old one acknowledged late')
  FROM casedesk.acknowledge(:y1, 1, '5c000000-0000-4000-8000-000000000008') r;
RESET SESSION AUTHORIZATION;

-- Acknowledged or resolved in time: never moved up.
SET SESSION AUTHORIZATION oncall_a;
SELECT casedesk.acknowledge(:y3, 1, '5c000000-0000-4000-8000-000000000009');
SELECT casedesk.resolve(:r1, 1, '5c000000-0000-4000-8000-000000000010', '已催办，今日办结');
RESET SESSION AUTHORIZATION;
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE id IN (:y3, :r1);
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 0, 'acknowledged and resolved: nothing');
RESET SESSION AUTHORIZATION;

-- A window's question nobody took up moves up too (no item); then up
-- again, until the top level (3 by default).
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('5c000000-0000-4000-8000-000000000011', 1, NULL, 2::smallint,
                         '申请人问人防审批何时完成') AS q \gset
RESET SESSION AUTHORIZATION;
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE id = :q;
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.sweep(), 1, 'question unanswered: one raised');
RESET SESSION AUTHORIZATION;
SELECT id AS q2 FROM casedesk.escalation WHERE escalated_from = :q \gset
SELECT t.eq(e.item_id, NULL::bigint, 'question moved up: no item'),
       t.eq(e.case_id, 1::bigint, 'question moved up: same case'),
       t.eq(e.department_id, 2::smallint, 'question moved up: same department'),
       t.eq(e.level, 2::smallint, 'question moved up: level 2'),
       t.eq(e.note ~ ('^第 ' || :q || ' 号督办（咨询，第 1 级，人民防空办公室）'), true, 'question moved up: note')
  FROM casedesk.escalation e WHERE e.id = :q2;
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE id = :q2;
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.sweep(), 1, 'level 2 unanswered: one raised');
RESET SESSION AUTHORIZATION;
SELECT id AS q3 FROM casedesk.escalation WHERE escalated_from = :q2 \gset
SELECT t.eq(level, 3::smallint, 'level 3') FROM casedesk.escalation WHERE id = :q3;
UPDATE casedesk.escalation SET respond_by = now() - interval '1 minute' WHERE id = :q3;
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.sweep(), 0, 'the top level stays where it is');
RESET SESSION AUTHORIZATION;
SELECT t.eq(escalated_at, NULL::timestamptz, 'the top level is not marked') FROM casedesk.escalation WHERE id = :q3;
UPDATE casedesk.setting SET escalation_top_level = 4;
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.sweep(), 1, 'a higher top level: moved up again');
RESET SESSION AUTHORIZATION;
SELECT t.eq(level, 4::smallint, 'level 4') FROM casedesk.escalation WHERE escalated_from = :q3;
UPDATE casedesk.setting SET escalation_top_level = 3;

-------------------------------------------------------------------------------
-- Who sees the alarms: the department (and its on-call staff), the
-- supervisors; not the clerk whose console happened to run the sweep.
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq((SELECT count(*) FROM casedesk.escalation WHERE source = 'sweep' AND department_id = 1),
            4::bigint, 'on-call of department 1: its four sweep escalations');
SET SESSION AUTHORIZATION rev_c;
SELECT t.eq((SELECT array_agg(kind ORDER BY id) FROM casedesk.escalation WHERE source = 'sweep'),
            ARRAY['red', 'unanswered', 'unanswered', 'unanswered'], 'reviewer of department 2: its own');
SET SESSION AUTHORIZATION win;
SELECT t.eq((SELECT count(*) FROM casedesk.escalation WHERE source = 'sweep'), 0::bigint,
            'window clerk: none of the sweep''s');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Totals: one alarm per item and level; one audit row and one change_seq per
-- escalation the sweep raised.
SELECT t.eq((SELECT count(*) FROM (SELECT item_id, kind FROM casedesk.escalation
                                    WHERE kind IN ('yellow', 'red')
                                    GROUP BY item_id, kind HAVING count(*) > 1) x),
            0::bigint, 'never two alarms of a level for an item');
SELECT t.eq((SELECT array_agg(escalation_id ORDER BY escalation_id) FROM casedesk.audit
              WHERE action LIKE 'sweep\_%'),
            (SELECT array_agg(id ORDER BY id) FROM casedesk.escalation WHERE source = 'sweep'),
            'one audit row per sweep escalation');
SELECT t.eq((SELECT count(DISTINCT change_seq) FROM casedesk.escalation),
            (SELECT count(*) FROM casedesk.escalation), 'every escalation has its own change_seq');
SELECT t.eq((SELECT bool_and(action = 'sweep_' || (after ->> 'kind')) FROM casedesk.audit
              WHERE action LIKE 'sweep\_%'), true, 'audit action names the kind');

-- The unique index holds even if the markers are lost.
UPDATE casedesk.case_item SET alarm_level = 0 WHERE id = 1;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 0, 'marker lost: nothing raised twice');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.alarms(1, 'red') + t.alarms(1, 'yellow'), 2::bigint, 'marker lost: still one of each'),
       t.eq((SELECT alarm_level FROM casedesk.case_item WHERE id = 1), 2::smallint, 'marker lost: marked again');
SELECT t.raises($$INSERT INTO casedesk.escalation (item_id, case_id, department_id, kind, source, note,
                                                    raised_by, respond_by, change_seq)
                  VALUES (1, 1, 1, 'yellow', 'sweep', 'x', 'casedesk_owner', now(), 0)$$,
                '23505', 'a second yellow alarm for an item is refused');

-- Only members of casedesk_staff may run it.
CREATE ROLE sweep_outsider LOGIN;
GRANT USAGE ON SCHEMA casedesk TO sweep_outsider;
SET SESSION AUTHORIZATION sweep_outsider;
SELECT t.raises('SELECT casedesk.sweep()', '42501', 'not staff: refused');
RESET SESSION AUTHORIZATION;
REVOKE USAGE ON SCHEMA casedesk FROM sweep_outsider;
DROP ROLE sweep_outsider;

-------------------------------------------------------------------------------
-- Cost: 20,000 running green items and 5,000 long-paused overdue ones; three
-- items turn yellow. The sweep reads the three through its partial indexes,
-- never the queue.
INSERT INTO casedesk.case_file (case_no, matter_type_id, applicant_id, project_name, tracking_code,
                                channel, received_at, change_seq)
SELECT 'BULK-' || g, 1, 1, '', 'bulk-' || g, 'online', now(), 0 FROM generate_series(1, 25000) g;
INSERT INTO casedesk.case_item (case_id, item_type_id, department_id, status, entered_at, due_at,
                                original_due_at, yellow_at, paused_at, change_seq)
SELECT cf.id, 1, 1, CASE WHEN n <= 20000 THEN 'pending' ELSE 'supplement' END::casedesk.item_status,
       now() - interval '20 days',
       CASE WHEN n <= 20000 THEN now() + interval '5 days' ELSE now() - interval '10 days' END,
       now() + interval '5 days',
       CASE WHEN n <= 20000 THEN now() + interval '3 days' ELSE now() - interval '12 days' END,
       CASE WHEN n <= 20000 THEN NULL ELSE now() - interval '15 days' END,
       0
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM casedesk.case_file
         WHERE case_no LIKE 'BULK-%') cf;
INSERT INTO casedesk.escalation (case_id, department_id, kind, source, note, raised_by, raised_at,
                                 respond_by, acknowledged_by, acknowledged_at, resolved_by,
                                 resolved_at, change_seq)
SELECT 1, 1, 'question', 'window', '旧问题', 'win', now() - interval '30 days',
       now() - interval '30 days', 'oncall_a', now() - interval '30 days', 'oncall_a',
       now() - interval '30 days', 0
  FROM generate_series(1, 20000);
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute'
 WHERE id IN (SELECT id FROM casedesk.case_item WHERE status = 'pending' AND yellow_at > now()
               ORDER BY id DESC LIMIT 3);
ANALYZE casedesk.case_item;
ANALYZE casedesk.escalation;
-- The backend's counters may still hold earlier transactions' counts; what
-- the sweep adds is the difference (nothing is flushed inside a transaction).
CREATE FUNCTION t.scans() RETURNS jsonb
LANGUAGE sql AS $$
    SELECT jsonb_build_object(
        'item_seq', pg_stat_get_xact_numscans('casedesk.case_item'::regclass),
        'item_fetched', pg_stat_get_xact_tuples_fetched('casedesk.case_item'::regclass),
        'esc_seq', pg_stat_get_xact_numscans('casedesk.escalation'::regclass),
        'yellow_idx', pg_stat_get_xact_numscans('casedesk.case_item_yellow_watch'::regclass),
        'red_idx', pg_stat_get_xact_numscans('casedesk.case_item_red_watch'::regclass),
        'unanswered_idx', pg_stat_get_xact_numscans('casedesk.escalation_unanswered_watch'::regclass));
$$;
BEGIN;
SELECT t.scans() AS before \gset
SET LOCAL SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 3, 'in a big queue: the three yellow ones');
RESET SESSION AUTHORIZATION;
SELECT t.eq((a ->> 'item_seq')::int - (b ->> 'item_seq')::int, 0, 'no sequential scan of the items'),
       t.eq((a ->> 'esc_seq')::int - (b ->> 'esc_seq')::int, 0, 'no sequential scan of the escalations'),
       t.eq((a ->> 'item_fetched')::int - (b ->> 'item_fetched')::int < 20, true,
            'items read: those changing level, not the queue'),
       t.eq((a ->> 'yellow_idx')::int - (b ->> 'yellow_idx')::int > 0, true,
            'yellow found through its partial index'),
       t.eq((a ->> 'red_idx')::int - (b ->> 'red_idx')::int > 0, true,
            'red found through its partial index'),
       t.eq((a ->> 'unanswered_idx')::int - (b ->> 'unanswered_idx')::int > 0, true,
            'unanswered found through its partial index')
  FROM (SELECT t.scans() AS a, :'before'::jsonb AS b) x;
COMMIT;
