"""Keyword build with one process against several, each in a fresh interpreter.

    python -m benchmarks.parallel_build var/bench/corpus-10000-s0 --procs 2,1

Parses the corpus, then times ``indexer.fulltext.add_passages`` (Sudachi analysis
and Whoosh writing) into a new index with ``KYOTEN_INDEX_PROCS`` worker
processes; prints one JSON line per build: wall seconds, CPU seconds of the
build (this process and its worker processes, getrusage) and the 1-minute load
average before and after (the machine may be shared: CPU is the steadier figure).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one_build(corpus: Path, procs: int) -> dict:
    from indexer import fulltext
    from indexer.corpus import parse_corpus

    passages = parse_corpus(corpus).passages
    with tempfile.TemporaryDirectory() as tmp:
        before = os.getloadavg()[0]
        ix = fulltext.create(Path(tmp) / "fulltext")
        cpu0 = _cpu()
        started = time.perf_counter()
        fulltext.add_passages(ix, passages)
        seconds = time.perf_counter() - started
        cpu = _cpu() - cpu0
    return {"procs": procs, "passages": len(passages), "seconds": round(seconds, 2), "cpu": round(cpu, 2),
            "load1": [round(before, 2), round(os.getloadavg()[0], 2)]}


def _cpu() -> float:
    """CPU seconds of this process and its finished child processes."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parallel_build", description=__doc__.split("\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--procs", default="2,1", help="worker counts, in the order to run them")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        os.environ["KYOTEN_INDEX_PROCS"] = str(args.one)
        print(json.dumps(one_build(Path(args.corpus), args.one)), flush=True)
        return 0
    for procs in [int(p) for p in args.procs.split(",")]:
        subprocess.run([sys.executable, "-m", "benchmarks.parallel_build", args.corpus, "--one", str(procs)],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
