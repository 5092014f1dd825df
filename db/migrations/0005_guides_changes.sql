-- 0005 service guide lifecycle (编写 → 征求意见 → 审查发布), readers' problem reports (问题反馈), and
-- dynamic management of the catalog (事项动态调整).

CREATE TABLE guides (
    id              {{id}},
    matter_code     TEXT NOT NULL REFERENCES matters(code),
    matter_version  INTEGER NOT NULL,
    version         INTEGER NOT NULL,      -- guide version within the matter: 1, 2, …
    state           TEXT NOT NULL,         -- drafting | consulting | published | superseded | withdrawn
    overlay         TEXT NOT NULL,         -- plain-language text edited by the admin (JSON object)
    content         TEXT,                  -- the guide as published, frozen (JSON)
    needs_revision  INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    published_at    BIGINT,
    UNIQUE (matter_code, version)
);

-- The departments consulted for a guide (征求意见): those of the matter's items.
CREATE TABLE guide_depts (
    guide_id  BIGINT NOT NULL REFERENCES guides(id),
    dept      TEXT NOT NULL REFERENCES depts(code),
    PRIMARY KEY (guide_id, dept)
);

CREATE TABLE guide_comments (
    id           {{id}},
    guide_id     BIGINT NOT NULL REFERENCES guides(id),
    dept         TEXT NOT NULL REFERENCES depts(code),
    author_id    BIGINT NOT NULL,
    text         TEXT NOT NULL,
    reply        TEXT,
    state        TEXT NOT NULL,            -- open | answered | accepted
    created_at   BIGINT NOT NULL,
    answered_at  BIGINT
);
CREATE INDEX guide_comments_guide ON guide_comments(guide_id);

CREATE TABLE guide_feedback (
    id           {{id}},
    matter_code  TEXT NOT NULL REFERENCES matters(code),
    text         TEXT NOT NULL,
    contact      TEXT,
    state        TEXT NOT NULL,            -- open | closed
    note         TEXT,
    created_at   BIGINT NOT NULL,
    closed_at    BIGINT,
    closed_by    BIGINT
);
CREATE INDEX guide_feedback_state ON guide_feedback(state, id);

CREATE TABLE changes (
    id           {{id}},
    item_code    TEXT NOT NULL REFERENCES items(code),
    dept         TEXT NOT NULL REFERENCES depts(code),
    region       TEXT NOT NULL,
    kind         TEXT NOT NULL,            -- amend | abolish | requirement
    basis        TEXT NOT NULL,
    proposal     TEXT NOT NULL,            -- JSON object of item fields
    state        TEXT NOT NULL,            -- submitted | approved | rejected
    reason       TEXT,
    diff         TEXT,                     -- JSON [{field, before, after}] once approved
    affected     TEXT,                     -- JSON [{code, name}] matters flagged
    new_version  INTEGER,
    filed_by     BIGINT NOT NULL,
    decided_by   BIGINT,
    created_at   BIGINT NOT NULL,
    decided_at   BIGINT
);
CREATE INDEX changes_state ON changes(state, id);
CREATE INDEX changes_dept ON changes(dept, id);
