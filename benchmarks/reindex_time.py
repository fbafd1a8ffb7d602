"""Wall and CPU time of one full keyword reindex (no embedding) of a corpus folder.

    python -m benchmarks.reindex_time var/bench/corpus-10000-s0

Prints one JSON line: passages, wall seconds, CPU seconds of this process and
its worker processes (getrusage; ``cpu_main``: this process alone), the
reindex's own step timings, the 1-minute load average before and after the
run (the machine may be shared) and the peak resident memory of this process
and of the largest worker process. Run it from
two trees in turn to compare them (A/B, each in a fresh process); the timings
are wall seconds of the reindex's steps (parse: reading and parsing the files;
analyse_write: Sudachi and bigram analysis, token spans, positions and the
Whoosh segments, in worker processes; write: the generation's records).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from indexer.reindex import reindex

    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.reindex_time", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", help="a corpus folder (e.g. benchmarks.synthetic.generate_corpus output)")
    corpus = Path(parser.parse_args(argv).corpus)
    with tempfile.TemporaryDirectory() as tmp:
        load = os.getloadavg()[0]
        started = time.perf_counter()
        summary = reindex(corpus, Path(tmp) / "index", embedder=None, full=True)
        wall = time.perf_counter() - started
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    own = me.ru_utime + me.ru_stime
    cpu = own + children.ru_utime + children.ru_stime
    print(json.dumps({"tree": os.getcwd(), "passages": summary.passages, "wall": round(wall, 1),
                      "cpu": round(cpu, 1), "cpu_main": round(own, 1), "timings": summary.timings,
                      "load1": round(load, 1), "load1_after": round(os.getloadavg()[0], 1),
                      "maxrss_mb": round(me.ru_maxrss / 1024), "maxrss_worker_mb": round(children.ru_maxrss / 1024)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
