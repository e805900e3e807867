package main

import (
	"os"
	"path/filepath"
	"testing"
)

const (
	// goalRate is the target for applicable feedparser assertions
	// in wellformed/, encoding/ and illformed/.
	goalRate = 0.95
	// floorRate is the gate: the test fails below it. The goal is reached
	// (98.1% when it was raised), so the gate is the goal itself.
	floorRate = goalRate
)

func TestFeedparserConformance(t *testing.T) {
	root := filepath.Join(defaultDataDir(), "feedparser-tests")
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but the feedparser suite is missing: %v", err)
		}
		t.Skipf("feedparser suite not available (%v); skipping", err)
	}
	var ours, gf [3]int
	for _, dir := range []string{"wellformed", "encoding", "illformed"} {
		results, err := feedparserResults(root, filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			ours[r.ours]++
			gf[r.gofeed]++
		}
	}
	oursRate := float64(ours[pass]) / float64(ours[pass]+ours[fail])
	gfRate := float64(gf[pass]) / float64(gf[pass]+gf[fail])
	t.Logf("ours %d/%d = %.1f%%, gofeed alone %d/%d = %.1f%% (goal %.0f%%)",
		ours[pass], ours[pass]+ours[fail], 100*oursRate, gf[pass], gf[pass]+gf[fail], 100*gfRate, 100*goalRate)
	if oursRate < floorRate {
		t.Errorf("pass rate %.3f fell below %.2f", oursRate, floorRate)
	}
	if oursRate <= gfRate {
		t.Errorf("pass rate %.3f is not above gofeed alone (%.3f)", oursRate, gfRate)
	}
}

func TestExpectEvaluator(t *testing.T) {
	s := scope{"bozo": false,
		"feed":    map[string]any{"title": "Example", "tags": []any{map[string]any{"term": "a"}}},
		"entries": []any{map[string]any{"title": "x\u2019y", "updated_parsed": []any{int64(2003), int64(12)}}}}
	tests := []struct {
		expr string
		want bool
	}{
		{`not bozo and feed['title'] == u'Example'`, true},
		{`feed['title'] == 'Other'`, false},
		{`entries[0]['title'] == u'x\u2019y'`, true},
		{`entries[0].updated_parsed == (2003, 12)`, true},
		{`len(feed.tags) == 1 and feed.tags[0].term == "a"`, true},
		{`not entries[0].has_key('link')`, true},
		{`entries[0].get('link') is None`, true},
		{`'title' in feed and 'x' not in feed`, true},
		{`feed['missing'] == 'a'`, false},
		{`entries[5]['title'] == 'a'`, false},
	}
	for _, tt := range tests {
		n, err := parseExpr(tt.expr)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		if got, _ := judge(n, s); (got == pass) != tt.want {
			t.Errorf("%s = %v, want %v", tt.expr, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		expr       string
		applicable bool
	}{
		{`not bozo and entries[0]['title'] == 'a'`, true},
		{`not bozo and len(entries[0].tags) == 2`, true},
		{`not bozo and feed['title_detail']['type'] == 'text/plain'`, false},
		{`not bozo and encoding == 'utf-8'`, false},
		{`entries[0]['itunes_block'] == 1`, false},
	}
	for _, tt := range tests {
		n, err := parseExpr(tt.expr)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := classify(n); ok != tt.applicable {
			t.Errorf("%s: applicable = %v, want %v", tt.expr, ok, tt.applicable)
		}
	}
}

func TestSameHTML(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`a<br/>b`, `a<br />b`, true},
		{`<img src="x" alt="y">`, `<img alt="y" src="x" />`, true},
		{`<b>x</b>`, `&lt;b&gt;x&lt;/b&gt;`, false},
		{`<a href="x">t</a>`, `<a href="y">t</a>`, false},
	}
	for _, tt := range tests {
		if got := sameHTML(tt.a, tt.b); got != tt.want {
			t.Errorf("sameHTML(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
