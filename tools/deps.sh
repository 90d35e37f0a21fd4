#!/usr/bin/env bash
# Installs what vnsearch needs from Debian's packages, skipping what is there.
# Usage: tools/deps.sh [build|test]   (test adds the servers, browser and fuzz tools)
set -euo pipefail
want=(build-essential cmake pkg-config libxapian-dev libstemmer-dev libutf8proc-dev
      libjansson-dev zlib1g-dev libdeflate-dev libxml2-dev libfcgi-dev lighttpd libmimalloc-dev)
if [ "${1:-build}" = test ]; then
  want+=(libcmocka-dev clang libclang-rt-14-dev xapian-tools xapian-omega sqlite3
         chromium nodejs npm curl ca-certificates wrk python3)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere than Debian's packages: take what is on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
clean=(); for p in "${missing[@]}"; do [ -n "$p" ] && clean+=("$p"); done
if [ ${#clean[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "deps: installing ${clean[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${clean[@]}" >/dev/null
fi
