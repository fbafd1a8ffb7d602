"""Leave-one-out over every judged query given, as one tuning set.

    python -m benchmarks.question_loo GOLD.jsonl ... [--grid FILE.json] [--modes hybrid,bm25] [--json]

`kyoten eval --loo` tunes on the first file (dev, 12 queries) and only scores the
others. This script pools all the given files (dev + extra..extra4: 80 queries) and,
for each query, chooses the parameter setting best on the other queries (mean of
evidence recall@10 and ward-set F1, `search_app.evaluation.leave_one_out`) and scores
the held-out query with it. It prints plain and leave-one-out figures per mode, per
kind and per file. Never give it a blind set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks import blind_sets
from search_app import config, evaluation
from search_app.service import SearchService

DEFAULT_GRID = {
    "search_app.fusion.INTENT_PRIOR": [1.0, 0.8, 0.6, 0.4],
    "search_app.fusion.HYBRID_BM25_WEIGHT": [0.3, 0.5, 0.7],
}


def by_set(rows: list[dict]) -> dict:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["set"], []).append(r)
    return {k: evaluation.summarise(v) | {"n": len(v)} for k, v in groups.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--grid", default=None)
    ap.add_argument("--modes", default="hybrid,bm25")
    ap.add_argument("--index", default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    blind_sets.refuse(ap, a.gold)
    judged = [j for g in a.gold for j in evaluation.load_judgements(Path(g))]
    grid = evaluation.load_grid(Path(a.grid)) if a.grid else DEFAULT_GRID
    service = SearchService.open(Path(a.index) if a.index else config.index_dir())
    report = evaluation.leave_one_out(service, judged, grid, modes=tuple(a.modes.split(",")))
    for e in report["modes"].values():
        e["loo_by_set"] = by_set(e.pop("loo_per_query"))
    if a.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(evaluation.format_loo(report))
    for mode, e in report["modes"].items():
        print(f"\n{mode}, leave-one-out per file (evidence recall@10 / ward-set F1):")
        for name, s in e["loo_by_set"].items():
            print(f"  {name} ({s['n']}): {s['evidence_recall']:.3f} / {s['ward_f1']:.3f}")
        counts: dict[str, int] = {}
        for chosen in e["chosen"].values():
            key = json.dumps(chosen, sort_keys=True)
            counts[key] = counts.get(key, 0) + 1
        print(f"  settings chosen (folds): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
