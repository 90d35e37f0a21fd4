#!/usr/bin/env bash
# text/vn_tables.c must be exactly what text/tools/gen_tables.py writes.
# Usage: tables_test.sh GEN_TABLES.PY VN_TABLES.C
set -euo pipefail
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
python3 "$1" | diff -u "$2" - && echo "vn_tables.c is up to date"
