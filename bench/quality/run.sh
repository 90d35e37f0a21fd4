#!/usr/bin/env bash
# Known-item quality benchmark (issue 5): vnsearch vs Xapian's defaults and
# SQLite FTS5 over the same articles of ../shared/corpus, in one run.
# Usage: bench/quality/run.sh [N_QUERIES_PER_SET]   (default 500)
# Needs: build/bin/vnindex, build/bin/vnquery (or VN_BIN=DIR), Debian's python3-xapian.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${VN_SHARED_DIR:-$root/../shared}
corpus=$shared/corpus
n=${1:-500}
work=${VN_BENCH_WORK:-$root/var/bench-quality}
[ -d "$corpus" ] || { echo "quality: $corpus is absent, nothing to measure"; exit 77; }
mkdir -p "$work"
here=$root/bench/quality
bin=${VN_BIN:-$root/build/bin}
if [ ! -s "$work/sets-$n.tsv" ]; then
  python3 "$here/make_sets.py" --n "$n" "$corpus" > "$work/sets-$n.tsv"
fi
cut -f5 "$work/sets-$n.tsv" > "$work/queries-$n.txt"
if [ ! -d "$work/vnsearch" ]; then
  "$bin/vnindex" --quiet --db "$work/vnsearch" "$corpus"/*.jsonl.gz
fi
if [ ! -d "$work/xapian" ]; then
  /usr/bin/python3 "$here/baselines.py" build "$work" "$corpus"
fi
"$bin/vnquery" --db "$work/vnsearch" --batch --json --limit 10 --sort relevance \
  < "$work/queries-$n.txt" | python3 -c '
import json, sys
for line in sys.stdin:
    print(" ".join(h["id"] for h in json.loads(line)["hits"]))' > "$work/r-vnsearch.txt"
/usr/bin/python3 "$here/baselines.py" search "$work" xapian < "$work/queries-$n.txt" > "$work/r-xapian.txt"
/usr/bin/python3 "$here/baselines.py" search "$work" fts5 < "$work/queries-$n.txt" > "$work/r-fts5.txt"
for s in vnsearch xapian fts5; do
  python3 "$here/score.py" "$work/sets-$n.tsv" "$work/r-$s.txt" "$s"
done
