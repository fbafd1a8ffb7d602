"""Pseudo-relevance feedback (RM3-style) for queries whose words the reports do not use.

When a query word is out of the corpus vocabulary (an everyday word, an
abbreviation, a loan word the reports do not use) or the keyword half finds
little, the top fused passages — found mostly by the semantic half — are taken
as relevant: their terms, weighted by the passages' scores and by rarity
(tf·idf within the feedback set, RM1), give a few expansion terms that join the
keyword query at a low weight (RM3 interpolation with the original query).
Nothing here is learned from judged queries; the corpus is the only source.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from indexer import metadata, wareki
from indexer.analysis import analyze_terms

from .query import QUESTION_WORDS

ENABLED = True
FEEDBACK_DOCS = 5        # top fused passages taken as relevant
EXPANSION_TERMS = 5      # terms added
EXPANSION_WEIGHT = 0.3   # boost of the strongest expansion term (the query's own words: 1.0)
FEW_HITS = 3             # the keyword half "finds little" below this many passages
MAX_DF_SHARE = 0.1       # expansion terms must be rarer than this share of passages
MIN_TERM_CHARS = 2
# A query word the corpus never uses cannot be covered by any evidence unit; its
# stand-in for the ward answer is the strongest expansion terms (≥ this share of
# the best one's weight). 0 disables the stand-in.
STAND_IN_SHARE = 0.5


def unknown_terms(parsed, builder) -> list:
    """The query words feedback learns for: those no passage uses and no alternative the
    reports use bridges (`QueryBuilder.unmatched_terms`, the words the user is told of).

    A word Sudachi's dictionary bridges to one the reports use (送り迎え -> 送迎), or the
    glossary does (外遊び > プレイパーク, インスタ = Instagram), already has its stand-in;
    feedback for it added noise (zc01 外出 -> おでかけ: evidence recall 0.2 with feedback,
    0.6 without; docs/quality.md)."""
    return builder.unmatched_terms(parsed)


def wanted(parsed, builder, bm25_hits) -> bool:
    """Expand when a query word is unknown to the corpus or the keyword half finds little."""
    if not ENABLED or not parsed.terms:
        return False
    return bool(unknown_terms(parsed, builder)) or len(bm25_hits) < FEW_HITS


@lru_cache(maxsize=20_000)
def _terms(text: str) -> tuple[str, ...]:
    return tuple(analyze_terms(text))


def feedback_passages(fused: dict[int, float], exact=None) -> list[tuple[int, float]]:
    """The passages feedback learns from: the top FEEDBACK_DOCS fused, with their scores.

    `exact` (each passage's exact-copy group, `dedupe.DuplicateFinder.exact`): the best
    passage of each of the top FEEDBACK_DOCS distinct texts. An archive holds a paragraph
    in every year's report; five copies of one preamble are one document's evidence, not
    five (measured on the 360-report archive, docs/quality.md, arch17)."""
    ranked = sorted(fused.items(), key=lambda x: -x[1])
    if exact is None:
        return ranked[:FEEDBACK_DOCS]
    seen, top = set(), []
    for i, s in ranked:
        g = int(exact[i])
        if g not in seen:
            seen.add(g)
            top.append((i, s))
            if len(top) >= FEEDBACK_DOCS:
                break
    return top


def terms(data, builder, parsed, fused: dict[int, float]) -> list[tuple[str, float]]:
    """[(indexed term, boost)] learned from the top fused passages."""
    top = feedback_passages(fused, data.duplicates.exact)
    if not top:
        return []
    own = {t.term for t in parsed.terms}
    n = max(1, data.doc_count)
    weights: Counter[str] = Counter()
    for i, score in top:
        tf = Counter(_terms(data.passages[i]["text"]))
        length = sum(tf.values()) or 1
        for term, count in tf.items():
            weights[term] += score * count / length   # RM1: P(t|D)·P(Q|D)
    scored = []
    for term, w in weights.items():
        if term in own or len(term) < MIN_TERM_CHARS or term.isdigit() or not topical(term):
            continue
        df = builder.doc_frequency(term)
        if df == 0 or df > MAX_DF_SHARE * n:
            continue
        scored.append((w * math.log(n / df), term))
    scored.sort(reverse=True)
    chosen = scored[:EXPANSION_TERMS]
    if not chosen:
        return []
    best = chosen[0][0]
    return [(term, EXPANSION_WEIGHT * w / best) for w, term in chosen]


def topical(term: str) -> bool:
    """A term can stand for a topic: not a ward name (a filter, not a topic: it would
    promote one ward), not an era (令和) and not a question-frame word (どう)."""
    return not (term in QUESTION_WORDS or term in wareki.ERAS or metadata.wards_in_text(term))


def stand_in(parsed, builder, expanded: list[tuple[str, float]]):
    """A concept standing for the query's out-of-vocabulary words, or None.

    It weighs as the words it stands for: when every one of them is a verb, adjective or
    adverb (つながれる, 気軽に), the stand-in is a predicate and counts in a unit's coverage
    as the verb would (querybuild.PREDICATE_WEIGHT, wardanswer.PREDICATE_SHARE) — a guess
    at how the reports say what was done must not weigh more than the user's own verb."""
    from whoosh import query as Q

    from .querybuild import PREDICATE_WEIGHT, Concept, is_predicate, predicate_spans

    if not expanded or STAND_IN_SHARE <= 0:
        return None
    unknown = unknown_terms(parsed, builder)
    if not unknown:
        return None
    best = max(w for _t, w in expanded)
    words = [t for t, w in expanded if w >= STAND_IN_SHARE * best]
    spans = predicate_spans(parsed)
    verb = all(is_predicate(t, spans) for t in unknown)
    return Concept(" ".join(words), unknown[0].surface, Q.Or([Q.Term("text", t) for t in words]),
                   PREDICATE_WEIGHT if verb else 1.0, feedback=True, predicate=verb)
