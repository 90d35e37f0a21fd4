#!/usr/bin/python3
"""Peers for the known-item evaluation, over the same articles:
  xapian: Xapian's defaults as Omega indexes (TermGenerator, no stemming,
          title also under the S prefix, QueryParser with default flags, OR)
  fts5:   SQLite FTS5, tokenize 'unicode61 remove_diacritics 2', bm25, the
          query's words OR-ed (each quoted).
Needs Debian's python3-xapian (so run with /usr/bin/python3).

Usage: baselines.py build WORKDIR CORPUS_DIR
       baselines.py search WORKDIR SYSTEM < queries (one per line)
          → one line per query: the ids of the top 10, space-separated
"""
import glob, gzip, json, os, re, sqlite3, sys

import xapian


def articles(corpus):
    for path in sorted(glob.glob(corpus + "/*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                yield a["id"], a.get("title") or "", a.get("body") or ""


def build(work, corpus):
    os.makedirs(work, exist_ok=True)
    db = xapian.WritableDatabase(os.path.join(work, "xapian"), xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    fts = sqlite3.connect(os.path.join(work, "fts5.sqlite"))
    fts.execute("DROP TABLE IF EXISTS a")
    fts.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    for did, title, body in articles(corpus):
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(title, 1, "S")
        tg.index_text(title)
        tg.increase_termpos()
        tg.index_text(body)
        doc.add_boolean_term("Q" + did)
        doc.set_data(did)
        db.replace_document("Q" + did, doc)
        fts.execute("INSERT INTO a(id, title, body) VALUES (?, ?, ?)", (did, title, body))
    db.commit()
    fts.commit()


WORD = re.compile(r"[^\W_]+", re.UNICODE)


def search(work, system):
    out = sys.stdout
    if system == "xapian":
        db = xapian.Database(os.path.join(work, "xapian"))
        qp = xapian.QueryParser()
        qp.set_database(db)
        qp.add_prefix("title", "S")
        enq = xapian.Enquire(db)
        for line in sys.stdin:
            try:
                q = qp.parse_query(line.strip())
            except xapian.QueryParserError:
                # As Omega does: a syntax error ("AND" from an upper-cased
                # "and") is searched again as plain words.
                q = qp.parse_query(line.strip(), 0)
            enq.set_query(q)
            ms = enq.get_mset(0, 10)
            out.write(" ".join(m.document.get_data().decode() for m in ms) + "\n")
    else:
        fts = sqlite3.connect(os.path.join(work, "fts5.sqlite"))
        for line in sys.stdin:
            words = WORD.findall(line)
            if not words:
                out.write("\n")
                continue
            match = " OR ".join('"%s"' % w.replace('"', '') for w in words)
            rows = fts.execute("SELECT id FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT 10",
                               (match,)).fetchall()
            out.write(" ".join(r[0] for r in rows) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        search(sys.argv[2], sys.argv[3])
