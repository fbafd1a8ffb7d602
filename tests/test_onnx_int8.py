"""The int8 export (kyoten_build.int8_export, ``KYOTEN_ENCODER=int8``), on the real model."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from indexer.embeddings import Embedder, encoder_for_key
from indexer.model_files import ONNX_DIR, ONNX_MANIFEST, onnx_path
from kyoten_build import int8_export, onnx_export
from kyoten_build.embedding_model import build_default_model

ROOT = Path(__file__).resolve().parents[1]
MODELS_DIR = ROOT / "models"
CORPUS_DIR = ROOT / "corpus"
JUDGED = [ROOT / "eval" / f"extra{s}.jsonl" for s in ("", "2", "3", "4")]


def _cpu_has_int8_dot_products() -> bool:
    """AVX-512 VNNI or AVX-VNNI: ONNX Runtime's u8×s8 products run exactly there.
    On AVX2 alone they pair products into saturating 16-bit sums, so int8 vectors
    sit a little further from fp32 (measured on an AMD EPYC with AVX2 only:
    cosine min 0.99856 against 0.9991 on the Intel Xeon with VNNI of the
    int8default section of docs/benchmarks.md)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_vnni" in flags or "avx_vnni" in flags


# The int8 export's fidelity on the seed passages, by what the CPU's int8 products do.
MIN_PASSAGE_COSINE = 0.999 if _cpu_has_int8_dot_products() else 0.998

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def model_dir() -> Path:
    return build_default_model(MODELS_DIR)


@pytest.fixture(scope="module")
def int8_embedder(model_dir) -> Embedder:
    return Embedder.load(model_dir, encoder="int8")


@pytest.fixture(scope="module")
def fp32_embedder(model_dir) -> Embedder:
    return Embedder.load(model_dir, encoder="fp32")


