"""The analysed terms of every indexed text with their character spans, written
with the keyword index, so a snippet marks a passage's words without analysing
the passage again when a query shows it.

A full build gets the spans from the same Sudachi pass that counts the terms
for Whoosh (`segmentwriter`, `analysis.SudachiTokenizer.term_spans`); an
incremental update analyses the passages it adds. The store is keyed by text
(a 64-bit BLAKE2b of the UTF-8 and the text's length), so it survives Whoosh
renumbering documents when segments merge, and a text repeated in many reports
is stored once.

Layout (a folder, `fulltext/spans/` of a generation; arrays memory-mapped):

    meta.json     {"format": 1, "texts": N, "tokens": M}
    keys.npy      uint64[N], ascending: each text's key
    lengths.npy   uint32[N]: each text's length in characters
    bounds.npy    int64[N + 1]: text k's tokens are rows bounds[k]:bounds[k + 1]
    terms.npy     uint32[M]: each token's term number (in vocab.json)
    starts.npy    uint16 or uint32[M]: each token's first character
    ends.npy      (same type)[M]: each token's end (exclusive)
    vocab.json    the terms, by number

A token is what the word field's analyzer yields at index time with a
non-empty span (what `search_app.snippets` used to get by analysing the text).
An index without the folder (built before it existed), or with a format this
code does not read, opens as `None`: snippets then analyse passages as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from array import array
from collections import OrderedDict
from itertools import chain, compress, repeat
from operator import lt
from pathlib import Path
from typing import Iterable

import numpy as np

from . import files

log = logging.getLogger(__name__)

FORMAT = 1
FOLDER = "spans"
_ARRAYS = ("keys", "lengths", "bounds", "terms", "starts", "ends")


def text_key(text: str) -> int:
    """A text's 64-bit key in the store."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


class SpansBuilder:
    """Collects the spans of texts (each distinct text once) into the arrays of
    a store; several builders (one per build process) are joined by `merge`."""

    def __init__(self):
        self._vocab: dict[str, int] = {}
        self._keys: dict[int, None] = {}
        self._lengths = array("I")
        self._bounds = array("q", [0])
        self._terms = array("I")
        self._starts = array("I")
        self._ends = array("I")

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, text: str, spans: dict[str, list[int]]) -> None:
        """`spans`: {term: [start, end, start, end, ...]} (analysis.index_term_spans);
        empty spans are left out."""
        key = text_key(text)
        if key in self._keys:
            return
        self._keys[key] = None
        vocab = self._vocab
        setdefault = vocab.setdefault
        numbers = [setdefault(term, len(vocab)) for term in spans]
        flats = spans.values()
        flat = list(chain.from_iterable(flats))
        starts, ends = flat[0::2], flat[1::2]
        terms = list(chain.from_iterable(map(repeat, numbers, [len(f) >> 1 for f in flats])))
        if not all(map(lt, starts, ends)):
            kept = list(map(lt, starts, ends))
            terms, starts, ends = (list(compress(column, kept)) for column in (terms, starts, ends))
        self._terms.extend(terms)
        self._starts.extend(starts)
        self._ends.extend(ends)
        self._lengths.append(len(text))
        self._bounds.append(len(self._terms))

    def arrays(self) -> dict:
        """The collected spans as plain arrays (picklable, for `merge` and `write`),
        texts in the order added."""
        return {"vocab": list(self._vocab),
                "keys": np.fromiter(self._keys, dtype=np.uint64, count=len(self._keys)),
                "lengths": np.frombuffer(self._lengths, dtype=np.uint32).copy(),
                "bounds": np.frombuffer(self._bounds, dtype=np.int64).copy(),
                "terms": np.frombuffer(self._terms, dtype=np.uint32).copy(),
                "starts": np.frombuffer(self._starts, dtype=np.uint32).copy(),
                "ends": np.frombuffer(self._ends, dtype=np.uint32).copy()}


