#!/usr/bin/env bash
# Query speed (issue 5, "Speed"): vnquery --batch over N queries, snippets
# included, per-query median and p99 and the process's peak memory; next to
# SQLite FTS5 (bm25 + snippet()) over the same articles and queries when a
# FTS5 database is given (bench/quality/baselines.py builds one).
# Usage: bench/query/speed.sh INDEX_DIR QUERIES.txt [FTS5.sqlite]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VN_BIN:-$root/build/bin}
idx=$1; queries=$2; fts=${3:-}
# a first pass warms the page cache so both systems run from memory
"$bin/vnquery" --db "$idx" --batch < "$queries" > /dev/null
/usr/bin/time -f "vnquery: peak RSS %M KiB" "$bin/vnquery" --db "$idx" --batch --timing \
  < "$queries" > /dev/null
if [ -n "$fts" ]; then
  python3 - "$fts" "$queries" <<'PY'
import re, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
word = re.compile(r"[^\W_]+", re.UNICODE)
times = []
for rep in range(2):
    times = []
    for line in open(sys.argv[2], encoding="utf-8"):
        words = word.findall(line)
        if not words:
            continue
        match = " OR ".join('"%s"' % w for w in words)
        t0 = time.perf_counter()
        db.execute("SELECT id, title, snippet(a, 2, '<mark>', '</mark>', '…', 40) FROM a "
                   "WHERE a MATCH ? ORDER BY bm25(a) LIMIT 10", (match,)).fetchall()
        times.append((time.perf_counter() - t0) * 1000)
times.sort()
n = len(times)
print(f"fts5: {n} queries, median {times[n // 2]:.3f} ms, p99 {times[min(n - 1, (n * 99 + 99) // 100 - 1)]:.3f} ms, "
      f"mean {sum(times) / n:.3f} ms")
PY
fi
