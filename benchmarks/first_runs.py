"""Where a query's first run spends what its repeat does not (issue 13, cold queries).

    python -m benchmarks.first_runs INDEX_DIR [--queries N | --query I] [--mode bm25] [--top 40] [--plain]

Opens the index as the service does, waits for the background preload (as
`benchmarks.run`'s query step does before its cold query), then runs each
benchmark query twice under cProfile with this thread's CPU time as the clock
(other processes' load does not inflate it; cProfile's own overhead does, about
×1.5-2) and prints, per function, the cumulative milliseconds of the first run
minus those of the repeat, averaged over the queries. `--query 0` is the
harness's cold query (the first query after opening). `--plain`: no profiler,
each query's first-run and repeat CPU milliseconds (thread time) and their
medians, i.e. what the profile's ×1.5-2 hides.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.run import QUERIES


def profile(index: Path, queries: list[str], mode: str = "bm25") -> tuple[dict, dict, float, float]:
    from search_app.service import SearchService

    service = SearchService.open(index)
    if mode != "bm25":
        service.embedder()
    preloaded = getattr(service.data, "preloaded", None)
    if preloaded is not None:
        preloaded.wait()
    first: dict = defaultdict(float)
    again: dict = defaultdict(float)
    cpu = {"first": 0.0, "again": 0.0}
    for q in queries:
        for name, acc in (("first", first), ("again", again)):
            prof = cProfile.Profile(time.thread_time)
            started = time.thread_time()
            prof.enable()
            service.search(q, mode=mode, k=10)
            prof.disable()
            cpu[name] += time.thread_time() - started
            for (path, line, func), (_cc, _nc, _tt, cum, _callers) in pstats.Stats(prof).stats.items():
                acc[(Path(path).name, line, func)] += cum
    return first, again, cpu["first"], cpu["again"]


def plain(index: Path, queries: list[str], mode: str = "bm25") -> list[tuple[str, float, float]]:
    """[(query, first-run CPU ms, repeat CPU ms)], unprofiled, in one process opened
    as `profile` opens it."""
    from search_app.service import SearchService

    service = SearchService.open(index)
    if mode != "bm25":
        service.embedder()
    preloaded = getattr(service.data, "preloaded", None)
    if preloaded is not None:
        preloaded.wait()
    out = []
    for q in queries:
        runs = []
        for _ in range(2):
            started = time.thread_time()
            service.search(q, mode=mode, k=10)
            runs.append(1000 * (time.thread_time() - started))
        out.append((q, *runs))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.first_runs", description=__doc__.split("\n")[0])
    parser.add_argument("index")
    parser.add_argument("--queries", type=int, default=len(QUERIES), help="the first N benchmark queries")
    parser.add_argument("--query", type=int, help="only benchmark query I (0: the harness's cold query)")
    parser.add_argument("--mode", default="bm25")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--plain", action="store_true", help="unprofiled first-run and repeat CPU per query")
    args = parser.parse_args(argv)
    queries = [QUERIES[args.query]] if args.query is not None else QUERIES[:args.queries]
    if args.plain:
        rows = plain(Path(args.index), queries, args.mode)
        for q, first, again in rows:
            print(f"{first:8.2f} {again:8.2f}  {q}")
        print(f"median first run {statistics.median(r[1] for r in rows):.2f} ms CPU, repeat "
              f"{statistics.median(r[2] for r in rows):.2f} ms ({len(rows)} queries, {args.mode})")
        return 0
    first, again, cpu_first, cpu_again = profile(Path(args.index), queries, args.mode)
    n = len(queries)
    print(f"{n} queries, {args.mode}: first run {1000 * cpu_first / n:.1f} ms CPU, repeat "
          f"{1000 * cpu_again / n:.1f} ms (profiled)")
    print("first-repeat  first  repeat  (ms per query, cumulative)  function")
    rows = sorted(((first[k] - again.get(k, 0.0), first[k], again.get(k, 0.0), k) for k in first), reverse=True)
    for diff, f, a, (name, line, func) in rows[:args.top]:
        print(f"{1000 * diff / n:12.2f} {1000 * f / n:6.2f} {1000 * a / n:7.2f}  {name}:{line} {func}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
