#!/usr/bin/env python3
"""The best MRR@10 any ranker can expect on make_sets.py's known-item sets.

make_sets.py's generator is known, so for every query the probability that
it came from each article can be computed exactly (a uniform choice of the
article among those the generator accepts, then of the run or of the
pairs). Ranking by that posterior is the Bayes-optimal order: no ranking
that sees only the query and the texts does better in expectation. Ties
(duplicate articles, runs found in many titles) are scored as the
expected reciprocal rank of a random order among them.

  title: a run of k consecutive title syllables, k uniform in
         3..min(5, L), start uniform: P(q | d) = n / (L - k + 1) / (min(5, L) - 2)
         over titles of L >= 4 syllables holding the run n times.
  body:  pairs drawn by tf*idf among the article's pairs (articles of 20
         pairs or more): P(q | d) = prod tf*idf(pair, d) / Z(d), the
         query's pairs being its words taken two by two.
For the unaccented variant every form that folds to the query counts.

Usage: ceiling.py SETS.tsv [RESULTS.txt]  (RESULTS: one line of ids per
query line, as bench/query/eval.sh makes them, to print ours beside it)
Needs ../shared/corpus (VN_SHARED_DIR to point elsewhere); ~5 minutes.
"""
import collections, math, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_sets import body_pairs, read, syllables, unaccent  # noqa: E402


def expected_rr(score, ans):
    """Expected reciprocal rank (0 past 10) of ans when ranked by score."""
    if ans not in score:
        return 0.0
    sa = score[ans]
    better = sum(1 for v in score.values() if v > sa * (1 + 1e-9) + 1e-300)
    same = sum(1 for v in score.values() if abs(v - sa) <= abs(sa) * 1e-9 + 1e-300)
    return sum(1.0 / (better + j) for j in range(1, same + 1) if better + j <= 10) / same


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    shared = os.environ.get("VN_SHARED_DIR", os.path.join(root, "..", "shared"))
    sets = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
    res = None
    if len(sys.argv) > 2:
        res = [l.split() for l in open(sys.argv[2], encoding="utf-8")]
    docs = list(read(os.path.join(shared, "corpus")))
    n_docs = len(docs)
    variants = ("accented", "unaccented")
    want = [(i, s) for i, s in enumerate(sets) if s[1] in variants]

    # titles: syllables, exact-lower and folded
    titles = []
    for _, title, _ in docs:
        ws = [w.lower() for w in syllables(title)]
        titles.append((ws, [unaccent(w) for w in ws]))

    # body: folded pair df, then Z(d) and the tf*idf of the pairs queried
    pairs_of = []
    df = collections.Counter()
    for _, _, body in docs:
        ps = [(a.lower(), b.lower()) for a, b in body_pairs(body)]
        pairs_of.append(ps)
        df.update({(unaccent(a), unaccent(b)) for a, b in ps})
    need = set()
    for _, (s, v, _, _, q) in want:
        if s == "body":
            w = q.lower().split()
            need.update((w[i], w[i + 1]) for i in range(0, len(w) - 1, 2))
    z = [0.0] * n_docs
    mass = collections.defaultdict(dict)
    for d, ps in enumerate(pairs_of):
        if len(ps) < 20:
            continue
        for p, n in collections.Counter(ps).items():
            fp = (unaccent(p[0]), unaccent(p[1]))
            m = n * math.log(n_docs / df[fp])
            z[d] += m
            for key in (p, fp):
                if key in need:
                    mass[key][d] = mass[key].get(d, 0.0) + m
    del pairs_of

    ids = [d[0] for d in docs]
    got = collections.defaultdict(list)
    ours = collections.defaultdict(list)
    for i, (s, v, _, ans, q) in want:
        score = {}
        if s == "title":
            qs = [w.lower() for w in syllables(q)]
            if v == "unaccented":
                qs = [unaccent(w) for w in qs]
            k = len(qs)
            for d, (ws, fs) in enumerate(titles):
                L = len(ws)
                if L < 4 or k > min(5, L):
                    continue
                seq = fs if v == "unaccented" else ws
                c = sum(1 for j in range(L - k + 1) if seq[j:j + k] == qs)
                if c:
                    score[ids[d]] = c / (L - k + 1) / (min(5, L) - 2)
        else:
            w = q.lower().split()
            pairs = [(w[j], w[j + 1]) for j in range(0, len(w) - 1, 2)]
            cand = None
            for p in pairs:
                have = set(mass.get(p, {}))
                cand = have if cand is None else cand & have
            for d in cand or ():
                score[ids[d]] = sum(math.log(mass[p][d] / z[d]) for p in pairs)
                score[ids[d]] = math.exp(score[ids[d]])
        got[(s, v)].append(expected_rr(score, ans))
        if res is not None:
            r = res[i].index(ans) + 1 if ans in res[i] else 0
            ours[(s, v)].append(1.0 / r if r else 0.0)
    for key in sorted(got):
        line = "%-6s %-11s n=%4d  ceiling MRR@10=%.3f" % (key[0], key[1], len(got[key]),
                                                         sum(got[key]) / len(got[key]))
        if res is not None:
            line += "  ours %.3f" % (sum(ours[key]) / len(ours[key]))
        print(line)


if __name__ == "__main__":
    main()
