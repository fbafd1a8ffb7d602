"""What fills an archive's top 10 instead of the judged evidence it misses.

    python -m benchmarks.archive_topten --out DIR [--per-ward 20 --formats txt,docx,pdf,xlsx,html_table]
        [--mode hybrid] [--gold FILE ...] [--only ID,ID] [--json out.json]

For the archive in DIR (benchmarks/archive.py; its index built by benchmarks.quality),
each judged query is searched (k=40) and reported:

- ``near``: pairs of the top 10 whose normalised texts (dedupe.normalise: years and ward
  names blanked) share at least half their 4-character shingles (Jaccard), with what
  differs between them (difflib opcodes) — near-identical texts the dedupe left apart;
- ``missing``: for a query below full distinct-evidence recall, each judged evidence
  string not in the top 10 and the ranks (within 40) where it is, and the top 10's
  ward, copies folded (``同様の記載``) and first characters.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
from pathlib import Path

from . import archive, quality


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def near_pairs(results: list[dict], floor: float = 0.5) -> list[dict]:
    from search_app import dedupe

    norms = [dedupe.normalise(p["text"]) for p in results]
    sets = [dedupe.shingles(n) for n in norms]
    out = []
    for a in range(len(results)):
        for b in range(a):
            jaccard = len(sets[a] & sets[b]) / max(1, len(sets[a] | sets[b]))
            if jaccard < floor:
                continue
            ops = difflib.SequenceMatcher(None, norms[b], norms[a], autojunk=False).get_opcodes()
            out.append({"ranks": [b + 1, a + 1], "jaccard": round(jaccard, 3),
                        "lengths": [len(norms[b]), len(norms[a])],
                        "differences": [[norms[b][i1:i2], norms[a][j1:j2]] for t, i1, i2, j1, j2 in ops
                                        if t != "equal"]})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="archive folder (with its index)")
    ap.add_argument("--per-ward", type=int, default=None)
    ap.add_argument("--formats", default=None)
    ap.add_argument("--mode", default="hybrid")
    ap.add_argument("--gold", nargs="+")
    ap.add_argument("--only", help="comma-separated query ids")
    ap.add_argument("--json")
    args = ap.parse_args(argv)

    from search_app.service import SearchService

    out = Path(args.out)
    copies = archive.build(out, per_ward=args.per_ward,
                           formats=args.formats.split(",") if args.formats else None)
    service = SearchService.open(out / "index", semantic=args.mode != "bm25")
    only = set(args.only.split(",")) if args.only else None
    rows = []
    for q in quality.load_queries(quality.gold_paths(args.gold)):
        if only and q["id"] not in only:
            continue
        judged = archive.derive(q, copies)
        if not judged["wards"]:
            continue
        found = service.search(q["query"], mode=args.mode, k=40)
        results = found["results"]
        score = archive.score(judged, {"results": results[:10], "wards": found["wards"]})
        row = {"id": q["id"], "query": q["query"], "recall": round(score["distinct_evidence_recall"], 3),
               "near": near_pairs(results[:10]), "missing": [], "top10": []}
        if score["distinct_evidence_recall"] < 0.999:
            row["top10"] = [{"ward": p.get("ward"), "folded": len(p.get("duplicates", [])),
                             "text": _compact(p["text"])[:60]} for p in results[:10]]
            for e in judged["evidence"]:
                needles = {_compact(v) for v in e["variants"]}
                ranks = [k + 1 for k, p in enumerate(results) if any(n and n in _compact(p["text"]) for n in needles)]
                if not ranks or ranks[0] > 10:
                    row["missing"].append({"grade": e["grade"], "ranks": ranks[:3], "evidence": sorted(needles)[0]})
        rows.append(row)
        for pair in row["near"]:
            print(f"{q['id']} near #{pair['ranks'][0]}~#{pair['ranks'][1]} J={pair['jaccard']:.2f} "
                  f"lengths {pair['lengths']}: {pair['differences'][:4]}")
    pairs = sum(len(r["near"]) for r in rows)
    print(f"{len(rows)} queries, {pairs} near pairs in their top 10")
    if args.json:
        Path(args.json).write_text(json.dumps({"queries": rows, "near_pairs": pairs}, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
