#!/usr/bin/env python3
"""MRR@10 and success@10 per set and variant.
Usage: score.py sets.tsv results.txt  (results: one line per sets.tsv line,
the top-10 ids space-separated, in the same order). Also checks that the
nfd/upper/otherstyle variants return exactly the accented variant's hits."""
import collections, sys

sets = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
res = [l.rstrip("\n").split() for l in open(sys.argv[2], encoding="utf-8")]
assert len(sets) == len(res), (len(sets), len(res))
rr = collections.defaultdict(list)
hits = {}
for (s, v, qid, ans, _), ids in zip(sets, res):
    ids = ids[:10]
    r = ids.index(ans) + 1 if ans in ids else 0
    rr[(s, v)].append(1.0 / r if r else 0.0)
    hits[(s, v, qid)] = ids
same = collections.Counter()
total = collections.Counter()
for (s, v, qid), ids in hits.items():
    if v in ("nfd", "upper", "otherstyle"):
        total[(s, v)] += 1
        same[(s, v)] += ids == hits[(s, "accented", qid)]
label = sys.argv[3] if len(sys.argv) > 3 else ""
for key in sorted(rr):
    vals = rr[key]
    mrr = sum(vals) / len(vals)
    s10 = sum(1 for x in vals if x > 0) / len(vals)
    extra = ""
    if key in total:
        extra = f"  same-as-accented {same[key]}/{total[key]}"
    print(f"{label:8} {key[0]:6} {key[1]:11} n={len(vals):4}  MRR@10={mrr:.3f}  success@10={s10:.3f}{extra}")
