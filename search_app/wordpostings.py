"""The word field's postings in numpy arrays, derived from the stored token spans.

A keyword query's first run on a large index spent most of its keyword half
reading the postings of its rarer *word* terms from Whoosh: a term-dictionary
look-up per segment (for the postings, the scorer's term statistics and the
document frequency), then the posting blocks, all in Python (docs/benchmarks.md,
"Snippets, phrases and first queries …"). The index already stores, for every
indexed text, the terms the word field's analyser yields (`indexer.tokenspans`,
the same pass that counted the terms for Whoosh). So when a generation opens,
each segment's word-field postings - every (term, document) with the term's
count in the document - are computed from those tokens with numpy (one sort per
segment), held as CSR arrays (term -> its documents and frequencies), and the
keyword scorer reads a term there in microseconds.

Whoosh stays the reference: each term is kept only if its document frequency,
total frequency and largest frequency equal the statistics Whoosh stores for it
in that segment (read from the segment's term dictionary while deriving); any
other term - a text without stored tokens, a deleted document's posting, a token
the spans store leaves out - is answered by Whoosh, as before. So an index
without stored spans, a segment with deletions or an analyser that is not the
project's answers exactly as it did, only without the speed-up.
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger(__name__)

# lookup() answers
ABSENT = -1        # Whoosh has no such term in this segment
UNCHECKED = -2     # Whoosh has it, the derived postings do not match: ask Whoosh


class SegmentWords:
    """One segment's postings of one field: for each checked term, its documents
    (segment-local, ascending) and frequencies."""

    __slots__ = ("rows", "docs", "freqs", "_row_of", "_unchecked")

    def __init__(self, row_of: dict[bytes, int], unchecked: set[bytes], rows: np.ndarray,
                 docs: np.ndarray, freqs: np.ndarray):
        self._row_of = row_of          # term -> its number in `rows`
        self._unchecked = unchecked    # terms Whoosh has whose derived postings differ
        self.rows = rows               # int64[T + 1]: term k's postings are rows[k]:rows[k + 1]
        self.docs = docs               # uint32[P]
        self.freqs = freqs             # uint16 / uint32[P]

    def __len__(self) -> int:
        return len(self._row_of)

    @property
    def postings_count(self) -> int:
        return int(len(self.docs))

    def lookup(self, btext: bytes) -> int:
        """The term's number, ABSENT (not in this segment) or UNCHECKED (ask Whoosh)."""
        k = self._row_of.get(btext)
        if k is not None:
            return k
        return UNCHECKED if btext in self._unchecked else ABSENT

    def doc_frequency(self, k: int) -> int:
        return int(self.rows[k + 1] - self.rows[k])

    def postings(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(local documents as int64, frequencies as float64) of term number k."""
        a, b = int(self.rows[k]), int(self.rows[k + 1])
        return self.docs[a:b].astype(np.int64), self.freqs[a:b].astype(np.float64)


def derive(reader, field: str, spans, doc_rows: np.ndarray) -> SegmentWords:
    """The postings of `field` in one segment (`reader`, a Whoosh segment reader),
    from a token-spans store (`spans`: `indexer.tokenspans.TokenSpans`) and each
    segment-local document's row in that store (`doc_rows`, -1: unknown, e.g. a
    deleted document), checked term by term against the segment's own term
    statistics."""
    bounds, terms = spans.token_terms()
    local = np.flatnonzero(doc_rows >= 0)
    rows_of_docs = doc_rows[local].astype(np.int64)
    first = bounds[rows_of_docs].astype(np.int64)
    lengths = bounds[rows_of_docs + 1].astype(np.int64) - first
    total = int(lengths.sum())
    if total:
        # one 64-bit key per token of every document: term number, then document
        index_type = np.int32 if len(terms) < 1 << 31 else np.int64
        gather = np.repeat((first - (np.cumsum(lengths) - lengths)).astype(index_type), lengths)
        gather += np.arange(total, dtype=index_type)
        keys = terms[gather].astype(np.uint64)
        del gather
        keys <<= np.uint64(32)
        keys |= np.repeat(local.astype(np.uint64), lengths)
        keys.sort()
        new = np.empty(len(keys), dtype=bool)
        new[0] = True
        np.not_equal(keys[1:], keys[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        del new
        freqs = np.diff(np.append(starts, len(keys)))
        keys = keys[starts]
        del starts
        docs = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        keys >>= np.uint64(32)
        term_starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        numbers = keys[term_starts].astype(np.int64)
        del keys
        df = np.diff(np.append(term_starts, len(docs)))
        weight = np.add.reduceat(freqs, term_starts)
        max_weight = np.maximum.reduceat(freqs, term_starts)
    else:
        docs, freqs = np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
        term_starts = numbers = df = weight = max_weight = np.zeros(0, dtype=np.int64)
    # the store's term number -> its row among the derived terms
    row_of_number = dict(zip(numbers.tolist(), range(len(numbers))))
    whoosh = list(reader.iter_field(field))
    number_of = spans.numbers({btext.decode("utf-8") for btext, _info in whoosh})
    df_l, weight_l, max_l = df.tolist(), weight.tolist(), max_weight.tolist()
    row_of: dict[bytes, int] = {}
    unchecked: set[bytes] = set()
    for btext, info in whoosh:
        k = row_of_number.get(number_of.get(btext.decode("utf-8"), -1), -1)
        if k >= 0 and df_l[k] == info.doc_frequency() and weight_l[k] == info.weight() \
                and max_l[k] == info.max_weight():
            row_of[btext] = k
        else:
            unchecked.add(btext)
    top = int(freqs.max()) if len(freqs) else 0
    return SegmentWords(row_of, unchecked, np.append(term_starts, len(docs)).astype(np.int64), docs,
                        freqs.astype(np.uint16 if top < 1 << 16 else np.uint32))
