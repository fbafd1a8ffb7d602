"""The semantic half: exact cosine search over the passage vectors.

Passages without a vector (all-zero rows: indexed while the model was missing)
are never ranked. A query whose best cosine stays below the floor found
nothing: junk ("あああ", a string of quotation marks) returns no passages.

The candidates are the best CANDIDATES *distinct texts*: exact copies of a text
(dedupe.DuplicateFinder.exact: the same goal in several years, a report copied
to another ward) are one candidate, its best-scoring copy. On an archive the
best cosines are copies of a few texts; without this the cut would hold a
couple of dozen texts and push every other one out of the semantic half. The
ward answer and the result list find the other copies themselves.
"""

from __future__ import annotations

import numpy as np

CANDIDATES = 200
HEAD_FACTOR = 4   # passages looked at first per distinct candidate wanted
# Raw cosine below which a passage is not a semantic match at all. e5 places
# every Japanese text at cosine ≳ 0.75 of any other; measured on the seed corpus,
# random Latin strings reach at most 0.797–0.817, while the best passage of every
# ward relevant to a dev query is at ≥ 0.837. (Queries with no content word at
# all — "あああ", "「」" — never reach the semantic half: see service.py.)
FLOOR = 0.82


def search(data, qvec: np.ndarray, mask: np.ndarray, limit: int = CANDIDATES,
           floor: float | None = None) -> list[tuple[int, float]]:
    """[(passage index, cosine)] best first, only embedded passages passing `mask`."""
    if data.vectors is None:
        return []
    floor = FLOOR if floor is None else floor
    sims = data.vectors @ qvec
    ok = mask & data.embedded & (sims >= floor)
    sims = np.where(ok, sims, -np.inf)
    available = int(ok.sum())
    if min(limit, available) <= 0:
        return []
    exact = data.duplicates.exact
    # a head a few times the cut usually holds `limit` distinct texts; when copies
    # fill it, look at everything (still one sort, no loop over passages)
    head = min(available, HEAD_FACTOR * limit)
    while True:
        top = np.argpartition(-sims, head - 1)[:head] if head < len(sims) else np.arange(len(sims))
        top = top[np.argsort(-sims[top], kind="stable")]
        top = top[np.isfinite(sims[top])]
        _groups, first = np.unique(exact[top], return_index=True)
        top = top[np.sort(first)]   # the best copy of each text, best first
        if len(top) >= limit or head >= available:
            break
        head = available
    return [(int(i), float(sims[i])) for i in top[:limit]]


def neighbours(data, i: int) -> list[tuple[int, float]]:
    """All embedded passages by cosine to passage i (for 似た取組), best first."""
    if data.vectors is None or not data.embedded[i]:
        return []
    sims = data.vectors @ data.vectors[i]
    sims = np.where(data.embedded, sims, -np.inf)
    order = np.argsort(-sims)
    return [(int(j), float(sims[j])) for j in order if np.isfinite(sims[j])]
