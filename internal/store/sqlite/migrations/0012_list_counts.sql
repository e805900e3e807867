-- A list page's pager needs the list's length, and counting it walked the
-- list's index from end to end: a section page counted every published
-- article of the section (~2 ms at 100,000 articles, ten times that at a
-- million), a source page every one of the source's. article_counts keeps
-- the number of published articles per section, source and copy-or-not,
-- kept by triggers in the writing transaction, so a count sums a few rows
-- (one per source of a section, one per section of a source). A new
-- article costs one more row update in its transaction.
CREATE TABLE article_counts (
    section   TEXT    NOT NULL,
    source_id INTEGER NOT NULL,
    copy      INTEGER NOT NULL, -- 1: a syndicated copy (duplicate_of <> 0)
    n         INTEGER NOT NULL,
    PRIMARY KEY (section, source_id, copy)
) WITHOUT ROWID;
CREATE INDEX article_counts_source ON article_counts (source_id);

INSERT INTO article_counts (section, source_id, copy, n)
SELECT section, source_id, duplicate_of <> 0, count(*) FROM articles
 WHERE status = 'published'
 GROUP BY section, source_id, duplicate_of <> 0;

CREATE TRIGGER article_counts_insert AFTER INSERT ON articles
WHEN new.status = 'published' BEGIN
    INSERT INTO article_counts (section, source_id, copy, n)
    VALUES (new.section, new.source_id, new.duplicate_of <> 0, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER article_counts_delete AFTER DELETE ON articles
WHEN old.status = 'published' BEGIN
    UPDATE article_counts SET n = n - 1
     WHERE section = old.section AND source_id = old.source_id AND copy = (old.duplicate_of <> 0);
END;

-- A new article's placement sets duplicate_of by UPDATE: the condition
-- lets it through only when it makes the article a copy (or not).
CREATE TRIGGER article_counts_update AFTER UPDATE OF status, section, source_id, duplicate_of ON articles
WHEN (old.status = 'published' OR new.status = 'published')
 AND (old.status IS NOT new.status OR old.section IS NOT new.section OR old.source_id IS NOT new.source_id
      OR (old.duplicate_of <> 0) IS NOT (new.duplicate_of <> 0)) BEGIN
    UPDATE article_counts SET n = n - 1
     WHERE old.status = 'published'
       AND section = old.section AND source_id = old.source_id AND copy = (old.duplicate_of <> 0);
    INSERT INTO article_counts (section, source_id, copy, n)
    SELECT new.section, new.source_id, new.duplicate_of <> 0, 1 WHERE new.status = 'published'
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
