package text

// IsStopword reports whether w (lowercase, as Tokens returns it) is an
// English function word or a word so common in news copy ("said",
// "according") that it says nothing about what an article is about.
// A switch rather than a map keeps the list immutable.
func IsStopword(w string) bool {
	switch w {
	case "a", "about", "above", "after", "again", "against", "all", "also", "am",
		"an", "and", "any", "are", "aren", "arent", "as", "at", "be", "because",
		"been", "before", "being", "below", "between", "both", "but", "by", "can",
		"cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does",
		"doesnt", "doing", "dont", "down", "during", "each", "even", "ever",
		"every", "few", "for", "from", "further", "get", "gets", "got", "had",
		"hadnt", "has", "hasnt", "have", "havent", "having", "he", "her", "here",
		"hers", "herself", "him", "himself", "his", "how", "however", "i", "if",
		"in", "into", "is", "isnt", "it", "its", "itself", "just", "like", "made",
		"make", "many", "may", "me", "might", "more", "most", "much", "must", "my",
		"myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one",
		"only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
		"same", "she", "should", "shouldnt", "since", "so", "some", "still",
		"such", "than", "that", "the", "their", "theirs", "them", "themselves",
		"then", "there", "these", "they", "this", "those", "though", "through",
		"to", "too", "under", "until", "up", "upon", "us", "very", "was", "wasnt",
		"we", "well", "were", "werent", "what", "when", "where", "whether",
		"which", "while", "who", "whom", "whose", "why", "will", "with", "within",
		"without", "wont", "would", "wouldnt", "yet", "you", "your", "yours",
		"yourself", "yourselves",
		// News copy: attribution and filler that every article carries.
		"said", "says", "say", "told", "tells", "according", "reported",
		"reports", "report", "reportedly", "news", "new", "year", "years",
		"time", "two", "three", "first", "last", "week", "day", "days",
		"mr", "mrs", "ms", "dr", "per", "percent", "around", "including",
		"people", "way", "back", "going", "know", "want", "think", "see",
		"image", "images", "photo", "photos", "getty", "video", "read":
		return true
	}
	return false
}