def merge(parts: Iterable[dict]) -> dict:
    """One set of arrays from several (`SpansBuilder.arrays`, or a store read
    back with `read_arrays`): one vocabulary, each text once (its first
    occurrence), texts sorted by key."""
    vocab: dict[str, int] = {}
    keys, lengths, counts, terms, starts, ends = [], [], [], [], [], []
    for part in parts:
        if not len(part["keys"]):
            continue
        numbers = np.array([vocab.setdefault(t, len(vocab)) for t in part["vocab"]], dtype=np.uint32)
        keys.append(np.asarray(part["keys"], dtype=np.uint64))
        lengths.append(np.asarray(part["lengths"], dtype=np.uint32))
        counts.append(np.diff(np.asarray(part["bounds"], dtype=np.int64)))
        terms.append(numbers[np.asarray(part["terms"], dtype=np.int64)] if len(numbers) else
                     np.zeros(0, dtype=np.uint32))
        starts.append(np.asarray(part["starts"], dtype=np.uint32))
        ends.append(np.asarray(part["ends"], dtype=np.uint32))
    if not keys:
        return _empty()
    keys_all = np.concatenate(keys)
    counts_all = np.concatenate(counts)
    first_rows = np.concatenate([[0], np.cumsum(counts_all)[:-1]]).astype(np.int64)
    # each key once (the first), ascending
    _unique, first = np.unique(keys_all, return_index=True)
    order = first  # np.unique sorts by key; `first` is each key's first position
    sel_counts = counts_all[order]
    sel_first = first_rows[order]
    bounds = np.concatenate([[0], np.cumsum(sel_counts)]).astype(np.int64)
    rows = np.repeat(sel_first - bounds[:-1], sel_counts) + np.arange(bounds[-1], dtype=np.int64)
    return {"vocab": list(vocab), "keys": keys_all[order], "lengths": np.concatenate(lengths)[order],
            "bounds": bounds, "terms": np.concatenate(terms)[rows],
            "starts": np.concatenate(starts)[rows], "ends": np.concatenate(ends)[rows]}


def _empty() -> dict:
    return {"vocab": [], "keys": np.zeros(0, dtype=np.uint64), "lengths": np.zeros(0, dtype=np.uint32),
            "bounds": np.zeros(1, dtype=np.int64), "terms": np.zeros(0, dtype=np.uint32),
            "starts": np.zeros(0, dtype=np.uint32), "ends": np.zeros(0, dtype=np.uint32)}


def write(folder: Path, arrays: dict) -> None:
    """Write a store (merged arrays, keys ascending) as `folder`, replacing it:
    written beside it and renamed into place."""
    with files.replaced_folder(folder) as tmp:
        small = not len(arrays["ends"]) or int(np.max(arrays["ends"])) < 1 << 16
        offsets = np.uint16 if small else np.uint32
        for name in _ARRAYS:
            values = arrays[name]
            if name in ("starts", "ends"):
                values = np.asarray(values).astype(offsets)
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(values))
        (tmp / "vocab.json").write_text(json.dumps(arrays["vocab"], ensure_ascii=False), encoding="utf-8")
        meta = {"format": FORMAT, "texts": int(len(arrays["keys"])), "tokens": int(len(arrays["terms"]))}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def read_arrays(folder: Path) -> dict | None:
    """A store's arrays, read into memory (for an update); None when there is none
    this code can read."""
    spans = TokenSpans.open(folder)
    if spans is None:
        return None
    out = {name: np.array(getattr(spans, "_" + name)) for name in _ARRAYS}
    out["vocab"] = list(spans.vocab)
    return out


