#!/usr/bin/env bash
# False repairs on other languages: the gettext catalogues installed under
# /usr/share/locale (about 100 languages, many with Latin-1 letters and «»
# quotes) as one text per catalogue and, with -l, one text per line.
# Usage: bench/repair/foreign.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
scan=$build/bin/vn-repair-scan
command -v msgunfmt >/dev/null || { echo "foreign.sh: msgunfmt (gettext) not installed" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/foreign.jsonl.gz" <<'PY'
import glob, gzip, json, os, subprocess, sys
with gzip.open(sys.argv[1], "wt", encoding="utf-8") as out:
    for mo in sorted(glob.glob("/usr/share/locale/*/LC_MESSAGES/*.mo")):
        lang = mo.split("/")[4]
        if lang.startswith("vi"):
            continue
        r = subprocess.run(["msgunfmt", mo], capture_output=True)
        lines = [l for l in r.stdout.decode("utf-8", "replace").split("\n") if l.startswith(("msgstr \"", "\""))]
        body = "\n".join(l[l.index('"') + 1:-1] for l in lines)
        out.write(json.dumps({"id": "mo-%s-%s" % (lang, os.path.basename(mo)), "title": lang, "body": body},
                             ensure_ascii=False) + "\n")
PY
printf 'catalogues: '; "$scan" "$tmp/foreign.jsonl.gz" | tail -n 20
printf 'lines:      '; "$scan" -l "$tmp/foreign.jsonl.gz" | tail -n 20
