"""Concept coverage: how much of a query's meaning a ward's reports contain.

Each query word is a concept (the word or any of its glossary synonyms),
weighted by its inverse document frequency. A ward's coverage is the weighted
share of concepts that some passage of that ward matches. "外国籍 家庭 支援"
is about 外国籍; a ward whose reports only share 家庭 and 支援 covers little of
it and is not claimed as an answer, however well those common words score.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as Q

from indexer.analysis import SudachiTokenizer

# Verbs, adjectives and adverbs describe; nouns name the topic. "双子を育てる親"
# is about 双子, so a ward matching only 育てる covers less of it.
PREDICATE_POS = ("動詞", "形容詞", "副詞")
PREDICATE_WEIGHT = 0.5
_TOKENIZER = SudachiTokenizer()


def _pos_weights(text: str) -> dict[tuple[int, int], float]:
    return {(m.start, m.end): PREDICATE_WEIGHT if m.pos and m.pos[0] in PREDICATE_POS else 1.0
            for m in _TOKENIZER.morphemes(text, with_parts=False)}


def concepts(service, parsed) -> list[tuple[str, list, float]]:
    """[(term, [whoosh clauses: the word and its synonyms], POS weight), ...]."""
    pairs = service.glossary.expand_query_text(parsed.text)
    pos_weight = _pos_weights(parsed.text)
    out = []
    for term in parsed.terms:
        clauses = [service._term_clause(term, 1.0)]
        for surface, synonym in pairs:
            if term.surface in surface or surface in term.surface:
                clause = service._text_clause(synonym, 1.0, bigrams=False)
                if clause is not None:
                    clauses.append(clause)
        out.append((term.term, clauses, pos_weight.get((term.startchar, term.endchar), 1.0)))
    return out


def ward_coverage(service, parsed, allowed: set[int] | None) -> dict[str, float]:
    """ward -> share (0..1) of the query's idf-weighted concepts its passages match."""
    data = service.data
    found = concepts(service, parsed)
    if not found:
        return {}
    weights: list[float] = []
    wards_per_concept: list[set[str]] = []
    searcher = data.searcher()
    allowed_mask = None
    if allowed is not None:
        allowed_mask = np.zeros(len(data.docnum_ward_code), dtype=bool)
        allowed_mask[list(allowed)] = True
    for term_text, clauses, pos_weight in found:
        docnums = data.matching_docnums(Q.Or(clauses))
        if allowed_mask is not None:
            docnums = docnums[allowed_mask[docnums]]
        codes = np.unique(data.docnum_ward_code[docnums])
        wards = {data.ward_names[c] for c in codes if c >= 0}
        if not wards:
            continue  # nobody can cover a concept absent from the corpus
        # idf from how many passages match the concept (word or synonyms)
        idf = (searcher.idf("text", term_text) if searcher.doc_frequency("text", term_text)
               else _idf(data.doc_count, len(docnums)))
        weights.append(idf * pos_weight)
        wards_per_concept.append(wards)
    total = sum(weights)
    if not total:
        return {}
    coverage: dict[str, float] = {}
    for weight, wards in zip(weights, wards_per_concept):
        for ward in wards:
            coverage[ward] = coverage.get(ward, 0.0) + weight / total
    return coverage


def _idf(n_docs: int, df: int) -> float:
    import math
    return math.log(n_docs / (df + 1)) + 1
