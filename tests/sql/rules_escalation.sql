-- Escalations (the 3-minute rule): raised by a window clerk about a case or
-- by a reviewer about an item, acknowledged by the department's on-call
-- staff inside the response limit, resolved with an answer or handed on.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-------------------------------------------------------------------------------
-- Raise.
BEGIN;
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('8b000000-0000-4000-8000-000000000001', 1, NULL, 1::smallint, '企业询问施工许可进度') AS e1 \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(case_id, 1::bigint, 'window escalation: case'),
       t.eq(item_id, NULL::bigint, 'window escalation: no item'),
       t.eq(department_id, 1::smallint, 'window escalation: department'),
       t.eq(addressee, NULL::name, 'window escalation: to the department, nobody in particular'),
       t.eq(kind, 'question', 'window escalation: kind'),
       t.eq(source, 'window', 'window escalation: source'),
       t.eq(level, 1::smallint, 'window escalation: level'),
       t.eq(note, '企业询问施工许可进度', 'window escalation: note'),
       t.eq(raised_by, 'win', 'window escalation: raised_by'),
       t.eq(raised_at BETWEEN now() AND clock_timestamp(), true, 'window escalation: raised when it was asked'),
       t.eq(respond_by, casedesk.add_working_minutes(raised_at, 3), 'window escalation: 3 working minutes to respond'),
       t.eq(acknowledged_at, NULL::timestamptz, 'window escalation: not acknowledged'),
       t.eq(version, 1, 'window escalation: version')
  FROM casedesk.escalation WHERE id = :e1;
COMMIT;

SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.escalate('8b000000-0000-4000-8000-000000000002', NULL, 1, NULL, '规划许可证疑问') AS e2 \gset
SELECT casedesk.escalate('8b000000-0000-4000-8000-000000000003', NULL, 1, 2::smallint, '需人防确认') AS e3 \gset
SET SESSION AUTHORIZATION rev_c;
SELECT t.refused($$SELECT casedesk.escalate('8b000000-0000-4000-8000-000000000004', NULL, 1, NULL, '?')$$,
                 '42501', 'a reviewer escalates another department''s item');
RESET SESSION AUTHORIZATION;
SELECT t.eq(array_agg(id || ' ' || source || ' item ' || item_id || ' case ' || case_id || ' dept ' || department_id || ' by ' || raised_by ORDER BY id),
            ARRAY[:e2 || ' reviewer item 1 case 1 dept 1 by rev_a', :e3 || ' reviewer item 1 case 1 dept 2 by rev_a'],
            'reviewer escalations: about the item, to its department unless another is named')
  FROM casedesk.escalation WHERE item_id IS NOT NULL;

-------------------------------------------------------------------------------
-- Acknowledge.
SET SESSION AUTHORIZATION rev_a;
SELECT t.matches(t.refused(format($$SELECT casedesk.acknowledge(%s, 1, '8b000000-0000-4000-8000-000000000010')$$, :e1),
                           '42501', 'a reviewer acknowledges'),
                 '^permission denied for function acknowledge', 'reviewer acknowledge: not granted');
SET SESSION AUTHORIZATION oncall_a;
BEGIN;
SELECT t.eq(r.acknowledged_by, 'oncall_a', 'acknowledge: by'),
       t.eq(r.acknowledged_at BETWEEN now() AND clock_timestamp(), true, 'acknowledge: at'),
       t.eq(r.version, 2, 'acknowledge: version'),
       t.eq(r.resolved_at, NULL::timestamptz, 'acknowledge: still open'),
       t.eq(r.respond_by, (SELECT respond_by FROM casedesk.escalation WHERE id = :e1), 'acknowledge: respond_by kept')
  FROM casedesk.acknowledge(:e1, 1, '8b000000-0000-4000-8000-000000000012') r;
COMMIT;
-- A second acknowledgement, by someone who saw the acknowledged escalation.
SET SESSION AUTHORIZATION sup;
SELECT t.refused(format($$SELECT casedesk.acknowledge(%s, 2, '8b000000-0000-4000-8000-000000000013')$$, :e1),
                 'CD002', 'second acknowledgement') AS msg \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(:'msg', 'already acknowledged by 陈杰 at ' || casedesk.local_time_text(acknowledged_at), 'second acknowledgement: message')
  FROM casedesk.escalation WHERE id = :e1;
