-- Article text filled from the publisher's page (see model.Article):
-- whether the page forbade archiving, why extraction failed, and whether
-- the published time is the time first seen. content_hash now holds the
-- feed's own hash of the item when ingest gives one.

ALTER TABLE articles ADD COLUMN no_archive          INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN extract_error       TEXT    NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN published_estimated INTEGER NOT NULL DEFAULT 0;

-- Per-source extraction rules: JSON arrays of CSS selectors.
ALTER TABLE sources ADD COLUMN extract_keep TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sources ADD COLUMN extract_drop TEXT NOT NULL DEFAULT '[]';
