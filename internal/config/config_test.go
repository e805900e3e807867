package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	build := Flags(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	return build()
}

func TestPrecedenceFlagsOverEnvOverFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "newsdesk.json")
	body := `{"site_name": "From File", "tagline": "file tagline", "page_size": 7, "addr": "127.0.0.1:1",
	  "sections": [{"slug": "local", "name": "Local", "synonyms": ["City"]}],
	  "social": [{"name": "Fediverse", "url": "https://example.org/@n"}]}`
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEWSDESK_SITE_NAME": "From Env", "NEWSDESK_TAGLINE": "env tagline"}
	c, err := load(t, env, "--config", file, "--site-name", "From Flag", "--poll-interval", "90s")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"flag beats env", c.SiteName, "From Flag"},
		{"env beats file", c.Tagline, "env tagline"},
		{"file beats default", c.Addr, "127.0.0.1:1"},
		{"duration flag", c.PollInterval.String(), (90 * time.Second).String()},
		{"sections from file", c.Sections[0].Slug, "local"},
		{"social from file", c.Social[0].Name, "Fediverse"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: got %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	if c.PageSize != 7 {
		t.Errorf("page size from file: got %d, want 7", c.PageSize)
	}
}

func TestBooleanFlagNeedsNoValue(t *testing.T) {
	c, err := load(t, nil, "--allow-private-networks", "--db", "x.db")
	if err != nil || !c.AllowPrivateNetworks || c.DB != "x.db" {
		t.Fatalf("got %v, allow=%v db=%q", err, c.AllowPrivateNetworks, c.DB)
	}
	c, err = load(t, map[string]string{"NEWSDESK_ALLOW_PRIVATE_NETWORKS": "1"}, "--allow-private-networks=false")
	if err != nil || c.AllowPrivateNetworks {
		t.Fatalf("an explicit false flag must beat the environment: %v, %v", err, c.AllowPrivateNetworks)
	}
}

func TestBadValuesSayWhatToDo(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"bad duration flag", nil, []string{"--poll-interval", "soon"}, "duration"},
		{"bad env number", map[string]string{"NEWSDESK_WORKERS": "many"}, nil, "NEWSDESK_WORKERS"},
		{"bad time zone", nil, []string{"--time-zone", "Mars/Olympus"}, "IANA"},
		{"zero workers", nil, []string{"--workers", "0"}, "workers"},
		{"unknown copies choice", nil, []string{"--copies", "merge"}, "use hide or list"},
		{"missing file", nil, []string{"--config", "/nonexistent/newsdesk.json"}, "read config file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.env, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestUnknownFileKeyIsAnError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c.json")
	if err := os.WriteFile(file, []byte(`{"site_nmae": "typo"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := load(t, nil, "--config", file)
	if err == nil || !strings.Contains(err.Error(), "site_nmae") {
		t.Fatalf("got %v, want an error naming the unknown key", err)
	}
}

func TestDumpListsEveryOption(t *testing.T) {
	out := Default().Dump()
	for _, o := range options {
		if !strings.Contains(out, o.name) {
			t.Errorf("dump lacks %s", o.name)
		}
	}
	if !strings.Contains(out, "Politics") {
		t.Error("dump lacks the sections")
	}
}

func TestSectionSlug(t *testing.T) {
	c := Default()
	if got := c.SectionSlug("TECHNOLOGY"); got != "technology" {
		t.Errorf("by name: got %q", got)
	}
	if got := c.SectionSlug("gardening"); got != "" {
		t.Errorf("unknown: got %q", got)
	}
}
