"""A short query's two encoder texts: two runs (before userfix28) against one call.

    python -m benchmarks.short_query_encoding INDEX_DIR [--rounds 10]

For each of the 20 queries of `benchmarks.run.QUERIES` the service's two texts — the
words widened by their glossary synonyms (the semantic half's ranking) and the words as
typed (the ward answer's cosines) — are encoded, interleaved, (a) one `encode_query` run
each, as before, and (b) in one `Embedder.encode_queries` call (one padded run of the fp32
export). Wall and process-CPU medians per query (the encoder's runtime threads included)
and the largest difference between the vectors. Queries the glossary does not widen have
one text and are skipped (one run either way).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.run import QUERIES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.short_query_encoding")
    parser.add_argument("index")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    from search_app.query import parse_query
    from search_app.service import SearchService, _typed_text

    service = SearchService.open(Path(args.index))
    embedder = service.embedder()
    builder = service.builder()
    pairs = []
    for q in QUERIES:
        parsed = parse_query(q, known=builder.knows)
        typed, widened = _typed_text(parsed), service._semantic_text(parsed, builder)
        if typed and widened != typed:
            pairs.append((widened, typed))
    for a, b in pairs:   # first runs
        embedder.encode_query(a), embedder.encode_query(b), embedder.encode_queries([a, b])
    load = os.getloadavg()[0]
    wall = {"two runs": [], "one call": []}
    cpu = {"two runs": [], "one call": []}
    worst = 0.0
    for _ in range(args.rounds):
        for a, b in pairs:
            w, c = time.perf_counter(), time.process_time()
            alone = np.stack([embedder.encode_query(a), embedder.encode_query(b)])
            wall["two runs"].append((time.perf_counter() - w) * 1000)
            cpu["two runs"].append((time.process_time() - c) * 1000)
            w, c = time.perf_counter(), time.process_time()
            together = embedder.encode_queries([a, b])
            wall["one call"].append((time.perf_counter() - w) * 1000)
            cpu["one call"].append((time.process_time() - c) * 1000)
            worst = max(worst, float(np.abs(alone - together).max()))
    print(f"{len(pairs)} widened queries of {len(QUERIES)}, {args.rounds} rounds, encoder {embedder.encoder} "
          f"on {embedder.runtime}, load {load:.2f} -> {os.getloadavg()[0]:.2f}")
    for name in wall:
        print(f"{name}: wall p50 {statistics.median(wall[name]):.2f} ms, process CPU p50 {statistics.median(cpu[name]):.2f} ms")
    print(f"ratio one call / two runs: wall {statistics.median(wall['one call']) / statistics.median(wall['two runs']):.2f}, "
          f"CPU {statistics.median(cpu['one call']) / statistics.median(cpu['two runs']):.2f}; "
          f"largest vector difference {worst:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
