"""Old Word files (.doc) converted one LibreOffice run per file vs several per run.

Builds N distinct Word 97–2003 reports from the seed reports (each seed in the
`docx` and `docx_goal_rows` layouts, relabelled to a different ward per copy,
saved as .doc by LibreOffice through `kyoten_build.legacy_office`), then
converts them all with `indexer.load.officeconvert.convert_many` at each batch
size asked for (1 = the former one-process-per-file path), in turn, `--rounds`
times, and prints wall-clock seconds, the CPU seconds of the conversion
processes (children's user + system) and whether every batch size produced the
same .docx text as one-by-one (the loaded text of each file, not the bytes: the
zip carries a time stamp).

    python -m benchmarks.legacy_batch [--files 20] [--batch-sizes 1,5,20] [--rounds 2]
        [--bad 0] [--json out.json]
    python -m benchmarks.legacy_batch --reindex [--files 20] [--rounds 2]

`--reindex` measures the product path instead: `kyoten reindex --full
--no-semantic` of a corpus holding the N .doc files, with the batch
conversion beforehand (`indexer.load.convertbatch`, the default) and without
it (each file converted when it is parsed, as before), in turn; it prints the
parse-stage and total seconds and whether both indexes hold the same passages.

`--bad K` adds K damaged files (the first half of a report, which LibreOffice
refuses to load) spread through the batch, to measure what a bad file costs
its batch. Not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.load import LoadError, docx, officeconvert  # noqa: E402
from indexer.metadata import YOKOHAMA_WARDS  # noqa: E402

KIND = "Word 文書（.doc）"


def make_docs(n: int) -> dict[str, bytes]:
    """n distinct .doc reports made from the seed reports."""
    from benchmarks.format_variants import RENDERERS
    from kyoten_build.legacy_office import convert

    seeds = sorted((REPO / "corpus").glob("*.txt"))
    sources: dict[str, bytes] = {}
    i = 0
    while len(sources) < n:
        seed = seeds[i % len(seeds)]
        layout = ("docx", "docx_goal_rows")[(i // len(seeds)) % 2]
        ward = YOKOHAMA_WARDS[i % len(YOKOHAMA_WARDS)]
        text = seed.read_text(encoding="utf-8")
        for other in YOKOHAMA_WARDS:
            text = text.replace(other, ward)
        text = text.replace("令和", f"令和（写し{i}）", 1)
        sources[f"r{i:03d}.docx"] = RENDERERS[layout][0](text)
        i += 1
    return convert(sources, ".doc")


def text_of(result) -> str | None:
    if isinstance(result, LoadError):
        return None
    return docx.load(result, "x.docx", 64 * 1024 * 1024).text


def run(items, batch_size: int) -> tuple[float, float, list]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    results = officeconvert.convert_many(items, batch_size=batch_size)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, results


def reindex_rounds(docs: dict[str, bytes], rounds: int) -> int:
    """Full keyword reindexes of a corpus of `docs`, with and without batch conversion, in turn."""
    import contextlib
    import shutil
    import tempfile

    from indexer import reindex as reindex_module
    from indexer import store
    from indexer.load import convertbatch

    work = Path(tempfile.mkdtemp(prefix="kyoten-legacy-batch-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        for name, data in docs.items():
            (corpus / name).write_bytes(data)
        original = convertbatch.prepared
        passages: dict[str, list] = {}
        for rnd in range(rounds):
            for mode in ("one by one", "batched"):
                index = work / f"index-{mode.replace(' ', '')}-{rnd}"
                convertbatch.prepared = original if mode == "batched" else (
                    lambda *a, **k: contextlib.nullcontext())
                try:
                    t0 = time.perf_counter()
                    summary = reindex_module.reindex(corpus, index, full=True)
                    wall = time.perf_counter() - t0
                finally:
                    convertbatch.prepared = original
                generation = store.open_generation(index)
                passages.setdefault(mode, [(p["doc_id"], p["text"]) for p in generation.passages])
                print(f"round {rnd + 1} reindex {mode:>10}: {wall:6.1f} s total, parse {summary.timings['parse']:6.1f} s, "
                      f"{summary.documents} documents, {summary.passages} passages, failed {len(summary.failed)}; "
                      f"load {os.getloadavg()[0]:.2f}", flush=True)
        print(f"same passages both ways: {passages['one by one'] == passages['batched']}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--batch-sizes", default="1,5,20")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--bad", type=int, default=0, help="damaged files added among the good ones")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--reindex", action="store_true", help="time `kyoten reindex --full` with and without batches")
    args = ap.parse_args(argv)
    if officeconvert.executable() is None:
        print("LibreOffice is not installed (libreoffice-writer-nogui)", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.batch_sizes.split(",")]
    print(f"making {args.files} .doc files …", file=sys.stderr)
    docs = make_docs(args.files)
    if args.reindex:
        print(f"{len(docs)} .doc files; load {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores", flush=True)
        return reindex_rounds(docs, args.rounds)
    items = [officeconvert.Conversion(data, name, ".doc", KIND) for name, data in sorted(docs.items())]
    for k in range(args.bad):
        at = (k + 1) * len(items) // (args.bad + 1)
        cut = items[k % len(items)].data
        items.insert(at, officeconvert.Conversion(cut[:len(cut) // 2], f"bad{k}.doc", ".doc", KIND))
    print(f"{len(items)} files ({args.bad} damaged), {sum(len(i.data) for i in items) / 1024:.0f} KB; "
          f"load {os.getloadavg()[0]:.2f}; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores", flush=True)
    figures: dict[int, list[tuple[float, float]]] = {s: [] for s in sizes}
    reference: list | None = None
    same: dict[int, bool] = {}
    for rnd in range(args.rounds):
        for size in sizes:
            wall, cpu, results = run(items, size)
            figures[size].append((wall, cpu))
            texts = [text_of(r) for r in results]
            failed = [i.name for i, t in zip(items, texts) if t is None]
            if size == 1 and reference is None:
                reference = texts
            if reference is not None:
                same[size] = same.get(size, True) and texts == reference
            print(f"round {rnd + 1} batch {size:>3}: {wall:6.1f} s wall, {cpu:6.1f} s CPU, "
                  f"{wall / len(items):.2f} s/file, failed {failed}; load {os.getloadavg()[0]:.2f}", flush=True)
    print()
    summary = {}
    for size in sizes:
        walls = [w for w, _c in figures[size]]
        cpus = [c for _w, c in figures[size]]
        summary[size] = {"wall_median": round(statistics.median(walls), 2), "wall": [round(w, 2) for w in walls],
                         "cpu_median": round(statistics.median(cpus), 2), "same_text_as_one_by_one": same.get(size)}
        print(f"batch {size:>3}: wall median {statistics.median(walls):6.1f} s ({min(walls):.1f}–{max(walls):.1f}), "
              f"CPU median {statistics.median(cpus):6.1f} s, same text as one by one: {same.get(size)}")
    if args.json:
        args.json.write_text(json.dumps({"files": len(items), "bad": args.bad, "summary": summary},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
