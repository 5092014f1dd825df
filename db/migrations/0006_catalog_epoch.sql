-- 0006 the catalog epoch: a counter raised by every transaction that changes what the public
-- catalog shows (items, matters, guides, synonyms, the search index). Nodes keep public answers
-- in memory under the epoch they were built at and read the counter on every public request, so
-- that an answer is never served after a change, on any node.
CREATE TABLE catalog_epoch (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   BIGINT NOT NULL
);
INSERT INTO catalog_epoch (id, n) VALUES (1, 0);
