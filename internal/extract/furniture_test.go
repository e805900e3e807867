package extract

import (
	"fmt"
	"strings"
	"testing"
)

// extractCase is a synthetic page with the text it must and must not give.
type extractCase struct {
	name      string
	page      string
	want, not []string
}

func runExtractCases(t *testing.T, tests []extractCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract([]byte(tc.page), Options{URL: "https://news.example/a"})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, res.Text)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(res.Text, w) {
					t.Errorf("text keeps %q:\n%s", w, res.Text)
				}
			}
		})
	}
}

func TestGalleries(t *testing.T) {
	caption := "The defence ministers shake hands in Hanoi on Wednesday, before talks on the disputed waters of the sea."
	slide := `<li class="slide"><img src="/a.jpg"><div class="caption">` + caption + ` Photo: Agency</div></li>`
	runExtractCases(t, []extractCase{
		{
			name: "a slideshow of captioned photos in the article goes",
			page: `<html><body><article><div class="asset_gallery"><ul>` + strings.Repeat(slide, 3) + `</ul></div><p>` +
				sampleProse + `</p><p>Then: ` + strings.Repeat(sampleProse, 3) + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"defence ministers"},
		},
		{
			name: "a long gallery inside the marked body, beside the body's own prose, goes",
			page: `<html><body><div itemprop="articleBody"><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p>` +
				`<div class="widget type-gallery"><ul>` + strings.Repeat(`<li><h2>1/9 Talks</h2><p>`+caption+` `+caption+`</p></li>`, 9) + `</ul></div></div></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"defence ministers"},
		},
		{
			name: "a gallery that is nearly all of the marked body stays",
			page: `<html><body><div itemprop="articleBody"><p>Photos.</p>` +
				`<div class="type-gallery"><ul>` + strings.Repeat(`<li><h2>1/9 Talks</h2><p>`+caption+`</p></li>`, 9) + `</ul></div></div></body></html>`,
			want: []string{"defence ministers"},
		},
		{
			name: "a page that is mostly a gallery's own prose keeps it",
			page: `<html><body><div class="gallery-page"><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></div></body></html>`,
			want: []string{"The council voted", "Then:"},
		},
	})
}

func TestMarkedBody(t *testing.T) {
	notice := "<p>" + strings.Repeat("Our customer service centre answers questions by telephone on weekdays between nine and five. ", 5) + "</p>"
	runExtractCases(t, []extractCase{
		{
			name: "a short item the page marks as the article body wins over a longer notice",
			page: `<html><body><div class="story"><div itemprop="articleBody">` + sampleProse + ` Police arrested a man on the quay after a chase.</div></div>
<div class="site-links"><ul>` + strings.Repeat(`<li><a href="/x">Subscriptions and conferences of the group</a></li>`, 20) + `</ul>
<div class="bottom-text">` + notice + `</div></div></body></html>`,
			want: []string{"The council voted"},
			not:  []string{"customer service"},
		},
		{
			name: "a mark on a scrap of text does not outweigh the article",
			page: `<html><body><div itemprop="articleBody"><p>Read the full story.</p></div><article><p>` + sampleProse +
				`</p><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
		},
	})
}

func TestAllProseInFurniture(t *testing.T) {
	runExtractCases(t, []extractCase{
		{
			name: "an article shown in a modal layer, the only prose on the page, is kept",
			page: `<html><body><div id="app"><div class="render-target-modal"><article><p>` + sampleProse + `</p><p>Then: ` + sampleProse +
				`</p></article></div><div class="sidebar"><ul>` + teaserItems(5, func(i int) string {
				return fmt.Sprintf(`<li><a href="/s/%d">Story number %d in the news</a><p>Residents of the old quarter gathered on Monday to protest against the closure of their library.</p></li>`, i, i)
			}) + `</ul></div></div></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"old quarter"},
		},
		{
			name: "a modal sign-up beside an article still goes",
			page: `<html><body><article><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></article>
<div class="modal"><p>Sign up to our newsletter and never miss a story from the harbour again, it is free.</p></div></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"newsletter"},
		},
	})
}

