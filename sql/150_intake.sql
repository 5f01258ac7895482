-- Filing at the window with materials missing (容缺受理): every item of the
-- matter is filed; an item whose required materials were not all received
-- keeps the names of the missing ones as they were named at filing, so its
-- reviewer sees what is missing and may ask for it (request_supplement).
-- And finding a case by its number (查询): a prefix of the case number is
-- looked up in an index that compares bytes, whatever the database's
-- collation.
SET ROLE casedesk_owner;

-- == tables, types, indexes, data ==
ALTER TABLE casedesk.case_item
    ADD COLUMN missing_materials text[] NOT NULL DEFAULT '{}';

CREATE INDEX case_file_case_no_prefix ON casedesk.case_file (case_no text_pattern_ops);
