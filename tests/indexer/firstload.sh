#!/usr/bin/env bash
# The parallel first load (partial indexes merged by compaction and swapped
# in) against the sequential path: same documents, terms, values, data and
# metadata, the same summary; duplicates, deletions and bad records in the
# input judged alike. Then a crash at every step of the merge and swap, a
# kill -9 at a random moment, --rebuild keeping the old index until the new
# one is complete, and --compact.
# Input: the first 600 articles of ../shared/corpus (generated ones when the
# shared folder is absent) with repeats, edits and deletions mixed in.
set -euo pipefail
: "${VN_BIN:?}" "${VN_TEST_BIN:?}" "${VN_SOURCE_DIR:?}"
vnindex=$VN_BIN/vnindex
dump=$VN_TEST_BIN/vn_test_dumpindex
tmp=$(mktemp -d /tmp/vn-firstload.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 77; }

shared=${VN_SHARED_DIR:-$VN_SOURCE_DIR/../shared}
# suggestion entries to expect at least: the generated articles hold 35
# words, each followed by one other, so about 95 keys
min_sugg=100
if [ -f "$shared/corpus/news-00000.jsonl.gz" ]; then
	zcat "$shared/corpus/news-00000.jsonl.gz" | head -n 600 >"$tmp/base.jsonl" || true
else
	min_sugg=60
	python3 - "$tmp/base.jsonl" <<'PY'
import json, sys
words = ("đảng viên phường xã hội nghị công tác phát triển người dân kinh tế văn hoá "
         "giáo dục y tế dịch vụ công trực tuyến năm tháng ngày kế hoạch bản bạn bán").split()
with open(sys.argv[1], "w") as f:
    for i in range(600):
        body = " ".join(words[(i * 7 + j * 13) % len(words)] for j in range(80)) + "."
        f.write(json.dumps({"id": "gen-%d" % i, "title": "Bài số %d về %s" % (i, words[i % len(words)]),
                            "body": body}, ensure_ascii=False) + "\n")
PY
fi
python3 - "$tmp/base.jsonl" "$tmp/input.jsonl" <<'PY'
import json, sys
base = [json.loads(l) for l in open(sys.argv[1])]
edited = dict(base[10]); edited["body"] = "Bài đã sửa. " + edited["body"]
extra = {
    300: [dict(base[5])],                                   # again, same content: unchanged
    400: [edited],                                          # other content: replaced
    450: [{"id": base[20]["id"], "deleted": True},          # deleted
          {"id": "khong-co", "deleted": True}],             # deleting what is not there
    550: [dict(base[20])],                                  # back after its deletion: added
    560: [{"id": "no-body", "title": "Tiêu đề", "body": "  "}],   # failed
    570: [{"id": base[30]["id"], "deleted": True}, dict(base[30])],
    580: [dict(base[10])],                                  # the first version again: replaced
}
with open(sys.argv[2], "w") as f:
    for i, a in enumerate(base):
        for r in [a] + extra.get(i, []):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    f.write("{not json\n")                                  # failed
PY

# run NAME ARGS...: vnindex, exit status 0 or 1 (bad records), summary in $tmp/NAME.out
run() {
	local name=$1; shift
	local rc=0
	VN_INDEX_DEBUG=1 "$vnindex" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
	[ "$rc" -le 1 ] || { cat "$tmp/$name.err" >&2; fail "vnindex $* exited $rc"; }
}
# same A B: the two indexes hold the same documents, terms and metadata
# (suggestion counts compared as in compare_suggestions)
same() {
	"$dump" "$1" --full >"$tmp/a.dump"
	"$dump" "$2" --full >"$tmp/b.dump"
	if ! cmp -s "$tmp/a.dump" "$tmp/b.dump"; then
		diff "$tmp/a.dump" "$tmp/b.dump" | head -10 >&2
		fail "$1 and $2 differ"
	fi
}
doccount() { "$dump" "$1" Q | awk 'NR == 1 { print $2 }'; }
work_of() { echo "$(dirname "$1")/.$(basename "$1").vnindex-tmp"; }

