#!/usr/bin/env bash
# vnindex over real on-disk indexes: first build, re-run, edit, delete,
# directory inputs with removed files (--keep-missing), bad input, format
# version mismatch, a second writer, --help, quiet/non-terminal output.
# Env: VN_BIN (vnindex), VN_TEST_BIN (helpers), VN_SOURCE_DIR.
set -euo pipefail
: "${VN_BIN:?}" "${VN_TEST_BIN:?}" "${VN_SOURCE_DIR:?}"
vnindex=$VN_BIN/vnindex
dump=$VN_TEST_BIN/vn_test_dumpindex
tmp=$(mktemp -d /tmp/vn-reindex.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fixtures=$VN_SOURCE_DIR/tests/indexer/fixtures
articles=$VN_SOURCE_DIR/corpus/articles.jsonl
[ -f "$articles" ] || articles=$fixtures/small.jsonl

fail() { echo "FAIL: $*" >&2; exit 1; }
# expect STATUS SUMMARY -- vnindex ARGS...: runs vnindex, checks exit status and summary line
expect() {
	local want_rc=$1 want=$2; shift 3
	local rc=0
	"$vnindex" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ "$rc" = "$want_rc" ] || { cat "$tmp/err" >&2; fail "vnindex $* exited $rc, want $want_rc"; }
	[ "$(cat "$tmp/out")" = "$want" ] || fail "vnindex $*: summary '$(cat "$tmp/out")', want '$want'"
}
doccount() { "$dump" "$1" Q | head -1 | cut -d' ' -f2; }

n=$(grep -c '"id"' "$articles")
db=$tmp/db

echo "== first build, then a re-run changes nothing"
expect 0 "added $n, replaced 0, unchanged 0, deleted 0, failed 0" -- --db "$db" "$articles"
[ ! -s "$tmp/err" ] || fail "a clean run off a terminal printed to stderr: $(cat "$tmp/err")"
[ "$(doccount "$db")" = "$n" ] || fail "doccount"
"$dump" "$db" >"$tmp/terms1"
expect 0 "added 0, replaced 0, unchanged $n, deleted 0, failed 0" -- --db "$db" "$articles"
"$dump" "$db" >"$tmp/terms2"
cmp -s "$tmp/terms1" "$tmp/terms2" || fail "a re-run changed the terms"

echo "== an edited article is replaced, a new one added"
sed '1s/"body": "/"body": "Bài đã sửa. /' "$articles" >"$tmp/edited.jsonl"
cmp -s "$articles" "$tmp/edited.jsonl" && fail "sed did not edit the first article"
printf '%s\n' '{"id": "moi-1", "title": "Bài mới đăng", "body": "Nội dung mới về đảng viên trẻ."}' >>"$tmp/edited.jsonl"
expect 0 "added 1, replaced 1, unchanged $((n - 1)), deleted 0, failed 0" -- --db "$db" --quiet "$tmp/edited.jsonl"
[ "$(doccount "$db")" = "$((n + 1))" ] || fail "doccount after edit"

echo "== a deletion record deletes (from stdin), once"
id2=$(sed -n 2p "$articles" | sed 's/^{"id": "\([^"]*\)".*/\1/')
[ -n "$id2" ] || fail "no id on line 2"
echo "{\"id\": \"$id2\", \"deleted\": true}" >"$tmp/del.jsonl"
expect 0 "added 0, replaced 0, unchanged 0, deleted 1, failed 0" -- --db "$db" - <"$tmp/del.jsonl"
expect 0 "added 0, replaced 0, unchanged 0, deleted 0, failed 0" -- --db "$db" - <"$tmp/del.jsonl"
[ "$(doccount "$db")" = "$n" ] || fail "doccount after delete"
"$dump" "$db" "Q$id2" | grep -q "^Q" && fail "deleted id still indexed"

