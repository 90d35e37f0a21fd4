#!/usr/bin/env python3
"""Recall check for legacy-encoding detection: turn the first N articles of a
corpus file into TCVN3, VNI and double-UTF-8 mojibake (as read through
Windows-1252) and write three .jsonl.gz files for vn-repair-scan.
Usage: make_mojibake.py CORPUS.jsonl.gz N OUTDIR
TCVN3 has no capital toned vowels, so those are lower-cased first (as the
.VnTimeH fonts did)."""
import gzip, json, os, subprocess, sys, unicodedata
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../tests/text_repair"))
from make_vectors import as_cp1252, vni, double  # noqa: E402

TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def tcvn3(s):
    s = unicodedata.normalize("NFC", s)
    s = "".join(c.lower() if any(m in unicodedata.normalize("NFD", c) for m in TONES) else c for c in s)
    r = subprocess.run(["iconv", "-c", "-f", "UTF-8", "-t", "TCVN5712-1"], input=s.encode(),
                       capture_output=True)
    return as_cp1252(r.stdout)


def main():
    src, n, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    arts = []
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            arts.append(json.loads(line))
            if len(arts) >= n:
                break
    for name, fn in (("tcvn3", tcvn3), ("vni", lambda s: vni(unicodedata.normalize("NFC", s))),
                     ("double", double)):
        with gzip.open(os.path.join(outdir, name + ".jsonl.gz"), "wt", encoding="utf-8") as out:
            for a in arts:
                out.write(json.dumps({"id": a["id"], "title": fn(a["title"] or ""),
                                      "body": fn(a["body"] or "")}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
