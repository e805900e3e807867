package sanitize

import (
	"net/url"
	"strings"
)

// parseBase returns baseURL as an absolute http(s) URL, or nil when it is
// unusable; without a base, relative references are dropped rather than left
// to point into our own site.
func parseBase(baseURL string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil || !isWebScheme(u.Scheme) || u.Host == "" {
		return nil
	}
	return u
}

func isWebScheme(scheme string) bool {
	s := strings.ToLower(scheme)
	return s == "http" || s == "https"
}

// resolveURL resolves a publisher's href/src against base and reports whether
// the result is safe to emit. Values with control characters are refused
// outright: browsers strip tabs and newlines inside URLs, which is how
// "jav&#x09;ascript:" slips past naive scheme checks.
func resolveURL(base *url.URL, raw string, allowMailto bool) (string, bool) {
	s := strings.TrimSpace(raw)
	if s == "" || len(s) > maxURLBytes || hasControl(s) {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	switch {
	case u.Scheme != "":
		// absolute already
	case base != nil:
		u = base.ResolveReference(u)
	case strings.HasPrefix(s, "//"):
		u.Scheme = "https"
	default:
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme == "mailto" && allowMailto:
		return u.String(), true
	case isWebScheme(scheme) && u.Host != "":
		u.Scheme = scheme
		return u.String(), true
	}
	return "", false
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}
