-- The search index's own vocabulary, one row per term with the number of
-- articles holding it: "Did you mean …?" suggests from these words. It is
-- a view over articles_fts (no copy, nothing to keep in step); its terms
-- are as the index keeps them, folded and stemmed.
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