SELECT t.matches(:'msg', '^already acknowledged by 陈杰 at (\d{4}-\d\d-\d\d )?\d\d:\d\d$', 'second acknowledgement: HH:MI');
-- By someone who still saw it unacknowledged (the loser of a race): the same
-- words, reported as a stale version.
SET SESSION AUTHORIZATION sup;
SELECT t.eq(t.refused(format($$SELECT casedesk.acknowledge(%s, 1, '8b000000-0000-4000-8000-000000000014')$$, :e1),
                      'CD001', 'acknowledgement that lost the race'),
            :'msg', 'lost race: message');

-------------------------------------------------------------------------------
-- Resolve.
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(t.refused(format($$SELECT casedesk.resolve(%s, 2, '8b000000-0000-4000-8000-000000000020', '')$$, :e1),
                      '22023', 'resolve without an answer'),
            'the answer must not be empty', 'resolve empty: message');
BEGIN;
SELECT t.eq(r.resolved_by, 'oncall_a', 'resolve: by'),
       t.eq(r.resolved_at BETWEEN now() AND clock_timestamp(), true, 'resolve: at'),
       t.eq(r.resolution, '已电话答复，材料齐全后三日内办结', 'resolve: the answer'),
       t.eq(r.acknowledged_by, 'oncall_a', 'resolve: acknowledgement kept'),
       t.eq(r.version, 3, 'resolve: version')
  FROM casedesk.resolve(:e1, 2, '8b000000-0000-4000-8000-000000000021', '已电话答复，材料齐全后三日内办结') r;
COMMIT;
SELECT t.matches(t.refused(format($$SELECT casedesk.resolve(%s, 3, '8b000000-0000-4000-8000-000000000022', '再答')$$, :e1),
                           'CD002', 'resolve twice'),
                 '^already resolved by 陈杰 at ', 'resolve twice: message');
SELECT t.refused(format($$SELECT casedesk.acknowledge(%s, 3, '8b000000-0000-4000-8000-000000000023')$$, :e1),
                 'CD002', 'acknowledge a resolved escalation');
SELECT t.refused(format($$SELECT casedesk.hand_on(%s, 3, '8b000000-0000-4000-8000-000000000024', 3::smallint, NULL, '转')$$, :e1),
                 'CD002', 'hand on a resolved escalation');
-- Resolving what nobody acknowledged acknowledges it too.
BEGIN;
SELECT t.eq(r.acknowledged_by, 'oncall_a', 'resolve unacknowledged: acknowledged by the resolver'),
       t.eq(r.acknowledged_at, r.resolved_at, 'resolve unacknowledged: acknowledged now')
  FROM casedesk.resolve(:e2, 1, '8b000000-0000-4000-8000-000000000025', '已答复') r;
COMMIT;

-------------------------------------------------------------------------------
-- Hand on: the new department's response clock starts; its acknowledgement
-- is still to come.
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('8b000000-0000-4000-8000-000000000030', 2, NULL, 1::smallint, '竣工验收备案需人社意见') AS e4 \gset
SET SESSION AUTHORIZATION oncall_a;
SELECT casedesk.acknowledge(:e4, 1, '8b000000-0000-4000-8000-000000000031');
SELECT t.refused(format($$SELECT casedesk.hand_on(%s, 2, '8b000000-0000-4000-8000-000000000032', 3::smallint, NULL, '')$$, :e4),
                 '22023', 'hand on without a note');
BEGIN;
SELECT t.eq(r.department_id, 3::smallint, 'hand on: department'),
       t.eq(r.addressee, NULL::name, 'hand on: to the department'),
       t.eq(r.acknowledged_by, NULL::name, 'hand on: acknowledgement reset'),
       t.eq(r.acknowledged_at, NULL::timestamptz, 'hand on: acknowledgement time reset'),
       -- from the instant of the hand-on, which falls inside this statement
       t.eq(r.respond_by BETWEEN casedesk.add_working_minutes(now(), 3)
                             AND casedesk.add_working_minutes(clock_timestamp(), 3), true,
            'hand on: 3 working minutes from now'),
       t.eq(r.resolved_at, NULL::timestamptz, 'hand on: still open'),
       t.eq(r.hand_on_note, '转人社局', 'hand on: its note'),
       t.eq(r.resolution, NULL::text, 'hand on: no answer yet'),
       t.eq(r.version, 3, 'hand on: version')
  FROM casedesk.hand_on(:e4, 2, '8b000000-0000-4000-8000-000000000033', 3::smallint, NULL, '转人社局') r;
COMMIT;
SET SESSION AUTHORIZATION sup;
SELECT t.eq(r.acknowledged_by, 'sup', 'a supervisor acknowledges for department 3')
  FROM casedesk.acknowledge(:e4, 3, '8b000000-0000-4000-8000-000000000035') r;