echo "== parallel first load and the sequential path agree"
run seq --db "$tmp/seq" --sequential "$tmp/input.jsonl"
run par --db "$tmp/par" --chunk-size 150 "$tmp/input.jsonl"
# 612 records in chunks of 150: a round of two chunks, then what is left
# cut into two or four chunks of the same size in bytes (index_run.c,
# plan_last_round; which of the two depends on the records' sizes: four
# for the generated input used without ../shared, two for the corpus's)
grep -Eq "parallel first load, (4|6) partials" "$tmp/par.err" ||
	fail "no parallel first load in 4 or 6 partials: $(cat "$tmp/par.err")"
grep -q "parallel" "$tmp/seq.err" && fail "--sequential built in parallel"
want="added 602, replaced 2, unchanged 1, deleted 2, failed 2"
[ "$(cat "$tmp/seq.out")" = "$want" ] || fail "sequential summary: $(cat "$tmp/seq.out")"
[ "$(cat "$tmp/par.out")" = "$want" ] || fail "parallel summary: $(cat "$tmp/par.out")"
[ "$(grep -c "input.jsonl:.*\(body\|JSON\)" "$tmp/par.err")" = 2 ] || fail "failures named once each: $(cat "$tmp/par.err")"
[ ! -e "$(work_of "$tmp/par")" ] || fail "the work directory is left behind"
"$dump" "$tmp/seq" --full | grep -v "^meta A" >"$tmp/seq.dump"
"$dump" "$tmp/par" --full | grep -v "^meta A" >"$tmp/par.dump"
if ! cmp -s "$tmp/seq.dump" "$tmp/par.dump"; then
	diff "$tmp/seq.dump" "$tmp/par.dump" | head -10 >&2
	fail "documents, terms or metadata differ"
fi
# Suggestion counts are gathered per batch and merged: exact sums of the
# top forms, but a form outside a batch's top forms, and a bigram seen once
# in a large batch, are dropped per batch, so the two paths need not agree
# on rare forms. They must agree on the syllables, on clear winners, and
# the partials' counts must be summed (not one partial's kept).
"$dump" "$tmp/seq" --full | grep "^meta A" >"$tmp/seq.sugg"
"$dump" "$tmp/par" --full | grep "^meta A" >"$tmp/par.sugg"
python3 - "$tmp/seq.sugg" "$tmp/par.sugg" <<'PY' || fail "suggestion counts differ"
import sys
def load(f):
    d = {}
    for l in open(f, encoding="utf-8"):
        k, v = l[len("meta "):].rstrip("\n").split("=", 1)
        d[k] = [(x.split("\t")[0], int(x.split("\t")[1])) for x in v.split("|") if x]
    return d
s, p = load(sys.argv[1]), load(sys.argv[2])
uni = lambda d: {k for k in d if " " not in k}
bad = []
if uni(s) != uni(p):
    bad.append("syllable keys differ: %s" % sorted(uni(s) ^ uni(p))[:5])
lost = [k for k in s if " " in k and sum(c for _, c in s[k]) >= 5 and k not in p]
if lost:
    bad.append("frequent bigram keys lost: %s" % lost[:5])
for k in uni(s) & uni(p):
    f = s[k]
    clear = f[0][1] >= 10 and (len(f) == 1 or f[0][1] >= 2 * f[1][1])
    if clear and p[k][0][0] != f[0][0]:
        bad.append("%s: top form %s, sequential %s" % (k, p[k][0], f[0]))
    if f[0][1] >= 50 and p[k][0][1] < 0.9 * f[0][1]:
        bad.append("%s: count %d, sequential %d" % (k, p[k][0][1], f[0][1]))
