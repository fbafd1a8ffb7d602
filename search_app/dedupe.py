"""Near-duplicate passages: the same text in several reports, years or wards.

Reports repeat themselves — a goal carried over year after year, the
振り返りの視点 checklist in every five-year summary, boilerplate. A result list
shows such a text once, with the list of its copies.

Cheap by construction: at generation load every passage gets an exact
fingerprint (NFKC, whitespace and punctuation removed, ward names and fiscal
years blanked: a report copied to another ward or carried over to the next year
is the same text); per query, only the
head of the ranking (the candidates) is compared for near-identity — MinHash
signatures of 4-character shingles bucketed by bands, and a Jaccard ≥ 0.9
check on the pairs that collide. Nothing is ever compared against all passages.
Blanking the years costs ~50 µs per passage at load (measured on the
3,492-passage archive: 0.19 s). The band keys of every distinct text are
computed at load too, with numpy over all shingles at once (`band_keys`), so a
query only looks up the keys of its candidates (a query that first showed a
passage used to compute its signature then: a quarter of a first query).

Every exact copy of a text, anywhere in the generation, is one binary search
away (passages sorted by fingerprint once at load): the ward answer and a
collapsed result count the copies a ranking never held (a text copied into more
reports than the retrievers' candidate lists hold), within the query's filters.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import zlib

import numpy as np

from indexer import metadata, wareki

SHINGLE = 4
JACCARD = 0.9          # near-identical: at least 90% of the 4-character shingles shared
MIN_CHARS = 12         # shorter texts ("特になし") only collapse when identical
NEAR_CANDIDATES = 300  # head of the ranking compared for near-identity
PERMUTATIONS = 32
BANDS = 8             # 8 bands of 4 rows: pairs at Jaccard 0.9 collide with p ≈ 0.999
_SHINGLE_SETS = 5_000   # shingle sets of colliding passages kept
_PAIRS = 200_000
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_PRIME = (1 << 61) - 1
_RNG = np.random.default_rng(20261129)
_A = _RNG.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)


_BRACKETED_YEAR = re.compile(r"\((?:19[89]\d|20[0-4]\d)\)")
_WARD = re.compile("|".join(sorted(map(re.escape, set(metadata.YOKOHAMA_WARDS) | set(metadata.WARD_ALIASES)),
                                   key=len, reverse=True)))


def normalise(text: str) -> str:
    """The text as compared for duplicates: NFKC, lower case, no spaces or
    punctuation, and with ward names and fiscal-year mentions (令和5年度, R5,
    2023年度, a bracketed (2023) …) blanked — a copy differs from its original in where and when it
    was written, which the result's copy list shows (区・年度), not in what it says."""
    text = unicodedata.normalize("NFKC", text or "")
    # a western year in brackets, the usual companion of an era year (R3(2021),
    # R3年度末(2021)): the same mention of when, written twice
    text = _BRACKETED_YEAR.sub("(年)", text)
    years = wareki.find_years(text)
    for y in reversed(years):
        text = text[:y.start] + "年" + text[y.end:]
    text = _WARD.sub("区", text)
    return _PUNCT.sub("", text.lower())


def shingles(norm: str) -> set[str]:
    if len(norm) <= SHINGLE:
        return {norm}
    return {norm[i:i + SHINGLE] for i in range(len(norm) - SHINGLE + 1)}


def minhash(shingle_set: set[str]) -> np.ndarray:
    # A stable hash (not Python's salted str hash): the same texts collapse the
    # same way in every process and after every restart.
    h = np.fromiter((zlib.crc32(s.encode("utf-8")) & _PRIME for s in shingle_set), dtype=np.uint64,
                    count=len(shingle_set))
    return ((h[None, :] * _A[:, None] + _B[:, None]) % np.uint64(_PRIME)).min(axis=1)


def _exact_groups(norms: list[str]) -> np.ndarray:
    first: dict[str, int] = {}
    out = np.arange(len(norms), dtype=np.int64)
    for i, key in enumerate(norms):
        if key:
            out[i] = first.setdefault(key, i)
    return out


