#!/usr/bin/env python
"""Int8 forms of the embedding model against its fp32 export: fidelity and CPU time.

Builds quantised variants of ``<model>/onnx/model_fp32.onnx`` (the default
encoder's export) and measures each one on the real seed passages, through
the runtime's own encoder (:class:`indexer.onnx_encoder.OnnxSentenceEncoder`,
one text per run, the path a reindex takes):

* cosine of each passage vector to its fp32 vector (mean / min);
* ``|Δ similarity|`` (mean / p99 / max) of every judged query × seed passage
  pair (dev + eval/extra..extra4; the blind sets are never read);
* CPU seconds to embed the passages, the variants and the fp32 export run in
  turn (A/B/A/B) in this one process so that the machine's load hits all alike.

Variants (``--variants``, comma separated; :data:`VARIANTS`, or your own with
``--spec '{"name": {...}}'``). A spec says:

``kind``
    ``dynamic`` (``quantize_dynamic``: activation scale per run, as the shipped
    export), ``static`` (``quantize_static``, QDQ or ``"format": "qoperator"``,
    activation ranges calibrated on the seed passages with the ``passage: ``
    prefix, one text per run; ``"calib"``: minmax / percentile / entropy /
    distribution), or ``none`` (the fp32 rewrites alone, a check that they are exact);
``optimize``
    quantise the transformer optimizer's fused graph (Attention, SkipLayerNorm,
    BiasGelu), whose Attention op becomes QAttention;
``smooth`` / ``smooth_groups``
    SmoothQuant's exact fp32 rewrite first (see :func:`smooth`), alpha and the
    product groups it applies to;
``int8`` / ``int8_layers`` / ``fp32`` / ``fp32_nodes`` / ``fp32_layers``
    which weight products are quantised: groups ``qkv``, ``attn_out``,
    ``ffn_in``, ``ffn_out`` (of these layers), or everything but these.

Run from the repository root::

    PYTHONPATH=$PWD HF_HUB_OFFLINE=1 .venv/bin/python -m benchmarks.int8_variants \
        --variants static-minmax,opt-s5-noffnout,opt-s5-split --work /tmp/int8-variants --json out.json

Each variant's file is kept in ``--work`` so that a seed index can then be
built with it (``KYOTEN_ENCODER=int8 KYOTEN_INT8_ONNX=<file> kyoten reindex --full``)
and evaluated.
"""

from __future__ import annotations

import argparse
import json
import os
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

import numpy as np  # noqa: E402

from kyoten_build.int8_export import (  # noqa: E402
    calibration_texts, group_of, layer_of, optimize, smooth, split_outliers, weight_and_activation_products,
)

JUDGED = [ROOT.parent / "shared" / "eval" / "dev.jsonl", Path("/work/shared/eval/dev.jsonl")]
EXTRA = [ROOT / "eval" / f"extra{s}.jsonl" for s in ("", "2", "3", "4")]


