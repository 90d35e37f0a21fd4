#!/usr/bin/env bash
# Requests/s and latency with wrk against the search page under one lighttpd
# on 127.0.0.1, over the full ../shared/corpus, same queries for all:
#   vn-cgi    vnsearch.cgi as a plain CGI (one process per request)
#   omega     Xapian Omega's CGI (Debian xapian-omega) over a scriptindex
#             index of the same articles
#   vn-fcgi-nc  vnsearch.cgi as FastCGI (lighttpd mod_fastcgi spawns it)
#             with cache_entries = 0: every request searches (the honest
#             figure for the FastCGI target)
#   vn-fcgi   the same with its answer cache on, filled by an untimed run of
#             WARM seconds just before each timed one: queries are answered
#             from memory (what a portal sees for its popular queries, not a
#             search speed)
#   noop      a static CGI that writes a fixed answer: what the server, wrk
#             and starting a process cost per request, the ceiling of any
#             plain CGI on this machine
# The query mix is bench/cgi/queries-mix.txt (320 queries: queries.txt plus
# 300 drawn from the corpus with a fixed seed by gen_queries.py, half of them
# without accents); every target gets the same queries in the same order.
# Runs are interleaved (vn-cgi, omega, vn-fcgi-nc, vn-fcgi, vn-cgi, ...) and
# the median of REPEATS runs is reported, with the ratios from the same run.
# Then spawn_cpu.py reads the CPU time of each plain-CGI process (vnsearch.cgi
# and Omega, no web server), and bench_cgi (when built) splits a FastCGI
# request's cost between the query library and the CGI's own work, over the
# same mix.
# Usage: bench/cgi/run.sh [BUILD_DIR]
#   env: REPEATS (3), DURATION seconds per run (10), CONNECTIONS (4), WARM (10),
#        VN_FORMAT (html | json: what vnsearch.cgi answers; html),
#        VN_QUERIES (bench/cgi/queries-mix.txt),
#        VN_BENCH_INDEX (an existing vnindex index of the full corpus in the
#        current format, used instead of building one),
#        VN_SHARED_DIR (../shared), VN_BENCH_WORK (BUILD_DIR/bench/cgi),
#        VN_CGI2 (a second build of vnsearch.cgi, e.g. the static one of
#        tools/build-static-xapian.sh: target vn-cgi2, run beside the others)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bin=$build/bin
work=${VN_BENCH_WORK:-$build/bench/cgi}
shared=${VN_SHARED_DIR:-$root/../shared}
repeats=${REPEATS:-3}; duration=${DURATION:-10}; conns=${CONNECTIONS:-4}; warm=${WARM:-10}
format=${VN_FORMAT:-html}
queries=${VN_QUERIES:-$here/queries-mix.txt}
case $format in html|json) ;; *) echo "bench/cgi: VN_FORMAT must be html or json" >&2; exit 2 ;; esac
[ -s "$queries" ] || { echo "bench/cgi: no queries in $queries" >&2; exit 1; }
omega=/usr/lib/cgi-bin/omega/omega

for t in wrk lighttpd scriptindex curl python3; do
  command -v $t >/dev/null || { echo "bench/cgi: $t is missing (bash tools/deps.sh test; apt-get install wrk)" >&2; exit 1; }
done
[ -x "$omega" ] || { echo "bench/cgi: $omega is missing (apt-get install xapian-omega)" >&2; exit 1; }
for p in vnindex vnsearch.cgi; do
  [ -x "$bin/$p" ] || { echo "bench/cgi: $bin/$p is missing: build first" >&2; exit 1; }
done
cgi2=
if [ -n "${VN_CGI2:-}" ]; then
  [ -x "$VN_CGI2" ] || { echo "bench/cgi: VN_CGI2=$VN_CGI2 is not a program" >&2; exit 1; }
  cgi2=$(cd "$(dirname "$VN_CGI2")" && pwd)/$(basename "$VN_CGI2")
fi
ls "$shared"/corpus/*.jsonl.gz >/dev/null 2>&1 || { echo "bench/cgi: no corpus in $shared/corpus" >&2; exit 1; }
. "$root/tools/lighttpd-conf.sh"
mkdir -p "$work"

# --- the two indexes of the same articles (built once, kept in $work) -------
# vn-index.done holds the index format it was built in; another format (the
# schema moved on) means building it again.
want_format=$(sed -n 's/^#define VN_INDEX_FORMAT \([0-9]*\).*/\1/p' "$root/base/vn_schema.h")
if [ -n "${VN_BENCH_INDEX:-}" ]; then
  # absolute: the web server runs the CGI in another directory
  vn_index=$(cd "$VN_BENCH_INDEX" && pwd) || { echo "bench/cgi: no index at $VN_BENCH_INDEX" >&2; exit 1; }
