"""What the semantic half's sentence vectors cost: bytes and query time.

    python -m benchmarks.sentence_cost INDEX_DIR [--rounds 5]
    python -m benchmarks.sentence_cost INDEX_DIR --distribution GOLD.jsonl ...

For an index built with sentence vectors (indexer.reindex.SENTENCE_VECTORS): the
sentence rows per passage, their bytes on disk and held in memory, the same
extrapolated to 100 000 passages at this index's ratio, and per query the time
of the semantic half (`retrieval_semantic.search`) and of a whole hybrid search
with the best-sentence lift off (SENTENCE_WEIGHT 0) and on, alternating round by
round, over the speed benchmark's query list (benchmarks.run.QUERIES), each query
encoded once first; the semantic half also in this thread's CPU time.
Prints one JSON object. Wall-clock on a shared machine: compare the two rows of
one run, not runs on different days.

``--distribution``: instead, for each judged query (its text alone, without the
glossary synonyms the engine adds), how passage and sentence cosines are spread over the whole
index (mean, standard deviation, their correlation with the log of the text's
length, the best of each, and the share of multi-sentence passages whose best
sentence beats the passage): median, 10th and 90th percentile over the queries.
What `retrieval_semantic.best_sentences` corrects for was read from this.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sentence_cost")
    parser.add_argument("index")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--distribution", nargs="+", metavar="GOLD", help="judged query files")
    parser.add_argument("--no-floor", action="store_true",
                        help="every passage passes the semantic floor (a synthetic index's random "
                             "vectors never reach it, so nothing would be lifted or cost anything)")
    args = parser.parse_args(argv)
    if args.distribution:
        print(json.dumps(distribution(Path(args.index), [Path(g) for g in args.distribution]), indent=1))
        return 0

    from benchmarks.run import QUERIES
    from indexer import store
    from search_app import retrieval_semantic
    from search_app.service import SearchService

    if args.no_floor:
        retrieval_semantic.FLOOR = -1.0
    service = SearchService.open(Path(args.index))
    data = service.data
    held = data.sentences
    if held is None:
        print("this index has no sentence vectors", file=sys.stderr)
        return 1
    embedder = service.embedder()
    vectors = {q: embedder.encode_query(q) for q in QUERIES}
    encode = embedder.encode_query
    embedder.encode_query = lambda text: vectors[text] if text in vectors else encode(text)
    everything = np.ones(data.n, dtype=bool)
    on = retrieval_semantic.SENTENCE_WEIGHT
    gen_path = Path(args.index) / store.current_name(Path(args.index))
    rows = held.rows
    out = {"passages": data.n, "sentence_rows": rows, "rows_per_passage": round(rows / max(1, data.n), 3),
           "passages_with_sentences": int((held.count(np.arange(data.n)) > 0).sum()),
           "disk_bytes": (gen_path / store.SENTENCES).stat().st_size,
           "resident_bytes": int(held.offsets.nbytes),
           "passage_vector_bytes": int(data.vectors.nbytes),
           "at_100k": {"sentence_rows": round(100_000 * rows / max(1, data.n)),
                       "disk_mb_float16": round(100_000 * rows / max(1, data.n) * held.dim * 2 / 2**20, 1),
                       "if_resident_float32_mb": round(100_000 * rows / max(1, data.n) * held.dim * 4 / 2**20, 1),
                       "resident_offsets_mb": round(100_001 * 8 / 2**20, 2)},
           "sentence_weight": on, "pool": retrieval_semantic.SENTENCE_POOL, "floor": retrieval_semantic.FLOOR,
           "rss_mb_open": _rss_mb()}
    timings: dict[str, dict[str, list[float]]] = {"off": {}, "on": {}}
    for r in range(args.rounds + 1):
        for label, weight in (("off", 0.0), ("on", on)) if r % 2 else (("on", on), ("off", 0.0)):
            retrieval_semantic.SENTENCE_WEIGHT = weight
            t = timings[label]
            for q in QUERIES:
                started, cpu = time.perf_counter(), time.thread_time()
                retrieval_semantic.search(data, vectors[q], everything)
                wall, cpu = (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000
                started = time.perf_counter()
                service.search(q, mode="hybrid", k=10)
                if r:   # the first round warms each query's postings and snippets
                    t.setdefault("semantic_half_ms", []).append(wall)
                    t.setdefault("semantic_half_cpu_ms", []).append(cpu)
                    t.setdefault("hybrid_ms", []).append((time.perf_counter() - started) * 1000)
    for label, t in timings.items():
        out[label] = {f"{name}_p{q}": round(float(np.percentile(v, q)), 2) for name, v in t.items() for q in (50, 95)}
    out["rss_mb_after"] = _rss_mb()
    retrieval_semantic.SENTENCE_WEIGHT = on
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def distribution(index: Path, gold: list[Path]) -> dict:
    from indexer import sentences
    from search_app import evaluation
    from search_app.service import SearchService

    service = SearchService.open(index)
    data, embedder = service.data, service.embedder()
    everything = np.arange(data.n)
    rows, owner = data.sentences.of(everything)
    sentence_len = np.log([len(s) for p in data.passages for s in sentences.split(p["text"])])
    passage_len = np.log([max(1, len(p["text"])) for p in data.passages])
    if len(sentence_len) != len(rows):
        raise SystemExit("the index's sentences were split by other rules than indexer.sentences now")
    stats: dict[str, list[float]] = {}
    for path in gold:
        for j in evaluation.load_judgements(path):
            q = embedder.encode_query(j.query)
            c, s = data.vectors @ q, rows @ q
            best = np.full(data.n, -np.inf)
            np.maximum.at(best, owner, s)
            several = np.isfinite(best)
            for name, value in (("passage_mean", c.mean()), ("passage_std", c.std()),
                                ("sentence_mean", s.mean()), ("sentence_std", s.std()),
                                ("corr_log_length_passage", np.corrcoef(passage_len, c)[0, 1]),
                                ("corr_log_length_sentence", np.corrcoef(sentence_len, s)[0, 1]),
                                ("passage_best", c.max()), ("sentence_best", s.max()),
                                ("share_best_sentence_above_passage", (best[several] > c[several]).mean())):
                stats.setdefault(name, []).append(float(value))
    return {name: {"median": round(float(np.median(v)), 4), "p10": round(float(np.percentile(v, 10)), 4),
                   "p90": round(float(np.percentile(v, 90)), 4), "queries": len(v)} for name, v in stats.items()}


if __name__ == "__main__":
    sys.exit(main())
