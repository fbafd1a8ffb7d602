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

A passage of several sentences is also found by its best sentence: the sentence
vectors stored beside the passage vectors (indexer.store.SentenceVectors, read
per query for the nearest passages only) lift its cosine (`best_sentences`), on
the passage scale, so the floor, the fusion's band and the ward answer's
semantic claim keep reading passage cosines.

Semantic mode (`alone`: no keyword half beside it) lets a passage score as its best
sentence (ALONE_SENTENCE_WEIGHT 1.0, the best of n sentences put on the scale of one by
Sidak's correction, ALONE_SENTENCE_CHANCE): there a paraphrase's one answering line in a
passage of many is found by nothing else. Hybrid keeps half a lift with the expected-maximum
correction (docs/quality.md, "semantic30").
"""

from __future__ import annotations

import functools
from statistics import NormalDist

import numpy as np

CANDIDATES = 200
HEAD_FACTOR = 4   # passages looked at first per distinct candidate wanted
# Raw cosine below which a passage is not a semantic match at all. e5 places
# every Japanese text at cosine ≳ 0.75 of any other; measured on the seed corpus,
# random Latin strings reach at most 0.797–0.817, while the best passage of every
# ward relevant to a dev query is at ≥ 0.837. (Queries with no content word at
# all — "あああ", "「」" — never reach the semantic half: see service.py.)
FLOOR = 0.82

# A passage is also found by its best sentence (`best_sentences`): its cosine is lifted
# by SENTENCE_WEIGHT of what its best sentence scores beyond it, the sentences placed
# on the passage scale (0 = off). Looked at: the SENTENCE_POOL distinct texts nearest
# by passage cosine. Chosen on the dev set (docs/quality.md, "Sentence evidence").
SENTENCE_WEIGHT = 0.5
SENTENCE_POOL = 50
# How the best of a passage's n sentences is put on the scale of one sentence (see
# `best_sentences`): "expected", less the expected maximum of n standard normal draws;
# "sidak", the z whose chance equals the chance that the best of n reaches it,
# Phi^-1(Phi(z)^n) (`max_of_n_as_one`). Hybrid: "expected".
SENTENCE_CHANCE = "expected"
# Semantic mode (`search(..., alone=True)`): the passage scores as its best sentence, so
# placed (chosen by pooled leave-one-out over the 272 opened judged queries among
# {expected, sidak} x {0.5, 0.7, 1.0} x pool {50, 100}: docs/quality.md, "semantic30").
ALONE_SENTENCE_WEIGHT = 1.0
ALONE_SENTENCE_CHANCE = "sidak"


def cosines(data, qvec: np.ndarray) -> np.ndarray | None:
    """The query's cosine to every passage (None without vectors)."""
    return None if data.vectors is None else data.vectors @ qvec


def search(data, qvec: np.ndarray, mask: np.ndarray, limit: int = CANDIDATES,
           floor: float | None = None, sims: np.ndarray | None = None,
           alone: bool = False) -> list[tuple[int, float]]:
    """[(passage index, cosine)] best first, only embedded passages passing `mask`
    (the floor applies to the passage's own cosine; the cosine returned includes
    its best sentence's lift). `sims`: `cosines(data, qvec)` when the caller has
    them already (left unchanged). `alone`: semantic mode, the lift of
    ALONE_SENTENCE_WEIGHT / ALONE_SENTENCE_CHANCE."""
    if data.vectors is None:
        return []
    floor = FLOOR if floor is None else floor
    sims = cosines(data, qvec) if sims is None else sims
    ok = mask & data.embedded & (sims >= floor)
    weight, chance = (ALONE_SENTENCE_WEIGHT, ALONE_SENTENCE_CHANCE) if alone else (SENTENCE_WEIGHT, SENTENCE_CHANCE)
    if weight > 0 and getattr(data, "sentences", None) is not None:
        sims = best_sentences(data, qvec, sims, ok, weight, chance)
    sims = np.where(ok, sims, -np.inf)
    available = int(ok.sum())
    if min(limit, available) <= 0:
        return []
    _head, top = distinct_head(sims, available, data.duplicates.exact, limit)
    return [(int(i), float(sims[i])) for i in top[:limit]]


def distinct_head(scores: np.ndarray, available: int, exact: np.ndarray,
                  want: int) -> tuple[np.ndarray, np.ndarray]:
    """(the passages looked at, best first; the best copy of each text among them,
    best first) over `scores` (-inf: not a candidate; `available` finite ones).

    A head a few times `want` usually holds `want` distinct texts; when copies fill
    it, everything is looked at (still one sort, no loop over passages)."""
    head = min(available, HEAD_FACTOR * want)
    while True:
        top = np.argpartition(-scores, head - 1)[:head] if head < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[np.isfinite(scores[top])]
        _groups, first = np.unique(exact[top], return_index=True)
        if len(first) >= want or head >= available:
            return top, top[np.sort(first)]
        head = available


def best_sentences(data, qvec: np.ndarray, sims: np.ndarray, ok: np.ndarray,
                   weight: float | None = None, chance: str | None = None) -> np.ndarray:
    """Passage cosines lifted by their best sentence (a copy of `sims`); `weight` and
    `chance` default to SENTENCE_WEIGHT and SENTENCE_CHANCE.

    The SENTENCE_POOL distinct texts nearest by passage cosine (among `ok`) are looked
    at. Each of several sentences gets ``cos + SENTENCE_WEIGHT * max(0, s - cos)`` (its
    copies alike), where s is its best sentence placed on the pool's passage cosines:

    - by z-score: the sentence's standing among the pool's sentence cosines (its
      stored sentences, and its one-sentence passages' own cosines) at the same
      standing among the pool's passage cosines. The two scales differ (per query,
      sentence cosines average about 0.01 below passage cosines, and a passage's
      cosine grows with its length: correlation 0.4–0.5 with log length, none for
      sentences), so a raw sentence cosine is not comparable with a passage's;
    - less what the best of that passage's n sentences reaches by chance: the
      expected maximum of n standard normal draws, in passage standard deviations.
      The best of fifteen ordinary sentences stands out as much as one sentence
      that answers the query; without this, long passages of many bullets rose for
      their number (measured: docs/quality.md, "Sentence evidence"). That is
      `chance` "expected"; "sidak" corrects by the chance itself (`max_of_n_as_one`),
      which takes off as much from an ordinary best sentence but far less from one
      that stands out from every sentence of the pool (semantic30)."""
    weight = SENTENCE_WEIGHT if weight is None else weight
    chance = SENTENCE_CHANCE if chance is None else chance
    out = sims.copy()
    held = data.sentences
    available = int(ok.sum())
    if available == 0:
        return out
    exact = data.duplicates.exact
    found, distinct = distinct_head(np.where(ok, sims, -np.inf), available, exact, SENTENCE_POOL)
    candidates = distinct[:SENTENCE_POOL]   # one copy of each text
    rows, owner = held.of(candidates)
    embedded = np.any(rows != 0, axis=1) if len(rows) else np.zeros(0, dtype=bool)
    s, owner = rows[embedded] @ qvec, owner[embedded]
    counts = held.count(candidates)
    pool_c = sims[candidates].astype(np.float64)
    pool_s = np.concatenate([s, pool_c[counts == 0]])
    spread = pool_s.std()
    if len(s) == 0 or spread <= 0:
        return out
    z = (s - pool_s.mean()) / spread
    best = np.full(len(candidates), -np.inf)
    if chance == "sidak":
        np.maximum.at(best, owner, z)
        have = np.isfinite(best)
        best[have] = pool_c.mean() + pool_c.std() * max_of_n_as_one(best[have], counts[have])
    else:
        np.maximum.at(best, owner, pool_c.mean() + pool_c.std() * (z - expected_max(counts[owner])))
    lift = weight * np.where(np.isfinite(best), np.maximum(0.0, best - pool_c), 0.0)
    lifted = lift > 0
    if lifted.any():
        by_text = dict(zip(exact[candidates[lifted]].tolist(), lift[lifted].tolist()))
        copies = found[np.isin(exact[found], list(by_text))]   # the lifted texts' copies in the head
        out[copies] += np.array([by_text[g] for g in exact[copies].tolist()], dtype=out.dtype)
    return out


@functools.lru_cache(maxsize=256)
def _expected_max_of(n: int) -> float:
    return NormalDist().inv_cdf((n - 0.375) / (n + 0.25)) if n > 1 else 0.0


_NORMAL = NormalDist()


def max_of_n_as_one(z: np.ndarray, n: np.ndarray) -> np.ndarray:
    """The best of n standard scores as the one score equally likely by chance:
    Phi^-1(Phi(z)^n) (Sidak's correction; z itself for n <= 1). For an ordinary best
    (z 1.5 of 9 sentences: 0.09) it takes off about what `expected_max` does (1.49); for
    one that stands out (z 3.0 of 9: 2.25) far less."""
    out = np.asarray(z, dtype=np.float64).copy()
    for k, (zk, nk) in enumerate(zip(out.tolist(), np.asarray(n).tolist())):
        if nk > 1:
            out[k] = _NORMAL.inv_cdf(min(max(_NORMAL.cdf(zk) ** nk, 1e-12), 1 - 1e-12))
    return out


def expected_max(n: np.ndarray) -> np.ndarray:
    """Expected maximum of n standard normal draws, per element (Blom's
    approximation; 0 for n <= 1)."""
    return np.array([_expected_max_of(int(k)) for k in np.asarray(n).tolist()], dtype=np.float64)


def neighbours(data, i: int) -> list[tuple[int, float]]:
    """All embedded passages by cosine to passage i (for 似た取組), best first."""
    if data.vectors is None or not data.embedded[i]:
        return []
    sims = data.vectors @ data.vectors[i]
    sims = np.where(data.embedded, sims, -np.inf)
    order = np.argsort(-sims)
    return [(int(j), float(sims[j])) for j in order if np.isfinite(sims[j])]
