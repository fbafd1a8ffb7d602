"""Where the evidence of paraphrases and questions goes missing (issue 11).

    python -m benchmarks.question_diagnosis GOLD.jsonl ... [--kinds b,c] [--json]

For every judged query of the given kinds whose hybrid evidence recall@10 is below
1, it prints each missed evidence string with the rank of the passage holding it in
each mode's ranking (bm25, semantic, hybrid; ranks over the distinct results, 1 =
first, "-" = not a result), and what fills the hybrid top 10 instead, each passage
classed by the first rule that applies:

- ``evidence``: it holds judged evidence (of any relevant ward);
- ``same-unit``: another passage of an evidence unit of a relevant ward;
- ``same-ward``: another passage of a relevant ward;
- ``table``: a number table (``Generation.is_table``);
- ``overview``: the overview or the 振り返りの視点 checklist;
- ``frame-only``: a passage of another ward that names no query word but the
  question's frame (the words `query.QUESTION_WORDS` lists, analysed);
- ``other-ward``: a passage of a ward that is not relevant.

A summary counts, over those queries, the cause classes of the missed evidence
(``not found``: no mode ranks it in its top 50; ``semantic only`` / ``bm25 only``:
one half ranks it in the top 20, the other not; ``below the cut``: both halves rank it
but hybrid does not reach the top 10) and the classes filling the top 10.
It reads the engine only through ``SearchService.search``.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from benchmarks import blind_sets
from indexer import records
from indexer.analysis import analyze_query_terms
from search_app import config
from search_app.evaluation import compact, load_judgements, score_query
from search_app.query import QUESTION_WORDS
from search_app.service import SearchService

DEEP = 100


def _rank_of(results: list[dict], needle: str) -> int | None:
    for r, p in enumerate(results):
        if needle in compact(p["text"]):
            return r + 1
    return None


def _frame_only(text: str, query: str) -> bool:
    """Whether the passage names some analysed word of the query, and all of them frame words."""
    words = {t.term for t in analyze_query_terms(query)}
    named = {w for w in words if w and w in {t.term for t in analyze_query_terms(text[:600])}}
    return bool(named) and named <= set(QUESTION_WORDS)


def classify(p: dict, j, evidence_units: set, query: str) -> str:
    text = compact(p["text"])
    for ev in j.relevant.values():
        if any(compact(e["evidence"]) in text for e in ev):
            return "evidence"
    if p.get("unit") and p["unit"] in evidence_units:
        return "same-unit"
    if p.get("ward") in j.relevant:
        return "same-ward"
    if p.get("is_table"):
        return "table"
    if p.get("section") in (records.OVERVIEW, records.VIEWPOINT):
        return "overview"
    if _frame_only(p["text"], query):
        return "frame-only"
    return "other-ward"


def diagnose(service, judged, kinds=("b", "c")) -> dict:
    data = service.data
    is_table = {data.passages[i]["passage_id"]: bool(data.is_table[i]) for i in range(data.n)}
    rows, causes, fillers = [], collections.Counter(), collections.Counter()
    for j in judged:
        if j.kind not in kinds:
            continue
        runs = {m: service.search(j.query, mode=m, k=DEEP)["results"] for m in ("bm25", "semantic", "hybrid")}
        full = service.search(j.query, mode="hybrid", k=10)
        score = score_query(j, full)
        if score["evidence_recall"] >= 1.0:
            continue
        units = set()
        for ward, ev in j.relevant.items():
            for e in ev:
                for p in data.passages:
                    if compact(e["evidence"]) in compact(p["text"]) and p.get("unit"):
                        units.add(p["unit"])
        missed = []
        for ward, ev in j.relevant.items():
            for e in ev:
                needle = compact(e["evidence"])
                ranks = {m: _rank_of(runs[m], needle) for m in runs}
                if ranks["hybrid"] is not None and ranks["hybrid"] <= 10:
                    continue
                b, s = ranks["bm25"], ranks["semantic"]
                if (b is None or b > 50) and (s is None or s > 50):
                    cause = "not found"
                elif s is not None and s <= 20 and (b is None or b > 20):
                    cause = "semantic only"
                elif b is not None and b <= 20 and (s is None or s > 20):
                    cause = "bm25 only"
                else:
                    cause = "below the cut"
                causes[cause] += 1
                missed.append({"ward": ward, "evidence": e["evidence"], "grade": e["grade"],
                               "ranks": ranks, "cause": cause})
        top = []
        for p in full["results"][:10]:
            c = classify(p | {"is_table": is_table.get(p["passage_id"], False)}, j, units, j.query)
            fillers[c] += 1
            top.append({"class": c, "ward": p["ward"], "section": p["section"], "text": p["text"][:60]})
        rows.append({"set": j.set, "id": j.qid, "kind": j.kind, "query": j.query,
                     "recall": score["evidence_recall"], "wards": len(j.relevant),
                     "missed": missed, "top10": top})
    return {"queries": rows, "causes": dict(causes), "top10_classes": dict(fillers)}


def format_text(report: dict) -> str:
    out = []
    for q in report["queries"]:
        out.append(f"\n## {q['set']} {q['id']} ({q['kind']}, {q['wards']} wards) recall {q['recall']:.2f}: {q['query']}")
        for m in q["missed"]:
            r = m["ranks"]
            fmt = lambda v: "-" if v is None else str(v)  # noqa: E731
            out.append(f"  missed [{m['cause']}] bm25 {fmt(r['bm25'])} sem {fmt(r['semantic'])} "
                       f"hyb {fmt(r['hybrid'])}  {m['ward']}: {m['evidence'][:40]}")
        out.append("  top10: " + " ".join(t["class"] for t in q["top10"]))
        for n, t in enumerate(q["top10"], 1):
            out.append(f"    {n:2d} {t['class']:<10} {t['ward'] or '-':<5} {t['section']:<8} {t['text']}")
    out.append("\nmissed evidence by cause: " + json.dumps(report["causes"], ensure_ascii=False))
    out.append("top-10 passages of those queries by class: " + json.dumps(report["top10_classes"], ensure_ascii=False))
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
    report = diagnose(service, judged, tuple(a.kinds.split(",")))
    print(json.dumps(report, ensure_ascii=False, indent=1) if a.json else format_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
