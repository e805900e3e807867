package meta

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func extract(t testing.TB, page, pageURL string) Metadata {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return Extract(root, pageURL)
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name      string
		url       string // the page's address; https://example.com/news/1 when empty
		page      string
		title     string
		authors   string
		published string // 2006-01-02 in the page's zone
		check     func(t *testing.T, m Metadata)
	}{
		{
			name: "json-ld graph with nested authors",
			page: `<html lang="en-GB"><head><title>Rates rise again | Daily Planet</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Daily Planet"},
 {"@type":["NewsArticle"],"headline":"Rates rise again","datePublished":"2025-03-04T23:30:00-05:00",
  "dateModified":"2025-03-05T08:00:00Z","image":[{"@type":"ImageObject","url":"/img/lead.jpg"}],
  "author":[{"@type":"Person","name":"Lois Lane"},{"@type":"Person","name":"Clark Kent"}],
  "publisher":{"@type":"Organization","name":"Daily Planet"}}]}</script></head>
<body><h1>Rates rise again</h1></body></html>`,
			title: "Rates rise again", authors: "Lois Lane|Clark Kent", published: "2025-03-04",
			check: func(t *testing.T, m Metadata) {
				if m.LeadImage != "https://example.com/img/lead.jpg" || m.SiteName != "Daily Planet" || m.Lang != "en-GB" {
					t.Errorf("image %q site %q lang %q", m.LeadImage, m.SiteName, m.Lang)
				}
				if m.Modified.IsZero() {
					t.Error("no modified time")
				}
			},
		},
		{
			name: "opengraph with site suffix and article meta",
			page: `<head><title>Ignored</title><meta property="og:title" content="Budget talks stall - The Courier">
<meta property="og:site_name" content="The Courier"><meta property="article:published_time" content="2024-11-02T10:00:00+01:00">
<meta name="author" content="By Jane Roe, Staff Writer"><meta name="description" content="What happened.">
<meta property="og:image" content="https://cdn.example.com/a.png"></head>`,
			title: "Budget talks stall", authors: "Jane Roe", published: "2024-11-02",
			check: func(t *testing.T, m Metadata) {
				if m.Description != "What happened." || m.LeadImage != "https://cdn.example.com/a.png" {
					t.Errorf("description %q image %q", m.Description, m.LeadImage)
				}
			},
		},
		{
			name:  "title prefix names the host",
			page:  `<head><title>Example: How tides work</title></head><body><p>x</p></body>`,
			title: "How tides work",
		},
		{
			name:  "a dash inside a real title stays",
			page:  `<head><title>Spider-Man - the review nobody asked for</title></head><body><h1>Spider-Man - the review nobody asked for</h1></body>`,
			title: "Spider-Man - the review nobody asked for",
		},
		{
			name:  "short last segment with nothing to compare",
			page:  `<head><title>Lorem ipsum dolor sit amet – My website</title></head>`,
			title: "Lorem ipsum dolor sit amet",
		},
		{
			name:  "no-break spaces around the separator",
			page:  "<head><meta property=\"og:site_name\" content=\"web.dev\"><title>Learn web development \u00a0|\u00a0 web.dev</title></head>",
			title: "Learn web development",
		},
		{
			name:  "an all-capitals h1 takes the meta title's case",
			page:  `<head><meta property="og:title" content="Tips for Online Success"></head><body><h1>TIPS FOR ONLINE SUCCESS</h1></body>`,
			title: "Tips for Online Success",
		},
		{
			name:  "an all-capitals h1 takes a nearly identical meta title's words",
			page:  `<head><meta property="og:title" content="Best Drip Coffee Maker 2026: Buying Tips From Coffee Pros"></head><body><h1>BEST DRIP COFFEE MAKER IN 2026: BUYING TIPS FROM COFFEE PROS</h1></body>`,
			title: "Best Drip Coffee Maker 2026: Buying Tips From Coffee Pros",
		},
		{
			name:  "an all-capitals h1 keeps its words when the meta title is another",
			page:  `<head><meta property="og:title" content="The best drip coffee maker for a small kitchen"></head><body><h1>BEST DRIP COFFEE MAKER IN 2026</h1></body>`,
			title: "BEST DRIP COFFEE MAKER IN 2026",
		},
		{
			name:  "a date before the headline's words",
			page:  `<head><title>Preparing a transition in Debusine</title></head><body><h1>Dec 18 2025 Preparing a transition in Debusine</h1></body>`,
			title: "Preparing a transition in Debusine", published: "2025-12-18",
		},
		{
			name:  "a permalink mark after the heading",
			page:  `<head><title>Evolve: Shared Mutable History</title></head><body><h1>Evolve: Shared Mutable History<a class="headerlink" href="#evolve">¶</a></h1></body>`,
			title: "Evolve: Shared Mutable History",
		},
		{
			name:  "a short head keeps its tail",
			page:  `<head><title>Minecraft 1.8 - The Bountiful Update</title></head>`,
			title: "Minecraft 1.8 - The Bountiful Update",
		},
		{
			name:  "a brand opening the headline before a colon stays",
			page:  `<head><meta property="og:site_name" content="Docker"><meta property="og:title" content="Docker Hardened Images: Security Validated | Docker"></head><body><h1>Docker Hardened Images: Security Validated</h1></body>`,
			title: "Docker Hardened Images: Security Validated",
		},
		{
			name:  "the site's exact name before a colon goes",
			page:  `<head><meta property="og:site_name" content="Docker"><title>Docker: Security Validated by Outside Auditors</title></head>`,
			title: "Security Validated by Outside Auditors",
		},
		{
			name:  "a headline's short tail written as a name goes",
			page:  `<head><title>Gym Workouts for Beginners — Strength Training - Iron Club</title></head><body><h1>Gym Workouts for Beginners — Strength Training</h1></body>`,
			title: "Gym Workouts for Beginners",
		},
		{
			name:  "a headline's short tail in sentence case stays",
			page:  `<head><title>Moving to a plant-based diet – tips and tricks</title></head><body><h1>Moving to a plant-based diet – tips and tricks</h1></body>`,
			title: "Moving to a plant-based diet – tips and tricks",
		},
		{
			name:  "a headline's exclaimed tail stays",
			page:  `<head><title>Best Bread Machines – My Favorites!</title></head><body><h1>Best Bread Machines – My Favorites!</h1></body>`,
			title: "Best Bread Machines – My Favorites!",
		},
		{
			name:  "a logo h1 naming a later segment of the title is not the headline",
			page:  `<head><meta property="og:site_name" content="Steven's Home"><title>Autumn leaves at the camp (2) :: Blog Network ::</title></head><body><h1>Blog Network</h1><h1>Steven's Home</h1><h2>Autumn leaves at the camp (2)</h2></body>`,
			title: "Autumn leaves at the camp (2)",
		},
		{
			name:  "a headline after a site-name prefix in <title> is still the headline",
			page:  `<head><title>BBC News | Rates rise again as inflation stays high</title></head><body><h1>Rates rise again as inflation stays high</h1></body>`,
			title: "Rates rise again as inflation stays high",
		},
		{
			name:  "an h1 equal to a later segment that is shorter than the first is a name",
			page:  `<head><title>Rates rise again - Money desk</title></head><body><h1>Money desk</h1></body>`,
			title: "Rates rise again",
		},
		{
			name:  "the host name before the words of <title>",
			page:  `<head><title>example.com Vibe Coding</title></head><body><h1>example.com</h1></body>`,
			title: "Vibe Coding",
		},
		{
			name:  "after the site suffix, a tail in sentence case stays",
			page:  `<head><meta property="og:site_name" content="Factorio.com"><title>Friday Facts #282 - 0.17 in sight | Factorio</title></head><body><h2>Friday Facts #282 - 0.17 in sight</h2></body>`,
			title: "Friday Facts #282 - 0.17 in sight",
		},
		{
			name:  "after the site suffix, a tail written as a name goes",
			page:  `<head><meta property="og:site_name" content="Tones"><title>Building a UI Pipeline in Audio Apps - Part 1 | Tones</title></head>`,
			title: "Building a UI Pipeline in Audio Apps",
		},
		{
			name:  "h1 agreement shows the suffix",
			page:  `<head><title>Why the bridge closed | Metro | Somewhere Gazette</title></head><body><h1>Why the bridge closed</h1></body>`,
			title: "Why the bridge closed",
		},
		{
			name: "byline element and time near the headline",
			page: `<body><header><time datetime="2019-01-01">old</time></header><article><h1>Garden notes</h1>
<p class="byline">By Ann Smith and Bob Jones | Updated March 3, 2023</p><time>March 3, 2023</time></article></body>`,
			title: "Garden notes", authors: "Ann Smith|Bob Jones", published: "2023-03-03",
		},
		{
			name:  "a 'by' sentence that names no one does not hide the labelled name after it",
			page:  `<body><h1>Proofs as types</h1><p><code>by intro (x, y) exact x y</code></p><h2>Article by</h2><div>Matias Heikkila</div></body>`,
			title: "Proofs as types", authors: "Matias Heikkila",
		},
		{
			name:  "an author box opening with the name before a biography",
			page:  `<body><h1>SEO tips for clinics</h1><p>Text.</p><div class="blog_author-wrapper"><div>Lauren Vetter</div><p>Lauren Vetter is a growth-focused marketing professional specializing in healthcare technology and business software, who has written about search for clinics, practices and hospitals for a decade.</p></div></body>`,
			title: "SEO tips for clinics", authors: "Lauren Vetter",
		},
		{
			name:  "an author box with a first-name biography",
			page:  `<body><h1>UI pipelines</h1><p>Text.</p><div class="author-card"><b>Bence Kovacs</b> Bence is a growth-focused marketing professional specializing in healthcare technology and business software, who has written about search for clinics, practices and hospitals for a decade.</div></body>`,
			title: "UI pipelines", authors: "Bence Kovacs",
		},
		{
			name:  "a long author box that does not repeat a name gives none",
			page:  `<body><h1>UI pipelines</h1><p>Text.</p><div class="author-card">Our Editorial Desk Team is a growth-focused marketing professional specializing in healthcare technology and business software, who has written about search for clinics, practices and hospitals for a decade.</div></body>`,
			title: "UI pipelines",
		},
		{
			name:  "a publication date under a meta name of the site's own",
			page:  `<head><meta name="w-published-date" content="2025-05-27T06:03:43.274Z"><meta name="published-modified" content="2026-01-15"></head><body><h1>Moving legal work in house</h1></body>`,
			title: "Moving legal work in house", published: "2025-05-27",
		},
		{
			name:  "a modification date under a meta name saying publish is not the publication",
			page:  `<head><meta name="publish-updated" content="2026-01-15"></head><body><h1>Moving legal work in house</h1></body>`,
			title: "Moving legal work in house",
		},
		{
			name: "microdata author and date",
			page: `<body><div itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">Night trains return</h1>
<span itemprop="author" itemscope><span itemprop="name">Marta Ruiz</span></span>
<meta itemprop="datePublished" content="2022-07-09"></div></body>`,
			title: "Night trains return", authors: "Marta Ruiz", published: "2022-07-09",
		},
		{
			name:  "label and name in sibling elements",
			page:  `<body><h1>On kites</h1><div><p>Written by</p><p>Kim Lee</p></div></body>`,
			title: "On kites", authors: "Kim Lee",
		},
		{
			name:  "by text before an author-page link",
			page:  `<body><h1>On kites</h1><p><span>By </span><a href="/authors/kim-lee/">Kim Lee</a></p><p>Byte-sized tips by the way</p></body>`,
			title: "On kites", authors: "Kim Lee",
		},
		{
			name:  "author link alone",
			page:  `<body><h1>On kites</h1><ul><li><a href="https://example.com/author/kim-lee">Kim Lee</a></li></ul></body>`,
			title: "On kites", authors: "Kim Lee",
		},
		{
			name:  "site named as author gives way to a person",
			page:  `<head><meta property="og:site_name" content="Kite News"><meta name="author" content="Kite News"></head><body><h1>On kites</h1><p class="byline">By Kim Lee</p></body>`,
			title: "On kites", authors: "Kim Lee",
		},
		{
			name:  "a login gives way to a name",
			page:  `<head><meta name="author" content="kim.lee"></head><body><h1>On kites</h1><p class="byline">By Kim Lee</p></body>`,
			title: "On kites", authors: "Kim Lee",
		},
		{
			name:  "prose starting with by is no byline",
			page:  `<body><h1>On kites</h1><p>by redoubled work, would it not in that case</p></body>`,
			title: "On kites",
		},
		{
			name:  "rel author link and comment authors ignored",
			page:  `<body><h1>On kites</h1><a rel="author" href="/u/kim">Kim Lee</a><div class="comment-author">Troll</div></body>`,
			title: "On kites", authors: "Kim Lee",
		},
		{
			name:      "utc meta date shown in the page's own offset",
			page:      `<head><meta property="article:published_time" content="2025-12-19T03:05:00+00:00"></head><body><h1>T</h1><time datetime="2025-12-18T19:05:00-08:00">December 18, 2025</time></body>`,
			title:     "T",
			published: "2025-12-18",
		},
		{
			name:      "the date under the headline wins when the structured one is shown nowhere",
			page:      `<head><script type="application/ld+json">{"@type":"Article","datePublished":"2019-04-03T10:00:00Z"}</script></head><body><h1>Best shoes</h1><p>Updated December 19, 2025</p></body>`,
			title:     "Best shoes",
			published: "2025-12-19",
		},
		{
			name:      "a dateline above the headline beats dates below it",
			page:      `<body><nav><a href="/">Home</a></nav><p>December 17, 2025 • 8 min read</p><h1>Unnesting</h1><p>Text.</p><p>Read more: November 25, 2025</p></body>`,
			title:     "Unnesting",
			published: "2025-12-17",
		},
		{
			name:      "a date labelled published beats an undisplayed structured one",
			page:      `<head><script type="application/ld+json">{"@type":"Article","datePublished":"2025-11-29T12:28:31-05:00"}</script></head><body><h1>Free tools</h1><p>Intro.</p><p>Published August 13, 2025</p></body>`,
			title:     "Free tools",
			published: "2025-08-13",
		},
		{
			name:      "article:published_time holds against the date shown",
			page:      `<head><meta property="article:published_time" content="2019-04-03T10:00:00Z"></head><body><h1>Best shoes</h1><p>Updated December 19, 2025</p></body>`,
			title:     "Best shoes",
			published: "2019-04-03",
		},
		{
			name:      "a shown date well before article:published_time is the first publication",
			page:      `<head><meta property="article:published_time" content="2022-10-24T12:40:59+00:00"></head><body><h1>Safety tips</h1><p>On <time>8 Oct 2022</time> in News</p></body>`,
			title:     "Safety tips",
			published: "2022-10-08",
		},
		{
			name:      "a shown date one day before article:published_time is its time zone",
			page:      `<head><meta property="article:published_time" content="2022-10-09T02:00:00+00:00"></head><body><h1>Safety tips</h1><p>On <time>8 Oct 2022</time> in News</p></body>`,
			title:     "Safety tips",
			published: "2022-10-09",
		},
		{
			name:      "a dotted date that reads as the structured one month first shows it",
			page:      `<head><script type="application/ld+json">{"@type":"Article","datePublished":"2024-09-10T16:07:00Z"}</script></head><body><h1>Renovation phases</h1><p>09.10.2024</p></body>`,
			title:     "Renovation phases",
			published: "2024-09-10",
		},
		{
			name:      "a time just above the headline beats one far below it",
			page:      `<body><nav><a href="/">Home</a></nav><small><time datetime="2023-10-12T19:38:01Z">10/12/2023 7:38 PM</time></small><h1>Skiplagging</h1>` + strings.Repeat(`<p>A paragraph of the story.</p>`, 25) + `<h2>Related</h2><time datetime="2025-12-18T16:00:05Z">12/18/2025</time></body>`,
			title:     "Skiplagging",
			published: "2023-10-12",
		},
		{
			name:      "the first time under the headline beats one above it",
			page:      `<body><nav><a href="/">Home</a></nav><small><time datetime="2023-10-12T19:38:01Z">10/12/2023 7:38 PM</time></small><h1>Skiplagging</h1><p>Updated <time datetime="2025-12-18T16:00:05Z">12/18/2025</time></p></body>`,
			title:     "Skiplagging",
			published: "2025-12-18",
		},
		{
			name:      "a structured date shown only as the update gives way to the one labelled published",
			page:      `<head><script type="application/ld+json">{"@type":"Article","datePublished":"Aug 21, 2025"}</script></head><body><h1>Top companies</h1><p>By Claire Wilson</p><div>Published&ensp;<span>Apr 26, 2023</span></div><div>Updated&ensp;<span>Aug 21, 2025</span></div></body>`,
			title:     "Top companies",
			authors:   "Claire Wilson",
			published: "2023-04-26",
		},
		{
			name:    "a byline's name element says where the name ends",
			page:    `<body><h1>Study tips</h1><div class="post-byline">By <span class="author-name">Ann Lee</span> <span class="author-role">EdTech Content writer</span></div><p>Text.</p></body>`,
			title:   "Study tips",
			authors: "Ann Lee",
		},
		{
			name:    "two names in one byline stay when an inner element holds one",
			page:    `<body><h1>Study tips</h1><div class="post-byline">By <span class="author-name">Ann Lee</span> and <span class="author-name">Bob Stone</span></div><p>Text.</p></body>`,
			title:   "Study tips",
			authors: "Ann Lee|Bob Stone",
		},
		{
			name:    "the byline under the headline completes a structured author list",
			page:    `<head><meta name="author" content="Marna Merwe"><meta property="og:site_name" content="Acme HR"></head><body><h1>HR impact</h1><div class="post-byline">Written by Dr Marna Merwe, Dieter Veldsman, Erik van Vulpen</div><p>Text.</p></body>`,
			title:   "HR impact",
			authors: "Dr Marna Merwe|Dieter Veldsman|Erik van Vulpen",
		},
		{
			name:    "the byline under the headline adds no organisation to a structured author",
			page:    `<head><meta name="author" content="Emily Cadloff"><meta property="og:site_name" content="Modern Farmer"></head><body><h1>Goats</h1><div class="post-byline">By Emily Cadloff and Modern Farmer</div><p>Text.</p></body>`,
			title:   "Goats",
			authors: "Emily Cadloff",
		},
		{
			name:    "a name under the headline beats the site's name as meta author",
			page:    `<head><meta name="author" content="Digjitale"><meta property="og:site_name" content="Digjitale"></head><body><h1>Marketing plans</h1><p><a href="/author/celik/">Çelik Nimani</a></p><p>Text.</p></body>`,
			title:   "Marketing plans",
			authors: "Çelik Nimani",
		},
		{
			name:    "a name far under the headline does not beat the site's name",
			page:    `<head><meta name="author" content="Digjitale"><meta property="og:site_name" content="Digjitale"></head><body><h1>Marketing plans</h1>` + strings.Repeat(`<p>A paragraph.</p>`, 25) + `<p><a href="/author/celik/">Çelik Nimani</a></p></body>`,
			title:   "Marketing plans",
			authors: "Digjitale",
		},
		{
			name:    "the site's name as author is taken once",
			page:    `<head><meta name="author" content="Help Net Security"><meta property="og:site_name" content="Help Net Security"></head><body><div class="author">Help Net Security Sponsored</div><h1>Patch now</h1><p>Text.</p></body>`,
			title:   "Patch now",
			authors: "Help Net Security",
		},
		{
			name:      "the date in the address beats the dates the page shows",
			url:       "https://example.com/blog/2023/october/03/wine-styles/",
			page:      `<head><meta property="article:published_time" content="2026-02-16T10:00:00Z"></head><body><h1>Wine styles</h1><p>16 February 2026</p></body>`,
			title:     "Wine styles",
			published: "2023-10-03",
		},
		{
			name:      "a numbered path that is no date is left alone",
			url:       "https://example.com/docs/2023/13/40/wine-styles/",
			page:      `<head><meta property="article:published_time" content="2026-02-16T10:00:00Z"></head><body><h1>Wine styles</h1></body>`,
			title:     "Wine styles",
			published: "2026-02-16",
		},
		{
			name:      "the month in the address picks among the dates the page shows",
			url:       "https://example.com/blog/meditation/2022/12",
			page:      `<head><meta name="date" content="2026-01-02"></head><body><p>Mental Health</p><span>DECEMBER 22, 2022</span><span>Updated: JANUARY 02, 2026</span><h1>Meditation</h1><p>Text.</p></body>`,
			title:     "Meditation",
			published: "2022-12-22",
		},
		{
			name:      "the month in the address can pick the last-modified date",
			url:       "https://example.com/blog/meditation/2022/12",
			page:      `<head><meta name="date" content="2026-01-02"><meta name="last-modified" content="December 22, 2022"></head><body><h1>Meditation</h1><p>Text.</p></body>`,
			title:     "Meditation",
			published: "2022-12-22",
		},
		{
			name:      "the month in the address can restore the json-ld date",
			url:       "https://example.com/blog/2022/12/meditation",
			page:      `<head><script type="application/ld+json">{"@type":"Article","datePublished":"2022-12-05"}</script></head><body><h1>Meditation</h1><p>January 3, 2026</p></body>`,
			title:     "Meditation",
			published: "2022-12-05",
		},
		{
			name:      "a date outside the address's month stays when the page shows none inside it",
			url:       "https://example.com/blog/meditation/2022/12",
			page:      `<head><meta name="date" content="2026-01-02"></head><body><h1>Meditation</h1><p>Text.</p></body>`,
			title:     "Meditation",
			published: "2026-01-02",
		},
		{
			name:      "json-ld carried in a meta tag",
			page:      `<head><meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}"></head><body><h1>Full EV cars</h1><p>Text.</p></body>`,
			title:     "Full EV cars",
			published: "2025-11-17",
		},
		{
			name:    "marked-up authors of comments far below do not join the byline's",
			page:    `<body><h1>Web design</h1><p>by <a rel="author" href="/about">Ann Lee</a></p>` + strings.Repeat(`<p>A paragraph.</p>`, 25) + `<ol><li><a rel="author" href="https://bob.example">Bob Stone</a> said: nice.</li></ol></body>`,
			title:   "Web design",
			authors: "Ann Lee",
		},
		{
			name:      "the structured date stays when the page shows it too",
			page:      `<head><meta property="article:published_time" content="2019-04-03T10:00:00Z"></head><body><h1>Best shoes</h1><p>Updated December 19, 2025</p><p>Published April 3, 2019</p></body>`,
			title:     "Best shoes",
			published: "2019-04-03",
		},
		{
			name:  "implausible dates rejected",
			page:  `<head><meta property="article:published_time" content="0001-01-01T00:00:00Z"></head><body><h1>T</h1></body>`,
			title: "T",
			check: func(t *testing.T, m Metadata) {
				if !m.Published.IsZero() {
					t.Errorf("published %v, want zero", m.Published)
				}
			},
		},
		{
			name: "noarchive",
			page: `<head><meta name="robots" content="index, NOARCHIVE"><meta http-equiv="Content-Language" content="de"></head>`,
			check: func(t *testing.T, m Metadata) {
				if !m.NoArchive || m.Lang != "de" {
					t.Errorf("NoArchive %v lang %q", m.NoArchive, m.Lang)
				}
			},
		},
		{
			name: "newsdesk none",
			page: `<head><meta name="newsdesk" content="none"></head>`,
			check: func(t *testing.T, m Metadata) {
				if !m.NoArchive {
					t.Error("NoArchive false")
				}
			},
		},
		{
			name:  "broken json-ld falls back to meta",
			page:  `<head><script type="application/ld+json">{"@type":"NewsArticle","headline":</script><meta property="og:title" content="Fallback works"></head>`,
			title: "Fallback works",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pageURL := tt.url
			if pageURL == "" {
				pageURL = "https://example.com/news/1"
			}
			m := extract(t, tt.page, pageURL)
			if m.Title != tt.title {
				t.Errorf("Title = %q, want %q", m.Title, tt.title)
			}
			if got := strings.Join(m.Authors, "|"); got != tt.authors {
				t.Errorf("Authors = %q, want %q", got, tt.authors)
			}
			got := ""
			if !m.Published.IsZero() {
				got = m.Published.Format("2006-01-02")
			}
			if got != tt.published {
				t.Errorf("Published = %q, want %q", got, tt.published)
			}
			if tt.check != nil {
				tt.check(t, m)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" for no date
	}{
		{"2025-03-04T23:30:00-05:00", "2025-03-04T23:30:00-05:00"},
		{"2025-03-04T23:30:00.123+0530", "2025-03-04T23:30:00+05:30"},
		{"2025-03-04 10:11", "2025-03-04T10:11:00Z"},
		{"2025-03-04", "2025-03-04T00:00:00Z"},
		{"Tue, 04 Mar 2025 10:00:00 GMT", "2025-03-04T10:00:00Z"},
		{"March 4, 2025", "2025-03-04T00:00:00Z"},
		{"Published Sept. 4th, 2025 at 9am", "2025-09-04T00:00:00Z"},
		{"4 Mar 2025", "2025-03-04T00:00:00Z"},
		{"2025/03/04", "2025-03-04T00:00:00Z"},
		{"04.03.2025", "2025-03-04T00:00:00Z"},
		{"20250304", "2025-03-04T00:00:00Z"},
		{"1741082400", "2025-03-04T10:00:00Z"},
		{"0001-01-01T00:00:00Z", ""},
		{"2025-02-30", ""},
		{"03/04/2025", ""},
		{"Posted on the 15/12/2025 at 19:00", "2025-12-15T00:00:00Z"},
		{"Updated: 10/31/2024", "2024-10-31T00:00:00Z"},
		{"yesterday", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			s := ""
			if ok {
				s = got.Format(time.RFC3339)
			}
			if s != tt.want {
				t.Errorf("ParseDate(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

func TestCleanAuthors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"By Jane Roe", "Jane Roe"},
		{"Written by: Jane Roe and John Doe", "Jane Roe|John Doe"},
		{"Ann Smith, Bob Jones & Cy Twombly", "Ann Smith|Bob Jones|Cy Twombly"},
		{"Jillian Kubala, MS, RD", "Jillian Kubala, MS, RD"},
		{"Jane Roe jane@example.com", "Jane Roe"},
		{"Jane Roe - Senior Staff Writer", "Jane Roe"},
		{"https://example.com/u/jane", ""},
		{"By", ""},
		{"Sep 16 Written By Alpha Apex", "Alpha Apex"},
		{"Recipe by PJ Hamel", "PJ Hamel"},
		{"byClemson News", "Clemson News"},
		{"Will Judd Former Deputy Tech Editor", "Will Judd"},
		{"Mateusz HabernyFounder", "Mateusz Haberny"},
		{"Great Day Editorial Team", "Great Day Editorial Team"},
		{"Shelby Loos, DVM. Reviewed by Molly Price, DVM", "Shelby Loos, DVM"},
		{"Updated by Jon Linkov", ""},
		{"Author Posts", ""},
		{"NB Nicole Burke", "Nicole Burke"},
		{"JR Smith", "JR Smith"},
		{"This post was written by Ann Lee, Head of Marketing and Community Development", "Ann Lee"},
		{"Bob Stone, Privacy and Digital Security Expert", "Bob Stone"},
		{"Reviewed by Ann Lee, Trial Attorney at Acme Law, on December 9, 2024.", "Ann Lee"},
		{"Read more about The Upwork Team", "The Upwork Team"},
		{"Tom May", "Tom May"},
		{"David Jackson - FullStack Editorial Team", "David Jackson"},
		{"Sergio Martínez-Beltrán | The Texas Newsroom", "Sergio Martínez-Beltrán"},
		{"Audiophile On", "Audiophile On"},
		{"Ann Lee on March 3", "Ann Lee"},
		{"10 mins read", ""},
		{"Supermove Last update", "Supermove"},
		{"Dec. 19, 2025 · Niko Matsakis on behalf of the team", "Niko Matsakis"},
		{"Mike Marshall", "Mike Marshall"},
		{"Posted by Ann Hudson on 3 March 2024", "Ann Hudson"},
		{"Ann Lee, March 3, 2024", "Ann Lee"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := strings.Join(cleanAuthors(tt.in), "|"); got != tt.want {
				t.Errorf("cleanAuthors(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNoArchiveDirective(t *testing.T) {
	for v, want := range map[string]bool{
		"noarchive": true, "googlebot: noarchive": true, "NONE": true, "index, follow": false,
		"noindex": false, "": false, "nonexistent": false,
	} {
		if got := NoArchiveDirective(v); got != want {
			t.Errorf("NoArchiveDirective(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestHostilePageBounded checks that a page built to be costly (huge
// JSON-LD, many nodes, deep nesting) is handled quickly.
func TestHostilePageBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<script type="application/ld+json">[`)
	for i := 0; i < 20000; i++ {
		b.WriteString(`{"@type":"NewsArticle","headline":"x"},`)
	}
	b.WriteString(`{}]</script>`)
	b.WriteString(strings.Repeat(`<div class="author">By A B</div>`, 20000))
	b.WriteString(strings.Repeat("<span>", 400))
	start := time.Now()
	extract(t, b.String(), "https://example.com/")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		`<title>A | B</title><h1>A</h1>`,
		`<script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"name":["x",{"name":1}]}}]}</script>`,
		`<meta property="article:published_time" content="2025-13-45T99:99:99+99:99">`,
		`<p class="byline">By , and &amp; ;</p><time datetime="Jan 1 2020">`,
		`<meta name="robots" content="none"><img src="//x/y.jpg" width="900">`,
	} {
		f.Add(s, "https://example.com/a")
	}
	f.Fuzz(func(t *testing.T, page, pageURL string) {
		root, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		m := Extract(root, pageURL)
		if !m.Published.IsZero() && (m.Published.Year() < minYear || m.Published.Year() > maxYear) {
			t.Fatalf("implausible date %v", m.Published)
		}
		if m.LeadImage != "" && !strings.HasPrefix(m.LeadImage, "http") {
			t.Fatalf("lead image %q is not an http(s) URL", m.LeadImage)
		}
	})
}

func TestRepairText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Python, SQL &#x26; AI", "Python, SQL & AI"},
		{"Investor\u00e2\u0080\u0099s Guide", "Investor\u2019s Guide"},
		{"Café – déjà vu", "Café – déjà vu"},
		{"Fish & Chips", "Fish & Chips"},
		{"Ã", "Ã"},
	}
	for _, tt := range tests {
		if got := repairText(tt.in); got != tt.want {
			t.Errorf("repairText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
