"""The ONNX Runtime encoders: a sentence-transformers directory's fp32 and int8 exports.

:class:`OnnxSentenceEncoder` runs ``<model>/onnx/model_fp32.onnx`` (the default
encoder) or ``<model>/onnx/model_qint8.onnx`` (``KYOTEN_ENCODER=int8``), both
written by ``kyoten build-model`` (see :mod:`kyoten_build.onnx_export`), and does
the directory's own tokenisation, prompts, mean pooling and normalisation. It
offers the part of ``SentenceTransformer``'s interface that
:class:`indexer.embeddings.Embedder` uses (``encode``, ``tokenizer``,
``prompts``, ``max_seq_length``, ``get_embedding_dimension``), so the embedder
treats every encoder alike.

Memory: queries are tokenised by :class:`indexer.unigram_tokenizer.UnigramTokenizer`
(the fast tokenizer's ids from about 10 MB); the fast tokenizer itself (about
280 MB, plus torch, which importing transformers loads) is read only when
passages are embedded, so a search server never holds it. The weights stay in
their memory-mapped ``.data`` file (see :mod:`kyoten_build.onnx_export`).

Texts are run one at a time (no padding; see :meth:`OnnxSentenceEncoder.encode_token_ids`
for the measurement): a single text (a query) on all cores, a list of passages
by one worker thread per core, each running its texts on one core.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from .model_files import ONNX_FILES, onnx_path, quiet_progress_bars, read_onnx_manifest, weights_fingerprint_basis
from .unigram_tokenizer import UnigramTokenizer, UnsupportedTokenizerError

logger = logging.getLogger(__name__)

#: Experiments only: run this .onnx file instead of the directory's own export of
#: that precision (same inputs and output, exported from the same weights; not
#: checked). Its cache identity is its path, size and time, so its vectors never
#: mix with the shipped export's.
FILE_ENV_VARS = {"fp32": "KYOTEN_FP32_ONNX", "int8": "KYOTEN_INT8_ONNX"}

#: Bump when the way texts are run changes their vectors (part of the cache key).
RUN_VERSION = 2


class OnnxUnavailableError(RuntimeError):
    """The directory has no usable int8 export (or ONNX Runtime is missing)."""


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _is_mean_pooling(model_dir: Path) -> bool:
    modules = _read_json(model_dir / "modules.json")
    pooling = [m for m in modules if isinstance(m, dict) and m.get("type", "").endswith("Pooling")] \
        if isinstance(modules, list) else []
    if len(pooling) != 1:
        return False
    cfg = _read_json(model_dir / pooling[0].get("path", "") / "config.json")
    mean = cfg.get("pooling_mode") == "mean" or (
        cfg.get("pooling_mode_mean_tokens") is True
        and not any(cfg.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                         "pooling_mode_lasttoken", "pooling_mode_weightedmean_tokens")))
    return bool(mean and cfg.get("include_prompt", True))


def _normalizes(model_dir: Path) -> bool:
    modules = _read_json(model_dir / "modules.json")
    return isinstance(modules, list) and any(
        isinstance(m, dict) and m.get("type", "").endswith("Normalize") for m in modules)


class OnnxSentenceEncoder:
    """Mean-pooled, normalised sentence embeddings from an ONNX export (fp32 or int8)."""

    variant = "v0"  # what distinguishes this export's vectors (exporter version, or an override file)

    def __init__(self, model_dir: Path | str, precision: str = "int8", threads: int | None = None):
        model_dir = Path(model_dir)
        if precision not in ONNX_FILES:
            raise ValueError(f"unknown ONNX precision {precision!r}")
        self.precision = precision
        self.backend = f"onnx-{precision}"
        self.override = bool(os.environ.get(FILE_ENV_VARS[precision]))
        path = Path(os.environ[FILE_ENV_VARS[precision]]) if self.override else onnx_path(model_dir, precision)
        if not path.is_file():
            raise OnnxUnavailableError(f"no {precision} ONNX export in {path.parent}")
        manifest = read_onnx_manifest(model_dir) or {}
        if self.override:
            stat = path.stat()
            digest = hashlib.sha256(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:10]
            self.variant = f"file-{digest}-r{RUN_VERSION}"
            logger.warning("%s encoder: running %s (%s) instead of the directory's export", precision, path,
                           FILE_ENV_VARS[precision])
        elif manifest.get("weights") != weights_fingerprint_basis(model_dir):
            raise OnnxUnavailableError(f"the ONNX export in {path.parent} was made from other weights")
        elif any(not (path.parent / name).is_file() for name in manifest.get("sizes") or {}
                 if name.startswith(path.name)):  # the graph without its weights file
            raise OnnxUnavailableError(f"the {precision} ONNX export in {path.parent} is incomplete")
        else:
            # The int8 file also depends on its calibration texts (kyoten_build.int8_export).
            calibration = (manifest.get("calibration") or {}).get("digest") if precision == "int8" else None
            self.variant = (f"v{manifest.get('exporter_version', 0)}" + (f"-c{calibration[:8]}" if calibration else "")
                            + f"-r{RUN_VERSION}")
        if not _is_mean_pooling(model_dir):
            raise OnnxUnavailableError(f"{model_dir} does not use plain mean pooling")
        try:
            import onnxruntime  # noqa: F401
        except ImportError as exc:
            raise OnnxUnavailableError(f"onnxruntime is not installed ({exc})") from exc
        self._model_dir = model_dir
        self._tokenizer = None
        self._tokenizer_lock = threading.Lock()
        # Queries are tokenised by the compact tokenizer (the same ids, ~10 MB);
        # the fast tokenizer of transformers (~280 MB, and torch with it) is
        # loaded only when passages are embedded (see indexer.unigram_tokenizer).
        self.compact_tokenizer = None
        tok_cfg = _read_json(model_dir / "tokenizer_config.json")
        try:
            pad = tok_cfg.get("pad_token") or _read_json(model_dir / "special_tokens_map.json").get("pad_token")
            self.compact_tokenizer = UnigramTokenizer(model_dir / "tokenizer.json", tok_cfg.get("model_max_length"),
                                                      pad.get("content") if isinstance(pad, dict) else pad)
        except UnsupportedTokenizerError as exc:
            logger.warning("Queries are tokenised by the full tokenizer of %s (%s): the server holds about "
                           "0.5 GB more.", model_dir, exc)
        query_tokenizer = self.compact_tokenizer or self.tokenizer
        st_cfg = _read_json(model_dir / "config_sentence_transformers.json")
        self.prompts: dict = dict(st_cfg.get("prompts") or {})
        bert_cfg = _read_json(model_dir / "sentence_bert_config.json")
        limit = bert_cfg.get("max_seq_length") or getattr(query_tokenizer, "model_max_length", 512) or 512
        positions = _read_json(model_dir / "config.json").get("max_position_embeddings")
        if isinstance(positions, int) and positions > 0:
            limit = min(limit, positions)
        self.max_seq_length: int = int(min(limit, 100_000))
        self._normalize = _normalizes(model_dir)
        self._dim = int(_read_json(model_dir / "config.json").get("hidden_size") or 0)
        self._path = path
        self._cores = max(1, threads or os.cpu_count() or 1)
        # Two sessions, each made on first use: one text at a time on all cores
        # (a query), and one core per run shared by a worker thread per core (a
        # list of passages). A search server only ever makes the first, a
        # reindex only the second (both map the same weights file; each holds
        # its own prepacked matrices, about 100 MB).
        self._sessions: dict[int, object] = {}
        self._sessions_lock = threading.Lock()
        self._pad_id = query_tokenizer.pad_token_id if query_tokenizer.pad_token_id is not None else 0
        if not self._dim:
            self._dim = int(self.encode(["x"]).shape[1])

    @property
    def tokenizer(self):
        """The directory's fast tokenizer (transformers), loaded on first use: the
        passages' tokenisation and windowing need it, queries do not."""
        if self._tokenizer is None:
            with self._tokenizer_lock:
                if self._tokenizer is None:
                    from transformers import AutoTokenizer

                    with quiet_progress_bars():
                        self._tokenizer = AutoTokenizer.from_pretrained(str(self._model_dir), local_files_only=True)
        return self._tokenizer

    def _session(self, threads: int):
        with self._sessions_lock:
            session = self._sessions.get(threads)
            if session is None:
                import onnxruntime as ort

                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                # Idle workers would spin on a busy-wait; on a shared machine that
                # steals the cores from the other processes (and from Whoosh here).
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                try:
                    session = ort.InferenceSession(str(self._path), options, providers=["CPUExecutionProvider"])
                except Exception as exc:  # a truncated or foreign file
                    raise OnnxUnavailableError(f"ONNX Runtime cannot load {self._path}: {exc}") from exc
                self._sessions[threads] = session
        return session

    def get_embedding_dimension(self) -> int:
        return self._dim

    def eval(self):  # parity with torch modules
        return self

    def _run(self, ids: list[list[int]], session=None) -> np.ndarray:
        width = max(len(x) for x in ids)
        input_ids = np.full((len(ids), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, x in enumerate(ids):
            input_ids[row, : len(x)] = x
            mask[row, : len(x)] = 1
        session = session or self._session(self._cores)
        hidden = session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        weights = mask[..., None].astype(np.float32)
        return (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)

    def encode(self, texts, prompt: str | None = None, batch_size: int = 32, show_progress_bar: bool = False,
               convert_to_numpy: bool = True, normalize_embeddings: bool = False, **_ignored) -> np.ndarray:
        """Embeddings of ``texts`` (``prompt`` prepended), like ``SentenceTransformer.encode``."""
        if isinstance(texts, str):
            texts = [texts]
        texts = [(prompt or "") + t for t in texts]
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        tokenizer = self.compact_tokenizer or self.tokenizer
        ids = tokenizer(texts, add_special_tokens=True, truncation=True, max_length=self.max_seq_length,
                        verbose=False)["input_ids"]
        out = self.encode_token_ids(ids, batch_size=batch_size, normalize=False)
        if self._normalize or normalize_embeddings:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out

    def encode_together(self, texts: list[str], prompt: str | None = None) -> np.ndarray:
        """Normalised embeddings of a few short texts (a search's query texts) on the
        query session (all cores): fp32 runs them as one padded batch — one run
        instead of one each, ~20 % less time for two short queries, the vectors
        within ~1e-8 of separate runs (the pads are masked out of attention and
        pooling); int8 runs them one at a time, since its dynamic quantisation picks
        the activation scale per run and the pads would move it."""
        texts = [(prompt or "") + t for t in texts]
        tokenizer = self.compact_tokenizer or self.tokenizer
        ids = tokenizer(texts, add_special_tokens=True, truncation=True, max_length=self.max_seq_length,
                        verbose=False)["input_ids"]
        if self.precision == "int8":
            out = np.stack([self._run([x])[0] for x in ids]).astype(np.float32)
        else:
            out = np.asarray(self._run(ids), dtype=np.float32)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    def encode_token_ids(self, ids: list[list[int]], batch_size: int = 32, normalize: bool = True) -> np.ndarray:
        """Embeddings of texts already tokenised (prompt and special tokens included,
        at most ``max_seq_length`` ids each), so a caller that had to tokenise to
        decide on windowing does not pay for it twice.

        Each text runs on its own (``batch_size`` is accepted for interface parity
        and ignored). Measured on the 160 seed passages with the int8 export:
        0.65x the CPU time of length-sorted padded batches of up to 32 (no
        padding, no masked attention over pad tokens), with vectors slightly
        closer to fp32; and since dynamic quantisation picks its activation scale
        per run, a text's vector never depends on which other texts happened to
        be embedded with it.

        One text runs on all cores; several are dealt, in the order given (the
        embedder passes them longest first), to one worker thread per core, each
        running one text at a time on one core: ONNX Runtime releases the GIL
        while it runs, and a core per text spends no time synchronising two
        threads on the small matrices of a short passage (docs/benchmarks.md,
        third round).
        """
        out = np.empty((len(ids), self._dim), dtype=np.float32)
        workers = min(self._cores, len(ids))
        if workers <= 1:
            for row, x in enumerate(ids):
                out[row] = self._run([x])[0]
        else:
            session = self._session(1)

            def one(row: int) -> None:
                out[row] = self._run([ids[row]], session)[0]

            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kyoten-embed") as pool:
                list(pool.map(one, range(len(ids))))  # in the order given; re-raises a worker's error
        if normalize and self._normalize:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out
