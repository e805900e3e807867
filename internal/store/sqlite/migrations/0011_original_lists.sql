-- Lists leave syndicated copies out by default (copies = hide), and a
-- section page counts what it lists for its pager. With duplicate_of
-- known only to the table row, that count read every published row of
-- the section, overflow pages included (duplicate_of sits after the body
-- columns): ~30 ms per section page at 100,000 articles, ten times that
-- at a million. The section index now carries duplicate_of, so the walk
-- and the count read index entries only, with copies or without. (A
-- second index of originals only did the same but cost ingest ~7%; the
-- home page and feeds ask for no count, so none is needed for them.)
DROP INDEX articles_section;
CREATE INDEX articles_section ON articles (section, published_at DESC, id DESC, duplicate_of)
    WHERE status = 'published';