func TestPhotoCredits(t *testing.T) {
	runExtractCases(t, []extractCase{
		{
			name: "a photo credit goes, its caption and the article stay",
			page: `<html><body><article><figure><img src="/a.jpg"><figcaption>The harbour at dawn. <span class="photo-credit">Photo: Ann Lee, Agency</span></figcaption></figure><p>` +
				sampleProse + `</p><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "The harbour at dawn."},
			not:  []string{"Ann Lee"},
		},
		{
			name: "an article in a wrapper named for credit (unions, cards) is kept",
			page: `<html><body><div class="credit-union-news"><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></div></body></html>`,
			want: []string{"The council voted", "Then:"},
		},
	})
}

func TestSocialEmbeds(t *testing.T) {
	tweet := `<blockquote class="twitter-tweet"><p>Yes this is real and yes the state spent half a million dollars on it, said the post that everyone shared.</p>— A. Reader (@reader) November 18, 2019</blockquote>`
	runExtractCases(t, []extractCase{
		{
			name: "a quoted post in a social embed stays",
			page: `<html><body><article><p>` + sampleProse + `</p><div class="social-media-embed">` + tweet + `</div><p>Then: ` +
				sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "half a million dollars", "Then:"},
		},
		{
			name: "a short quoted post stays though its link and byline outweigh its words",
			page: `<html><body><article><p>` + sampleProse + `</p><div class="social-media-embed"><blockquote class="twitter-tweet"><p>Yes this is real and yes the state paid nearly half a million for it: ` +
				`<a href="https://t.co/Nc0nKoXGBP">https://t.co/Nc0nKoXGBP</a></p>— Dianna E. Anderson (@diannaeanderson) <a href="https://twitter.com/d/status/1">November 18, 2019</a></blockquote></div><p>Then: ` +
				sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "the state paid nearly", "Then:"},
		},
		{
			name: "an embed holding no prose still goes",
			page: `<html><body><article><p>` + sampleProse + `</p><div class="video-embed"><a href="/v/1">Watch</a> <span>2:41</span></div><p>Then: ` +
				sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Watch"},
		},
		{
			name: "a social share bar still goes",
			page: `<html><body><article><p>` + sampleProse + `</p><div class="social-share"><p>Share this story with your friends on every network you use today.</p></div><p>Then: ` +
				sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Share this story"},
		},
	})
}

