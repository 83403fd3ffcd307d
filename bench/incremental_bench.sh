#!/bin/bash
# Incremental `make build` at scale: a no-change build, one record's title edited, then one
# record's body edited, each timed by GNU time (wall, CPU, peak RSS).
# Usage: bench/incremental_bench.sh PROJECT   (a gen_content.py --layout guongsang project, built once)
set -e
PY=${GS_PY:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}
cd "$1"
T="/usr/bin/time -f %e_s_wall_%U_user_%S_sys_%M_KB"
echo "== no change (load $(cut -d' ' -f1 /proc/loadavg))"
$T $PY -m generator build --site-dir site 2>&1 | grep -v "Đang dựng" | tail -3
f=$(ls entries/tin-tuc/*.md | sed -n 500p)
sed -i "0,/^title: \"/s/^title: \"/title: \"Sửa $(date +%s) /" "$f"
echo "== one record's title edited: $f (load $(cut -d' ' -f1 /proc/loadavg))"
$T $PY -m generator build --site-dir site 2>&1 | grep -v "Đang dựng" | tail -8
f=$(ls entries/tin-tuc/*.md | sed -n 700p)
sed -i "0,/^---$/! {0,/^---$/s/^---$/---\nĐoạn mở đầu sửa lúc $(date +%s)./}" "$f"
echo "== one record's body edited: $f (load $(cut -d' ' -f1 /proc/loadavg))"
$T $PY -m generator build --site-dir site 2>&1 | grep -v "Đang dựng" | tail -8
echo "== end (load $(cut -d' ' -f1 /proc/loadavg))"
