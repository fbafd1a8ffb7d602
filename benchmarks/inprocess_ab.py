"""Warm query CPU of two source trees in ONE process, query by query in turn.

    python -m benchmarks.inprocess_ab INDEX_DIR BEFORE_TREE [--mode bm25] [--rounds 6]

On a machine shared with other work, two processes measured a minute apart
see different loads (the same code gave 4.8 and 6.0 ms CPU p50 at 10k in one
`query_ab.sh` run). Here the searches of the tree before (BEFORE_TREE's
`search_app`, imported as a second package) and of this checkout alternate
query by query (the order flips every round), so both see the same load. Both
services open INDEX_DIR; the `indexer` package is this checkout's for both (use
it for changes to `search_app` only). Every answer is first checked to be
identical (JSON without `took_ms`); then it prints the CPU (`time.thread_time`)
p50 and mean of each tree over the benchmark queries and the per-query ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.run import QUERIES


def _package(name: str, folder: Path):
    spec = importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _answer(service, query: str, mode: str) -> str:
    answer = service.search(query, mode=mode, k=10)
    answer.pop("took_ms", None)
    return json.dumps(answer, sort_keys=True, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.inprocess_ab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index", type=Path)
    parser.add_argument("before", type=Path, help="the other source tree (its search_app/ is imported)")
    parser.add_argument("--mode", default="bm25")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args(argv)
    _package("before_search_app", args.before / "search_app")
    from before_search_app.service import SearchService as Before

    from search_app.service import SearchService as After
    services = {"before": Before.open(args.index), "after": After.open(args.index)}
    for service in services.values():
        preloaded = getattr(service.data, "preloaded", None)
        if preloaded is not None:
            preloaded.wait()
        for q in QUERIES:   # warm: each query once
            service.search(q, mode=args.mode, k=10)
    differ = [q for q in QUERIES if _answer(services["before"], q, args.mode) != _answer(services["after"], q, args.mode)]
    if differ:
        print(f"answers differ for {len(differ)} queries: {differ[:5]}")
        return 1
    cpu: dict[str, list[float]] = {name: [] for name in services}
    for r in range(args.rounds):
        for q in QUERIES:
            for name in ("before", "after") if r % 2 == 0 else ("after", "before"):
                started = time.thread_time()
                services[name].search(q, mode=args.mode, k=10)
                cpu[name].append((time.thread_time() - started) * 1000)
    b, a = np.array(cpu["before"]), np.array(cpu["after"])
    load = open("/proc/loadavg").read().split()[0]
    print(json.dumps({"index": str(args.index), "mode": args.mode, "searches_each": len(b), "load_1min": float(load),
                      "before_cpu_p50_ms": round(float(np.median(b)), 2), "after_cpu_p50_ms": round(float(np.median(a)), 2),
                      "before_cpu_mean_ms": round(float(b.mean()), 2), "after_cpu_mean_ms": round(float(a.mean()), 2),
                      "per_query_ratio_median": round(float(np.median(a / b)), 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
