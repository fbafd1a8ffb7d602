#!/bin/sh
# Query speed of one source tree on two built indexes, interleaved, with SQLite FTS5
# on the same passages in the same minutes (docs/benchmarks.md, "Queries at ~100k
# with sentence vectors"). Each step is `benchmarks/run.py --step query|fts5` in a
# fresh process, so peak RSS is the step's own. query_ab.sh compares two trees on
# one index; this compares two indexes (e.g. a generation and a copy of it without
# sentences.npy) under this checkout.
#
#   sh benchmarks/index_ab.sh INDEX_A INDEX_B ROUNDS OUT_DIR [REPEATS]
#
# Order per repeat: a, fts5 (A's passages), b, a. A line per step on stdout:
# "<label> <time> load <1 5 15 min> <the step's JSON>".
set -e
A=$1; B=$2; ROUNDS=$3; OUT=$4; REPEATS=${5:-1}
HERE=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$HERE/.venv/bin/python}
mkdir -p "$OUT"
args() {
    PYTHONPATH=$HERE "$PY" -c "
import json; from benchmarks.run import QUERIES
print(json.dumps({'index': '$1', 'work': '$OUT', 'queries': QUERIES, 'rounds': $ROUNDS}, ensure_ascii=False))"
}
ARGS_A=$(args "$A"); ARGS_B=$(args "$B")
i=1
while [ $i -le "$REPEATS" ]; do
    for label in a fts5 b a; do
        STEP=query; ARGS=$ARGS_A
        [ $label = fts5 ] && STEP=fts5
        [ $label = b ] && ARGS=$ARGS_B
        F="$OUT/$label-$i-$(date +%H%M%S).json"
        (cd "$HERE" && PYTHONPATH=$HERE HF_HUB_OFFLINE=1 "$PY" "$HERE/benchmarks/run.py" --step $STEP "$ARGS" "$F")
        echo "$label $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $(cat "$F")"
    done
    i=$((i + 1))
done
