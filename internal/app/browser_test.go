package app

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium returns Debian's Chromium, or skips the test where there is
// none; under CI a missing browser is a failure, because .ci/run installs it.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium on this CI machine: .ci/run should have installed Debian's chromium package")
	}
	t.Skip("no Chromium here: install Debian's chromium package to run the real-browser test")
	return ""
}

// TestBrowserHomeSearchArticle drives headless Chromium through what a
// reader does first: open the home page, search, open a result.
func TestBrowserHomeSearchArticle(t *testing.T) {
	chromium := findChromium(t)
	d := startDemo(t, -1)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	read := func(what string, action chromedp.Action[string]) string {
		t.Helper()
		v, err := chromedp.Run(ctx, action)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}

	step("open home", chromedp.Navigate(d.url+"/"), chromedp.WaitVisible(chromedp.CSS(`#site-search-q`)))
	homeTitle := read("home title", chromedp.Title())
	placeholder, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#site-search-q`), "placeholder"))
	if err != nil {
		t.Fatalf("read the search box: %v", err)
	}
	if !strings.Contains(homeTitle, "Newsdesk Network") || placeholder.Value != "Hi, what are you looking for?" {
		t.Fatalf("home title %q, search placeholder %q", homeTitle, placeholder.Value)
	}

	a := d.firstArticle(t, "The Harbor Ledger")
	query := longestWord(a.Title)
	step("search for "+query,
		chromedp.SendKeys(chromedp.CSS(`#site-search-q`), query),
		chromedp.Submit(chromedp.CSS(`#site-search-q`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.results`)),
	)
	if resultCount := read("result count", chromedp.Text(chromedp.CSS(`.result-count`))); !strings.Contains(resultCount, "result") {
		t.Fatalf("search for %q: result count reads %q", query, resultCount)
	}

	step("open the first result",
		chromedp.Click(chromedp.CSS(`ol.results .card-title a`)),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)),
	)
	location := read("location", chromedp.Location())
	articleHeadline := read("headline", chromedp.Text(chromedp.CSS(`main h1`)))
	attribution := read("article text", chromedp.Text(chromedp.CSS(`main`)))
	if !strings.Contains(location, "/article/") || articleHeadline == "" {
		t.Fatalf("the first result led to %s with headline %q", location, articleHeadline)
	}
	if !strings.Contains(attribution, "appeared first on") && !strings.Contains(attribution, "Read the full story at") &&
		!strings.Contains(attribution, "Read at") {
		t.Errorf("the article page at %s names no origin; main reads %q", location, attribution[:min(len(attribution), 300)])
	}
}
