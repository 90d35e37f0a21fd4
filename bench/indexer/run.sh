#!/usr/bin/env bash
# Indexing benchmark: vnindex against Xapian's scriptindex (xapian-omega)
# over the same articles, in the same run.
#
#   bench/indexer/run.sh [--large] [--curve] [--repeats N] [--bin DIR] [--work DIR]
#
# Indexes all of ../shared/corpus with vnindex and with scriptindex using a
# plain title+body script (plain.script; the JSONL is converted beforehand
# by jsonl2scriptindex.py, not timed). Reports medians over N repeats
# (default 3) of wall time, CPU time, articles/s, index size (du -sb) and
# peak RSS (/usr/bin/time), and the ratios; then the curve of vnindex alone
# (peak RSS, wall time, size) at 10k articles, all of corpus (~38k) and,
# with --large, all articles (corpus + corpus-large + corpus-gov, ~144k).
# --curve runs the curve alone (no scriptindex).
# Every vnindex run is a first load into a new index (the parallel path);
# VN_INDEX_SEQUENTIAL=1 in the environment measures the sequential one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${VN_SHARED_DIR:-$root/../shared}
bin=${VN_BIN:-$root/build/bin}
repeats=3
large=0
curve_only=0
limit=0
work=
while [ $# -gt 0 ]; do
	case $1 in
	--large) large=1 ;;
	--curve) curve_only=1 ;;
	--repeats) repeats=$2; shift ;;
	--bin) bin=$2; shift ;;
	--work) work=$2; shift ;;
	--limit) limit=$2; shift ;;   # first N articles only (a smoke test)
	-h|--help) sed -n '2,15p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
vnindex=$bin/vnindex
for need in "$vnindex" /usr/bin/scriptindex /usr/bin/time python3; do
	[ -x "$need" ] || command -v "$need" >/dev/null || { echo "run.sh: $need is missing" >&2; exit 2; }
done
[ -d "$shared/corpus" ] || { echo "run.sh: no $shared/corpus" >&2; exit 77; }
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/vn-bench-indexer.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

echo "== preparing inputs in $work"
if [ "$limit" -gt 0 ]; then
	zcat "$shared"/corpus/*.jsonl.gz | head -n "$limit" >"$work/corpus.jsonl" || true
else
	zcat "$shared"/corpus/*.jsonl.gz >"$work/corpus.jsonl"
fi
inputs=(corpus)
curve=(10k corpus)
if [ "$large" = 1 ]; then
	cat "$work/corpus.jsonl" >"$work/all.jsonl"
	for d in corpus-large corpus-gov; do
		[ -d "$shared/$d" ] && zcat "$shared/$d"/*.jsonl.gz >>"$work/all.jsonl"
	done
	curve+=(all)
fi
head -n 10000 "$work/corpus.jsonl" >"$work/10k.jsonl"
[ "$curve_only" = 1 ] && inputs=()
for i in "${inputs[@]}"; do
	python3 "$here/jsonl2scriptindex.py" "$work/$i.jsonl" >"$work/$i.si"
done

# one TOOL INPUT → "wall user+sys rss_kb size_bytes" on stdout
one() {
	local tool=$1 in=$2 db=$work/db-$1
	rm -rf "$db"
	if [ "$tool" = vnindex ]; then
		/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$vnindex" --db "$db" --quiet "$work/$in.jsonl" >/dev/null
	else
		/usr/bin/time -f "%e %U %S %M" -o "$work/time" scriptindex "$db" "$here/plain.script" "$work/$in.si" >/dev/null
	fi
	local size
	size=$(du -sb "$db" | cut -f1)
	awk -v s="$size" '{ printf "%s %.2f %s %s\n", $1, $2 + $3, $4, s }' "$work/time"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

report() {
	local in=$1 n
	n=$(wc -l <"$work/$in.jsonl")
	echo "== $in: $n articles, $repeats repeat(s)"
	for tool in vnindex scriptindex; do
		: >"$work/runs-$tool"
		for r in $(seq 1 "$repeats"); do
			one "$tool" "$in" | tee -a "$work/runs-$tool" | sed "s/^/  $tool run $r: wall cpu rss_kb bytes = /"
		done
	done
	for tool in vnindex scriptindex; do
		for col in 1 2 3 4; do
			eval "${tool}_$col=$(cut -d' ' -f$col "$work/runs-$tool" | median)"
		done
	done
	awk -v n="$n" -v vw="$vnindex_1" -v vc="$vnindex_2" -v vr="$vnindex_3" -v vs="$vnindex_4" \
	    -v sw="$scriptindex_1" -v sc="$scriptindex_2" -v sr="$scriptindex_3" -v ss="$scriptindex_4" 'BEGIN {
		printf "  %-12s %10s %10s %12s %12s %12s\n", "", "wall s", "cpu s", "articles/s", "size MB", "peak RSS MB"
		printf "  %-12s %10.1f %10.1f %12.0f %12.1f %12.0f\n", "vnindex", vw, vc, n / vw, vs / 1e6, vr / 1024
		printf "  %-12s %10.1f %10.1f %12.0f %12.1f %12.0f\n", "scriptindex", sw, sc, n / sw, ss / 1e6, sr / 1024
		printf "  ratio vnindex/scriptindex: articles/s %.2fx (by cpu time %.2fx), size %.2fx\n", sw / vw, sc / vc, vs / ss
	}'
}

for i in ${inputs[@]+"${inputs[@]}"}; do
	report "$i"
done

echo "== vnindex alone as the corpus grows (one run each)"
for i in "${curve[@]}"; do
	n=$(wc -l <"$work/$i.jsonl")
	read -r w c rss size < <(one vnindex "$i")
	awk -v n="$n" -v r="$rss" -v w="$w" -v c="$c" -v s="$size" 'BEGIN {
		printf "  %7d articles: peak RSS %5.0f MB, wall %5.0f s (%4.0f articles/s), cpu %5.0f s, index %5.0f MB\n",
			n, r / 1024, w, n / w, c, s / 1e6 }'
done
