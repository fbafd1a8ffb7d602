"""Where each missed judged evidence string sits inside the hybrid pipeline (issue 11).

    python -m benchmarks.recall_trace GOLD.jsonl ... [--index DIR] [--kinds b,c] [--json]

`benchmarks.question_diagnosis` ranks the evidence over each mode's *results*, after the
relevance cut and the look-alike exclusion: "not found" there may mean a passage that
the semantic half ranks well but the hybrid pipeline excluded. This script reads the
stages themselves, for every judged string that the hybrid top 10 misses: its passage's
raw cosine rank over the whole index, its rank in the semantic half (sentence-lifted,
distinct texts), in the keyword half, in the fused scores before the priors, in the
ranking after the priors, and whether `fusion.look_alikes` excluded it; plus its
section, length and whether it is a number table. It wraps the public functions the
service calls (`retrieval_semantic.search`, `fusion.fuse`, `fusion.rank`) for the run;
no product code changes. Never give it a blind set.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import numpy as np

from benchmarks import blind_sets
from search_app import config, fusion, retrieval_semantic
from search_app.evaluation import compact, load_judgements, score_query
from search_app.service import SearchService


class Tap:
    """Records what the wrapped public functions saw during one search."""

    def __init__(self):
        self.reset()
        self._search, self._fuse, self._rank = retrieval_semantic.search, fusion.fuse, fusion.rank
        tap = self

        def search(data, qvec, mask, *a, **kw):
            out = tap._search(data, qvec, mask, *a, **kw)
            tap.sem, tap.raw = out, data.vectors @ qvec
            return out

        def fuse(bm25, sem, data, *a, **kw):
            out = tap._fuse(bm25, sem, data, *a, **kw)
            tap.bm25, tap.fused = bm25, out
            return out

        def rank(scores, data, *a, **kw):
            out = tap._rank(scores, data, *a, **kw)
            if tap.ranked is None:
                tap.ranked, tap.exclude = out, set(kw.get("exclude", ()))
                tap.prior = tap._rank(scores, data, *a, **{**kw, "exclude": frozenset(), "coverage": None})
            return out

        retrieval_semantic.search, fusion.fuse, fusion.rank = search, fuse, rank

    def reset(self):
        self.sem, self.raw, self.bm25, self.fused, self.ranked, self.exclude, self.prior = (
            [], None, {}, {}, None, set(), [])

    def close(self):
        retrieval_semantic.search, fusion.fuse, fusion.rank = self._search, self._fuse, self._rank


NEAR = 20   # a half "ranks" a string when it is in that half's first NEAR


def cause(row: dict) -> str:
    """Why a missed string is not in the hybrid top 10, first that applies:

    - "excluded": `fusion.look_alikes` cut it (a passage close in meaning only, below the floor
      the query's words set);
    - "window or floor": its raw cosine is in the first NEAR, but the semantic half does not
      list it at all (under retrieval_semantic.FLOOR, or outside the distinct-text window) and
      the keyword half does not rank it either;
    - "neither half": no half has it in its first NEAR — the reports say it in other words;
    - "priors": the fused score has it in the top 10, the section / table / intent priors
      move it out;
    - "one half, fused down": one half has it in its first 10, the other does not rank it in
      its first NEAR, and the fused ranking puts it below 10;
    - "both halves, fused down": both halves rank it (first NEAR), and the fused ranking
      below 10 — the mix of two middling ranks;
    - "one half, below 10": one half ranks it 11th–NEARth, the other not at all."""
    near = lambda r: r is not None and r <= NEAR  # noqa: E731
    top = lambda r: r is not None and r <= 10  # noqa: E731
    if row["excluded"]:
        return "excluded"
    if not near(row["sem"]) and not near(row["bm25"]):
        return "window or floor" if row["sem"] is None and near(row["raw"]) else "neither half"
    if top(row["fused"]):
        return "priors"
    if near(row["sem"]) and near(row["bm25"]):
        return "both halves, fused down"
    if top(row["sem"]) or top(row["bm25"]):
        return "one half, fused down"
    return "one half, below 10"


def _rank_in(order: list[int], want: set[int]) -> int | None:
    for r, i in enumerate(order):
        if i in want:
            return r + 1
    return None


def trace(service, judged, kinds) -> dict:
    data = service.data
    texts = [compact(p["text"]) for p in data.passages]
    service.search("支援", mode="hybrid", k=10)   # the generation's warm-up search runs before the tap
    tap = Tap()
    rows, counts = [], collections.Counter()
    try:
        for j in judged:
            if j.kind not in kinds:
                continue
            tap.reset()
            answer = service.search(j.query, mode="hybrid", k=10)
            if score_query(j, answer)["evidence_recall"] >= 1.0:
                continue
            top = {compact(p["text"]) for p in answer["results"][:10]}
            raw_order = list(np.argsort(-tap.raw)) if tap.raw is not None else []
            sem_order = [i for i, _ in tap.sem]
            bm25_order = [i for i, _ in sorted(tap.bm25.items(), key=lambda x: -x[1])]
            fused_order = [i for i, _ in sorted(tap.fused.items(), key=lambda x: -x[1])]
            prior_order = [i for i, _ in tap.prior]
            ranked_order = [i for i, _ in (tap.ranked or [])]
            missed = []
            for ward, ev in j.relevant.items():
                for e in ev:
                    needle = compact(e["evidence"])
                    if any(needle in t for t in top):
                        continue
                    holders = {i for i, t in enumerate(texts) if needle in t}
                    if not holders:
                        continue
                    i = min(holders, key=lambda h: raw_order.index(h) if h in raw_order else 10 ** 6)
                    row = {
                        "ward": ward, "evidence": e["evidence"], "grade": e["grade"],
                        "section": data.passages[i]["section"], "chars": len(data.passages[i]["text"]),
                        "table": bool(data.is_table[i]),
                        "raw": _rank_in(raw_order, holders), "sem": _rank_in(sem_order, holders),
                        "bm25": _rank_in(bm25_order, holders), "fused": _rank_in(fused_order, holders),
                        "prior": _rank_in(prior_order, holders), "ranked": _rank_in(ranked_order, holders),
                        "excluded": bool(holders & tap.exclude),
                    }
                    row["cause"] = cause(row)
                    missed.append(row)
                    counts[row["cause"]] += 1
            lens = [len(data.passages[i]["text"]) for i in ranked_order[:10]]
            rows.append({"set": j.set, "id": j.qid, "kind": j.kind, "query": j.query, "missed": missed,
                         "top10_chars_median": float(np.median(lens)) if lens else 0.0})
    finally:
        tap.close()
    return {"queries": rows, "counts": dict(counts)}


def format_text(report: dict) -> str:
    out = []
    f = lambda v: "-" if v is None else str(v)  # noqa: E731
    for q in report["queries"]:
        out.append(f"\n{q['set']} {q['id']} ({q['kind']}) {q['query']}  [top-10 median {q['top10_chars_median']:.0f} chars]")
        for m in q["missed"]:
            out.append(f"  raw {f(m['raw']):>4} sem {f(m['sem']):>4} bm25 {f(m['bm25']):>4} fused {f(m['fused']):>4} "
                       f"prior {f(m['prior']):>4} ranked {f(m['ranked']):>4}{' EXCL' if m['excluded'] else '     '} "
                       f"{m['section']:<9} {m['chars']:>4}c{' T' if m['table'] else '  '} {m['ward']}: {m['evidence'][:36]}"
                       f"  [{m['cause']}]")
    out.append("\n" + json.dumps(report["counts"], ensure_ascii=False))
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--kinds", default="b,c")
    ap.add_argument("--index", default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    blind_sets.refuse(ap, a.gold)
    judged = [j for g in a.gold for j in load_judgements(Path(g))]
    service = SearchService.open(Path(a.index) if a.index else config.index_dir())
    report = trace(service, judged, tuple(a.kinds.split(",")))
    print(json.dumps(report, ensure_ascii=False, indent=1) if a.json else format_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
