-- An item keeps the time limit it was received under. A knowledge-base
-- change (kb apply updates casedesk.item_type) applies to cases filed after
-- it; an item filed before it keeps its limit, unit and yellow fraction, also
-- one that waits for a predecessor and enters the queue later, one that is
-- paused and resumed, and one that turns yellow.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-- The knowledge base as kb apply leaves it after changing an item type.
CREATE FUNCTION t.kb_changes(item int, lim int, unit casedesk.limit_unit, yellow numeric)
RETURNS void
LANGUAGE sql AS $$
    UPDATE casedesk.item_type SET limit_value = lim, limit_unit = unit, yellow_fraction = yellow
     WHERE id = item;
$$;

-------------------------------------------------------------------------------
-- Each item carries the limit of its type at filing.
SELECT t.eq(count(*), 4::bigint, 'the fixture has four items'),
       t.eq(count(*) FILTER (WHERE (ci.limit_value, ci.limit_unit, ci.yellow_fraction)
                                   = (it.limit_value, it.limit_unit, it.yellow_fraction)),
            4::bigint, 'filed items carry their type''s limit')
  FROM casedesk.case_item ci JOIN casedesk.item_type it ON it.id = ci.item_type_id;

-------------------------------------------------------------------------------
-- A waiting item: case 2's item 4 (T3, 30 working minutes, yellow at 75%)
-- waits for item 3 (T1). T3 becomes 2 working days, yellow at half, while
-- it waits.
SELECT t.kb_changes(3, 2, 'working_days', 0.5);
SELECT t.eq(status, 'waiting', 'item 4 waits'),
       t.eq(limit_value, 30, 'item 4 keeps 30'),
       t.eq(limit_unit, 'working_minutes', 'item 4 keeps working minutes'),
       t.eq(yellow_fraction, 0.75, 'item 4 keeps 75%')
  FROM casedesk.case_item WHERE id = 4;

-- The matter is projected with the limit the waiting item was received under:
-- 30 working minutes after item 3's due time.
SELECT t.eq((SELECT projected_due FROM casedesk.case_projection(2)),
            casedesk.sla_due((SELECT due_at FROM casedesk.case_item WHERE id = 3), 30, 'working_minutes'),
            'projection: the waiting item''s own limit');

-- Item 3 is approved: item 4 enters the queue under its own limit.
SELECT t.play(3, 'rev_a', 'claim', 'approve');
SELECT t.eq(status, 'pending', 'item 4 entered the queue'),
       t.eq(due_at, casedesk.sla_due(entered_at, 30, 'working_minutes'),
            'entered: due after the original 30 working minutes'),
       t.eq(original_due_at, due_at, 'entered: original due'),
       t.eq(yellow_at, casedesk.sla_yellow_at(entered_at, due_at, 0.75, 'working_minutes'),
            'entered: yellow at the original 75%'),
       t.eq(due_at < casedesk.sla_due(entered_at, 2, 'working_days'), true,
            'entered: not the new two days')
  FROM casedesk.case_item WHERE id = 4;
SELECT t.eq(limit_unit, 'working_minutes', 'the queue shows the item''s own unit')
  FROM casedesk.queue_row WHERE id = 4;

-- A case filed now gets the new limit.
SELECT t.act('win', $$SELECT casedesk.file_case(gen_random_uuid(), 'M2', '91110000600037341L',
                                                '北京某置业有限公司', '科技园三号楼', 'window')$$)
    AS case3 \gset
SELECT t.eq(limit_value, 2, 'a new case: the new limit'),
       t.eq(limit_unit, 'working_days', 'a new case: the new unit'),
       t.eq(yellow_fraction, 0.5, 'a new case: the new yellow fraction')
  FROM casedesk.case_item WHERE case_id = :case3 AND item_type_id = 3;

-- The yellow alarm names the fraction the item's yellow time was set with.
UPDATE casedesk.case_item SET yellow_at = now() - interval '1 minute', due_at = now() + interval '1 day'
 WHERE id = 4;
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(casedesk.sweep(), 1, 'sweep: item 4 turned yellow');
RESET SESSION AUTHORIZATION;
SELECT t.eq(note ~ '^黄牌：竣工验收备案（办件 [0-9]{8}-[0-9]{6}）已用去办理时限的 75%，', true,
            'sweep: the item''s own 75%, not the new 50%')
  FROM casedesk.escalation WHERE item_id = 4 AND kind = 'yellow';

-------------------------------------------------------------------------------
-- A paused item: item 1 (T1, 5 working days) is in 补正 when T1 becomes a
-- 48-hour item. It resumes by business time, as it was received: paused Fri
-- 2025-10-17 20:00 to Sat 10-18 08:30 is no business time, so due and yellow
-- stay (in calendar hours they would move 12.5 hours).
SELECT t.kb_changes(1, 48, 'calendar_hours', 0.75);
UPDATE casedesk.case_item
   SET status = 'supplement', paused_at = '2025-10-17 20:00+08',
       due_at = '2025-10-20 17:00+08', yellow_at = '2025-10-17 11:00+08'
 WHERE id = 1;
SELECT t.eq(r.due_at, '2025-10-20 17:00+08'::timestamptz, 'resume_clock: due stays'),
       t.eq(r.yellow_at, '2025-10-17 11:00+08'::timestamptz, 'resume_clock: yellow stays'),
       t.eq(r.paused_minutes, 0, 'resume_clock: no business minutes')
  FROM casedesk.resume_clock((SELECT x FROM casedesk.case_item x WHERE x.id = 1),
                             '2025-10-18 08:30+08') r;

-- The same through the action at now(): every day from 2025-10-17 to today is
-- made a holiday, so the pause cost no business time whatever day the test
-- runs, and the due time stays; in calendar hours it would have moved by the
-- months since.
INSERT INTO casedesk.calendar_day (day, kind, name)
SELECT g.d, 'holiday', 'test: no business time since the faked pause'
  FROM generate_series('2025-10-17'::date, (now() AT TIME ZONE 'Asia/Shanghai')::date, '1 day') g(d)
ON CONFLICT (day) DO UPDATE SET kind = 'holiday', name = EXCLUDED.name;
UPDATE casedesk.case_item SET status = 'pending', paused_at = NULL WHERE id = 1;
SELECT t.play(1, 'rev_a', 'claim', 'supplement');
UPDATE casedesk.case_item SET paused_at = '2025-10-17 20:00+08' WHERE id = 1;
SELECT t.play(1, 'win', 'resume');
SELECT t.eq(status, 'claimed', 'resume: claimed again'),
       t.eq(due_at, '2025-10-20 17:00+08'::timestamptz, 'resume: due by business time, as received'),
       t.eq(yellow_at, '2025-10-17 11:00+08'::timestamptz, 'resume: yellow by business time'),
       t.eq(limit_unit, 'working_days', 'resume: the item keeps its unit')
  FROM casedesk.case_item WHERE id = 1;

-------------------------------------------------------------------------------
-- Items filed past the action functions (imports, repairs) take their type's
-- limit too: the columns are never empty.
INSERT INTO casedesk.case_item (case_id, item_type_id, department_id, status, change_seq)
VALUES (:case3, 2, 2, 'waiting', 0);
SELECT t.eq(limit_value, 3, 'inserted: the type''s limit'),
       t.eq(limit_unit, 'working_days', 'inserted: the type''s unit'),
       t.eq(yellow_fraction, 0.75, 'inserted: the type''s yellow fraction')
  FROM casedesk.case_item WHERE case_id = :case3 AND item_type_id = 2;
