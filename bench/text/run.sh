#!/usr/bin/env bash
# Throughput of the text core on the real corpus, against issue 3's targets:
#   - vn_text_tokenize (the API alone) >= 150 MB/s on one core;
#   - vnnorm >= 2x `iconv -f utf-8 -t ascii//TRANSLIT` over the same text,
#     measured in the same run.
# Extracts the titles and bodies of ../shared/corpus into a temporary file
# (one per line), then takes the median of 5 runs of vnnorm and of iconv,
# interleaved so that a change of load hits both alike, and of 5 passes of
# the tokenizer API (bench_text, in one process). MB/s are given by CPU time
# (user+sys of the process: what one core does, steady when the machine is
# shared) and by wall-clock time.
# Instructions per input byte (repeatable whatever the load) come from
# `perf stat` when the machine has hardware counters, else they are "n/a"
# (VN_BENCH_CALLGRIND=1 counts them with callgrind over the first 4 MB).
#
# Usage: bench/text/run.sh [BUILD_DIR] [CORPUS_DIR]
#   BUILD_DIR defaults to ./build (needs the targets bench_text and vnnorm:
#   cmake --build BUILD_DIR --target bench_text vnnorm; build Release)
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
bytes=$(stat -c %s "$text")
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.1f", b / 1e6}')
echo "text: $mb MB (titles and bodies of $corpus, one per line)"

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# "CPU WALL" seconds of one run of a command (stdin from $text, stdout discarded)
runtime() {
  local TIMEFORMAT='%R %U %S' out
  out=$( { time "$@" < "$text" > /dev/null 2>/dev/null; } 2>&1 )
  awk '{printf "%.3f %.3f\n", $2 + $3, $1}' <<<"$out"
}

for f in vn ic; do : > "$tmp/$f.cpu"; : > "$tmp/$f.wall"; done
for i in $(seq $reps); do
  read -r c w < <(runtime "$build/bin/vnnorm"); echo "$c" >> "$tmp/vn.cpu"; echo "$w" >> "$tmp/vn.wall"
  read -r c w < <(runtime iconv -f utf-8 -t ascii//TRANSLIT); echo "$c" >> "$tmp/ic.cpu"; echo "$w" >> "$tmp/ic.wall"
done
# the tokenizer: $reps passes over the text in one process, timed inside it
# (file loading excluded), one vn_text as an indexer keeps one; its median
tok=$("$build/bin/bench_text" "$text" $reps)
tk_cpu=$(sed -n 's/.*cpu_mbs=\([0-9.]*\).*/\1/p' <<<"$tok")
tk_wall=$(sed -n 's/.*wall_mbs=\([0-9.]*\).*/\1/p' <<<"$tok")
rate() { awk -v mb="$mb" -v s="$1" 'BEGIN{ if (s > 0) printf "%.1f", mb / s; else print "inf" }'; }
vn_cpu=$(rate "$(median < "$tmp/vn.cpu")"); vn_wall=$(rate "$(median < "$tmp/vn.wall")")
ic_cpu=$(rate "$(median < "$tmp/ic.cpu")"); ic_wall=$(rate "$(median < "$tmp/ic.wall")")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }

# instructions per input byte
ipb() { # command...; prints instructions/byte or n/a
  local out
  if out=$(perf stat -x, -e instructions:u "$@" < "$text" 2>&1 >/dev/null) &&
     n=$(awk -F, '/instructions/ && $1 ~ /^[0-9]+$/ {print $1}' <<<"$out") && [ -n "$n" ]; then
    awk -v n="$n" -v b="$bytes" 'BEGIN{printf "%.1f", n / b}'
  else
    echo "n/a"
  fi
}
tk_ipb=n/a; vn_ipb=n/a; ic_ipb=n/a
if command -v perf >/dev/null 2>&1; then
  tk_ipb=$(ipb "$build/bin/bench_text" "$text" 1); vn_ipb=$(ipb "$build/bin/vnnorm")
  ic_ipb=$(ipb iconv -f utf-8 -t ascii//TRANSLIT)
fi
if [ "$tk_ipb" = n/a ] && [ "${VN_BENCH_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
  head -c 4000000 "$text" > "$tmp/sample.txt"
  sb=$(stat -c %s "$tmp/sample.txt")
  cg() { valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" 2>&1 >/dev/null |
           awk -v b="$sb" '/Collected/ {gsub(",", "", $NF); printf "%.1f", $NF / b}'; }
  tk_ipb="$(cg --toggle-collect=vn_text_tokenize "$build/bin/bench_text" "$tmp/sample.txt" 1) (callgrind, 4 MB)"
  vn_ipb="$(cg "$build/bin/vnnorm" < "$tmp/sample.txt") (callgrind, 4 MB)"
  ic_ipb="$(cg iconv -f utf-8 -t ascii//TRANSLIT < "$tmp/sample.txt") (callgrind, 4 MB)"
fi

printf '%-28s %9s %9s   %s\n' "MB/s, median of $reps" "cpu" "wall" "instr/byte"
printf '%-28s %9s %9s   %s\n' "vn_text_tokenize (API)" "$tk_cpu" "$tk_wall" "$tk_ipb"
printf '%-28s %9s %9s   %s\n' "vnnorm" "$vn_cpu" "$vn_wall" "$vn_ipb"
printf '%-28s %9s %9s   %s\n' "iconv -t ascii//TRANSLIT" "$ic_cpu" "$ic_wall" "$ic_ipb"
printf '%-28s %9s %9s\n' "vnnorm / iconv" "$(ratio "$vn_cpu" "$ic_cpu")" "$(ratio "$vn_wall" "$ic_wall")"
printf '%-28s %9s %9s\n' "tokenizer / iconv" "$(ratio "$tk_cpu" "$ic_cpu")" "$(ratio "$tk_wall" "$ic_wall")"
verdict() { awk -v v="$1" -v t="$2" 'BEGIN{print (v >= t) ? "met" : "NOT met"}'; }
echo "target tokenizer >= 150 MB/s (cpu): $(verdict "$tk_cpu" 150)"
echo "target vnnorm >= 2x iconv (cpu):    $(verdict "$(ratio "$vn_cpu" "$ic_cpu")" 2)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
