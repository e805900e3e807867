package feed

import "strings"

// Namespace keys of the vocabularies the readers understand.
const (
	nsXML = "http://www.w3.org/XML/1998/namespace"

	keyAtom    = "atom"
	keyAtom03  = "atom03"
	keyRSS10   = "rss10"
	keyRSS09   = "rss09"
	keyRDF     = "rdf"
	keyDC      = "dc"
	keyDCTerms = "dcterms"
	keyContent = "content"
	keyMedia   = "media"
	keyITunes  = "itunes"
	keyXHTML   = "xhtml"
	keySy      = "sy"
)

// knownNamespaces maps namespace URIs, lower-cased and without a trailing
// slash or hash, to their key. Several vocabularies have more than one URI
// in use.
var knownNamespaces = map[string]string{
	"http://www.w3.org/2005/atom":                         keyAtom,
	"http://purl.org/atom/ns":                             keyAtom03,
	"http://purl.org/rss/1.0":                             keyRSS10,
	"http://my.netscape.com/rdf/simple/0.9":               keyRSS09,
	"http://www.w3.org/1999/02/22-rdf-syntax-ns":          keyRDF,
	"http://purl.org/dc/elements/1.1":                     keyDC,
	"http://purl.org/dc/elements/1.0":                     keyDC,
	"http://purl.org/dc/terms":                            keyDCTerms,
	"http://purl.org/rss/1.0/modules/content":             keyContent,
	"http://search.yahoo.com/mrss":                        keyMedia,
	"http://search.yahoo.com/rss":                         keyMedia,
	"http://video.search.yahoo.com/mrss":                  keyMedia,
	"http://www.itunes.com/dtds/podcast-1.0.dtd":          keyITunes,
	"http://example.com/dtds/podcast-1.0.dtd":             keyITunes,
	"http://www.w3.org/1999/xhtml":                        keyXHTML,
	"http://purl.org/rss/1.0/modules/syndication":         keySy,
	"http://backend.userland.com/rss2":                    "",
	"http://blogs.law.harvard.edu/tech/rss":               "",
	"http://backend.userland.com/rss":                     "",
	"http://purl.org/net/rss1.1":                          keyRSS10,
	"http://purl.org/rss/1.0/modules/rss091":              "",
	"http://purl.org/rss/2.0":                             "",
	"http://channel.netscape.com/rdf/simple/0.9":          keyRSS09,
	"http://my.netscape.com/publish/formats/rss-0.91.dtd": "",
}

// commonPrefixes are the prefixes feeds use without declaring them.
var commonPrefixes = map[string]string{
	"atom": keyAtom, "dc": keyDC, "dcterms": keyDCTerms, "content": keyContent,
	"media": keyMedia, "itunes": keyITunes, "rdf": keyRDF, "xhtml": keyXHTML, "sy": keySy,
}

// nsKey reduces a namespace as the decoder resolved it to a key.
func nsKey(space string) string {
	if space == "" {
		return ""
	}
	if !strings.Contains(space, ":") {
		// An undeclared prefix: the decoder leaves it as written.
		if k, ok := commonPrefixes[strings.ToLower(space)]; ok {
			return k
		}
		return space
	}
	norm := strings.TrimRight(strings.ToLower(strings.TrimSpace(space)), "/#")
	if k, ok := knownNamespaces[norm]; ok {
		return k
	}
	return space
}
