#!/usr/bin/env bash
# CPU time (task-clock) and page faults of one plain-CGI request, for several
# builds of vnsearch.cgi side by side: `perf stat -r` of the program run as a
# web server would (QUERY_STRING in the environment, no server), the builds
# taking turns in rounds so that the machine's other load falls on all alike.
# Faults are the steadier figure on a shared VM (a first touch of a page costs
# ~15-30 µs of CPU here); task-clock follows them.
# Usage: bench/cgi/perf_cgi.sh CGI...
#   env: VN_BENCH_INDEX (var/query/idx3), VN_Q (the query string, q=covid),
#        RUNS per build (200), ROUNDS (4: RUNS/ROUNDS runs per turn)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -gt 0 ] || { echo "usage: bench/cgi/perf_cgi.sh CGI..." >&2; exit 2; }
command -v perf >/dev/null || { echo "bench/cgi: perf is missing (apt-get install linux-perf)" >&2; exit 1; }
index=$(cd "${VN_BENCH_INDEX:-$root/var/query/idx3}" && pwd)
q=${VN_Q:-q=covid}; runs=${RUNS:-200}; rounds=${ROUNDS:-4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'db = %s\ntime_limit = 2\n' "$index" >"$tmp/vnsearch.conf"
for c in "$@"; do
  [ -x "$c" ] || { echo "bench/cgi: $c is not a program" >&2; exit 1; }
  VNSEARCH_CONFIG=$tmp/vnsearch.conf QUERY_STRING=$q REQUEST_METHOD=GET "$c" | grep -q 'class="vs-hit"\|"hits":\[{' ||
    { echo "bench/cgi: $c found nothing for $q" >&2; exit 1; }
done
per=$(( (runs + rounds - 1) / rounds ))
for r in $(seq 1 "$rounds"); do
  i=0
  for c in "$@"; do
    VNSEARCH_CONFIG=$tmp/vnsearch.conf QUERY_STRING=$q REQUEST_METHOD=GET \
      perf stat -r "$per" -x, -o "$tmp/out.$i.$r" -e task-clock,page-faults "$c" >/dev/null
    i=$((i + 1))
  done
done
echo "perf_cgi: $q, $((per * rounds)) runs per build over $index"
printf '%-10s %-12s %s\n' "task-clock" "page-faults" "program"
i=0
for c in "$@"; do
  cat "$tmp"/out.$i.* | awk -F, -v c="$c" '
    $3 == "task-clock" { t += $1; n++ } $3 == "page-faults" { f += $1 }
    END { printf "%7.2f ms %9.1f    %s\n", t / n, f / n, c }'
  i=$((i + 1))
done
