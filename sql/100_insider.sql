-- Rules an insider with a login and psql could get round through the public
-- functions, closed at their cause.
--
--   * Audit rows follow what the reader may see (the escalation, else the
--     item, else the case), never who the actor was; the sweep writes as the
--     system (casedesk_owner, as it already raises its escalations).
--   * Reviewers escalate about items of their departments only; a whole case
--     is a window clerk's (or a supervisor's) question.
--   * case_overview applies each job's own rule.
--   * Approvals of two predecessors at once cannot leave their successor
--     waiting: releasing successors serialises on the case row.
--   * A changed applicant name is audited (before/after).
--   * Times of record are clock_timestamp() at the action, not the start of
--     the caller's transaction; no stored time depends on the caller's
--     session settings (the definer functions pin them).
--   * The sweep takes no lock a user can take or hold: its work rows are
--     locked with SKIP LOCKED; actions wait at most lock_timeout for a row.
--   * Names and reasons refuse BIDI controls, zero-width and other invisible
--     characters, line separators and tag characters; names refuse line
--     breaks and must contain something visible. Materials are bounded.
--   * A request id reused with another payload is refused (CD004).
--   * Credit codes must have a possible registration authority, category and
--     region, not only a correct check character.
--   * A window clerk resumes only a supplement (补正); deactivated staff run
--     no sweep.
--
-- The functions, the policy and the grants that do it are in sql/repeatable/
-- (30_item_actions, 35_escalations, 40_security, 50_views, 60_sla_watch);
-- every SECURITY DEFINER function there pins the session settings.
SET ROLE casedesk_owner;

-- == tables, types, indexes, data ==

-- What a request asked for, so that a reused request id with other data is
-- told apart from a resend. NULL for requests recorded before.
ALTER TABLE casedesk.request ADD COLUMN payload jsonb;

-- Times of record: the instant of the action, whatever transaction it ran in.
ALTER TABLE casedesk.audit ALTER COLUMN at SET DEFAULT clock_timestamp();
ALTER TABLE casedesk.decision ALTER COLUMN decided_at SET DEFAULT clock_timestamp();
ALTER TABLE casedesk.annotation ALTER COLUMN created_at SET DEFAULT clock_timestamp();
ALTER TABLE casedesk.request ALTER COLUMN at SET DEFAULT clock_timestamp();
ALTER TABLE casedesk.case_item ALTER COLUMN updated_at SET DEFAULT clock_timestamp();

-- A session left idle inside a transaction holds its row locks (and blocks
-- the notification queue) for everyone; end it. Per database, since a
-- setting of a job role does not reach its member logins. A login may still
-- SET it for itself: nothing depends on it for correctness (the sweep skips
-- locked rows, actions wait at most their lock_timeout).
RESET ROLE;
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L',
                   current_database(), '60s');
END
$$;
SET ROLE casedesk_owner;

-- The functions the repeatable files replace with new signatures (an extra
-- payload, the instant of the action); the old ones would stay callable.
DROP FUNCTION IF EXISTS casedesk.commit_item(casedesk.case_item, casedesk.case_item, uuid, text, int);
DROP FUNCTION IF EXISTS casedesk.commit_escalation(casedesk.escalation, casedesk.escalation, uuid, text, int);
DROP FUNCTION IF EXISTS casedesk.record(uuid, text, bigint, jsonb, bigint, bigint, bigint, int, jsonb, jsonb, bigint, text);
DROP FUNCTION IF EXISTS casedesk.replayed(uuid, text, bigint);
DROP FUNCTION IF EXISTS casedesk.release_successors(casedesk.case_item);
DROP FUNCTION IF EXISTS casedesk.insert_escalation(bigint, bigint, smallint, name, text, text, smallint, text, name);
