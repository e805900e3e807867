package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/newsdesk/newsdesk/internal/extract/meta"
)

// prediction is one page's metadata in score_wcxb.py's input format.
type prediction struct {
	Title       string `json:"title"`
	Author      string `json:"author"`
	PublishDate string `json:"publish_date"`
}

type truth struct {
	URL         string `json:"url"`
	GroundTruth struct {
		Title       *string `json:"title"`
		Author      *string `json:"author"`
		PublishDate *string `json:"publish_date"`
	} `json:"ground_truth"`
}

// tally counts hits over the pages whose ground truth is non-empty.
type tally struct{ title, author, date, nTitle, nAuthor, nDate int }

func (t *tally) add(gt truth, p prediction) (titleOK, authorOK, dateOK bool) {
	if g := normWS(deref(gt.GroundTruth.Title)); g != "" {
		t.nTitle++
		titleOK = normWS(p.Title) == g
		t.title += b2i(titleOK)
	}
	if g := normWS(deref(gt.GroundTruth.Author)); g != "" {
		t.nAuthor++
		authorOK = normWS(p.Author) == g
		t.author += b2i(authorOK)
	}
	if g := normWS(deref(gt.GroundTruth.PublishDate)); g != "" {
		t.nDate++
		dateOK = dateMatch(normWS(p.PublishDate), g)
		t.date += b2i(dateOK)
	}
	return
}

func runWCXB(dir, dump, misses string, baseline bool) error {
	files, err := filepath.Glob(filepath.Join(dir, "ground-truth", "*.json"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no ground truth under %s (the data set is read from ../shared/data)", dir)
	}
	sort.Strings(files)
	var ours, theirs tally
	preds := map[string]prediction{}
	start := time.Now()
	var spent time.Duration
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		gt, page, err := loadWCXB(dir, id)
		if err != nil {
			return err
		}
		t0 := time.Now()
		p := predict(page, gt.URL)
		spent += time.Since(t0)
		preds[id] = p
		tOK, aOK, dOK := ours.add(gt, p)
		printMiss(misses, id, gt, p, tOK, aOK, dOK)
		if baseline {
			theirs.add(gt, predictReadability(page, gt.URL))
		}
	}
	fmt.Printf("wcxb-dev: %d pages (meta.Extract %.1f ms/page; total %s)\n", len(files), float64(spent.Microseconds())/1000/float64(len(files)), time.Since(start).Round(time.Second))
	fmt.Println("| extractor | title exact | author exact | publish date (same day) |")
	fmt.Println("|---|---|---|---|")
	printTally("newsdesk meta", ours)
	if baseline {
		printTally("readeck go-readability v2.1.3", theirs)
	}
	if dump != "" {
		b, err := json.MarshalIndent(preds, "", " ")
		if err != nil {
			return fmt.Errorf("encode predictions: %w", err)
		}
		if err := os.WriteFile(dump, b, 0o644); err != nil {
			return fmt.Errorf("write predictions: %w", err)
		}
	}
	return nil
}

func printTally(name string, t tally) {
	fmt.Printf("| %s | %d/%d = %.1f%% | %d/%d = %.1f%% | %d/%d = %.1f%% |\n", name,
		t.title, t.nTitle, pct(t.title, t.nTitle), t.author, t.nAuthor, pct(t.author, t.nAuthor), t.date, t.nDate, pct(t.date, t.nDate))
}

func printMiss(field, id string, gt truth, p prediction, tOK, aOK, dOK bool) {
	switch {
	case field == "title" && !tOK && deref(gt.GroundTruth.Title) != "":
		fmt.Printf("%s\t%q\t%q\t%s\n", id, deref(gt.GroundTruth.Title), p.Title, gt.URL)
	case field == "author" && !aOK && deref(gt.GroundTruth.Author) != "":
		fmt.Printf("%s\t%q\t%q\t%s\n", id, deref(gt.GroundTruth.Author), p.Author, gt.URL)
	case field == "date" && !dOK && deref(gt.GroundTruth.PublishDate) != "":
		fmt.Printf("%s\t%q\t%q\t%s\n", id, deref(gt.GroundTruth.PublishDate), p.PublishDate, gt.URL)
	}
}

func loadWCXB(dir, id string) (truth, []byte, error) {
	var gt truth
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth", id+".json"))
	if err != nil {
		return gt, nil, fmt.Errorf("read ground truth %s: %w", id, err)
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return gt, nil, fmt.Errorf("decode ground truth %s: %w", id, err)
	}
	f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
	if err != nil {
		return gt, nil, fmt.Errorf("open page %s: %w", id, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return gt, nil, fmt.Errorf("gunzip page %s: %w", id, err)
	}
	page, err := io.ReadAll(zr)
	if err != nil {
		return gt, nil, fmt.Errorf("read page %s: %w", id, err)
	}
	return gt, page, nil
}

func predict(page []byte, pageURL string) prediction {
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return prediction{}
	}
	m := meta.Extract(root, pageURL)
	p := prediction{Title: m.Title, Author: joinAuthors(m.Authors)}
	if !m.Published.IsZero() {
		p.PublishDate = m.Published.Format("2006-01-02")
	}
	return p
}

func predictReadability(page []byte, pageURL string) prediction {
	u, _ := url.Parse(pageURL)
	a, err := readability.FromReader(bytes.NewReader(page), u)
	if err != nil {
		return prediction{}
	}
	p := prediction{Title: a.Title(), Author: a.Byline()}
	if t, err := a.PublishedTime(); err == nil && !t.IsZero() {
		p.PublishDate = t.Format("2006-01-02")
	}
	return p
}

// joinAuthors writes names the way bylines do: "A", "A and B", "A, B, C".
func joinAuthors(names []string) string {
	if len(names) == 2 {
		return names[0] + " and " + names[1]
	}
	return strings.Join(names, ", ")
}

var (
	isoLike = regexp.MustCompile(`(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?`)
)

// normWS is score_wcxb.py's norm_ws: runs of whitespace to one space,
// trimmed. Python's \s on str matches Unicode spaces (no-break, ideographic)
// too, which Go's regexp \s does not, hence strings.Fields.
func normWS(s string) string { return strings.Join(strings.Fields(s), " ") }

// dateMatch is score_wcxb.py's date_match: the first YYYY[-MM[-DD]] in each
// must agree at the ground truth's precision.
func dateMatch(pred, gt string) bool {
	g, p := isoLike.FindStringSubmatch(gt), isoLike.FindStringSubmatch(pred)
	if g == nil || p == nil {
		return false
	}
	for i := 1; i <= 3; i++ {
		if g[i] == "" {
			continue
		}
		if atoi(g[i]) != atoi(p[i]) || p[i] == "" {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func pct(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return 100 * float64(a) / float64(n)
}
