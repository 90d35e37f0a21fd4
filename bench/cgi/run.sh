#!/usr/bin/env bash
# Requests/s and latency with wrk against the search page under one lighttpd
# on 127.0.0.1, over the full ../shared/corpus, same queries for all:
#   vn-cgi    vnsearch.cgi as a plain CGI (one process per request)
#   omega     Xapian Omega's CGI (Debian xapian-omega) over a scriptindex
#             index of the same articles
#   vn-fcgi   vnsearch.cgi as FastCGI (lighttpd mod_fastcgi spawns it), with
#             its answer cache (repeated queries come from memory)
#   vn-fcgi-nc  the same with cache_entries = 0: every request searches
# Runs are interleaved (vn-cgi, omega, vn-fcgi, vn-fcgi-nc, vn-cgi, ...) and the median
# of REPEATS runs is reported, with the ratios from the same run.
# Usage: bench/cgi/run.sh [BUILD_DIR]
#   env: REPEATS (3), DURATION seconds per run (10), CONNECTIONS (4),
#        VN_SHARED_DIR (../shared), VN_BENCH_WORK (BUILD_DIR/bench/cgi)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bin=$build/bin
work=${VN_BENCH_WORK:-$build/bench/cgi}
shared=${VN_SHARED_DIR:-$root/../shared}
repeats=${REPEATS:-3}; duration=${DURATION:-10}; conns=${CONNECTIONS:-4}
omega=/usr/lib/cgi-bin/omega/omega

for t in wrk lighttpd scriptindex curl python3; do
  command -v $t >/dev/null || { echo "bench/cgi: $t is missing (bash tools/deps.sh test; apt-get install wrk)" >&2; exit 1; }
done
[ -x "$omega" ] || { echo "bench/cgi: $omega is missing (apt-get install xapian-omega)" >&2; exit 1; }
for p in vnindex vnsearch.cgi; do
  [ -x "$bin/$p" ] || { echo "bench/cgi: $bin/$p is missing: build first" >&2; exit 1; }
