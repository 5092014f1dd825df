-- 0010 credit records (诚信档案): kept by admins and supervisors, and written by the system when a
-- commitment is found false or a tolerated material misses its deadline. A live 失信 record
-- (kind dishonest, started, not expired, not revoked) closes commitment and tolerance to its
-- subject. subject_id is a GB 11643 ID number or a GB 32100 credit code.
CREATE TABLE credit_records (
    id            {{id}},
    subject_id    TEXT NOT NULL,
    subject_name  TEXT NOT NULL,
    kind          TEXT NOT NULL,             -- dishonest (失信) | honest (守信)
    source        TEXT NOT NULL,             -- manual | commitment_false | tolerance_missed
    reason        TEXT NOT NULL,
    region        TEXT NOT NULL,             -- the region that recorded it
    case_id       BIGINT REFERENCES cases(id),
    starts_at     BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,           -- the record no longer counts from then (信用修复)
    created_by    BIGINT,
    created_at    BIGINT NOT NULL,
    revoked_at    BIGINT,
    revoked_by    BIGINT,
    revoke_reason TEXT
);
CREATE INDEX credit_subject ON credit_records(subject_id, kind, expires_at);

-- Verifications of commitments (告知承诺核查): made when a case with a committed material is
-- accepted, by the department of the item that asks for the material, by the case's due day.
-- Found false: the case is revoked and a 失信 record written.
CREATE TABLE verifications (
    id          {{id}},
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    slot        TEXT NOT NULL,
    name        TEXT NOT NULL,                 -- the material committed instead of proven
    dept        TEXT NOT NULL REFERENCES depts(code),
    notice      TEXT NOT NULL,                 -- the 告知承诺书 number
    due_day     TEXT,                          -- YYYY-MM-DD
    state       TEXT NOT NULL,                 -- pending | confirmed | false
    note        TEXT,
    decided_by  BIGINT,
    decided_at  BIGINT,
    created_at  BIGINT NOT NULL,
    UNIQUE (case_id, slot)
);
CREATE INDEX verifications_dept ON verifications(dept, state, due_day);

-- The case watches: a case left undecided 5 working days after receipt is accepted from the day
-- of receipt (行政许可法 Art. 32); a tolerated material missing after its deadline stops the case.
INSERT INTO jobs (name, every_s, next_run) VALUES ('cases.deem_accept', 600, 0);
INSERT INTO jobs (name, every_s, next_run) VALUES ('cases.tolerance', 3600, 0);
