"""Index building as the app configures it: corpus + model choice -> reindex."""

from __future__ import annotations

import logging
from pathlib import Path

from indexer.reindex import ReindexSummary, reindex

from . import config

log = logging.getLogger(__name__)


def _load_embedder(semantic: bool):
    """(embedder or None, a Japanese note saying why there is none, or None)."""
    if not semantic:
        return None, None
    from indexer.embeddings import Embedder, ModelNotBuiltError, resolve_model_path
    try:
        return Embedder.load(resolve_model_path(config.models_dir(), config.model_name())), None
    except ModelNotBuiltError as exc:
        log.warning("%s — indexing without the model (existing vectors are kept)", exc)
        japanese = str(exc).strip().splitlines()[-1]  # the message ends with its Japanese line
        return None, f"{japanese}（埋め込みモデルなしで再索引しました）"


def build_index(corpus_dir: Path | None = None, index_dir: Path | None = None, *,
                full: bool = False, semantic: bool = True, embedder=None,
                progress: bool = False, wait_seconds: float = 0.0) -> ReindexSummary:
    note = None
    if embedder is None:
        embedder, note = _load_embedder(semantic)
    summary = reindex(Path(corpus_dir or config.corpus_dir()), Path(index_dir or config.index_dir()),
                      embedder=embedder, full=full, progress=progress, wait_seconds=wait_seconds)
    if note:
        summary.notes.insert(0, note)
    return summary