done
ls "$shared"/corpus/*.jsonl.gz >/dev/null 2>&1 || { echo "bench/cgi: no corpus in $shared/corpus" >&2; exit 1; }
. "$root/tools/lighttpd-conf.sh"
mkdir -p "$work"

# --- the two indexes of the same articles (built once, kept in $work) -------
if [ ! -f "$work/vn-index.done" ]; then
  echo "bench/cgi: vnindex over $shared/corpus (once)"
  "$bin/vnindex" --db "$work/vn-index" --quiet "$shared"/corpus/*.jsonl.gz
  touch "$work/vn-index.done"
fi
if [ ! -f "$work/omega-index.done" ]; then
  echo "bench/cgi: scriptindex over the same articles (once)"
  conv=$root/bench/indexer/jsonl2scriptindex.py
  mkdir -p "$work/omega-data"
  python3 "$conv" "$shared"/corpus/*.jsonl.gz |
    scriptindex --overwrite "$work/omega-data/default" "$here/omega.script" >"$work/scriptindex.log"
  touch "$work/omega-index.done"
fi

# --- one lighttpd with all three ---------------------------------------------
cat >"$work/vnsearch.conf" <<CONF
db = $work/vn-index
time_limit = 2
CONF
{ cat "$work/vnsearch.conf"; echo "cache_entries = 0"; } >"$work/vnsearch-nocache.conf"
mkdir -p "$work/omega-log" "$work/www"
cat >"$work/omega.conf" <<CONF
database_dir $work/omega-data
template_dir /var/lib/xapian-omega/templates
log_dir $work/omega-log
CONF
ln -sf "$omega" "$work/omega.cgi"
port=$(vn_free_port)
cat >"$work/lighttpd.conf" <<CONF
server.modules = ("mod_alias", "mod_setenv", "mod_cgi", "mod_fastcgi")
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$work/www"
server.errorlog = "$work/error.log"
server.max-connections = 256
alias.url = ( "/vnsearch.cgi" => "$bin/vnsearch.cgi", "/omega.cgi" => "$work/omega.cgi" )
cgi.assign = ( ".cgi" => "" )
setenv.add-environment = ( "VNSEARCH_CONFIG" => "$work/vnsearch.conf",
                           "OMEGA_CONFIG_FILE" => "$work/omega.conf" )
# (distinct names: lighttpd matches these keys as prefixes)
fastcgi.server = ( "/cached.fcgi" => ((
  "bin-path" => "$bin/vnsearch.cgi --fastcgi",
  "socket" => "$work/vnsearch.sock",
  "max-procs" => ${VN_FCGI_PROCS:-2},
  "check-local" => "disable",
  "bin-environment" => ( "VNSEARCH_CONFIG" => "$work/vnsearch.conf" )
)), "/plain.fcgi" => ((
  "bin-path" => "$bin/vnsearch.cgi --fastcgi",
  "socket" => "$work/vnsearch-nc.sock",
  "max-procs" => ${VN_FCGI_PROCS:-2},
  "check-local" => "disable",
  "bin-environment" => ( "VNSEARCH_CONFIG" => "$work/vnsearch-nocache.conf" )
)))
CONF
timeout 3600 lighttpd -D -f "$work/lighttpd.conf" 2>"$work/lighttpd.stderr" &
pid=$!
trap 'kill $pid 2>/dev/null; wait 2>/dev/null' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -s -o /dev/null "$base/vnsearch.cgi?asset=app.js" && break; sleep 0.1; done

declare -A path=( [vn-cgi]=/vnsearch.cgi [omega]="/omega.cgi?DB=default" [vn-fcgi]=/cached.fcgi
                  [vn-fcgi-nc]=/plain.fcgi )
declare -A param=( [vn-cgi]=q [omega]=P [vn-fcgi]=q [vn-fcgi-nc]=q )
targets=(vn-cgi omega vn-fcgi vn-fcgi-nc)

# Each answers the same query with hits (not an error page).
for t in "${targets[@]}"; do
  p=${path[$t]}; sep='?'; [[ $p == *\?* ]] && sep='&'
  code=$(curl -s -o "$work/check.$t" -w '%{http_code}' "$base$p${sep}${param[$t]}=dang+vien")
  [ "$code" = 200 ] || { echo "bench/cgi: $t answered $code"; tail -5 "$work/error.log"; exit 1; }
done
grep -q 'class="vs-hit"' "$work/check.vn-cgi" || { echo "bench/cgi: vn-cgi found nothing"; exit 1; }
grep -q 'class="vs-hit"' "$work/check.vn-fcgi" || { echo "bench/cgi: vn-fcgi found nothing"; exit 1; }
grep -q 'class="vs-hit"' "$work/check.vn-fcgi-nc" || { echo "bench/cgi: vn-fcgi-nc found nothing"; exit 1; }
grep -qi 'dang\|vien' "$work/check.omega" || { echo "bench/cgi: omega found nothing"; exit 1; }

echo "bench/cgi: wrk -t2 -c$conns -d${duration}s, $repeats runs each, queries: bench/cgi/queries.txt"
: >"$work/runs.txt"
for r in $(seq 1 "$repeats"); do
  for t in "${targets[@]}"; do
    line=$(VN_QUERIES="$here/queries.txt" VN_PATH="${path[$t]}" VN_PARAM="${param[$t]}" \
           wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s -s "$here/wrk.lua" "$base" | grep '^RESULT')
    echo "$t run $r: ${line#RESULT }"
    echo "$t ${line#RESULT }" >>"$work/runs.txt"
  done
done

python3 - "$work/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    t, *kv = line.split()
    d = dict(x.split("=") for x in kv)
    runs.setdefault(t, []).append({k: float(v) for k, v in d.items()})
med = {t: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for t, rs in runs.items()}
print(f"{'target':8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
for t in ("vn-cgi", "omega", "vn-fcgi", "vn-fcgi-nc"):
    m = med[t]
    print(f"{t:8} {m['rps']:9.1f} {m['p50_ms']:8.1f} {m['p99_ms']:8.1f} {int(sum(r['errors'] for r in runs[t])):7d}")
print(f"vn-cgi / omega   = {med['vn-cgi']['rps'] / med['omega']['rps']:.2f}x  (target >= 1.5)")
print(f"vn-fcgi / vn-cgi = {med['vn-fcgi']['rps'] / med['vn-cgi']['rps']:.2f}x  (target >= 10; answer cache on)")
print(f"vn-fcgi-nc / vn-cgi = {med['vn-fcgi-nc']['rps'] / med['vn-cgi']['rps']:.2f}x  (answer cache off)")
PY
