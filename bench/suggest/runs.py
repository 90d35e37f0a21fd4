#!/usr/bin/env python3
"""Runs of 2-6 words inside one clause (letters only) of articles, one per
article, and the same typed without accents (every mark removed, đ→d).
Usage: runs.py SOURCE.jsonl.gz N ACCENTED_OUT TYPED_OUT"""
import gzip, json, random, re, sys, unicodedata

CLAUSE = re.compile(r"[.,;:!?()\[\]\"“”\n–—-]")
WORD = re.compile(r"[^\W\d_]+")


def unaccent(s):
    d = unicodedata.normalize("NFD", s)
    return "".join(c for c in d if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


def main():
    src, n, acc_out, typed_out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    rng = random.Random(5)
    runs = []
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            body = unicodedata.normalize("NFC", json.loads(line).get("body") or "")
            clauses = [c.split() for c in CLAUSE.split(body)]
            clauses = [c for c in clauses if len(c) >= 3 and all(WORD.fullmatch(w) for w in c)]
            if not clauses:
                continue
            c = rng.choice(clauses)
            k = rng.randint(2, min(6, len(c)))
            s = rng.randint(0, len(c) - k)
            runs.append(" ".join(c[s:s + k]))
            if len(runs) == n:
                break
    with open(acc_out, "w", encoding="utf-8") as a, open(typed_out, "w", encoding="utf-8") as t:
        for r in runs:
            a.write(r + "\n")
            t.write(unaccent(r) + "\n")


if __name__ == "__main__":
    main()
