#!/usr/bin/env bash
# Builds a static libxapian from Debian's source package of the same version
# as the installed libxapian-dev (so the headers, the index format and the
# behaviour are those of the shared library), for the fastest plain CGI:
#   cmake -S . -B build-static -DCMAKE_BUILD_TYPE=Release -DVN_XAPIAN_STATIC_PREFIX=PREFIX
# Debian ships no libxapian.a, and a plain CGI's process pays more for loading
# libxapian.so and libstdc++.so (page faults of their relocated data) than for
# its search (bench/cgi/README.md has the figures).
# Only the glass backend (the one vnsearch writes and reads) and the in-memory
# one are built; chert and the remote backend are left out, which also
# shortens the build.
# Usage: tools/build-static-xapian.sh [PREFIX]   (default: var/static/xapian)
#   env: VN_XAPIAN_WORK (where the sources are fetched and built;
#        default var/static/src), JOBS (2)
# Needs root (or sudo) once: the source package comes through apt, and apt's
# source lines are derived from the system's own binary ones when there are
# none (a deb-src copy of /etc/apt/sources.list.d/debian.sources).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-$root/var/static/xapian}
work=${VN_XAPIAN_WORK:-$root/var/static/src}
jobs=${JOBS:-2}
SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo

version=$(dpkg-query -W -f='${Version}' libxapian-dev 2>/dev/null) ||
  { echo "build-static-xapian: libxapian-dev is not installed (bash tools/deps.sh)" >&2; exit 1; }
upstream=${version%-*}
upstream=${upstream#*:}
mkdir -p "$work" "$prefix"
prefix=$(cd "$prefix" && pwd)
src=$work/xapian-core-$upstream

if [ ! -f "$src/configure" ]; then
  command -v dpkg-source >/dev/null ||
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null
  if ! apt-get source --print-uris -qq "xapian-core=$version" >/dev/null 2>&1; then
    # No source lines: the same archives as the binary ones, as deb-src.
    conf=/etc/apt/sources.list.d/debian.sources
    [ -f "$conf" ] || { echo "build-static-xapian: no deb-src lines and no $conf to derive them from" >&2; exit 1; }
    sed 's/^Types: deb$/Types: deb-src/' "$conf" | $SUDO tee /etc/apt/sources.list.d/vnsearch-src.sources >/dev/null
    $SUDO apt-get update -qq
  fi
  (cd "$work" && apt-get source -qq "xapian-core=$version")
fi

start=$(date +%s)
mkdir -p "$work/build-$upstream"
cd "$work/build-$upstream"
# The compiler flags of Debian's own build (dpkg-buildflags: -O2, the stack
# protector, _FORTIFY_SOURCE), without -g (the archive stays small);
# VN_XAPIAN_PLAIN=1 builds with -O2 alone. Objects are position-independent
# by the compiler's default, so the library links into PIE and non-PIE
# programs alike.
cxxflags=-O2; cppflags=
if [ "${VN_XAPIAN_PLAIN:-0}" != 1 ] && command -v dpkg-buildflags >/dev/null; then
  cxxflags=$(dpkg-buildflags --get CXXFLAGS | tr ' ' '\n' | grep -v '^-g$\|^-ffile-prefix-map=' | tr '\n' ' ')
  cppflags=$(dpkg-buildflags --get CPPFLAGS | tr ' ' '\n' | grep -v '^-Wdate-time$' | tr '\n' ' ')
fi
stamp="prefix=$prefix cxxflags=$cxxflags cppflags=$cppflags"
if [ ! -f Makefile ] || [ "$(cat vnsearch-config 2>/dev/null)" != "$stamp" ]; then
  nice -n 10 "$src/configure" --prefix="$prefix" --enable-static --disable-shared \
    --disable-backend-chert --disable-backend-remote --disable-documentation \
    CFLAGS="$cxxflags" CXXFLAGS="$cxxflags" CPPFLAGS="$cppflags" >configure.log
  echo "$stamp" >vnsearch-config
fi
nice -n 10 make -j"$jobs" >make.log 2>&1 || { tail -20 make.log >&2; exit 1; }
nice -n 10 make install >install.log 2>&1 || { tail -20 install.log >&2; exit 1; }
echo "build-static-xapian: xapian-core $version in $prefix ($(( $(date +%s) - start )) s)"
