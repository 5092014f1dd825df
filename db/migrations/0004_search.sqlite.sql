-- 0004 (SQLite) the trigram index for substrings of three characters or more.
CREATE VIRTUAL TABLE search_fts USING fts5(name, tokenize = 'trigram');
