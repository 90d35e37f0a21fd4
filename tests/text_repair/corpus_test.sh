#!/usr/bin/env bash
# False repairs over the real corpora: every title and body of
# ../shared/corpus and ../shared/corpus-gov must be left alone.
# Usage: corpus_test.sh PATH/TO/vn-repair-scan
set -euo pipefail
scan=$1
shared=${VN_SHARED_DIR:-}
if [ -z "$shared" ] || [ ! -d "$shared/corpus" ]; then
  echo "skipped: no shared corpus at '${shared}'"
  exit 77
fi
files=("$shared"/corpus/*.jsonl.gz)
[ -d "$shared/corpus-gov" ] && files+=("$shared"/corpus-gov/*.jsonl.gz)
out=$("$scan" "${files[@]}")
echo "$out"
# Texts verified by hand as real mojibake would be listed here; none so far.
expected=0
got=$(echo "$out" | awk '/^texts /{print $4}')
if [ "$got" != "$expected" ]; then
  echo "FAIL: $got texts detected as legacy, expected $expected"
  exit 1
fi
