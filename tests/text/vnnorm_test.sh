#!/usr/bin/env bash
# vnnorm, the command-line face of the text core: the --help example, a line
# that is not UTF-8 (raw TCVN3 and VNI bytes), --tokens, and a bad argument.
set -euo pipefail
vnnorm=${VN_BIN:?}/vnnorm
fail() { echo "FAIL: $*"; exit 1; }

out=$(printf 'Ủy ban  nhân dân TP.HCM\n' | "$vnnorm")
[ "$out" = "$(printf 'Uỷ ban  nhân dân TP.HCM\tuy ban nhan dan tp hcm')" ] || fail "example: $out"

# "đảng viên người Việt" in raw TCVN3, then in raw VNI-Windows bytes
out=$(printf '\xAE\xB6ng vi\xAAn ng\xAD\xEAi Vi\xD6t\n\xF1\x61\xFBng vie\xE2n ng\xF6\xF4\xF8i Vie\xE4t\n' | "$vnnorm")
want=$(printf 'đảng viên người Việt\tdang vien nguoi viet\nđảng viên người Việt\tdang vien nguoi viet')
[ "$out" = "$want" ] || fail "legacy bytes: $out"

# a stray byte in UTF-8 text stays a replacement character
out=$(printf 'Vi\xE1\xBB\x87t \xFF Nam\n' | "$vnnorm")
[ "$out" = "$(printf 'Việt \xEF\xBF\xBD Nam\tviet nam')" ] || fail "stray byte: $out"

out=$(printf 'Hoá\n' | "$vnnorm" --tokens | head -1)
[ "$(cut -f5- <<<"$out")" = "$(printf 'hoá\thoa\thoa')" ] || fail "tokens: $out"

set +e
"$vnnorm" --nonsense </dev/null 2>/dev/null; rc=$?
set -e
[ $rc -eq 2 ] || fail "unknown argument exit $rc"
echo "vnnorm: ok"
