-- A decided item's alarms close with it.
--
-- The sweep's yellow and red alarms ask a department to act on an item that
-- is running out of time. Once the item is approved or rejected the
-- department has acted: an alarm still open would go on counting down on
-- every on-call screen and, unanswered, be moved up a level about an item
-- that is done. So deciding an item resolves its open alarms, and the
-- 'unanswered' escalations the sweep raised from them, in the same
-- transaction. The decision counts as the acknowledgement (who decided,
-- when), so for the compliance figures the alarm was answered in time if
-- the item was decided before the alarm's respond_by.
--
-- Questions (a window clerk's or a reviewer's) stay open: a decision does
-- not answer a question, and whoever asked may still need the answer.
--
-- A repeatable file: sql/migrate runs every file of sql/repeatable/ again, in
-- name order and after the numbered migrations, whenever one of them changed
-- or a numbered migration was applied. Every statement here must be safe to
-- run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE, GRANT);
-- tables, types, indexes and data belong in numbered migrations.
SET ROLE casedesk_owner;

-- The open escalations of an item that are alarms, or moved up from one:
-- each 'unanswered' escalation is followed back to the escalation that
-- started its chain.
CREATE OR REPLACE FUNCTION casedesk.open_alarms(item bigint) RETURNS SETOF bigint
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    WITH RECURSIVE chain (id, root_kind) AS (
        SELECT e.id, e.kind
          FROM casedesk.escalation e
         WHERE e.item_id = open_alarms.item AND e.escalated_from IS NULL
        UNION ALL
        SELECT e.id, c.root_kind
          FROM chain c
          JOIN casedesk.escalation e ON e.escalated_from = c.id
    )
    SELECT c.id
      FROM chain c
      JOIN casedesk.escalation e ON e.id = c.id
     WHERE c.root_kind IN ('yellow', 'red') AND e.resolved_at IS NULL;
$$;

-- Resolves the open alarms of an item decided (status) by who at when, with
-- an audit row each; returns how many. An alarm moved up after the
-- decision (possible before 090_alarm_close.sql) is closed as of its raising.
CREATE OR REPLACE FUNCTION casedesk.close_item_alarms(item bigint, status casedesk.item_status, who name,
                                           at timestamptz)
RETURNS int
LANGUAGE sql
SET search_path = pg_catalog, pg_temp AS $$
    WITH closed AS (
        UPDATE casedesk.escalation e
           SET acknowledged_by = coalesce(e.acknowledged_by, close_item_alarms.who),
               acknowledged_at = coalesce(e.acknowledged_at, greatest(close_item_alarms.at, e.raised_at)),
               resolved_by = close_item_alarms.who,
               resolved_at = greatest(close_item_alarms.at, e.raised_at),
               resolution = CASE close_item_alarms.status WHEN 'approved' THEN '事项已办结（准予许可），督办自动关闭'
                                        ELSE '事项已办结（不予许可），督办自动关闭' END,
               version = e.version + 1,
               change_seq = nextval('casedesk.change_seq')
         WHERE e.id IN (SELECT casedesk.open_alarms(close_item_alarms.item))
        RETURNING e.*
    ), audited AS (
        INSERT INTO casedesk.audit (actor, action, item_id, case_id, escalation_id, after)
        SELECT session_user, 'alarm_closed', c.item_id, c.case_id, c.id, to_jsonb(c)
          FROM closed c
    )
    SELECT count(*)::int FROM closed;
$$;

CREATE OR REPLACE FUNCTION casedesk.close_alarms() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM casedesk.close_item_alarms(NEW.id, NEW.status, NEW.decided_by, NEW.decided_at);
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER case_item_close_alarms AFTER UPDATE OF status ON casedesk.case_item
    FOR EACH ROW
    WHEN (NEW.status IN ('approved', 'rejected') AND OLD.status NOT IN ('approved', 'rejected'))
    EXECUTE FUNCTION casedesk.close_alarms();
