-- The time limit an item was received under: its item type's limit, unit and
-- yellow fraction when the case was filed. A knowledge-base change applies to
-- cases filed after it; an item filed before keeps its limit also when it
-- waits for a predecessor and enters the queue later, and when it is paused
-- and resumed. file_case (sql/repeatable/30_item_actions.sql) fills them in,
-- and a trigger does for an item inserted any other way.
SET ROLE casedesk_owner;

-- == tables, types, indexes, data ==
ALTER TABLE casedesk.case_item
    ADD COLUMN limit_value int CHECK (limit_value > 0),
    ADD COLUMN limit_unit casedesk.limit_unit,
    ADD COLUMN yellow_fraction numeric CHECK (yellow_fraction > 0 AND yellow_fraction < 1);

-- Items filed before took the limits of their types then; the knowledge base
-- could not change them until `casedesk admin kb apply` (110_admin), so
-- today's are the best record there is.
UPDATE casedesk.case_item ci
   SET limit_value = it.limit_value, limit_unit = it.limit_unit,
       yellow_fraction = it.yellow_fraction
  FROM casedesk.item_type it
 WHERE it.id = ci.item_type_id;

ALTER TABLE casedesk.case_item
    ALTER COLUMN limit_value SET NOT NULL,
    ALTER COLUMN limit_unit SET NOT NULL,
    ALTER COLUMN yellow_fraction SET NOT NULL;