print("\n".join(bad[:10]), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
[ "$(wc -l <"$tmp/seq.sugg")" -gt "$min_sugg" ] || fail "too few suggestion entries ($(wc -l <"$tmp/seq.sugg"), want over $min_sugg)"

echo "== an input shorter than a chunk is cut in two, one half for each worker"
run one --db "$tmp/one" --chunk-size 5000 "$tmp/input.jsonl"
grep -q "parallel first load, 2 partials" "$tmp/one.err" || fail "not in 2 partials: $(cat "$tmp/one.err")"
"$dump" "$tmp/one" --full | grep -v "^meta A" >"$tmp/one.dump"
cmp -s "$tmp/seq.dump" "$tmp/one.dump" || fail "the halves' documents, terms or metadata differ"

echo "== a crash at each step leaves the old index or the new one, and a re-run finishes"
n=$(doccount "$tmp/par")
# After the swap the index is complete and the re-run is an update over the
# same input (which edits an article and edits it back): compare with that.
cp -a "$tmp/par" "$tmp/par-rerun"
run rerun --db "$tmp/par-rerun" "$tmp/input.jsonl"
for step in partials compacted exchanged swapped; do
	db=$tmp/crash-$step
	rc=0
	VN_INDEX_CRASH_AT=$step "$vnindex" --db "$db" --chunk-size 150 --quiet "$tmp/input.jsonl" >/dev/null 2>&1 || rc=$?
	[ "$rc" = 137 ] || fail "$step: the run was not killed (exit $rc)"
	[ -d "$(work_of "$db")" ] || fail "$step: no work directory to clean up"
	got=$(doccount "$db") || fail "$step: the index does not open after the crash"
	case $step in
	partials|compacted) [ "$got" = 0 ] || fail "$step: $got documents visible before the swap" ;;
	*) [ "$got" = "$n" ] || fail "$step: $got documents after the swap, want $n" ;;
	esac
	run "re-$step" --db "$db" --chunk-size 150 "$tmp/input.jsonl"
	[ ! -e "$(work_of "$db")" ] || fail "$step: the re-run left the work directory"
	case $step in
	partials|compacted) same "$db" "$tmp/par" ;;
	*) same "$db" "$tmp/par-rerun" ;;
	esac
done

echo "== kill -9 at a random moment of a first load"
db=$tmp/killed
"$vnindex" --db "$db" --chunk-size 50 --quiet "$tmp/input.jsonl" >/dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null && [ ! -d "$(work_of "$db")" ]; do :; done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=
got=$(doccount "$db") || fail "the killed index does not open"
[ "$got" = 0 ] || [ "$got" = "$n" ] || fail "a partly built index is visible: $got documents"
run rekilled --db "$db" --chunk-size 150 "$tmp/input.jsonl"
if [ "$got" = 0 ]; then same "$db" "$tmp/par"; else same "$db" "$tmp/par-rerun"; fi

echo "== --rebuild keeps the old index searchable until the new one is complete"
db=$tmp/rebuilt
run first --db "$db" --sequential "$tmp/base.jsonl"
"$VN_TEST_BIN/vn_test_setmeta" "$db" vn:format 999
rc=0
VN_INDEX_CRASH_AT=compacted "$vnindex" --db "$db" --rebuild --chunk-size 150 --quiet "$tmp/input.jsonl" >/dev/null 2>&1 || rc=$?
[ "$rc" = 137 ] || fail "the rebuild was not killed (exit $rc)"
[ "$(doccount "$db")" = 600 ] || fail "the old index was not kept until the swap"
run rebuild --db "$db" --rebuild --chunk-size 150 "$tmp/input.jsonl"
grep -q "parallel first load" "$tmp/rebuild.err" || fail "--rebuild did not build in parallel"
same "$db" "$tmp/par"

echo "== --compact keeps every document, term and metadata entry"
db=$tmp/inc
run inc1 --db "$db" --sequential "$tmp/base.jsonl"
run inc2 --db "$db" "$tmp/input.jsonl"
cp -a "$db" "$tmp/inc-copy"
rc=0
"$vnindex" --db "$db" --compact >"$tmp/compact.out" 2>"$tmp/compact.err" || rc=$?
[ "$rc" = 0 ] || fail "--compact exited $rc: $(cat "$tmp/compact.err")"
grep -q "compacted .* MB -> .* MB" "$tmp/compact.err" || fail "--compact said: $(cat "$tmp/compact.err")"
[ ! -e "$(work_of "$db")" ] || fail "--compact left the work directory"
same "$db" "$tmp/inc-copy"
run inc3 --db "$db" "$tmp/base.jsonl"
[ "$(cat "$tmp/inc3.out")" = "added 0, replaced 0, unchanged 600, deleted 0, failed 0" ] ||
	fail "an update after --compact: $(cat "$tmp/inc3.out")"
echo "firstload.sh: all passed"
