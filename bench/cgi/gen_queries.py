#!/usr/bin/env python3
"""Writes bench/cgi/queries-mix.txt: the query mix of bench/cgi/run.sh.

The 20 hand-picked queries of queries.txt, then N more drawn reproducibly
(fixed seed) from ../shared/corpus: runs of 1-3 words of a title (two in
three) or of a body sentence, lower-cased, about half of them typed without
accents the way many users do. Only these short strings end up in the repo.

Usage: bench/cgi/gen_queries.py [CORPUS_DIR] [N] [SEED] > bench/cgi/queries-mix.txt
"""
import glob
import gzip
import json
import random
import re
import sys
import unicodedata

corpus = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
want = int(sys.argv[2]) if len(sys.argv) > 2 else 300
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261127
here = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."

# A word: letters (with Vietnamese marks) or digits, nothing else.
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def no_accents(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if unicodedata.category(c) != "Mn"))


def main():
    files = sorted(glob.glob(corpus + "/*.jsonl.gz"))
    if not files:
        sys.exit(f"gen_queries: no corpus in {corpus}")
    titles, bodies = [], []
    for p in files:
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d.get("title"):
                    titles.append(d["title"])
                if d.get("body"):
                    bodies.append(d["body"][:2000])
    rng = random.Random(seed)
    fixed = [q.strip() for q in open(here + "/queries.txt", encoding="utf-8") if q.strip()]
    seen, out = set(fixed), list(fixed)
    tries = 0
    while len(out) < len(fixed) + want and tries < want * 100:
        tries += 1
        src = rng.choice(titles) if rng.random() < 2 / 3 else rng.choice(bodies)
        words = [w for w in WORD.findall(src.lower()) if not w.isdigit()]
        if not words:
            continue
        k = rng.choice((1, 2, 2, 3))
        if len(words) < k:
            continue
        i = rng.randrange(len(words) - k + 1)
        q = " ".join(words[i:i + k])
        if len(q) < 3:
            continue
        if rng.random() < 0.5:
            q = no_accents(q)
        if q not in seen:
            seen.add(q)
            out.append(q)
    sys.stdout.write("".join(q + "\n" for q in out))


main()
