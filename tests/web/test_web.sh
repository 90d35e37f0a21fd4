#!/usr/bin/env bash
# vnsearch.cgi under a real lighttpd (CGI, then FastCGI) on 127.0.0.1 on a
# free port, over an index built from corpus/ by vnindex: real HTTP
# requests with curl, assertions on statuses, headers and bodies. The
# servers are stopped on exit and stop by themselves after a hard timeout.
set -uo pipefail
src=${VN_SOURCE_DIR:?}; bin=${VN_BIN:?}
for p in vnindex vnquery vnsearch.cgi; do
  [ -x "$bin/$p" ] || { echo "SKIP: $bin/$p not built"; exit 77; }
done
for t in lighttpd curl python3; do
  command -v $t >/dev/null || { echo "SKIP: $t is not installed (bash tools/deps.sh test)"; exit 77; }
done
. "$src/tools/lighttpd-conf.sh"

work=$(mktemp -d /tmp/vn-web.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

pass=0; fail=0
ok()  { pass=$((pass+1)); }
bad() { fail=$((fail+1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

"$bin/vnindex" --db "$work/index" --quiet --html-config "$src/corpus/html/sites.conf" "$src/corpus" \
  >"$work/index.log" 2>&1 || { cat "$work/index.log"; echo "FAIL: vnindex"; exit 1; }
cat >"$work/vnsearch.conf" <<EOF
db = $work/index
site_name = UBND phường Thử Nghiệm
time_limit = 2
EOF

start_server() {  # MODE → sets base
  local mode=$1 port
  port=$(vn_free_port)
  vn_lighttpd_conf "$work/$mode.conf" "$work/$mode" "$port" "$bin/vnsearch.cgi" "$work/vnsearch.conf" "$mode"
  # A hard timeout: the server stops by itself even if this script is killed.
  timeout 900 lighttpd -D -f "$work/$mode.conf" 2>>"$work/$mode.stderr" &
  pids+=($!)
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 50); do
    curl -s -o /dev/null "$base/?asset=app.js" && return 0
    sleep 0.1
  done
  echo "FAIL: lighttpd ($mode) did not start"; cat "$work/$mode/error.log" 2>/dev/null; exit 1
}

# get URL [curl args...] → $status, $headers (file), $body (file)
get() {
  local url=$1; shift
  status=$(curl -s --max-time 20 -D "$work/h" -o "$work/b" -w '%{http_code}' "$@" "$url")
  headers="$work/h"; body="$work/b"
}
has()     { grep -qF -- "$1" "$body"; }
hasnt()   { ! grep -qiF -- "$1" "$body"; }
header()  { grep -qi -- "^$1" "$headers"; }
status_is() { [ "$status" = "$1" ]; }
status_in() { local x; for x; do [ "$status" = "$x" ] && return 0; done; return 1; }
# Percent-encode every byte but unreserved ones (no python: it starts slowly
# on a loaded machine, and this runs hundreds of times).
urlenc() {
  local LC_ALL=C s=$1 i c h out=
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in [a-zA-Z0-9.~_-]) out+=$c ;; *) printf -v h '%%%02X' "'$c"; out+=$h ;; esac
  done
  printf '%s' "$out"
}
repeat() { local i out=; for ((i = 0; i < $2; i++)); do out+=$1; done; printf '%s' "$out"; }

start_server cgi

# --- the page ------------------------------------------------------------
get "$base/"
check "front page 200" status_is 200
check "charset" header "Content-Type: text/html; charset=utf-8"
check "CSP" header "Content-Security-Policy: default-src 'self'"
check "nosniff" header "X-Content-Type-Options: nosniff"
check "cache" header "Cache-Control: public, max-age=60"
check "form" has '<form class="vs-form" method="get"'
check "site name from config" has "UBND phường Thử Nghiệm"
check "no inline script" python3 -c 'import re,sys; s=open(sys.argv[1]).read(); sys.exit(1 if re.search(r"<script(?![^>]*\bsrc=)", s) else 0)' "$body"

get "$base/?q=dang+vien"
check "search 200" status_is 200
check "count" grep -qE 'Tìm thấy (khoảng )?<strong>[0-9]+</strong> kết quả' "$body"
check "query kept in box" has 'value="dang vien"'
check "highlight" grep -qiE '<mark>(Đảng|đảng|ĐẢNG)</mark>' "$body"
check "title links" grep -qE '<h2 class="vs-hit-title"><a href="https?://' "$body"
check "dates dd/mm/yyyy" grep -qE '<time>[0-3][0-9]/[01][0-9]/20[0-9][0-9]</time>' "$body"
check "category filter" has '<option value="Xây dựng Đảng">'
check "suggestion" has 'Có phải bạn muốn tìm: <a href="/vnsearch.cgi?q=%C4%91%E1%BA%A3ng+vi%C3%AAn">đảng viên</a>'
check "pagination" grep -qE 'Trang 1 / [2-9]' "$body"
nhits=$(grep -c 'class="vs-hit"' "$body")
check "ten hits on page 1" [ "$nhits" = 10 ]

get "$base/?q=dang+vien&page=2"
check "page 2" grep -qE 'Trang 2 / [2-9]' "$body"
check "link back to page 1" has 'href="/vnsearch.cgi?q=dang+vien"'

get "$base/?q=dang+vien&page=40"
check "past the end 200" status_is 200
check "past the end message" has "Trang 40 không có kết quả"
check "past the end link" has "Quay lại trang cuối"

get "$base/?q=xyzzyqwerty"
check "no result 200" status_is 200
check "no result message" has "Không tìm thấy kết quả nào cho «xyzzyqwerty»"

# nothing as typed, but a suggestion that finds articles: its hits, said so
get "$base/?q=ddangr+vieen"
check "telex 200" status_is 200
check "telex: the suggestion's hits, said so" has 'Không có kết quả cho «ddangr vieen». Hiển thị kết quả cho: <strong>đảng viên</strong>'
check "telex: hits shown" grep -q 'class="vs-hit"' "$body"

# only a word to leave out: the other articles, newest first
get "$base/?q=-THCS"
check "negation only 200" status_is 200
check "negation only: hits" grep -q 'class="vs-hit"' "$body"
check "negation only: THCS left out" python3 -c 'import re,sys; t=re.findall(r"<h2 class=\"vs-hit-title\">.*?</h2>", open(sys.argv[1]).read(), re.S); sys.exit(0 if t and not any("THCS" in x for x in t) else 1)' "$body"

get "$base/?q=dang+vien&from=01/01/2024&to=31/12/2024&sort=date"
check "date filter 200" status_is 200
check "date filter kept" has 'name="from" value="01/01/2024"'
check "only 2024 dates" python3 -c '
import re,sys
d=re.findall(r"<time>(\d\d)/(\d\d)/(\d{4})</time>", open(sys.argv[1]).read())
sys.exit(0 if d and all(y=="2024" for _,_,y in d) else 1)' "$body"

# --- JSON: the same object as vnquery --json --------------------------------
get "$base/?q=dang+vien&format=json"
check "json 200" status_is 200
check "json type" header "Content-Type: application/json; charset=utf-8"
"$bin/vnquery" --db "$work/index" --json dang vien >"$work/vnquery.json"
# The same object, but for the scores' last digits (the recency decay uses
# the current time, which moves between the two runs).
check "json same as vnquery --json" python3 -c '
import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
for o in (a,b):
    for h in o["hits"]: h["score"]=round(h["score"],2)
sys.exit(0 if a==b and a["total"]>0 else 1)' "$body" "$work/vnquery.json"

get "$base/?format=json"
check "json without q 400" status_is 400
check "json error object" python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["status"]==400 else 1)' "$body"

