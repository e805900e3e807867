package main

import "math"

// scores are the clustering metrics: NMI with arithmetic normalisation (as
// scikit-learn's default and ../shared/tools/score_clusters.py) and
// BCubed precision, recall and F1.
type scores struct {
	docs, clusters    int
	nmi               float64
	precision, recall float64
	f1                float64
}

// score compares predicted labels with gold labels, index by index.
func score(gold, pred []string) scores {
	n := len(gold)
	if n == 0 {
		return scores{}
	}
	type pair struct{ g, p string }
	cg, cp := map[string]int{}, map[string]int{}
	joint := map[pair]int{}
	for i := range gold {
		cg[gold[i]]++
		cp[pred[i]]++
		joint[pair{gold[i], pred[i]}]++
	}
	fn := float64(n)
	var mi, hg, hp float64
	for k, c := range joint {
		fc := float64(c)
		mi += fc / fn * math.Log(fc*fn/(float64(cg[k.g])*float64(cp[k.p])))
	}
	for _, c := range cg {
		hg -= float64(c) / fn * math.Log(float64(c)/fn)
	}
	for _, c := range cp {
		hp -= float64(c) / fn * math.Log(float64(c)/fn)
	}
	s := scores{docs: n, clusters: len(cp), nmi: 1}
	if hg+hp > 0 {
		s.nmi = 2 * mi / (hg + hp)
	}
	// BCubed: for each item, the share of its predicted cluster that shares
	// its gold label (precision) and the share of its gold cluster that
	// shares its predicted cluster (recall); the intersection size is the
	// joint count.
	for i := range gold {
		inter := float64(joint[pair{gold[i], pred[i]}])
		s.precision += inter / float64(cp[pred[i]])
		s.recall += inter / float64(cg[gold[i]])
	}
	s.precision /= fn
	s.recall /= fn
	if s.precision+s.recall > 0 {
		s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall)
	}
	return s
}
