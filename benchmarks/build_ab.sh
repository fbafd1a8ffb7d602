#!/bin/sh
# Interleaved A/B of the full-reindex phases (benchmarks/build_phases.py) over several trees:
#   sh benchmarks/build_ab.sh CORPUS ROUNDS OUT.jsonl TREE [TREE ...]
# Each round runs every tree once, in turn, each build in a fresh process; one JSON line per
# build is appended to OUT.jsonl. PYTHON (default python) and VECTORS (none|random) may be set.
set -e
corpus=$1; rounds=$2; out=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python}
i=1
while [ "$i" -le "$rounds" ]; do
  for tree in "$@"; do
    PYTHONPATH=$tree HF_HUB_OFFLINE=1 "$py" "$here/build_phases.py" "$corpus" --vectors "${VECTORS:-none}" \
      --label "$(basename "$tree") r$i" >> "$out"
  done
  i=$((i + 1))
done
