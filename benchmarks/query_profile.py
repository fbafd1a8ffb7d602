"""Where a warm query's CPU goes, per function (issue 13, hybrid at ~100k).

    python -m benchmarks.query_profile INDEX_DIR [--mode hybrid] [--rounds 2] [--top 30]

Opens the index as the service does (query encoder loaded, background preload
waited for), runs every benchmark query once unprofiled (first runs), then
`--rounds` more rounds under cProfile with the process's CPU time as the clock
(the query encoder's runtime threads included; other processes' load is not),
and prints the functions by cumulative milliseconds per query. The profiler's
own overhead inflates Python-level work (about ×1.5–2); compare shares.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from benchmarks.run import QUERIES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.query_profile")
    parser.add_argument("index")
    parser.add_argument("--mode", default="hybrid")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    from search_app.service import SearchService

    service = SearchService.open(Path(args.index))
    service.embedder()
    preloaded = getattr(service.data, "preloaded", None)
    if preloaded is not None:
        preloaded.wait()
    for q in QUERIES:
        service.search(q, mode=args.mode, k=10)
    prof = cProfile.Profile(time.process_time)
    n = 0
    prof.enable()
    for _ in range(args.rounds):
        for q in QUERIES:
            service.search(q, mode=args.mode, k=10)
            n += 1
    prof.disable()
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items():
        rows.append((ct * 1000 / n, tt * 1000 / n, f"{Path(file).name}:{line}({name})"))
    rows.sort(reverse=True)
    print(f"{n} {args.mode} searches, ms per search (process CPU, profiled): cumulative, own, function")
    for ct, tt, where in rows[:args.top]:
        print(f"{ct:8.2f} {tt:8.2f}  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
