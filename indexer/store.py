"""Index generations on disk: build aside, switch atomically, read consistently.

Layout of the index folder (default var/index/):

    CURRENT                 line 1: the generation readers should open;
                            line 2: "previous <name>", the one it replaced
    gen-<stamp>/            a complete generation
        fulltext/           the Whoosh index
            spans/          the analysed terms of every indexed text with their
                            character spans (indexer.tokenspans; absent in
                            generations built before it existed)
            positions/      the bigram field's postings and positions of each
                            segment a full build wrote (indexer.positions;
                            likewise optional)
        records.json        documents, passages (display order) and file errors
        vectors.npy         passage embeddings, row i = passages[i] (optional;
                            an all-zero row = a passage not embedded yet)
        sentences.npy       float16 embeddings of the sentences of passages of
                            more than one sentence (indexer.sentences; optional)
        sentence_offsets.npy  passage i's sentences are rows offsets[i]:offsets[i+1]
        manifest.json       source files with content hashes, parser and
                            analyzer versions, model key, counts; each indexed
                            file's "first_indexed" and "last_changed" times
                            (`stamp_file_dates`)
        .pin                readers hold a shared lock on it while they use
                            the generation (see `pin`)
        .superseded         written when the generation stops being current
    .building-<stamp>/      a generation being built (never read; removed if stale)
    embeddings.sqlite       embedding cache keyed by model and text hash
    .lock                   held by the one reindex allowed at a time

A generation is written completely, fsync'ed, renamed from .building-* to
gen-*, and only then named in CURRENT (written to a temp file and renamed over
it, together with the name of the generation it replaces). A reader therefore
always opens a complete generation, and a killed build leaves the previous one
serving.

Clean-up (after each publish, under the reindex lock) never deletes the
current generation, the previous one, a generation superseded less than
`grace_seconds()` ago (the longest a request may still be reading it without a
pin), or a generation some live process has pinned. A generation that was
renamed into place but never became current (a crash between the rename and
the switch) is garbage and is removed by the next reindex, so the real
previous generation is the one kept.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CURRENT = "CURRENT"
KEEP_GENERATIONS = 2  # the current one and the previous one, at least
PIN = ".pin"
SUPERSEDED = ".superseded"
GRACE_ENV_VAR = "KYOTEN_GENERATION_GRACE"
DEFAULT_GRACE_SECONDS = 300.0


class IndexBusyError(RuntimeError):
    """Another reindex holds the lock."""


class IndexNotBuiltError(FileNotFoundError):
    """No complete generation exists yet."""


class GenerationGoneError(IndexNotBuiltError):
    """The generation asked for was removed by a clean-up; read CURRENT again."""


@dataclass
class Generation:
    path: Path
    documents: list[dict]
    passages: list[dict]
    errors: list[dict]
    manifest: dict
    vectors: np.ndarray | None
    sentences: "SentenceVectors | None" = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def fulltext_path(self) -> Path:
        return self.path / "fulltext"


def _pointer(index_dir: Path) -> tuple[str | None, str | None]:
    """(current, previous) from the CURRENT file; previous is None when unknown."""
    try:
        lines = (Path(index_dir) / CURRENT).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None, None
    current = lines[0].strip() if lines else ""
    previous = None
    for line in lines[1:]:
        key, _, value = line.strip().partition(" ")
        if key == "previous" and value.strip():
            previous = value.strip()
    return current or None, previous


def current_name(index_dir: Path) -> str | None:
    return _pointer(index_dir)[0]


def previous_name(index_dir: Path) -> str | None:
    """The generation the current one replaced (None for a first build or an
    index written before the previous generation was recorded)."""
    return _pointer(index_dir)[1]


def grace_seconds() -> float:
    """How long a superseded generation is kept for requests that may still read
    it without a pin: KYOTEN_GENERATION_GRACE seconds (default 300)."""
    raw = os.environ.get(GRACE_ENV_VAR)
    if raw is None or not raw.strip():
        return DEFAULT_GRACE_SECONDS
    try:
        return max(0.0, float(raw))
    except ValueError:
        return DEFAULT_GRACE_SECONDS


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
                      manifest, vectors, SentenceVectors.open(path))


SENTENCES = "sentences.npy"
SENTENCE_OFFSETS = "sentence_offsets.npy"


class SentenceVectors:
    """The sentence vectors of a generation, read from disk a passage at a time.

    At 3.5 sentences per passage they would be the largest thing a server holds
    (about 0.5 GB in float32 at 100k passages), and a query needs only those of its
    nearest passages: the offsets stay in memory, the float16 rows are read with
    `os.pread` when asked for (the page cache keeps the hot ones; the process holds
    none, unlike a memory map whose touched pages count in its resident size)."""

    def __init__(self, path: Path, offsets: np.ndarray, rows: int, dim: int, data_offset: int):
        self.path = Path(path)
        self.offsets = offsets
        self.rows, self.dim = rows, dim
        self._start = data_offset
        self._row_bytes = dim * 2
        self._fd = os.open(self.path, os.O_RDONLY)

    @classmethod
    def open(cls, gen_path: Path) -> "SentenceVectors | None":
        """The generation's sentence vectors, or None when it has none (built
        before they existed, or without a model) or they do not fit its records."""
        path, offsets_path = Path(gen_path) / SENTENCES, Path(gen_path) / SENTENCE_OFFSETS
        if not (path.exists() and offsets_path.exists()):
            return None
        try:
            offsets = np.load(offsets_path).astype(np.int64)
            mapped = np.load(path, mmap_mode="r")
            shape, dtype, start = mapped.shape, mapped.dtype, int(mapped.offset)
            del mapped
            if dtype != np.float16 or len(shape) != 2 or offsets.ndim != 1 or len(offsets) < 1 \
                    or offsets[-1] != shape[0] or (np.diff(offsets) < 0).any():
                raise ValueError("offsets and rows do not fit")
            return cls(path, offsets, int(shape[0]), int(shape[1]), start)
        except (OSError, ValueError) as exc:   # the passage vectors still serve
            log.warning("sentence vectors of %s unreadable (%s); not used", Path(gen_path).name, exc)
            return None

    def __del__(self):
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)
            self._fd = None

    def count(self, passages: np.ndarray) -> np.ndarray:
        """Number of sentences of each passage (0: one sentence, no rows of its own)."""
        passages = np.asarray(passages, dtype=np.int64)
        return self.offsets[passages + 1] - self.offsets[passages]

    def mapped(self) -> np.ndarray:
        """All the rows (float16), memory-mapped: for a reindex carrying the rows of
        unchanged passages into the next generation, not for serving."""
        return np.load(self.path, mmap_mode="r")

    def of(self, passages) -> tuple[np.ndarray, np.ndarray]:
        """(float32 rows, the position in `passages` each row belongs to) of the
        sentences of `passages`, in that order."""
        passages = np.asarray(passages, dtype=np.int64)
        counts = self.count(passages)
        total = int(counts.sum())
        out = np.empty((total, self.dim), dtype=np.float16)
        flat = out.reshape(-1).view(np.uint8)
        at = 0
        for i, c in zip(passages.tolist(), counts.tolist()):
            if c:
                nbytes = c * self._row_bytes
                flat[at:at + nbytes] = np.frombuffer(
                    os.pread(self._fd, nbytes, self._start + int(self.offsets[i]) * self._row_bytes), np.uint8)
                at += nbytes
        owner = np.repeat(np.arange(len(passages)), counts)
        return out.astype(np.float32), owner


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, data) -> None:
    text = json.dumps(data, ensure_ascii=False)   # the C encoder; json.dump streams in Python
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
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
    """Remove .building-* folders left by a killed build and .trash-* folders left
    by a killed clean-up (call while holding the lock)."""
    removed = []
    for pattern in (".building-*", ".trash-*"):
        for path in Path(index_dir).glob(pattern):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


FIRST_INDEXED = "first_indexed"
LAST_CHANGED = "last_changed"


def _entry_indexed(entry: dict | None) -> bool:
    """Whether a manifest file entry was indexed as a document (not a failed file)."""
    return bool(entry) and bool(entry.get("doc_id") or entry.get("doc_ids"))


def stamp_file_dates(files: dict, previous: dict | None, now: str) -> dict:
    """The manifest's file entries with when each indexed file was first indexed and
    when its content or its person-set metadata (sidecar) last changed, carried over
    from the generation it replaces (`previous`: that generation's files).

    A file new to the index (or indexed for the first time after failing) gets `now`
    for both; an unchanged one keeps its times (a re-parse for a new parser version is
    not a change of the report); a changed one keeps its first time and gets `now` as
    its last change. An entry of an index written before the times were recorded has
    none: its unknown times stay None (never guessed)."""
    previous = previous or {}
    out = {}
    for name, entry in files.items():
        if not _entry_indexed(entry):
            out[name] = entry
            continue
        old = previous.get(name)
        if not _entry_indexed(old):
            first, changed = now, now
        else:
            first = old.get(FIRST_INDEXED)
            same = old.get("sha256") == entry.get("sha256") and old.get("sidecar") == entry.get("sidecar")
            changed = old.get(LAST_CHANGED) if same else now
        out[name] = {**entry, FIRST_INDEXED: first, LAST_CHANGED: changed}
    return out


def document_dates(manifest: dict) -> dict[str, dict]:
    """{doc_id: {"first_indexed", "last_changed"}} from a generation's manifest (the
    times of the file each document was read from; None when not recorded)."""
    out: dict[str, dict] = {}
    for entry in (manifest.get("files") or {}).values():
        if not isinstance(entry, dict):
            continue
        dates = {FIRST_INDEXED: entry.get(FIRST_INDEXED), LAST_CHANGED: entry.get(LAST_CHANGED)}
        for doc_id in entry.get("doc_ids") or ([entry["doc_id"]] if entry.get("doc_id") else []):
            out[doc_id] = dates
    return out


def _current_files(index_dir: Path) -> dict:
    """The file entries of the current generation's manifest ({} when there is none or
    it cannot be read)."""
    name = current_name(index_dir)
    if not name:
        return {}
    try:
        manifest = json.loads((Path(index_dir) / name / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = manifest.get("files") if isinstance(manifest, dict) else None
    return files if isinstance(files, dict) else {}


def not_indexed(index_dir: Path, names) -> list[str]:
    """Of corpus-relative file names, those the current generation holds no document of
    (never indexed, or a reindex that should have read them failed or was stopped)."""
    files = _current_files(index_dir)
    return [name for name in names if not _entry_indexed(files.get(name))]


def write_generation(building: Path, data: dict, manifest: dict, vectors: np.ndarray | None,
                     sentences: tuple[np.ndarray, np.ndarray] | None = None) -> None:
    """`sentences`: (sentence vectors, offsets per passage) or None (see
    `SentenceVectors`); stored as float16. The manifest's file entries get their
    indexing times from the generation being replaced (the current one of the index
    folder `building` is in; `stamp_file_dates`)."""
    if isinstance(manifest.get("files"), dict):
        now = manifest.get("created") or time.strftime("%Y-%m-%dT%H:%M:%S%z")
        manifest = {**manifest, "files": stamp_file_dates(manifest["files"], _current_files(building.parent), now)}
    _write_json(building / "records.json", data)
    _write_json(building / "manifest.json", manifest)
    arrays = []
    if vectors is not None:
        arrays.append(("vectors.npy", np.ascontiguousarray(vectors, dtype=np.float32)))
    if sentences is not None:
        arrays.append((SENTENCES, np.ascontiguousarray(sentences[0], dtype=np.float16)))
        arrays.append((SENTENCE_OFFSETS, np.ascontiguousarray(sentences[1], dtype=np.int64)))
    for name, array in arrays:
        with open(building / name, "wb") as fh:
            np.save(fh, array)
            fh.flush()
            os.fsync(fh.fileno())
    (building / PIN).touch()
    for sub in (building / "fulltext",):
        if sub.is_dir():
            folders = [sub]
            for f in sorted(sub.rglob("*")):
                if f.is_file():
                    with open(f, "rb") as fh:
                        os.fsync(fh.fileno())
                elif f.is_dir():
                    folders.append(f)
            for folder in folders:
                _fsync_dir(folder)
    _fsync_dir(building)


def publish(index_dir: Path, building: Path, grace: float | None = None) -> Path:
    """Rename a finished build into place and point CURRENT at it, atomically,
    recording the generation it replaces; then clean up old generations."""
    index_dir = Path(index_dir)
    final = index_dir / building.name.replace(".building-", "gen-")
    os.rename(building, final)
    old = current_name(index_dir)
    pointer = final.name + "\n"
    if old and old != final.name and (index_dir / old).is_dir():
        _mark_superseded(index_dir / old)
        pointer += f"previous {old}\n"
    tmp = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:6]}"
    tmp.write_text(pointer, encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)
    cleanup_old(index_dir, grace)
    return final


def _mark_superseded(path: Path) -> None:
    try:
        (path / SUPERSEDED).write_text(f"{time.time():.3f}\n", encoding="utf-8")
    except OSError:  # a read-only old generation: it is then kept until pinned by nobody
        pass


def _superseded_at(path: Path) -> float | None:
    """When a generation stopped being current; None if it never was current."""
    try:
        return float((path / SUPERSEDED).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


@contextmanager
def pin(index_dir: Path, name: str):
    """Hold generation `name` while a request reads it: no clean-up, in this
    process or another, removes a pinned generation. Pins are shared locks on
    the generation's .pin file, so they end with the process that holds them
    (a killed server never leaves a generation pinned forever).

    Raises GenerationGoneError when the generation was already removed; the
    caller should read CURRENT again.
    """
    path = Path(index_dir) / name
    pin_path = path / PIN
    try:
        fd = os.open(pin_path, os.O_RDONLY | os.O_CREAT, 0o644)
    except FileNotFoundError:
        raise GenerationGoneError(f"索引の世代 {name} はもうありません") from None
    except PermissionError:  # a read-only index of an older layout: nothing cleans it up
        yield path
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(pin_path))
        except FileNotFoundError:
            same = False
        if not same:  # removed between our open and our lock
            raise GenerationGoneError(f"索引の世代 {name} はもうありません")
        yield path
    finally:
        os.close(fd)


def _remove_unless_pinned(path: Path) -> bool:
    """Remove a generation nobody has pinned; False when it is pinned."""
    try:
        fd = os.open(path / PIN, os.O_RDONLY | os.O_CREAT, 0o644)
    except OSError:  # gone already, or read-only
        return False
    trash = path.with_name(f".trash-{path.name}")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                return False
            raise
        os.rename(path, trash)  # atomic: a reader either pinned it before, or finds it gone
    finally:
        os.close(fd)
    shutil.rmtree(trash, ignore_errors=True)
    return True


def cleanup_old(index_dir: Path, grace: float | None = None) -> list[str]:
    """Remove generations no reader can need (call while holding the reindex lock).

    Kept: the current one, the previous one, any superseded less than `grace`
    seconds ago, any pinned by a live process. Removed: the rest, including a
    generation renamed into place that never became current. Returns the names
    removed."""
    index_dir = Path(index_dir)
    grace = grace_seconds() if grace is None else grace
    current, previous = _pointer(index_dir)
    if current and not (index_dir / current).is_dir():
        return []  # CURRENT points nowhere: leave everything for a person to look at
    # (no CURRENT at all: every generation is a first build that never became current)
    gens = sorted((p for p in index_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.name)
    if current and (previous is None or not (index_dir / previous).is_dir()):
        # an index written before the previous generation was recorded
        older = [g.name for g in gens if g.name < current]
        previous = older[-1] if older else None
    now = time.time()
    removed = []
    for gen in gens:
        if gen.name in (current, previous):
            continue
        superseded = _superseded_at(gen)
        if superseded is not None and now - superseded < grace:
            continue
        if _remove_unless_pinned(gen):
            removed.append(gen.name)
    return removed
