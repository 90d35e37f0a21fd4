#!/usr/bin/env bash
# Known-item quality benchmark (issue 5): vnsearch vs Xapian's defaults and
# SQLite FTS5 over the same articles of ../shared/corpus, in one run.
# Usage: bench/quality/run.sh [N_QUERIES_PER_SET]   (default 500)
# VN_BENCH_SEED picks the sets' random seed (default 7). The ranking weights
# were tuned on seed 7 (bench/query/eval.sh); report figures on another seed.
# Every query is scored, whatever our engine does with it. Answers are single
# articles: ../shared/corpus has no exact duplicates (same title and body
# under two ids), so no answer has an equivalent; 113 titles recur with
# different bodies, and those stay distinct articles.
# Needs: build/bin/vnindex, build/bin/vnquery (or VN_BIN=DIR), Debian's python3-xapian.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${VN_SHARED_DIR:-$root/../shared}
corpus=$shared/corpus
n=${1:-500}
seed=${VN_BENCH_SEED:-7}
work=${VN_BENCH_WORK:-$root/var/bench-quality}
[ -d "$corpus" ] || { echo "quality: $corpus is absent, nothing to measure"; exit 77; }
mkdir -p "$work"
here=$root/bench/quality
bin=${VN_BIN:-$root/build/bin}
sets=$work/sets-$n.tsv
[ "$seed" = 7 ] || sets=$work/sets-$n-seed$seed.tsv
if [ ! -s "$sets" ]; then
  python3 "$here/make_sets.py" --n "$n" --seed "$seed" "$corpus" > "$sets"
fi
cut -f5 "$sets" > "$work/queries-$n.txt"
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
  python3 "$here/score.py" "$sets" "$work/r-$s.txt" "$s"
done
