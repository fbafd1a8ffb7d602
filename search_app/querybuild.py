"""A parsed query -> Whoosh queries: the keyword half's query and the query's concepts.

One `QueryBuilder` per search, bound to one generation (document frequencies)
and the glossary. It owns how words become clauses: the word, the mode-A parts
of a compound, character bigrams for rare katakana/Latin words and longer
compounds, and synonyms weighted below the literal word.

Synonyms come from two sources, in one rule (`QueryBuilder.synonyms`): the
staff-edited glossary (the domain vocabulary) first; then, for the query words
the glossary does not know, Sudachi's general synonym dictionary
(`indexer.general_synonyms`: 送り迎え -> 送迎, お年寄り -> 高齢者) at a lower weight.
The glossary's narrower terms (`外遊び > プレイパーク`) are weaker still: related
words, not the same thing, looked for only when the reports use neither the word nor
any of its glossary synonyms (NARROWER_ONLY_UNKNOWN). Weak alternatives (narrower
terms, loose general groups) then stand in for the word (`Concept.feedback`: lower
weight, never a specific word that claims a ward).

A glossary term of several words the reports do not use (a staff line 入園相談 = 入所相談)
is matched as the term, and the words inside it keep their own groups (入園 -> 就園) and
Sudachi's synonyms (INNER_WEIGHT, `inner_expansions`).

An alternative of several words (情報提供: 情報 + 提供) is a term, not a bag of words: it
matches where its words stand adjacent and in order, as a quoted phrase does (the same
bigram phrase, `alternative_clause`), so 提供 in a 提供会員 passage and 情報 elsewhere in it
do not make 情報発信's synonym match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from whoosh import query as Q

from indexer.analysis import SudachiTokenizer, analyze_query_terms, bigram_analyzer
from indexer.general_synonyms import general_synonyms

SYNONYM_WEIGHT = 0.6
# A word the reports never write (引っ越し, 外国籍, 会合) can only be found through its
# alternatives, and their discount -- the typed word is the better evidence -- has nothing
# to prefer there: it only made the concept weigh less than the query's other words, so
# 「引っ越してきた家庭への周知」 ranked passages on 家庭 + 周知 above the one on 転入者. For
# such a word a glossary synonym (the same meaning, by the glossary's own rule) is searched
# as the word itself (ABSENT_SYNONYM_WEIGHT) and a Sudachi synonym at ABSENT_GENERAL_BOOST
# times its weight (1.2, chosen by leave-one-out over the 208 older opened judged queries);
# a related word (a narrower term, a loose Sudachi group: `Synonym.weak`) keeps its weight
# (docs/quality.md, recall28).
ABSENT_SYNONYM_WEIGHT = 1.0
ABSENT_GENERAL_BOOST = 1.2
# Sudachi's general synonyms, the glossary's fallback (measured in docs/quality.md,
# "General synonyms"):
GENERAL_ENABLED = True
GENERAL_WEIGHT = 0.5          # below a glossary synonym (0.4-0.6 measured alike, 0.8 worse)
# Only words the reports never use are expanded (0: document frequency 0). Expanding
# rarer words too (育児 -> 子育て at 0.05, 学生 -> 生徒 at 0.02) cost dev and held-out claims.
GENERAL_MAX_SHARE = 0.0
# ... and only to synonyms found in at most this share of passages: a synonym in half
# the corpus (子育て for 育児) matches everything and answers nothing.
GENERAL_TARGET_MAX_SHARE = 0.1
# A group of more lexemes than this is a thesaurus cluster, not a synonym set (介護 看護
# 看病 介添え 介錯 介助 介抱: 7; the largest 1% of Sudachi's groups): a word the reports
# never use, found only through such a group, is a stand-in concept -- at this share
# of its weight and never a specific word that alone lets a unit answer.
GENERAL_LOOSE_LEXEMES = 5
GENERAL_LOOSE_WEIGHT = 0.5
# The glossary's narrower terms (a `broader > narrower` line): a query for the broader
# term also looks for them, below a general synonym; they are related words, so they
# stand in for the query word only when the reports use neither it nor a synonym.
NARROWER_WEIGHT = 0.4
# Narrower terms of a word the reports use (SNS > LINE, 周知 > チラシ) only add noise to its
# ranking; like Sudachi's synonyms they are looked for only when the reports use neither
# the word nor any of its glossary synonyms (False: always).
NARROWER_ONLY_UNKNOWN = True
BIGRAM_WEIGHT = 0.3
PARTS_WEIGHT = 0.4
COMMON_WORD_SHARE = 0.2
RARE_WORD_SHARE = 0.05
# Verbs, adjectives and adverbs describe; nouns name the topic. "双子を育てる親"
# is about 双子, so matching only 育てる covers less of it.
PREDICATE_POS = ("動詞", "形容詞", "副詞")
PREDICATE_WEIGHT = 0.5
# An alternative (synonym, narrower term) of several words matches only as the term: its
# words adjacent and in order (False: its words anywhere in the passage, as before).
PHRASE_ALTERNATIVES = True
# Pseudo-relevance feedback terms (`build`'s `extra`) only re-score the passages the query's
# own words (or their alternatives) match: they add to a keyword hit's score and never make
# a keyword hit of their own (False: any passage naming a feedback term is a keyword hit).
# Measured on the 112 non-blind judged queries (docs/quality.md, recall15).
FEEDBACK_RESCORES_ONLY = True
# A glossary term of several words (赤ちゃん教室, a staff line 入園相談 = 入所相談) is matched as
# the term, longest first, so the groups of the words inside it (赤ちゃん -> 乳児, 入園 -> 就園)
# were not looked up: a phrase added to the glossary silently took its words' expansions
# away. They are searched too, each belonging to its inner word only, at INNER_WEIGHT of
# what they weigh on their own (0: not searched, as before) -- only when the reports use
# neither the term as written nor any of its synonyms (INNER_ONLY_UNKNOWN): a term the
# reports use (妊婦体験) is found as itself, and its inner word's group (妊婦 -> プレママ)
# would only let another thing (プレママおしゃべり会 + 沐浴体験) cover it.
INNER_WEIGHT = 1.0
INNER_ONLY_UNKNOWN = True
# ... and such a term does not switch Sudachi's synonyms off for its inner words either
# (a word the glossary covers gets none): they are the dictionary's to bridge, as they
# were before the line was added (False: the term covers its words).
INNER_DICTIONARY = True
# ... and whether their synonyms also join the semantic half's query text (as a word's own
# glossary synonyms do, `semantic_synonyms`). Measured on a glossary grown by 50 staff phrases
# (docs/quality.md, recall17): on, a phrase line takes nothing away from any judged answer of
# hybrid or keyword mode; off trades judged sets against each other.
INNER_SEMANTIC = True
# A day of the week is one word written in full or short (土曜日, 土曜: the reports write
# 土曜両親教室, 日曜開館日 and 休館日：日曜日): the analyzer keeps them apart, so a query word
# of either form also matches the other, as that same word (in its ranking and in what
# covers it; the semantic half's text is left as the user typed it). False: as written only.
WEEKDAY_FORMS = True
_WEEKDAY = re.compile(r"([月火水木金土日])曜(日?)")

_KATAKANA_LATIN = re.compile(r"^[\u30a0-\u30ffｦ-ﾟA-Za-zＡ-Ｚａ-ｚ0-9０-９ー・]+$")
_TOKENIZER = SudachiTokenizer()


def bigrams(text: str) -> list[str]:
    return [t.text for t in bigram_analyzer()(text)]


def _bigram_clause(grams: list[str], boost: float = 1.0):
    return Q.Phrase("text_bigram", grams, boost=boost) if len(grams) > 1 \
        else Q.Term("text_bigram", grams[0], boost=boost)


class Synonym(NamedTuple):
    """A synonym of a query word: `surface` as typed, `synonym` to search for."""

    surface: str
    synonym: str
    weight: float = SYNONYM_WEIGHT   # base weight (before the idf scaling of `synonym_weight`)
    general: bool = False            # from Sudachi's dictionary, not the glossary
    start: int = -1                  # span of `surface` in the query text (general synonyms)
    end: int = -1
    loose: bool = False              # from a general group of many lexemes (GENERAL_LOOSE_LEXEMES)
    narrower: bool = False           # a narrower term of the glossary, not a synonym
    inner: bool = False              # of a word inside a longer glossary term (INNER_WEIGHT)

    @property
    def weak(self) -> bool:
        """Related rather than the same: a narrower term or a loose general group's lexeme."""
        return self.narrower or (self.general and self.loose)

    def belongs_to(self, term) -> bool:
        """Whether this synonym stands for the query word `term` (a QueryTerm)."""
        if self.start >= 0:
            return self.start < term.endchar and term.startchar < self.end
        return term.surface in self.surface or self.surface in term.surface


