#!/usr/bin/env python3
"""Share of runs given back whole, and of words, by the suggestions (case
and tone placement, hòa/hoà, ignored). Usage: score.py ACCENTED TYPED SUGGESTED"""
import sys, unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"


def norm(w):
    d = unicodedata.normalize("NFD", w.lower())
    base = "".join(c for c in d if c not in TONES)
    return unicodedata.normalize("NFC", base) + "".join(c for c in d if c in TONES)


def main():
    ref = [l.split() for l in open(sys.argv[1], encoding="utf-8")]
    typed = [l.split() for l in open(sys.argv[2], encoding="utf-8")]
    got = [l.split() for l in open(sys.argv[3], encoding="utf-8")]
    whole = words = right = changed = changed_right = 0
    for a, u, g in zip(ref, typed, got):
        a = [norm(x) for x in a]
        g = [norm(x) for x in g]
        u = [norm(x) for x in u]
        whole += a == g
        for x, y, z in zip(a, u, g):
            words += 1
            right += x == z
            if z != y:
                changed += 1
                changed_right += x == z
    print(f"runs {len(ref)}: whole run right {whole / len(ref):.3f}, words right {right / words:.3f}, "
          f"words changed {changed} of which right {changed_right / max(changed, 1):.3f}")


if __name__ == "__main__":
    main()
