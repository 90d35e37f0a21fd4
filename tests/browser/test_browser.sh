#!/usr/bin/env bash
# The search page in a real browser: Debian's chromium, headless, driven by
# playwright-core (npm), against vnsearch.cgi under lighttpd on 127.0.0.1.
# Screenshots go to build/tests/artifacts/ (search.png, search-phone.png).
set -uo pipefail
src=${VN_SOURCE_DIR:?}; bin=${VN_BIN:?}
here=$src/tests/browser
for p in vnindex vnsearch.cgi; do
  [ -x "$bin/$p" ] || { echo "SKIP: $bin/$p not built"; exit 77; }
done
[ -x /usr/bin/chromium ] || { echo "SKIP: /usr/bin/chromium is missing (bash tools/deps.sh test)"; exit 77; }
for t in node npm lighttpd curl; do
  command -v $t >/dev/null || { echo "SKIP: $t is missing (bash tools/deps.sh test)"; exit 77; }
done
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) ||
    { echo "SKIP: npm ci failed (no access to npm's registry?)"; exit 77; }
fi
. "$src/tools/lighttpd-conf.sh"
artifacts=${VN_ARTIFACTS:-$bin/../tests/artifacts}
work=$(mktemp -d /tmp/vn-browser.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$bin/vnindex" --db "$work/index" --quiet --html-config "$src/corpus/html/sites.conf" "$src/corpus" \
  >"$work/index.log" 2>&1 || { cat "$work/index.log"; echo "FAIL: vnindex"; exit 1; }
printf 'db = %s\nsite_name = UBND phường Minh An\n' "$work/index" >"$work/vnsearch.conf"
port=$(vn_free_port)
vn_lighttpd_conf "$work/l.conf" "$work/l" "$port" "$bin/vnsearch.cgi" "$work/vnsearch.conf" cgi
timeout 600 lighttpd -D -f "$work/l.conf" 2>"$work/stderr" &
pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/?asset=app.js" && break; sleep 0.1; done
timeout 300 node "$here/search.mjs" "http://127.0.0.1:$port" "$artifacts"
rc=$?
[ $rc = 0 ] && echo "screenshots: $artifacts/search.png $artifacts/search-phone.png"
exit $rc
