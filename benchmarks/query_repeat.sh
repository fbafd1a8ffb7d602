#!/bin/sh
# The query phase of benchmarks/run.py repeated on one built index, with its peers
# in the same minutes, for medians on a shared machine (docs/benchmarks.md, "Issue 13
# targets at a glance"). Each step is `benchmarks/run.py --step query|fts5|tantivy`
# in a fresh process (so peak RSS is the step's own, and every bm25 "cold" query is
# the first search of a fresh process).
#
#   sh benchmarks/query_repeat.sh INDEX_DIR ROUNDS OUT_DIR [REPEATS] [TREE]
#
# Order per repeat: kyoten, fts5, tantivy, kyoten. TREE (default this checkout) is
# the source tree whose search code runs. A line per step on stdout:
# "<label> <time> load <1 5 15 min> <the step's JSON>"; summarise with
# `python benchmarks/query_repeat_summary.py OUT.txt ...`.
set -e
IX=$1; ROUNDS=$2; OUT=$3; REPEATS=${4:-3}
HERE=$(cd "$(dirname "$0")/.." && pwd)
TREE=${5:-$HERE}
PY=${PYTHON:-$HERE/.venv/bin/python}
mkdir -p "$OUT"
ARGS=$(PYTHONPATH=$HERE "$PY" -c "
import json; from benchmarks.run import QUERIES
print(json.dumps({'index': '$IX', 'work': '$OUT', 'queries': QUERIES, 'rounds': $ROUNDS}, ensure_ascii=False))")
i=1
while [ $i -le "$REPEATS" ]; do
    for label in kyoten fts5 tantivy kyoten; do
        STEP=query; [ $label != kyoten ] && STEP=$label
        F="$OUT/$label-$i-$(date +%H%M%S).json"
        (cd "$TREE" && PYTHONPATH=$TREE HF_HUB_OFFLINE=1 "$PY" "$HERE/benchmarks/run.py" --step $STEP "$ARGS" "$F")
        echo "$label $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $(cat "$F")"
    done
    i=$((i + 1))
done