def _judged_queries() -> list[str]:
    return [json.loads(line)["query"] for f in JUDGED if f.is_file()
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def _linked_copy(model_dir: Path, target: Path) -> Path:
    """``model_dir`` rebuilt in ``target``: the model files symlinked, the ONNX files hard-linked
    (an export replaces the onnx/ directory as a whole, so the originals are never written)."""
    for f in model_dir.rglob("*"):
        rel = f.relative_to(model_dir)
        if not f.is_file():
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        if rel.parts[0] == ONNX_DIR:
            os.link(f, target / rel)
        else:
            (target / rel).symlink_to(f)
    return target


def test_int8_setting_runs_the_int8_export_on_onnx_runtime_and_the_default_stays_fp32(model_dir, monkeypatch):
    monkeypatch.setenv("KYOTEN_ENCODER", "int8")
    e = Embedder.load(model_dir)
    assert (e.encoder, e.runtime) == ("int8", "onnxruntime")
    assert encoder_for_key(e.cache_key) == "int8"
    monkeypatch.delenv("KYOTEN_ENCODER")
    assert Embedder.load(model_dir).encoder == "fp32"  # int8 moves semantic dev recall by 0.05


def test_int8_vectors_stay_close_to_fp32_on_the_seed_passages(int8_embedder, fp32_embedder):
    # Measured (docs/benchmarks.md, int8default): cosine min 0.9991 over the 163 seed
    # passages with VNNI (0.99856 on AVX2 alone), |Δ similarity| max 0.0074 over the
    # judged queries x passages.
    passages = int8_export.calibration_texts()
    assert len(passages) > 100
    p8, p32 = int8_embedder.encode_passages(passages), fp32_embedder.encode_passages(passages)
    cos = np.sum(p8 * p32, axis=1)
    assert cos.min() >= MIN_PASSAGE_COSINE, (float(cos.min()), passages[int(cos.argmin())][:60])
    queries = _judged_queries()
    q8 = np.stack([int8_embedder.encode_query(q) for q in queries])
    q32 = np.stack([fp32_embedder.encode_query(q) for q in queries])
    assert np.abs(q8 @ p8.T - q32 @ p32.T).max() < 0.01


def test_every_weight_product_of_the_int8_export_runs_in_int8_but_the_split_off_outlier_channels(model_dir):
    import onnx

    graph = onnx.load(str(onnx_path(model_dir, "int8")), load_external_data=False).graph
    inits = {i.name for i in graph.initializer}
    layers = json.loads((model_dir / "config.json").read_text())["num_hidden_layers"]
    ops = [n.op_type for n in graph.node]
    assert ops.count("QAttention") == layers and "Attention" not in ops  # QKV products in int8
    fp32_weight_products = [n.name for n in graph.node if n.op_type in ("MatMul", "Gemm")
                            and any(i in inits for i in n.input)]
    assert fp32_weight_products and all(n.startswith("outlier_") for n in fp32_weight_products), fp32_weight_products
    # each split-off product is a handful of input channels, not a layer's
    for n in graph.node:
        if n.name in fp32_weight_products:
            weight = next(i for i in graph.initializer if i.name == n.input[1])
            assert weight.dims[0] <= 8, (n.name, list(weight.dims))
    assert ops.count("DynamicQuantizeMatMul") + ops.count("MatMulInteger") >= 3 * layers


def test_the_manifest_names_the_calibration_passages_of_the_seed_reports(model_dir):
    manifest = json.loads((model_dir / ONNX_DIR / ONNX_MANIFEST).read_text())
    texts = int8_export.calibration_texts()
    assert manifest["exporter_version"] == onnx_export.EXPORTER_VERSION
    assert manifest["calibration"] == {"passages": len(texts), "digest": int8_export.calibration_digest(texts)}


def test_vectors_cached_from_the_previous_int8_export_are_never_reused(model_dir, int8_embedder, tmp_path):
    old = _linked_copy(model_dir, tmp_path / model_dir.name)
    manifest_path = old / ONNX_DIR / ONNX_MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest_path.unlink()  # a hard link: never write through it
    manifest.update(exporter_version=5, quantization="dynamic int8, per-channel MatMul weights, FFN output in fp32")
    manifest.pop("calibration", None)
    manifest_path.write_text(json.dumps(manifest))
    previous = Embedder.load(old, encoder="int8")
    assert previous.encoder == "int8"
    assert previous.cache_key != int8_embedder.cache_key  # an index's cache of old int8 vectors is not reused
    assert previous.cache_key.split(":onnx-int8-")[0] == int8_embedder.cache_key.split(":onnx-int8-")[0]


def test_a_model_built_by_the_previous_exporter_is_re_exported_once(model_dir, tmp_path):
    copy = _linked_copy(model_dir, tmp_path / model_dir.name)
    manifest_path = copy / ONNX_DIR / ONNX_MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest_path.unlink()
    manifest["exporter_version"] = onnx_export.EXPORTER_VERSION - 1
    manifest_path.write_text(json.dumps(manifest))
    assert not onnx_export.is_exported(copy)
    # calibrated on one seed report, to keep the test short (the product uses all of corpus/)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = sorted(CORPUS_DIR.glob("*.txt"))[0]
    shutil.copy(first, corpus / first.name)
    old_int8 = onnx_path(copy, "int8").stat().st_ino
    onnx_export.export_onnx(copy, calibration_corpus=corpus)
    assert onnx_export.is_exported(copy)
    redone = [onnx_path(copy, p).stat() for p in ("fp32", "int8")]
    assert redone[1].st_ino != old_int8
    assert not list(copy.glob(".onnx.tmp-*"))  # no leftovers of the work files
    onnx_export.export_onnx(copy, calibration_corpus=corpus)  # once: now up to date, nothing rewritten
    again = [onnx_path(copy, p).stat() for p in ("fp32", "int8")]
    assert [(s.st_ino, s.st_mtime_ns) for s in again] == [(s.st_ino, s.st_mtime_ns) for s in redone]
    e = Embedder.load(copy, encoder="int8")
    assert (e.encoder, e.runtime) == ("int8", "onnxruntime")
    assert e.encode_query("双子の親の交流").shape == (e.dim,)


def test_the_frozen_calibration_set_is_the_seed_reports_passages_and_a_parser_change_does_not_move_it(monkeypatch):
    # The int8 export is calibrated on the seed passages as parsed when it was measured; a later
    # parser change that touches a seed passage (a table cell kept, a heading read) must neither
    # change the export on the next build nor invalidate the int8 vectors' cache.
    frozen = int8_export.calibration_texts()
    assert len(frozen) > 100 and len(set(frozen)) == len(frozen)
    current = int8_export.calibration_texts(CORPUS_DIR)
    assert len(set(frozen) & set(current)) >= 0.9 * len(frozen)   # the same reports, nearly all alike
    import indexer.reindex
    monkeypatch.setattr(indexer.reindex, "embedding_text", lambda d: "changed " + d["text"])
    assert int8_export.calibration_texts() == frozen
    assert int8_export.calibration_texts(CORPUS_DIR) != current
