-- Enumerations shared by the tables and the functions.
SET ROLE casedesk_owner;

-- How an item type's promised time limit (承诺时限) is counted.
CREATE TYPE casedesk.limit_unit AS ENUM ('working_days', 'working_minutes', 'calendar_hours');

CREATE TYPE casedesk.job AS ENUM ('reviewer', 'supervisor', 'oncall', 'window');

-- waiting: not in the queue yet, a predecessor item is still open;
-- supplement: 补正 requested, clock paused; suspended: 特别程序, clock paused.
CREATE TYPE casedesk.item_status AS ENUM
    ('waiting', 'pending', 'claimed', 'supplement', 'suspended', 'approved', 'rejected');

CREATE TYPE casedesk.channel AS ENUM ('online', 'window');

CREATE TYPE casedesk.urgency AS ENUM ('green', 'yellow', 'red', 'paused', 'done');

GRANT USAGE ON TYPE casedesk.limit_unit, casedesk.job, casedesk.item_status,
    casedesk.channel, casedesk.urgency TO casedesk_staff;
