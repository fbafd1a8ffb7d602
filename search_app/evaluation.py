"""Retrieval quality on judged queries, for every mode and three naive baselines.

Metrics follow shared/eval/README.md:
- evidence recall@10: grade-weighted share of judged evidence strings found in
  the text of the top 10 passages (compared with whitespace removed);
- ward-set F1 of the engine's `wards` answer against the relevant wards;
- ward-level nDCG@10 (gain = a ward's best grade, order = first appearance of
  each ward in the top 10) and ward Recall@10;
- MRR of the first passage holding any evidence.
Baselines are measured in the same run over the same passages: plain
substring matching, Whoosh's default analyzer, and character bigrams alone.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from whoosh import scoring
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import OrGroup, QueryParser

from indexer.analysis import bigram_analyzer

TOP = 10


def compact(text: str) -> str:
    return re.sub(r"[\s|]+", "", re.sub(r"<[^>]+>", "", text or ""))


@dataclass
class Judged:
    qid: str
    query: str
    kind: str
    relevant: dict[str, list[dict]]


def load_judgements(path: Path) -> list[Judged]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Judged(d["id"], d["query"], d.get("type", ""), d["relevant"]))
    return out


def score_query(j: Judged, result: dict) -> dict:
    """Metrics of one engine answer (the search JSON) against one judged query."""
    top = result["results"][:TOP]
    texts = [compact(p["text"]) for p in top]
    total = found = 0.0
    first_hit = None
    for ward, evidence in j.relevant.items():
        for e in evidence:
            needle = compact(e["evidence"])
            total += e["grade"]
            hit_ranks = [r for r, t in enumerate(texts) if needle and needle in t]
            if hit_ranks:
                found += e["grade"]
                first_hit = min(hit_ranks) if first_hit is None else min(first_hit, *hit_ranks)
    recall = found / total if total else 0.0
    relevant = set(j.relevant)
    predicted = {w["ward"] for w in result.get("wards", [])}
    tp = len(relevant & predicted)
    precision = tp / len(predicted) if predicted else (1.0 if not relevant else 0.0)
    rec = tp / len(relevant) if relevant else 1.0
    f1 = 2 * precision * rec / (precision + rec) if precision + rec else 0.0
    gains = {w: max(e["grade"] for e in ev) for w, ev in j.relevant.items()}
    order: list[str] = []
    for p in top:
        if p.get("ward") and p["ward"] not in order:
            order.append(p["ward"])
    dcg = sum(gains.get(w, 0) / math.log2(r + 2) for r, w in enumerate(order))
    ideal = sorted(gains.values(), reverse=True)
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal[:TOP]))
    ndcg = dcg / idcg if idcg else 0.0
    ward_recall = len(relevant & set(order)) / len(relevant) if relevant else 1.0
    mrr = 1.0 / (first_hit + 1) if first_hit is not None else 0.0
    return {"id": j.qid, "query": j.query, "type": j.kind, "evidence_recall": recall,
            "ward_f1": f1, "ndcg": ndcg, "ward_recall": ward_recall, "mrr": mrr,
            "wards": sorted(predicted)}


METRICS = ("evidence_recall", "ward_f1", "ndcg", "ward_recall", "mrr")


def summarise(rows: list[dict]) -> dict:
    return {m: round(sum(r[m] for r in rows) / len(rows), 4) if rows else 0.0 for m in METRICS}


class _Baseline:
    """A naive engine over the same passages, for comparison in the same run."""

    def __init__(self, name: str, passages: list[dict]):
        self.name = name
        self.passages = passages

    def _answer(self, ranked: list[int]) -> dict:
        results = [self.passages[i] for i in ranked[:TOP]]
        wards = []
        for p in results:  # naive: every ward with any top-10 hit is claimed
            if p["ward"] and p["ward"] not in [w["ward"] for w in wards]:
                wards.append({"ward": p["ward"]})
        return {"results": results, "wards": wards}


class SubstringBaseline(_Baseline):
    def search(self, query: str) -> dict:
        words = [w for w in re.split(r"\s+", query.strip()) if w]
        scored = []
        for i, p in enumerate(self.passages):
            hits = sum(p["text"].count(w) for w in words)
            if hits:
                scored.append((-hits, i))
        return self._answer([i for _s, i in sorted(scored)])


class WhooshBaseline(_Baseline):
    def __init__(self, name: str, passages: list[dict], analyzer):
        super().__init__(name, passages)
        schema = Schema(i=ID(stored=True), text=TEXT(analyzer=analyzer))
        self.ix = RamStorage().create_index(schema)
        with self.ix.writer() as w:
            for i, p in enumerate(passages):
                w.add_document(i=str(i), text=p["text"])
        self.parser = QueryParser("text", schema, group=OrGroup)

    def search(self, query: str) -> dict:
        q = self.parser.parse(re.sub(r'["()*?:^~\[\]{}]', " ", query))
        with self.ix.searcher(weighting=scoring.BM25F()) as s:
            hits = s.search(q, limit=50)
            return self._answer([int(h["i"]) for h in hits])


def baselines(passages: list[dict]) -> dict:
    return {
        "substring": SubstringBaseline("substring", passages),
        "whoosh-default": WhooshBaseline("whoosh-default", passages, StandardAnalyzer()),
        "char-bigram": WhooshBaseline("char-bigram", passages, bigram_analyzer()),
    }


def evaluate(service, judged: list[Judged], modes=("hybrid", "bm25", "semantic"),
             with_baselines: bool = True) -> dict:
    engines = {}
    for mode in modes:
        if mode == "semantic" and service.data.vectors is None:
            continue
        engines[mode] = (lambda q, m=mode: service.search(q, mode=m, k=TOP))
    if with_baselines:
        for name, b in baselines(service.data.passages).items():
            engines[name] = b.search
    report = {"queries": len(judged), "engines": {}}
    for name, run in engines.items():
        rows = [score_query(j, run(j.query)) for j in judged]
        report["engines"][name] = {"overall": summarise(rows), "per_query": rows}
    return report


def format_table(report: dict) -> str:
    lines = ["| engine | evidence recall@10 | ward-set F1 | ward nDCG@10 | ward Recall@10 | MRR |",
             "|---|---|---|---|---|---|"]
    for name, r in report["engines"].items():
        o = r["overall"]
        lines.append(f"| {name} | {o['evidence_recall']:.3f} | {o['ward_f1']:.3f} | {o['ndcg']:.3f} | "
                     f"{o['ward_recall']:.3f} | {o['mrr']:.3f} |")
    return "\n".join(lines)
