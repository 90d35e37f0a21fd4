#!/usr/bin/env bash
# A plain-CGI vnsearch.cgi bounds its search with its own timer (not
# Xapian's time limit, which starts a thread in every process): when the
# time runs out the process answers with the 503 page prepared for it, in
# the request's format, and ends. time_limit = 0.000001 (1 µs) runs out
# before the index is even opened, whatever the machine's speed; 600 s
# never does. Over an index of the sample corpus.
set -uo pipefail
src=${VN_SOURCE_DIR:?}; bin=${VN_BIN:?}
for p in vnindex vnsearch.cgi; do
  [ -x "$bin/$p" ] || { echo "SKIP: $bin/$p not built"; exit 77; }
done
work=$(mktemp -d /tmp/vn-cgi-tl.XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0
check() { local what=$1; shift; if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $what"; fi; }

"$bin/vnindex" --db "$work/index" --quiet --html-config "$src/corpus/html/sites.conf" "$src/corpus" \
  >"$work/index.log" 2>&1 || { cat "$work/index.log"; echo "FAIL: vnindex"; exit 1; }
printf 'db = %s\ntime_limit = 0.000001\n' "$work/index" >"$work/short.conf"
printf 'db = %s\ntime_limit = 600\n' "$work/index" >"$work/long.conf"

# cgi CONF QUERY_STRING [METHOD] → $out (response), $err (stderr), $rc
cgi() {
  VNSEARCH_CONFIG=$work/$1 QUERY_STRING=$2 REQUEST_METHOD=${3:-GET} SCRIPT_NAME=/vnsearch.cgi \
    timeout 60 "$bin/vnsearch.cgi" >"$work/out" 2>"$work/err"
  rc=$?; out=$work/out; err=$work/err
}
status_is() { head -1 "$out" | grep -q "^Status: $1 "; }
has() { grep -qF -- "$1" "$out"; }

cgi short.conf 'q=dang+vien'
check "timer: exit 0 ($rc)" [ "$rc" = 0 ]
check "timer: 503" status_is 503
check "timer: HTML" has "Content-Type: text/html; charset=utf-8"
check "timer: not cached" has "Cache-Control: no-store"
check "timer: says why" has "quá nhiều thời gian"
check "timer: search box kept" has 'value="dang vien"'
check "timer: one answer only" [ "$(grep -c '^Status: ' "$out")" = 1 ]
check "timer: logged" grep -q "time limit" "$err"
len=$(sed -n 's/^Content-Length: \([0-9]*\)\r$/\1/p' "$out")
body=$(( $(wc -c <"$out") - $(grep -b -m1 -a $'^\r$' "$out" | cut -d: -f1) - 2 ))
check "timer: Content-Length $len = body $body" [ "$len" = "$body" ]

cgi short.conf 'q=dang&format=json'
check "timer JSON: 503" status_is 503
check "timer JSON: type" has "Content-Type: application/json; charset=utf-8"
check "timer JSON: body" has '"status":503'

cgi short.conf 'complete=da'
check "timer autocomplete: 503" status_is 503

cgi short.conf 'q=dang' HEAD
check "timer HEAD: 503" status_is 503
check "timer HEAD: no body" [ "$(tail -c 2 "$out" | od -An -c | tr -d ' ')" = '\r\n' ]

# Requests that open no index are not bounded (nothing slow to bound).
cgi short.conf 'asset=vnsearch.css'
check "asset: 200" status_is 200

# A limit that does not run out: the search's own answer, exactly once.
cgi long.conf 'q=dang+vien'
check "long limit: exit 0 ($rc)" [ "$rc" = 0 ]
check "long limit: 200" status_is 200
check "long limit: hits" has 'class="vs-hit"'
check "long limit: one answer only" [ "$(grep -c '^Status: ' "$out")" = 1 ]

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
