-- Adaptive polling, pausing and feed moves (see model.PollState).

ALTER TABLE sources ADD COLUMN failing_since  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN poll_interval  INTEGER NOT NULL DEFAULT 0; -- nanoseconds
ALTER TABLE sources ADD COLUMN items_per_day  REAL    NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN paused         INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN pause_reason   TEXT    NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN redirect_url   TEXT    NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN redirect_count INTEGER NOT NULL DEFAULT 0;

-- Paused sources are never due: the scheduler's index leaves them out, and
-- DueSources says "paused = 0" literally so the planner can use it.
DROP INDEX sources_next_check;
CREATE INDEX sources_due ON sources (next_check_at, id) WHERE paused = 0;
