package story

// vocabulary interns the words of the window as small integers and counts
// in how many windowed articles each occurs (document frequency). A word is
// forgotten when its last article leaves the window, so the vocabulary is
// bounded by the window.
type vocabulary struct {
	ids   map[string]int32
	words []string
	dfs   []int32
	free  []int32
}

func newVocabulary() vocabulary {
	return vocabulary{ids: make(map[string]int32)}
}

// addDoc counts one more article containing w and returns w's ID. Only a
// new word is copied into a string.
func (v *vocabulary) addDoc(word []byte) int32 {
	if id, ok := v.ids[string(word)]; ok {
		v.dfs[id]++
		return id
	}
	w := string(word)
	var id int32
	if n := len(v.free); n > 0 {
		id = v.free[n-1]
		v.free = v.free[:n-1]
		v.words[id], v.dfs[id] = w, 1
	} else {
		id = int32(len(v.words))
		v.words = append(v.words, w)
		v.dfs = append(v.dfs, 1)
	}
	v.ids[w] = id
	return id
}

// removeDoc counts one article fewer containing the word id and reports
// whether the word is now forgotten.
func (v *vocabulary) removeDoc(id int32) bool {
	v.dfs[id]--
	if v.dfs[id] > 0 {
		return false
	}
	delete(v.ids, v.words[id])
	v.words[id] = ""
	v.free = append(v.free, id)
	return true
}

func (v *vocabulary) df(id int32) int32 { return v.dfs[id] }
