"""The keyword half: BM25F over the Whoosh index (Sudachi words + character bigrams)."""

from __future__ import annotations

CANDIDATES = 200


def search(data, query, allowed: set[int] | None, limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """[(passage index, BM25 score)] best first; `allowed` = Whoosh docnums passing the filters."""
    if query is None:
        return []
    if allowed is not None and not allowed:
        return []  # Whoosh would read an empty filter as "no filter"
    hits = data.searcher().search(query, filter=allowed, limit=limit)
    out = []
    for h in hits:
        i = int(data.docnum_passage[h.docnum]) if h.docnum < len(data.docnum_passage) else -1
        if i >= 0:
            out.append((i, float(h.score)))
    return out
