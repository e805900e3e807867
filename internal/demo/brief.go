package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// brief writes the k-th generated article, used once the reserve is empty.
// The counter goes into the slug and headline, so every brief is unique,
// and seeds the choices, so the same k always reads the same.
func (n *Network) brief(k int, now time.Time) *articleSpec {
	s := n.sites[(k-1)%len(n.sites)]
	r := rand.New(rand.NewPCG(uint64(k), 0x6e657773))
	day := now.Format("Monday 2 January")
	var a *articleSpec
	switch s.spec.Section {
	case "business":
		a = marketBrief(k, day, r)
	case "sports":
		a = matchBrief(k, day, r)
	case "technology":
		a = techBrief(k, day, r)
	case "world":
		a = worldBrief(k, day, r)
	default:
		a = politicsBrief(k, day, r)
	}
	a.Publisher = s.spec
	a.Author = s.spec.Name + " staff"
	return a
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

var (
	briefCompanies = []string{"Brightwell Energy", "Calder Freight", "Orrin Foods", "Kestrel Systems", "Lumen Labs", "Halden Mutual", "Ferrow Steel", "Aster Orbital"}
	briefClubs     = []string{"Port Halden Mariners", "Riverside Athletic", "Eastfield Rovers", "Northgate United", "Saltmarsh Town", "Kingsferry City"}
	briefScorers   = []string{"Jonas Eriksen", "Tobi Adeyemi", "Luca Ferrante", "Sam Whitlock", "Kenji Arai", "Mateo Ruiz", "Callum Price", "Idris Mensah"}
	briefMinisters = []string{"Finance Minister Tomas Reyes", "Transport Minister Ingrid Sole", "Health Minister Paul Aduba", "Education Minister Carys Lewin"}
	briefBills     = []string{"Coastal Housing Bill", "Rail Fares Bill", "Clean Harbours Bill", "Digital Records Bill", "Apprenticeships Bill"}
	briefTopics    = []string{"battery recycling", "open-source mapping", "school laptops", "rural broadband", "password-free sign-in", "chip export rules"}
	briefCapitals  = []string{"Lisvane", "Marrowby", "Estmere City", "Kaldor Port", "Vell"}
	briefWorldNews = []string{"grain shipments resumed through the northern strait", "a regional water commission met for the first time in a year", "talks on a shared rail corridor moved to a second round", "observers praised the calm conduct of local elections", "a new bridge across the Sarn river opened to traffic"}
)

func marketBrief(k int, day string, r *rand.Rand) *articleSpec {
	move := float64(r.IntN(260)-110) / 100
	verb, dir := "rose", "gains"
	if move < 0 {
		verb, dir = "fell", "losses"
	}
	lead, lag := pick(r, briefCompanies), pick(r, briefCompanies)
	for lag == lead {
		lag = pick(r, briefCompanies)
	}
	return &articleSpec{
		Slug:       fmt.Sprintf("market-close-briefing-%d", k),
		Headline:   fmt.Sprintf("Market close, briefing %d: Halden 100 %s %.2f%% as %s leads the way", k, verb, abs(move), lead),
		Section:    "business",
		Categories: []string{"Markets", "Economy"},
		Paragraphs: []string{
			fmt.Sprintf("The Halden 100 %s %.2f%% by the close of trading on %s, with %s leading %s after a steady session in which volumes were close to their monthly average.", verb, abs(move), day, lead, dir),
			fmt.Sprintf("Shares in %s moved the other way as traders took profits, while the currency held within a narrow band against its main trading partners. Ten-year government bond yields ended at %.2f%%, little changed on the day.", lag, 3+float64(r.IntN(90))/100),
			fmt.Sprintf("Analysts said attention would turn to next week's inflation figures and to comments from the National Reserve Bank. \"Nobody wants to take a big position before the data,\" said one trader at Halden Mutual. This is automated market briefing number %d.", k),
		},
	}
}

func matchBrief(k int, day string, r *rand.Rand) *articleSpec {
	home, away := pick(r, briefClubs), pick(r, briefClubs)
	for away == home {
		away = pick(r, briefClubs)
	}
	hg, ag := r.IntN(4), r.IntN(3)
	scorer := pick(r, briefScorers)
	result := fmt.Sprintf("%s %d-%d %s", home, hg, ag, away)
	return &articleSpec{
		Slug:       fmt.Sprintf("match-report-briefing-%d", k),
		Headline:   fmt.Sprintf("Results round-up %d: %s", k, result),
		Section:    "sports",
		Categories: []string{"Football", "Coastal League"},
		Paragraphs: []string{
			fmt.Sprintf("%s finished %s in the Coastal League on %s, in front of a crowd of %d.", home, result, day, 6000+r.IntN(14000)),
			fmt.Sprintf("%s was the most influential player on the pitch, and the home manager said afterwards that the side had \"played with the patience we have been asking for all season\". The visitors had the better of the second half but created few clear chances.", scorer),
			fmt.Sprintf("Both clubs return to action next weekend. The league table will be updated once the evening fixtures are complete. This is automated results round-up number %d.", k),
		},
	}
}

func techBrief(k int, day string, r *rand.Rand) *articleSpec {
	topic, company := pick(r, briefTopics), pick(r, briefCompanies)
	return &articleSpec{
		Slug:       fmt.Sprintf("tech-briefing-%d", k),
		Headline:   fmt.Sprintf("Tech briefing %d: %s bets on %s", k, company, topic),
		Section:    "technology",
		Categories: []string{"Tech", "Industry"},
		Paragraphs: []string{
			fmt.Sprintf("%s said on %s that it would put more money into %s, joining a growing list of companies in the region that see it as a way to cut costs and win public contracts.", company, day, topic),
			fmt.Sprintf("The company did not give a figure, but people familiar with the plans described a team of about %d engineers. Rivals have made similar announcements this year, and industry groups say skills, not money, are the main constraint.", 20+r.IntN(80)),
			fmt.Sprintf("Consumer groups welcomed the move but asked for clear promises on privacy and repairability. This is automated technology briefing number %d.", k),
		},
	}
}

func worldBrief(k int, day string, r *rand.Rand) *articleSpec {
	city, news := pick(r, briefCapitals), pick(r, briefWorldNews)
	return &articleSpec{
		Slug:       fmt.Sprintf("world-briefing-%d", k),
		Headline:   fmt.Sprintf("World briefing %d: in %s, %s", k, city, news),
		Section:    "world",
		Categories: []string{"International", "World News"},
		Paragraphs: []string{
			fmt.Sprintf("Officials in %s confirmed on %s that %s, a development diplomats in the region had been waiting on for several weeks.", city, day, news),
			"Local reporters said the mood was cautious rather than celebratory. Business groups welcomed the news, while opposition figures said they would judge it by what changes for ordinary families over the coming months.",
			fmt.Sprintf("Further talks are expected before the end of the month. This is automated world briefing number %d, compiled from officials' statements.", k),
		},
	}
}

func politicsBrief(k int, day string, r *rand.Rand) *articleSpec {
	minister, bill := pick(r, briefMinisters), pick(r, briefBills)
	ayes := 160 + r.IntN(60)
	return &articleSpec{
		Slug:       fmt.Sprintf("parliament-diary-%d", k),
		Headline:   fmt.Sprintf("Parliament diary %d: %s clears another stage", k, bill),
		Section:    "politics",
		Categories: []string{"Parliament", strings.TrimSuffix(bill, " Bill")},
		Paragraphs: []string{
			fmt.Sprintf("The %s passed its latest stage in Parliament on %s by %d votes to %d, after a debate that ran well into the evening.", bill, day, ayes, 300-ayes),
			fmt.Sprintf("%s told members the bill would \"make the rules simpler for people who have followed them all along\". Opposition members tabled amendments on cost and oversight, all of which were defeated.", minister),
			fmt.Sprintf("The bill now moves to committee, where members can propose detailed changes. This is automated parliament diary number %d.", k),
		},
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