class TokenSpans:
    """A store opened for reading (arrays memory-mapped)."""

    def __init__(self, folder: Path, meta: dict):
        self.folder = Path(folder)
        self.meta = meta
        for name in _ARRAYS:   # (plain views of the mapped files: slicing a memmap costs more)
            setattr(self, "_" + name, np.load(self.folder / f"{name}.npy", mmap_mode="r").view(np.ndarray))
        self.vocab: list[str] = json.loads((self.folder / "vocab.json").read_text(encoding="utf-8"))
        self._numbers = {term: n for n, term in enumerate(self.vocab)}
        if not (len(self._keys) == len(self._lengths) == len(self._bounds) - 1 == meta["texts"]
                and len(self._terms) == len(self._starts) == len(self._ends) == meta["tokens"]):
            raise ValueError("array sizes do not match meta.json")
        self._tables: OrderedDict[int, tuple] = OrderedDict()
        self._asked: dict[frozenset, dict[str, int]] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, folder: Path) -> "TokenSpans | None":
        """The store in `folder`; None when there is none (an index built before
        stores existed) or it cannot be read (logged): callers analyse instead."""
        folder = Path(folder)
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("token spans in %s unreadable (%s): snippets analyse passages instead", folder, exc)
            return None
        if meta.get("format") != FORMAT:
            log.warning("token spans in %s have format %r, not %r: snippets analyse passages instead",
                        folder, meta.get("format"), FORMAT)
            return None
        try:
            return cls(folder, meta)
        except (OSError, ValueError, KeyError) as exc:
            log.warning("token spans in %s unreadable (%s): snippets analyse passages instead", folder, exc)
            return None

    def __len__(self) -> int:
        return len(self._keys)

    def rows(self, texts: list[str]) -> np.ndarray:
        """Each text's row in the store, -1 for a text it does not hold."""
        if not texts or not len(self._keys):
            return np.full(len(texts), -1, dtype=np.int64)
        keys = np.fromiter((text_key(t) for t in texts), dtype=np.uint64, count=len(texts))
        at = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        found = (self._keys[at] == keys) & (self._lengths[at].astype(np.int64) == lengths)
        return np.where(found, at, -1).astype(np.int64)

    def touch(self) -> int:
        """Read every page of the mapped arrays once (a generation opening for
        serving calls it in the background), so the first snippets of a query do
        not wait for the pages of their texts' tokens; returns the bytes touched.
        (At ~100k passages the store is ~25 MB, the pages the file system cache
        keeps anyway.)"""
        touched = 0
        for name in _ARRAYS:
            values = getattr(self, "_" + name)
            if len(values):
                step = max(1, 4096 // values.itemsize)   # one element per page
                int(values[::step].sum())
                touched += values.nbytes
        return touched

    def token_terms(self) -> tuple[np.ndarray, np.ndarray]:
        """(bounds, term numbers) of every stored text's tokens, memory-mapped: text
        k's tokens are terms[bounds[k]:bounds[k + 1]], numbered as in `vocab`."""
        return self._bounds, self._terms

    def numbers(self, terms) -> dict[str, int]:
        """{term: its number} for the terms the store has (a frozenset's answer is
        kept: one search asks for the same terms for every passage it shows)."""
        if terms.__class__ is frozenset:
            found = self._asked.get(terms)
            if found is None:
                if len(self._asked) >= 1024:
                    self._asked.clear()
                found = self._asked[terms] = self.numbers(set(terms))
            return found
        numbers = self._numbers
        return {t: numbers[t] for t in terms if t in numbers}

    def table(self, row: int) -> tuple[list[int], list[int], list[int]]:
        """One text's tokens, in text order: (term numbers, starts, ends); the recent
        ones are kept (the same passages recur in results)."""
        with self._lock:
            found = self._tables.get(row)
            if found is not None:
                self._tables.move_to_end(row)
                return found
        a, b = int(self._bounds[row]), int(self._bounds[row + 1])
        found = (self._terms[a:b].tolist(), self._starts[a:b].tolist(), self._ends[a:b].tolist())
        with self._lock:
            self._tables[row] = found
            while len(self._tables) > TABLES_KEPT:
                self._tables.popitem(last=False)
        return found

    def forget_tables(self) -> None:
        """Drop the decoded token tables kept from earlier calls of `table`."""
        with self._lock:
            self._tables.clear()

    def spans(self, row: int, terms) -> dict[str, list[tuple[int, int]]]:
        """{term: its spans in the text, in text order} for those of `terms` the
        text holds."""
        numbers, starts, ends = self.table(row)
        out = {}
        for term, number in self.numbers(terms).items():
            if number not in numbers:
                continue
            found = []
            k = numbers.index(number)
            while True:
                found.append((starts[k], ends[k]))
                k += 1
                if k >= len(numbers) or numbers[k] != number:   # a term's tokens are stored together
                    if number not in numbers[k:]:
                        break
                    k = numbers.index(number, k)
            out[term] = found
        return out


# Texts whose decoded tokens a reader keeps (about 3 KB each).
TABLES_KEPT = 8_192
