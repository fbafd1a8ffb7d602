#!/usr/bin/env python
"""How to run the ONNX exports on 2 cores: threads, processes, spinning, batches.

Run from the repository root::

    .venv/bin/python -m benchmarks.onnx_runners --precisions int8,fp32 --rounds 3 --json out.json
    .venv/bin/python -m benchmarks.onnx_runners --synthetic 1000 --rounds 3 --json out.json

The texts are the distinct passage texts a full reindex of ``--corpus`` (default
``corpus/``) or of a synthetic corpus embeds, tokenised once with the model's
passage prompt (as :meth:`indexer.embeddings.Embedder.encode_passages` does), so
only the runs are timed. Each runner embeds all of them, longest first, with
the model directory's export of each precision; per round the runners go in
turn, odd rounds in the reverse order, so a load change hits all alike. Wall
seconds and CPU seconds (the process's own, plus the workers' for the process
runners) are recorded with the 1-minute load average.

Runners (``--runners``):

``workers``
    what the runtime does today (:mod:`indexer.onnx_encoder`): one session of one
    intra-op thread, one Python worker thread per core, one text per run, no spinning.
``workers-spin``
    the same with ONNX Runtime's intra-op spinning allowed.
``session2``
    one session of two intra-op threads, one text per run, texts in turn.
``session2-spin``
    the same with spinning allowed (ONNX Runtime's default).
``procs``
    two processes, each a session of one intra-op thread, one text per run,
    the texts dealt alternately (longest first), no spinning; the processes are
    started and their sessions made before the clock starts.
``bucketN``
    ``workers`` running padded batches of up to N texts of similar length
    (consecutive in the longest-first order, the longest at most 10% longer than
    the shortest): fewer runs, a little padding. The int8 export picks its
    activation scale per run, so a text's vector then depends on its batch; the
    cosine to the one-text-per-run vectors is recorded.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

RUNNERS = ("workers", "workers-spin", "session2", "session2-spin", "procs", "bucket4", "bucket8")


def make_session(path: str, threads: int, spinning: bool, profile: str | None = None):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
    if profile:
        options.enable_profiling = True
        options.profile_file_prefix = profile
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def run_batch(session, batch: list[list[int]]) -> np.ndarray:
    """Mean-pooled, normalised vectors of ``batch`` (padded to its longest text)."""
    width = max(len(x) for x in batch)
    ids = np.zeros((len(batch), width), dtype=np.int64)  # pad id of XLM-R tokenizers is 1; masked anyway
    ids[:] = 1
    mask = np.zeros((len(batch), width), dtype=np.int64)
    for row, x in enumerate(batch):
        ids[row, : len(x)] = x
        mask[row, : len(x)] = 1
    hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    w = mask[..., None].astype(np.float32)
    out = (hidden * w).sum(axis=1) / np.maximum(w.sum(axis=1), 1.0)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def buckets(ids: list[list[int]], size: int, spread: float = 1.10) -> list[list[int]]:
    """Indexes of ``ids`` (longest first) in groups of at most ``size`` whose
    longest text is at most ``spread`` times the shortest."""
    order = sorted(range(len(ids)), key=lambda k: -len(ids[k]))
    groups: list[list[int]] = []
    for k in order:
        if groups and len(groups[-1]) < size and len(ids[groups[-1][0]]) <= spread * len(ids[k]):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def threaded(session, ids: list[list[int]], groups: list[list[int]], workers: int) -> np.ndarray:
    out = np.empty((len(ids), 0), dtype=np.float32)
    parts: dict[int, np.ndarray] = {}

    def one(g: int) -> None:
        parts[g] = run_batch(session, [ids[k] for k in groups[g]])

    if workers <= 1:
        for g in range(len(groups)):
            one(g)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(one, range(len(groups))))
    dim = parts[0].shape[1]
    out = np.empty((len(ids), dim), dtype=np.float32)
    for g, members in enumerate(groups):
        out[members] = parts[g]
    return out


def _proc_main(path: str, conn) -> None:
    session = make_session(path, 1, False)
    run_batch(session, [[0, 5, 2]])
    conn.send("ready")
    while True:
        job = conn.recv()
        if job is None:
            return
        cpu = time.process_time()
        vecs = np.stack([run_batch(session, [x])[0] for x in job])
        conn.send((vecs, time.process_time() - cpu))


class ProcessPair:
    """Two worker processes with a one-thread session each, made before timing."""

    def __init__(self, path: str, n: int = 2):
        ctx = mp.get_context("spawn")
        self.conns, self.procs = [], []
        for _ in range(n):
            parent, child = ctx.Pipe()
            p = ctx.Process(target=_proc_main, args=(path, child), daemon=True)
            p.start()
            self.conns.append(parent)
            self.procs.append(p)
        for c in self.conns:
            assert c.recv() == "ready"

    def run(self, ids: list[list[int]]) -> tuple[np.ndarray, float]:
        order = sorted(range(len(ids)), key=lambda k: -len(ids[k]))
        shares = [order[i :: len(self.conns)] for i in range(len(self.conns))]
        for c, share in zip(self.conns, shares):
            c.send([ids[k] for k in share])
        out, cpu = None, 0.0
        for c, share in zip(self.conns, shares):
            vecs, spent = c.recv()
            if out is None:
                out = np.empty((len(ids), vecs.shape[1]), dtype=np.float32)
            out[share] = vecs
            cpu += spent
        return out, cpu

    def close(self) -> None:
        for c in self.conns:
            c.send(None)
        for p in self.procs:
            p.join(timeout=10)


def passage_token_ids(model_dir: Path, corpus: Path, work: Path) -> list[list[int]]:
    from transformers import AutoTokenizer

    from indexer import store
    from indexer.reindex import embedding_text, reindex

    index = work / "probe"
    reindex(corpus, index, embedder=None, full=True)
    texts = sorted({embedding_text(p) for p in store.open_generation(index).passages})
    cfg = json.loads((model_dir / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    prompt = (cfg.get("prompts") or {}).get("passage", "")
    tok = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    return tok([prompt + t for t in texts], truncation=True, max_length=512)["input_ids"]


def load() -> float:
    return os.getloadavg()[0]


def compare(model_dir: Path, ids: list[list[int]], precisions: list[str], runners: list[str], rounds: int) -> dict:
    from indexer.model_files import onnx_path

    cores = os.cpu_count() or 2
    report: dict = {"texts": len(ids), "tokens_mean": round(float(np.mean([len(x) for x in ids])), 1),
                    "cores": cores, "rounds": []}
    state: dict = {}
    for prec in precisions:
        path = str(onnx_path(model_dir, prec))
        state[prec] = {"one": make_session(path, 1, False), "one-spin": make_session(path, 1, True),
                       "two": make_session(path, 2, False), "two-spin": make_session(path, 2, True)}
        if "procs" in runners:
            state[prec]["procs"] = ProcessPair(path, cores)
        for s in ("one", "one-spin", "two", "two-spin"):
            run_batch(state[prec][s], ids[:1])
    reference: dict[str, np.ndarray] = {}
    try:
        for r in range(rounds):
            row: dict = {"load_before": load()}
            plan = [(p, name) for p in precisions for name in runners]
            for prec, name in (plan if r % 2 == 0 else list(reversed(plan))):
                s = state[prec]
                singles = [[k] for k in sorted(range(len(ids)), key=lambda k: -len(ids[k]))]
                started, cpu = time.perf_counter(), time.process_time()
                extra_cpu = 0.0
                if name == "workers":
                    vecs = threaded(s["one"], ids, singles, cores)
                elif name == "workers-spin":
                    vecs = threaded(s["one-spin"], ids, singles, cores)
                elif name == "session2":
                    vecs = threaded(s["two"], ids, singles, 1)
                elif name == "session2-spin":
                    vecs = threaded(s["two-spin"], ids, singles, 1)
                elif name == "procs":
                    vecs, extra_cpu = s["procs"].run(ids)
                elif name.startswith("bucket"):
                    vecs = threaded(s["one"], ids, buckets(ids, int(name[len("bucket"):])), cores)
                else:
                    raise SystemExit(f"unknown runner {name}")
                wall = time.perf_counter() - started
                cpu = time.process_time() - cpu + extra_cpu
                entry = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "texts_per_s": round(len(ids) / wall, 2)}
                ref = reference.setdefault(prec, vecs) if name == "workers" else reference.get(prec)
                if ref is not None and name != "workers":
                    cos = (ref * vecs).sum(axis=1)
                    entry["cosine_to_workers_min"] = round(float(cos.min()), 6)
                row[f"{prec}:{name}"] = entry
                print(f"  round {r + 1} {prec}:{name} {entry} load {load():.1f}", file=sys.stderr)
            row["load_after"] = load()
            report["rounds"].append(row)
    finally:
        for prec in state.values():
            if "procs" in prec:
                prec["procs"].close()
    report["medians"] = {}
    for key in report["rounds"][0]:
        if ":" not in key:
            continue
        report["medians"][key] = {m: round(statistics.median(r[key][m] for r in report["rounds"]), 2)
                                  for m in ("wall_s", "cpu_s", "texts_per_s")}
    return report


def profile(model_dir: Path, ids: list[list[int]], precision: str, work: Path) -> dict:
    """Kernel time by operator type over ``ids``, one text per run, one intra-op thread
    (ONNX Runtime's profiler; the share is of the summed kernel times)."""
    from indexer.model_files import onnx_path

    session = make_session(str(onnx_path(model_dir, precision)), 1, False, profile=str(work / f"prof-{precision}"))
    for x in ids:
        run_batch(session, [x])
    trace = json.loads(Path(session.end_profiling()).read_text(encoding="utf-8"))
    by_op: dict[str, float] = {}
    for event in trace:
        if event.get("cat") == "Node" and str(event.get("name", "")).endswith("_kernel_time"):
            op = event.get("args", {}).get("op_name", "?")
            by_op[op] = by_op.get(op, 0.0) + event.get("dur", 0) / 1e6
    total = sum(by_op.values()) or 1.0
    return {"precision": precision, "texts": len(ids), "kernel_s": round(total, 2),
            "by_op": {op: {"s": round(s, 3), "share": round(s / total, 3)}
                      for op, s in sorted(by_op.items(), key=lambda kv: -kv[1])}}


def markdown(report: dict) -> str:
    lines = ["| export : runner | wall s per round | CPU s per round | texts/s (median) | CPU s (median) |",
             "|---|---|---|---|---|"]
    for key, med in report["medians"].items():
        walls = ", ".join(str(r[key]["wall_s"]) for r in report["rounds"])
        cpus = ", ".join(str(r[key]["cpu_s"]) for r in report["rounds"])
        cos = report["rounds"][0][key].get("cosine_to_workers_min")
        lines.append(f"| {key}{f' (cosine min {cos})' if cos is not None else ''} | {walls} | {cpus} "
                     f"| {med['texts_per_s']} | {med['cpu_s']} |")
    lines.append("")
    lines.append(f"{report['texts']} texts, mean {report['tokens_mean']} tokens; 1-minute load per round: "
                 + ", ".join(f"{r['load_before']:.1f}→{r['load_after']:.1f}" for r in report["rounds"]) + ".")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models-dir", type=Path, default=ROOT / "models")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--synthetic", type=int, metavar="PASSAGES")
    parser.add_argument("--precisions", default="int8,fp32")
    parser.add_argument("--runners", default=",".join(RUNNERS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true",
                        help="instead: kernel time by operator type of each precision (one thread)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from indexer.embeddings import resolve_model_path

    model_dir = resolve_model_path(args.models_dir)
    work = Path(tempfile.mkdtemp(prefix="kyoten-runners-"))
    try:
        corpus = args.corpus
        if args.synthetic:
            from benchmarks.synthetic import generate_corpus

            corpus = work / "corpus"
            generate_corpus(corpus, args.synthetic, seed=0)
        ids = passage_token_ids(model_dir, corpus, work)
        if args.profile:
            out = [profile(model_dir, ids, p, work) for p in args.precisions.split(",") if p]
            for prof in out:
                print(f"{prof['precision']}: {prof['kernel_s']} s kernel time over {prof['texts']} texts")
                for op, v in prof["by_op"].items():
                    print(f"  {op:32s} {v['s']:8.3f} s  {100 * v['share']:5.1f}%")
            if args.json:
                args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
            return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = compare(model_dir, ids, [p for p in args.precisions.split(",") if p],
                     [r for r in args.runners.split(",") if r], args.rounds)
    report["corpus"] = f"synthetic {args.synthetic}" if args.synthetic else str(args.corpus)
    report["markdown"] = markdown(report)
    print(report["markdown"])
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