echo "== directory input: removed files are deleted unless --keep-missing"
dir=$tmp/uploads
mkdir -p "$dir/pages" "$dir/html"
conf=()
if [ -d "$VN_SOURCE_DIR/corpus/pages" ] && [ -d "$VN_SOURCE_DIR/corpus/html" ]; then
	cp "$VN_SOURCE_DIR"/corpus/pages/*.txt "$dir/pages/"
	cp "$VN_SOURCE_DIR"/corpus/html/*.html "$dir/html/"
	[ -f "$VN_SOURCE_DIR/corpus/html/sites.conf" ] && conf=(--html-config "$VN_SOURCE_DIR/corpus/html/sites.conf")
fi
cp "$VN_SOURCE_DIR/../shared/seed-article.txt" "$dir/pages/seed.txt" 2>/dev/null ||
	cp "$fixtures/page.txt" "$dir/pages/seed.txt"
head -3 "$articles" >"$dir/three.jsonl"
files=$(find "$dir" -name '*.txt' -o -name '*.html' | wc -l)
ddb=$tmp/ddb
expect 0 "added $((files + 3)), replaced 0, unchanged 0, deleted 0, failed 0" -- --db "$ddb" "${conf[@]}" "$dir"
expect 0 "added 0, replaced 0, unchanged $((files + 3)), deleted 0, failed 0" -- --db "$ddb" "${conf[@]}" "$dir"
"$dump" "$ddb" Qpages/seed.txt | grep -q "^Qpages/seed.txt 1" || fail "a page's id is its relative path"
rm "$dir/pages/seed.txt"
expect 0 "added 0, replaced 0, unchanged $((files + 2)), deleted 0, failed 0" -- --db "$ddb" --keep-missing "${conf[@]}" "$dir"
"$dump" "$ddb" Qpages/seed.txt | grep -q "^Qpages/seed.txt 1" || fail "--keep-missing removed the page"
expect 0 "added 0, replaced 0, unchanged $((files + 2)), deleted 1, failed 0" -- --db "$ddb" "${conf[@]}" "$dir"
"$dump" "$ddb" Qpages/seed.txt | grep -q "^Qpages/seed.txt" && fail "the removed page is still indexed"
rm "$dir/three.jsonl"   # one file that held three articles
expect 0 "added 0, replaced 0, unchanged $((files - 1)), deleted 3, failed 0" -- --db "$ddb" "${conf[@]}" "$dir"
[ "$(doccount "$ddb")" = "$((files - 1))" ] || fail "doccount after removing files"

echo "== bad input is counted, named with file and line, and the rest indexed"
bdb=$tmp/bdb
expect 1 "added 5, replaced 0, unchanged 0, deleted 0, failed 3" -- --db "$bdb" --max-body-bytes 4000 "$fixtures/bad.jsonl"
for want in "bad.jsonl:2: malformed JSON" "bad.jsonl:5: .*title" "bad.jsonl:7: .*body" \
	"warning: .*bad.jsonl:6: .*31/02/2023"; do
	grep -q "$want" "$tmp/err" || fail "no message like '$want' in: $(cat "$tmp/err")"
done
[ "$(grep -c . "$tmp/err")" = 5 ] || fail "one line per bad record: $(cat "$tmp/err")"
"$dump" "$bdb" Qok-3 | grep -q "^Qok-3 1" || fail "the article with a bad date was not indexed"
"$dump" "$bdb" D | grep -q "^D20230221\|^D20230231\|^D20230302" && fail "a bad date was indexed"
"$dump" "$bdb" Qbad-utf8 | grep -q "^Qbad-utf8 1" || fail "invalid UTF-8 should be repaired and indexed"
# --quiet keeps the errors but not the warnings
expect 1 "added 0, replaced 0, unchanged 5, deleted 0, failed 3" -- --db "$bdb" --quiet --max-body-bytes 4000 "$fixtures/bad.jsonl"
grep -q warning "$tmp/err" && fail "--quiet printed warnings"
[ "$(grep -c . "$tmp/err")" = 3 ] || fail "--quiet must still name the failed records"
# a missing input is one failure, not the end of the run
grep '"id": "ok-' "$fixtures/bad.jsonl" >"$tmp/good.jsonl"
expect 1 "added 0, replaced 0, unchanged 4, deleted 0, failed 1" -- --db "$bdb" --quiet "$tmp/nonexistent.jsonl" "$tmp/good.jsonl"

echo "== an index of another format is refused; --rebuild overwrites it"
"$VN_TEST_BIN/vn_test_setmeta" "$db" vn:format 999
expect 2 "" -- --db "$db" "$articles"
grep -q "index at $db has format 999, this vnindex writes [0-9]*: rebuild with --rebuild" "$tmp/err" ||
	fail "format message: $(cat "$tmp/err")"
expect 0 "added $n, replaced 0, unchanged 0, deleted 0, failed 0" -- --db "$db" --rebuild "$articles"
[ "$(doccount "$db")" = "$n" ] || fail "doccount after --rebuild"

echo "== a second writer fails at once; searches go on meanwhile"
coproc HOLD { "$VN_TEST_BIN/vn_test_lockhold" "$db"; }
hold_pid=$HOLD_PID
read -r line <&"${HOLD[0]}"
[ "$line" = locked ] || fail "lock holder did not start"
expect 2 "" -- --db "$db" "$articles"
grep -q "index at $db is locked: another vnindex is writing it" "$tmp/err" || fail "lock message: $(cat "$tmp/err")"
[ "$(doccount "$db")" = "$n" ] || fail "the index cannot be read while locked"
eval "exec ${HOLD[1]}>&-"
wait "$hold_pid" 2>/dev/null || true
expect 0 "added 0, replaced 0, unchanged $n, deleted 0, failed 0" -- --db "$db" "$articles"

echo "== usage"
"$vnindex" --help >"$tmp/help"
for opt in --db --rebuild --keep-missing --batch-size --threads --html-config --max-body-bytes --quiet --help; do
	grep -q -- "$opt" "$tmp/help" || fail "--help does not list $opt"
done
grep -q "^  vnindex --db" "$tmp/help" || fail "--help has no example"
rc=0; "$vnindex" "$articles" >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "no --db: exit $rc"
rc=0; "$vnindex" --db "$db" --batch-size 0 "$articles" >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "bad --batch-size: exit $rc"
echo "reindex.sh: all passed"
