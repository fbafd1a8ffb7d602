#!/bin/sh
# Query speed of two source trees on one built index, interleaved, with SQLite FTS5
# on the same passages in the same minutes (docs/benchmarks.md, "Keyword queries
# without Whoosh's matchers"). Each step is `benchmarks/run.py --step query|fts5`
# in a fresh process, so peak RSS is the step's own.
#
#   sh benchmarks/query_ab.sh INDEX_DIR ROUNDS OUT_DIR BEFORE_TREE [AFTER_TREE]
#
# BEFORE_TREE e.g. from `git archive <commit> | tar -x -C /tmp/before`;
# AFTER_TREE defaults to this checkout. Order: after, fts5, before, after.
set -e
IX=$1; ROUNDS=$2; OUT=$3; BEFORE=$4
HERE=$(cd "$(dirname "$0")/.." && pwd)
AFTER=${5:-$HERE}
PY=${PYTHON:-$HERE/.venv/bin/python}
mkdir -p "$OUT"
ARGS=$(PYTHONPATH=$HERE "$PY" -c "
import json; from benchmarks.run import QUERIES
print(json.dumps({'index': '$IX', 'work': '$OUT', 'queries': QUERIES, 'rounds': $ROUNDS}, ensure_ascii=False))")
for tree in after fts5 before after; do
    T=$AFTER; [ $tree = before ] && T=$BEFORE
    STEP=query; [ $tree = fts5 ] && STEP=fts5
    F="$OUT/$tree-$(date +%H%M%S).json"
    (cd "$T" && PYTHONPATH=$T HF_HUB_OFFLINE=1 "$PY" "$HERE/benchmarks/run.py" --step $STEP "$ARGS" "$F")
    echo "$tree $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $(cat "$F")"
done
