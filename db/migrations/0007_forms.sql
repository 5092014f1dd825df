-- 0007 forms (一次表单): the merged form of a matter version, compiled from its items, reviewed and
-- published by admins, revised (a new version compiled, the published one superseded when the new
-- one is published) and abolished (表单 编制 / 审核 / 发布 / 修订 / 废止). A filled form records
-- the form version it was filled against. content is frozen at compile time.
CREATE TABLE forms (
    id              {{id}},
    matter_code     TEXT NOT NULL REFERENCES matters(code),
    matter_version  INTEGER NOT NULL,
    version         INTEGER NOT NULL,      -- form version within the matter: 1, 2, …
    state           TEXT NOT NULL,         -- compiled | reviewed | published | superseded | abolished
    content         TEXT NOT NULL,         -- the merged form (sections, rules, merge report, stats)
    note            TEXT,                  -- the reviewer's note, or the reason of abolition
    created_by      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    published_at    BIGINT,
    UNIQUE (matter_code, version)
);
CREATE INDEX forms_matter ON forms(matter_code, matter_version, state);
