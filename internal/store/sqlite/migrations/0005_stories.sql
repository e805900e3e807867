-- Stories and syndicated copies (see store.Stories). A story is named by
-- the ID of its first article; duplicate_of names the first-seen original
-- of a syndicated copy. 0 means none.

ALTER TABLE articles ADD COLUMN story_id     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN duplicate_of INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_story ON articles (story_id, published_at) WHERE story_id <> 0;
CREATE INDEX articles_duplicate ON articles (duplicate_of) WHERE duplicate_of <> 0;

-- Near-duplicate signatures (MinHash), so duplicate detection survives a
-- restart: the recent window is read back into memory at start.
CREATE TABLE article_signatures (
	article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	signature  BLOB NOT NULL
);
