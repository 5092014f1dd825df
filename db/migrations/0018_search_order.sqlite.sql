-- 0018 (SQLite) search documents numbered in ranking order, so that the trigram index answers the
-- best hits first and a LIMIT stops early (no more "fetch 2,000 candidates and sort them"):
--   id = (rank * 1024 + min(name_len, 1023)) * 2^40 + seq
-- where seq comes from code_counters 'search_docs' (PostgreSQL: the sequence search_docs_seq).
-- Renumbers the rows already there (old ids are below 2^40, the new ones above, so no two rows
-- ever meet), then rebuilds the trigram index in that order and merges it into one segment.
CREATE TABLE search_renumber (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL);
INSERT INTO search_renumber (old_id, new_id)
    SELECT id, (rank * 1024 + min(name_len, 1023)) * 1099511627776 + id FROM search_docs;
INSERT INTO code_counters (name, next_value)
    SELECT 'search_docs', coalesce(max(old_id), 0) + 1 FROM search_renumber WHERE true
    ON CONFLICT (name) DO UPDATE SET next_value = max(code_counters.next_value, excluded.next_value);
UPDATE search_docs SET id = (SELECT new_id FROM search_renumber WHERE old_id = search_docs.id);
UPDATE search_grams SET doc_id = (SELECT new_id FROM search_renumber WHERE old_id = search_grams.doc_id);
DROP TABLE search_renumber;
DELETE FROM search_fts;
INSERT INTO search_fts (rowid, name) SELECT id, name FROM search_docs ORDER BY id;
INSERT INTO search_fts (search_fts) VALUES ('optimize');
