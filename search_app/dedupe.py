"""Near-duplicate passages: the same text in several reports, years or wards.

Reports repeat themselves — a goal carried over year after year, the
振り返りの視点 checklist in every five-year summary, boilerplate. A result list
shows such a text once, with the list of its copies. Fingerprints are computed
once per index generation (NFKC, whitespace and punctuation removed; exact hash,
then character-shingle Jaccard among passages sharing MinHash bands), never
per query over all passages.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

SHINGLE = 4
JACCARD = 0.9          # near-identical: at least 90% of the 4-character shingles shared
MIN_CHARS = 12         # shorter texts ("特になし") only collapse when identical
_PERMUTATIONS = 32
_BANDS = 8             # 8 bands of 4 rows: pairs at Jaccard 0.9 collide with p ≈ 0.999
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_PRIME = (1 << 61) - 1


def normalise(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or "").lower())


def _shingles(text: str) -> set[str]:
    if len(text) <= SHINGLE:
        return {text}
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def _hash(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") & _PRIME


def _minhash(shingles: set[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    h = np.fromiter((_hash(s) for s in shingles), dtype=np.uint64, count=len(shingles))
    # (a*h + b) mod p on uint64 with wrap-around: a cheap universal family
    return ((h[None, :] * a[:, None] + b[:, None]) % np.uint64(_PRIME)).min(axis=1)


def duplicate_groups(texts: list[str]) -> np.ndarray:
    """group[i] = the lowest index of the passage texts[i] duplicates (itself if unique)."""
    n = len(texts)
    parent = np.arange(n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return int(i)

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    norm = [normalise(t) for t in texts]
    exact: dict[str, int] = {}
    for i, t in enumerate(norm):
        if not t:
            continue
        if t in exact:
            union(exact[t], i)
        else:
            exact[t] = i
    rng = np.random.default_rng(20261129)
    a = rng.integers(1, _PRIME, size=_PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, _PRIME, size=_PERMUTATIONS, dtype=np.uint64)
    reps = [i for t, i in exact.items() if len(t) >= MIN_CHARS]
    shingles = {i: _shingles(norm[i]) for i in reps}
    rows = _PERMUTATIONS // _BANDS
    buckets: dict[tuple, list[int]] = {}
    for i in reps:
        sig = _minhash(shingles[i], a, b)
        for band in range(_BANDS):
            key = (band, sig[band * rows:(band + 1) * rows].tobytes())
            buckets.setdefault(key, []).append(i)
    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in checked or find(i) == find(j):
                    continue
                checked.add((i, j))
                si, sj = shingles[i], shingles[j]
                if len(si & sj) / len(si | sj) >= JACCARD:
                    union(i, j)
    return np.array([find(i) for i in range(n)], dtype=np.int64)


def collapse(ranked: list[tuple[int, float]], group: np.ndarray) -> tuple[list[tuple[int, float]], dict[int, list[int]]]:
    """Keep the best-ranked passage of each duplicate group; -> (kept, copies of each kept)."""
    kept: list[tuple[int, float]] = []
    first: dict[int, int] = {}
    copies: dict[int, list[int]] = {}
    for i, score in ranked:
        g = int(group[i])
        if g in first:
            copies[first[g]].append(i)
            continue
        first[g] = i
        copies[i] = []
        kept.append((i, score))
    return kept, copies
