-- 0008 cases (办件): one submission of a published matter version by an applicant (online) or by
-- a window clerk for a walk-in applicant (帮代办), up to acceptance. The case pins the matter,
-- interview and form versions it was filled on. version is raised by every change (a request
-- with a stale version is refused); every transition is a row of case_events and of the audit log.
CREATE TABLE cases (
    id                  {{id}},
    number              TEXT NOT NULL UNIQUE,  -- region-yyyymmdd-sequence, e.g. 430104-20261201-000012
    matter_code         TEXT NOT NULL REFERENCES matters(code),
    matter_version      INTEGER NOT NULL,
    form_id             BIGINT,                -- the published form (table forms) filled, if any
    form_version        INTEGER,
    region              TEXT NOT NULL,         -- the handling region (the matter's)
    state               TEXT NOT NULL,         -- case_fsm.h names
    version             INTEGER NOT NULL,
    channel             TEXT NOT NULL,         -- online | window
    applicant_user      BIGINT,                -- the applicant's account, NULL for a walk-in without one
    applicant_name      TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    applicant_phone     TEXT,
    created_by          BIGINT NOT NULL,       -- the account that entered it (applicant or clerk)
    answers             TEXT NOT NULL,         -- interview answers (JSON)
    form                TEXT NOT NULL,         -- merged form values (JSON)
    situation           TEXT NOT NULL,         -- items and materials of the situation, frozen (JSON)
    round               INTEGER NOT NULL DEFAULT 0,   -- submission round (1 at the first submit)
    supplement_round    INTEGER NOT NULL DEFAULT 0,   -- round of the last supplement notice
    received_at         BIGINT,                -- receipt of the current round (the 5-day clock)
    decide_by           TEXT,                  -- YYYY-MM-DD: the window decides by then (5 working days)
    due_day             TEXT,                  -- YYYY-MM-DD: the promised time limit ends (accepted)
    accepted_at         BIGINT,
    decided_at          BIGINT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX cases_queue ON cases(region, state, received_at, id);
-- the window's queue: cases of one state walked in order of receipt, the region checked on the way
CREATE INDEX cases_state_time ON cases(state, received_at, id);
-- and its count: the cases of one state within a region
CREATE INDEX cases_state_region ON cases(state, region);
CREATE INDEX cases_applicant ON cases(applicant_user, id);
CREATE INDEX cases_id_number ON cases(applicant_id_number, id);

-- What happened to a case, in order (the case's own history; the audit log has the same facts).
CREATE TABLE case_events (
    id          {{id}},
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    event       TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    actor_id    BIGINT,
    actor_role  TEXT NOT NULL,
    detail      TEXT,                          -- JSON: reason, notice number, …
    at          BIGINT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- Notices (受理通知书, 补正材料通知书, 不予受理通知书, …): numbered per kind, region and year, stored as
-- issued and never regenerated.
CREATE TABLE notices (
    id          {{id}},
    number      TEXT NOT NULL UNIQUE,          -- SL-430104-2026-000001
    kind        TEXT NOT NULL,                 -- accept | supplement | refuse | commitment | tolerance
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    region      TEXT NOT NULL,
    content     TEXT NOT NULL,                 -- the notice as issued (JSON)
    issued_by   BIGINT,
    issued_at   BIGINT NOT NULL
);
CREATE INDEX notices_case ON notices(case_id, id);

-- The material slots of a case: the situation's merged materials, each once (slot = the code and
-- key of the first item that asks for it). A slot is filled by an upload (the file kept in the
-- content-addressed store under its SHA-256), by the shared-data registry (免提交), by a signed
-- commitment (告知承诺) or left missing under tolerance (容缺).
CREATE TABLE case_materials (
    id          {{id}},
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    slot        TEXT NOT NULL,
    name        TEXT NOT NULL,
    status      TEXT NOT NULL,                 -- missing | uploaded | shared | committed | tolerated
    sha256      TEXT,
    size        BIGINT,
    type        TEXT,                          -- pdf | jpg | png | ofd
    pages       INTEGER,
    filename    TEXT,
    reference   TEXT,                          -- a 免提交 certificate: "<issuer> <number>" from the registry
    deadline    TEXT,                          -- YYYY-MM-DD: a tolerated material is due by then
    round       INTEGER NOT NULL DEFAULT 0,    -- the submission round it was attached in
    updated_at  BIGINT NOT NULL,
    UNIQUE (case_id, slot)
);

-- The files of a material slot (one material may take several files: the pages of a document as
-- images), each kept in the content-addressed store under its SHA-256, in the order uploaded.
CREATE TABLE case_files (
    id          {{id}},
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    slot        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    type        TEXT NOT NULL,                 -- pdf | jpg | png | ofd (by content)
    mime        TEXT NOT NULL,
    pages       INTEGER,
    filename    TEXT,
    uploaded_by BIGINT,
    uploaded_at BIGINT NOT NULL,
    UNIQUE (case_id, slot, seq)
);
