package extract

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestHostile feeds pages built to hurt: each must give a result or a clear
// error within a time and allocation bound, and never panic.
func TestHostile(t *testing.T) {
	para := "<p>" + sampleProse + "</p>\n"
	tenMB := strings.Repeat(para, (10<<20)/len(para)-8)
	tests := []struct {
		name     string
		page     string
		opts     Options
		wantErr  error
		wantText string
		maxAlloc uint64
	}{
		{name: "10 MB page", page: "<html><body><article>" + tenMB + "</article></body></html>",
			wantText: "harbour wall", maxAlloc: 400 << 20},
		{name: "binary bytes", page: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + sampleProse, wantErr: ErrNotText, maxAlloc: 1 << 20},
		{name: "over the bound", page: tenMB + tenMB[:1<<20], wantErr: ErrTooLarge, maxAlloc: 1 << 20},
		{name: "100,000 nested divs", page: strings.Repeat("<div>", 100000) + sampleProse + strings.Repeat("</div>", 100000),
			wantText: "harbour wall", maxAlloc: 200 << 20},
		{name: "100,000 nested inline elements", page: strings.Repeat("<b><i>", 50000) + sampleProse,
			wantText: "harbour wall", maxAlloc: 400 << 20},
		{name: "100,000 unclosed tables", page: strings.Repeat("<table><tr><td>", 33000) + sampleProse,
			maxAlloc: 400 << 20},
		{name: "100,000 nested lists", page: strings.Repeat("<ul><li>", 50000) + sampleProse,
			wantText: "harbour wall", maxAlloc: 400 << 20},
		{name: "3,000 story teasers", page: "<article>" + para + para + "</article><ul>" +
			strings.Repeat(`<li><a href="/s">A headline of some words</a> a summary of the story in a line.</li>`, 3000) + "</ul>",
			wantText: "harbour wall", maxAlloc: 400 << 20},
		{name: "600 copies of a section", page: strings.Repeat(`<div class="copy sidebar">`+para+para+para+para+`</div>`, 600),
			wantText: "harbour wall", maxAlloc: 400 << 20},
		{name: "2,000 nested furniture sections with prose", page: strings.Repeat(`<div class="nav-section">`+para, 2000),
			wantText: "harbour wall", maxAlloc: 400 << 20},
		{name: "2,000 streamed segments", page: "<main>" + strings.Repeat(`<template id="P:1"></template>`, 2000) + "</main>" +
			strings.Repeat(`<div hidden id="S:1">`+para+`</div>`, 2000),
			wantText: "harbour wall", maxAlloc: 400 << 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := []byte(tc.page)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			res, err := Extract(page, tc.opts)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatalf("Extract: %v", err)
			} else if tc.wantText != "" && !strings.Contains(res.Text, tc.wantText) {
				t.Errorf("text lacks %q (got %d bytes)", tc.wantText, len(res.Text))
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > tc.maxAlloc {
				t.Errorf("allocated %d MB, bound %d MB", alloc>>20, tc.maxAlloc>>20)
			}
			if elapsed > 20*time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}

// TestLegacyCharset checks that ExtractReader decodes a windows-1252 page
// declared in <meta> and an ISO-8859-1 page declared only over HTTP.
func TestLegacyCharset(t *testing.T) {
	body := "<p>Caf\xe9 cr\xe8me: " + sampleProse + "</p>"
	tests := []struct {
		name, page, contentType string
	}{
		{"meta charset", `<html><head><meta charset="windows-1252"></head><body><article>` + body + `</article></body></html>`, "text/html"},
		{"HTTP header", `<html><body><article>` + body + `</article></body></html>`, "text/html; charset=iso-8859-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ExtractReader(bytes.NewReader([]byte(tc.page)), tc.contentType, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(res.Text, "Café crème") {
				t.Errorf("text not decoded: %q", res.Text)
			}
		})
	}
}

func TestExtractReaderBound(t *testing.T) {
	_, err := ExtractReader(strings.NewReader(strings.Repeat("a", 2000)), "", Options{MaxBytes: 1000})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

// An error names the page, and a URL's escapes stay as written.
func TestErrorNamesThePage(t *testing.T) {
	_, err := Extract([]byte("\x00\x01binary"), Options{URL: "https://example.com/a%2Fb"})
	if !errors.Is(err, ErrNotText) || err.Error() != "extract https://example.com/a%2Fb: not a text page (binary bytes)" {
		t.Errorf("err = %v", err)
	}
	_, err = Extract([]byte("\x00\x01binary"), Options{})
	if err == nil || err.Error() != "extract: not a text page (binary bytes)" {
		t.Errorf("without a URL: err = %v", err)
	}
}
