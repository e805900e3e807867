package sanitize

// HasText reports whether HTML has any text a reader would see, that is
// whether Text would return something. It stops at the first word, so a
// caller that only asks "is this body empty?" does not build the text.
func HasText(htmlText string) bool {
	w := textWriter{limit: 0} // full as soon as one word is written
	w.html(htmlText)
	return w.runes > 0
}