def judged_queries() -> list[str]:
    dev = next((p for p in JUDGED if p.is_file()), None)
    files = ([dev] if dev else []) + [p for p in EXTRA if p.is_file()]
    return [json.loads(line)["query"] for f in files
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_passages(corpus: Path = ROOT / "corpus") -> list[str]:
    """The distinct texts a full reindex of ``corpus`` embeds (the int8 export's calibration texts)."""
    return calibration_texts(corpus)


# ---------------------------------------------------------------------------- variants

def ffn_output(names: list[str]) -> list[str]:
    return [n for n in names if "/output/dense/" in n and "/attention/" not in n]


def ffn_all(names: list[str]) -> list[str]:
    return [n for n in names if ("/output/dense/" in n and "/attention/" not in n) or "/intermediate/" in n]


class _Reader:
    """Calibration feeds: one tokenised text per run (as the encoder runs them)."""

    def __init__(self, ids: list[list[int]]):
        self._ids = ids
        self._it = iter(ids)

    def get_next(self):
        x = next(self._it, None)
        if x is None:
            return None
        a = np.asarray([x], dtype=np.int64)
        return {"input_ids": a, "attention_mask": np.ones_like(a)}

    def rewind(self):
        self._it = iter(self._ids)


def build_variant(spec: dict, fp32: Path, out: Path, calib_ids: list[list[int]], model_dir: Path) -> Path:
    """Write the variant described by ``spec`` to ``out`` (self-contained .onnx), with the
    build steps of :mod:`kyoten_build.int8_export` (``opt-s5-split`` is what it ships)."""
    import onnx
    from onnxruntime.quantization import (
        CalibrationMethod, QuantFormat, QuantType, quantize_dynamic, quantize_static,
    )

    if spec.get("optimize"):  # the transformer optimizer's fused graph (Attention, SkipLayerNorm, BiasGelu)
        optimized = out.with_name("optimized-fp32.onnx")
        if not optimized.is_file():
            optimize(fp32, optimized, model_dir)
        fp32 = optimized
    if spec.get("smooth"):
        groups = tuple(spec.get("smooth_groups", ("qkv", "attn_out", "ffn_in", "ffn_out")))
        prefix = "smoothed-opt" if spec.get("optimize") else "smoothed"
        smoothed = out.with_name(f"{prefix}-{spec['smooth']}-{'-'.join(groups)}-fp32.onnx")
        if not smoothed.is_file():
            smooth(fp32, smoothed, calib_ids, spec["smooth"], groups)
        fp32 = smoothed
    if spec.get("split"):
        split = out.with_name(out.stem + "-split-fp32.onnx")
        split_outliers(fp32, split, calib_ids, tuple(spec["split"]), spec.get("split_ratio", 4.0))
        fp32 = split
    if spec["kind"] == "none":  # the fp32 rewrite alone (a check that it is exact)
        onnx.save_model(onnx.load(str(fp32)), str(out))
        return out
    weight, act = weight_and_activation_products(fp32)
    exclude = set()
    for group in spec.get("fp32", []):
        exclude |= set({"ffn_out": ffn_output, "ffn": ffn_all}[group](weight))
    if not spec.get("act_matmuls"):
        exclude |= set(act)
    for layer in spec.get("fp32_layers", []):
        exclude |= {n for n in weight + act if layer_of(n) == layer}
    exclude |= set(spec.get("fp32_nodes", []))
    exclude |= {n for n in weight if n.startswith("outlier_")}  # the split-off fp32 channels
    if "int8" in spec:  # only these groups (of these layers) quantised
        layers = spec.get("int8_layers")
        exclude |= {n for n in weight if group_of(n) not in spec["int8"]
                    or (layers is not None and layer_of(n) not in layers)}
    if spec["kind"] == "dynamic":
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul", "Attention"], nodes_to_exclude=sorted(exclude),
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        return out
    method = {"minmax": CalibrationMethod.MinMax, "entropy": CalibrationMethod.Entropy,
              "percentile": CalibrationMethod.Percentile, "distribution": CalibrationMethod.Distribution}[spec["calib"]]
    extra = {"DefaultTensorType": onnx.TensorProto.FLOAT, **spec.get("extra", {})}
    if spec["calib"] != "minmax":
        # ONNX Runtime's histogram calibrators stack every run's tensors, so they
        # need one shape: the passages cut into windows of 64 tokens.
        calib_ids = [x[i:i + 64] for x in calib_ids for i in range(0, len(x) - 63, 64)]
    with tempfile.TemporaryDirectory(prefix="int8-calib-") as tmp:
        quantize_static(
            str(fp32), str(out), _Reader(calib_ids),
            quant_format=QuantFormat.QDQ if spec.get("format", "qdq") == "qdq" else QuantFormat.QOperator,
            op_types_to_quantize=["MatMul"], nodes_to_exclude=sorted(exclude),
            per_channel=True, activation_type=QuantType.QUInt8 if not spec.get("s8act") else QuantType.QInt8,
            weight_type=QuantType.QInt8, calibrate_method=method, extra_options=extra,
            calibration_providers=["CPUExecutionProvider"],
        )
        del tmp
    return out


VARIANTS: dict[str, dict] = {
    "dyn-ffnout": {"kind": "dynamic", "fp32": ["ffn_out"], "act_matmuls": True},  # the shipped export
    "dyn-ffn": {"kind": "dynamic", "fp32": ["ffn"], "act_matmuls": True},
    "dyn-weights": {"kind": "dynamic"},  # every weight MatMul, attention's products in fp32
    "dyn-weights-ffnout": {"kind": "dynamic", "fp32": ["ffn_out"]},
    "smooth5-fp32": {"kind": "none", "smooth": 0.5},
    "smooth5-dyn-weights": {"kind": "dynamic", "smooth": 0.5},
    "smooth5-dyn-all": {"kind": "dynamic", "smooth": 0.5, "act_matmuls": True},
    "smooth5-static-minmax": {"kind": "static", "calib": "minmax", "smooth": 0.5},
    # The transformer optimizer's fused graph (one Attention op per layer, its QKV product int8 too),
    # SmoothQuant (alpha 0.5) on the inputs of the QKV, attention-output and feed-forward-input products.
    "opt-dyn-all": {"kind": "dynamic", "optimize": True},
    "opt-s5-all": {"kind": "dynamic", "optimize": True, "smooth": 0.5, "smooth_groups": ["qkv", "attn_out", "ffn_in"]},
    "opt-s5-noffnout": {"kind": "dynamic", "optimize": True, "int8": ["qkv", "attn_out", "ffn_in"], "smooth": 0.5,
                        "smooth_groups": ["qkv", "attn_out", "ffn_in"]},
    # ... with the feed-forward output int8 except in the layers where it moves similarities most
    # (0, 4, 5; and 1, 2), measured one layer at a time ({"int8": ["ffn_out"], "int8_layers": [n]}).
    "opt-s5-ffnout9": {"kind": "dynamic", "optimize": True, "smooth": 0.5, "smooth_groups": ["qkv", "attn_out", "ffn_in"],
                       "fp32_nodes": [f"/model/encoder/layer.{n}/output/dense/MatMul" for n in (0, 4, 5)]},
    "opt-s5-ffnout7": {"kind": "dynamic", "optimize": True, "smooth": 0.5, "smooth_groups": ["qkv", "attn_out", "ffn_in"],
                       "fp32_nodes": [f"/model/encoder/layer.{n}/output/dense/MatMul" for n in (0, 1, 2, 4, 5)]},
    # ... with every feed-forward output int8 too, its outlier input channels split off in fp32
    "opt-s5-split": {"kind": "dynamic", "optimize": True, "smooth": 0.5, "smooth_groups": ["qkv", "attn_out", "ffn_in"],
                     "split": ["ffn_out"]},
    "opt-s5-split-fp32": {"kind": "none", "optimize": True, "smooth": 0.5, "smooth_groups": ["qkv", "attn_out", "ffn_in"],
                          "split": ["ffn_out"]},
    "static-minmax": {"kind": "static", "calib": "minmax"},
    "static-minmax-ffnout": {"kind": "static", "calib": "minmax", "fp32": ["ffn_out"]},
    "static-pct": {"kind": "static", "calib": "percentile"},
    "static-pct-ffnout": {"kind": "static", "calib": "percentile", "fp32": ["ffn_out"]},
    "static-entropy": {"kind": "static", "calib": "entropy"},
    "static-minmax-weights-only-ffnin-qkv": {"kind": "static", "calib": "minmax", "int8": ["qkv", "ffn_in"]},
    "static-minmax-qop": {"kind": "static", "calib": "minmax", "format": "qoperator"},
}


# ---------------------------------------------------------------------------- measuring

def _encoder(path: Path | None, model_dir: Path):
    from indexer.onnx_encoder import OnnxSentenceEncoder

    if path is None:
        os.environ.pop("KYOTEN_FP32_ONNX", None)
        return OnnxSentenceEncoder(model_dir, precision="fp32")
    os.environ["KYOTEN_INT8_ONNX"] = str(path)
    try:
        return OnnxSentenceEncoder(model_dir, precision="int8")
    finally:
        os.environ.pop("KYOTEN_INT8_ONNX", None)


def fidelity(ref_p: np.ndarray, ref_q: np.ndarray, p: np.ndarray, q: np.ndarray) -> dict:
    cos = np.sum(ref_p * p, axis=1)
    d = np.abs(q @ p.T - ref_q @ ref_p.T).ravel()
    return {"cosine_mean": round(float(cos.mean()), 5), "cosine_min": round(float(cos.min()), 5),
            "dsim_mean": round(float(d.mean()), 5), "dsim_p99": round(float(np.percentile(d, 99)), 5),
            "dsim_max": round(float(d.max()), 5)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", default="dyn-ffnout,static-minmax")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kyoten-int8-variants")
    parser.add_argument("--rounds", type=int, default=2, help="timed A/B rounds")
    parser.add_argument("--rebuild", action="store_true", help="rebuild variant files that exist")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--spec", help="JSON object of extra variants {name: spec}")
    args = parser.parse_args(argv)

    from indexer.embeddings import resolve_model_path
    from indexer.model_files import onnx_path

    model_dir = resolve_model_path(ROOT / "models")
    fp32_file = onnx_path(model_dir, "fp32")
    variants = dict(VARIANTS)
    if args.spec:
        variants.update(json.loads(args.spec))
    names = [v for v in args.variants.split(",") if v]
    args.work.mkdir(parents=True, exist_ok=True)
    passages = seed_passages()
    queries = judged_queries()
    ref = _encoder(None, model_dir)
    ids = ref.tokenizer(["passage: " + t for t in passages], truncation=True, max_length=ref.max_seq_length,
                        verbose=False)["input_ids"]
    report: dict = {"passages": len(passages), "queries": len(queries),
                    "mean_tokens": round(float(np.mean([len(x) for x in ids])), 1),
                    "load_before": os.getloadavg()[0], "variants": {}}
    files: dict[str, Path] = {}
    for name in names:
        out = args.work / f"{name}.onnx"
        if args.rebuild or not out.is_file():
            started = time.monotonic()
            print(f"building {name} ...", file=sys.stderr)
            build_variant(variants[name], fp32_file, out, ids, model_dir)
            print(f"  {time.monotonic() - started:.0f} s", file=sys.stderr)
        files[name] = out
    encoders = {"fp32": ref, **{n: _encoder(f, model_dir) for n, f in files.items()}}
    vecs: dict[str, tuple] = {}
    cpu: dict[str, list[float]] = {n: [] for n in encoders}
    wall: dict[str, list[float]] = {n: [] for n in encoders}
    for r in range(args.rounds):
        order = list(encoders) if r % 2 == 0 else list(reversed(encoders))
        for n in order:
            enc = encoders[n]
            t0, c0 = time.perf_counter(), time.process_time()
            p = enc.encode_token_ids(ids)
            cpu[n].append(round(time.process_time() - c0, 2))
            wall[n].append(round(time.perf_counter() - t0, 2))
            if n not in vecs:
                q = enc.encode(queries, prompt="query: ")
                vecs[n] = (p, q)
    rp, rq = vecs["fp32"]
    for n in encoders:
        row = {"cpu_s": cpu[n], "wall_s": wall[n], "cpu_ratio_to_fp32_onnx":
               round(statistics.median(cpu["fp32"]) / statistics.median(cpu[n]), 2),
               **fidelity(rp, rq, *vecs[n])}
        if n in files:
            row["file"] = str(files[n])
            row["spec"] = variants.get(n)
        report["variants"][n] = row
        print(f"{n:28s} {json.dumps(row, ensure_ascii=False)}")
    report["load_after"] = os.getloadavg()[0]
    print(f"load {report['load_before']:.1f} -> {report['load_after']:.1f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
