-- Search moves from FTS5 to Newsdesk's own engine (internal/search), whose
-- files live beside the database (see searchindex.go). The articles table
-- stays the source of truth; what ties the index to it is search_log: a
-- trigger appends an article's id in the same transaction as every change
-- that can alter its place in search (its words, status, section, source,
-- date, or its removal), and the store replays the log into the index, from
-- the index's own watermark, before it answers a search. So a committed
-- change is in the next search's results, however it was made (an upsert,
-- hiding, the cascade from removing a source, a repair by hand), and no
-- change can be forgotten.
--
-- AUTOINCREMENT: the log is trimmed once the index has made its entries
-- durable, and a sequence number must never be handed out twice, or an
-- entry below the watermark would be skipped.
CREATE TABLE search_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL
);

CREATE TRIGGER search_log_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_log (article_id) VALUES (new.id);
END;

CREATE TRIGGER search_log_update
AFTER UPDATE OF title, excerpt, content_text, status, section, source_id, published_at ON articles BEGIN
    INSERT INTO search_log (article_id) VALUES (new.id);
END;

CREATE TRIGGER search_log_delete AFTER DELETE ON articles BEGIN
    INSERT INTO search_log (article_id) VALUES (old.id);
END;

-- FTS5 and what served it go: keeping them would make every new article
-- pay for a second index nothing reads.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_vocab;
DROP TABLE articles_fts;
DROP INDEX articles_search_facets;

-- The articles stored before this migration: the first search indexes them.
INSERT INTO search_log (article_id) SELECT id FROM articles ORDER BY id;
