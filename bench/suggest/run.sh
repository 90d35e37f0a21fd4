#!/usr/bin/env bash
# Accent suggestions (issue 5, "Suggestions"): runs of 2-6 words from
# articles that are NOT in the index, typed without accents; how often
# vnquery's suggestion gives back the words as written.
# Usage: bench/suggest/run.sh INDEX_DIR [N]   (default 2000 runs)
# The runs come from ../shared/corpus-large (or VN_SUGGEST_SOURCE=FILE.jsonl.gz),
# which the index of ../shared/corpus does not hold. VN_BIN=DIR picks the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VN_BIN:-$root/build/bin}
idx=$1; n=${2:-2000}
src=${VN_SUGGEST_SOURCE:-$root/../shared/corpus-large/vietnews-00000.jsonl.gz}
[ -f "$src" ] || { echo "suggest: $src is absent, nothing to measure"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/suggest/runs.py" "$src" "$n" "$tmp/accented.txt" "$tmp/typed.txt"
"$bin/vnquery" --db "$idx" --batch --json --limit 1 --no-snippets < "$tmp/typed.txt" |
  python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(d.get("suggestion") or d.get("query", "").lower())' > "$tmp/suggested.txt"
python3 "$root/bench/suggest/score.py" "$tmp/accented.txt" "$tmp/typed.txt" "$tmp/suggested.txt"
