package app

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func runCluster(t *testing.T, input string) []clusterOut {
	t.Helper()
	var out strings.Builder
	if err := ClusterStream(strings.NewReader(input), &out); err != nil {
		t.Fatalf("ClusterStream: %v", err)
	}
	var res []clusterOut
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		var o clusterOut
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("bad output line %q: %v", sc.Text(), err)
		}
		res = append(res, o)
	}
	return res
}

func TestClusterStreamIDEcho(t *testing.T) {
	in := `{"id": "a-1", "title": "Storm hits the coast"}
{"id": 42, "title": "Budget passes"}
{"id": 1.5e3, "title": "x"}
{"id":"\u00e9", "title": "y"}
`
	want := []string{`"a-1"`, `42`, `1.5e3`, `"\u00e9"`}
	got := runCluster(t, in)
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d", len(got), len(want))
	}
	for i, w := range want {
		if string(got[i].ID) != w {
			t.Errorf("line %d: id %s, want %s", i+1, got[i].ID, w)
		}
		if got[i].Story == "" {
			t.Errorf("line %d: empty story", i+1)
		}
	}
}

func TestClusterStreamErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"not json", "{\"id\":1,\"title\":\"a\"}\nnope\n", "line 2"},
		{"no id", `{"title":"a"}`, "line 1: \"id\""},
		{"object id", `{"id":{},"title":"a"}`, "line 1: \"id\""},
		{"bad time", `{"id":1,"title":"a","published":"yesterday"}`, "RFC 3339"},
		{"too long", `{"id":1,"title":"` + strings.Repeat("a", maxClusterLine) + `"}`, "line 1 is longer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ClusterStream(strings.NewReader(tt.in), &strings.Builder{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func line(id int, title, text, published string) string {
	b, _ := json.Marshal(map[string]any{"id": id, "title": title, "text": text, "published": published})
	return string(b) + "\n"
}

// Earlier answers never depend on later lines: cutting the stream or
// replacing its tail leaves the answers for the prefix unchanged.
func TestClusterStreamOnline(t *testing.T) {
	var prefix strings.Builder
	titles := []string{
		"Floods force thousands from homes in river valley",
		"River valley floods: thousands leave their homes",
		"Central bank raises interest rates again",
		"Interest rates raised by central bank for third time",
		"Thousands evacuated as river valley floods worsen",
	}
	for i, ti := range titles {
		prefix.WriteString(line(i, ti, "", "2026-01-01T10:00:00Z"))
	}
	base := runCluster(t, prefix.String())
	tails := []string{
		"",
		line(10, "Floods in river valley", "", "2026-01-01T11:00:00Z"),
		line(11, "Something else entirely", "", "2030-01-01T11:00:00Z") + line(12, "central bank rates", "", "2026-01-01T11:00:00Z"),
	}
	for i, tail := range tails {
		got := runCluster(t, prefix.String()+tail)
		for j := range base {
			if string(got[j].ID) != string(base[j].ID) || got[j].Story != base[j].Story {
				t.Errorf("tail %d changed answer %d: %v -> %v", i, j, base[j], got[j])
			}
		}
	}
	if base[0].Story != base[1].Story || base[2].Story != base[3].Story || base[0].Story == base[2].Story {
		t.Errorf("unexpected clustering of the prefix: %+v", base)
	}
}

func TestClusterStreamStories(t *testing.T) {
	tests := []struct {
		name     string
		a, b     [2]string // title, lead
		together bool
	}{
		{"same event in different words",
			[2]string{"Earthquake of magnitude 6.8 strikes off Chilean coast", "A strong earthquake struck off the coast of Chile on Tuesday, shaking buildings in Valparaiso."},
			[2]string{"Strong quake shakes Chile's coast, buildings sway in Valparaiso", "The earthquake, magnitude 6.8, hit offshore; residents of Valparaiso ran into the streets."},
			true},
		{"unrelated articles sharing only a person's name",
			[2]string{"Taylor Swift announces stadium tour dates", "The singer will play twelve stadiums across Europe next summer."},
			[2]string{"Taylor Swift donates to flood relief", "A charity in Tennessee received a gift for families who lost their homes."},
			false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := line(1, tt.a[0], tt.a[1], "2026-03-01T08:00:00Z") + line(2, tt.b[0], tt.b[1], "2026-03-01T09:00:00Z")
			got := runCluster(t, in)
			if same := got[0].Story == got[1].Story; same != tt.together {
				t.Errorf("together = %v, want %v (%s, %s)", same, tt.together, got[0].Story, got[1].Story)
			}
		})
	}
}

func FuzzClusterStream(f *testing.F) {
	f.Add(`{"id":1,"title":"a b c"}` + "\n" + `{"id":"x","title":"a b d","published":"2026-01-01T00:00:00Z"}`)
	f.Add("{}\n\n[]")
	f.Add(`{"id":-1e9,"title":"\u0000","text":"` + strings.Repeat("word ", 100) + `"}`)
	f.Fuzz(func(t *testing.T, in string) {
		var out strings.Builder
		err := ClusterStream(strings.NewReader(in), &out)
		if err == nil {
			n := strings.Count(out.String(), "\n")
			if n > strings.Count(in, "\n")+1 {
				t.Fatalf("%d answers for %q", n, in)
			}
		}
		_ = fmt.Sprint(err)
	})
}
