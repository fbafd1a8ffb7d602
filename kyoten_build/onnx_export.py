"""Export a sentence-transformers BERT directory to ONNX, in fp32 and dynamically quantised to int8.

The results, ``<model>/onnx/model_fp32.onnx`` (the default encoder) and
``<model>/onnx/model_qint8.onnx`` (``KYOTEN_ENCODER=int8``), are what the
runtime's ONNX encoder (:mod:`indexer.onnx_encoder`) runs with ONNX Runtime.
sentence-transformers' own ONNX backend needs ``optimum-onnx``, whose
releases require transformers < 4.58 and cannot be installed next to
transformers 5, so the steps are done directly:

1. ``torch.onnx.export`` of the transformer (token ids + attention mask in,
   last hidden state out; batch and length dynamic), kept as the fp32 export:
   its vectors are those of sentence-transformers on torch (cosine differences
   below 1e-5) at less CPU time;
2. ``onnxruntime.quantization.quantize_dynamic``: int8 weights per output
   channel, activations quantised on the fly, for every weight MatMul except
   the feed-forward output projections. Those take the GELU activations, whose
   long tail int8 represents worst: measured on the 160 seed passages, keeping
   them fp32 raised the cosine to the fp32 model from mean 0.9966 / min 0.9939
   to 0.9992 / 0.9986 for about a fifth of the int8 speed-up.

Each file's weights are saved as external data (``<file>.data``, one file per
export), which ONNX Runtime maps into memory instead of reading: a session
then holds about 100 MB instead of 520 MB (peak 830 MB while loading), since
only the rows of the 250k-token embedding table that texts use are ever paged
in; the pages are shared by every process that runs the same export (measured,
docs/benchmarks.md, third round). Speed and vectors are unchanged.

Pooling and normalisation stay in Python (they are a few numpy lines and
come from the directory's own module configuration). Idempotent: an export
made from the same weights by the same exporter version is kept; the export
is written to a temporary directory and renamed into place.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path

from indexer.model_files import (
    ONNX_DATA_SUFFIX, ONNX_DIR, ONNX_FILES, ONNX_FP32_FILE, ONNX_INT8_FILE, ONNX_MANIFEST, quiet_progress_bars,
    read_onnx_manifest,
    weights_fingerprint_basis,
)

logger = logging.getLogger(__name__)

#: Bump when the exported files change in any way (old exports are redone).
#: 5: the fp32 export is kept next to the int8 one (the default encoder runs it),
#: and both keep their weights in a memory-mapped ``.data`` file.
EXPORTER_VERSION = 5


class OnnxExportError(RuntimeError):
    """The model could not be exported or quantised."""


def expected_manifest(model_dir: Path) -> dict:
    return {"exporter_version": EXPORTER_VERSION, "weights": weights_fingerprint_basis(model_dir),
            "quantization": "dynamic int8, per-channel MatMul weights, FFN output in fp32"}


def is_exported(model_dir: Path) -> bool:
    model_dir = Path(model_dir)
    manifest = read_onnx_manifest(model_dir)
    if not manifest or not all((model_dir / ONNX_DIR / name).is_file() for name in _written_files()):
        return False
    expected = expected_manifest(model_dir)
    return all(manifest.get(k) == v for k, v in expected.items())


def _export_fp32(model_dir: Path, out: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager").eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    sample = tokenizer(["passage: 子育て支援", "passage: 地域の子育て支援拠点の取組"], padding=True, return_tensors="pt")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(bert), (sample["input_ids"], sample["attention_mask"]), str(out),
            input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"}
                          for name in ("input_ids", "attention_mask", "last_hidden_state")},
            opset_version=17, dynamo=False,
        )


def kept_in_fp32(node_names: list[str]) -> list[str]:
    """The feed-forward output projections (``layer.N/output/dense``), not the attention output."""
    return [n for n in node_names if "/output/dense/" in n and "/attention/" not in n]


def _written_files() -> list[str]:
    """Every file of an export directory but the manifest: each graph and its weights."""
    return [f for name in ONNX_FILES.values() for f in (name, name + ONNX_DATA_SUFFIX)]


def _save_with_external_weights(src: Path, dst: Path) -> None:
    """``src`` (a self-contained .onnx) rewritten as ``dst`` + ``dst.data`` (its weights)."""
    import onnx

    model = onnx.load(str(src))
    onnx.save_model(model, str(dst), save_as_external_data=True, all_tensors_to_one_file=True,
                    location=dst.name + ONNX_DATA_SUFFIX, size_threshold=1024)


def _quantize(src: Path, dst: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    names = [n.name for n in onnx.load(str(src), load_external_data=False).graph.node if n.op_type == "MatMul"]
    excluded = kept_in_fp32(names)
    if not excluded:
        raise OnnxExportError("no feed-forward output MatMul found in the exported graph")
    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul"], nodes_to_exclude=excluded,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def export_onnx(model_dir: Path, force: bool = False) -> Path:
    """Write ``model_dir/onnx/`` with the fp32 and int8 exports (idempotent); returns
    the directory."""
    model_dir = Path(model_dir)
    target_dir = model_dir / ONNX_DIR
    if not force and is_exported(model_dir):
        logger.info("ONNX exports already up to date in %s", target_dir)
        return target_dir
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise OnnxExportError(f"exporting the ONNX encoders needs onnx and onnxruntime ({exc}); "
                              "install the project's dependencies (scripts/setup.sh)") from exc
    lock_path = model_dir.parent / f".{model_dir.name}.onnx.lock"
    with open(lock_path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            if not force and is_exported(model_dir):  # a concurrent caller did it
                return target_dir
            for leftover in model_dir.glob(".onnx.tmp-*"):
                shutil.rmtree(leftover, ignore_errors=True)
            started = time.monotonic()
            tmp = Path(tempfile.mkdtemp(prefix=".onnx.tmp-", dir=model_dir))
            try:
                out_dir = tmp / ONNX_DIR
                out_dir.mkdir()
                fp32, int8 = tmp / "whole_fp32.onnx", tmp / "whole_qint8.onnx"
                logger.info("Exporting %s to ONNX", model_dir)
                with quiet_progress_bars():
                    _export_fp32(model_dir, fp32)
                logger.info("Quantising to int8 (dynamic, per channel)")
                _quantize(fp32, int8)
                _save_with_external_weights(fp32, out_dir / ONNX_FP32_FILE)
                _save_with_external_weights(int8, out_dir / ONNX_INT8_FILE)
                fp32.unlink()
                int8.unlink()
                manifest = dict(expected_manifest(model_dir),
                                exported_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                sizes={name: (out_dir / name).stat().st_size for name in _written_files()})
                (out_dir / ONNX_MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
                for path in [out_dir, *out_dir.iterdir()]:
                    path.chmod(0o755 if path.is_dir() else 0o644)
                if target_dir.exists():
                    os.rename(target_dir, tmp / "old")
                os.rename(out_dir, target_dir)
            except Exception as exc:
                if isinstance(exc, OnnxExportError):
                    raise
                raise OnnxExportError(f"ONNX export of {model_dir} failed: {exc}") from exc
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            logger.info("ONNX exports ready in %s (%.1f s)", target_dir, time.monotonic() - started)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return target_dir
