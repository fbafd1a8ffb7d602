"""Export a sentence-transformers BERT directory to ONNX, in fp32 and in int8.

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
2. the int8 export made from it (:mod:`kyoten_build.int8_export`): the
   transformer optimizer's fused graph, SmoothQuant and an fp32 split of the
   feed-forward output's outlier channels (both exact fp32 rewrites,
   calibrated on the seed passages of ``corpus/``), then every weight product
   dynamically quantised to int8: about half the CPU time of the fp32 export,
   vectors within cosine 0.999 of it (docs/benchmarks.md, "Int8 encoder,
   fourth round" and "int8default").

Each file's weights are saved as external data (``<file>.data``, one file per
export), which ONNX Runtime maps into memory instead of reading: a session
then holds about 100 MB instead of 520 MB (peak 830 MB while loading), since
only the rows of the 250k-token embedding table that texts use are ever paged
in; the pages are shared by every process that runs the same export (measured,
docs/benchmarks.md, third round). Speed and vectors are unchanged.

Pooling and normalisation stay in Python (they are a few numpy lines and
come from the directory's own module configuration). Idempotent: an export
made from the same weights by the same exporter version is kept (an export of
an older version is redone once); the export is written to a temporary
directory and renamed into place.
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

from . import int8_export
from indexer.model_files import (
    ONNX_DATA_SUFFIX, ONNX_DIR, ONNX_FILES, ONNX_FP32_FILE, ONNX_INT8_FILE, ONNX_MANIFEST, quiet_progress_bars,
    read_onnx_manifest,
    weights_fingerprint_basis,
)

logger = logging.getLogger(__name__)

#: Bump when the exported files change in any way (old exports are redone).
#: 5: the fp32 export is kept next to the int8 one (the default encoder runs it),
#: and both keep their weights in a memory-mapped ``.data`` file.
#: 6: the int8 export is the SmoothQuant + outlier-split form of
#: :mod:`kyoten_build.int8_export`, every weight product int8.
EXPORTER_VERSION = 6


class OnnxExportError(RuntimeError):
    """The model could not be exported or quantised."""


def expected_manifest(model_dir: Path) -> dict:
    return {"exporter_version": EXPORTER_VERSION, "weights": weights_fingerprint_basis(model_dir),
            "quantization": int8_export.DESCRIPTION}


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


def _written_files() -> list[str]:
    """Every file of an export directory but the manifest: each graph and its weights."""
    return [f for name in ONNX_FILES.values() for f in (name, name + ONNX_DATA_SUFFIX)]


def _save_with_external_weights(src: Path, dst: Path) -> None:
    """``src`` (a self-contained .onnx) rewritten as ``dst`` + ``dst.data`` (its weights)."""
    import onnx

    model = onnx.load(str(src))
    onnx.save_model(model, str(dst), save_as_external_data=True, all_tensors_to_one_file=True,
                    location=dst.name + ONNX_DATA_SUFFIX, size_threshold=1024)


def export_onnx(model_dir: Path, force: bool = False,
                calibration_corpus: Path | None = None) -> Path:
    """Write ``model_dir/onnx/`` with the fp32 and int8 exports (idempotent); returns
    the directory. ``calibration_corpus``: reports whose passages calibrate the int8
    export instead of the frozen calibration set (``int8_export.CALIBRATION_FILE``)."""
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
                texts = int8_export.calibration_texts(calibration_corpus)
                logger.info("Exporting %s to ONNX", model_dir)
                with quiet_progress_bars():
                    _export_fp32(model_dir, fp32)
                    calib_ids = int8_export.calibration_token_ids(model_dir, texts)
                logger.info("Building the int8 export (calibrated on %d passages of %s)",
                            len(texts), calibration_corpus or int8_export.CALIBRATION_FILE)
                int8_export.build_int8(fp32, int8, model_dir, tmp, calib_ids)
                _save_with_external_weights(fp32, out_dir / ONNX_FP32_FILE)
                _save_with_external_weights(int8, out_dir / ONNX_INT8_FILE)
                manifest = dict(expected_manifest(model_dir),
                                calibration={"passages": len(texts),
                                             "digest": int8_export.calibration_digest(texts)},
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