func TestMarkedBodyAndLongSidebar(t *testing.T) {
	feed := `<aside id="sidebar"><ul>` + strings.Repeat(`<li><p>14:10 Live: the earthquake in the north was felt across the valley, residents said, and aid is on its way.</p></li>`, 6) + `</ul></aside>`
	runExtractCases(t, []extractCase{
		{
			name: "a sidebar outweighing the marked article body goes",
			page: `<html><body><div class="main">` + feed + `<article><div itemprop="articleBody"><p>` + sampleProse + `</p><p>Then: ` +
				sampleProse + `</p></div></article></div></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Live: the earthquake"},
		},
		{
			name: "a paywalled part inside the marked body stays",
			page: `<html><body><div itemprop="articleBody"><p>` + sampleProse + `</p><div class="paywall">` + strings.Repeat("<p>Later: "+sampleProse+"</p>", 3) +
				`</div></div><footer><p>Copyright notice of the publisher, all rights reserved in every country of the world.</p></footer></body></html>`,
			want: []string{"The council voted", "Later:"},
		},
	})
}

func TestTables(t *testing.T) {
	row := `<tr><td><a href="/wiki/Film_%d">A film about a loop</a></td><td><a href="/wiki/1967">1967</a></td><td>A remake in which the travellers live the same hour again and again until they find the way out.</td></tr>`
	var rows strings.Builder
	for i := range 10 {
		fmt.Fprintf(&rows, row, i)
	}
	table := `<table class="wikitable"><tbody><tr><th>Film</th><th>Year</th><th>Description</th></tr>` + rows.String() +
		`<tr><td>The Last Loop</td><td>2006</td><td>A film in which a day repeats for a woman who cannot escape it until she changes.</td></tr></tbody></table>`
	runExtractCases(t, []extractCase{
		{
			name: "a list article keeps its introduction beside the table, and the table its rows of links",
			page: `<html><body><div class="content"><p>` + sampleProse + `</p>` + table + `<p>Notes: ` + sampleProse + `</p><h2>References</h2><ul>` +
				strings.Repeat(`<li><a href="/ref">Jones, M. Time Travel in Popular Media, 2015</a></li>`, 15) + `</ul></div>
<div class="site-nav"><ul><li><a href="/">Home</a></li></ul></div></body></html>`,
			want: []string{"The council voted", "A film about a loop", "The Last Loop", "Notes:"},
		},
		{
			name: "a lone table with little prose beside it stays the body",
			page: `<html><body><div class="content"><h2>Films</h2>` + table + `</div><div class="promo-box"><p>Short note.</p></div></body></html>`,
			want: []string{"A film about a loop", "The Last Loop"},
			not:  []string{"Short note"},
		},
	})
}

func TestListsJudgedWhole(t *testing.T) {
	item := `<li>Gijs made the bookmarks toolbar start later in the window, which saves a good deal of time at start-up.</li>`
	runExtractCases(t, []extractCase{
		{
			name: "an item that is one link, in a list of notes, stays with its list",
			page: `<html><body><article><p>` + sampleProse + `</p><ul>` + item + `<li><a href="/bug/1">Thanks to evilpie, logins now import from KeePass</a></li>` + item +
				`</ul><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "logins now import", "Then:"},
		},
		{
			name: "a list of nothing but links in the article still goes",
			page: `<html><body><article><p>` + sampleProse + `</p><ul>` + strings.Repeat(`<li><a href="/other">Another story on the harbour works</a></li>`, 4) +
				`</ul><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Another story"},
		},
		{
			name: "a list of links nested in a note stays with the note",
			page: `<html><body><article><p>` + sampleProse + `</p><ul>` + item + `<li>In progress:<ul>` +
				strings.Repeat(`<li><a href="/bug/2">Bug 1677080 – Fullscreen window moves when the source changes</a></li>`, 3) +
				`</ul></li></ul><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "In progress:", "Bug 1677080", "Then:"},
		},
		{
			name: "a menu of links with sub-menus in the article still goes",
			page: `<html><body><article><p>` + sampleProse + `</p><ul><li><a href="/news">News</a><ul>` +
				strings.Repeat(`<li><a href="/other">Another story on the harbour works</a></li>`, 3) + `</ul></li><li><a href="/sport">Sport</a></li>` +
				`</ul><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Another story", "Sport"},
		},
	})
}

func TestCaptions(t *testing.T) {
	runExtractCases(t, []extractCase{
		{
			name: "a caption in markup named so goes; a <figcaption> stays",
			page: `<html><body><article><div class="image"><img src="/a.jpg"><span class="media-caption">Image caption The minister leaves the talks on Friday evening.</span></div><p>` +
				sampleProse + `</p><figure><img src="/b.jpg"><figcaption class="caption">The harbour wall at dawn.</figcaption></figure><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:", "The harbour wall at dawn."},
			not:  []string{"The minister leaves"},
		},
		{
			name: "an article in a wrapper named for captions is kept",
			page: `<html><body><div class="caption-contest-story"><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></div></body></html>`,
			want: []string{"The council voted", "Then:"},
		},
	})
}

func TestSplitBody(t *testing.T) {
	long := strings.Repeat("<p>Later: "+sampleProse+"</p>", 6)
	runExtractCases(t, []extractCase{
		{
			name: "a story set in two body blocks with a box between them keeps its first block",
			page: `<html><body><article><div class="story-body-part"><p>First: ` + sampleProse + `</p></div>
<div class="interrupter"><p>Continue reading the main story</p></div><div class="story-body-part">` + long + `</div></article></body></html>`,
			want: []string{"First:", "Later:"},
		},
		{
			name: "a card after the main block with the same class is not pulled in",
			page: `<html><body><article><div class="entry">` + long + `</div><div class="entry"><p>About the author: she writes on harbours and their walls for the paper every week.</p></div></article></body></html>`,
			want: []string{"Later:"},
			not:  []string{"About the author"},
		},
	})
}

