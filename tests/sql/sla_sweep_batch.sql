-- The sweep in batches: at most setting.sweep_batch of each kind per run,
-- most overdue first, the rest in the runs after; nothing raised twice and
-- nothing left behind.
\set QUIET on
\o /dev/null

-- Three more cases: with the fixture's, eight items in the queue.
SELECT t.act('win', format('SELECT casedesk.file_case(gen_random_uuid(), ''M1'', ''91350100M000100Y43'', ''福建某建设有限公司'', ''批次%s'', ''window'')', g))
  FROM generate_series(1, 3) g;
-- Seven items overdue, one minute apart (item 1 the most overdue); one
-- waiting item has no clock.
WITH o AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM casedesk.case_item
            WHERE status IN ('pending', 'claimed'))
UPDATE casedesk.case_item ci
   SET due_at = now() - (100 - o.n) * interval '1 minute',
       yellow_at = now() - (200 - o.n) * interval '1 minute'
  FROM o WHERE o.id = ci.id;
SELECT count(*) AS overdue FROM casedesk.case_item WHERE due_at <= now() AND status IN ('pending', 'claimed') \gset
SELECT t.eq(:overdue::bigint >= 7, true, 'at least seven overdue items');

UPDATE casedesk.setting SET sweep_batch = 3;

-- First run: the three most overdue get their red alarm.
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '3', 'first run: a batch of three');
SELECT t.eq(array_agg(e.item_id ORDER BY e.item_id),
            (SELECT array_agg(id) FROM (SELECT id FROM casedesk.case_item
                                         WHERE status IN ('pending', 'claimed')
                                         ORDER BY due_at LIMIT 3) x),
            'the three most overdue first')
  FROM casedesk.escalation e WHERE e.kind = 'red';
SELECT t.eq(count(*), 0::bigint, 'no yellow alarm for an overdue item left for later')
  FROM casedesk.escalation WHERE kind = 'yellow';

-- The runs after take the rest, three at a time, then find nothing.
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '3', 'second run: three more');
SELECT t.act('rev_a', 'SELECT casedesk.sweep()') AS third \gset
SELECT t.eq(:third::int, :overdue - 6, 'third run: the rest');
SELECT t.eq(count(*), :overdue::bigint, 'one red alarm per overdue item, none twice'),
       t.eq(count(DISTINCT item_id), :overdue::bigint, 'each item once')
  FROM casedesk.escalation WHERE kind = 'red';

-- Their limits pass unanswered: marked and moved up three at a time too,
-- the longest overdue first.
UPDATE casedesk.escalation
   SET respond_by = now() - (100 - item_id) * interval '1 second' WHERE kind = 'red';
SELECT t.eq(t.act('rev_a', 'SELECT casedesk.sweep()'), '3', 'unanswered: a batch of three moved up');
SELECT t.eq(count(*), 3::bigint, 'three marked lapsed') FROM casedesk.escalation WHERE lapsed_at IS NOT NULL;
SELECT t.eq(array_agg(item_id ORDER BY item_id),
            (SELECT array_agg(item_id ORDER BY item_id)
               FROM (SELECT item_id FROM casedesk.escalation WHERE kind = 'red'
                      ORDER BY respond_by LIMIT 3) x),
            'the longest unanswered first')
  FROM casedesk.escalation WHERE escalated_at IS NOT NULL;
-- The figures count every lapse, marked or not yet.
SET SESSION AUTHORIZATION sup;
SELECT sum(esc_total) AS missed FROM casedesk.supervisor_figures() \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(:missed::bigint, :overdue::bigint, 'figures: every lapsed alarm missed, marked or not');
DO $$ BEGIN
    PERFORM t.act('rev_a', 'SELECT casedesk.sweep()') FROM generate_series(1, 5);
END $$;
SELECT t.eq(count(*) FILTER (WHERE lapsed_at IS NOT NULL), count(*), 'in the end every one is marked'),
       t.eq(count(*) FILTER (WHERE escalated_at IS NOT NULL), count(*), 'and moved up once')
  FROM casedesk.escalation WHERE kind = 'red';
SELECT t.eq(count(*), :overdue::bigint, 'one moved-up escalation each')
  FROM casedesk.escalation WHERE kind = 'unanswered';
