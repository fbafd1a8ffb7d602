"""The int8 export of the embedding model: SmoothQuant, outlier split, dynamic int8.

:func:`build_int8` turns the fp32 export (``model_fp32.onnx``, see
:mod:`kyoten_build.onnx_export`) into the int8 form ``KYOTEN_ENCODER=int8``
runs. It was chosen by measurement (docs/benchmarks.md, "Int8 encoder, fourth
round", form ``opt-s5-split``): of the forms measured there, the one whose
seed-index evaluation figures stayed those of fp32 on the dev set while every
weight product runs as an int8 GEMM (on the ranking of that time; with the
sentence vectors added since, it moves semantic-mode dev recall by 0.05, so it
is not the default: "int8default" there). Four steps, each written to a file
in ``work``:

1. :func:`optimize`: ONNX Runtime's transformer optimizer fuses each layer's
   attention (one ``Attention`` op with the QKV product inside), the
   residual + LayerNorm pairs and bias + GELU, so that quantising keeps the
   fused attention (``QAttention``) instead of breaking ONNX Runtime's own fp32
   fusions (a graph quantised unfused is no faster than fp32);
2. :func:`smooth`: SmoothQuant (alpha 0.5), an exact fp32 rewrite, on the
   inputs of the QKV, attention-output and feed-forward-input products (each a
   LayerNorm output with a few outlier channels): each input channel c is
   divided by ``s_c = max|x_c|^alpha / max|W_c|^(1-alpha)`` (a ``Mul`` before
   the product) and the weight's row c multiplied by it, moving activation
   outliers, which one per-run activation scale represents worst, into the
   per-channel weight scales;
3. :func:`split_outliers`: LLM.int8()'s decomposition of the feed-forward
   output product, exact in fp32: the input channels whose calibration maximum
   exceeds 4x the 99th percentile of the channel maxima (one channel in each of
   layers 0, 1, 4 and 5 of multilingual-e5-small) go through a narrow fp32
   product, the rest through the int8 one;
4. ``quantize_dynamic``: every weight product (and the fused attention's QKV)
   int8, weights per output channel, activations scaled per run; the
   split-off fp32 products and the attention's activation x activation
   products stay fp32.

**Calibration data:** steps 2 and 3 need per-channel activation maxima. They
are taken over a fixed set of texts, :data:`CALIBRATION_FILE`: the 163 distinct
passage texts of the seed reports of ``corpus/`` as a reindex parsed them when
this form was measured (exporter 6; the directory's passage prompt prepended,
one text per run as the encoder runs them). The set is frozen so that a parser
change touching a seed passage neither changes the export nor invalidates the
int8 vectors' cache; :func:`calibration_texts` with a corpus folder parses that
folder instead (tests, benchmarks, a deliberate re-calibration). Nothing is
downloaded; the steps are deterministic for the same weights, calibration
texts and library versions, and the manifest records a digest of the texts
(:func:`calibration_digest`), which becomes part of the int8 vectors' cache
key.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import tempfile
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

#: The seed reports whose passages calibrate the int8 export (the repository's corpus/).
CALIBRATION_CORPUS = Path(__file__).resolve().parents[1] / "corpus"
#: The frozen calibration texts (one JSON string per line), written from CALIBRATION_CORPUS
#: by ``write_calibration_file``.
CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "int8_calibration.jsonl"
SMOOTH_ALPHA = 0.5
SMOOTH_GROUPS = ("qkv", "attn_out", "ffn_in")
SPLIT_GROUPS = ("ffn_out",)
SPLIT_RATIO = 4.0
#: What the manifest says about the int8 file.
DESCRIPTION = (f"optimizer-fused graph; SmoothQuant alpha {SMOOTH_ALPHA} on {', '.join(SMOOTH_GROUPS)}; "
               f"{', '.join(SPLIT_GROUPS)} outlier input channels (> {SPLIT_RATIO:g}x p99 of channel maxima) "
               "split off in fp32; every weight product dynamic int8, per-channel weights")


class CalibrationError(RuntimeError):
    """The calibration passages could not be read."""


# ---------------------------------------------------------------------------- calibration data

def calibration_texts(corpus_dir: Path | None = None) -> list[str]:
    """The calibration texts: the frozen set (:data:`CALIBRATION_FILE`), or, given a folder, the
    distinct texts a full reindex of ``corpus_dir`` embeds as passages, sorted."""
    if corpus_dir is None:
        try:
            lines = CALIBRATION_FILE.read_text(encoding="utf-8").splitlines()
            return [json.loads(line) for line in lines if line.strip()]
        except (OSError, ValueError) as exc:
            raise CalibrationError(f"the calibration texts {CALIBRATION_FILE} could not be read: {exc}") from exc
    from indexer.corpus import parse_corpus
    from indexer.reindex import embedding_text

    corpus_dir = Path(corpus_dir)
    texts = sorted({embedding_text(p.to_dict()) for p in parse_corpus(corpus_dir).passages} - {""})
    if not texts:
        raise CalibrationError(f"no calibration passages in {corpus_dir} (the seed reports of corpus/)")
    return texts


def write_calibration_file(corpus_dir: Path = CALIBRATION_CORPUS, path: Path = CALIBRATION_FILE) -> int:
    """Freeze the passages of ``corpus_dir`` as the calibration set (a deliberate re-calibration:
    bump the exporter version with it); returns how many texts were written."""
    texts = calibration_texts(corpus_dir)
    path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    return len(texts)


def calibration_digest(texts: list[str]) -> str:
    return hashlib.sha256("\n\x00".join(texts).encode("utf-8")).hexdigest()[:16]


def calibration_token_ids(model_dir: Path, texts: list[str]) -> list[list[int]]:
    """Token ids of the directory's passage prompt + each text, truncated to the model's window."""
    from transformers import AutoTokenizer

    model_dir = Path(model_dir)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    prompts = _read_json(model_dir / "config_sentence_transformers.json").get("prompts") or {}
    prompt = prompts.get("passage") or prompts.get("document") or ""
    limit = _read_json(model_dir / "sentence_bert_config.json").get("max_seq_length") or 512
    positions = _read_json(model_dir / "config.json").get("max_position_embeddings")
    if isinstance(positions, int) and positions > 0:
        limit = min(limit, positions)
    return tokenizer([prompt + t for t in texts], truncation=True, max_length=int(limit),
                     verbose=False)["input_ids"]


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# ---------------------------------------------------------------------------- the graph's products

def group_of(name: str) -> str:
    """The product group of a weight MatMul (or of the optimizer's fused Attention: its QKV):
    ``qkv``, ``attn_out``, ``ffn_in`` or ``ffn_out``."""
    if "/attention/self/" in name or name.startswith("Attention_"):
        return "qkv"
    if "/attention/output/" in name:
        return "attn_out"
    return "ffn_in" if "/intermediate/" in name else "ffn_out"


def layer_of(name: str) -> int | None:
    m = re.search(r"/layer\.(\d+)/", name) or re.fullmatch(r"Attention_(\d+)", name)
    return int(m.group(1)) if m else None


def weight_and_activation_products(model_path: Path) -> tuple[list[str], list[str]]:
    """(weight MatMuls and fused Attentions, activation x activation MatMuls) of a graph."""
    import onnx

    model = onnx.load(str(model_path), load_external_data=False)
    inits = {i.name for i in model.graph.initializer}
    weight, act = [], []
    for n in model.graph.node:
        if n.op_type == "Attention":  # the transformer optimizer's fused attention (QKV weights inside)
            weight.append(n.name)
        elif n.op_type == "MatMul":
            (weight if any(i in inits for i in n.input) else act).append(n.name)
    return weight, act


def _save(model, dst: Path) -> Path:
    import onnx

    onnx.save_model(model, str(dst), save_as_external_data=True, all_tensors_to_one_file=True,
                    location=dst.name + ".data", size_threshold=1024)
    return dst


def activation_channel_max(model, tensors: list[str], calib_ids: list[list[int]]) -> dict[str, np.ndarray]:
    """Per-channel max |x| of ``tensors`` (last axis) over the calibration texts, one text per run."""
    import onnx
    import onnxruntime as ort

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    del probe.graph.output[:]
    for name in tensors:
        probe.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    with tempfile.TemporaryDirectory(prefix="kyoten-int8-calib-") as tmp:
        path = _save(probe, Path(tmp) / "probe.onnx")
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        out: dict[str, np.ndarray | None] = {name: None for name in tensors}
        for x in calib_ids:
            a = np.asarray([x], dtype=np.int64)
            for name, value in zip(tensors, session.run(tensors, {"input_ids": a, "attention_mask": np.ones_like(a)})):
                m = np.abs(value).reshape(-1, value.shape[-1]).max(axis=0)
                out[name] = m if out[name] is None else np.maximum(out[name], m)
        del session
    return out


# ---------------------------------------------------------------------------- the steps

def optimize(src: Path, dst: Path, model_dir: Path) -> Path:
    """ONNX Runtime's transformer optimizer (BERT fusions: Attention, SkipLayerNorm, BiasGelu) of ``src``."""
    from onnxruntime.transformers.optimizer import optimize_model

    config = _read_json(Path(model_dir) / "config.json")
    optimize_model(str(src), model_type="bert", num_heads=int(config.get("num_attention_heads") or 0),
                   hidden_size=int(config.get("hidden_size") or 0), opt_level=0
                   ).save_model_to_file(str(dst), use_external_data_format=True)
    return dst


def smooth(src: Path, dst: Path, calib_ids: list[list[int]], alpha: float = SMOOTH_ALPHA,
           groups: tuple[str, ...] = SMOOTH_GROUPS) -> Path:
    """SmoothQuant's exact fp32 rewrite: each weight product's input channel c is
    divided by s_c (a ``Mul`` before the product, shared by the products of the same
    input) and the weight's row c multiplied by it, with
    s = max|x_c|^alpha / max|W_c|^(1-alpha): the activation outliers that per-tensor
    int8 represents worst move into the weights, quantised per output channel."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(src))
    inits = {i.name: i for i in model.graph.initializer}
    by_input: dict[str, list] = {}
    for n in model.graph.node:
        if n.op_type in ("MatMul", "Attention") and n.input[1] in inits and layer_of(n.name) is not None:
            if group_of(n.name) in groups:
                by_input.setdefault(n.input[0], []).append(n)
    stats = activation_channel_max(model, list(by_input), calib_ids)
    new_nodes = []
    for x, nodes in by_input.items():
        weights = [numpy_helper.to_array(inits[n.input[1]]) for n in nodes]
        w_max = np.max([np.abs(w).max(axis=1) for w in weights], axis=0)
        s = np.power(np.maximum(stats[x], 1e-5), alpha) / np.power(np.maximum(w_max, 1e-5), 1 - alpha)
        s = np.clip(s, 1e-3, 1e3).astype(np.float32)
        for n, w in zip(nodes, weights):
            inits[n.input[1]].CopyFrom(numpy_helper.from_array((w * s[:, None]).astype(np.float32), n.input[1]))
        scale_name, out_name = x + "_smooth_scale", x + "_smoothed"
        model.graph.initializer.append(numpy_helper.from_array((1.0 / s).astype(np.float32), scale_name))
        new_nodes.append((nodes[0], onnx.helper.make_node("Mul", [x, scale_name], [out_name], name=x + "_smooth")))
        for n in nodes:
            n.input[0] = out_name
    # each Mul goes right before the first product it feeds (the node list stays topological)
    order = list(model.graph.node)
    for first, mul in new_nodes:
        order.insert(order.index(first), mul)
    del model.graph.node[:]
    model.graph.node.extend(order)
    logger.info("SmoothQuant (alpha %s) on %d product inputs", alpha, len(by_input))
    return _save(model, dst)


def split_outliers(src: Path, dst: Path, calib_ids: list[list[int]], groups: tuple[str, ...] = SPLIT_GROUPS,
                   ratio: float = SPLIT_RATIO) -> Path:
    """LLM.int8()'s decomposition, exact in fp32: the input channels of a product whose
    calibration max exceeds ``ratio`` x the 99th percentile of the channel maxima go
    through a narrow fp32 product (``outlier_*``), the rest (those channels zeroed by a
    ``Mul``) through the one that is quantised, so the per-run activation scale no
    longer has to cover them."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(src))
    inits = {i.name: i for i in model.graph.initializer}
    targets = [n for n in model.graph.node if n.op_type == "MatMul" and n.input[1] in inits
               and layer_of(n.name) is not None and group_of(n.name) in groups]
    stats = activation_channel_max(model, sorted({n.input[0] for n in targets}), calib_ids)
    order = list(model.graph.node)
    for n in targets:
        ch = stats[n.input[0]]
        picked = np.flatnonzero(ch > ratio * np.percentile(ch, 99))
        if not len(picked):
            continue
        tag = f"outlier_{layer_of(n.name)}_{group_of(n.name)}"
        w = numpy_helper.to_array(inits[n.input[1]])
        mask = np.ones(w.shape[0], dtype=np.float32)
        mask[picked] = 0.0
        kept = w.copy()
        kept[picked] = 0.0
        inits[n.input[1]].CopyFrom(numpy_helper.from_array(kept.astype(np.float32), n.input[1]))
        model.graph.initializer.extend([
            numpy_helper.from_array(mask, tag + "_mask"),
            numpy_helper.from_array(picked.astype(np.int64), tag + "_index"),
            numpy_helper.from_array(w[picked].astype(np.float32), tag + "_weight")])
        x, y = n.input[0], n.output[0]
        before = [onnx.helper.make_node("Mul", [x, tag + "_mask"], [tag + "_rest"], name=tag + "_Mul"),
                  onnx.helper.make_node("Gather", [x, tag + "_index"], [tag + "_x"], name=tag + "_Gather", axis=-1),
                  onnx.helper.make_node("MatMul", [tag + "_x", tag + "_weight"], [tag + "_y"], name=tag + "_MatMul")]
        n.input[0] = tag + "_rest"
        n.output[0] = tag + "_int8_y"
        after = onnx.helper.make_node("Add", [tag + "_int8_y", tag + "_y"], [y], name=tag + "_Add")
        i = order.index(n)
        order[i:i + 1] = before + [n, after]
        logger.info("%s: %d outlier channel(s) %s, max %s, split off in fp32", n.name, len(picked),
                    picked[:5].tolist(), np.round(ch[picked[:5]], 1).tolist())
    del model.graph.node[:]
    model.graph.node.extend(order)
    return _save(model, dst)


def quantize_weights(src: Path, dst: Path, exclude: set[str] = frozenset()) -> Path:
    """Dynamic int8 (per-channel weights, per-run activation scale) of every weight
    product of ``src`` but ``exclude`` and the split-off ``outlier_*`` products; the
    activation x activation MatMuls stay fp32. ``dst`` is self-contained."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    weight, act = weight_and_activation_products(src)
    exclude = set(exclude) | set(act) | {n for n in weight if n.startswith("outlier_")}
    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Attention"], nodes_to_exclude=sorted(exclude),
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    return dst


def build_int8(fp32: Path, out: Path, model_dir: Path, work: Path, calib_ids: list[list[int]]) -> Path:
    """Write the int8 export of ``fp32`` (the fp32 export of ``model_dir``) to ``out``
    (self-contained .onnx), intermediate files in ``work``; ``calib_ids`` are the
    calibration texts' token ids (:func:`calibration_token_ids`)."""
    work = Path(work)
    logger.info("int8: fusing the graph (transformer optimizer)")
    graph = optimize(fp32, work / "int8-optimized.onnx", model_dir)
    logger.info("int8: SmoothQuant on %d calibration passages", len(calib_ids))
    graph = smooth(graph, work / "int8-smoothed.onnx", calib_ids)
    logger.info("int8: splitting off outlier channels")
    graph = split_outliers(graph, work / "int8-split.onnx", calib_ids)
    logger.info("int8: quantising (dynamic, per-channel weights)")
    return quantize_weights(graph, out)
