"""How far the query–passage cosines move between two encoders of the same model.

    python -m benchmarks.encoder_noise INDEX_DIR GOLD.jsonl [GOLD.jsonl ...] [--top 20] [--json]

Each judged query's text (only the text: no judgement is read) is encoded by the fp32
and the int8 encoder of the index's model (indexer.embeddings: the two encoders a
deployment may choose, KYOTEN_ENCODER) and compared with the same stored passage
vectors. It prints how far the cosines of the query's `top` nearest passages move,
the cosine gap of the passage pairs whose order the two encoders disagree on, and in
how many queries the nearest passage itself differs.

What it is for: the ward answer lets the passage nearest the query in meaning claim its
ward on its cosine alone (wardanswer.SEMANTIC_CLAIM, a margin below the best cosine).
Cosines closer than this noise are a tie the encoder cannot decide, so the figures here
bound any such margin from below without reading a judgement (docs/quality.md,
multiward30: the best passage differed in 31 of the 272 opened queries).

Blind judged sets are refused (benchmarks/blind_sets.py): this reads their queries.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np


def measure(passage_vectors: np.ndarray, first: np.ndarray, second: np.ndarray, top: int = 20) -> dict:
    """Compare two encodings (rows: queries) of the same query texts against the passage
    vectors: the cosine moves over each query's `top` nearest passages (by `first`), the
    gaps (by `first`) of the pairs among them the two encodings order differently, and
    the queries whose nearest passage differs."""
    a, b = first @ passage_vectors.T, second @ passage_vectors.T
    moves, flipped = [], []
    differs = 0
    for qa, qb in zip(a, b):
        near = np.argsort(-qa, kind="stable")[:top]
        moves.extend(np.abs(qa[near] - qb[near]).tolist())
        da = qa[near][:, None] - qa[near][None, :]
        db = qb[near][:, None] - qb[near][None, :]
        upper = np.triu(np.ones_like(da, dtype=bool), k=1)
        flipped.extend(np.abs(da[upper & (da * db < 0)]).tolist())
        differs += int(np.argmax(qa) != np.argmax(qb))

    def spread(values: list[float]) -> dict:
        if not values:
            return {"n": 0}
        v = np.asarray(values)
        return {"n": len(v), "median": round(float(np.median(v)), 4), "p90": round(float(np.percentile(v, 90)), 4),
                "p99": round(float(np.percentile(v, 99)), 4), "max": round(float(v.max()), 4)}

    return {"queries": len(a), "top": top, "cosine_move": spread(moves), "flipped_pair_gap": spread(flipped),
            "nearest_differs": differs}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--models", default="models", help="the models directory (kyoten build-model)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from benchmarks import blind_sets
    blind_sets.refuse(ap, args.gold)
    from indexer.embeddings import Embedder, resolve_model_path
    from search_app.evaluation import load_judgements
    from search_app.service import SearchService

    data = SearchService.open(Path(args.index)).data
    if data.vectors is None:
        ap.error(f"{args.index} has no passage vectors")
    texts = [j.query for g in args.gold for j in load_judgements(Path(g))]
    model = resolve_model_path(args.models)
    vectors = {name: np.array([e.encode_query(t) for t in texts])
               for name, e in ((n, Embedder.load(model, encoder=n)) for n in ("fp32", "int8"))}
    report = measure(data.vectors, vectors["fp32"], vectors["int8"], args.top)
    if args.json:
        json.dump(report, __import__("sys").stdout, indent=1)
        return 0
    move, gap = report["cosine_move"], report["flipped_pair_gap"]
    print(f"{report['queries']} queries, their {report['top']} nearest passages, fp32 against int8 query vectors")
    print(f"cosine moves: median {move['median']} p90 {move['p90']} p99 {move['p99']} max {move['max']}")
    if gap["n"]:
        print(f"pairs ordered differently: {gap['n']}; their fp32 gap: median {gap['median']} p90 {gap['p90']} "
              f"p99 {gap['p99']} max {gap['max']}")
    print(f"nearest passage differs in {report['nearest_differs']} of {report['queries']} queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
