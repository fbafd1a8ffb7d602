"""Pseudo-relevance feedback in the vector space (Rocchio) for the semantic half.

The query vector moves towards the passages the first pass ranked best:

    q' = normalise(q + BETA · mean(feedback vectors) − GAMMA · mean(negative vectors))

(Rocchio 1971; the dense-retrieval form is Li et al.'s "Vector PRF", 2021/2022). The
feedback set is the FEEDBACK_DOCS best *distinct texts* (exact copies are one text:
on an archive the best passages are copies of a few texts) of a first pass (SOURCE):
"ranked", both halves fused with the keyword half coordinated by coverage as the
ranking is (the keyword half's literal evidence pulls the semantic half towards what
the query's words name); "fused", both halves without coordination; "semantic", the
semantic half alone (classic vector PRF); "keyword", the keyword half alone. The
feedback unit is a passage's vector or its sentence nearest the query (UNIT
"sentence"). The negative set (GAMMA > 0) is the distinct texts from rank
NEGATIVE_FROM of the semantic pass on, or (NEGATIVE "keyword") the keyword half's
best texts — what the keyword half already found, so the semantic half looks
elsewhere. ONLY_WHEN_EXPANDING / ONLY_QUESTIONS restrict it to the queries the
keyword half's feedback is for, or to questions.

What the refined vector does not change: the floor (a passage is a semantic match
only when the *query's* own cosine passes it: junk still finds nothing) and the
cosines the ward answer reads (the caller keeps the first pass's). FEEDBACK_DOCS 0
turns it off.
"""

from __future__ import annotations

import numpy as np

from . import retrieval_semantic

FEEDBACK_DOCS = 0      # k: distinct texts of the first pass taken as relevant (0 = off)
BETA = 0.1             # weight of their mean vector (the query's: 1)
GAMMA = 0.0            # weight of the negative set's mean vector
NEGATIVE_FROM = 50     # the negative set: distinct texts from this rank of the semantic pass on ...
NEGATIVE_DOCS = 20     # ... this many
NEGATIVE = "low"       # "low": those; "keyword": the keyword half's best NEGATIVE_DOCS texts
SOURCE = "ranked"      # the first pass feedback learns from: "ranked", "fused", "semantic", "keyword"
UNIT = "passage"       # "passage": its vector; "sentence": its sentence nearest the query
MODES = ("hybrid", "semantic")   # the modes that use it
# only for the queries the keyword half's feedback is for (a word the reports do not
# use, or few keyword hits: `expansion.wanted`)
ONLY_WHEN_EXPANDING = False
# only for questions (an interrogative, or a final か): their vector carries the
# question's own frame (どのように…しているか), which the feedback passages do not
ONLY_QUESTIONS = False
INTERROGATIVES = ("どう", "どの", "どんな", "何", "なに", "いかが")


def is_question(text: str) -> bool:
    text = text.strip().rstrip("?？。 ")
    return any(w in text for w in INTERROGATIVES) or text.endswith("か")


def wanted(mode: str, expanding: bool = False, text: str = "") -> bool:
    return FEEDBACK_DOCS > 0 and mode in MODES and (expanding or not ONLY_WHEN_EXPANDING) \
        and (not ONLY_QUESTIONS or is_question(text))


def distinct_top(data, ranking: dict[int, float] | list[tuple[int, float]], k: int,
                 start: int = 0) -> np.ndarray:
    """The best-scoring copy of the texts at distinct-text ranks start..start+k of
    `ranking` (passage -> score), only passages with a vector."""
    items = ranking.items() if isinstance(ranking, dict) else ranking
    ordered = sorted(items, key=lambda x: -x[1])
    exact = data.duplicates.exact
    seen: set[int] = set()
    out: list[int] = []
    for i, _s in ordered:
        if not data.embedded[i]:
            continue
        g = int(exact[i])
        if g in seen:
            continue
        seen.add(g)
        if len(seen) > start:
            out.append(i)
            if len(out) >= k:
                break
    return np.array(out, dtype=np.int64)


def unit_vectors(data, qvec: np.ndarray, passages: np.ndarray) -> np.ndarray:
    """One vector per feedback passage: its own, or (UNIT "sentence") its stored
    sentence nearest the query (a one-sentence passage: its own)."""
    rows = data.vectors[passages].astype(np.float32)
    if UNIT != "sentence" or getattr(data, "sentences", None) is None or len(passages) == 0:
        return rows
    sent, owner = data.sentences.of(passages)
    if len(sent) == 0:
        return rows
    ok = np.any(sent != 0, axis=1)
    sent, owner = sent[ok], owner[ok]
    cos = sent @ qvec
    best = np.full(len(passages), -np.inf)
    np.maximum.at(best, owner, cos)
    for r, (o, c) in enumerate(zip(owner.tolist(), cos.tolist())):
        if c == best[o]:
            rows[o] = sent[r]
    return rows


def refine(data, qvec: np.ndarray, semantic, fused, keyword) -> np.ndarray | None:
    """The vector added to the query: BETA · the mean of the first pass's best texts'
    vectors, less GAMMA · the negative set's (see the module docstring); None when
    there is nothing to learn from. `semantic`, `keyword`: each half's first pass
    [(passage, score)]; `fused`: both halves' (passage -> score; empty outside hybrid)."""
    passes = {"semantic": semantic, "fused": fused, "ranked": fused, "keyword": keyword}
    first = passes[SOURCE] or semantic
    top = distinct_top(data, first, FEEDBACK_DOCS)
    if len(top) == 0:
        return None
    shift = BETA * unit_vectors(data, qvec, top).astype(np.float64).mean(axis=0)
    if GAMMA > 0:
        if NEGATIVE == "keyword":   # what the keyword half already found: look elsewhere
            low = distinct_top(data, keyword, NEGATIVE_DOCS)
        else:
            low = distinct_top(data, semantic, NEGATIVE_DOCS, start=NEGATIVE_FROM)
        if len(low):
            shift -= GAMMA * data.vectors[low].astype(np.float64).mean(axis=0)
    return shift.astype(np.float32)


def search(data, qvec: np.ndarray, shift: np.ndarray | None, mask: np.ndarray) -> list[tuple[int, float]]:
    """The semantic half ranked by the moved query (floor and sentence lift read from
    the query itself: `retrieval_semantic.search`)."""
    return retrieval_semantic.search(data, qvec, mask, feedback=shift)
