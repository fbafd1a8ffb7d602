"""Build or incrementally update the index from the corpus folder.

Files are compared with the current generation's manifest by content hash:
only added or changed files are loaded and parsed, removed files are dropped,
unchanged passages keep their records, and embeddings come from the cache
unless the text is new. The result is written as a new generation and
published atomically (see store.py), so search never sees a half-built index.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import fulltext, records, store
from .corpus import corpus_files, source_name
from .embcache import EmbeddingCache
from .load import DEFAULT_MAX_BYTES, LoadError, file_sha256, load_file
from .parse import parse_text

log = logging.getLogger(__name__)


@dataclass
class ReindexSummary:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    embedded: int = 0
    generation: str | None = None
    full: bool = False
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def embedding_text(p: dict) -> str:
    """What is embedded for a passage: its own text (measured better on the dev
    set than prefixing the goal, which made sibling sections look alike)."""
    return p["text"]


def reindex(corpus_dir: Path, index_dir: Path, *, embedder=None, full: bool = False,
            max_bytes: int = DEFAULT_MAX_BYTES, wait_seconds: float = 0.0,
            progress: bool = False) -> ReindexSummary:
    """Bring the index in line with the corpus folder; returns what changed."""
    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    summary = ReindexSummary(full=full)
    with store.reindex_lock(index_dir, wait_seconds):
        store.remove_stale_builds(index_dir)
        previous = None
        if not full and store.current_name(index_dir):
            try:
                previous = store.open_generation(index_dir)
            except (FileNotFoundError, ValueError, KeyError) as exc:
                log.warning("previous generation unreadable (%s); rebuilding in full", exc)
        model_name = getattr(embedder, "model_name", None)
        model_key = getattr(embedder, "cache_key", None) or model_name
        if previous is not None and previous.manifest.get("model_key", previous.manifest.get("model")) != model_key:
            previous = None  # a different model: vectors cannot be mixed
        summary.full = previous is None

        t0 = time.perf_counter()
        old_files = previous.manifest.get("files", {}) if previous else {}
        new_files: dict[str, dict] = {}
        parsed_docs: list[tuple[records.Document, list[records.Passage]]] = []
        failures: list[dict] = []
        seen_hashes: dict[str, str] = {}
        files = corpus_files(corpus_dir)
        iterator = files
        if progress:
            from tqdm import tqdm
            iterator = tqdm(files, desc="解析", unit="件")
        for path in iterator:
            name = source_name(path, corpus_dir)
            try:
                digest = file_sha256(path)
            except OSError as exc:
                failures.append({"file": name, "reason": f"読み込めません: {exc.strerror}"})
                continue
            if digest in seen_hashes:
                summary.duplicates.append({"file": name, "same_as": seen_hashes[digest]})
                continue
            seen_hashes[digest] = name
            old = old_files.get(name)
            if old and old["sha256"] == digest:
                new_files[name] = old
                if old.get("error"):
                    failures.append({"file": name, "reason": old["error"]})
                else:
                    summary.unchanged += 1
                continue
            (summary.changed if old else summary.added).append(name)
            try:
                loaded = load_file(path, max_bytes)
                parsed = parse_text(loaded.text, name, digest[:16], loaded.encoding)
            except LoadError as exc:
                failures.append({"file": name, "reason": exc.reason})
                new_files[name] = {"sha256": digest, "doc_id": None, "error": exc.reason}
                continue
            except Exception as exc:  # a parser bug must not lose the batch
                log.exception("failed to parse %s", name)
                reason = f"解析中にエラーが発生しました: {type(exc).__name__}"
                failures.append({"file": name, "reason": reason})
                new_files[name] = {"sha256": digest, "doc_id": None, "error": reason}
                continue
            new_files[name] = {"sha256": digest, "doc_id": parsed.document.doc_id}
            parsed_docs.append((parsed.document, parsed.passages))
        summary.removed = sorted(set(old_files) - set(new_files))
        summary.failed = failures
        summary.timings["parse"] = round(time.perf_counter() - t0, 3)

        # Records: unchanged documents keep theirs, in corpus order.
        keep_ids = {f["doc_id"] for n, f in new_files.items() if f.get("doc_id") and old_files.get(n) == f}
        new_doc_ids = {d.doc_id for d, _ in parsed_docs}
        documents: list[dict] = []
        passages: list[dict] = []
        if previous:
            documents = [d for d in previous.documents if d["doc_id"] in keep_ids]
            passages = [p for p in previous.passages if p["doc_id"] in keep_ids]
        for doc, ps in parsed_docs:
            documents.append(doc.to_dict())
            passages.extend(p.to_dict() for p in ps)
        order = {f["doc_id"]: i for i, f in enumerate(new_files.values()) if f.get("doc_id")}
        documents.sort(key=lambda d: order.get(d["doc_id"], 0))
        passages.sort(key=lambda p: order.get(p["doc_id"], 0))  # stable: keeps in-doc order

        building = store.new_building_dir(index_dir)
        try:
            t0 = time.perf_counter()
            if previous and not summary.full:
                shutil.copytree(previous.fulltext_path, building / "fulltext")
                ix = fulltext.open_index(building / "fulltext")
                removed_ids = {f["doc_id"] for n, f in old_files.items()
                               if f.get("doc_id") and f["doc_id"] not in keep_ids}
                fulltext.add_passages(ix, [p for _d, ps in parsed_docs for p in ps],
                                      remove_doc_ids=removed_ids | new_doc_ids)
            else:
                ix = fulltext.create(building / "fulltext")
                fulltext.add_passages(ix, [_passage(p) for p in passages])
            summary.timings["analyse_write"] = round(time.perf_counter() - t0, 3)

            t0 = time.perf_counter()
            vectors = None
            if embedder is not None:
                vectors, summary.embedded = _vectors_for(passages, previous, embedder, index_dir, progress)
            summary.timings["embed"] = round(time.perf_counter() - t0, 3)

            t0 = time.perf_counter()
            manifest = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "files": new_files,
                        "model": model_name, "model_key": model_key, "dim": int(vectors.shape[1]) if vectors is not None else None,
                        "documents": len(documents), "passages": len(passages)}
            store.write_generation(building, {"documents": documents, "passages": passages,
                                              "errors": failures}, manifest, vectors)
            final = store.publish(index_dir, building)
            summary.timings["write"] = round(time.perf_counter() - t0, 3)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
    summary.generation = final.name
    summary.documents, summary.passages = len(documents), len(passages)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _passage(d: dict) -> records.Passage:
    fields = {k: v for k, v in d.items() if k != "source"}
    return records.Passage(**fields)


def _vectors_for(passages: list[dict], previous, embedder, index_dir: Path, progress: bool):
    """Vectors aligned with `passages`: cached where possible, embedded otherwise."""
    texts = [embedding_text(p) for p in passages]
    cache = EmbeddingCache(Path(index_dir) / "embeddings.sqlite",
                           getattr(embedder, "cache_key", None) or embedder.model_name)
    try:
        known = cache.get_many(texts)
        from .embcache import text_key
        missing = sorted({t for t in texts if text_key(t) not in known})
        if missing:
            fresh = embedder.encode_passages(missing, show_progress=progress)
            cache.put_many(missing, fresh)
            known.update({text_key(t): v for t, v in zip(missing, fresh)})
        dim = next(iter(known.values())).shape[0] if known else getattr(embedder, "dim", 384)
        vectors = np.zeros((len(texts), dim), dtype=np.float32)
        for i, t in enumerate(texts):
            vectors[i] = known[text_key(t)]
        return vectors, len(missing)
    finally:
        cache.close()
