"""Quality on the archive test corpus (see benchmarks/archive.py).

    python -m benchmarks.quality --archive [--out var/archive] [--no-semantic] [--gold FILE ...] [--json]
    python -m benchmarks.quality --archive --per-ward 20 [--formats txt,docx,pdf,xlsx,html_table] --out DIR

Builds the 108-document archive from the seed reports (idempotent), indexes it into
``OUT/index`` (incrementally: a second run re-embeds nothing; ``--no-semantic`` for a
keyword-only index, minutes faster on 2 cores), runs every judged query through the
public ``SearchService.search`` API in each mode, and prints per mode and per query kind:

- ward-set F1 against the derived judgements (a ward is relevant when one of its copies'
  sources is; wards the year shift made unjudgeable are left out, see archive.py), and
  the strict F1 that counts claiming such a ward as false,
- distinct-evidence recall@10 (each judged evidence string counted once however many
  copies show it),
- duplicates per top 10 (passages whose normalised text equals an earlier one's).

Queries whose derived judgement is empty (e.g. a year filter no copy satisfies) are
left out and counted.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from . import archive

REPO_ROOT = archive.REPO_ROOT
DEFAULT_GOLD = ("../shared/eval/dev.jsonl", "eval/extra.jsonl")


def gold_paths(given: list[str] | None) -> list[Path]:
    """The judged-query files given, else the default ones that exist here."""
    if given:
        return [Path(g) for g in given]
    out = []
    for g in DEFAULT_GOLD:
        for base in (REPO_ROOT, REPO_ROOT.parent.parent, Path("/work/main")):
            p = (base / g).resolve()
            if p.exists():
                out.append(p)
                break
    return out


def load_queries(paths: list[Path]) -> list[dict]:
    """Every judged query of the files, each tagged with its set name (the file stem) as `_set`."""
    queries = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                q["_set"] = path.stem
                queries.append(q)
    return queries


def measure(service, queries: list[dict], copies: list[archive.Copy], modes: list[str]) -> dict:
    report = {"modes": {}, "skipped": []}
    judged = []
    for q in queries:
        j = archive.derive(q, copies)
        if j["wards"]:
            judged.append((q, j))
        else:
            report["skipped"].append(q["id"])
    for mode in modes:
        rows = []
        for q, j in judged:
            result = service.search(q["query"], mode=mode, k=10)
            row = archive.score(j, result)
            row.update(id=q["id"], type=q.get("type", ""), set=q["_set"])
            rows.append(row)
        report["modes"][mode] = {"overall": _mean(rows), "by_set": _group(rows, "set"),
                                 "by_kind": _group(rows, "type"), "per_query": rows}
    return report


_METRICS = ("ward_f1", "ward_f1_strict", "distinct_evidence_recall", "duplicates", "unjudged_claims")


def _mean(rows: list[dict]) -> dict:
    if not rows:
        return {m: 0.0 for m in _METRICS} | {"n": 0}
    return {m: round(sum(r[m] for r in rows) / len(rows), 3) for m in _METRICS} | {"n": len(rows)}


def _group(rows: list[dict], key: str) -> dict:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r[key], []).append(r)
    return {k: _mean(v) for k, v in sorted(groups.items())}


def format_report(report: dict) -> str:
    lines = ["| mode | queries | ward-set F1 | strict ward-set F1 | distinct evidence recall@10 "
             "| duplicates per top 10 | unjudged wards claimed |",
             "|---|---|---|---|---|---|---|"]
    for mode, r in report["modes"].items():
        for label, o in [("all", r["overall"])] + [(f"set {k}", v) for k, v in r["by_set"].items()] \
                + [(f"kind {k}", v) for k, v in r["by_kind"].items()]:
            lines.append(f"| {mode} ({label}) | {o['n']} | {o['ward_f1']:.3f} | {o['ward_f1_strict']:.3f} | "
                         f"{o['distinct_evidence_recall']:.3f} | {o['duplicates']:.2f} | "
                         f"{o['unjudged_claims']:.2f} |")
    if report["skipped"]:
        lines.append(f"\nleft out (no copy satisfies the filter): {', '.join(report['skipped'])}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", action="store_true", required=True,
                    help="measure on the archive test corpus (the only measurement for now)")
    ap.add_argument("--out", default=str(REPO_ROOT / "var" / "archive"), help="archive folder")
    ap.add_argument("--gold", nargs="+", help="judged query files (default: the dev set and eval/extra.jsonl)")
    ap.add_argument("--no-semantic", action="store_true", help="keyword index only (bm25 mode)")
    ap.add_argument("--modes", default=None, help="comma-separated modes (default hybrid,bm25,semantic)")
    ap.add_argument("--per-ward", type=int, default=None,
                    help="reports per ward (e.g. 20: the 360-document archive; default: the 108-document one)")
    ap.add_argument("--formats", default=None,
                    help="with --per-ward: formats taken by turns, e.g. txt,docx,pdf,xlsx,html_table")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from search_app.indexing import build_index
    from search_app.service import SearchService

    out = Path(args.out)
    copies = archive.build(out, per_ward=args.per_ward,
                           formats=args.formats.split(",") if args.formats else None)
    index = out / ("index-keyword" if args.no_semantic else "index")
    started = time.perf_counter()
    summary = build_index(out / "corpus", index, semantic=not args.no_semantic,
                          progress=sys.stderr.isatty())
    took = time.perf_counter() - started
    print(f"archive: {len(copies)} documents, index {index} "
          f"({len(summary.added)} added, {len(summary.changed)} changed; {took:.0f} s)", file=sys.stderr)
    service = SearchService.open(index, semantic=not args.no_semantic)
    modes = args.modes.split(",") if args.modes else (["bm25"] if args.no_semantic
                                                      else ["hybrid", "bm25", "semantic"])
    gold = gold_paths(args.gold)
    report = measure(service, load_queries(gold), copies, modes)
    report["gold"] = [str(g) for g in gold]
    report["documents"] = len(copies)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
