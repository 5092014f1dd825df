-- 0011 the shared-data registry (共享数据, 免提交): certificates the government already holds for a
-- person (by ID number) or a company (by credit code). A case's 免提交 material is attached from
-- here when the applicant has it; when the registry has no valid certificate of that name the
-- material must be provided like any other.
CREATE TABLE shared_certificates (
    id          {{id}},
    subject_id  TEXT NOT NULL,                 -- GB 11643 ID number or GB 32100 credit code
    name        TEXT NOT NULL,                 -- the certificate, as materials name it (居民身份证, 营业执照, …)
    number      TEXT NOT NULL,                 -- its number
    issuer      TEXT NOT NULL,
    valid_until TEXT,                          -- YYYY-MM-DD, NULL: no expiry
    created_at  BIGINT NOT NULL,
    UNIQUE (subject_id, name)
);
