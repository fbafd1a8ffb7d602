"""Hybrid query latency with the query encoder on one intra-op thread against the
default (one per core), in ONE process, query by query in turn (issue 13, hybrid p95
on a shared machine).

    python -m benchmarks.query_encoder_threads INDEX_DIR [--rounds 3]

Measurement only: it sets the loaded ONNX encoder's thread count (`_cores`, a
private attribute of `indexer.onnx_encoder.OnnxSentenceEncoder`) between searches;
nothing in the product changes. Both settings' hybrid searches alternate (the order
flips every round), so both see the same load. Prints wall p50 / p95, thread and
process CPU p50 for each, and the 1-minute load before and after. Query vectors do
not depend on the thread count beyond float rounding of the sums; the answers are
compared and the number that differ is printed.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

from benchmarks.run import QUERIES


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.query_encoder_threads")
    parser.add_argument("index")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    from search_app.service import SearchService

    svc = SearchService.open(Path(args.index))
    emb = svc.embedder()
    model = emb._model
    default = model._cores
    pre = getattr(svc.data, "preloaded", None)
    if pre is not None:
        pre.wait()
    before = os.getloadavg()[0]
    settings = [default, 1]
    for threads in settings:      # one untimed pass each: sessions made, caches filled
        model._cores = threads
        for q in QUERIES:
            svc.search(q, mode="hybrid", k=10)
    times = {t: [] for t in settings}
    cpu = {t: [] for t in settings}
    pcpu = {t: [] for t in settings}
    answers: dict = {t: {} for t in settings}
    for r in range(args.rounds):
        for q in QUERIES:
            for threads in (settings if r % 2 == 0 else settings[::-1]):
                model._cores = threads
                t0, c0, p0 = time.perf_counter(), time.thread_time(), time.process_time()
                out = svc.search(q, mode="hybrid", k=10)
                times[threads].append((time.perf_counter() - t0) * 1000)
                cpu[threads].append((time.thread_time() - c0) * 1000)
                pcpu[threads].append((time.process_time() - p0) * 1000)
                out.pop("took_ms", None)
                answers[threads][q] = json.dumps(out, ensure_ascii=False, sort_keys=True, default=str)
    model._cores = default
    differ = sum(answers[default][q] != answers[1][q] for q in QUERIES)
    for t in settings:
        print(f"encoder threads {t}: hybrid wall p50 {np.percentile(times[t], 50):.1f} / p95 "
              f"{np.percentile(times[t], 95):.1f} ms, thread CPU p50 {np.percentile(cpu[t], 50):.1f}, "
              f"process CPU p50 {np.percentile(pcpu[t], 50):.1f} / p95 {np.percentile(pcpu[t], 95):.1f} ms "
              f"({len(times[t])} searches)")
    print(f"answers that differ between the two: {differ} of {len(QUERIES)}; load {before:.2f} -> {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