elif [ "$(cat "$work/vn-index.done" 2>/dev/null)" != "format $want_format" ]; then
  echo "bench/cgi: vnindex over $shared/corpus (once per index format)"
  rm -rf "$work/vn-index"
  "$bin/vnindex" --db "$work/vn-index" --quiet "$shared"/corpus/*.jsonl.gz
  echo "format $want_format" >"$work/vn-index.done"
  vn_index=$work/vn-index
else
  vn_index=$work/vn-index
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
db = $vn_index
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
# A CGI that does nothing (static, one write): what the server, wrk and a
# process start cost per request, i.e. the ceiling of any plain CGI here.
printf '%s\n' '#include <unistd.h>' \
  'int main(void) { static const char r[] = "Status: 200 OK\r\nContent-Length: 3\r\n\r\nok\n";' \
  '  return write(1, r, sizeof r - 1) < 0; }' >"$work/noop.c"
cc -O2 -static "$work/noop.c" -o "$work/noop.cgi" 2>/dev/null || cc -O2 "$work/noop.c" -o "$work/noop.cgi"
port=$(vn_free_port)
alias2=; [ -n "$cgi2" ] && alias2=", \"/vnsearch2.cgi\" => \"$cgi2\""
cat >"$work/lighttpd.conf" <<CONF
server.modules = ("mod_alias", "mod_setenv", "mod_cgi", "mod_fastcgi")
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$work/www"
server.errorlog = "$work/error.log"
server.max-connections = 256
alias.url = ( "/vnsearch.cgi" => "$bin/vnsearch.cgi", "/omega.cgi" => "$work/omega.cgi",
               "/noop.cgi" => "$work/noop.cgi"$alias2 )
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

declare -A path=( [noop]=/noop.cgi [vn-cgi]=/vnsearch.cgi [omega]="/omega.cgi?DB=default" [vn-fcgi]=/cached.fcgi
                  [vn-fcgi-nc]=/plain.fcgi )
declare -A param=( [noop]=q [vn-cgi]=q [omega]=P [vn-fcgi]=q [vn-fcgi-nc]=q )

targets=(vn-cgi omega vn-fcgi-nc vn-fcgi noop)
declare -A extra=( [noop]= [vn-cgi]= [omega]= [vn-fcgi]= [vn-fcgi-nc]= )
if [ "$format" = json ]; then
  extra=( [noop]= [vn-cgi]="format=json" [omega]= [vn-fcgi]="format=json" [vn-fcgi-nc]="format=json" )
fi
if [ -n "$cgi2" ]; then
  targets=(vn-cgi vn-cgi2 omega vn-fcgi-nc vn-fcgi noop)
  path[vn-cgi2]=/vnsearch2.cgi; param[vn-cgi2]=q; extra[vn-cgi2]=${extra[vn-cgi]}
fi

# Each answers the same query with hits (not an error page).
for t in "${targets[@]}"; do
  p=${path[$t]}; sep='?'; [[ $p == *\?* ]] && sep='&'
  x=${extra[$t]:+&${extra[$t]}}
  code=$(curl -s -o "$work/check.$t" -w '%{http_code}' "$base$p${sep}${param[$t]}=dang+vien$x")
  [ "$code" = 200 ] || { echo "bench/cgi: $t answered $code"; tail -5 "$work/error.log"; exit 1; }
done
hit='class="vs-hit"'; [ "$format" = json ] && hit='"hits":\[{'
for t in "${targets[@]}"; do
  case $t in omega|noop) continue ;; esac
  grep -q "$hit" "$work/check.$t" || { echo "bench/cgi: $t found nothing"; exit 1; }
done
grep -qi 'dang\|vien' "$work/check.omega" || { echo "bench/cgi: omega found nothing"; exit 1; }

echo "bench/cgi: wrk -t2 -c$conns -d${duration}s, $repeats runs each, vnsearch.cgi answers $format," \
     "queries: ${queries#$root/} ($(grep -c . "$queries"))"
: >"$work/runs.txt"
for r in $(seq 1 "$repeats"); do
  for t in "${targets[@]}"; do
    if [ "$t" = vn-fcgi ] && [ "$warm" -gt 0 ]; then
      # Each FastCGI process keeps its own answers, for 60 s: fill them now.
      VN_QUERIES="$queries" VN_PATH="${path[$t]}" VN_PARAM="${param[$t]}" VN_EXTRA="${extra[$t]}" \
        wrk -t2 -c"$conns" -d"${warm}s" --timeout 10s -s "$here/wrk.lua" "$base" >/dev/null
    fi
    line=$(VN_QUERIES="$queries" VN_PATH="${path[$t]}" VN_PARAM="${param[$t]}" VN_EXTRA="${extra[$t]}" \
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
print(f"{'target':10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
for t in ("vn-cgi", "vn-cgi2", "omega", "vn-fcgi-nc", "vn-fcgi", "noop"):
    if t not in med:
        continue
    m = med[t]
    print(f"{t:10} {m['rps']:9.1f} {m['p50_ms']:8.1f} {m['p99_ms']:8.1f} {int(sum(r['errors'] for r in runs[t])):7d}")
print(f"vn-cgi / omega      = {med['vn-cgi']['rps'] / med['omega']['rps']:.2f}x  (target >= 1.5)")
if "vn-cgi2" in med:
    print(f"vn-cgi2 / omega     = {med['vn-cgi2']['rps'] / med['omega']['rps']:.2f}x  (the second build, VN_CGI2)")
    print(f"vn-cgi2 / vn-cgi    = {med['vn-cgi2']['rps'] / med['vn-cgi']['rps']:.2f}x")
print(f"vn-fcgi-nc / vn-cgi = {med['vn-fcgi-nc']['rps'] / med['vn-cgi']['rps']:.2f}x  (target >= 10; answer cache off: every request searches)")
print(f"vn-fcgi / vn-cgi    = {med['vn-fcgi']['rps'] / med['vn-cgi']['rps']:.2f}x  (answer cache on: repeated queries from memory)")
# Per request, a plain CGI costs the server's share (the no-op CGI's 1/rps)
# plus its own; the ratio of the two CGIs' own shares is what they control.
own = {t: 1 / med[t]['rps'] - 1 / med['noop']['rps'] for t in ("vn-cgi", "vn-cgi2", "omega") if t in med}
if own['vn-cgi'] > 0:
    print(f"omega / vn-cgi beyond the no-op CGI's cost = {own['omega'] / own['vn-cgi']:.2f}x  "
          f"(no-op CGI: {med['noop']['rps']:.0f} req/s, the ceiling of any plain CGI here)")
if own.get('vn-cgi2', 0) > 0:
    print(f"omega / vn-cgi2 beyond the no-op CGI's cost = {own['omega'] / own['vn-cgi2']:.2f}x")
PY

# --- CPU per plain-CGI process, without the server (steadier than req/s) ------
echo "bench/cgi: CPU time of each CGI process, no web server (spawn_cpu.py):"
# What any program linked with libxapian pays before doing anything (the
# dynamic loading of libxapian and libstdc++): the floor under both CGIs.
floor=
if command -v c++ >/dev/null &&
   printf '%s\n' '#include <xapian.h>' '#include <cstdio>' \
     'int main(int argc, char **) { if (argc > 9) Xapian::Database d("/"); std::puts("Status: 200 OK\r\n\r"); }' |
   c++ -O2 -x c++ - -o "$work/xapian-floor" -lxapian 2>/dev/null; then
  floor=$work/xapian-floor
fi
VNSEARCH_CONFIG="$work/vnsearch-nocache.conf" OMEGA_CONFIG_FILE="$work/omega.conf" \
  VN_FLOOR=$floor VN_CGI2=$cgi2 python3 "$here/spawn_cpu.py" "$bin/vnsearch.cgi" "$work/omega.cgi" "$queries" "$format"

# --- where a FastCGI request's time goes (one process, no server) -----------
if [ -x "$bin/bench_cgi" ]; then
  fl=; [ "$format" = json ] && fl=--json
  echo "bench/cgi: per request in a long-lived process (bench_cgi${fl:+ $fl}, 2 rounds of the mix, no cache):"
  VNSEARCH_CONFIG="$work/vnsearch-nocache.conf" "$bin/bench_cgi" $fl "$queries" 2
fi
