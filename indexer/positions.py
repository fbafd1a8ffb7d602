"""Term positions of one Whoosh segment's positions field, in numpy arrays.

Whoosh keeps each posting's positions as a pickled list of deltas, so checking
a phrase for thousands of candidate documents unpickles them one by one in
Python (most of a keyword query's first run on a large index). A full build
(`segmentwriter.BatchSegmentWriter` with ``positions_field``) writes the same
positions beside each segment it writes (with each posting's document and position
count, which is its weight: a term's postings too), and the keyword scorer
reads those with numpy; a segment without them (written by Whoosh's own writer: an
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
import shutil
from pathlib import Path

import numpy as np

from . import files

log = logging.getLogger(__name__)

FORMAT = 1
FOLDER = "positions"
_ARRAYS = ("terms", "term_rows", "term_first", "docs", "counts", "positions")


def segment_folder(index_folder: Path, segment_id: str) -> Path:
    return Path(index_folder) / FOLDER / segment_id


def gram_codes(grams: list[str]) -> np.ndarray | None:
    """One uint64 per gram of one or two characters (the first character's code
    point in the high half, the second's, or 0, in the low half: ordered as the
    grams' UTF-8 bytes); None when a gram is longer."""
    if not grams:
        return np.zeros(0, dtype=np.uint64)
    try:
        pairs = np.array(grams, dtype="<U2").view(np.uint32).reshape(-1, 2).astype(np.uint64)
    except ValueError:
        return None
    if max(map(len, grams)) > 2:
        return None
    return (pairs[:, 0] << np.uint64(32)) | pairs[:, 1]


def _gram(code: int) -> bytes:
    low = code & 0xFFFFFFFF
    return (chr(code >> 32) + (chr(low) if low else "")).encode("utf-8")


def gram_bytes(codes: np.ndarray) -> list[bytes]:
    """The grams of `gram_codes` numbers, as UTF-8 bytes (the index's terms)."""
    return [_gram(c) for c in codes.tolist()]


def write_sequences(folder: Path, field: str, docs: list[int], codes: list[np.ndarray]) -> None:
    """Write one segment's positions from each document's gram codes in position
    order (`gram_codes`; the gram at position p is item p), documents ascending."""
    lengths = np.fromiter((len(c) for c in codes), dtype=np.int64, count=len(codes))
    all_codes = np.concatenate(codes) if codes else np.zeros(0, dtype=np.uint64)
    doc_of = np.repeat(np.asarray(docs, dtype=np.int64), lengths)
    position = np.arange(len(all_codes), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    order = np.argsort(all_codes, kind="stable")   # by gram; documents and positions stay ascending
    all_codes, doc_of, position = all_codes[order], doc_of[order], position[order]
    n = len(all_codes)
    new_term = np.ones(n, dtype=bool)
    new_term[1:] = all_codes[1:] != all_codes[:-1]
    new_posting = new_term.copy()
    new_posting[1:] |= doc_of[1:] != doc_of[:-1]
    posting_rows = np.flatnonzero(new_posting)
    term_rows_in_positions = np.flatnonzero(new_term)
    posting_term = np.cumsum(new_term)[posting_rows] - 1
    term_rows = np.searchsorted(posting_term, np.arange(len(term_rows_in_positions)))
    arrays = {
        "terms": gram_bytes(all_codes[term_rows_in_positions]),
        "term_rows": np.concatenate([term_rows, [len(posting_rows)]]).astype(np.int64),
        "term_first": term_rows_in_positions.astype(np.int64),
        "docs": doc_of[posting_rows].astype(np.uint32),
        "counts": np.diff(np.concatenate([posting_rows, [n]])).astype(np.uint32),
        "positions": position,
    }
    write(folder, field, arrays)


def write(folder: Path, field: str, arrays: dict) -> None:
    """Write one segment's positions (the arrays of the module docstring; `terms`
    a list of bytes, ascending)."""
    with files.replaced_folder(folder) as tmp:
        terms = arrays["terms"]
        flat = np.asarray(arrays["positions"])
        top = int(flat.max()) if len(flat) else 0
        out = dict(arrays, terms=np.array(terms, dtype=f"S{max([len(t) for t in terms] or [1])}"),
                   positions=flat.astype(np.uint16 if top < 1 << 16 else np.uint32))
        for name in _ARRAYS:
            np.save(tmp / f"{name}.npy", out[name])
        meta = {"format": FORMAT, "field": field, "terms": len(terms), "postings": int(len(out["docs"])),
                "positions": int(len(flat)), "max_position": top}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


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

    def postings(self, word: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(documents, position counts) of a term's postings, ascending (the counts
        are the postings' weights: the writer stores no boosted field); None when
        the term is not stored."""
        t = self._term(word)
        if t < 0:
            return None
        a, b = int(self.term_rows[t]), int(self.term_rows[t + 1])
        return self.docs[a:b].astype(np.int64), self.counts[a:b].astype(np.float64)

    def doc_frequency(self, word: bytes) -> int:
        """The number of postings of a term (0: not stored)."""
        t = self._term(word)
        return 0 if t < 0 else int(self.term_rows[t + 1] - self.term_rows[t])

    def consecutive(self, words: list[bytes], docs: np.ndarray) -> np.ndarray | None:
        """For each of the sorted segment-local `docs` (each holding every word),
        whether some position p has word i at p + i for every word i; None when a
        word or a document is not stored (the caller asks Whoosh)."""
        if not len(docs):
            return np.zeros(0, dtype=bool)
        keys = None
        shift = len(words)   # position p of word i is keyed p - i + shift: never below 1
        width = self.max_position + shift + 1
        # (in the stored type: searching the term's documents with another type
        # would convert all of them for every word)
        docs = np.asarray(docs).astype(self.docs.dtype)
        for i, word in enumerate(words):
            t = self._term(word)
            if t < 0:
                return None
            a, b = int(self.term_rows[t]), int(self.term_rows[t + 1])
            term_docs = self.docs[a:b]
            if b - a == len(docs) and (term_docs == docs).all():
                # every posting of the word is wanted (a rare word's phrase): its
                # positions are one stretch of the array, no gathering
                n = self.counts[a:b].astype(np.int64)
                first = int(self.term_first[t])
                pos = self.positions[first:first + int(n.sum())].astype(np.int64)
            else:
                at = np.searchsorted(term_docs, docs)
                if at[-1] >= len(term_docs) or (term_docs[at] != docs).any():   # (`at` ascends)
                    return None
                counts = self.counts[a:a + int(at[-1]) + 1].astype(np.int64)   # postings up to the last wanted
                n = counts[at]
                first = int(self.term_first[t]) + np.cumsum(counts)[at] - n   # each wanted posting's first row
                starts = np.repeat(first - (np.cumsum(n) - n), n) + np.arange(n.sum())
                pos = self.positions[starts].astype(np.int64)
            pos += shift - i
            owner = np.repeat(np.arange(len(docs), dtype=np.int64), n)
            found = owner * width + pos   # ascending: documents ascend, a posting's positions ascend
            if len(found) > 1 and (found[1:] <= found[:-1]).any():
                found = np.unique(found)
            keys = found if keys is None else keys[_members(keys, found)]
            if not len(keys):
                break
        held = np.zeros(len(docs), dtype=bool)
        held[(keys // width).astype(np.int64)] = True
        return held


def _members(keys: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Which of the ascending `keys` are in the ascending, non-empty `found` (no
    sorting of both together, as `np.intersect1d` does)."""
    at = np.minimum(np.searchsorted(found, keys), len(found) - 1)
    return found[at] == keys
