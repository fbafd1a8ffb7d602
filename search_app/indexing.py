"""Index building as the app configures it: corpus + model choice -> reindex."""

from __future__ import annotations

import logging
from pathlib import Path

from indexer.reindex import ReindexSummary, reindex

from . import config

log = logging.getLogger(__name__)


def load_embedder(semantic: bool = True):
    """The configured embedding model, or None (with a warning) when it is not built."""
    if not semantic:
        return None
    from indexer.embeddings import Embedder, ModelNotBuiltError, resolve_model_path
    try:
        return Embedder.load(resolve_model_path(config.models_dir(), config.model_name()))
    except ModelNotBuiltError as exc:
        log.warning("%s — building a keyword-only index", exc)
        return None


def build_index(corpus_dir: Path | None = None, index_dir: Path | None = None, *,
                full: bool = False, semantic: bool = True, embedder=None,
                progress: bool = False, wait_seconds: float = 0.0) -> ReindexSummary:
    embedder = embedder if embedder is not None else load_embedder(semantic)
    return reindex(Path(corpus_dir or config.corpus_dir()), Path(index_dir or config.index_dir()),
                   embedder=embedder, full=full, progress=progress, wait_seconds=wait_seconds)
