-- What is stored does not depend on how the caller ran the action: a
-- decision made in a transaction begun earlier is recorded at the instant it
-- was made; a resume in a session with another time zone moves the due time
-- by exactly the pause; an applicant's new name is an audited event.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-------------------------------------------------------------------------------
-- Times of record: the approval in a transaction that began 1.5 s earlier is
-- recorded when it ran (item, decision, audit), not when the transaction
-- began.
SELECT t.play(1, 'rev_a', 'claim');
BEGIN;
SELECT now() AS began \gset
SELECT pg_sleep(1.5);
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.approve(1, 2, '92000000-0000-4000-8000-000000000001');
RESET SESSION AUTHORIZATION;
COMMIT;
SELECT t.eq(decided_at >= :'began'::timestamptz + interval '1.5 s', true, 'decided_at: when it ran'),
       t.eq(updated_at = decided_at, true, 'updated_at: the same instant')
  FROM casedesk.case_item WHERE id = 1;
SELECT t.eq(d.decided_at = ci.decided_at, true, 'the decision row: the same instant')
  FROM casedesk.decision d JOIN casedesk.case_item ci ON ci.id = d.item_id WHERE d.item_id = 1;
SELECT t.eq(a.at = ci.decided_at, true, 'the audit row: the same instant')
  FROM casedesk.audit a JOIN casedesk.case_item ci ON ci.id = a.item_id
 WHERE a.item_id = 1 AND a.action = 'approve';
-- The alarms it closed carry the decision's time too.

-------------------------------------------------------------------------------
-- A calendar-hour item paused across a change of daylight saving time in the
-- caller's zone (New York) moves its due time by exactly the pause.
INSERT INTO casedesk.item_type VALUES (4, 'T4', '临时占道许可', 'road occupation', 1, 48, 'calendar_hours', 0.75);
INSERT INTO casedesk.matter_type VALUES (4, 'M4', '占道一件事', 'road occupation', 1);
INSERT INTO casedesk.matter_item VALUES (4, 4);
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('92000000-0000-4000-8000-000000000010', 'M4', '91110000600037341L',
                          '北京某置业有限公司', '', 'window') AS c4 \gset
RESET SESSION AUTHORIZATION;
SELECT id AS hi FROM casedesk.case_item WHERE case_id = :c4 \gset
SELECT t.play(:hi, 'rev_a', 'claim', 'suspend');
-- Paused on a day whose New York offset differs from today's.
CREATE FUNCTION t.ny_offset(ts timestamptz) RETURNS interval
LANGUAGE sql AS $$ SELECT (ts AT TIME ZONE 'America/New_York') - (ts AT TIME ZONE 'UTC') $$;
SELECT min(d) AS back FROM generate_series(30, 360, 30) d
 WHERE t.ny_offset(now() - d * interval '1 day') <> t.ny_offset(now()) \gset
UPDATE casedesk.case_item
   SET paused_at = now() - :back * interval '1 day',
       due_at = now() - :back * interval '1 day' + interval '40 hours',
       yellow_at = now() - :back * interval '1 day' + interval '30 hours'
 WHERE id = :hi;
SELECT due_at AS due0, yellow_at AS yellow0, paused_at AS paused0, version AS vh
  FROM casedesk.case_item WHERE id = :hi \gset
SET TimeZone = 'America/New_York';
SET IntervalStyle = 'sql_standard';
SET DateStyle = 'SQL, DMY';
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.resume(:hi, :vh, '92000000-0000-4000-8000-000000000011');
RESET SESSION AUTHORIZATION;
RESET TimeZone;
RESET IntervalStyle;
RESET DateStyle;
SELECT t.eq(extract(epoch FROM due_at - :'due0'::timestamptz),
            extract(epoch FROM updated_at - :'paused0'::timestamptz),
            'due moved by the pause, to the second'),
       t.eq(extract(epoch FROM yellow_at - :'yellow0'::timestamptz),
            extract(epoch FROM updated_at - :'paused0'::timestamptz),
            'yellow moved by the pause, to the second')
  FROM casedesk.case_item WHERE id = :hi;

-------------------------------------------------------------------------------
-- A known credit code filed under a new name: the applicant is renamed and
-- the old name is in the audit, with the case that brought the change.
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('92000000-0000-4000-8000-000000000020', 'M1', '91350100M000100Y43',
                          '福建某建设集团有限公司', '滨江花园三期', 'window') AS c5 \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(name, '福建某建设集团有限公司', 'renamed') FROM casedesk.applicant WHERE credit_code = '91350100M000100Y43';
SELECT t.eq(count(*), 1::bigint, 'one rename row'),
       t.eq(min(before ->> 'name'), '福建某建设有限公司', 'the old name'),
       t.eq(min(after ->> 'name'), '福建某建设集团有限公司', 'the new name'),
       t.eq(min(case_id), :c5::bigint, 'with the case that brought it'),
       t.eq(min(actor::text), 'win', 'by the clerk who filed it')
  FROM casedesk.audit WHERE action = 'rename_applicant';
-- The same name again changes nothing and audits no rename.
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('92000000-0000-4000-8000-000000000021', 'M1', '91350100M000100Y43',
                          '福建某建设集团有限公司', '滨江花园四期', 'window');
SET SESSION AUTHORIZATION sup;
SELECT t.eq((SELECT count(*) FROM casedesk.audit WHERE action = 'rename_applicant'), 1::bigint,
            'no rename without a new name');
RESET SESSION AUTHORIZATION;

-- A session left idle inside a transaction (holding row locks, or the sweep's
-- rows) is ended after 60 s for every login: the schema sets it on the
-- database it was migrated in. (Test databases are copies of that one, and a
-- copy does not inherit database settings, so the original is looked at.)
SELECT t.eq((SELECT count(*) FROM pg_catalog.pg_db_role_setting s
               JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase
              WHERE d.datname = 'casedesk' AND s.setrole = 0
                AND 'idle_in_transaction_session_timeout=60s' = ANY (s.setconfig)),
            1::bigint, 'idle transactions end after 60 s');
