"""A parsed query -> Whoosh queries: the keyword half's query and the query's concepts.

One `QueryBuilder` per search, bound to one generation (document frequencies)
and the glossary. It owns how words become clauses: the word, the mode-A parts
of a compound, character bigrams for rare katakana/Latin words and longer
compounds, and glossary synonyms weighted below the literal word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import query as Q

from indexer.analysis import SudachiTokenizer, analyze_query_terms, bigram_analyzer

SYNONYM_WEIGHT = 0.6
BIGRAM_WEIGHT = 0.3
PARTS_WEIGHT = 0.4
COMMON_WORD_SHARE = 0.2
RARE_WORD_SHARE = 0.05
# Verbs, adjectives and adverbs describe; nouns name the topic. "双子を育てる親"
# is about 双子, so matching only 育てる covers less of it.
PREDICATE_POS = ("動詞", "形容詞", "副詞")
PREDICATE_WEIGHT = 0.5

_KATAKANA_LATIN = re.compile(r"^[\u30a0-\u30ffｦ-ﾟA-Za-zＡ-Ｚａ-ｚ0-9０-９ー・]+$")
_TOKENIZER = SudachiTokenizer()


def bigrams(text: str) -> list[str]:
    return [t.text for t in bigram_analyzer()(text)]


def _bigram_clause(grams: list[str], boost: float = 1.0):
    return Q.Phrase("text_bigram", grams, boost=boost) if len(grams) > 1 \
        else Q.Term("text_bigram", grams[0], boost=boost)


@dataclass
class Concept:
    """One query word with its glossary synonyms: what a unit must mention to cover it."""

    term: str
    surface: str
    query: object       # Whoosh query: the word or any synonym
    weight: float       # POS weight (nouns 1.0, predicates 0.5)
    feedback: bool = False  # stands in from feedback words (expansion.stand_in), not the user's


class QueryBuilder:
    def __init__(self, data, glossary):
        self.data = data
        self.glossary = glossary

    # -- single words ---------------------------------------------------------------

    def needs_bigrams(self, term) -> bool:
        """Whether a query word also searches the bigram field.

        Sudachi keeps long katakana and Latin compounds whole (プレパパママクラス) and
        may cut a kanji compound differently in another context (多胎 + 児 inside
        "・多胎児（"), so such words also match as a character sequence — unless
        they are common words in their own right (サポート, 子育て), which the word
        index already finds and whose bigram phrases are the costliest to score."""
        if not (_KATAKANA_LATIN.match(term.surface) or len(term.surface) >= 3):
            return False
        return self.doc_frequency(term.term) <= RARE_WORD_SHARE * max(1, self.data.doc_count)

    def doc_frequency(self, term: str) -> int:
        return self.data.searcher().doc_frequency("text", term)

    def term_clause(self, term, weight: float, bigram: bool = True):
        subs = [Q.Term("text", term.term, boost=weight)]
        if len(term.parts) > 1:
            subs.append(Q.And([Q.Term("text", p) for p in term.parts], boost=weight * PARTS_WEIGHT))
        grams = bigrams(term.surface) if bigram and self.needs_bigrams(term) else []
        if grams:
            subs.append(_bigram_clause(grams, weight * BIGRAM_WEIGHT))
        return Q.Or(subs)

    def text_clause(self, text: str, weight: float, bigram: bool = True):
        terms = analyze_query_terms(text)
        if not terms:
            grams = bigrams(text)
            return _bigram_clause(grams, weight * BIGRAM_WEIGHT) if grams else None
        clauses = [self.term_clause(t, weight, bigram) for t in terms]
        return clauses[0] if len(clauses) == 1 else Q.And(clauses)

    # -- the whole query ----------------------------------------------------------------

    def scored_terms(self, parsed) -> list:
        """The query words worth scoring: a word found in most passages (支援 in
        "妊娠期支援") adds almost nothing to BM25 but costs the most to score, so it
        is left out when the query has rarer words. Concepts still count it."""
        limit = COMMON_WORD_SHARE * max(1, self.data.doc_count)
        rare = [t for t in parsed.terms if self.doc_frequency(t.term) <= limit]
        return rare or list(parsed.terms)

    def synonym_weight(self, surface: str, synonym: str) -> float:
        """A synonym counts at SYNONYM_WEIGHT of the word the user typed — including
        its rarity: a rarer synonym (双子 for 多胎児) must not outweigh the literal
        word through a higher idf, so its boost is scaled down to the literal's idf."""
        searcher = self.data.searcher()

        def idf(text: str) -> float:
            return max((searcher.idf("text", t.term) for t in analyze_query_terms(text)), default=0.0)

        literal, alternative = idf(surface), idf(synonym)
        if literal <= 0 or alternative <= 0:
            return SYNONYM_WEIGHT
        return SYNONYM_WEIGHT * min(1.0, literal / alternative)

    def synonyms(self, parsed) -> list[tuple[str, str]]:
        return self.glossary.expand_query_text(parsed.text)

    def build(self, parsed, extra: list[tuple[str, float]] = ()):
        """The keyword half's query; `extra` are (word, weight) expansion terms."""
        should = [self.term_clause(t, 1.0) for t in self.scored_terms(parsed)]
        seen = {t.term for t in parsed.terms}
        for surface, synonym in self.synonyms(parsed):
            # spellings the analyzer unifies (ふたご = 双子) count once
            key = " ".join(t.term for t in analyze_query_terms(synonym))
            if key in seen:
                continue
            seen.add(key)
            # synonyms search the word index only: their bigram phrases would cost
            # more than all the rest of the query
            clause = self.text_clause(synonym, self.synonym_weight(surface, synonym), bigram=False)
            if clause is not None:
                should.append(clause)
        for word, weight in extra:
            if word not in seen:
                seen.add(word)
                should.append(Q.Term("text", word, boost=weight))
        must = [_bigram_clause(g) for g in (bigrams(p) for p in parsed.phrases) if g]
        main = None
        if should and must:
            main = Q.AndMaybe(Q.And(must), Q.Or(should))
        elif must:
            main = Q.And(must)
        elif should:
            main = Q.Or(should)
        if main is not None and parsed.excluded:
            negs = [c for c in (self.text_clause(x, 1.0) for x in parsed.excluded) if c is not None]
            if negs:
                main = Q.AndNot(main, Q.Or(negs))
        return main

    def concepts(self, parsed) -> list[Concept]:
        """Each query word (and quoted phrase) as a concept: the word or any of its synonyms."""
        pairs = self.synonyms(parsed)
        pos_weight = {(m.start, m.end): PREDICATE_WEIGHT if m.pos and m.pos[0] in PREDICATE_POS else 1.0
                      for m in _TOKENIZER.morphemes(parsed.text, with_parts=False)}
        out = []
        for term in parsed.terms:
            clauses = [self.term_clause(term, 1.0)]
            for surface, synonym in pairs:
                if term.surface in surface or surface in term.surface:
                    clause = self.text_clause(synonym, 1.0, bigram=False)
                    if clause is not None:
                        clauses.append(clause)
            out.append(Concept(term.term, term.surface, Q.Or(clauses),
                               pos_weight.get((term.startchar, term.endchar), 1.0)))
        for phrase in parsed.phrases:
            grams = bigrams(phrase)
            if grams:
                out.append(Concept(phrase, phrase, _bigram_clause(grams), 1.0))
        return out

    def highlight_terms(self, parsed) -> tuple[set[str], set[str]]:
        terms = {t.term for t in parsed.terms}
        surfaces = {t.surface for t in parsed.terms} | set(parsed.phrases)
        for _surface, synonym in self.synonyms(parsed):
            surfaces.add(synonym)
            terms.update(t.term for t in analyze_query_terms(synonym))
        return terms, {s for s in surfaces if s.strip()}
