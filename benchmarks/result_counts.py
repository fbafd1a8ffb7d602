"""How many results a query gets, and whether the judged evidence is among them.

    python -m benchmarks.result_counts [--index DIR] [--gold FILE ...] [--modes hybrid,bm25,semantic]
                                       [--probe 多胎児 --probe ...] [-v] [--json]

Every judged query of the gold files (default: dev + eval/extra*.jsonl) runs through
the public ``SearchService.search`` and is paged to its end, so the figures are what
a user paging the list sees. Per set and mode:

- total: the number of distinct results (``total``, what 「関連パッセージ N 件」 shows),
  median and 90th percentile over the set's queries;
- recall@10: grade-weighted share of judged evidence strings in the top 10 (as
  ``kyoten eval``);
- recall@all: grade-weighted share of judged evidence strings in any result — evidence
  the relevance cut drops can never be found by paging;
- ward-set F1 of the ``wards`` answer.

An honest count is small where few passages relate (a rare word) while recall@all
stays high. ``-v`` prints each query's total and the rank (1-based) and score of the
first result holding each judged string; ``--probe`` adds queries that are not judged
(their totals only).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from search_app.evaluation import Judged, compact, load_judgements, score_query

from .relaid import gold_paths

MODES = ("hybrid", "bm25", "semantic")
PAGE = 100
DEFAULT_PROBES = ("多胎児", "双子の親への支援", "子育てサポートシステムの会員を増やすには", "沐浴",
                  "アウトリーチ", "転勤", "qwertyuiop")


def all_results(service, query: str, mode: str) -> tuple[dict, list[dict]]:
    """(the first page's answer, every result of the query in order)."""
    first = service.search(query, mode=mode, k=PAGE)
    results = list(first["results"])
    while len(results) < first["total"]:
        page = service.search(query, mode=mode, k=PAGE, offset=len(results))["results"]
        if not page:
            break
        results.extend(page)
    return first, results


def evidence_ranks(j: Judged, results: list[dict]) -> list[dict]:
    """Each judged string with the rank and score of the first result holding it (None: not a result)."""
    texts = [compact(r["text"]) for r in results]
    out = []
    for ward, evidence in j.relevant.items():
        for e in evidence:
            needle = compact(e["evidence"])
            rank = next((r for r, t in enumerate(texts) if needle and needle in t), None)
            out.append({"ward": ward, "evidence": e["evidence"], "grade": e["grade"],
                        "rank": None if rank is None else rank + 1,
                        "score": None if rank is None else results[rank]["score"]})
    return out


def measure_query(service, j: Judged, mode: str) -> dict:
    first, results = all_results(service, j.query, mode)
    ranks = evidence_ranks(j, results)
    total_grade = sum(e["grade"] for e in ranks) or 1
    found_all = sum(e["grade"] for e in ranks if e["rank"] is not None)
    scored = score_query(j, first)
    return {"id": j.qid, "set": j.set, "query": j.query, "type": j.kind, "mode": first["mode"],
            "total": first["total"], "total_passages": first["total_passages"],
            "recall10": scored["evidence_recall"], "recall_all": found_all / total_grade,
            "ward_f1": scored["ward_f1"], "wards": scored["wards"], "evidence": ranks}


def p90(values: list[int]) -> float:
    if len(values) < 2:
        return float(values[0]) if values else 0.0
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def summary(rows: list[dict]) -> dict:
    totals = [r["total"] for r in rows]
    n = len(rows) or 1
    return {"n": len(rows), "total_median": statistics.median(totals) if totals else 0,
            "total_p90": round(p90(totals), 1), "total_max": max(totals, default=0),
            "recall10": round(sum(r["recall10"] for r in rows) / n, 4),
            "recall_all": round(sum(r["recall_all"] for r in rows) / n, 4),
            "ward_f1": round(sum(r["ward_f1"] for r in rows) / n, 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="index folder (default: $KYOTEN_INDEX or var/index)")
    ap.add_argument("--gold", nargs="*", help="judged query files (default: dev + eval/extra*.jsonl)")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--probe", action="append", help="an unjudged query whose totals to print (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from search_app.service import SearchService

    service = SearchService.open(Path(args.index) if args.index else None)
    judged = [j for path in gold_paths(args.gold) for j in load_judgements(path)]
    modes = [m for m in args.modes.split(",") if m]
    probes = args.probe or list(DEFAULT_PROBES)
    report: dict = {"modes": {}, "probes": {}}
    for mode in modes:
        rows = [measure_query(service, j, mode) for j in judged]
        sets: dict[str, list[dict]] = {}
        for r in rows:
            sets.setdefault(r["set"], []).append(r)
        report["modes"][mode] = {"all": summary(rows), "by_set": {s: summary(v) for s, v in sets.items()},
                                 "per_query": rows}
        report["probes"][mode] = {q: service.search(q, mode=mode, k=1)["total"] for q in probes}
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for mode, r in report["modes"].items():
        print(f"## {mode}")
        print("| set | n | total median | total p90 | total max | recall@10 | recall@all | ward F1 |")
        print("|---|---|---|---|---|---|---|---|")
        for name, s in [*r["by_set"].items(), ("all", r["all"])]:
            print(f"| {name} | {s['n']} | {s['total_median']} | {s['total_p90']} | {s['total_max']} | "
                  f"{s['recall10']:.3f} | {s['recall_all']:.3f} | {s['ward_f1']:.3f} |")
        print("probes: " + ", ".join(f"{q} {t}" for q, t in report["probes"][mode].items()))
        if args.verbose:
            for q in r["per_query"]:
                ev = " ".join(f"{e['rank'] or '-'}:{e['score'] if e['score'] is not None else '-'}"
                              for e in q["evidence"])
                print(f"  {q['set']}/{q['id']} total {q['total']} r@10 {q['recall10']:.2f} "
                      f"r@all {q['recall_all']:.2f}  {q['query']}  [{ev}]")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