-- To a person: the person's department, and that person.
SELECT t.eq(r.department_id, 2::smallint, 'hand on to rev_c: department 2'),
       t.eq(r.addressee, 'rev_c', 'hand on to rev_c: addressee'),
       t.eq(r.acknowledged_at, NULL::timestamptz, 'hand on to rev_c: not acknowledged')
  FROM casedesk.hand_on(:e4, 4, '8b000000-0000-4000-8000-000000000036', NULL, 'rev_c', '请张伟确认') r;
SELECT t.eq(r.department_id, 1::smallint, 'hand on to oncall_a: department 1'),
       t.eq(r.addressee, 'oncall_a', 'hand on to oncall_a: addressee')
  FROM casedesk.hand_on(:e4, 5, '8b000000-0000-4000-8000-000000000037', NULL, 'oncall_a', '请陈杰确认') r;
SET SESSION AUTHORIZATION oncall_a;
SELECT t.eq(r.acknowledged_by, 'oncall_a', 'the addressee acknowledges')
  FROM casedesk.acknowledge(:e4, 6, '8b000000-0000-4000-8000-000000000038') r;
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- The response clock by hand: days around today made working days open
-- round the clock, so 3 working minutes are 3 wall minutes from now.
BEGIN;
DELETE FROM casedesk.business_hours WHERE block <> 1;
UPDATE casedesk.business_hours SET opens = '00:00', closes = '24:00' WHERE block = 1;
DELETE FROM casedesk.calendar_day
 WHERE day BETWEEN (now() AT TIME ZONE 'Asia/Shanghai')::date - 2 AND (now() AT TIME ZONE 'Asia/Shanghai')::date + 2;
INSERT INTO casedesk.calendar_day (day, kind, name)
SELECT d, 'workday', 'test' FROM generate_series((now() AT TIME ZONE 'Asia/Shanghai')::date - 2,
                                                 (now() AT TIME ZONE 'Asia/Shanghai')::date + 2, '1 day') g(d)
 WHERE extract(isodow FROM d) >= 6;
COMMIT;
BEGIN;
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('8b000000-0000-4000-8000-000000000040', 1, NULL, 2::smallint, '人防审批咨询') AS e5 \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(respond_by, raised_at + interval '3 minutes', 'round the clock: respond within 3 minutes')
  FROM casedesk.escalation WHERE id = :e5;
COMMIT;
BEGIN;
SET SESSION AUTHORIZATION sup;
SELECT t.eq(r.respond_by BETWEEN now() + interval '3 minutes' AND clock_timestamp() + interval '3 minutes', true,
            'round the clock: hand-on restarts the 3 minutes')
  FROM casedesk.hand_on(:e5, 1, '8b000000-0000-4000-8000-000000000041', 3::smallint, NULL, '转人社') r;
COMMIT;
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- On-call staff act only on what is addressed to them or their departments:
-- escalation e3 is department 2's; e6, handed on to department 3, is no
-- longer department 1's.
SET SESSION AUTHORIZATION win;
SELECT casedesk.escalate('8b000000-0000-4000-8000-000000000050', 2, NULL, 1::smallint, '咨询') AS e6 \gset
SET SESSION AUTHORIZATION oncall_a;
SELECT casedesk.hand_on(:e6, 1, '8b000000-0000-4000-8000-000000000051', 3::smallint, NULL, '转人社');
SELECT t.eq(t.refused(format($$SELECT casedesk.acknowledge(%s, 1, '8b000000-0000-4000-8000-000000000052')$$, :e3),
                      '42501', 'on-call of department 1 acknowledges department 2''s escalation'),
            format('escalation %s is not addressed to you or your department', :e3), 'other department: message');
SELECT t.refused(format($$SELECT casedesk.resolve(%s, 1, '8b000000-0000-4000-8000-000000000053', '已答复')$$, :e3),
                 '42501', 'on-call of department 1 resolves department 2''s escalation');
SELECT t.refused(format($$SELECT casedesk.hand_on(%s, 1, '8b000000-0000-4000-8000-000000000054', 1::smallint, NULL, '拿过来')$$, :e3),
                 '42501', 'on-call of department 1 takes department 2''s escalation');
SELECT t.refused(format($$SELECT casedesk.acknowledge(%s, 2, '8b000000-0000-4000-8000-000000000055')$$, :e6),
                 '42501', 'on-call of department 1 acknowledges after handing on');
RESET SESSION AUTHORIZATION;
