-- A syndicated copy (duplicate_of names its original) is left out of the
-- site's lists, and now of search too: a search finds the original once.
-- Two things must follow duplicate_of for that to stay right.

-- Search: an article found to be a copy, or no longer one, changes its
-- place in search, so the change is logged like the others (see 0009).
CREATE TRIGGER search_log_copy AFTER UPDATE OF duplicate_of ON articles
WHEN old.duplicate_of IS NOT new.duplicate_of BEGIN
    INSERT INTO search_log (article_id) VALUES (new.id);
END;

-- Removal: when an original goes (its source removed), its copies would
-- point at nothing and stay out of every list and search for good. The
-- first of them becomes the original and the others its copies. The
-- first UPDATE leaves that first copy alone, so min(id) holds throughout.
-- Every lookup says "duplicate_of <> 0" as well: only then may SQLite use
-- the partial index articles_duplicate (0005) instead of reading the
-- whole table for each article a source's removal deletes.
CREATE TRIGGER articles_original_removed AFTER DELETE ON articles
WHEN EXISTS (SELECT 1 FROM articles WHERE duplicate_of = old.id AND duplicate_of <> 0) BEGIN
    UPDATE articles SET duplicate_of =
           (SELECT min(id) FROM articles WHERE duplicate_of = old.id AND duplicate_of <> 0)
     WHERE duplicate_of = old.id AND duplicate_of <> 0
       AND id > (SELECT min(id) FROM articles WHERE duplicate_of = old.id AND duplicate_of <> 0);
    UPDATE articles SET duplicate_of = 0 WHERE duplicate_of = old.id AND duplicate_of <> 0;
END;

-- Copies whose original was removed before this migration: the same
-- repair, once.
UPDATE articles SET duplicate_of =
       (SELECT min(c.id) FROM articles c WHERE c.duplicate_of = articles.duplicate_of AND c.duplicate_of <> 0)
 WHERE duplicate_of <> 0
   AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = articles.duplicate_of)
   AND id > (SELECT min(c.id) FROM articles c WHERE c.duplicate_of = articles.duplicate_of AND c.duplicate_of <> 0);
UPDATE articles SET duplicate_of = 0
 WHERE duplicate_of <> 0 AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = articles.duplicate_of);

-- The search index of an earlier release holds the copies: logging them
-- takes them out when the log is next applied, without a rebuild.
INSERT INTO search_log (article_id) SELECT id FROM articles WHERE duplicate_of <> 0 ORDER BY id;
