#!/usr/bin/env python3
"""Known-item query sets from ../shared/corpus (issue 5, "Quality").

Two sets, the article being the answer:
  title: a few (3-5) consecutive syllables of the title;
  body:  two or three salient syllable pairs (adjacent syllables in one
         clause) of the body, drawn with probability proportional to tf*idf,
         in random order (simulated known-item queries after Azzopardi,
         de Rijke and Balog, SIGIR 2007).
Each query is written in five ways: accented (NFC, as in the text),
unaccented (every mark removed, đ→d), NFD, upper case, and the other tone
style (hoà <-> hòa, thuỷ <-> thủy).

Output: TSV lines  set  variant  qid  answer_id  query
Usage: make_sets.py [--n 500] [--seed 7] CORPUS_DIR > sets.tsv
"""
import argparse, collections, glob, gzip, json, math, random, re, sys, unicodedata

WORD = re.compile(r"[^\W_]+", re.UNICODE)
CLAUSE = re.compile(r"[.,;:!?()\[\]\"“”\n–—-]")
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
VOWELS = set("aăâeêioôơuưy")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def unaccent(s):
    d = unicodedata.normalize("NFD", s)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return d.replace("đ", "d").replace("Đ", "D")


def split_tone(syl):
    """(syllable without tone, tone mark or '', index of the toned letter)."""
    d = unicodedata.normalize("NFD", syl)
    out, tone, where = [], "", -1
    for c in d:
        if c in TONES:
            tone = c
            where = len(nfc("".join(out))) - 1
        else:
            out.append(c)
    return nfc("".join(out)), tone, where


def put_tone(base, tone, idx):
    return nfc(base[:idx + 1] + tone + base[idx + 1:]) if tone else base


def other_style(syl):
    """Swap old/new tone placement for oa, oe, uy without a final consonant."""
    base, tone, where = split_tone(syl)
    if not tone:
        return syl
    low = base.lower()
    for nuc in ("oa", "oe", "uy"):
        if low.endswith(nuc) and not (nuc == "uy" and low.endswith("quy") and len(low) == 3):
            i = len(low) - 2
            if low.startswith("qu") and nuc == "uy":
                return syl  # quý: u belongs to the initial
            if where == i:       # old style (hòa) -> new (hoà)
                return put_tone(base, tone, i + 1)
            if where == i + 1:   # new style -> old
                return put_tone(base, tone, i)
    return syl


def variants(q):
    return {
        "accented": q,
        "unaccented": unaccent(q),
        "nfd": unicodedata.normalize("NFD", q),
        "upper": q.upper(),
        "otherstyle": " ".join(other_style(w) for w in q.split(" ")),
    }


def read(corpus):
    for path in sorted(glob.glob(corpus + "/*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                yield a["id"], nfc(a.get("title") or ""), nfc(a.get("body") or "")


def syllables(text):
    return [w for w in WORD.findall(text) if not w.isdigit()]


def body_pairs(body):
    pairs = []
    for clause in CLAUSE.split(body):
        ws = [w for w in WORD.findall(clause)]
        for a, b in zip(ws, ws[1:]):
            if a.isdigit() or b.isdigit() or len(a) < 2 and len(b) < 2:
                continue
            pairs.append((a, b))
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = list(read(args.corpus))
    # Document frequency of folded pairs, so that idf rewards pairs that single
    # out the article whatever accents the query has.
    df = collections.Counter()
    for _, _, body in docs:
        df.update({(unaccent(a).lower(), unaccent(b).lower()) for a, b in body_pairs(body)})
    N = len(docs)
    out = sys.stdout
    picks = rng.sample(range(N), min(len(docs), args.n * 3))
    nt = nb = 0
    for i in picks:
        did, title, body = docs[i]
        ws = syllables(title)
        if nt < args.n and len(ws) >= 4:
            k = rng.randint(3, min(5, len(ws)))
            s = rng.randint(0, len(ws) - k)
            q = " ".join(ws[s:s + k])
            for v, text in variants(q).items():
                out.write(f"title\t{v}\tt{nt}\t{did}\t{text}\n")
            nt += 1
        pairs = body_pairs(body)
        if nb < args.n and len(pairs) >= 20:
            tf = collections.Counter((a.lower(), b.lower()) for a, b in pairs)
            cand = list(tf)
            w = [tf[p] * math.log(N / df[(unaccent(p[0]), unaccent(p[1]))]) for p in cand]
            k = rng.choice((2, 3))
            chosen = set()
            for _ in range(50):
                if len(chosen) == k:
                    break
                chosen.add(rng.choices(cand, weights=w)[0])
            chosen = list(chosen)
            rng.shuffle(chosen)
            q = " ".join(f"{a} {b}" for a, b in chosen)
            for v, text in variants(q).items():
                out.write(f"body\t{v}\tb{nb}\t{did}\t{text}\n")
            nb += 1
        if nt >= args.n and nb >= args.n:
            break


if __name__ == "__main__":
    main()
