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

# The best sentence of a passage (MaxP) as evidence: see `best_sentences`.
# SENTENCE_WEIGHT (alpha) 0 = off.
SENTENCE_WEIGHT = 0.2
# How many passages (nearest by passage cosine, past the floor) have their sentences read.
SENTENCE_POOL = 50
# "z": a sentence's cosine is placed on the pool's passage cosines by its z-score within
# the pool's sentence cosines; "rank": by its rank (the passage cosine at the same
# quantile); "raw": the cosine itself (as measured and dropped, docs/quality.md).
SENTENCE_NORM = "z"
# A lifted passage scores at most the best passage cosine (the band of
# fusion.normalise_semantic stays where passage cosines put it).
SENTENCE_CAP = False


def search(data, qvec: np.ndarray, mask: np.ndarray, limit: int = CANDIDATES,
           floor: float | None = None) -> list[tuple[int, float]]:
    """[(passage index, cosine)] best first, only embedded passages passing `mask`."""
    if data.vectors is None:
        return []
    floor = FLOOR if floor is None else floor
    sims = data.vectors @ qvec
    ok = mask & data.embedded & (sims >= floor)
    if SENTENCE_WEIGHT > 0 and getattr(data, "sentences", None) is not None:
        sims = best_sentences(data, qvec, sims, ok)
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


def best_sentences(data, qvec: np.ndarray, sims: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """Passage cosines lifted by their best sentence (a copy of `sims`).

    The SENTENCE_POOL distinct texts nearest by passage cosine (among `ok`) are
    looked at; each of several sentences gets ``cos + SENTENCE_WEIGHT * max(0, s - cos)``
    (its copies alike), s its best sentence's cosine placed on the pool's passage
    cosines (SENTENCE_NORM). e5's cosines are higher for short texts, so a raw
    sentence cosine outranks whole passages whatever it says (docs/quality.md); its
    standing among the pool's sentences does not. The pool's sentence cosines are
    its stored sentences' and its one-sentence passages' own."""
    out = sims.copy()
    held = data.sentences
    found = np.flatnonzero(ok)
    if len(found) == 0:
        return out
    head = min(len(found), HEAD_FACTOR * SENTENCE_POOL)
    found = found[np.argpartition(-sims[found], head - 1)[:head]] if head < len(found) else found
    found = found[np.argsort(-sims[found], kind="stable")]
    exact = data.duplicates.exact
    _groups, first = np.unique(exact[found], return_index=True)
    candidates = found[np.sort(first)][:SENTENCE_POOL]   # one copy of each text
    rows, owner = held.of(candidates)
    embedded = np.any(rows != 0, axis=1) if len(rows) else np.zeros(0, dtype=bool)
    s, owner = rows[embedded] @ qvec, owner[embedded]
    if len(s) == 0:
        return out
    pool_c = sims[candidates].astype(np.float64)
    pool_s = np.concatenate([s, pool_c[held.count(candidates) == 0]])
    if SENTENCE_NORM == "z":
        spread = pool_s.std()
        placed = pool_c.mean() + pool_c.std() * (s - pool_s.mean()) / spread if spread > 0 \
            else np.full(len(s), pool_c.mean())
    elif SENTENCE_NORM == "zmax":
        spread = pool_s.std()
        placed = pool_c.mean() + pool_c.std() * (s - pool_s.mean()) / spread if spread > 0 \
            else np.full(len(s), pool_c.mean())
        n = held.count(candidates)[owner]
        placed = placed - pool_c.std() * _expected_max(n)
    elif SENTENCE_NORM == "rank":
        quantile = np.searchsorted(np.sort(pool_s), s, side="right") / len(pool_s)
        placed = np.quantile(pool_c, np.clip(quantile, 0.0, 1.0))
    else:
        placed = s
    best = np.full(len(candidates), -np.inf)
    np.maximum.at(best, owner, placed)
    lift = SENTENCE_WEIGHT * np.where(np.isfinite(best), np.maximum(0.0, best - pool_c), 0.0)
    if SENTENCE_CAP:
        lift = np.minimum(lift, pool_c.max() - pool_c)
    lifted = lift > 0
    if lifted.any():
        by_text = dict(zip(exact[candidates[lifted]].tolist(), lift[lifted].tolist()))
        copies = found[np.isin(exact[found], list(by_text))]   # the lifted texts' copies in the head
        out[copies] += np.array([by_text[g] for g in exact[copies].tolist()], dtype=out.dtype)
    return out


def _expected_max(n: np.ndarray) -> np.ndarray:
    """Expected maximum of n standard normal draws (Blom's approximation; 0 for n = 1)."""
    from statistics import NormalDist
    n = np.maximum(np.asarray(n, dtype=np.float64), 1.0)
    inv = np.vectorize(NormalDist().inv_cdf)
    return np.where(n > 1, inv((n - 0.375) / (n + 0.25)), 0.0)


def neighbours(data, i: int) -> list[tuple[int, float]]:
    """All embedded passages by cosine to passage i (for 似た取組), best first."""
    if data.vectors is None or not data.embedded[i]:
        return []
    sims = data.vectors @ data.vectors[i]
    sims = np.where(data.embedded, sims, -np.inf)
    order = np.argsort(-sims)
    return [(int(j), float(sims[j])) for j in order if np.isfinite(sims[j])]
