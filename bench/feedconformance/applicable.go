package main

import (
	"strings"
)

// An Expect assertion is applicable when every field it reads is one that
// Newsdesk keeps. applicablePaths lists those, as root.key.key with list
// indexes dropped.
var applicablePaths = map[string]bool{
	"bozo": true, "entries": true, "feed": true,

	"feed.title": true, "feed.title_detail.value": true, "feed.link": true,
	"feed.language": true, "feed.id": true, "feed.guid": true,
	"feed.subtitle": true, "feed.tagline": true, "feed.description": true,
	"feed.subtitle_detail.value": true, "feed.tagline_detail.value": true,
	"feed.updated_parsed": true, "feed.modified_parsed": true,
	"feed.image.href": true, "feed.image.url": true,
	"feed.tags.term": true, "feed.category": true,

	"entries.title": true, "entries.title_detail.value": true, "entries.link": true,
	"entries.id": true, "entries.guid": true,
	"entries.published_parsed": true, "entries.updated_parsed": true,
	"entries.issued_parsed": true, "entries.modified_parsed": true, "entries.date_parsed": true,
	"entries.author": true, "entries.author_detail.name": true, "entries.authors.name": true,
	"entries.summary": true, "entries.description": true, "entries.summary_detail.value": true,
	"entries.content.value": true,
	"entries.tags":          true, "entries.tags.term": true, "entries.category": true,
	"entries.enclosures": true, "entries.enclosures.href": true,
	"entries.enclosures.type": true, "entries.enclosures.length": true,
	"entries.media_thumbnail.url": true, "entries.image.href": true,
}

// exclusion is one kind of assertion left out, with why.
type exclusion struct{ kind, reason string }

// classify returns the first exclusion an expression hits, or ok.
func classify(n node) (exclusion, bool) {
	var found *exclusion
	var visit func(node) bool
	visit = func(x node) bool {
		if found != nil {
			return false
		}
		if c, ok := x.(callNode); ok {
			if fn, ok := c.fn.(nameNode); ok && (fn.name == "len" || fn.name == "ord") {
				for _, a := range c.args {
					walk(a, func(y node) bool { return visit(y) })
				}
				return false
			}
		}
		root, keys, isPath := pathOf(x)
		if !isPath {
			if c, ok := x.(callNode); ok {
				if fn, ok := c.fn.(attrNode); ok && fn.name != "get" && fn.name != "has_key" {
					found = &exclusion{"call ." + fn.name, "method call outside the supported subset"}
				}
				if fn, ok := c.fn.(nameNode); ok && fn.name != "len" && fn.name != "ord" {
					found = &exclusion{"call " + fn.name + "()", excludedName(fn.name)}
				}
			}
			return true
		}
		p := strings.Join(append([]string{root}, keys...), ".")
		if root != "feed" && root != "entries" && root != "bozo" {
			found = &exclusion{root, excludedName(root)}
			return false
		}
		if !applicablePaths[p] {
			e := excludedPath(root, keys)
			found = &e
		}
		return false
	}
	walk(n, visit)
	if found != nil {
		return *found, false
	}
	return exclusion{}, true
}

// pathOf reads feed['a'][0].b or entries[0].get('a') as a root and keys.
func pathOf(n node) (string, []string, bool) {
	switch n := n.(type) {
	case nameNode:
		return n.name, nil, true
	case indexNode:
		root, keys, ok := pathOf(n.x)
		if !ok {
			return "", nil, false
		}
		if l, isLit := n.key.(litNode); isLit {
			if s, isStr := l.v.(string); isStr {
				return root, append(keys, s), true
			}
			return root, keys, true
		}
		if _, isNeg := n.key.(negNode); isNeg {
			return root, keys, true
		}
		return "", nil, false
	case attrNode:
		root, keys, ok := pathOf(n.x)
		if !ok {
			return "", nil, false
		}
		return root, append(keys, n.name), true
	case callNode:
		at, ok := n.fn.(attrNode)
		if !ok || (at.name != "get" && at.name != "has_key") || len(n.args) == 0 {
			return "", nil, false
		}
		root, keys, ok := pathOf(at.x)
		l, isLit := n.args[0].(litNode)
		if !ok || !isLit {
			return "", nil, false
		}
		s, _ := l.v.(string)
		return root, append(keys, s), true
	}
	return "", nil, false
}

