-- 0014 results (办理结果) and the departments' electronic seals (电子印章); see docs/results.md.
-- A seal is an Ed25519 key pair made on the department's first result. The public key is
-- published; the secret key is kept only sealed under the server key (crypto_secretbox,
-- --key-file): a copy of the database alone cannot sign. One current seal per department;
-- a retired seal still verifies the results it signed.
CREATE TABLE dept_seals (
    id          {{id}},
    dept        TEXT NOT NULL REFERENCES depts(code),
    key_id      TEXT NOT NULL UNIQUE,          -- "<dept>-<first 16 hex of SHA-256(public key)>"
    public_key  TEXT NOT NULL,                 -- Ed25519 public key, base64url (43 characters)
    secret_box  TEXT NOT NULL,                 -- the 64-byte secret key sealed under the server key, base64url
    nonce       TEXT NOT NULL,                 -- the secretbox nonce, base64url
    created_at  BIGINT NOT NULL,
    retired_at  BIGINT
);
CREATE UNIQUE INDEX dept_seals_current ON dept_seals(dept) WHERE retired_at IS NULL;

-- One result per approved task. `payload` is the exact canonical text that was signed
-- (core/seal.h yc_result_payload); the verifier rebuilds it from the columns, so a column
-- changed after signing shows as not genuine. holder_id is kept in full (it is signed) and
-- shown masked in public.
CREATE TABLE results (
    id            {{id}},
    number        TEXT NOT NULL UNIQUE,        -- <dept tag>-<dept region>-<year>-<6 digits>
    case_id       BIGINT NOT NULL REFERENCES cases(id),
    task_id       BIGINT NOT NULL UNIQUE REFERENCES tasks(id),
    item_code     TEXT NOT NULL,
    item_name     TEXT NOT NULL,
    dept          TEXT NOT NULL REFERENCES depts(code),
    name          TEXT NOT NULL,               -- the item's result, e.g. 食品经营许可证
    holder_name   TEXT NOT NULL,
    holder_id     TEXT NOT NULL,
    valid_from    TEXT NOT NULL,               -- YYYY-MM-DD
    valid_until   TEXT,                        -- YYYY-MM-DD, the last valid day; NULL: 长期
    fields        TEXT NOT NULL,               -- JSON object: the result's own fields
    payload       TEXT NOT NULL,
    signature     TEXT NOT NULL,               -- Ed25519, base64url (86 characters)
    key_id        TEXT NOT NULL REFERENCES dept_seals(key_id),
    state         TEXT NOT NULL,               -- current | revoked
    revoke_reason TEXT,
    revoked_at    BIGINT,
    issued_by     BIGINT,
    issued_at     BIGINT NOT NULL
);
CREATE INDEX results_case ON results(case_id, id);