@lru_cache(maxsize=20_000)
def _words(text: str) -> tuple[str, ...]:
    """The analysed query terms of a glossary term or synonym (the analyzer is fixed)."""
    return tuple(q.term for q in analyze_query_terms(text))


@lru_cache(maxsize=2048)
def _general_matches(text: str) -> tuple:
    return tuple(general_synonyms().matches(text))


def weekday_forms(word: str) -> list[str]:
    """The other spelling of a day of the week (土曜日 -> 土曜, 日曜 -> 日曜日; WEEKDAY_FORMS),
    or nothing for any other word."""
    m = _WEEKDAY.fullmatch(word) if WEEKDAY_FORMS else None
    return [f"{m.group(1)}曜{'' if m.group(2) else '日'}"] if m else []


@dataclass
class Concept:
    """One query word with its synonyms: what a unit must mention to cover it."""

    term: str
    surface: str
    query: object       # Whoosh query: the word or any synonym
    weight: float       # POS weight (nouns 1.0, predicates 0.5)
    # a stand-in, not the user's word: feedback words (expansion.stand_in), or a word
    # the reports never use reached only through weak alternatives (a loose general
    # group, the glossary's narrower terms)
    feedback: bool = False
    # a verb, adjective or adverb (PREDICATE_POS): it describes, the nouns name the topic
    predicate: bool = False


