#!/usr/bin/env bash
# Quick known-item evaluation for tuning the ranking (issue 5, "Quality"):
# runs vnquery over the sets of bench/quality/make_sets.py and prints
# MRR@10 / success@10 per set and variant (bench/quality/score.py).
# Usage: bench/query/eval.sh INDEX_DIR SETS.tsv [extra vnquery options]
# VN_QUERY_TUNE="bigram_plain=2,title=0.8" overrides ranking weights
# (see query/engine.c, struct vq_weights) for one run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VN_BIN:-$root/build/bin}
idx=$1; sets=$2; shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cut -f5 "$sets" > "$tmp/q.txt"
"$bin/vnquery" --db "$idx" --batch --limit 10 --sort relevance --no-snippets --no-suggest "$@" \
  < "$tmp/q.txt" | python3 -c '
import json, sys
for line in sys.stdin:
    print(" ".join(h["id"] for h in json.loads(line).get("hits", [])))' > "$tmp/r.txt"
python3 "$root/bench/quality/score.py" "$sets" "$tmp/r.txt" vnsearch
