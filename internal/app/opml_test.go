package app

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/model"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

func tempSQLite(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "newsdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sourceKeys describes sources by what an export carries.
func sourceKeys(t *testing.T, st store.Store) []string {
	t.Helper()
	list, err := st.ListSources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range list {
		keys = append(keys, strings.Join([]string{s.FeedURL, s.Name, s.SiteURL, s.Section, string(s.Policy)}, " | "))
	}
	slices.Sort(keys)
	return keys
}

func TestOPMLRoundTrip(t *testing.T) {
	cfg := config.Default()
	src := tempSQLite(t)
	for _, s := range []model.Source{
		{Name: "Daily <Politics> & Co", FeedURL: "https://p.example/feed?a=1&b=2", SiteURL: "https://p.example/", Section: "politics"},
		{Name: "Markets Wire", FeedURL: "https://m.example/rss", Section: "business"},
		{Name: "Sport Now", FeedURL: "https://s.example/atom.xml", SiteURL: "https://s.example/", Section: "sports"},
		{Name: "Tech Daily", FeedURL: "https://t.example/feed.json", Section: "technology"},
		{Name: "Second Politics", FeedURL: "https://p2.example/feed", Section: "politics"},
	} {
		s.Policy = model.PolicyExcerpt
		if _, err := src.AddSource(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	var exported bytes.Buffer
	if err := ExportOPML(t.Context(), src, &exported, cfg); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(exported.String(), `text="Politics"`) {
		t.Errorf("no Politics folder in\n%s", exported.String())
	}
	dst := tempSQLite(t)
	var report strings.Builder
	if err := ImportOPML(t.Context(), cfg, dst, writeTemp(t, "export.opml", exported.String()), &report); err != nil {
		t.Fatal(err)
	}
	if got, want := sourceKeys(t, dst), sourceKeys(t, src); !slices.Equal(got, want) {
		t.Errorf("after round trip:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(report.String(), "imported 5 of 5 feeds") {
		t.Errorf("report:\n%s", report.String())
	}
	// Importing again adds nothing and says so.
	report.Reset()
	if err := ImportOPML(t.Context(), cfg, dst, writeTemp(t, "export.opml", exported.String()), &report); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(report.String(), "imported 0 of 5 feeds: 5 already sources") {
		t.Errorf("second import report:\n%s", report.String())
	}
}

func TestImportOPMLSections(t *testing.T) {
	cfg := config.Default()
	doc := `<opml version="2.0"><body>
		<outline text="MARKETS"><outline text="Synonym" xmlUrl="https://a.example/feed"/></outline>
		<outline text="sports"><outline text="Slug" xmlUrl="https://b.example/feed"/></outline>
		<outline text="Knitting"><outline text="Unknown" xmlUrl="https://c.example/feed"/>
			<outline text="Unknown 2" xmlUrl="https://c2.example/feed"/></outline>
		<outline text="No folder" xmlUrl="https://d.example/feed"/>
		<outline text="World" xmlUrl="https://e.example/feed" category="/World/Europe"/>
		<outline text="Dup" xmlUrl="https://a.example/feed"/>
		<outline text="Bad" xmlUrl="javascript:alert(1)"/>
		<outline text="Relative" xmlUrl="/feed"/>
	</body></opml>`
	st := tempSQLite(t)
	var report strings.Builder
	if err := ImportOPML(t.Context(), cfg, st, writeTemp(t, "in.opml", doc), &report); err != nil {
		t.Fatal(err)
	}
	list, _ := st.ListSources(t.Context())
	sections := map[string]string{}
	for _, s := range list {
		sections[s.Name] = s.Section
		if s.Poll.NextCheckAt.IsZero() {
			t.Errorf("%s is not due for a check", s.Name)
		}
	}
	want := map[string]string{"Synonym": "business", "Slug": "sports", "Unknown": "politics", "Unknown 2": "politics", "No folder": "politics", "World": "world"}
	for name, sec := range want {
		if sections[name] != sec {
			t.Errorf("%s went to %q, want %q", name, sections[name], sec)
		}
	}
	if len(list) != len(want) {
		t.Errorf("%d sources, want %d", len(list), len(want))
	}
	for _, s := range []string{`category "Knitting" matches no section`, "already a source", "javascript:alert(1)", "imported 6 of 9 feeds: 1 already sources, 2 unusable URLs, 1 unknown categories"} {
		if !strings.Contains(report.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, report.String())
		}
	}
	if strings.Count(report.String(), "Knitting") != 1 {
		t.Errorf("unknown category reported more than once:\n%s", report.String())
	}
}

func TestImportOPMLErrors(t *testing.T) {
	st := tempSQLite(t)
	var out strings.Builder
	if err := ImportOPML(t.Context(), config.Default(), st, filepath.Join(t.TempDir(), "missing.opml"), &out); err == nil {
		t.Error("a missing file imported")
	}
	if err := ImportOPML(t.Context(), config.Default(), st, writeTemp(t, "x.opml", "<html>nope</html>"), &out); err == nil {
		t.Error("a non-OPML file imported")
	}
}
