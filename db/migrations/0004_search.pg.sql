-- 0004 (PostgreSQL) pg_trgm: the counterpart of SQLite's trigram tokenizer, used by LIKE '%…%'.
-- search_fts exists on both backends so that the store's statements have one shape; on PostgreSQL it
-- is a plain table (rowid = search_docs.id) indexed with pg_trgm.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE search_fts (
    rowid  BIGINT PRIMARY KEY,
    name   TEXT NOT NULL
);
CREATE INDEX search_fts_trgm ON search_fts USING gin (name gin_trgm_ops);
