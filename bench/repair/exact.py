#!/usr/bin/env python3
"""Compares vn-repair-scan -r output for a mojibake file made by
make_mojibake.py with the source articles. Prints detected / exact counts.
Usage: exact.py SOURCE.jsonl.gz N ENC SCAN_OUTPUT
ENC is tcvn3, vni or double; the expected text is the NFC source (TCVN3:
capital toned vowels lower-cased, characters TCVN3 lacks dropped as iconv -c
does)."""
import gzip, json, subprocess, sys, unicodedata
from make_mojibake import TONES


def expect(enc, s):
    s2 = unicodedata.normalize("NFC", s) if enc != "double" else s
    if enc == "tcvn3":
        s2 = "".join(c.lower() if any(m in unicodedata.normalize("NFD", c) for m in TONES) else c for c in s2)
        r = subprocess.run(["iconv", "-c", "-f", "UTF-8", "-t", "TCVN5712-1"], input=s2.encode(), capture_output=True)
        r2 = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=r.stdout, capture_output=True)
        s2 = unicodedata.normalize("NFC", r2.stdout.decode())
    return s2


def main():
    src, n, enc, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    arts = {}
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            arts[a["id"]] = a
            if len(arts) >= n:
                break
    det = exact = 0
    bad = []
    for line in open(out, encoding="utf-8", errors="replace"):
        p = line.rstrip("\n").split("\t")
        if len(p) < 4:
            continue
        det += 1
        got = unicodedata.normalize("NFC", json.loads(p[3]))
        want = expect(enc, arts[p[0]][p[1]] or "")
        if got == want:
            exact += 1
        else:
            i = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]), min(len(got), len(want)))
            bad.append((p[0], p[1], got[max(0, i - 30):i + 30], want[max(0, i - 30):i + 30]))
    print("%s: detected %d, repaired exactly %d" % (enc, det, exact))
    for b in bad[:8]:
        print("  %s %s\n    got  %r\n    want %r" % b)


if __name__ == "__main__":
    main()
