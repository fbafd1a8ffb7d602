"""Incremental reindex of an archive against its full build: one report added, one
changed, one removed, each alone and all three together, every run from a copy of
the same built index (so each does exactly that change).

    python -m benchmarks.archive_reindex --corpus DIR/corpus --index DIR/index [--no-semantic] [--json out.json]

For each change: wall seconds, CPU seconds of this process and of its worker processes
(getrusage, self + children, measured around the reindex alone), the reindex's own
step timings, and the number of passages embedded. The copies live in a temporary
folder beside the index. ``--full`` also times a full rebuild of the same index copy
for the ratio. Timings on a shared machine are noisy: read the CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from . import archive


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def add(corpus: Path) -> str:
    """A new report: the first seed relabelled to the first ward, shifted further back
    than any copy (a year the archive does not hold yet)."""
    seeds = archive.seed_documents()
    name = sorted(seeds)[0]
    c = archive.Copy("w01_added_report.txt", name, seeds[name]["ward"], archive.YOKOHAMA_WARDS[0], 25, "", None, None)
    (corpus / c.file).write_text(c.relabel(seeds[name]["text"]), encoding="utf-8")
    return c.file


def change(corpus: Path) -> str:
    """A line added to one text report (a correction staff make)."""
    path = sorted(corpus.glob("w05_*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n追記：今年度は利用者アンケートを実施した。\n",
                    encoding="utf-8")
    return path.name


def remove(corpus: Path) -> str:
    path = sorted(p for p in corpus.iterdir() if p.name.startswith("w09_"))[0]
    path.unlink()
    return path.name


CHANGES = {"add one": [add], "change one": [change], "remove one": [remove],
           "add + change + remove": [add, change, remove]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--no-semantic", action="store_true")
    ap.add_argument("--full", action="store_true", help="also time a full rebuild of a copy")
    ap.add_argument("--only", help="comma-separated change names")
    ap.add_argument("--json")
    args = ap.parse_args(argv)

    from indexer.embeddings import Embedder, resolve_model_path
    from search_app import config
    from search_app.indexing import build_index

    embedder = None
    if not args.no_semantic:
        embedder = Embedder.load(resolve_model_path(config.models_dir(), config.model_name()))
        embedder.encode_query("準備")   # the model loaded before the clock starts
    rows = {}
    names = args.only.split(",") if args.only else list(CHANGES)
    if args.full:
        names.append("full")
    for name in names:
        with tempfile.TemporaryDirectory(prefix="arch17-inc-", dir="/tmp") as tmp:
            corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
            shutil.copytree(args.corpus, corpus)
            shutil.copytree(args.index, index, symlinks=True)
            files = [f(corpus) for f in CHANGES.get(name, [])]
            cpu, wall = _cpu(), time.perf_counter()
            summary = build_index(corpus, index, full=name == "full", embedder=embedder,
                                  semantic=embedder is not None)
            rows[name] = {"files": files, "wall_s": round(time.perf_counter() - wall, 1),
                          "cpu_s": round(_cpu() - cpu, 1), "timings": summary.timings,
                          "embedded": summary.embedded, "sentences_embedded": summary.sentences_embedded,
                          "passages": summary.passages, "keyword_rebuilt": summary.keyword_rebuilt,
                          # texts Sudachi analysed / read back from the previous index, passages
                          # whose vectors were carried over (absent before arch17: None)
                          **{k: getattr(summary, k, None) for k in ("texts_analysed", "texts_reused",
                                                                     "vectors_carried")}}
            print(name, json.dumps(rows[name], ensure_ascii=False), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
