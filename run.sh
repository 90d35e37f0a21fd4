#!/usr/bin/env bash
# Installs what is missing, builds, indexes the sample corpus into the
# default index (var/index) and serves the search page on
# http://127.0.0.1:8080/ until interrupted.
set -euo pipefail
cd "$(dirname "$0")"
bash tools/deps.sh build
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
exec bash tools/serve.sh "${VN_PORT:-8080}"
