#!/usr/bin/env bash
# Throughput of the text core on the real corpus (issue 3 targets: the
# tokenizer >= 150 MB/s on one core; vnnorm >= 2x `iconv -t ascii//TRANSLIT`).
# Extracts the titles and bodies of ../shared/corpus into a temporary file,
# then reports the median of 5 runs for: the tokenizer API alone
# (bench_text), vnnorm, and iconv over the same text, with the ratios.
# MB/s are given by CPU time (user+sys, what one core does; steady when the
# machine is shared) and by wall-clock time.
#
# Usage: bench/text/run.sh [BUILD_DIR] [CORPUS_DIR]
#   BUILD_DIR defaults to ./build (needs the targets bench_text and vnnorm:
#   cmake --build BUILD_DIR --target bench_text vnnorm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
corpus=${2:-${VN_SHARED_DIR:-$root/../shared}/corpus}
reps=5
for b in bench_text vnnorm; do
  [ -x "$build/bin/$b" ] || { echo "run.sh: $build/bin/$b missing (cmake --build $build --target bench_text vnnorm)" >&2; exit 1; }
done
if ! ls "$corpus"/*.jsonl.gz >/dev/null 2>&1; then
  echo "run.sh: no corpus in $corpus" >&2; exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
text=$tmp/corpus.txt
python3 - "$corpus" "$text" <<'PY'
import glob, gzip, json, sys
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for p in sorted(glob.glob(sys.argv[1] + '/*.jsonl.gz')):
        with gzip.open(p, 'rt', encoding='utf-8') as f:
            for line in f:
                d = json.loads(line)
                for k in ('title', 'body'):
                    v = d.get(k) or ''
                    out.write(v.replace('\n', ' ') + '\n')
PY
mb=$(python3 -c "import os,sys; print('%.1f' % (os.path.getsize(sys.argv[1]) / 1e6))" "$text")
echo "text: $mb MB (titles and bodies of $corpus, one per line)"

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# "CPU WALL" seconds of one run of a command (stdin from $text, stdout discarded)
runtime() {
  local TIMEFORMAT='%R %U %S' out
  out=$( { time "$@" < "$text" > /dev/null 2>/dev/null; } 2>&1 )
  awk '{printf "%.3f %.3f\n", $2 + $3, $1}' <<<"$out"
}

: > "$tmp/vn.cpu"; : > "$tmp/vn.wall"; : > "$tmp/ic.cpu"; : > "$tmp/ic.wall"
for i in $(seq $reps); do
  read -r c w < <(runtime "$build/bin/vnnorm"); echo "$c" >> "$tmp/vn.cpu"; echo "$w" >> "$tmp/vn.wall"
  read -r c w < <(runtime iconv -f utf-8 -t ascii//TRANSLIT); echo "$c" >> "$tmp/ic.cpu"; echo "$w" >> "$tmp/ic.wall"
done
tok=$("$build/bin/bench_text" "$text" $reps)
tok_cpu=$(sed -n 's/.*cpu_mbs=\([0-9.]*\).*/\1/p' <<<"$tok")
tok_wall=$(sed -n 's/.*wall_mbs=\([0-9.]*\).*/\1/p' <<<"$tok")
rate() { awk -v mb="$mb" -v s="$1" 'BEGIN{ if (s > 0) printf "%.1f", mb / s; else print "inf" }'; }
vn_cpu=$(rate "$(median < "$tmp/vn.cpu")"); vn_wall=$(rate "$(median < "$tmp/vn.wall")")
ic_cpu=$(rate "$(median < "$tmp/ic.cpu")"); ic_wall=$(rate "$(median < "$tmp/ic.wall")")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }
printf '%-28s %10s %10s\n' "MB/s (median of $reps)" "cpu" "wall"
printf '%-28s %10s %10s\n' "vn_text_tokenize (API)" "$tok_cpu" "$tok_wall"
printf '%-28s %10s %10s\n' "vnnorm" "$vn_cpu" "$vn_wall"
printf '%-28s %10s %10s\n' "iconv ascii//TRANSLIT" "$ic_cpu" "$ic_wall"
printf '%-28s %10s %10s\n' "vnnorm / iconv" "$(ratio "$vn_cpu" "$ic_cpu")" "$(ratio "$vn_wall" "$ic_wall")"
printf '%-28s %10s %10s\n' "tokenizer / iconv" "$(ratio "$tok_cpu" "$ic_cpu")" "$(ratio "$tok_wall" "$ic_wall")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
