"""The semantic half: exact cosine search over the passage vectors.

Passages without a vector (all-zero rows: indexed while the model was missing)
are never ranked. A query whose best cosine stays below the floor found
nothing: junk ("あああ", a string of quotation marks) returns no passages.
"""

from __future__ import annotations

import numpy as np

CANDIDATES = 200
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
    k = min(limit, int(ok.sum()))
    if k <= 0:
        return []
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top])]
    return [(int(i), float(sims[i])) for i in top]


def neighbours(data, i: int) -> list[tuple[int, float]]:
    """All embedded passages by cosine to passage i (for 似た取組), best first."""
    if data.vectors is None or not data.embedded[i]:
        return []
    sims = data.vectors @ data.vectors[i]
    sims = np.where(data.embedded, sims, -np.inf)
    order = np.argsort(-sims)
    return [(int(j), float(sims[j])) for j in order if np.isfinite(sims[j])]
