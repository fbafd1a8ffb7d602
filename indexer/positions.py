"""Term positions of one Whoosh segment's positions field, in numpy arrays.

Whoosh keeps each posting's positions as a pickled list of deltas, so checking
a phrase for thousands of candidate documents unpickles them one by one in
Python (most of a keyword query's first run on a large index). A full build
(`segmentwriter.BatchSegmentWriter` with ``positions_field``) writes the same
positions beside each segment it writes, and the keyword scorer reads those
with numpy; a segment without them (written by Whoosh's own writer: an
incremental update, a merge) is read from Whoosh as before.

Layout: ``fulltext/positions/<segment id>/``, memory-mapped:

    meta.json         {"format": 1, "field": name, "terms": T, "postings": P, "positions": N}
    terms.npy         bytes[T], ascending: the field's terms (UTF-8)
    term_rows.npy     int64[T + 1]: term t's postings are rows term_rows[t]:term_rows[t + 1]
    term_first.npy    int64[T]: the row of term t's first position
    docs.npy          uint32[P]: each posting's document (segment-local), ascending per term
    counts.npy        uint32[P]: each posting's number of positions
    positions.npy     uint16 or uint32[N]: the positions, posting after posting
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

FORMAT = 1
FOLDER = "positions"
_ARRAYS = ("terms", "term_rows", "term_first", "docs", "counts", "positions")


def segment_folder(index_folder: Path, segment_id: str) -> Path:
    return Path(index_folder) / FOLDER / segment_id


def write(folder: Path, field: str, terms: list[bytes], docs: list, counts: list, positions: list) -> None:
    """Write one segment's positions: for each term (ascending), its postings'
    documents (arrays of segment-local numbers), their position counts and the
    positions, each term's as one array (`docs[t]`, `counts[t]`, `positions[t]`)."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}-{uuid.uuid4().hex[:8]}")
    tmp.mkdir()
    try:
        sizes = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        lengths = np.fromiter((len(p) for p in positions), dtype=np.int64, count=len(positions))
        flat_positions = _concat(positions, np.uint32)
        small = not len(flat_positions) or int(flat_positions.max()) < 1 << 16
        arrays = {
            "terms": np.array(terms, dtype=f"S{max([len(t) for t in terms] or [1])}"),
            "term_rows": np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
            "term_first": np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
            if len(lengths) else np.zeros(0, dtype=np.int64),
            "docs": _concat(docs, np.uint32),
            "counts": _concat(counts, np.uint32),
            "positions": flat_positions.astype(np.uint16 if small else np.uint32),
        }
        for name in _ARRAYS:
            np.save(tmp / f"{name}.npy", arrays[name])
        meta = {"format": FORMAT, "field": field, "terms": len(terms), "postings": int(sizes.sum()),
                "positions": int(lengths.sum()),
                "max_position": int(flat_positions.max()) if len(flat_positions) else 0}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _concat(parts: list, dtype) -> np.ndarray:
    if not parts:
        return np.zeros(0, dtype=dtype)
    return np.concatenate([np.frombuffer(p, dtype=dtype) if not isinstance(p, np.ndarray) else p.astype(dtype)
                           for p in parts]) if any(len(p) for p in parts) else np.zeros(0, dtype=dtype)


def remove_stale(index_folder: Path, segment_ids) -> None:
    """Remove the positions of segments no longer in the index (merged away)."""
    root = Path(index_folder) / FOLDER
    if not root.is_dir():
        return
    keep = set(segment_ids)
    for path in root.iterdir():
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


class SegmentPositions:
    """One segment's stored positions (arrays memory-mapped)."""

    def __init__(self, folder: Path, meta: dict):
        self.folder = Path(folder)
        self.field = meta["field"]
        self.max_position = int(meta["max_position"])
        for name in _ARRAYS:   # the term list in memory (searched per phrase word), the rest mapped
            found = np.load(self.folder / f"{name}.npy", mmap_mode=None if name == "terms" else "r")
            setattr(self, name, found.view(np.ndarray))   # (slicing a memmap costs more)
        if not (len(self.terms) == meta["terms"] == len(self.term_rows) - 1 == len(self.term_first)
                and len(self.docs) == len(self.counts) == meta["postings"]
                and len(self.positions) == meta["positions"]):
            raise ValueError("array sizes do not match meta.json")

    @classmethod
    def open(cls, folder: Path, field: str) -> "SegmentPositions | None":
        """The stored positions of `field` in `folder`; None when there are none (a
        segment Whoosh's writer wrote) or they cannot be read (logged)."""
        try:
            meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("positions in %s unreadable (%s): read from Whoosh instead", folder, exc)
            return None
        if meta.get("format") != FORMAT or meta.get("field") != field:
            return None
        try:
            return cls(folder, meta)
        except (OSError, ValueError, KeyError) as exc:
            log.warning("positions in %s unreadable (%s): read from Whoosh instead", folder, exc)
            return None

    def _term(self, word: bytes) -> int:
        t = int(np.searchsorted(self.terms, word))
        return t if t < len(self.terms) and self.terms[t] == word else -1

    def consecutive(self, words: list[bytes], docs: np.ndarray) -> np.ndarray | None:
        """For each of the sorted segment-local `docs` (each holding every word),
        whether some position p has word i at p + i for every word i; None when a
        word or a document is not stored (the caller asks Whoosh)."""
        if not len(docs):
            return np.zeros(0, dtype=bool)
        keys = None
        shift = len(words)   # position p of word i is keyed p - i + shift: never below 1
        width = self.max_position + shift + 1
        for i, word in enumerate(words):
            t = self._term(word)
            if t < 0:
                return None
            a, b = int(self.term_rows[t]), int(self.term_rows[t + 1])
            term_docs = self.docs[a:b]
            at = np.searchsorted(term_docs, docs)
            if (at >= len(term_docs)).any() or (term_docs[np.minimum(at, len(term_docs) - 1)] != docs).any():
                return None
            counts = self.counts[a:b].astype(np.int64)
            first = int(self.term_first[t]) + np.concatenate([[0], np.cumsum(counts)[:-1]])
            n = counts[at]
            starts = np.repeat(first[at] - np.concatenate([[0], np.cumsum(n)[:-1]]), n) + np.arange(n.sum())
            pos = self.positions[starts].astype(np.int64) - i + shift
            owner = np.repeat(np.arange(len(docs), dtype=np.int64), n)
            found = np.unique(owner * width + pos)
            keys = found if keys is None else np.intersect1d(keys, found, assume_unique=True)
            if not len(keys):
                break
        held = np.zeros(len(docs), dtype=bool)
        held[(keys // width).astype(np.int64)] = True
        return held
