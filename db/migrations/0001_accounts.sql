-- 0001 accounts, regions, departments, sessions, login failures and the audit log.
-- One dialect for SQLite and PostgreSQL. The only difference, the auto-numbered key, is written
-- {{id}} and expanded by the store (INTEGER PRIMARY KEY on SQLite, identity on PostgreSQL).
-- Times are unix seconds (BIGINT); booleans are 0/1 integers; JSON is TEXT.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    parent      TEXT REFERENCES regions(code),
    level       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent);

CREATE TABLE depts (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    region      TEXT NOT NULL REFERENCES regions(code),
    sector      TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX depts_region ON depts(region);

CREATE TABLE users (
    id            {{id}},
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    region        TEXT REFERENCES regions(code),
    dept          TEXT REFERENCES depts(code),
    id_number     TEXT,
    phone         TEXT,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX users_region ON users(region);
CREATE UNIQUE INDEX users_applicant_id_number ON users(id_number) WHERE role = 'applicant';

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    ip          TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    id          {{id}},
    username    TEXT NOT NULL,
    at          BIGINT NOT NULL,
    ip          TEXT
);
CREATE INDEX login_failures_username ON login_failures(username, at);

CREATE TABLE audit (
    seq             BIGINT PRIMARY KEY,
    at              BIGINT NOT NULL,
    actor_id        BIGINT NOT NULL,
    actor_username  TEXT,
    actor_role      TEXT NOT NULL,
    action          TEXT NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       TEXT,
    region          TEXT,
    before_json     TEXT,
    after_json      TEXT,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_region ON audit(region, seq);
CREATE INDEX audit_entity ON audit(entity, seq);
CREATE INDEX audit_actor ON audit(actor_username, seq);

-- The end of the chain: appends lock this row, so that two writers never extend the chain from the
-- same row, and verification can tell a truncated log.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY,
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
