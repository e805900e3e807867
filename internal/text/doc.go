// Package text owns the language plumbing shared by related articles,
// near-duplicate detection and story clustering: splitting text into
// normalised tokens, an English stopword list, and key terms of an article.
//
// It works on plain text (use sanitize.Text for HTML first), does no I/O and
// holds no package-level mutable state. It imports only the standard library
// and golang.org/x/text, and must never import store, config, web or any
// other Newsdesk package.
package text