def _crc_table() -> np.ndarray:
    table = np.zeros(256, dtype=np.uint32)
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table[i] = c
    return table


_CRC_TABLE = _crc_table()


def _shingle_crcs(codepoints: np.ndarray) -> np.ndarray:
    """`zlib.crc32` of the UTF-8 of every SHINGLE-character window of `codepoints`
    (len - SHINGLE + 1 of them), all at once: the table-driven CRC-32 stepped over
    byte j of character k of every window, where the character has that byte."""
    cps = codepoints.astype(np.uint32)
    length = (1 + (cps >= 0x80) + (cps >= 0x800) + (cps >= 0x10000)).astype(np.uint8)
    lead = np.where(length == 1, cps, np.where(length == 2, 0xC0 | (cps >> 6), np.where(
        length == 3, 0xE0 | (cps >> 12), 0xF0 | (cps >> 18)))).astype(np.uint32)
    later = [(0x80 | ((cps >> (np.maximum(length.astype(np.int64) - 1 - j, 0) * 6).astype(np.uint32))
                      & 0x3F)).astype(np.uint32) for j in range(1, 4)]
    windows = len(cps) - SHINGLE + 1
    crc = np.full(windows, 0xFFFFFFFF, dtype=np.uint32)
    for k in range(SHINGLE):
        n = length[k:k + windows]
        for j, byte in enumerate([lead, *later]):
            if j and not (has := n > j).any():
                break
            stepped = _CRC_TABLE[(crc ^ byte[k:k + windows]) & 0xFF] ^ (crc >> 8)
            if j:
                np.copyto(crc, stepped, where=has)
            else:
                crc = stepped
    return crc ^ np.uint32(0xFFFFFFFF)


def band_keys(norms: list[str], chunk_chars: int = 2_000_000) -> np.ndarray:
    """(len(norms), BANDS) uint64: a hash of each band of each text's MinHash
    signature (`minhash(shingles(norm))`, exactly), 0 for a text shorter than
    MIN_CHARS (no signature)."""
    out = np.zeros((len(norms), BANDS), dtype=np.uint64)
    todo = [i for i, t in enumerate(norms) if len(t) >= MIN_CHARS]
    start = 0
    while start < len(todo):
        end, chars = start, 0
        while end < len(todo) and (chars < chunk_chars or end == start):
            chars += len(norms[todo[end]])
            end += 1
        rows = todo[start:end]
        texts = [norms[i] for i in rows]
        cps = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
        crcs = _shingle_crcs(cps).astype(np.uint64)
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        # the windows inside one text: its first len - SHINGLE + 1 start positions
        counts = lengths - SHINGLE + 1
        inside = np.repeat(offsets - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts) \
            + np.arange(counts.sum())
        h = crcs[inside]
        firsts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        mh = np.empty((len(rows), PERMUTATIONS), dtype=np.uint64)
        for p in range(PERMUTATIONS):  # the same uint64 arithmetic as `minhash`
            mh[:, p] = np.minimum.reduceat((h * _A[p] + _B[p]) % np.uint64(_PRIME), firsts)
        out[rows] = band_hash(mh)
        start = end
    return out


