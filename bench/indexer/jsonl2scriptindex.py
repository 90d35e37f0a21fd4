#!/usr/bin/env python3
"""Convert JSON Lines articles (id, title, body, ...) to the input format
of Xapian's scriptindex: one record per article, fields as name=value lines,
a value's further lines prefixed with '=', records separated by a blank line.
Reads .jsonl / .jsonl.gz files named on the command line (or stdin)."""
import gzip
import json
import sys


def lines(paths):
    if not paths:
        yield from sys.stdin
        return
    for p in paths:
        op = gzip.open if p.endswith(".gz") else open
        with op(p, "rt", encoding="utf-8", errors="replace") as f:
            yield from f


def field(out, name, value):
    if value is None:
        return
    parts = str(value).replace("\r", "").split("\n")
    out.write(f"{name}={parts[0]}\n")
    for p in parts[1:]:
        out.write(f"={p}\n")


def main():
    out = sys.stdout
    for line in lines(sys.argv[1:]):
        line = line.strip()
        if not line:
            continue
        try:
            a = json.loads(line)
        except ValueError:
            continue
        if a.get("deleted"):
            continue
        field(out, "id", a.get("id"))
        field(out, "title", a.get("title"))
        field(out, "body", a.get("body"))
        out.write("\n")


if __name__ == "__main__":
    main()
