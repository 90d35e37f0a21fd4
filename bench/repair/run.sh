#!/usr/bin/env bash
# False-repair rate of legacy-encoding detection over the shared corpora.
# Usage: bench/repair/run.sh [BUILD_DIR]   (default build)
# Prints, per corpus, texts scanned (titles + bodies), texts detected as
# legacy (each should be real mojibake: expected 0) and detection time.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
scan=$build/bin/vn-repair-scan
[ -x "$scan" ] || { echo "run.sh: $scan not built (cmake --build $build --target vn-repair-scan)" >&2; exit 1; }
shared=${VN_SHARED_DIR:-$here/../shared}
for c in corpus corpus-gov corpus-large; do
  [ -d "$shared/$c" ] || continue
  printf '%-13s ' "$c"
  "$scan" "$shared/$c"/*.jsonl.gz | tail -n 20
done
