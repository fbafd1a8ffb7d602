"""One ward's (and one year's) share of a search's results: what a ward card and
a cell of the ward × year grid count, and what their links list.

The rule, in one place: a ward's results are the results of the search that are
the ward's —

- its passages in the ranking (the passages above the relevance cut), and
- its copies of a text the ward answer claimed it with that other copies kept
  out of the ranking (wardanswer.claims: a report copied to another ward, a goal
  carried over to the next year), each at the score of the ranked copy —

every report's passage counted, a text found in several reports (the same goal
carried over year after year, a report filed for two wards) once per report. A
ward card's count is the number of the ward's passages; a grid cell's count is
the number of them about that fiscal year (a five-year summary counts in each year
it covers); the card's link 「この N 件を一覧で見る」 and the cell's link list exactly
them (the `result_ward` / `result_year` parameters of the search), near-duplicates
collapsed there as in the result list (one row, its copies listed under it as
「同様の記載」): the number is the list's `total_passages`, its rows its `total`.

The same rule counts every facet of a search (`Scope.facets`: its passages per ward,
fiscal year, section group, programme and document type), and `Scope.select` lists
any of those shares (`result_ward`, `result_year`, `result_section`,
`result_programme`, `result_doc_type`): a facet's number is the number of passages
in the list its link opens. So the numbers add up: the cards to the headline, a
year's grid column to its 年度 facet, the 区分 and 種別 facets to the headline.
(Until 2026-12-01 the cards and the facets counted near-duplicates once — within a
ward for a card, across wards for a facet — so on an archive of goals carried over
for twenty years no two of those numbers agreed.)

The search's own total and list (and its CSV) are all these results, every ward's
(`Scope.select()` with no share): the headline 「該当パッセージ N 件」 counts every
result a card counts, the claimed evidence outside the ranking following the ranking
at its ranked copy's score (none: at the end).

A ward filter (`ward=`, or a ward named in the query) is something else: a new
search within the ward's reports, whose relevance cut is relative to the ward's own
best passage, so it can list passages the search over every ward left below its cut.
"""

from __future__ import annotations

import numpy as np

from .params import NO_WARD  # the label of a report with no ward

# A passage spanning more years than this (a mislabelled range) counts in its first ones only.
MAX_SPAN_YEARS = 16

# Facet counting marks a (result, value) table up to this many cells (bytes), else sorts.
DENSE_CELLS = 1 << 23


def ward_labels(data, indices: np.ndarray) -> list[str]:
    """The ward each passage is shown under (NO_WARD for a report with no ward)."""
    return [w or NO_WARD for w in data.ward[np.asarray(indices, dtype=np.int64)].tolist()]


