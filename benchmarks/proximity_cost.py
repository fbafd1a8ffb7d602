"""CPU cost of the keyword half's proximity (`fusion.proximity`) per hybrid search.

    python -m benchmarks.proximity_cost INDEX_DIR GOLD.jsonl ... [--rounds 4]

The judged queries' texts (only the texts) are searched in hybrid mode in one process,
PROXIMITY off and on alternating query by query (the order flips every round), so both
see the same load on a shared machine. Prints the CPU (`time.thread_time`) of the whole
search with each setting and of `fusion.proximity` itself when on. Never give it a blind set.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks import blind_sets
from search_app import fusion
from search_app.evaluation import load_judgements
from search_app.service import SearchService


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--rounds", type=int, default=4)
    a = ap.parse_args(argv)
    blind_sets.refuse(ap, a.gold)
    queries = [j.query for g in a.gold for j in load_judgements(Path(g))]
    service = SearchService.open(Path(a.index))
    on = fusion.PROXIMITY or 0.5
    for q in queries:   # warm: encoder, postings, token-span tables
        service.search(q, mode="hybrid", k=10)
    original, spent = fusion.proximity, []

    def timed(*args, **kwargs):
        started = time.thread_time()
        out = original(*args, **kwargs)
        if fusion.PROXIMITY > 0:
            spent.append(time.thread_time() - started)
        return out

    fusion.proximity = timed
    took: dict[float, list[float]] = {0.0: [], on: []}
    try:
        for r in range(a.rounds):
            for q in queries:
                for value in ((0.0, on) if r % 2 == 0 else (on, 0.0)):
                    fusion.PROXIMITY = value
                    started = time.thread_time()
                    service.search(q, mode="hybrid", k=10)
                    took[value].append(time.thread_time() - started)
    finally:
        fusion.proximity, fusion.PROXIMITY = original, on
    for value, xs in took.items():
        ms = np.array(xs) * 1000
        print(f"PROXIMITY {value}: hybrid search CPU p50 {np.percentile(ms, 50):.1f} ms, "
              f"p95 {np.percentile(ms, 95):.1f} ms, mean {ms.mean():.1f} ms ({len(ms)} searches)")
    ms = np.array(spent) * 1000
    print(f"fusion.proximity when on: p50 {np.percentile(ms, 50):.2f} ms, p95 {np.percentile(ms, 95):.2f} ms, "
          f"max {ms.max():.2f} ms ({len(ms)} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