# --- autocomplete and OpenSearch ------------------------------------------------
get "$base/complete?q=dang+v"
check "complete 200" status_is 200
check "complete json list" python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); sys.exit(0 if isinstance(l,list) and l and all(isinstance(x,str) for x in l) else 1)' "$body"
get "$base/?complete=%C4%91%E1%BA%A3ng"
check "complete via parameter" python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); sys.exit(0 if isinstance(l,list) else 1)' "$body"
get "$base/opensearch.xml"
check "opensearch 200" status_is 200
check "opensearch type" header "Content-Type: application/opensearchdescription+xml; charset=utf-8"
check "opensearch template" grep -qE 'template="http://127\.0\.0\.1:[0-9]+/vnsearch\.cgi\?q=\{searchTerms\}"' "$body"
check "opensearch xml" python3 -c 'import sys,xml.dom.minidom as m; m.parse(sys.argv[1])' "$body"
get "$base/?asset=vnsearch.css"
check "css" header "Content-Type: text/css; charset=utf-8"

# --- malformed input: 4xx with a short page --------------------------------------
for qs in "q=x&page=0" "q=x&page=-1" "q=x&page=99999999999999999999" "q=x&page=abc" \
          "q=x&from=31/02/2024" "q=x&sort=best" "q=x&format=xml" "q=%C3%A1&cat=%C3"; do
  get "$base/?$qs"
  check "$qs → 400" status_is 400
  check "$qs → html" header "Content-Type: text/html; charset=utf-8"
  check "$qs → message" has 'class="vs-error"'