func TestCaptionWrapperKeepsImage(t *testing.T) {
	page := `<html><body><article><p>` + sampleProse + `</p><div class="wp-caption aligncenter"><img src="/devtools.png" alt="DevTools">` +
		`<p class="wp-caption-text">Our tools are ready for the new process model.</p></div><p>Then: ` + sampleProse + `</p></article></body></html>`
	res, err := Extract([]byte(page), Options{URL: "https://blog.example/post"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.HTML, "https://blog.example/devtools.png") {
		t.Errorf("the image in a caption-named figure wrapper is gone: %s", res.HTML)
	}
	if strings.Contains(res.Text, "ready for the new process model") {
		t.Errorf("the caption text stays: %s", res.Text)
	}
}

func TestChartLabels(t *testing.T) {
	var labels, items strings.Builder
	for i := range 14 {
		fmt.Fprintf(&labels, `<div class="g-label" style="top:%d%%"><p>’%d</p></div>`, i*7, 17+i)
		fmt.Fprintf(&items, `<li>flour %d g</li>`, 100+i)
	}
	runExtractCases(t, []extractCase{
		{
			name: "the labels of a chart drawn in HTML go",
			page: `<html><body><article><p>` + sampleProse + `</p><div class="graphic"><p>$915 billion</p>` + labels.String() +
				`</div><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"$915", "’20"},
		},
		{
			name: "a list of short items (a recipe's ingredients) stays",
			page: `<html><body><article><p>` + sampleProse + `</p><ul>` + items.String() + `</ul><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "flour 105 g", "Then:"},
		},
	})
}

func TestAdLabels(t *testing.T) {
	runExtractCases(t, []extractCase{
		{
			name: "the label of an emptied ad slot goes",
			page: `<html><body><article><p>` + sampleProse + `</p><div class="slot-7"><p>Advertisement</p></div><p>Then: ` +
				sampleProse + `</p><p>Anzeige</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Advertisement", "Anzeige"},
		},
		{
			name: "a sentence about advertising stays",
			page: `<html><body><article><p>` + sampleProse + `</p><p>Advertising paid for it.</p><p>Then: ` +
				sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Advertising paid for it.", "Then:"},
		},
	})
}

func TestSectionsNamedAlike(t *testing.T) {
	section := func(i int) string {
		return fmt.Sprintf(`<div class="wrap"><div class="content-nav-section"><h2>Part %d</h2><p>Part %d: %s</p><p>%s</p></div></div>`, i, i, sampleProse, sampleProse)
	}
	comment := `<div class="comment"><p>I think this is a terrible idea, wrote a reader who lives by the harbour and walks there daily.</p></div>`
	runExtractCases(t, []extractCase{
		{
			name: "an article in sections named like navigation, none holding half the page, is kept",
			page: `<html><body><main>` + section(1) + section(2) + section(3) + `</main><div class="notice"><p>` + strings.Repeat(sampleProse, 3) + `</p></div></body></html>`,
			want: []string{"Part 1:", "Part 2:", "Part 3:"},
		},
		{
			name: "comments adding up to more than the article still go",
			page: `<html><body><article><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></article><section>` + strings.Repeat(comment, 12) + `</section></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"terrible idea"},
		},
	})
}

