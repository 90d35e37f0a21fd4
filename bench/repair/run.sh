#!/usr/bin/env bash
# False-repair rate of legacy-encoding detection over the shared corpora.
# Usage: bench/repair/run.sh [BUILD_DIR]   (default build)
# Prints, per corpus, texts scanned (titles + bodies), texts detected as
# legacy (each should be real mojibake: expected 0) and detection time;
# then the same with every line as a text of its own (-l, harder), and the
# recall on 1,000 articles turned into each kind of mojibake.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
scan=$build/bin/vn-repair-scan
[ -x "$scan" ] || { echo "run.sh: $scan not built (cmake --build $build --target vn-repair-scan)" >&2; exit 1; }
shared=${VN_SHARED_DIR:-$here/../shared}
for c in corpus corpus-gov corpus-large; do
  [ -d "$shared/$c" ] || continue
  printf '%-13s texts:  ' "$c"; "$scan" "$shared/$c"/*.jsonl.gz | tail -n 20
  printf '%-13s lines:  ' "$c"; "$scan" -l "$shared/$c"/*.jsonl.gz | tail -n 20
done
# Recall and exactness: mojibake made from real articles must be found and
# repaired back (TCVN3 by glibc iconv, VNI and double UTF-8 by Python).
src=$shared/corpus/news-00003.jsonl.gz
if [ -f "$src" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  python3 "$here/bench/repair/make_mojibake.py" "$src" 1000 "$tmp"
  for e in tcvn3 vni double; do
    "$scan" -r "$tmp/$e.jsonl.gz" > "$tmp/$e.out"
    (cd "$here/bench/repair" && python3 exact.py "$src" 1000 "$e" "$tmp/$e.out" | head -n 1)
  done
fi
