"""Index generations on disk: build aside, switch atomically, read consistently.

Layout of the index folder (default var/index/):

    CURRENT                 name of the generation readers should open
    gen-<stamp>/            a complete generation
        fulltext/           the Whoosh index
        records.json        documents, passages (display order) and file errors
        vectors.npy         passage embeddings, row i = passages[i] (optional)
        manifest.json       source files with content hashes, model, counts
    .building-<stamp>/      a generation being built (never read; removed if stale)
    embeddings.sqlite       embedding cache keyed by model and text hash
    .lock                   held by the one reindex allowed at a time

A generation is written completely, fsync'ed, renamed from .building-* to
gen-*, and only then named in CURRENT (written to a temp file and renamed over
it). A reader therefore always opens a complete generation, and a killed build
leaves the previous one serving.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CURRENT = "CURRENT"
KEEP_GENERATIONS = 2


class IndexBusyError(RuntimeError):
    """Another reindex holds the lock."""


class IndexNotBuiltError(FileNotFoundError):
    """No complete generation exists yet."""


@dataclass
class Generation:
    path: Path
    documents: list[dict]
    passages: list[dict]
    errors: list[dict]
    manifest: dict
    vectors: np.ndarray | None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def fulltext_path(self) -> Path:
        return self.path / "fulltext"


def current_name(index_dir: Path) -> str | None:
    try:
        name = (Path(index_dir) / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name or None


def open_generation(index_dir: Path, name: str | None = None) -> Generation:
    index_dir = Path(index_dir)
    name = name or current_name(index_dir)
    if not name or not (index_dir / name).is_dir():
        raise IndexNotBuiltError(
            f"索引がまだありません: {index_dir}（`kyoten reindex` を実行してください）")
    path = index_dir / name
    data = json.loads((path / "records.json").read_text(encoding="utf-8"))
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    vectors = None
    if (path / "vectors.npy").exists():
        vectors = np.load(path / "vectors.npy", mmap_mode="r")
    return Generation(path, data["documents"], data["passages"], data.get("errors", []),
                      manifest, vectors)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, data) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())


@contextmanager
def reindex_lock(index_dir: Path, wait_seconds: float = 0.0):
    """Exclusive lock for building; waits up to `wait_seconds`, then IndexBusyError."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    fh = open(index_dir / ".lock", "a+")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusyError(
                        "別の再索引が実行中です。終わってからもう一度実行してください。") from None
                time.sleep(0.2)
        yield
    finally:
        try:
            fcntl.flock(fh, fcntl.LOCK_UN)
        finally:
            fh.close()


def new_building_dir(index_dir: Path) -> Path:
    # sortable by creation time, even for two builds within one second
    now = time.time_ns()
    stamp = (time.strftime("%Y%m%d-%H%M%S", time.localtime(now / 1e9))
             + f"-{now % 10**9:09d}-{uuid.uuid4().hex[:4]}")
    path = Path(index_dir) / f".building-{stamp}"
    path.mkdir(parents=True)
    return path


def remove_stale_builds(index_dir: Path) -> list[str]:
    """Remove .building-* folders left by a killed build (call while holding the lock)."""
    removed = []
    for path in Path(index_dir).glob(".building-*"):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path.name)
    return removed


def write_generation(building: Path, data: dict, manifest: dict, vectors: np.ndarray | None) -> None:
    _write_json(building / "records.json", data)
    _write_json(building / "manifest.json", manifest)
    if vectors is not None:
        with open(building / "vectors.npy", "wb") as fh:
            np.save(fh, np.ascontiguousarray(vectors, dtype=np.float32))
            fh.flush()
            os.fsync(fh.fileno())
    for sub in (building / "fulltext",):
        if sub.is_dir():
            for f in sub.iterdir():
                if f.is_file():
                    with open(f, "rb") as fh:
                        os.fsync(fh.fileno())
    _fsync_dir(building)


def publish(index_dir: Path, building: Path) -> Path:
    """Rename a finished build into place and point CURRENT at it, atomically."""
    index_dir = Path(index_dir)
    final = index_dir / building.name.replace(".building-", "gen-")
    os.rename(building, final)
    tmp = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:6]}"
    tmp.write_text(final.name + "\n", encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)
    cleanup_old(index_dir)
    return final


def cleanup_old(index_dir: Path, keep: int = KEEP_GENERATIONS) -> None:
    """Keep the current generation and the one before (readers may still hold it)."""
    index_dir = Path(index_dir)
    current = current_name(index_dir)
    gens = sorted((p for p in index_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.name)
    others = [g for g in gens if g.name != current]
    for old in others[: max(0, len(others) - (keep - 1))]:
        shutil.rmtree(old, ignore_errors=True)
