-- Search counts every match by section and by source, and a date-sorted
-- search orders every match by date. Reading those few columns from the
-- articles table means one table page per match (rows are large: they hold
-- the article's text), so a narrow covering index on them, looked up by
-- id, answers the same joins from a few compact pages: on 10,000 articles
-- a section count over 4,000 matches went from 21 ms to 2 ms. The search
-- queries name it (INDEXED BY): without statistics the planner would take
-- the primary key.
CREATE INDEX articles_search_facets ON articles (id, status, section, source_id, published_at);