// walk calls fn on n and, while fn returns true, on its children.
func walk(n node, fn func(node) bool) {
	if !fn(n) {
		return
	}
	switch n := n.(type) {
	case notNode:
		walk(n.x, fn)
	case negNode:
		walk(n.x, fn)
	case boolNode:
		for _, x := range n.xs {
			walk(x, fn)
		}
	case compareNode:
		for _, x := range n.xs {
			walk(x, fn)
		}
	case addNode:
		walk(n.l, fn)
		walk(n.r, fn)
	case indexNode:
		walk(n.x, fn)
		walk(n.key, fn)
	case attrNode:
		walk(n.x, fn)
	case callNode:
		walk(n.fn, fn)
		for _, a := range n.args {
			walk(a, fn)
		}
	case seqNode:
		for _, x := range n.xs {
			walk(x, fn)
		}
	case dictNode:
		for _, x := range n.vals {
			walk(x, fn)
		}
	}
}

func excludedName(name string) string {
	switch name {
	case "encoding":
		return "the name of the detected encoding is not kept (the decoded text is checked instead)"
	case "version":
		return "the feed format version is not kept"
	case "headers", "etag", "modified", "modified_parsed", "status", "href", "newlocation":
		return "HTTP response metadata belongs to the fetcher, not the parser"
	case "namespaces":
		return "namespace prefixes are not kept"
	case "locals", "datetime":
		return "Python interpreter state"
	}
	return "not part of the parse result we keep"
}

// excludedPath names the kind of a non-applicable field and why.
func excludedPath(root string, keys []string) exclusion {
	if len(keys) == 0 {
		return exclusion{root, "not part of the parse result we keep"}
	}
	first := keys[0]
	kind := root + "." + first
	switch {
	case strings.HasSuffix(first, "_detail") && len(keys) > 1:
		kind = root + ".*_detail." + keys[1]
		switch keys[1] {
		case "type":
			return exclusion{kind, "the content type of each element is not kept (titles are text, bodies HTML)"}
		case "language":
			return exclusion{kind, "xml:lang per element is not kept (one language per feed and item)"}
		case "base":
			return exclusion{kind, "xml:base per element is not kept (relative URLs are resolved instead)"}
		case "email", "url", "href":
			return exclusion{kind, "author email and homepage are not kept (only the name)"}
		}
		if first == "author_detail" || first == "publisher_detail" {
			return exclusion{root + "." + first, "feed-level author and publisher are not kept"}
		}
		return exclusion{root + "." + first, "field not kept"}
	case first == "content" || first == "summary_detail" || first == "title_detail":
		return exclusion{kind + "." + strings.Join(keys[1:], "."), "only the value of content is kept, not its type, language or base"}
	case first == "links":
		return exclusion{kind, "the list of links is not kept (only the main link, enclosures and hub/self URLs)"}
	case first == "authors" || first == "author" && root == "feed" || first == "author_detail":
		return exclusion{kind, "author email/URL and feed-level authors are not kept"}
	case first == "published" || first == "updated" || first == "created" || first == "issued" || first == "modified" || first == "date":
		return exclusion{kind, "raw date strings are not kept (dates are checked as parsed times)"}
	case strings.HasSuffix(first, "_parsed"):
		return exclusion{kind, "this kind of date is not kept"}
	case strings.HasPrefix(first, "itunes_"):
		return exclusion{root + ".itunes_*", "iTunes podcast metadata is not kept"}
	case strings.HasPrefix(first, "media_"):
		return exclusion{root + ".media_*", "Media RSS beyond the image is not kept"}
	case first == "tags" || first == "enclosures" || first == "image":
		return exclusion{kind + "." + strings.Join(keys[1:], "."), "only category terms, enclosure URL/type/length and the image URL are kept"}
	case first == "where" || strings.HasPrefix(first, "geo") || strings.HasPrefix(first, "georss"):
		return exclusion{root + ".where", "geographic data is not kept"}
	}
	return exclusion{kind, "field not kept by Newsdesk"}
}
