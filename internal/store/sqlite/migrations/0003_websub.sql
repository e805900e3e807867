-- WebSub subscriptions, one per source, removed with their source.
-- Times are INTEGER unix nanoseconds in UTC; 0 is the zero time.
CREATE TABLE websub_subscriptions (
    source_id     INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    hub           TEXT    NOT NULL,
    topic         TEXT    NOT NULL,
    secret        TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'pending',
    lease_seconds INTEGER NOT NULL DEFAULT 0,
    lease_expires INTEGER NOT NULL DEFAULT 0,
    requested_at  INTEGER NOT NULL DEFAULT 0,
    reason        TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX websub_subscriptions_due ON websub_subscriptions (state, lease_expires);
