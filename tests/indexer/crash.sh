#!/usr/bin/env bash
# kill -9 in the middle of a run that commits batch by batch (--sequential:
# a first load otherwise builds beside the index, see firstload.sh): the
# index must open at its last commit, a re-run must complete the work, and
# the result must equal a clean build, sequential or parallel (same
# documents, same terms with the same frequencies).
# Input: the first 1,000 articles of ../shared/corpus, or 1,000 generated
# articles when the shared folder is absent.
set -euo pipefail
: "${VN_BIN:?}" "${VN_TEST_BIN:?}" "${VN_SOURCE_DIR:?}"
vnindex=$VN_BIN/vnindex
dump=$VN_TEST_BIN/vn_test_dumpindex
tmp=$(mktemp -d /tmp/vn-crash.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

input=$tmp/input.jsonl
shared=${VN_SHARED_DIR:-$VN_SOURCE_DIR/../shared}
if [ -f "$shared/corpus/news-00000.jsonl.gz" ]; then
	zcat "$shared/corpus/news-00000.jsonl.gz" | head -n 1000 >"$input" || true
else
	words=(đảng viên phường xã hội nghị công tác phát triển người dân kinh tế
	       văn hoá giáo dục y tế dịch vụ công trực tuyến năm tháng ngày kế hoạch)
	for i in $(seq 1 1000); do
		body=""
		for j in $(seq 1 60); do body+="${words[$(( (i * 7 + j * 13) % ${#words[@]} ))]} "; done
		printf '{"id": "gen-%d", "title": "Bài số %d về %s", "body": "%s."}\n' \
			"$i" "$i" "${words[$((i % ${#words[@]}))]}" "$body"
	done >"$input"
fi
total=$(wc -l <"$input")

db=$tmp/db
"$vnindex" --db "$db" --sequential --batch-size 50 --quiet "$input" >"$tmp/out1" 2>&1 &
pid=$!
# Wait for the first commit to be visible (polling the index; nothing is
# asserted about time), then kill the indexer mid-run.
count=0
while kill -0 "$pid" 2>/dev/null; do
	count=$("$dump" "$db" Q 2>/dev/null | head -1 | cut -d' ' -f2) || count=0
	[ "${count:-0}" -gt 0 ] && break
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=
if [ "${count:-0}" -ge "$total" ]; then
	echo "the indexer finished before it could be killed; nothing to test" >&2
	exit 77
fi

echo "== the killed index opens at its last commit"
after=$("$dump" "$db" Q | head -1 | cut -d' ' -f2) || fail "the index does not open after kill -9"
[ "$after" -lt "$total" ] || fail "the whole input was committed before the kill"
[ $((after % 50)) = 0 ] || fail "a partial batch is visible: $after documents"

echo "== a re-run completes the work"
"$vnindex" --db "$db" --batch-size 50 "$input" >"$tmp/out2" || fail "re-run exited $?"
grep -q "^added $((total - after)), replaced 0, unchanged $after, deleted 0, failed 0$" "$tmp/out2" ||
	fail "re-run summary: $(cat "$tmp/out2") (committed before the kill: $after)"

echo "== same documents and terms as a clean build"
"$vnindex" --db "$tmp/clean" --sequential --batch-size 50 "$input" >"$tmp/out3"
"$dump" "$db" >"$tmp/terms.killed"
"$dump" "$tmp/clean" >"$tmp/terms.clean"
if ! cmp -s "$tmp/terms.killed" "$tmp/terms.clean"; then
	diff "$tmp/terms.killed" "$tmp/terms.clean" | head -20 >&2
	fail "the re-run index differs from a clean build"
fi
"$vnindex" --db "$tmp/clean-par" --chunk-size 100 "$input" >"$tmp/out4"
"$dump" "$tmp/clean-par" >"$tmp/terms.par"
if ! cmp -s "$tmp/terms.killed" "$tmp/terms.par"; then
	diff "$tmp/terms.killed" "$tmp/terms.par" | head -20 >&2
	fail "the re-run index differs from a clean parallel build"
fi
echo "crash.sh: all passed ($after of $total committed at the kill)"
