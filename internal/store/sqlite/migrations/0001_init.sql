-- Times are INTEGER unix nanoseconds in UTC; 0 is the zero time.

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    site_url        TEXT    NOT NULL DEFAULT '',
    feed_url        TEXT    NOT NULL UNIQUE,
    section         TEXT    NOT NULL DEFAULT '',
    policy          TEXT    NOT NULL DEFAULT 'excerpt',
    license_name    TEXT    NOT NULL DEFAULT '',
    license_url     TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL DEFAULT 0,
    etag            TEXT    NOT NULL DEFAULT '',
    last_modified   TEXT    NOT NULL DEFAULT '',
    next_check_at   INTEGER NOT NULL DEFAULT 0,
    last_check_at   INTEGER NOT NULL DEFAULT 0,
    last_success_at INTEGER NOT NULL DEFAULT 0,
    error_count     INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX sources_next_check ON sources (next_check_at, id);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    guid          TEXT    NOT NULL,
    url           TEXT    NOT NULL DEFAULT '',
    canonical_url TEXT    NOT NULL DEFAULT '',
    title         TEXT    NOT NULL DEFAULT '',
    author        TEXT    NOT NULL DEFAULT '',
    published_at  INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL DEFAULT 0,
    fetched_at    INTEGER NOT NULL DEFAULT 0,
    excerpt       TEXT    NOT NULL DEFAULT '',
    content_html  TEXT    NOT NULL DEFAULT '',
    content_text  TEXT    NOT NULL DEFAULT '',
    image_url     TEXT    NOT NULL DEFAULT '',
    language      TEXT    NOT NULL DEFAULT '',
    section       TEXT    NOT NULL DEFAULT '',
    tags          TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
    status        TEXT    NOT NULL DEFAULT 'published',
    hidden_reason TEXT    NOT NULL DEFAULT '',
    content_hash  BLOB    NOT NULL,
    UNIQUE (source_id, guid)
);

-- Partial indexes: every list query says status = 'published' literally so
-- the planner can use them, and hidden rows cost nothing to skip.
CREATE INDEX articles_published ON articles (published_at DESC, id DESC)
    WHERE status = 'published';
CREATE INDEX articles_section ON articles (section, published_at DESC, id DESC)
    WHERE status = 'published';
CREATE INDEX articles_source ON articles (source_id, published_at DESC, id DESC)
    WHERE status = 'published';
CREATE INDEX articles_canonical_url ON articles (canonical_url);

CREATE TABLE picks (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    until      INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL DEFAULT 0
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, excerpt, content_text,
    content = 'articles',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Triggers, not statements in Go: every path that changes an article (upsert,
-- the cascade from removing a source, a repair by hand in the sqlite3 shell)
-- keeps the index in the same transaction, and none can forget to.
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, excerpt, content_text)
    VALUES (new.id, new.title, new.excerpt, new.content_text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, excerpt, content_text)
    VALUES ('delete', old.id, old.title, old.excerpt, old.content_text);
END;

-- Only the indexed columns: a status change must not rewrite the index.
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, excerpt, content_text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, excerpt, content_text)
    VALUES ('delete', old.id, old.title, old.excerpt, old.content_text);
    INSERT INTO articles_fts (rowid, title, excerpt, content_text)
    VALUES (new.id, new.title, new.excerpt, new.content_text);
END;
