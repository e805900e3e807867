package search

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"time"
)

// TestIndexQueryTimes times one class of a searchscale query mix over an
// index a searchscale run kept (-keep), in this process: each query's
// fastest of SEARCH_TIMES_ROUNDS runs (default 20) and their sum. The
// fastest run is the figure least moved by other work on a shared
// machine, so two builds of the package compare within minutes:
//
//	SEARCH_TIMES_INDEX=DIR/ours-1000000 SEARCH_TIMES_MIX=PREFIX-1000000-seed1.json \
//	SEARCH_TIMES_CLASS=two-terms GOMAXPROCS=1 go test -run TestIndexQueryTimes -v ./internal/search
//
// It skips unless SEARCH_TIMES_INDEX is set.
func TestIndexQueryTimes(t *testing.T) {
	dir, mix := os.Getenv("SEARCH_TIMES_INDEX"), os.Getenv("SEARCH_TIMES_MIX")
	if dir == "" {
		t.Skip("SEARCH_TIMES_INDEX not set")
	}
	var qs []struct {
		Class, Text, Section string
		From, To             time.Time
		SortByDate           bool
		Limit                int
	}
	b, err := os.ReadFile(mix)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &qs); err != nil {
		t.Fatal(err)
	}
	rounds := 20
	if r, err := strconv.Atoi(os.Getenv("SEARCH_TIMES_ROUNDS")); err == nil && r > 0 {
		rounds = r
	}
	class := os.Getenv("SEARCH_TIMES_CLASS")
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fastest := map[string]time.Duration{}
	var order []string
	for r := 0; r < rounds; r++ {
		for _, q := range qs {
			if class != "" && q.Class != class {
				continue
			}
			start := time.Now()
			if _, err := x.Search(Query{Text: q.Text, Section: q.Section, From: q.From, To: q.To, SortByDate: q.SortByDate, Limit: q.Limit}); err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			if f, ok := fastest[q.Text]; !ok || took < f {
				if !ok {
					order = append(order, q.Text)
				}
				fastest[q.Text] = took
			}
		}
	}
	var sum time.Duration
	for _, q := range order {
		t.Logf("%-30q fastest %v", q, fastest[q])
		sum += fastest[q]
	}
	t.Logf("sum of the fastest: %v", sum)
}
