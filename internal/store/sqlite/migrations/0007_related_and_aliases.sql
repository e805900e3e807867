-- "You May Also Like", decided at ingest (see store.Placement): each
-- article's best related articles in other stories. A new article stores
-- its own list and is offered to each of its neighbours' lists, so older
-- articles gain newer related items; the trigger keeps the best 6 of each
-- list (lowest score first, then the oldest, leave). Readers filter out
-- articles that are not published.
CREATE TABLE article_related (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	score      REAL NOT NULL,
	PRIMARY KEY (article_id, related_id)
) WITHOUT ROWID;
-- For the cascade when a related article is deleted (a source removed).
CREATE INDEX article_related_back ON article_related (related_id);

CREATE TRIGGER article_related_bound AFTER INSERT ON article_related
WHEN (SELECT count(*) FROM article_related WHERE article_id = new.article_id) > 6
BEGIN
	DELETE FROM article_related WHERE article_id = new.article_id AND related_id =
		(SELECT related_id FROM article_related WHERE article_id = new.article_id
		 ORDER BY score, related_id LIMIT 1);
END;

-- Stories merged into another: their articles now carry the surviving
-- story's ID, and /story/OLD redirects to it. No alias's story_id is itself
-- an old_id, so a redirect takes one step.
CREATE TABLE story_aliases (
	old_id   INTEGER PRIMARY KEY,
	story_id INTEGER NOT NULL
);
CREATE INDEX story_aliases_target ON story_aliases (story_id);
