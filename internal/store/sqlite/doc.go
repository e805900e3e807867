// Package sqlite keeps Newsdesk's state in one SQLite file through the pure-Go
// driver modernc.org/sqlite: sources, articles, stories and Editor's Picks,
// and keeps the full-text index (internal/search, files beside the
// database) in step with the articles through the search_log table. It owns the schema (embedded numbered migrations) and
// the SQL; it satisfies store.Store and is tested by store/storetest.
//
// All writes go through one connection (SQLite allows one writer at a time,
// so queuing in Go is cheaper than SQLITE_BUSY retries), reads through a pool
// of query-only connections that WAL lets run beside the writer.
//
// It imports only store, model, search, the driver and the standard library; it must
// never import web, ingest, config or any pipeline stage.
package sqlite
