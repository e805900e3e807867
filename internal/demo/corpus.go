package demo

// CorpusArticle is one original article of the demo corpus, as evaluation
// programs (bench/storyeval) read it: its publisher, headline, body
// paragraphs, the key of the event it reports ("" for none) and how many
// hours before the network starts it is published.
type CorpusArticle struct {
	ID         string // "PUBLISHER-SLUG/ARTICLE-SLUG"
	Outlet     string // the publisher's name
	Headline   string
	Event      string
	Hours      float64
	Paragraphs []string
}

// Corpus returns the demo's original articles in content-file order,
// leaving out its verbatim syndicated copies. It reads the embedded
// content with the same parser the demo network uses.
func Corpus() ([]CorpusArticle, error) {
	pubs, err := loadContent()
	if err != nil {
		return nil, err
	}
	var out []CorpusArticle
	for _, p := range pubs {
		for _, a := range p.Articles {
			if a.CopyOf != "" {
				continue
			}
			out = append(out, CorpusArticle{
				ID: p.Slug + "/" + a.Slug, Outlet: p.Name, Headline: a.Headline,
				Event: a.Event, Hours: a.Hours, Paragraphs: a.Paragraphs,
			})
		}
	}
	return out, nil
}
