"""CPU seconds of each phase of one full reindex, for A/B runs on a shared machine.

    PYTHONPATH=<tree> python benchmarks/build_phases.py CORPUS [--vectors none|random] [--keep DIR]

Run the same file against several trees (``PYTHONPATH`` picks the ``indexer``
package measured; this script only wraps the reindex's own functions, so it
works with any tree that has ``reindex._scan``, ``fulltext.add_passages``,
``reindex._vectors_for`` and ``store.write_generation``). Each run in a fresh
process; prints one JSON line.

Phases (wall seconds, and CPU seconds of this process + of its worker processes,
which ``getrusage(RUSAGE_CHILDREN)`` counts once they are joined - both pools are
joined or terminated before their phase returns):

* ``parse``: ``_scan`` - hashing, loading and parsing every file (parse pool);
* ``records``: what the reindex does between the phases (passage records as
  dicts, sorting, ``Passage`` objects for the keyword build);
* ``keyword``: ``fulltext.add_passages`` - analysis, postings, spans and
  positions, the Whoosh segments (index pool);
* ``embed``: ``_vectors_for`` (nothing with ``--vectors none``; with ``random``,
  the sentence split and deterministic random vectors, as ``benchmarks.run
  --vectors random`` builds);
* ``write``: ``store.write_generation`` (records JSON, vectors) and publishing.

Also the 1-minute load average before and after (the machine may be shared:
CPU seconds inflate less than wall time under load, but they do inflate).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


class _Phases:
    def __init__(self):
        self.rows: dict[str, dict] = {}

    def wrap(self, owner, name: str, phase: str) -> None:
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            wall0, (own0, kids0) = time.perf_counter(), _cpu()
            try:
                return inner(*args, **kwargs)
            finally:
                own1, kids1 = _cpu()
                row = self.rows.setdefault(phase, {"wall": 0.0, "cpu_main": 0.0, "cpu_workers": 0.0})
                row["wall"] += time.perf_counter() - wall0
                row["cpu_main"] += own1 - own0
                row["cpu_workers"] += kids1 - kids0

        setattr(owner, name, timed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/build_phases.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--vectors", choices=("none", "random"), default="none")
    parser.add_argument("--keep", help="build the index here (replaced) and keep it")
    parser.add_argument("--label", default="", help="a name for this run in the JSON line")
    args = parser.parse_args(argv)

    from indexer import fulltext, reindex as rx, store

    phases = _Phases()
    phases.wrap(rx, "_scan", "parse")
    phases.wrap(fulltext, "add_passages", "keyword")
    phases.wrap(rx, "_vectors_for", "embed")
    phases.wrap(store, "write_generation", "write")
    phases.wrap(store, "publish", "write")
    embedder = None
    if args.vectors == "random":
        from benchmarks.run import RandomEmbedder
        embedder = RandomEmbedder()

    load0 = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(args.keep) if args.keep else Path(tmp) / "index"
        if args.keep:
            shutil.rmtree(index, ignore_errors=True)
        wall0, (own0, kids0) = time.perf_counter(), _cpu()
        summary = rx.reindex(Path(args.corpus), index, embedder=embedder, full=True)
        wall = time.perf_counter() - wall0
        own1, kids1 = _cpu()
    total = {"wall": wall, "cpu_main": own1 - own0, "cpu_workers": kids1 - kids0}
    rows = dict(phases.rows)
    rows["records"] = {k: total[k] - sum(r[k] for r in phases.rows.values()) for k in total}
    rows["total"] = total
    out = {k: {m: round(v, 2) for m, v in r.items()} | {"cpu": round(r["cpu_main"] + r["cpu_workers"], 2)}
           for k, r in rows.items()}
    print(json.dumps({"label": args.label, "tree": os.environ.get("PYTHONPATH", ""),
                      "passages": summary.passages, "vectors": args.vectors, "phases": out,
                      "timings": summary.timings, "load1": round(load0, 2),
                      "load1_after": round(os.getloadavg()[0], 2),
                      "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "maxrss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
                      "started": time.strftime("%H:%M:%S", time.gmtime(time.time() - wall))},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
