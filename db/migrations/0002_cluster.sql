-- 0002 what several nodes must share: idempotency keys and background job claims.

-- A write sent with an Idempotency-Key header is answered once; a repeat with the same key and the
-- same request gets the stored answer, on whichever node it lands. status NULL: still running.
CREATE TABLE idempotency_keys (
    user_id       BIGINT NOT NULL,
    idem_key      TEXT NOT NULL,
    route         TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status        INTEGER,
    response      TEXT,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

-- One row per periodic job. A node runs a job only after claiming its row in a transaction
-- (FOR UPDATE SKIP LOCKED on PostgreSQL), so two nodes never run the same slot twice.
CREATE TABLE jobs (
    name        TEXT PRIMARY KEY,
    every_s     BIGINT NOT NULL,
    next_run    BIGINT NOT NULL,
    last_run    BIGINT,
    last_node   TEXT,
    runs        BIGINT NOT NULL DEFAULT 0
);
INSERT INTO jobs (name, every_s, next_run) VALUES ('sessions.expire', 300, 0);
INSERT INTO jobs (name, every_s, next_run) VALUES ('login_failures.prune', 900, 0);
INSERT INTO jobs (name, every_s, next_run) VALUES ('idempotency.prune', 3600, 0);

-- Every run of a job, for operators and for the test that no slot runs twice.
CREATE TABLE job_runs (
    name        TEXT NOT NULL,
    slot        BIGINT NOT NULL,
    node        TEXT NOT NULL,
    started_at  BIGINT NOT NULL,
    affected    BIGINT NOT NULL,
    PRIMARY KEY (name, slot)
);