func TestPageCopies(t *testing.T) {
	copyOf := func(class string) string {
		return `<div class="` + class + `"><h2>Costs</h2><p>` + sampleProse + `</p><p>Second: ` + sampleProse + `</p><p>Third: ` + sampleProse + `</p><p>Fourth: ` + sampleProse + `</p></div>`
	}
	runExtractCases(t, []extractCase{
		{
			name: "a page rendered once per screen size gives its text once",
			page: `<html><body><main>` + copyOf("desktop") + copyOf("tablet") + copyOf("phone") + `</main></body></html>`,
			want: []string{"The council voted", "Fourth:"},
		},
	})
	res, err := Extract([]byte(`<html><body><main>`+copyOf("desktop")+copyOf("tablet")+`</main></body></html>`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(res.Text, "Fourth:"); n != 1 {
		t.Errorf("the copy of the page is given %d times, want once:\n%s", n, res.Text)
	}
	long := "<p>" + strings.Repeat("The same words again and again, as the author chose to write them. ", 10) + "</p>"
	res, err = Extract([]byte(`<html><body><article>`+long+`<h2>Again</h2>`+long+`</article></body></html>`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(res.Text, "as the author chose"); n != 20 {
		t.Errorf("a paragraph the author repeated is given %d sentences, want 20:\n%s", n, res.Text)
	}
}

func TestFeedAfterArticle(t *testing.T) {
	var feed strings.Builder
	for i := range 5 {
		fmt.Fprintf(&feed, `<div class="item"><a href="/news/%d"><div class="when">%d minutes ago</div></a> <a href="/news/%d"><h3>Another story from the harbour district today</h3></a></div>`, i, 10+i, i)
	}
	full := `<div class="item"><div class="when">3 minutes ago</div><h3>City approves new flats</h3><div class="desc"><p>Flats: ` + sampleProse + `</p><p>` +
		sampleProse + `</p><p>` + sampleProse + `</p></div><span>Source: <a href="/agency">Agency</a></span></div>`
	article := `<p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p><p>` + sampleProse + `</p><p>` + sampleProse + `</p><p>` + sampleProse + `</p><p>` + sampleProse + `</p>`
	toc := `<ul class="contents">` + strings.Repeat(`<li><a href="#step">Sanding the old paint off the frame</a></li>`, 6) + `</ul>`
	runExtractCases(t, []extractCase{
		{
			name: "a feed of other stories after the article, one shown in full, goes",
			page: `<html><body><div class="page"><h1>Harbour wall</h1><div class="wrapper"><div class="article-body">` + article +
				`</div></div><div class="wrapper wrapper-reverse"><h3>Happening now</h3><div class="timeline">` + full + feed.String() + `</div></div></div></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Flats:", "Another story"},
		},
		{
			name: "an article's introduction beside its main section, with a table of contents, stays",
			page: `<html><body><div class="entry"><p>Intro: ` + sampleProse + `</p><p>` + sampleProse + `</p>` + toc +
				`<div class="steps">` + article + `</div></div></body></html>`,
			want: []string{"Intro:", "Then:"},
		},
	})
}

func TestLinkedHeadings(t *testing.T) {
	runExtractCases(t, []extractCase{
		{
			name: "a section heading that is a link stays",
			page: `<html><body><article><h4>Fission</h4><p>` + sampleProse + `</p><h4><a href="https://wiki.example/Password_Manager">Password Manager</a></h4><p>Then: ` +
				sampleProse + `</p></article></body></html>`,
			want: []string{"Fission", "Password Manager", "Then:"},
		},
		{
			name: "a block of headline links in the article still goes",
			page: `<html><body><article><p>` + sampleProse + `</p><div class="more">` +
				strings.Repeat(`<h3><a href="/other">Another story on the harbour works</a></h3>`, 3) + `</div><p>Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Another story"},
		},
	})
}

func TestLinkedSentences(t *testing.T) {
	runExtractCases(t, []extractCase{
		{
			name: "a note whose words are mostly links, set in a sentence, stays",
			page: `<html><body><article><p>` + sampleProse + `</p><h4>Fission</h4><ul><li>Neil has patches up to <a href="/bug/1">improve the behaviour of the tab unloader</a>, and <a href="/bug/2">show a notice when a subframe crashes</a></li></ul><p>Then: ` +
				sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Neil has patches", "Then:"},
		},
		{
			name: "a list of links each after a few words of its own still goes",
			page: `<html><body><article><p>` + sampleProse + `</p><ul><li>Check out all our <a href="/blogs">blogs about the harbour works</a></li><li>Check out the <a href="/walls">harbour walls of the world blog</a></li></ul><p>Then: ` +
				sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Check out"},
		},
	})
}

func TestOpeningBeforeFold(t *testing.T) {
	rest := strings.Repeat("<p>Later: "+sampleProse+"</p>", 12)
	runExtractCases(t, []extractCase{
		{
			name: "an article's opening paragraphs before the block folded behind 'read more' stay",
			page: `<html><body><div class="article-content"><p>Opening: ` + sampleProse + `</p><p>` + sampleProse +
				`</p><div class="toggle-group hide-on-init">` + rest + `</div></div></body></html>`,
			want: []string{"Opening:", "Later:"},
		},
		{
			name: "a summary set in a div of its own text before the body block stays",
			page: `<html><body><div class="article"><div class="summary">Summary: ` + sampleProse + `</div><div class="text">` +
				strings.Repeat("<p>Later: "+sampleProse+"</p>", 6) + `</div></div></body></html>`,
			want: []string{"Summary:", "Later:"},
		},
		{
			name: "a box of paragraphs before the body block is no opening",
			page: `<html><body><div class="article"><div class="box"><p>Boxed: ` + sampleProse + `</p></div><div class="text">` +
				strings.Repeat("<p>Later: "+sampleProse+"</p>", 6) + `</div></div></body></html>`,
			want: []string{"Later:"},
			not:  []string{"Boxed:"},
		},
		{
			name: "a one-line notice before the body block still goes",
			page: `<html><body><div class="page"><p>Sign up to get the news first, every morning.</p><div class="story">` + rest + `</div></div></body></html>`,
			want: []string{"Later:"},
			not:  []string{"Sign up"},
		},
	})
}

func TestCallToAction(t *testing.T) {
	appeal := `<p>We do this work every day at no cost to you, but it is far from free to produce, and we need your support to keep going.</p>`
	runExtractCases(t, []extractCase{
		{
			name: "a call-to-action box after the article goes",
			page: `<html><body><article><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p><div class="zone-widget custom-cta-letter"><h5>A word to our readers</h5>` +
				appeal + appeal + `</div></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"far from free"},
		},
		{
			name: "a word holding the letters cta is no call to action",
			page: `<html><body><article><div class="factacheck"><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></div><div class="actual">` +
				appeal + `</div></article></body></html>`,
			want: []string{"The council voted", "Then:", "far from free"},
		},
	})
}

func TestRunTogetherSignup(t *testing.T) {
	runExtractCases(t, []extractCase{
		{
			name: "a sign-up box named in camel case goes",
			page: `<html><body><article><p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p><div id="emailSignup"><div>Let our news meet your inbox. The news and stories that matter, delivered every weekday morning.</div></div></article></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"meet your inbox"},
		},
	})
}

func TestOffScreenLabels(t *testing.T) {
	figure := `<figure><img src="/a.jpg"><span class="off-screen">Image copyright</span> <span>Agency</span>` +
		`<figcaption><span class="visually-hidden">Image caption</span> The harbour wall in winter</figcaption></figure>`
	runExtractCases(t, []extractCase{
		{
			name: "labels left for screen readers go, the caption they label stays",
			page: `<html><body><article><p>` + sampleProse + `</p>` + figure + `<p>Then: ` + sampleProse + `</p>` +
				`<p class="sr-only">Continue reading the main story</p></article></body></html>`,
			want: []string{"The council voted", "Then:", "harbour wall in winter"},
			not:  []string{"Image copyright", "Image caption", "Continue reading"},
		},
		{
			name: "words of a class that only neighbour each other elsewhere count for nothing",
			page: `<html><body><article><p>` + sampleProse + `</p><p class="screen-size only-print">Then: ` + sampleProse + `</p></article></body></html>`,
			want: []string{"The council voted", "Then:"},
		},
	})
}

func TestHeadlineInParagraph(t *testing.T) {
	runExtractCases(t, []extractCase{
		{
			name: "a headline set in a paragraph goes like one set in a heading",
			page: `<html><head><title>Harbour wall to be rebuilt</title></head><body><div class="news"><p class="titulo"> Harbour wall to be rebuilt </p>` +
				`<p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></div></body></html>`,
			want: []string{"The council voted", "Then:"},
			not:  []string{"Harbour wall to be rebuilt"},
		},
		{
			name: "a paragraph that says more than the headline stays",
			page: `<html><head><title>Harbour wall to be rebuilt</title></head><body><div class="news"><p>Harbour wall to be rebuilt soon</p>` +
				`<p>` + sampleProse + `</p><p>Then: ` + sampleProse + `</p></div></body></html>`,
			want: []string{"Harbour wall to be rebuilt soon", "The council voted", "Then:"},
		},
	})
}

func TestRunTogetherCaption(t *testing.T) {
	page := `<html><body><article><p>` + sampleProse + `</p><div class="photo"><p class="withoutCaption"><img src="https://news.example/wall.jpg"></p>` +
		`<span class="newsCaption">The harbour wall was damaged in the storms of last winter <span class="caption">(Image: Agency)</span></span></div>` +
		`<p>Then: ` + sampleProse + `</p></article></body></html>`
	res, err := Extract([]byte(page), Options{URL: "https://news.example/a"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Text, "damaged in the storms") {
		t.Errorf("a caption named in a run-together word stays:\n%s", res.Text)
	}
	if !strings.Contains(res.Text, "Then:") || !strings.Contains(res.HTML, "wall.jpg") {
		t.Errorf("the article or its image went with the caption:\n%s", res.HTML)
	}
}
