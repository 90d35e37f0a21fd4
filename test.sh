#!/usr/bin/env bash
# Installs what is missing, builds with -Werror, runs the whole test suite,
# then runs it again under AddressSanitizer + UndefinedBehaviorSanitizer and
# runs the fuzzers for a bounded time. Exit status 0 only if all of it passed.
set -euo pipefail
cd "$(dirname "$0")"
bash tools/deps.sh test
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build (gcc, -Werror) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVN_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests =="
(cd build && ctest --output-on-failure -j"$jobs")

echo "== build (ASan + UBSan) =="
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DVN_SANITIZE=ON -DVN_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== tests under ASan + UBSan =="
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
   LSAN_OPTIONS=suppressions="$PWD/../tests/lsan.supp" ctest --output-on-failure -j"$jobs" -LE nosan)

if [ -f fuzz/CMakeLists.txt ]; then
  echo "== fuzzers (clang, libFuzzer, bounded time) =="
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DVN_BUILD_FUZZERS=ON \
     -DVN_BUILD_TESTS=OFF -DVN_WERROR=ON >/dev/null
  cmake --build build-fuzz -j"$jobs"
  bash fuzz/run.sh build-fuzz "${VN_FUZZ_SECONDS:-20}"
fi
echo "test.sh: all passed"
