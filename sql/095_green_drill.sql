-- The drill-down behind the green figure, once the sweep has been running.
--
-- The sweep marks every overdue item red, so in a running centre the items
-- at the front of the due order are red and the green ones start far
-- behind them: the green drill-down read the open-items index past every
-- red item (hundreds of thousands at a large centre) to list its first
-- page. Green items get their own index, by department like the alarmed
-- ones, and the green list for all departments is merged from the first
-- page of each, as yellow and red are.
SET ROLE casedesk_owner;

CREATE INDEX case_item_green ON casedesk.case_item (department_id, due_at, id)
    WHERE alarm_level = 0 AND status IN ('pending', 'claimed');

-- figure_items of 070_supervision.sql keeps every other list; it is renamed
-- and called for them.
ALTER FUNCTION casedesk.figure_items(smallint, text, int, int) RENAME TO figure_items_kept;
REVOKE EXECUTE ON FUNCTION casedesk.figure_items_kept(smallint, text, int, int) FROM casedesk_supervisor;

CREATE FUNCTION casedesk.figure_items(department_id smallint, figure text, lim int,
                                      matter_type_id int DEFAULT NULL)
RETURNS SETOF bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF figure IS DISTINCT FROM 'green' OR $1 IS NOT NULL OR lim IS NULL OR lim < 1 THEN
        RETURN QUERY SELECT * FROM casedesk.figure_items_kept($1, figure, lim, $4);
        RETURN;
    END IF;
    PERFORM casedesk.require_supervisor();
    RETURN QUERY
    SELECT x.id
      FROM casedesk.department d
     CROSS JOIN LATERAL (
           SELECT ci.id, ci.due_at
             FROM casedesk.case_item ci
            WHERE ci.department_id = d.id AND ci.alarm_level = 0
              AND ci.status IN ('pending', 'claimed')
              AND ($4 IS NULL OR EXISTS (SELECT FROM casedesk.case_file cf
                                          WHERE cf.id = ci.case_id AND cf.matter_type_id = $4))
            ORDER BY ci.due_at, ci.id
            LIMIT lim) x
     ORDER BY x.due_at, x.id
     LIMIT lim;
END
$$;
GRANT EXECUTE ON FUNCTION casedesk.figure_items(smallint, text, int, int) TO casedesk_supervisor;
