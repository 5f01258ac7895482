-- When the sweep last ran, so that it runs once per centre per period, not
-- once per open console: consoles call casedesk.sweep_due(period), which
-- sweeps only when nobody did within the period (the scheduled
-- `casedesk --sweep` counts too). One row; runs counts the sweeps recorded.
SET ROLE casedesk_owner;

-- == tables, types, indexes, data ==
CREATE TABLE casedesk.sweep_clock (
    id       boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_run timestamptz NOT NULL DEFAULT '-infinity',
    runs     bigint NOT NULL DEFAULT 0
);
INSERT INTO casedesk.sweep_clock DEFAULT VALUES;
