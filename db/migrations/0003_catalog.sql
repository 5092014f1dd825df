-- 0003 the catalog: items (政务服务事项), matters (一件事) with versions, code counters, synonyms and
-- the search documents. Documents are the JSON of docs/catalog.md; the columns beside them are the
-- parts that queries filter on. A published version never changes (enforced by the store: only rows
-- in state 'draft' are updated).

CREATE TABLE items (
    code        TEXT PRIMARY KEY,           -- implementation code, 24 characters
    basic_code  TEXT NOT NULL,
    type        TEXT NOT NULL,
    main_no     TEXT NOT NULL,
    sub_no      TEXT NOT NULL,
    region12    TEXT NOT NULL,
    body_no     TEXT NOT NULL,
    name        TEXT NOT NULL,
    dept        TEXT NOT NULL REFERENCES depts(code),
    region      TEXT NOT NULL REFERENCES regions(code),
    version     INTEGER NOT NULL,           -- the current version
    state       TEXT NOT NULL,              -- active | abolished
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX items_dept ON items(dept);
CREATE INDEX items_region ON items(region);

CREATE TABLE item_versions (
    code        TEXT NOT NULL REFERENCES items(code),
    version     INTEGER NOT NULL,
    doc         TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE matters (
    code               TEXT PRIMARY KEY,    -- implementation code TC…, 24 characters
    basic_code         TEXT NOT NULL,
    seq                BIGINT NOT NULL,
    region             TEXT NOT NULL REFERENCES regions(code),
    name               TEXT NOT NULL,
    audience           TEXT NOT NULL,
    theme              TEXT NOT NULL,
    state              TEXT NOT NULL,       -- draft (never published) | published | abolished
    published_version  INTEGER,
    draft_version      INTEGER,
    needs_revision     INTEGER NOT NULL DEFAULT 0,
    revision_note      TEXT,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX matters_region ON matters(region);
CREATE INDEX matters_state ON matters(state, name);

CREATE TABLE matter_versions (
    code          TEXT NOT NULL REFERENCES matters(code),
    version       INTEGER NOT NULL,
    state         TEXT NOT NULL,            -- draft | published | superseded | abolished
    doc           TEXT NOT NULL,            -- the matter document
    items         TEXT,                     -- pinned at publish: [{"code","version"}]
    name          TEXT NOT NULL,
    audience      TEXT NOT NULL,
    theme         TEXT NOT NULL,
    lead_dept     TEXT,
    promised_days INTEGER NOT NULL,
    published_at  BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (code, version)
);
CREATE INDEX matter_versions_published ON matter_versions(state, audience, theme);

-- Counters that every node draws from (never reused: a number taken is gone even if unused).
CREATE TABLE code_counters (
    name        TEXT PRIMARY KEY,
    next_value  BIGINT NOT NULL
);
INSERT INTO code_counters (name, next_value) VALUES ('matter.TC', 1);

CREATE TABLE synonyms (
    term        TEXT PRIMARY KEY,
    target      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- One search document per published matter and per active item.
CREATE TABLE search_docs (
    id          {{id}},
    kind        TEXT NOT NULL,              -- matter | item
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    initials    TEXT NOT NULL,              -- pinyin initials of the name
    audience    TEXT,
    theme       TEXT,
    dept        TEXT,
    region      TEXT,
    rank        INTEGER NOT NULL,           -- 0 matters, 1 items
    name_len    INTEGER NOT NULL,
    UNIQUE (kind, code)
);
CREATE INDEX search_docs_rank ON search_docs(rank, name_len);

-- Keys the trigram index cannot serve: every 2-character piece of a name ("g:退休"), the first one
-- and two pinyin initials ("p:w", "p:wy") and every three consecutive initials ("q:kcg" for
-- 我要开餐馆; longer initials queries are checked against search_docs.initials).
CREATE TABLE search_grams (
    gram        TEXT NOT NULL,
    rank        INTEGER NOT NULL,           -- copied from search_docs: the index keeps hits in
    name_len    INTEGER NOT NULL,           -- ranking order, so a LIMIT stops early
    doc_id      BIGINT NOT NULL,
    PRIMARY KEY (gram, rank, name_len, doc_id)
);
CREATE INDEX search_grams_doc ON search_grams(doc_id);
