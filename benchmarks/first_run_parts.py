"""Unprofiled thread CPU of a keyword search's parts, first run against repeat.

    python -m benchmarks.first_run_parts INDEX_DIR [--mode bm25] [--queries N]

`benchmarks.first_runs` profiles with cProfile (×1.5-2 overhead, spread unevenly
over small numpy calls); this wraps a few named functions with a thread-CPU timer
instead (nested parts are included in their callers) and prints, per part, the
median over the benchmark queries of its milliseconds in each query's first run
and in its repeat, opened and warmed as `benchmarks.run`'s query step does.
"""
from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.run import QUERIES

PARTS = [("search_app.fastbm25", "FastScorer", "top_arrays"),
         ("search_app.fastbm25", "FastScorer", "_load_term"),
         ("search_app.fastbm25", "FastScorer", "_phrase_ids"),
         ("search_app.fastbm25", "FastScorer", "matches"),
         ("search_app.generation", "Generation", "token_spans"),
         ("search_app.generation", "Generation", "matching_passages"),
         ("search_app.snippets", None, "snippet_html"),
         ("search_app.wardanswer", None, "cards"),
         ("search_app.querybuild", "QueryBuilder", "build")]


def main(argv=None) -> int:
    import importlib

    parser = argparse.ArgumentParser(prog="python -m benchmarks.first_run_parts")
    parser.add_argument("index")
    parser.add_argument("--mode", default="bm25")
    parser.add_argument("--queries", type=int, default=len(QUERIES))
    args = parser.parse_args(argv)
    spent: dict[str, float] = defaultdict(float)
    depth = {"n": 0}

    def wrap(owner, name, label):
        fn = getattr(owner, name)

        @functools.wraps(fn)
        def timed(*a, **kw):
            started = time.thread_time()
            try:
                return fn(*a, **kw)
            finally:
                spent[label] += time.thread_time() - started
        setattr(owner, name, timed)

    for module, cls, name in PARTS:
        mod = importlib.import_module(module)
        wrap(getattr(mod, cls) if cls else mod, name, f"{cls or module.rsplit('.', 1)[1]}.{name}")
    # modules that imported snippet_html / cards by name
    from search_app import passages, service, snippets, wardanswer
    for mod in (passages, service, wardanswer):
        for attr, src in (("snippet_html", snippets), ("cards", wardanswer)):
            if mod is not src and hasattr(mod, attr):
                setattr(mod, attr, getattr(src, attr))
    from search_app.service import SearchService

    svc = SearchService.open(Path(args.index))
    if args.mode != "bm25":
        svc.embedder()
    pre = getattr(svc.data, "preloaded", None)
    if pre is not None:
        pre.wait()
    rows: dict[str, list[tuple[float, float]]] = defaultdict(list)
    totals = []
    for q in QUERIES[:args.queries]:
        runs = []
        for _ in range(2):
            spent.clear()
            started = time.thread_time()
            svc.search(q, mode=args.mode, k=10)
            spent["(whole search)"] = time.thread_time() - started
            runs.append(dict(spent))
        totals.append((q, runs[0]["(whole search)"] * 1000, runs[1]["(whole search)"] * 1000))
        for label in set(runs[0]) | set(runs[1]):
            rows[label].append((runs[0].get(label, 0.0) * 1000, runs[1].get(label, 0.0) * 1000))
    print(f"{'part':36} first  repeat  first-repeat (medians, ms thread CPU; {len(totals)} queries, {args.mode})")
    for label, v in sorted(rows.items(), key=lambda kv: -statistics.median(a - b for a, b in kv[1])):
        print(f"{label:36} {statistics.median(a for a, _ in v):6.2f} {statistics.median(b for _, b in v):6.2f} "
              f"{statistics.median(a - b for a, b in v):8.2f}")
    q, f, r = totals[0]
    print(f"query 0 ({q}): first {f:.2f}, repeat {r:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