def _extras(data, ranked_idx: np.ndarray, group: np.ndarray, scores: np.ndarray,
            claimed: dict[str, list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The claimed evidence passages that are not in the ranking -> (passages, their
    group, their score): the group and score of a ranked exact copy of their text
    (none: their own exact group, score 0)."""
    in_ranking = set(ranked_idx.tolist())
    extra = [i for evidence in claimed.values() for i in evidence if i not in in_ranking]
    extra = np.array(list(dict.fromkeys(extra)), dtype=np.int64)
    if not len(extra):
        return extra, extra, np.zeros(0)
    codes = data.duplicates.exact[extra]
    if not len(ranked_idx):
        return extra, codes, np.zeros(len(extra))
    # the first (best-ranked) passage of each exact text in the ranking
    texts, first = np.unique(data.duplicates.exact[ranked_idx], return_index=True)
    k = np.minimum(np.searchsorted(texts, codes), len(texts) - 1)
    found = texts[k] == codes
    extra_group = np.where(found, group[first[k]], codes)
    extra_score = np.where(found, scores[first[k]], 0.0)
    return extra, extra_group, extra_score


class Scope:
    """The results of one search, by ward: built once per search from the ranking
    (`ranked`, best first), its near-duplicate groups (`group`, aligned with it)
    and the ward answer's claims."""

    def __init__(self, data, ranked: list[tuple[int, float]], group: np.ndarray,
                 claimed: dict[str, list[int]]):
        self.data = data
        idx = np.fromiter((i for i, _s in ranked), dtype=np.int64, count=len(ranked))
        scores = np.fromiter((s for _i, s in ranked), dtype=np.float64, count=len(ranked))
        group = np.asarray(group, dtype=np.int64)
        extra, extra_group, extra_score = _extras(data, idx, group, scores, claimed)
        # every result passage: the ranking, then the extras, merged by score (stable:
        # the ranking's own order is kept, an extra follows its ranked copy)
        all_idx = np.concatenate([idx, extra])
        all_group = np.concatenate([group, extra_group])
        all_score = np.concatenate([scores, extra_score])
        order = np.argsort(-all_score, kind="stable") if len(extra) else np.arange(len(all_idx))
        self.idx, self.group, self.score = all_idx[order], all_group[order], all_score[order]
        self.ward = np.array(ward_labels(data, self.idx), dtype=object)

    def select(self, ward: str | None = None, year: int | None = None, section: str | None = None,
               programme: int | None = None, doc_type: str | None = None) -> tuple[list[tuple[int, float]], np.ndarray]:
        """The passages of `ward` (a label: NO_WARD for no ward) about fiscal `year`, of
        `section` (a group or a kind), `programme` and `doc_type` (None: any), best
        first -> (ranking, its groups) for dedupe.collapse."""
        data, idx = self.data, self.idx
        keep = np.ones(len(idx), dtype=bool)
        if ward is not None:
            keep &= self.ward == ward
        if year is not None:
            keep &= self._about(idx, year)
        if section is not None:
            keep &= (data.group[idx] == section) | (data.section[idx] == section)
        if programme is not None:
            keep &= data.programme[idx] == programme
        if doc_type is not None:
            keep &= data.doc_type[idx] == doc_type
        idx, score = idx[keep], self.score[keep]
        return list(zip(idx.tolist(), score.tolist())), self.group[keep]

    def facets(self) -> dict[str, dict]:
        """The search's passages per ward, fiscal year, section group, programme and
        document type — each value's number is how many passages `select` with it lists
        (every report's copy of a text counted; a passage about several years counts in
        each; a passage without a ward, year or programme is not counted there) — values
        in order of their best result."""
        n = len(self.idx)
        result = np.arange(n, dtype=np.int64)   # each passage counts on its own
        counts = {name: _distinct(codes[self.idx], result, n, labels)
                  for name, codes, labels in self.data.facet_columns}
        lo = self.data.year_from[self.idx]
        hi = np.minimum(np.maximum(self.data.year_to[self.idx], lo), lo + MAX_SPAN_YEARS - 1)
        spans = np.where(lo > 0, hi - lo + 1, 0)
        years = np.repeat(lo, spans) + np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans)
        first = int(years.min()) if len(years) else 0
        counts["year"] = {str(first + y): c
                          for y, c in _distinct(years - first, np.repeat(result, spans), n, None).items()}
        return {name: counts[name] for name in ("ward", "year", "section", "programme", "doc_type")}

    def _about(self, idx: np.ndarray, year: int) -> np.ndarray:
        lo = self.data.year_from[idx]
        hi = np.maximum(self.data.year_to[idx], lo)
        hi = np.minimum(hi, lo + MAX_SPAN_YEARS - 1)
        return (lo > 0) & (lo <= year) & (year <= hi)

    def counts(self, ward: str) -> tuple[list[int], list[dict]]:
        """A ward's passages (best first; every report's copy of a text) and, per fiscal
        year, how many of them are about it: [{"year", "count"}], years ascending."""
        keep = self.ward == ward
        idx = self.idx[keep]
        per_year: dict[int, int] = {}
        lo = self.data.year_from[idx]
        hi = np.minimum(np.maximum(self.data.year_to[idx], lo), lo + MAX_SPAN_YEARS - 1)
        for a, b in zip(lo.tolist(), hi.tolist()):
            if a <= 0:
                continue
            for y in range(a, b + 1):
                per_year[y] = per_year.get(y, 0) + 1
        return idx.tolist(), [{"year": y, "count": per_year[y]} for y in sorted(per_year)]


def _distinct(codes: np.ndarray, result: np.ndarray, n_results: int, labels: list | None) -> dict:
    """{value (labels[code], or the code itself): number of distinct results (`result`:
    0..n_results-1, aligned with `codes`) holding it}, values in order of first
    appearance; a negative code (no value) is not counted. No sort when the
    results × values table is small: a mark per (result, value)."""
    keep = codes >= 0
    codes, result = codes[keep].astype(np.int64), result[keep].astype(np.int64)
    if not len(codes):
        return {}
    width = int(codes.max()) + 1
    if n_results * width <= DENSE_CELLS:
        seen = np.zeros(n_results * width, dtype=bool)
        seen[result * width + codes] = True
        n = seen.reshape(n_results, width).sum(axis=0)
    else:   # (many values: one sort of the (result, value) pairs)
        n = np.bincount(np.unique(result * width + codes) % width, minlength=width)
    first = np.full(width, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    present = np.flatnonzero(n)
    order = present[np.argsort(first[present], kind="stable")]
    return {(labels[c] if labels is not None else c): int(n[c]) for c in order.tolist()}
