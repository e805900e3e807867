package ingest

import (
	"cmp"
	"slices"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/story"
)

// "You May Also Like" is decided when an article is placed: the story
// clusterer names the stories the article nearly joined (story.Placed.Near),
// and the newest reports of those stories become its related articles.
const (
	// nearStories is how many near-miss stories are asked for: twice the
	// list, so that repeated sources can be passed over.
	nearStories = 2 * store.MaxRelated
	// nearScore is the least match score of a near miss. Joining a story
	// takes 0.17 (see story.ClusterOptions). A judgement, not a measure:
	// on the demo network, near misses from 0.08 up mostly share a subject
	// (a party, a council, a company), those below mostly share a place
	// name or a common word. With a full window the list is the best 6
	// anyway; the floor matters where little is like the article.
	nearScore = 0.08
	// membersKept is how many of its newest articles are remembered per
	// story: the one shown, and spares from other sources.
	membersKept = 3
)

// member is an article of the window as related lists need it.
type member struct {
	id, source int64
	seq        int64 // when it was placed, in placements
}

// storyMembers remembers the newest articles of each story the clusterer
// knows, by the clusterer's story names, and each remembered article's
// related list, so that a new article can be offered to the lists of the
// articles it lists without reading them. Stories with no article placed
// within the last window placements are forgotten, a window's worth at a
// time, so memory is bounded by the window like the clusterer's.
type storyMembers struct {
	window int64
	seq    int64
	swept  int64
	m      map[story.StoryID][]member
	lists  map[int64][]store.Related // by article ID, best first
}

func newStoryMembers(window int) *storyMembers {
	return &storyMembers{window: int64(max(window, 1)), m: make(map[story.StoryID][]member),
		lists: make(map[int64][]store.Related)}
}

// add records an article of story sid and its related list, after folding
// the stories merged into sid into it. A syndicated copy is not
// remembered: its original is the one to show, and a story's newest
// articles may all be copies of it.
func (s *storyMembers) add(sid story.StoryID, merged []story.StoryID, id, source, duplicateOf int64, list []store.Related) {
	s.seq++
	members := s.m[sid]
	for _, old := range merged {
		members = append(members, s.m[old]...)
		delete(s.m, old)
	}
	if duplicateOf == 0 {
		members = append(members, member{id: id, source: source, seq: s.seq})
		s.lists[id] = list
	}
	if len(merged) > 0 {
		sortBySeq(members)
	}
	if drop := len(members) - membersKept; drop > 0 {
		for _, m := range members[:drop] {
			delete(s.lists, m.id)
		}
		members = append(members[:0], members[drop:]...)
	}
	if len(members) > 0 {
		s.m[sid] = members
	}
	if s.seq-s.swept >= s.window {
		s.sweep()
	}
}

func (s *storyMembers) sweep() {
	s.swept = s.seq
	for sid, members := range s.m {
		if s.seq-members[len(members)-1].seq >= s.window {
			for _, m := range members {
				delete(s.lists, m.id)
			}
			delete(s.m, sid)
		}
	}
}

// offer puts article id into the list of each article it lists, with the
// same score, where it beats the list's worst entry or the list has room,
// and returns the lists that changed, to be stored with the article.
func (s *storyMembers) offer(id int64, related []store.Related) []store.RelatedList {
	var changed []store.RelatedList
	for _, r := range related {
		list, ok := s.lists[r.ArticleID]
		if !ok {
			continue // not remembered: it left the window's newest
		}
		grown, entered := insertRelated(list, store.Related{ArticleID: id, Score: r.Score})
		if !entered {
			continue
		}
		s.lists[r.ArticleID] = grown
		changed = append(changed, store.RelatedList{ArticleID: r.ArticleID, Related: grown})
	}
	return changed
}

// insertRelated returns list (best first) with r in its place and the
// worst entry dropped past MaxRelated, and whether r entered. A new entry
// ties in after those of equal score, so it must beat the worst to enter
// a full list. list itself is never changed: stored placements share it.
func insertRelated(list []store.Related, r store.Related) ([]store.Related, bool) {
	at := len(list)
	for i, e := range list {
		if e.ArticleID == r.ArticleID {
			return list, false
		}
		if at == len(list) && r.Score > e.Score {
			at = i
		}
	}
	if at >= store.MaxRelated {
		return list, false
	}
	out := make([]store.Related, 0, min(len(list)+1, store.MaxRelated))
	out = append(out, list[:at]...)
	out = append(out, r)
	out = append(out, list[at:min(len(list), store.MaxRelated-1)]...)
	return out, true
}

// sortBySeq orders a few members oldest first (insertion sort: at most
// membersKept per merged story).
func sortBySeq(list []member) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].seq < list[j-1].seq; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

// related turns an article's near-miss stories into its related list: the
// newest article of each story, one per source while other sources are
// left, and none from the article's own source until then; best first.
func (s *storyMembers) related(near []story.Near, source int64) []store.Related {
	out := make([]store.Related, 0, store.MaxRelated)
	var spare []store.Related
	used := []int64{source}
	for _, n := range near {
		list := s.m[n.Story]
		pick, fresh := -1, false
		for i := len(list) - 1; i >= 0; i-- {
			if !contains(used, list[i].source) {
				pick, fresh = i, true
				break
			}
			if pick < 0 {
				pick = i
			}
		}
		switch {
		case fresh:
			used = append(used, list[pick].source)
			out = append(out, store.Related{ArticleID: list[pick].id, Score: n.Score})
		case pick >= 0:
			spare = append(spare, store.Related{ArticleID: list[pick].id, Score: n.Score})
		}
		if len(out) == store.MaxRelated {
			break
		}
	}
	for _, r := range spare {
		if len(out) == store.MaxRelated {
			break
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b store.Related) int { return cmp.Compare(b.Score, a.Score) })
	return out
}

func contains(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
