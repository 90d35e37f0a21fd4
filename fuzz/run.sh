#!/usr/bin/env bash
# Runs every built fuzzer for a bounded time each.
# Usage: fuzz/run.sh BUILD_DIR SECONDS_PER_FUZZER
set -euo pipefail
build=$1; secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
shopt -s nullglob
n=0
for bin in "$build"/fuzz/*_fuzzer; do
  name=$(basename "$bin" _fuzzer)
  # The whole-pipeline text fuzzer gets at least a minute (issue 3); the
  # others share the given budget.
  t=$secs; [ "$name" = text ] && [ "$t" -lt 60 ] && t=60
  work=$(mktemp -d); seeds="$here/corpora/$name"
  [ -d "$seeds" ] && cp -r "$seeds"/. "$work"/ 2>/dev/null || true
  dict=(); [ -f "$here/$name.dict" ] && dict=(-dict="$here/$name.dict")
  echo "fuzz: $name for ${t}s"
  ASAN_OPTIONS=detect_leaks=1 "$bin" "${dict[@]}" -max_total_time="$t" -max_len=65536 \
      -rss_limit_mb=2048 -timeout=10 -print_final_stats=0 "$work" 2>"$work.log" || {
        tail -n 60 "$work.log"; echo "fuzz: $name FAILED"; exit 1; }
  rm -rf "$work" "$work.log"; n=$((n+1))
done
echo "fuzz: $n fuzzers ran without a crash, leak or UB report"
