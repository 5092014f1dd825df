-- 0018 (PostgreSQL) search documents numbered in ranking order (see the SQLite variant):
--   id = (rank * 1024 + min(name_len, 1023)) * 2^40 + seq, seq from the sequence search_docs_seq
-- (a counter row updated once per document would pile up row versions in a long import).
-- Old ids are below 2^40 and the new ones above, so the renumbering never meets a taken key.
CREATE TABLE search_renumber (old_id BIGINT PRIMARY KEY, new_id BIGINT NOT NULL);
INSERT INTO search_renumber (old_id, new_id)
    SELECT id, (rank * 1024 + least(name_len, 1023)) * 1099511627776 + id FROM search_docs;
CREATE SEQUENCE search_docs_seq;
SELECT setval('search_docs_seq', coalesce(max(old_id), 0) + 1, false) FROM search_renumber;
UPDATE search_docs d SET id = r.new_id FROM search_renumber r WHERE r.old_id = d.id;
UPDATE search_grams g SET doc_id = r.new_id FROM search_renumber r WHERE r.old_id = g.doc_id;
UPDATE search_fts f SET rowid = r.new_id FROM search_renumber r WHERE r.old_id = f.rowid;
DROP TABLE search_renumber;