def band_hash(mh: np.ndarray) -> np.ndarray:
    """One uint64 per band of MinHash rows (never 0), mixing in the band number."""
    rows = PERMUTATIONS // BANDS
    keys = np.empty((len(mh), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(BANDS):
            x = np.full(len(mh), band + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
            for r in range(rows):
                x = (x ^ mh[:, band * rows + r]) * np.uint64(0xBF58476D1CE4E5B9)
                x ^= x >> np.uint64(31)
            keys[:, band] = x | np.uint64(1)
    return keys


class DuplicateFinder:
    """Duplicate groups of one generation's passages (exact at load, near per query)."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        norms = [normalise(t) for t in texts]
        self.exact = _exact_groups(norms)
        self._exact = self.exact.tolist()  # plain ints: read per candidate, per pair
        # every passage's exact copies, anywhere in the generation: passages sorted
        # by group, so a group's members are one slice (found by binary search)
        self._by_group = np.argsort(self.exact, kind="stable")
        self._group_sorted = self.exact[self._by_group]
        # band keys of each distinct text (a copy reads its group's row); 0: no signature
        first = np.nonzero(self.exact == np.arange(len(texts)))[0]
        self._keys = np.zeros((len(texts), BANDS), dtype=np.uint64)
        if len(first):
            self._keys[first] = band_keys([norms[i] for i in first.tolist()])
        self._keys = self._keys[self.exact]
        # the normalised text of each exact group (at its first passage; None at the
        # others): a query's first near-identity checks need not normalise again
        self._norms: list[str | None] = [None] * len(texts)
        for i in first.tolist():
            self._norms[i] = norms[i]
        # passage -> its shingles, for the passages whose band keys collide (the pairs
        # compared for near-identity)
        self._shingle_sets: dict[int, set[str]] = {}
        # pair (i, j) with i < j, as i * len(texts) + j -> near-identical or not: the same
        # heads recur across queries
        self._pairs: dict[int, bool] = {}
        self._lock = threading.Lock()

    def copies(self, members, allowed: np.ndarray | None = None) -> np.ndarray:
        """Every passage with the text of one result: `members` (its copies in a
        ranking, best first) first, then every other passage anywhere in the
        generation sharing an exact text with one of them, that passes `allowed`
        (a query's filter mask; None: no filter)."""
        return self.copies_many([members], allowed)[0]

    def copies_many(self, results: list, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`copies` of several results at once -> (passages, owner): owner[k] is the
        position in `results` of the result passages[k] is a copy of; each result's
        own members first, in the given order. A handful of numpy calls over the
        copies found by binary search in the group-sorted passages: nothing is
        compared and nothing else in the generation is scanned."""
        if not results:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        members = np.concatenate([np.asarray(m, dtype=np.int64) for m in results])
        member_owner = np.repeat(np.arange(len(results)), [len(m) for m in results])
        return self.copies_grouped(members, member_owner, allowed)

    def copies_grouped(self, members: np.ndarray, member_owner: np.ndarray,
                       allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`copies_many` of results given as one array of all their members, grouped
        by result (`member_owner`: each member's result, 0, 1, … ascending; see
        `ranked_members`)."""
        if not len(members):
            return members, member_owner
        groups, first = np.unique(self.exact[members], return_index=True)
        lo = np.searchsorted(self._group_sorted, groups)
        hi = np.searchsorted(self._group_sorted, groups + 1)
        counts = hi - lo
        # positions lo..hi-1 of every group, without a Python loop
        starts = np.repeat(lo - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
        found = self._by_group[starts + np.arange(counts.sum())]
        found_owner = np.repeat(member_owner[first], counts)
        given = np.zeros(len(self.exact), dtype=bool)
        given[members] = True
        keep = ~given[found]
        if allowed is not None:
            keep &= allowed[found]
        passages = np.concatenate([members, found[keep]])
        owner = np.concatenate([member_owner, found_owner[keep]])
        order = np.argsort(owner, kind="stable")
        return passages[order], owner[order]

    def _shingles(self, i: int) -> set[str]:
        """Passage i's shingle set (a passage in a bucket has a signature, i.e. at
        least MIN_CHARS normalised characters); kept for the recent ones, once per
        exact group (its passages share the normalised text)."""
        g = self._exact[i]
        with self._lock:
            found = self._shingle_sets.get(g)
            if found is not None:
                return found
        found = shingles(self._norms[g])
        with self._lock:
            if len(self._shingle_sets) >= _SHINGLE_SETS:
                self._shingle_sets.clear()
            self._shingle_sets[g] = found
        return found

    def near(self, i: int, j: int) -> bool:
        """Whether passages i and j share at least JACCARD of their shingles
        (both must have a signature); cached per pair."""
        key = i * len(self.texts) + j if i < j else j * len(self.texts) + i
        found = self._pairs.get(key)
        if found is not None:
            return found
        si, sj = self._shingles(i), self._shingles(j)
        a, b = len(si), len(sj)
        # |A & B| <= min(a, b) and |A | B| >= max(a, b): sizes this far apart never reach JACCARD
        if min(a, b) < JACCARD * max(a, b):
            found = False
        else:
            shared = len(si & sj)
            found = shared >= JACCARD * (a + b - shared)
        with self._lock:
            if len(self._pairs) >= _PAIRS:
                self._pairs.clear()
            self._pairs[key] = found
        return found

    def groups(self, indices: list[int]) -> dict[int, int]:
        """passage -> its group's representative, for the given candidates."""
        if not len(indices):
            return {}
        return dict(zip(indices, self.group_ids(indices).tolist()))

    def group_ids(self, indices) -> np.ndarray:
        """`groups` as an array aligned with `indices` (a ranking's passages, best
        first): each passage's group representative. A passage's group is its exact
        group (`exact`), joined with others when the head of the ranking holds
        near-identical texts (`_near_joins`)."""
        idx = np.asarray(indices, dtype=np.int64)
        out = self.exact[idx]
        root_of = self._near_joins(idx[:NEAR_CANDIDATES], out[:NEAR_CANDIDATES])
        if not root_of:
            return out
        # each joined group's root, looked up for every passage with one binary search
        gone = np.fromiter(root_of.keys(), dtype=np.int64, count=len(root_of))
        roots = np.fromiter(root_of.values(), dtype=np.int64, count=len(root_of))
        order = np.argsort(gone)
        gone, roots = gone[order], roots[order]
        k = np.minimum(np.searchsorted(gone, out), len(gone) - 1)
        return np.where(gone[k] == out, roots[k], out)

    def _near_joins(self, head: np.ndarray, head_exact: np.ndarray) -> dict[int, int]:
        """Union-find over the exact groups of `head` (a group's id is its first
        passage), joined when two texts of a MinHash bucket are near-identical:
        -> {joined group: the root of its group} (a root's id is the smallest of
        the groups it joined)."""
        root_of: dict[int, int] = {}        # a joined group -> its root
        holds: dict[int, list[int]] = {}    # a root -> the groups joined into it
        rget = root_of.get
        pairs = self._pairs
        n = len(self.texts)
        near = self.near
        for members, groups in self._buckets(head, head_exact):
            # each member's group, kept current as this bucket joins groups
            roots = [rget(g, g) for g in groups]
            first = roots[0]
            if roots.count(first) == len(roots):
                continue  # one group already: every scan stops at its first member
            for x in range(1, len(members)):
                gi = roots[x]   # i's group changes only when joined, which ends the scan
                i = members[x]
                for y in range(x):
                    gj = roots[y]
                    if gi == gj:
                        break
                    j = members[y]
                    found = pairs.get(i * n + j if i < j else j * n + i)   # as `near` keys it
                    if found is None:
                        found = near(i, j)
                    if found:
                        keep, gone = (gi, gj) if gi < gj else (gj, gi)
                        moved = holds.pop(gone, [])
                        moved.append(gone)
                        for g in moved:
                            root_of[g] = keep
                        holds.setdefault(keep, []).extend(moved)
                        roots = [keep if r == gone else r for r in roots]
                        break
        return root_of

    def _buckets(self, head: np.ndarray, head_exact: np.ndarray) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """The MinHash buckets holding two or more of the head's texts, each as
        (its members, their exact groups): the first
        passage of each exact group in `head` (its representative), bucketed by each
        band of its signature (its 64-bit band key: two different bands share one
        with probability ~2^-64, and a pair in a bucket is still compared on its
        shingles); buckets in the order of their first member and band, members in
        ranking order. A bucket with the same members as an earlier one (a
        near-duplicate pair collides in most bands) is left out: every pair it would
        join was joined, found apart, or is in one group already."""
        _groups, first = np.unique(head_exact, return_index=True)
        if len(first) < 2:
            return []
        reps = head[np.sort(first)]
        keys = self._keys[reps]
        has = keys[:, 0] != 0                 # texts too short to have a signature
        reps = reps[has]
        flat = keys[has].ravel()              # rep-major, band-minor: the order buckets open in
        if len(reps) < 2:
            return []
        order = np.argsort(flat, kind="stable")
        ordered = flat[order]
        same = ordered[1:] == ordered[:-1]
        if not same.any():
            return []
        # runs of equal keys in `ordered`: each run is one bucket, its positions ascending
        starts = np.nonzero(np.concatenate([[True], ~same]))[0]
        lengths = np.diff(np.concatenate([starts, [len(ordered)]]))
        multi = lengths > 1
        starts, lengths = starts[multi], lengths[multi]
        opened = order[starts]                # the position each bucket opened at
        by_opening = np.argsort(opened, kind="stable")
        starts, lengths = starts[by_opening], lengths[by_opening]
        # the members of the buckets, bucket after bucket (positions in `ordered`)
        at = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths) + np.arange(lengths.sum())
        rows = reps[order[at] // BANDS]
        members, groups = tuple(rows.tolist()), tuple(self.exact[rows].tolist())
        out, seen, a = [], set(), 0
        for n in lengths.tolist():
            bucket = members[a:a + n]
            if bucket not in seen:
                seen.add(bucket)
                out.append((bucket, groups[a:a + n]))
            a += n
        return out


def ranked_members(group: np.ndarray, ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ranked passages of each wanted group -> (members, owner): `ids` are a
    ranking's passages and `group` their groups (aligned); `wanted` distinct group
    ids. members are grouped by wanted group in the order of `wanted` (owner[k]:
    the position in `wanted` of members[k]'s group), best-ranked first within one."""
    if not len(wanted):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    by_id = np.argsort(wanted)
    sorted_wanted = wanted[by_id]
    k = np.minimum(np.searchsorted(sorted_wanted, group), len(wanted) - 1)
    at = np.flatnonzero(sorted_wanted[k] == group)
    owner = by_id[k[at]]
    order = np.argsort(owner, kind="stable")
    return ids[at[order]], owner[order]


def collapse(ranked: list[tuple[int, float]], group, finder: DuplicateFinder | None = None,
             allowed: np.ndarray | None = None,
             page: slice | None = None) -> tuple[list[tuple[int, float]], dict[int, list[int]]]:
    """Keep the best-ranked passage of each duplicate group; -> (kept, copies of each kept).

    `group`: each ranked passage's group (`DuplicateFinder.groups`: by passage; or
    `group_ids`: an array aligned with `ranked`). The copies are the group's other
    ranked passages; with `finder`, also every exact copy elsewhere in the generation
    passing `allowed` (the query's filter mask; None: no filter) — a text copied into
    more reports than a ranking holds still lists (and the ward × year grid still
    counts) every ward and year that has it. `page` (a slice of the kept results):
    the copies of those only (a result list shows one page; None: of all)."""
    n = len(ranked)
    if isinstance(group, np.ndarray):
        g = group
    else:
        g = np.fromiter((group.get(i, i) for i, _s in ranked), dtype=np.int64, count=n)
    _groups, first = np.unique(g, return_index=True)
    first.sort()
    kept = [ranked[p] for p in first.tolist()]
    chosen = first[page] if page is not None else first
    copies: dict[int, list[int]] = {}
    if not len(chosen):
        return kept, copies
    # each chosen result's group in the ranking, best first (its kept passage first)
    idx = np.fromiter((i for i, _s in ranked), dtype=np.int64, count=n)
    passages, owner = ranked_members(g, idx, g[chosen])
    if finder is not None:
        passages, owner = finder.copies_grouped(passages, owner, allowed)
    bounds = [0, *np.searchsorted(owner, np.arange(1, len(chosen))).tolist(), len(passages)]
    heads = idx[chosen].tolist()
    found = passages.tolist()
    for k, i in enumerate(heads):
        copies[i] = found[bounds[k] + 1:bounds[k + 1]]   # found[bounds[k]] is i itself
    return kept, copies
