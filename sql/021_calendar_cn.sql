-- China's statutory holidays (法定节假日) and make-up working days (调休上班)
-- for 2025 and 2026, as published each year by the General Office of the
-- State Council. The rows were generated from the npm package chinese-days
-- 1.5.7, file dist/chinese-days.json ("holidays" and "workdays" maps), and
-- checked against the published notices.
--
-- Every day off of a holiday period is listed, weekend days included, so the
-- table reads like the notice; the weekend rows change nothing. 'workday'
-- rows are the Saturdays and Sundays worked in exchange.
--
-- To add a year, once the State Council publishes it (usually in November),
-- write a new migration (sql/NNN_calendar_cn_YYYY.sql) with one statement
-- (the dates below only show the shape):
--
--   SET ROLE casedesk_owner;
--   INSERT INTO casedesk.calendar_day (day, kind, name) VALUES
--       ('2027-01-01', 'holiday', '元旦'),
--       ...
--       ('2027-02-20', 'workday', '春节调休上班');
SET ROLE casedesk_owner;

-- 2025
INSERT INTO casedesk.calendar_day (day, kind, name) VALUES
    ('2025-01-01', 'holiday', '元旦'),            -- Wed
    ('2025-01-26', 'workday', '春节调休上班'),    -- Sun
    ('2025-01-28', 'holiday', '春节'),            -- Tue
    ('2025-01-29', 'holiday', '春节'),            -- Wed
    ('2025-01-30', 'holiday', '春节'),            -- Thu
    ('2025-01-31', 'holiday', '春节'),            -- Fri
    ('2025-02-01', 'holiday', '春节'),            -- Sat
    ('2025-02-02', 'holiday', '春节'),            -- Sun
    ('2025-02-03', 'holiday', '春节'),            -- Mon
    ('2025-02-04', 'holiday', '春节'),            -- Tue
    ('2025-02-08', 'workday', '春节调休上班'),    -- Sat
    ('2025-04-04', 'holiday', '清明'),            -- Fri
    ('2025-04-05', 'holiday', '清明'),            -- Sat
    ('2025-04-06', 'holiday', '清明'),            -- Sun
    ('2025-04-27', 'workday', '劳动节调休上班'),  -- Sun
    ('2025-05-01', 'holiday', '劳动节'),          -- Thu
    ('2025-05-02', 'holiday', '劳动节'),          -- Fri
    ('2025-05-03', 'holiday', '劳动节'),          -- Sat
    ('2025-05-04', 'holiday', '劳动节'),          -- Sun
    ('2025-05-05', 'holiday', '劳动节'),          -- Mon
    ('2025-05-31', 'holiday', '端午'),            -- Sat
    ('2025-06-01', 'holiday', '端午'),            -- Sun
    ('2025-06-02', 'holiday', '端午'),            -- Mon
    ('2025-09-28', 'workday', '国庆节调休上班'),  -- Sun
    ('2025-10-01', 'holiday', '国庆节'),          -- Wed
    ('2025-10-02', 'holiday', '国庆节'),          -- Thu
    ('2025-10-03', 'holiday', '国庆节'),          -- Fri
    ('2025-10-04', 'holiday', '国庆节'),          -- Sat
    ('2025-10-05', 'holiday', '国庆节'),          -- Sun
    ('2025-10-06', 'holiday', '中秋'),            -- Mon
    ('2025-10-07', 'holiday', '国庆节'),          -- Tue
    ('2025-10-08', 'holiday', '国庆节'),          -- Wed
    ('2025-10-11', 'workday', '国庆节调休上班');  -- Sat

-- 2026
INSERT INTO casedesk.calendar_day (day, kind, name) VALUES
    ('2026-01-01', 'holiday', '元旦'),            -- Thu
    ('2026-01-02', 'holiday', '元旦'),            -- Fri
    ('2026-01-03', 'holiday', '元旦'),            -- Sat
    ('2026-01-04', 'workday', '元旦调休上班'),    -- Sun
    ('2026-02-14', 'workday', '春节调休上班'),    -- Sat
    ('2026-02-15', 'holiday', '春节'),            -- Sun
    ('2026-02-16', 'holiday', '春节'),            -- Mon
    ('2026-02-17', 'holiday', '春节'),            -- Tue
    ('2026-02-18', 'holiday', '春节'),            -- Wed
    ('2026-02-19', 'holiday', '春节'),            -- Thu
    ('2026-02-20', 'holiday', '春节'),            -- Fri
    ('2026-02-21', 'holiday', '春节'),            -- Sat
    ('2026-02-22', 'holiday', '春节'),            -- Sun
    ('2026-02-23', 'holiday', '春节'),            -- Mon
    ('2026-02-28', 'workday', '春节调休上班'),    -- Sat
    ('2026-04-04', 'holiday', '清明'),            -- Sat
    ('2026-04-05', 'holiday', '清明'),            -- Sun
    ('2026-04-06', 'holiday', '清明'),            -- Mon
    ('2026-05-01', 'holiday', '劳动节'),          -- Fri
    ('2026-05-02', 'holiday', '劳动节'),          -- Sat
    ('2026-05-03', 'holiday', '劳动节'),          -- Sun
    ('2026-05-04', 'holiday', '劳动节'),          -- Mon
    ('2026-05-05', 'holiday', '劳动节'),          -- Tue
    ('2026-05-09', 'workday', '劳动节调休上班'),  -- Sat
    ('2026-06-19', 'holiday', '端午'),            -- Fri
    ('2026-06-20', 'holiday', '端午'),            -- Sat
    ('2026-06-21', 'holiday', '端午'),            -- Sun
    ('2026-09-20', 'workday', '国庆节调休上班'),  -- Sun
    ('2026-09-25', 'holiday', '中秋'),            -- Fri
    ('2026-09-26', 'holiday', '中秋'),            -- Sat
    ('2026-09-27', 'holiday', '中秋'),            -- Sun
    ('2026-10-01', 'holiday', '国庆节'),          -- Thu
    ('2026-10-02', 'holiday', '国庆节'),          -- Fri
    ('2026-10-03', 'holiday', '国庆节'),          -- Sat
    ('2026-10-04', 'holiday', '国庆节'),          -- Sun
    ('2026-10-05', 'holiday', '国庆节'),          -- Mon
    ('2026-10-06', 'holiday', '国庆节'),          -- Tue
    ('2026-10-07', 'holiday', '国庆节'),          -- Wed
    ('2026-10-10', 'workday', '国庆节调休上班');  -- Sat
