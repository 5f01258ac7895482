-- The domain: departments, staff, the guidance knowledge base, matters and
-- their items, cases, decisions, annotations, escalations, the audit trail.
--
-- Job roles get SELECT only (see 040_security.sql, which also turns on
-- row-level security); every write goes through the functions of
-- 030_actions.sql.
SET ROLE casedesk_owner;

-- Every write takes a number from this sequence and stores it on the rows it
-- touched; clients follow changes with "change_seq > last seen".
CREATE SEQUENCE casedesk.change_seq;

-- Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
-- from a 31-letter alphabet (no I, O, S, V, Z); the last is a check character
-- over the first 17 with weights 3^i mod 31.
CREATE FUNCTION casedesk.credit_code_check_char(first17 text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    weights constant int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    total int := 0;
    v int;
BEGIN
    IF length(first17) <> 17 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1..17 LOOP
        v := strpos(alphabet, substr(first17, i, 1)) - 1;
        IF v < 0 THEN
            RETURN NULL;
        END IF;
        total := total + v * weights[i];
    END LOOP;
    RETURN substr(alphabet, (31 - total % 31) % 31 + 1, 1);
END
$$;

CREATE FUNCTION casedesk.credit_code_valid(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'
       AND right(code, 1) = casedesk.credit_code_check_char(left(code, 17));
$$;

-- Text a person typed: no control characters but newline and tab (an escape
-- sequence in a note must never reach another reviewer's terminal).
CREATE FUNCTION casedesk.clean_text(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $$
    SELECT t !~ '[\x01-\x08\x0b-\x1f\x7f-\x9f]';
$$;

CREATE TABLE casedesk.department (
    id      smallint PRIMARY KEY,
    code    text NOT NULL UNIQUE,
    name    text NOT NULL,          -- 住房和城乡建设局
    name_en text NOT NULL           -- housing and construction
);

CREATE TABLE casedesk.staff (
    login        name PRIMARY KEY,  -- the PostgreSQL login role (session_user)
    display_name text NOT NULL CHECK (display_name <> ''),
    job          casedesk.job NOT NULL,
    active       boolean NOT NULL DEFAULT true
);

CREATE TABLE casedesk.staff_department (
    login         name NOT NULL REFERENCES casedesk.staff ON UPDATE CASCADE,
    department_id smallint NOT NULL REFERENCES casedesk.department,
    PRIMARY KEY (login, department_id)
);
CREATE INDEX ON casedesk.staff_department (department_id);

-- 一类事: matters of one industry chain.
CREATE TABLE casedesk.category (
    id      smallint PRIMARY KEY,
    code    text NOT NULL UNIQUE,
    name    text NOT NULL,
    name_en text NOT NULL
);

-- 事项: a single service item one department reviews.
CREATE TABLE casedesk.item_type (
    id              int PRIMARY KEY,
    code            text NOT NULL UNIQUE,
    name            text NOT NULL,
    name_en         text NOT NULL,
    department_id   smallint NOT NULL REFERENCES casedesk.department,
    limit_value     int NOT NULL CHECK (limit_value > 0),
    limit_unit      casedesk.limit_unit NOT NULL,
    yellow_fraction numeric NOT NULL DEFAULT 0.75 CHECK (yellow_fraction > 0 AND yellow_fraction < 1)
);
CREATE INDEX ON casedesk.item_type (department_id);

-- The guidance knowledge base (联合辅导知识库): what an item needs, and the
-- reasons it is commonly rejected for.
CREATE TABLE casedesk.required_material (
    item_type_id int NOT NULL REFERENCES casedesk.item_type,
    ord          smallint NOT NULL,
    name         text NOT NULL,
    PRIMARY KEY (item_type_id, ord)
);

CREATE TABLE casedesk.rejection_reason (
    item_type_id int NOT NULL REFERENCES casedesk.item_type,
    ord          smallint NOT NULL,
    reason       text NOT NULL,
    PRIMARY KEY (item_type_id, ord)
);

-- 一件事: one matter an applicant files once, a bundle of items.
CREATE TABLE casedesk.matter_type (
    id          int PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    name_en     text NOT NULL,
    category_id smallint NOT NULL REFERENCES casedesk.category
);

CREATE TABLE casedesk.matter_item (
    matter_type_id int NOT NULL REFERENCES casedesk.matter_type,
    item_type_id   int NOT NULL REFERENCES casedesk.item_type,
    PRIMARY KEY (matter_type_id, item_type_id)
);

-- An item of a matter that waits for another item of the same matter (the
-- customised approval flow chart); items with no row here run in parallel.
CREATE TABLE casedesk.matter_dependency (
    matter_type_id int NOT NULL,
    item_type_id   int NOT NULL,
    after_item_id  int NOT NULL,
    PRIMARY KEY (matter_type_id, item_type_id, after_item_id),
    FOREIGN KEY (matter_type_id, item_type_id) REFERENCES casedesk.matter_item,
    FOREIGN KEY (matter_type_id, after_item_id) REFERENCES casedesk.matter_item,
    CHECK (item_type_id <> after_item_id)
);

CREATE TABLE casedesk.applicant (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    credit_code text NOT NULL UNIQUE CHECK (casedesk.credit_code_valid(credit_code)),
    name        text NOT NULL CHECK (name <> '' AND casedesk.clean_text(name))
);

-- 办件: one filing of a matter by an applicant.
CREATE TABLE casedesk.case_file (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_no        text NOT NULL UNIQUE,
    matter_type_id int NOT NULL REFERENCES casedesk.matter_type,
    applicant_id   bigint NOT NULL REFERENCES casedesk.applicant,
    project_name   text NOT NULL CHECK (casedesk.clean_text(project_name)),
    tracking_code  text NOT NULL UNIQUE,   -- printed as the case's QR code
    channel        casedesk.channel NOT NULL,
    received_at    timestamptz NOT NULL,
    received_by    name,
    change_seq     bigint NOT NULL
);
CREATE INDEX ON casedesk.case_file (applicant_id);

CREATE TABLE casedesk.case_item (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES casedesk.case_file,
    item_type_id    int NOT NULL REFERENCES casedesk.item_type,
    department_id   smallint NOT NULL REFERENCES casedesk.department,  -- the item type's, kept here for the queue and the policies
    status          casedesk.item_status NOT NULL,
    assignee        name REFERENCES casedesk.staff,
    claim_expires   timestamptz,
    entered_at      timestamptz,            -- entered the queue: the clock starts
    due_at          timestamptz,            -- current due time, moved by pauses
    original_due_at timestamptz,
    yellow_at       timestamptz,
    paused_at       timestamptz,
    paused_minutes  int NOT NULL DEFAULT 0, -- business minutes spent paused so far
    decided_at      timestamptz,
    decided_by      name,
    version         int NOT NULL DEFAULT 1,
    change_seq      bigint NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      name,
    UNIQUE (case_id, item_type_id),
    CHECK (status <> 'claimed' OR (assignee IS NOT NULL AND claim_expires IS NOT NULL)),
    CHECK (status NOT IN ('waiting', 'pending') OR assignee IS NULL),
    CHECK ((status IN ('supplement', 'suspended')) = (paused_at IS NOT NULL)),
    CHECK ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL)),
    CHECK (status = 'waiting' OR due_at IS NOT NULL)
);
CREATE INDEX ON casedesk.case_item (case_id);
CREATE INDEX ON casedesk.case_item (change_seq);
-- The queue: open items by due time, per department.
CREATE INDEX case_item_open_due ON casedesk.case_item (department_id, due_at, id)
    WHERE status IN ('pending', 'claimed', 'supplement', 'suspended');
CREATE INDEX case_item_open_due_all ON casedesk.case_item (due_at, id)
    WHERE status IN ('pending', 'claimed', 'supplement', 'suspended');
-- The "unclaimed" filter: a quarter of the open items is too many for the
-- index above to win over a scan once the status is known.
CREATE INDEX case_item_pending_due ON casedesk.case_item (due_at, id) WHERE status = 'pending';
-- The queue in the order items entered it, and by case.
CREATE INDEX case_item_open_entered ON casedesk.case_item (entered_at, id)
    WHERE status IN ('pending', 'claimed', 'supplement', 'suspended');
CREATE INDEX case_item_open_case ON casedesk.case_item (case_id, id)
    WHERE status IN ('pending', 'claimed', 'supplement', 'suspended');
CREATE INDEX ON casedesk.case_item (assignee) WHERE assignee IS NOT NULL;

-- Decisions and pause requests, one row each; at most one final decision.
CREATE TABLE casedesk.decision (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id    bigint NOT NULL REFERENCES casedesk.case_item,
    kind       text NOT NULL CHECK (kind IN ('approve', 'reject', 'supplement', 'suspend')),
    reason     text,
    materials  text[],
    decided_by name NOT NULL,
    decided_at timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'reject' OR reason IS NOT NULL)
);
CREATE UNIQUE INDEX decision_one_final ON casedesk.decision (item_id)
    WHERE kind IN ('approve', 'reject');
CREATE INDEX ON casedesk.decision (item_id);

CREATE TABLE casedesk.annotation (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id    bigint NOT NULL REFERENCES casedesk.case_item,
    author     name NOT NULL,
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON casedesk.annotation (item_id);

-- Kinds of escalation and how long the addressee has to acknowledge one.
CREATE TABLE casedesk.escalation_kind (
    kind             text PRIMARY KEY,
    response_minutes int NOT NULL CHECK (response_minutes > 0),  -- business minutes
    description      text NOT NULL
);
INSERT INTO casedesk.escalation_kind VALUES
    ('question',   3, 'a complex question from a window or a reviewer (3-minute rule)'),
    ('yellow',     3, 'an item reached yellow: its time is nearly used'),
    ('red',        3, 'an item is overdue'),
    ('unanswered', 3, 'an escalation was not acknowledged in time and moved up a level');

-- A question or an alarm that a department must answer: raised by a window
-- clerk (3-minute rule) or by the SLA sweep.
CREATE TABLE casedesk.escalation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id         bigint REFERENCES casedesk.case_item,
    case_id         bigint NOT NULL REFERENCES casedesk.case_file,
    department_id   smallint NOT NULL REFERENCES casedesk.department,
    addressee       name REFERENCES casedesk.staff,
    kind            text NOT NULL REFERENCES casedesk.escalation_kind,
    source          text NOT NULL CHECK (source IN ('window', 'reviewer', 'sweep')),
    level           smallint NOT NULL DEFAULT 1,
    note            text NOT NULL CHECK (casedesk.clean_text(note)),
    raised_by       name NOT NULL,
    raised_at       timestamptz NOT NULL DEFAULT now(),
    respond_by      timestamptz NOT NULL,
    acknowledged_by name,
    acknowledged_at timestamptz,
    resolved_by     name,
    resolved_at     timestamptz,
    resolution      text,                  -- the answer, with resolved_at
    hand_on_note    text,                  -- why it was last handed on
    version         int NOT NULL DEFAULT 1,
    change_seq      bigint NOT NULL
);
-- The on-call desk (open ones by department, most urgent first) and the
-- window clerk's list of the questions she raised.
CREATE INDEX ON casedesk.escalation (department_id, respond_by) WHERE resolved_at IS NULL;
-- Every console's escalation list: the most urgent open ones, a page of them,
-- without sorting all that are open (sweep alarms stay open until answered).
CREATE INDEX escalation_open_urgent ON casedesk.escalation (respond_by, id) WHERE resolved_at IS NULL;
CREATE INDEX ON casedesk.escalation (raised_by, raised_at);
CREATE INDEX ON casedesk.escalation (item_id);
CREATE INDEX ON casedesk.escalation (change_seq);

-- Outcomes of client requests, so that a replayed request UUID returns the
-- first outcome instead of acting twice.
CREATE TABLE casedesk.request (
    request_id uuid PRIMARY KEY,
    actor      name NOT NULL,
    action     text NOT NULL,
    target     bigint NOT NULL,
    result     jsonb NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);

-- The audit trail: one row per action, written in the action's transaction.
CREATE TABLE casedesk.audit (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        name NOT NULL,
    action       text NOT NULL,
    item_id      bigint,
    case_id      bigint,
    escalation_id bigint,
    request_id   uuid,
    seen_version int,
    before       jsonb,
    after        jsonb
);
CREATE INDEX ON casedesk.audit (item_id);
CREATE INDEX ON casedesk.audit (case_id);
CREATE INDEX ON casedesk.audit (escalation_id);

-- Only the owner may change or remove audit rows (archiving is a deliberate
-- act by an administrator who takes the owner role); everyone else, including
-- a job role that somehow got a privilege, is refused.
CREATE FUNCTION casedesk.audit_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF current_user <> 'casedesk_owner' THEN
        RAISE EXCEPTION 'the audit trail is append-only'
            USING ERRCODE = '42501',
                  HINT = 'audit rows cannot be changed or removed';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON casedesk.audit
    FOR EACH ROW EXECUTE FUNCTION casedesk.audit_guard();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON casedesk.audit
    FOR EACH STATEMENT EXECUTE FUNCTION casedesk.audit_guard();

-- Settings the action functions read.
CREATE TABLE casedesk.setting (
    id                   boolean PRIMARY KEY DEFAULT true CHECK (id),
    claim_lease          interval NOT NULL DEFAULT '4 hours',
    annotation_max_chars int NOT NULL DEFAULT 4000,
    reason_max_chars     int NOT NULL DEFAULT 1000,
    note_max_chars       int NOT NULL DEFAULT 2000
);
INSERT INTO casedesk.setting DEFAULT VALUES;
