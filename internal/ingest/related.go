package ingest

import (
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
	// takes 0.18 (see story.ClusterOptions). A judgement, not a measure:
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
	id, source, duplicateOf int64
	seq                     int64 // when it was placed, in placements
}

// storyMembers remembers the newest articles of each story the clusterer
// knows, by the clusterer's story names. Stories with no article placed
// within the last window placements are forgotten, a window's worth at a
// time, so memory is bounded by the window like the clusterer's.
type storyMembers struct {
	window int64
	seq    int64
	swept  int64
	m      map[story.StoryID][]member
}

func newStoryMembers(window int) *storyMembers {
	return &storyMembers{window: int64(max(window, 1)), m: make(map[story.StoryID][]member)}
}

// add records an article of story sid, after folding the stories merged
// into sid into it.
func (s *storyMembers) add(sid story.StoryID, merged []story.StoryID, id, source, duplicateOf int64) {
	s.seq++
	list := s.m[sid]
	for _, old := range merged {
		list = append(list, s.m[old]...)
		delete(s.m, old)
	}
	list = append(list, member{id: id, source: source, duplicateOf: duplicateOf, seq: s.seq})
	if len(merged) > 0 {
		sortBySeq(list)
	}
	if len(list) > membersKept {
		list = append(list[:0], list[len(list)-membersKept:]...)
	}
	s.m[sid] = list
	if s.seq-s.swept >= s.window {
		s.sweep()
	}
}

func (s *storyMembers) sweep() {
	s.swept = s.seq
	for sid, list := range s.m {
		if s.seq-list[len(list)-1].seq >= s.window {
			delete(s.m, sid)
		}
	}
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
// newest original (not a syndicated copy) of each story, best story first,
// one per source while other sources are left, and none from the
// article's own source until then.
func (s *storyMembers) related(near []story.Near, source int64) []store.Related {
	out := make([]store.Related, 0, store.MaxRelated)
	var spare []store.Related
	used := []int64{source}
	for _, n := range near {
		list := s.m[n.Story]
		pick, fresh := -1, false
		for i := len(list) - 1; i >= 0; i-- {
			if list[i].duplicateOf != 0 {
				continue
			}
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
			return out
		}
	}
	for _, r := range spare {
		if len(out) == store.MaxRelated {
			break
		}
		out = append(out, r)
	}
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
