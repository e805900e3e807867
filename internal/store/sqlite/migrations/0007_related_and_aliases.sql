-- "You May Also Like", decided at ingest (see store.Placement): one row per
-- article holding its related list as JSON, [[article_id, score], ...],
-- best first. One row per list rather than one per pair: ingest writes
-- the list of each new article and of every neighbour whose list it
-- enters, and one row of six entries costs about what one row of a pair
-- does. Readers skip entries whose article is gone or hidden.
CREATE TABLE article_related (
	article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	list       TEXT NOT NULL
);

-- Stories merged into another: their articles now carry the surviving
-- story's ID, and /story/OLD redirects to it. No alias's story_id is itself
-- an old_id, so a redirect takes one step.
CREATE TABLE story_aliases (
	old_id   INTEGER PRIMARY KEY,
	story_id INTEGER NOT NULL
);
CREATE INDEX story_aliases_target ON story_aliases (story_id);