done
# lighttpd itself refuses %00 and invalid UTF-8 in a URL (its own 400) and
# re-encodes a stray '%'; in a POST body they reach the CGI's own checks.
for qs in "q=%FF%FE" "q=%C0%AF" "q=a%00b" "q=%zz" "q=%ED%A0%80" "q=%E1%BA"; do
  get "$base/?$qs"
  check "GET $qs → 4xx ($status)" status_in 200 400
  hasnt "<script" || has 'src="/vnsearch.cgi?asset=app.js"' || bad "$qs"
  get "$base/" --data "$qs"
  check "POST $qs → 400" status_is 400
  check "POST $qs → page" has 'class="vs-error"'
done
long=$(repeat a 600)
get "$base/?q=$long"
check "600-byte query 400" status_is 400
check "600-byte query says why" has "quá dài"
huge=q=$(head -c 102400 /dev/zero | tr '\0' x)
get "$base/?$huge"
check "100 KB query string refused ($status)" status_in 400 413 414 431
many=p=1$(repeat '&p=1' 1500)
get "$base/" --data "$many"
check "thousands of parameters 400 ($status)" status_is 400
get "$base/vnsearch.cgi/../../etc/passwd" --path-as-is
check "path outside → not a file ($status)" status_in 400 404
hasnt "root:" && ok || bad "passwd leaked"
get "$base/vnsearch.cgi/etc/passwd"
check "unknown PATH_INFO 404" status_is 404
get "$base/?asset=../../../etc/passwd"
check "asset outside 404" status_is 404
check "no passwd" hasnt "root:"
get "$base/?q=x" -X PUT
check "PUT 405" status_is 405

# Bounded time for hostile queries: nested brackets, wildcard bombs, many words.
nested=$(repeat '(' 300)dang$(repeat ')' 300)
t0=$(date +%s)
get "$base/?q=$(urlenc "$nested")"
check "nested brackets answered ($status)" status_in 200 400
get "$base/?q=a*+b*+c*+d*+e*+g*+h*+i*+k*+l*+m*+n*+o*+p*+q*+r*+s*+t*+u*+v*+x*+y*"
check "wildcard bomb answered ($status)" status_in 200 400 503
get "$base/?q=$(repeat 'dang+vien+OR+' 60)x"
check "many terms answered ($status)" status_in 200 400 503
check "hostile queries within 30 s" [ $(( $(date +%s) - t0 )) -lt 30 ]

# --- XSS: payloads in every parameter come back escaped ------------------------
for p in q cat site from to page sort format complete asset; do
  for v in '<script>alert(1)</script>' '"><img src=x onerror=alert(1)>' "'onmouseover='alert(1)" \
           'javascript:alert(1)' '</title><svg onload=alert(1)>'; do
    enc=$(urlenc "$v")
    get "$base/?q=tin&$p=$enc"
    if header "Content-Type: text/html"; then
      for f in '<script>alert' '<img' '<svg' '"onerror' "'onmouseover" 'href="javascript:' '</title><'; do
        hasnt "$f" && ok || bad "XSS: $p=$v leaks $f"
      done
    fi
  done
done
get "$base/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
check "XSS q echoed escaped" has 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'

# --- POST ---------------------------------------------------------------------
get "$base/" --data 'q=dang+vien&page=1'
check "POST 200" status_is 200
check "POST results" grep -qE 'Tìm thấy (khoảng )?<strong>[0-9]+</strong>' "$body"
get "$base/" -F 'q=dang vien'
check "multipart 415" status_is 415
get "$base/" --data "q=$(repeat a 20000)"
check "big body 413" status_is 413
get "$base/?q=dang" -I
check "HEAD 200" status_is 200
check "HEAD no body" hasnt "<html"

# --- FastCGI: the same binary, kept running by lighttpd ----------------------
start_server fastcgi
get "$base/?q=dang+vien"
check "fastcgi search" grep -qiE '<mark>(Đảng|đảng|ĐẢNG)</mark>' "$body"
check "fastcgi headers" header "Content-Security-Policy: default-src 'self'"
get "$base/?q=x&page=0"
check "fastcgi 400" status_is 400
get "$base/" --data 'q=dang+vien'
check "fastcgi POST" grep -qE 'Tìm thấy' "$body"
for i in 1 2 3 4 5; do get "$base/?q=vien&page=$i&format=json"; done
check "fastcgi repeated requests" status_is 200

echo "test_web: $SECONDS s"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