def predicate_spans(parsed) -> set[tuple[int, int]]:
    """The character spans of the query's verbs, adjectives and adverbs (PREDICATE_POS)."""
    return {(m.start, m.end) for m in _TOKENIZER.morphemes(parsed.text, with_parts=False)
            if m.pos and m.pos[0] in PREDICATE_POS}


def is_predicate(term, spans: set[tuple[int, int]]) -> bool:
    """Whether a query word (a QueryTerm) is one of the query's predicates."""
    return (term.startchar, term.endchar) in spans


class QueryBuilder:
    def __init__(self, data, glossary):
        self.data = data
        self.glossary = glossary
        self._synonyms: dict[str, list] = {}   # per query text (one builder per search)
        self._unmatched: dict[str, list] = {}   # the same, for unmatched_terms
        self._uses: dict[str, bool] = {}   # uses_term per alternative (asked by several steps)

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
        # (the other spelling only where the passage does not write this one: one word, scored once)
        subs.extend(Q.AndNot(Q.Term("text", form, boost=weight), Q.Term("text", term.term))
                    for form in weekday_forms(term.term))
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

    def alternative_clause(self, text: str, weight: float):
        """An alternative searched for a query word (a synonym or narrower term), as a
        clause: one word as that word (`text_clause`, word index only); several words as
        the term, i.e. where the quoted phrase of it matches (`_bigram_clause`, what a
        "…" phrase of the user's searches) - scored by its words as before, the phrase
        only deciding where it matches (boost 0)."""
        clause = self.text_clause(text, weight, bigram=False)
        grams = bigrams(text) if PHRASE_ALTERNATIVES and clause is not None \
            and len(_words(text)) > 1 else []
        if not grams:
            return clause
        return Q.And([clause, _bigram_clause(grams, 0.0)])

    def uses_term(self, text: str) -> bool:
        """Whether the reports use an alternative `text` as it is searched
        (`alternative_clause`): every word, and a term of several words as the term."""
        if text not in self._uses:
            self._uses[text] = self._reports_use(text)
        return self._uses[text]

    def knows(self, text: str) -> bool:
        """Whether the glossary has `text` (synonyms or narrower terms) or the reports use
        it as it is searched (`uses_term`): what lets the query box read a hiragana
        spelling as the katakana word (search_app.query)."""
        return bool(self.glossary.synonyms_of(text) or self.glossary.narrower_of(text)) or self.uses_term(text)

    def _reports_use(self, text: str) -> bool:
        if not self.in_corpus(text):
            return False
        if not PHRASE_ALTERNATIVES or len(_words(text)) < 2:
            return True
        grams = bigrams(text)
        return not grams or len(self.data.matching_passages(_bigram_clause(grams))) > 0

    # -- the whole query ----------------------------------------------------------------

    def scored_terms(self, parsed, alone: bool = False) -> list:
        """The query words worth scoring: a word found in most passages (支援 in
        "妊娠期支援") adds almost nothing to BM25 but costs the most to score, so it
        is left out when the query has rarer words. Concepts still count it.

        `alone`: nothing but the keyword half answers (keyword mode), so a word that
        matches nothing at all (`unmatched_terms`: not in the reports, not by its parts,
        no alternative) is not a rarer word to leave the common ones out for — they are
        all that can match (離乳食の相談 searches 相談)."""
        limit = COMMON_WORD_SHARE * max(1, self.data.doc_count)
        rare = [t for t in parsed.terms if self.doc_frequency(t.term) <= limit]
        if alone and rare:
            unmatched = self.unmatched_terms(parsed)
            if all(t in unmatched for t in rare):
                return list(parsed.terms)
        return rare or list(parsed.terms)

    def synonym_weight(self, surface: str, synonym: str, base: float = SYNONYM_WEIGHT) -> float:
        """A synonym counts at `base` (SYNONYM_WEIGHT) of the word the user typed — including
        its rarity: a rarer synonym (双子 for 多胎児) must not outweigh the literal
        word through a higher idf, so its boost is scaled down to the literal's idf."""
        searcher = self.data.searcher()

        def idf(text: str) -> float:
            return max((searcher.idf("text", t.term) for t in analyze_query_terms(text)), default=0.0)

        literal, alternative = idf(surface), idf(synonym)
        if literal <= 0 or alternative <= 0:
            return base
        return base * min(1.0, literal / alternative)

    def reports_use(self, surface: str) -> bool:
        """Whether some passage uses a query word as typed (any of its analysed terms)."""
        return any(self.doc_frequency(t.term) for t in analyze_query_terms(surface))

    def alternative_weight(self, s: Synonym) -> float:
        """The boost the keyword half searches an alternative with: `synonym_weight`, or,
        when the reports never write the word it stands for, the word's own weight for a
        glossary synonym (ABSENT_SYNONYM_WEIGHT) and ABSENT_GENERAL_BOOST times its weight
        for a Sudachi synonym; a related word (`Synonym.weak`) keeps its weight."""
        weight = self.synonym_weight(s.surface, s.synonym, s.weight)
        if self.reports_use(s.surface):
            return weight
        if s.weak:
            return weight   # a related word (narrower term, loose group), not the same meaning
        if s.general:
            return min(1.0, weight * ABSENT_GENERAL_BOOST)
        return max(weight, ABSENT_SYNONYM_WEIGHT)

    def synonyms(self, parsed) -> list[Synonym]:
        """The query's synonyms: the glossary's for the words it knows, then Sudachi's
        general groups for the other query words (the one rule for both sources)."""
        cached = self._synonyms.get(parsed.text)
        if cached is None:
            cached = self._synonyms[parsed.text] = self._find_synonyms(parsed)
        return list(cached)

    def _find_synonyms(self, parsed) -> list[Synonym]:
        found = self.glossary.expand_query(parsed.text)
        opened = self.opened_terms(found) if INNER_WEIGHT > 0 else []
        inner = self.inner_expansions(parsed, found, opened) if opened else []
        if NARROWER_ONLY_UNKNOWN:
            found = self.without_known_narrower(found)
            kept = self.without_known_narrower([e for _, _, e in inner])
            inner = [x for x in inner if any(x[2] is e for e in kept)]
        out = [Synonym(e.surface, e.term, NARROWER_WEIGHT, narrower=True) if e.narrower
               else Synonym(e.surface, e.term) for e in found]
        out.extend(Synonym(e.surface, e.term, (NARROWER_WEIGHT if e.narrower else SYNONYM_WEIGHT) * INNER_WEIGHT,
                           start=b, end=end, narrower=e.narrower, inner=True) for b, end, e in inner)
        if GENERAL_ENABLED:
            covering = [s for s in out if not s.narrower
                        and not (INNER_DICTIONARY and not s.inner and s.surface in opened)]
            out.extend(self.general_synonyms(parsed, covering))
        return out

    def without_known_narrower(self, expansions: list) -> list:
        """`expansions` without the narrower terms of a word the reports use as written or
        through a synonym (NARROWER_ONLY_UNKNOWN)."""
        known = {e.surface for e in expansions if self.in_corpus(e.surface)
                 or (not e.narrower and self.uses_term(e.term))}
        return [e for e in expansions if not (e.narrower and e.surface in known)]

    def opened_terms(self, found) -> list[str]:
        """The matched glossary terms of several words whose inner words are looked up too
        (INNER_WEIGHT): with INNER_ONLY_UNKNOWN, those the reports use neither as written nor
        through any of their synonyms."""
        surfaces = [s for s in dict.fromkeys(e.surface for e in found) if len(_words(s)) > 1]
        if INNER_ONLY_UNKNOWN:
            surfaces = [s for s in surfaces if not self.uses_term(s) and not any(
                self.uses_term(e.term) for e in found if e.surface == s and not e.narrower)]
        return surfaces

    def inner_expansions(self, parsed, found, opened: list[str]) -> list[tuple[int, int, object]]:
        """The glossary's expansions of the words inside each matched glossary term of
        several query words (赤ちゃん of 赤ちゃん教室, 入園 of a staff line's 入園相談), as
        (start, end, Expansion) spans of the query text: runs of the term's inner words,
        longest first and not overlapping, each a glossary term of its own; none equal to
        a term the whole already expands to."""
        out: list[tuple[int, int, object]] = []
        whole = {(e.surface, _words(e.term)) for e in found}
        for surface in opened:  # (`opened_terms(found)`)
            start = parsed.text.find(surface)
            while start >= 0:
                end = start + len(surface)
                inside = [t for t in parsed.terms if start <= t.startchar and t.endchar <= end]
                taken: list[tuple[int, int]] = []
                for n in range(len(inside) - 1, 0, -1):
                    for i in range(len(inside) - n + 1):
                        b, e = inside[i].startchar, inside[i + n - 1].endchar
                        if any(b < te and tb < e for tb, te in taken):
                            continue
                        sub = parsed.text[b:e]
                        hits = [x for x in self.glossary.expand_query(sub) if x.surface == sub
                                and (surface, _words(x.term)) not in whole and _words(x.term) != _words(surface)]
                        if hits:
                            taken.append((b, e))
                            out.extend((b, e, x) for x in hits)
                start = parsed.text.find(surface, end)
        return out

    def semantic_synonyms(self, parsed) -> list[str]:
        """The glossary synonyms worth adding to the semantic half's query text: those the
        reports use. The passages were embedded with the reports' own words, so a synonym
        they use (多胎児 for 双子) moves the query towards them; one they never use (パンフ
        for リーフレット) only blurs it. Narrower terms are not synonyms and are left out."""
        out: list[str] = []
        # (by its words, as before `alternative_clause`: dropping the terms of several words
        # the reports never write as such moved the vector and cost hybrid claims,
        # docs/quality.md "Glossary terms of several words")
        for s in self.synonyms(parsed):
            if s.inner and not INNER_SEMANTIC:
                continue
            if s.general or s.narrower or s.synonym in out or not self.in_corpus(s.synonym):
                continue
            out.append(s.synonym)
        return out

    def searched_alternatives(self, parsed) -> list[dict]:
        """What the user should be told was searched besides their words: per query
        word, its alternatives the reports use, and where they come from ("glossary"
        synonyms, the glossary's "narrower" terms, Sudachi's "dictionary")."""
        out: dict[tuple[str, str], list[str]] = {}
        seen: set[tuple[str, tuple]] = set()   # one spelling per analysed form (ふたご = 双子)
        for s in self.synonyms(parsed):
            if not self.uses_term(s.synonym):
                continue   # searched, but no report uses it: nothing it could have found
            key = (s.surface, _words(s.synonym))
            if key in seen or _words(s.synonym) == _words(s.surface):
                continue
            seen.add(key)
            source = "narrower" if s.narrower else "dictionary" if s.general else "glossary"
            out.setdefault((s.surface, source), []).append(s.synonym)
        return [{"word": word, "source": source, "terms": terms}
                for (word, source), terms in out.items()]

    def unmatched_terms(self, parsed) -> list:
        """The query words no report uses and no alternative the reports use stands for
        (a glossary synonym or narrower term, a dictionary synonym): only the semantic
        half can answer for them. What the notice names and what feedback learns for.
        A compound whose parts the reports all use (利用状況: 利用, 状況) is searched by
        its parts (`term_clause`), so it is not missing."""
        cached = self._unmatched.get(parsed.text)
        if cached is None:
            missing = [t for t in parsed.terms if self.doc_frequency(t.term) == 0
                       and not (t.parts and all(self.doc_frequency(p) > 0 for p in t.parts))]
            if missing:
                bridges = [s for s in self.synonyms(parsed) if self.uses_term(s.synonym)]
                missing = [t for t in missing if not any(s.belongs_to(t) for s in bridges)]
            cached = self._unmatched[parsed.text] = missing
        return list(cached)

    def unmatched_words(self, parsed) -> list[str]:
        """`unmatched_terms` as the user typed them, once each."""
        return list(dict.fromkeys(t.surface for t in self.unmatched_terms(parsed)))

    def unmatched_phrases(self, parsed) -> list[str]:
        """The quoted phrases ("多胎児 支援") no passage holds as written (their words
        adjacent, in order, as the keyword half matches them): the keyword half finds
        nothing for the query then, and what is shown was found by meaning only."""
        return [p for p in parsed.phrases
                if (grams := bigrams(p)) and not len(self.data.matching_passages(_bigram_clause(grams)))]

    def in_corpus(self, text: str) -> bool:
        """Whether the reports use every word of `text`."""
        words = _words(text)
        return bool(words) and all(self.doc_frequency(w) > 0 for w in words)

    def general_synonyms(self, parsed, glossary: list[Synonym]) -> list[Synonym]:
        """Sudachi's synonyms (every lexeme of the word's groups) of the query words no
        glossary group covers (a word with only narrower terms still gets them) and the
        reports never use (GENERAL_MAX_SHARE), limited to
        synonyms the reports do use, and not too commonly (GENERAL_TARGET_MAX_SHARE)."""
        free = [t for t in parsed.terms if not any(s.belongs_to(t) for s in glossary)]
        if not free:
            return []
        n = max(1, self.data.doc_count)
        own = {t.term for t in parsed.terms}
        dictionary = general_synonyms()
        out: list[Synonym] = []
        seen: set[str] = set()
        for m in _general_matches(parsed.text):
            terms = [t for t in free if m.start < t.endchar and t.startchar < m.end]
            if not terms or any(self.doc_frequency(t.term) > GENERAL_MAX_SHARE * n for t in terms):
                continue
            for e in m.synonyms:
                analysed = [q.term for q in analyze_query_terms(e.headword)]
                key = " ".join(analysed)
                if not analysed or key in own or key in seen:
                    continue
                seen.add(key)
                dfs = [self.doc_frequency(a) for a in analysed]
                if min(dfs) > 0 and max(dfs) <= GENERAL_TARGET_MAX_SHARE * n:
                    loose = dictionary.lexeme_count(e.group) > GENERAL_LOOSE_LEXEMES
                    out.append(Synonym(m.surface, e.headword, GENERAL_WEIGHT, True, m.start, m.end, loose))
        return out

    def build(self, parsed, extra: list[tuple[str, float]] = (), alone: bool = False):
        """The keyword half's query; `extra` are (word, weight) expansion terms; `alone`:
        keyword mode (see `scored_terms`).

        Expansion terms (pseudo-relevance feedback, `expansion.terms`) re-score the passages
        the query itself matches; they never make a passage a keyword hit on their own
        (FEEDBACK_RESCORES_ONLY). They are guesses learned from the top fused passages, and a
        passage naming none of the user's words but one guess (違い, 良い) joined the keyword
        half, scaled to its top like a literal match and exempt from the look-alike cut as
        a keyword hit; passages found by meaning alone are the semantic half's to rank."""
        should = [self.term_clause(t, 1.0) for t in self.scored_terms(parsed, alone)]
        seen = {t.term for t in parsed.terms}
        for s in self.synonyms(parsed):
            # spellings the analyzer unifies (ふたご = 双子) count once
            key = " ".join(t.term for t in analyze_query_terms(s.synonym))
            if key in seen:
                continue
            seen.add(key)
            # synonyms search the word index only (their bigram phrases would cost more
            # than all the rest of the query), a term of several words as the term
            clause = self.alternative_clause(s.synonym, self.alternative_weight(s))
            if clause is not None:
                should.append(clause)
        feedback = []
        for word, weight in extra:
            if word not in seen:
                seen.add(word)
                feedback.append(Q.Term("text", word, boost=weight))
        if not FEEDBACK_RESCORES_ONLY:
            should, feedback = should + feedback, []
        must = [_bigram_clause(g) for g in (bigrams(p) for p in parsed.phrases) if g]
        main = None
        if should and must:
            main = Q.AndMaybe(Q.And(must), Q.Or(should))
        elif must:
            main = Q.And(must)
        elif should:
            main = Q.Or(should)
        if main is not None and feedback:
            main = Q.AndMaybe(main, Q.Or(feedback))
        left_out = self.excluded_query(parsed) if main is not None else None
        if left_out is not None:
            main = Q.AndNot(main, left_out)
        return main

    def excluded_query(self, parsed):
        """What the query leaves out (-word, NOT word, -"two words") as one Whoosh query
        matching the passages to leave out, or None. The keyword half subtracts it from
        its query; the semantic half leaves its matches out of its candidates
        (`retrieval_bm25.matching`), so an excluded word is out of every mode."""
        negs = [c for c in (self.text_clause(x, 1.0) for x in parsed.excluded) if c is not None]
        # an excluded "…" phrase is matched as a quoted phrase is (its words adjacent, in order)
        negs += [_bigram_clause(g) for g in (bigrams(p) for p in parsed.excluded_phrases) if g]
        return Q.Or(negs) if negs else None

    def concepts(self, parsed) -> list[Concept]:
        """Each query word (and quoted phrase) as a concept: the word or any of its synonyms.

        Weak alternatives (`Synonym.weak`: narrower terms, loose general groups) are
        related words: they count for the word only when the reports use neither the
        word nor any of its strong synonyms, and then the concept is a stand-in
        (`Concept.feedback`): a guess at lower weight, never a specific word. Otherwise
        a narrower term is left out of the concept (it ranks, it does not cover)."""
        synonyms = self.synonyms(parsed)
        predicates = predicate_spans(parsed)
        out = []
        for term in parsed.terms:
            clauses = [self.term_clause(term, 1.0)]
            own = [s for s in synonyms if s.belongs_to(term)]
            stand_in = any(s.weak for s in own) and self.doc_frequency(term.term) == 0 \
                and not any(self.uses_term(s.synonym) for s in own if not s.weak)
            for s in own:
                if s.narrower and not stand_in:
                    continue
                clause = self.alternative_clause(s.synonym, 1.0)
                if clause is not None:
                    clauses.append(clause)
            predicate = is_predicate(term, predicates)
            weight = PREDICATE_WEIGHT if predicate else 1.0
            out.append(Concept(term.term, term.surface, Q.Or(clauses),
                               weight * GENERAL_LOOSE_WEIGHT if stand_in else weight, feedback=stand_in,
                               predicate=predicate))
        for phrase in parsed.phrases:
            grams = bigrams(phrase)
            if grams:
                out.append(Concept(phrase, phrase, _bigram_clause(grams), 1.0))
        return out

    def highlight_terms(self, parsed) -> tuple[set[str], set[str]]:
        terms = {t.term for t in parsed.terms}
        surfaces = {t.surface for t in parsed.terms} | set(parsed.phrases)
        for s in self.synonyms(parsed):
            surfaces.add(s.synonym)
            words = _words(s.synonym)
            if len(words) == 1 or not PHRASE_ALTERNATIVES:   # a term of several words is
                terms.update(words)                           # marked as the term (surface)
        return terms, {s for s in surfaces if s.strip()}
