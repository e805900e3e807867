package feed

// Small inline feeds shared by the tests, the fuzz seeds and the benchmark.

const rss2Feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; Co News</title>
  <link>https://example.com/</link>
  <description>All the news</description>
  <language>en-us</language>
  <item>
    <title>Senate &lt;b&gt;passes&lt;/b&gt;   the   bill &amp;amp; more</title>
    <link>/politics/senate-bill</link>
    <guid isPermaLink="false">story-1</guid>
    <dc:creator>Jane Doe</dc:creator>
    <pubDate>Mon, 02 Jun 2025 14:30:00 +0200</pubDate>
    <description>&lt;p&gt;Short summary&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full <b>text</b> <img src="/inline.jpg"></p>]]></content:encoded>
    <category>Politics</category>
    <category>US Politics</category>
    <category>politics</category>
    <media:content url="https://cdn.example.com/lead.jpg" medium="image" width="800"/>
  </item>
  <item>
    <title>No GUID here</title>
    <link>https://example.com/world/no-guid</link>
    <pubDate>not a date</pubDate>
    <enclosure url="https://cdn.example.com/pic.png" type="image/png" length="1"/>
  </item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/base/" xml:lang="fr">
  <title type="html">Le &lt;em&gt;Blog&lt;/em&gt;</title>
  <link href="/"/>
  <id>urn:uuid:feed</id>
  <updated>2025-06-01T10:00:00Z</updated>
  <entry>
    <title>Premier billet</title>
    <link rel="alternate" href="posts/first"/>
    <id>urn:uuid:entry-1</id>
    <author><name>Marie</name></author>
    <published>2025-06-01T09:00:00+02:00</published>
    <updated>2025-06-01T11:00:00Z</updated>
    <summary type="html">&lt;p&gt;Résumé&lt;/p&gt;</summary>
    <content type="html">&lt;p&gt;Texte &lt;img src="img/photo.jpg"&gt;&lt;/p&gt;</content>
    <category term="Tech"/>
  </entry>
</feed>`

const jsonFeed = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON News",
  "home_page_url": "https://json.example.net/",
  "language": "de",
  "items": [
    {
      "id": "j-1",
      "url": "https://json.example.net/a/1",
      "title": "Erste &amp; Meldung",
      "content_html": "<p>Hallo</p>",
      "summary": "Kurz",
      "image": "https://json.example.net/i/1.jpg",
      "date_published": "2025-05-30T08:00:00Z",
      "authors": [{"name": "Max"}],
      "tags": ["Wirtschaft"]
    }
  ]
}`

const rdfFeed = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.com/">
    <title>RDF Site</title>
    <link>https://rdf.example.com/</link>
    <description>Old school</description>
  </channel>
  <item rdf:about="https://rdf.example.com/one">
    <title>One</title>
    <link>https://rdf.example.com/one</link>
    <description>First</description>
    <dc:date>2025-04-01T12:00:00Z</dc:date>
  </item>
</rdf:RDF>`

const htmlPage = `<!DOCTYPE html>
<html><head>
<title>Example</title>
<base href="https://www.example.com/news/">
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Comments" href="comments/feed">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
<link rel="alternate" type="application/rss+xml" title="Main feed" href="https://www.example.com/feed">
<link rel="alternate" type="application/rss+xml" href="https://www.example.com/feed">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body><p>Hello</p></body></html>`
