"""Leave-one-out over every judged query of several files at once.

    python -m benchmarks.ward_loo INDEX_DIR GOLD.jsonl [GOLD.jsonl ...]
        [--grid FILE.json] [--modes hybrid,bm25,semantic] [--json]

`kyoten eval --loo` chooses parameters on the dev set only (12 queries) and scores
the other files with them. This pools all the files given into one tuning set:
for each query, the parameter setting best on all the *other* queries (by the
mean of evidence recall@10 and ward-set F1, `evaluation.objective`) scores it.
It prints, per mode and per file, the figures with the current values ("plain")
and the leave-one-out figures: evidence recall@10, ward-set F1, and the recall
of the claimed ward set (relevant wards claimed / relevant wards).

The default grid holds the ward answer's rules about what may claim a ward
(`wardanswer.OWN_WORD`, `wardanswer.GUESS_WHERE_LEARNED`, `wardanswer.SPECIFIC_MIN_CHARS`,
`wardanswer.SEMANTIC_CLAIM_MIN_CHARS`, `wardanswer.UNKNOWN_NEAREST`: 48 settings); a JSON
file {"module.ATTR": [values]} replaces it.
Never give it a blind set: choosing on a query is looking at it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks import blind_sets

DEFAULT_GRID = {
    "search_app.wardanswer.OWN_WORD": [True, False],
    "search_app.wardanswer.GUESS_WHERE_LEARNED": [True, False],
    "search_app.wardanswer.SPECIFIC_MIN_CHARS": [2, 1],
    "search_app.wardanswer.SEMANTIC_CLAIM_MIN_CHARS": [100, 0, 200],
    "search_app.wardanswer.UNKNOWN_NEAREST": [10, 0],
}


def claimed_recall(j, row) -> float:
    relevant = set(j.relevant)
    return len(relevant & set(row["wards"])) / len(relevant) if relevant else 1.0


def per_set(judged, rows) -> dict:
    out: dict[str, dict] = {}
    for j, r in zip(judged, rows):
        for key in (j.set, "all"):
            s = out.setdefault(key, {"n": 0, "evidence_recall": 0.0, "ward_f1": 0.0, "claimed_recall": 0.0})
            s["n"] += 1
            s["evidence_recall"] += r["evidence_recall"]
            s["ward_f1"] += r["ward_f1"]
            s["claimed_recall"] += claimed_recall(j, r)
    for s in out.values():
        for k in ("evidence_recall", "ward_f1", "claimed_recall"):
            s[k] = round(s[k] / s["n"], 4)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--grid", help="JSON file {\"module.ATTR\": [values]}")
    ap.add_argument("--modes", default="hybrid,bm25,semantic")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    blind_sets.refuse(ap, args.gold)
    from search_app import evaluation
    from search_app.service import SearchService

    grid = evaluation.load_grid(Path(args.grid)) if args.grid else DEFAULT_GRID
    service = SearchService.open(Path(args.index))
    judged = [j for g in args.gold for j in evaluation.load_judgements(Path(g))]
    loo = evaluation.leave_one_out(service, judged, grid, modes=tuple(args.modes.split(",")))
    report = {"grid": grid, "default": loo["default"], "modes": {}}
    for mode, e in loo["modes"].items():
        default_rows = _plain_rows(service, judged, mode)
        report["modes"][mode] = {"plain": per_set(judged, default_rows), "loo": per_set(judged, e["loo_per_query"]),
                                 "best_on_all": e["best_on_all"],
                                 "chosen": sorted({json.dumps(v, sort_keys=True) for v in e["chosen"].values()})}
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        return 0
    print(f"leave-one-out over {len(judged)} queries; current values {loo['default']}")
    print("| mode | set | n | recall@10 plain / LOO | ward F1 plain / LOO | claimed-ward recall plain / LOO |")
    print("|---|---|---|---|---|---|")
    for mode, m in report["modes"].items():
        for name, p in m["plain"].items():
            l = m["loo"][name]
            print(f"| {mode} | {name} | {p['n']} | {p['evidence_recall']:.3f} / {l['evidence_recall']:.3f} | "
                  f"{p['ward_f1']:.3f} / {l['ward_f1']:.3f} | {p['claimed_recall']:.3f} / {l['claimed_recall']:.3f} |")
        print(f"{mode}: best on all {m['best_on_all']}; settings chosen in the folds: {', '.join(m['chosen'])}")
    return 0


def _plain_rows(service, judged, mode):
    from search_app import evaluation
    return [evaluation.score_query(j, service.search(j.query, mode=mode, k=evaluation.TOP)) for j in judged]


if __name__ == "__main__":
    raise SystemExit(main())
