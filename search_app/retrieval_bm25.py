"""The keyword half: BM25F over the Whoosh index (Sudachi words + character bigrams).

Scored by `fastbm25` (numpy over the generation's posting arrays), which ranks
exactly as Whoosh's searcher does; `whoosh_search` is Whoosh's own path, kept
for comparison."""

from __future__ import annotations

import numpy as np

CANDIDATES = 200


def search(data, query, allowed: set[int] | None, limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """[(passage index, BM25 score)] best first; `allowed` = Whoosh docnums passing the filters."""
    if query is None:
        return []
    if allowed is not None and not allowed:
        return []  # Whoosh would read an empty filter as "no filter"
    docnums, scores = data.fast.top_arrays(data.searcher(), query, data.docnum_mask(allowed), limit)
    rows = np.full(len(docnums), -1, dtype=np.int64)
    known = docnums < len(data.docnum_passage)
    rows[known] = data.docnum_passage[docnums[known]]
    found = rows >= 0
    return list(zip(rows[found].tolist(), scores[found].tolist()))


def whoosh_search(data, query, allowed: set[int] | None, limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """The same as `search`, scored by Whoosh's matchers."""
    if query is None:
        return []
    if allowed is not None and not allowed:
        return []
    hits = data.searcher().search(query, filter=allowed, limit=limit)
    return _passages(data, [(h.docnum, float(h.score)) for h in hits])


def _passages(data, hits) -> list[tuple[int, float]]:
    out = []
    for docnum, score in hits:
        i = int(data.docnum_passage[docnum]) if docnum < len(data.docnum_passage) else -1
        if i >= 0:
            out.append((i, float(score)))
    return out
