"""What a built embedding-model directory holds, as the runtime needs to know it.

The converter that builds the default model lives outside the runtime
packages (:mod:`kyoten_build.embedding_model`, run by ``kyoten build-model``);
search and indexing only need to recognise a finished build, read its
manifest and find its ONNX exports (fp32 and int8).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

DEFAULT_MODEL_NAME = "multilingual-e5-small"
MANIFEST_NAME = "kyoten_model.json"

# Files every complete model directory must have (besides the manifest).
REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "modules.json",
    "config_sentence_transformers.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
)

#: The ONNX exports of a model directory: the transformer in fp32 (what the
#: default encoder runs) and dynamically quantised to int8, and their manifest
#: (what they were exported from, by which exporter version).
ONNX_DIR = "onnx"
ONNX_FP32_FILE = "model_fp32.onnx"
ONNX_INT8_FILE = "model_qint8.onnx"
ONNX_FILES = {"fp32": ONNX_FP32_FILE, "int8": ONNX_INT8_FILE}
#: Each export's weights sit in ``<file>.data`` beside its graph, which ONNX
#: Runtime maps into memory instead of copying (see kyoten_build.onnx_export).
ONNX_DATA_SUFFIX = ".data"
ONNX_MANIFEST = "kyoten_onnx.json"


def read_manifest(model_dir: Path) -> dict | None:
    try:
        return json.loads((Path(model_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_complete(model_dir: Path, expected: dict | None = None) -> bool:
    """True when ``model_dir`` holds a finished build (matching ``expected``'s source, if given)."""
    model_dir = Path(model_dir)
    manifest = read_manifest(model_dir)
    if not manifest:
        return False
    sizes = manifest.get("files", {})
    for rel in REQUIRED_FILES:
        path = model_dir / rel
        if not path.is_file():
            return False
        if rel in sizes and path.stat().st_size != sizes[rel]:
            return False
    if expected:
        return all(manifest.get(k) == v for k, v in expected.items())
    return True


def weights_fingerprint_basis(model_dir: Path) -> str:
    """What identifies a directory's weights: the converter's manifest when there
    is one, otherwise the sizes and times of the model files."""
    model_dir = Path(model_dir)
    manifest = read_manifest(model_dir) or {}
    if manifest.get("source_sha256"):
        return f"{manifest.get('converter_version')}:{manifest['source_sha256']}"
    return ";".join(f"{f.relative_to(model_dir)}:{f.stat().st_size}:{f.stat().st_mtime_ns}"
                    for f in sorted(model_dir.rglob("*"))
                    if f.is_file() and ONNX_DIR not in f.relative_to(model_dir).parts[:1])


def onnx_path(model_dir: Path, precision: str) -> Path:
    """The export of ``precision`` (``"fp32"`` or ``"int8"``) in ``model_dir``."""
    return Path(model_dir) / ONNX_DIR / ONNX_FILES[precision]


def read_onnx_manifest(model_dir: Path) -> dict | None:
    try:
        return json.loads((Path(model_dir) / ONNX_DIR / ONNX_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def quiet_progress_bars():
    """Keep transformers' per-file progress bars out of log output."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover
        yield
        return
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()
