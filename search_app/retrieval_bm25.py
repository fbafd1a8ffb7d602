"""The keyword half: BM25F over the Whoosh index (Sudachi words + character bigrams).

Scored by `fastbm25` (numpy over the generation's posting arrays), which ranks
exactly as Whoosh's searcher does; `whoosh_search` is Whoosh's own path, kept
for comparison."""

from __future__ import annotations

import numpy as np

CANDIDATES = 200


def search(data, query, allowed: set[int] | None, limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """[(passage index, BM25 score)] best first; `allowed` = Whoosh docnums passing the filters.

    The window is the best `limit` passages and, when copies of the same texts fill
    it (an archive repeats a paragraph in every year's report: on the 360-report
    archive the best 200 passages of a query were copies of a handful of texts),
    the best copy of each further text until `limit` distinct texts are in — as
    the semantic half counts its candidates in texts. The copies in the window
    stay (the ward answer and the list count them); they no longer keep other
    texts out."""
    if query is None:
        return []
    if allowed is not None and not allowed:
        return []  # Whoosh would read an empty filter as "no filter"
    mask = data.docnum_mask(allowed)
    docnums, scores = data.fast.top_arrays(data.searcher(), query, mask, limit)
    rows, scores = _rows(data, docnums, scores)
    exact = getattr(getattr(data, "duplicates", None), "exact", None)
    if exact is None or len(rows) < limit or len(np.unique(exact[rows])) >= limit:
        return list(zip(rows.tolist(), scores.tolist()))
    # copies fill the window: every match, ranked, and the first copy of each text
    # after the window's until `limit` texts are in
    docnums, scores = data.fast.top_arrays(data.searcher(), query, mask, None)
    rows, scores = _rows(data, docnums, scores)
    return [(int(i), float(s)) for i, s in zip(*distinct_window(rows, scores, exact, limit))]


def matching(data, query) -> np.ndarray:
    """A boolean array over passages: those `query` matches (unscored; all False for None)."""
    hit = np.zeros(data.n, dtype=bool)
    if query is None:
        return hit
    docnums = np.fromiter(data.searcher().docs_for_query(query), dtype=np.int64)
    docnums = docnums[docnums < len(data.docnum_passage)]
    rows = data.docnum_passage[docnums]
    hit[rows[rows >= 0]] = True
    return hit


def distinct_window(rows: np.ndarray, scores: np.ndarray, exact: np.ndarray,
                    limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Of a ranking (`rows` best first, `scores`), the first `limit` passages and the
    first passage of every text (`exact`: each passage's exact-copy group) among the
    first `limit` distinct texts, in ranking order."""
    groups = exact[rows]
    _g, first = np.unique(groups, return_index=True)
    is_first = np.zeros(len(rows), dtype=bool)
    is_first[first] = True
    # the rank of each text by its first (best) passage
    text_rank = np.cumsum(is_first) - 1
    keep = np.arange(len(rows)) < limit
    keep |= is_first & (text_rank < limit)
    return rows[keep], scores[keep]


def _rows(data, docnums: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whoosh document numbers -> passage indexes (documents without one left out)."""
    rows = np.full(len(docnums), -1, dtype=np.int64)
    known = docnums < len(data.docnum_passage)
    rows[known] = data.docnum_passage[docnums[known]]
    found = rows >= 0
    return rows[found], scores[found]


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
