"""The ward answer: which wards tackled the query, and the evidence for each.

The whole rule lives here. A ward is claimed when ONE coherent evidence unit of
it answers the query — a goal block (the goal with its 取組内容 / 取組の成果 /
取組の課題 of one report year) or a programme block of a five-year summary
(`Passage.unit`; a passage outside any unit is its own unit) — never the union
of everything the ward ever wrote. A unit answers when

- one of its passages ranks near the top (within the first WARD_DEPTH distinct
  texts — near-duplicates are one text, as in the result list — and at least
  WARD_SHARE of the best score), and
- the unit covers at least UNIT_COVERAGE of the query's idf-weighted concepts
  (a concept is a query word or any of its glossary synonyms; a ward sharing
  only 支援 or 家庭 with the query is not claimed; a verb, adjective or adverb
  counts less than a noun: PREDICATE_SHARE, and so does a one-character word:
  SHORT_WORD_SHARE) including, when the query has
  specific words (rare in the corpus: SPECIFIC_SHARE, counted with the alternatives
  searched for the word unless they widen a rarely written word only a little:
  SPECIFIC_WIDENED_SHARE; never a one-character piece: SPECIFIC_MIN_CHARS), at least
  one of them, and
  at least one word the user typed (OWN_WORD: stand-ins alone — a feedback guess,
  a glossary narrower term — do not answer a query that has words of its own in
  the reports), or the passage's cosine to
  the query is within SEMANTIC_CLAIM of the query's best cosine (strong
  semantic evidence on its own: a paraphrase the keywords miss) and the passage
  says more than one line (SEMANTIC_CLAIM_MIN_CHARS: a one-line goal naming the
  topic is close to any short query about it).

Where a semantic half ranked (hybrid and meaning search), a ward is claimed only when
its answering texts add up to at least WARD_SUPPORT of the best result's score (each
text once, at its best-ranked copy's score): one text far down the head (0.3–0.5 of
the best) is a unit sharing a word or two with the query — the staff-training question
reaching a goal block about 「親になる前の支援」 — while a ward several of whose texts
answer is backed however low each ranks. Keyword scores fall steeply from the best, so
there a ward naming fewer of the query's words ranks low and still answers: keyword
search keeps every ward of the head (docs/quality.md, wards20).

The feedback stand-in for words no report uses (expansion.stand_in) is a guess
made from the passages the query found first; it counts only for the units
holding those passages' texts (GUESS_WHERE_LEARNED), not for every unit that
happens to use one of its words.

A text that answers claims every ward whose reports hold it: its near-duplicates
in the ranking and its exact copies anywhere in the index that pass the query's
filters (dedupe.DuplicateFinder.copies; a goal carried over to the next year, a
report copied to another ward), each copy's own unit checked for coverage. On an
archive the head of the ranking fills up with copies of a few texts, so "ranks
near the top" alone would claim only the wards whose copy happened to rank first.

A query noun no report uses (離乳食 in 離乳食の相談) cannot be named by any unit, so the
words beside it (相談) would be the whole query: then a unit answers only where
something stands in for that noun — the passages nearest the query in meaning, and in
hybrid mode the feedback guess learned there (UNKNOWN_NEAREST, GUESS_NEAR_IN_MEANING).
The head of a compound whose modifier no report uses (開発 of 宇宙開発) is not the
user's word on its own (COMPOUND_HEADS).

A query that only names a year, a ward and/or a section (令和2年度の重点目標,
中区の課題) claims every ward that has such passages.

A search that found passages never answers with no ward (NEVER_EMPTY): when no ward
clears the bars above, the covering ward the ranking backs most answers (only
WARD_SUPPORT failed), else the ward of the best-ranked text — shown as a guess where
its unit does not cover the query's words. Not within wards the user named, where
"none of them answers" is what was asked, nor when the first result is a preamble.

Some passages never claim a ward (NEVER_CLAIMS): a report's preamble (records.OVERVIEW:
実施目的, 実施について, 事業目的, the 基本理念 and the seven programmes) is context about
the evaluation, much of it the city's standard text found in every ward's reports, not
a ward's own practice. They stay results, but are skipped here, taking no place in
the WARD_DEPTH texts either.

Each claimed ward's card shows its evidence first (highlighted), then the
unit's goal and the unit's other sections, and says what the claim rests on
(`basis`): "words" when a unit of the ward names the query's words or the
alternatives searched for them (glossary synonyms, narrower terms, dictionary
synonyms), "meaning" when it rests only on the semantic half — the best cosine or
the feedback guess learned from the passages nearest in meaning. e5-small cannot
tell a paraphrase from a topic the reports never mention (measured 2026-11-30:
the best cosine, its margin and its z-score of 29 off-topic queries — 天気予報,
住宅ローン — overlap those of the 45 judged paraphrases and questions; docs/quality.md),
so such a claim is kept but shown as a guess, never as a finding.
"""

from __future__ import annotations

import math
import threading
import weakref

import numpy as np
from whoosh import query as Q

from indexer import records
from indexer.analysis import SudachiTokenizer

from . import dedupe, wardscope
from .passages import passage_dict, year_label

# Chosen on the dev set with leave-one-out (docs/quality.md): plateaus, not peaks.
WARD_DEPTH = 20
WARD_SHARE = 0.3
UNIT_COVERAGE = 0.5
# Strong semantic evidence: within SEMANTIC_CLAIM of the best cosine of the query.
# e5's absolute cosines do not separate relevant from other wards (measured on dev:
# relevant wards' best cosine 0.837–0.924, other wards' up to 0.906; a fixed 0.86
# claimed a wrong ward in 4 of 12 queries). Margins 0 / 0.005 and "off" scored the
# same on dev (F1 0.979, every leave-one-out fold alike), so only the single best
# cosine counts on its own: the most conservative setting that still lets a
# paraphrase the keywords miss claim its ward.
SEMANTIC_CLAIM = 0.0
# ... and only a passage of at least this many characters claims on its cosine alone.
# A one-line goal or 課題 about the query's topic (「横浜子育てサポートシステムについて、
# 事業の本来の意義を丁寧に伝え…」 for ファミサポの送り迎え) is as close to a short query as e5
# puts anything, because nothing else in it pulls away; it says the topic, not that
# the ward did what was asked. Measured on the 80 judged queries (docs/quality.md,
# "Wards of paraphrases and questions"): the query's best-cosine passage is of a wrong
# ward in 4 of the 17 queries where it is at most 110 characters long, in none of the
# 57 where it is longer; held-out F1 is flat for any bar from 65 to 200 (the passages'
# median is 145). A short passage still claims by the words its unit names.
SEMANTIC_CLAIM_MIN_CHARS = 100
MAX_EVIDENCE = 3
# A ward is claimed only when its answering texts in the head add up to at least this
# share of the best result's score (each text counted once, at its best-ranked copy's
# score, however many of the ward's reports hold it), where a semantic half ranked (not in
# keyword mode, whose scores fall steeply: bm25 dev 0.931 -> 0.914). One text must reach
# 0.6 of the best; two at WARD_SHARE reach it together. Chosen by pooled leave-one-out
# over the 176 opened queries (0.6 in every hybrid fold; docs/quality.md, wards20).
# 0 turns it off.
WARD_SUPPORT = 0.6
# A query word found in at most this share of passages is specific (中高生, 引っ越す):
# when the query has such words, a unit must mention one of them to answer by
# coverage — sharing only the question's frame words (家庭, 周知, 交流, 機会) is not
# an answer. Feedback stand-ins are guesses and never count as specific. Dev F1 is
# flat from 0 to 0.03 and falls at 0.04 (docs/quality.md): 0.02 is mid-plateau.
SPECIFIC_SHARE = 0.02
# The share is counted on the word with the alternatives searched for it (its
# concept: glossary synonyms, the other form of a weekday), since that is what an
# answering unit must name. A word the reports write, as the user wrote it, in at most
# SPECIFIC_SHARE of the passages stays specific while its alternatives only widen it a
# little — its concept in at most SPECIFIC_WIDENED_SHARE: 土曜日 in 3 of 165 passages,
# with 土曜 in 4 (claims17's weekday forms lifted it over the bar, and 「土曜日の両親教室」
# claimed every ward naming 両親教室). A word common through its alternatives (妊娠中:
# written in 2 passages, its concept in 24) is judged by them. SPECIFIC_SHARE here turns it off; chosen by
# pooled leave-one-out over the 176 opened queries (docs/quality.md, claims18).
SPECIFIC_WIDENED_SHARE = 0.04
# A word of one character is never specific, however rare: it is a piece the
# analyzer cut from a compound it does not know (産学連携 -> 産 + 学 + 連携: the
# reports write 大学と連携, never 学 alone) or a word broad enough for any topic
# (力, 声). Its rarity says nothing about what a unit must name. It still counts in
# the coverage. Measured in docs/quality.md ("Wards of paraphrases and questions").
SPECIFIC_MIN_CHARS = 2
# A unit that names none of the words the user typed (only stand-ins: feedback
# guesses, narrower terms, a loose dictionary group) does not answer a query that
# has words of its own in the reports (離乳食の相談: a unit naming only feedback
# words learned for 離乳食, never 相談). No parameter; False turns the rule off.
OWN_WORD = True
# The feedback stand-in counts only in the units it was learned from (UnitCoverage).
GUESS_WHERE_LEARNED = True
# A query noun no report uses and no alternative stands for (離乳食 in 離乳食の相談,
# ポスティング in ポスティングで周知) is what such a query is about, yet no unit can name
# it: the words left (相談, 周知) were the whole query, and every unit naming them
# answered. When the query has such a word, a unit answers by coverage only where
# something stands in for it: one of the UNKNOWN_NEAREST passages nearest the query
# in meaning is in the unit — in hybrid mode also the feedback guess, learned there
# (STAND_IN_BOTH; False: the guess alone). Keyword mode has no stand-in and is
# unchanged. Chosen by pooled leave-one-out over the 80 non-blind queries (10 over 5
# and 0, every fold; docs/quality.md, claims14). 0 turns the rule off.
UNKNOWN_NEAREST = 10
STAND_IN_BOTH = True
# The feedback guess is learned from the passages the query found first; one found
# only by the keyword half, through the query's other words (開発 for 宇宙開発), says
# nothing about the word the reports never use. Where a semantic half ranked, the
# guess counts only in the units of the passages it found too. False: everywhere learned.
GUESS_NEAR_IN_MEANING = True
# The last noun of a compound the user typed as one word (父親利用数 -> 数, 赤ちゃん教室 ->
# 教室) is what the compound is (Japanese compounds are head-final): a unit
# must name it (or an alternative searched for it) to answer, if it has at least
# COMPOUND_HEAD_MIN_CHARS characters (docs/quality.md, claims18 and claims19: hybrid and
# semantic gain on every set, keyword mode loses extra10's f10b05).
COMPOUND_HEAD_MIN_CHARS = 2
# A compound the user wrote as one word (宇宙開発: 宇宙 + 開発, nouns with nothing
# between them) whose modifier no report uses names a kind of its head the reports
# never speak of: its head found alone (開発 in アプリ開発) is another word, not the
# user's — never specific, never one of the user's own words (OWN_WORD), and covered
# only where the modifier is stood in for (in keyword mode: nowhere). Japanese
# compounds are head-final: a known modifier before an unknown head (心理 in
# 心理カウンセリング) still names the topic. Off by default: in hybrid and semantic
# mode the stand-in rules above already keep 宇宙開発 from claiming 港北区, and in
# keyword mode, where only this rule acts, it cost a relevant ward on the held-out
# extra10 set (ward-set F1 0.771 -> 0.729; docs/quality.md, claims14 and the
# coordinator's note after it). True turns it on.
COMPOUND_HEADS = False
# A query's verb, adjective or adverb (querybuild.PREDICATE_POS) counts in a unit's
# coverage at this share of its weight in the ranking (querybuild.PREDICATE_WEIGHT: 0.5 of
# a noun there, 0.2 here). A question's predicate says what was done with the topic
# (選んだ, つながれる, 出てきた) and the reports say it in their own verbs: a unit naming
# the query's nouns answers without its verb, while a unit sharing the verb and a common
# noun is about something else (「対面を選んだイベント」: a unit naming 選ぶ and イベント is
# not about 対面). The ranking keeps the verb's weight: a passage naming the question's
# words together still ranks first (tests/test_search_proximity.py). Chosen by pooled
# leave-one-out over the 176 opened judged queries (docs/quality.md, answers22). 1.0: off.
# The feedback stand-in for a verb no report uses is a predicate too (expansion.stand_in):
# a guess at the reports' verb counts no more than the user's verb would (answers25).
PREDICATE_SHARE = 0.4
# A noun of fewer than SPECIFIC_MIN_CHARS characters (one character: 親, 子, 人, 場, 力, 前)
# counts in a unit's coverage at this share of its weight, as a predicate does. Such a
# word is never specific (SPECIFIC_MIN_CHARS) for the same reason: it is a piece the
# analyzer cut from a compound (親同士 -> 親 + 同士, 出産前 -> 出産 + 前) or a word broad
# enough for any topic (力 of 力を入れる, 場, 人), and the idf of a corpus of a few hundred
# passages weighs it as a topic word (力: in 1 of 165 passages). A unit naming it and a
# common word of the query then reached UNIT_COVERAGE without the topic (子 + 相談 for
# 「子の発達の相談」), and a unit naming the topic without it did not (妊娠中, 家庭, 周知 for
# 「妊娠中の家庭への周知に力を入れた」). The ranking keeps the word's weight. Chosen by pooled
# leave-one-out over the 208 opened judged queries (0.4 in 207 hybrid and 207 meaning-search
# folds; keyword folds prefer 0.3; docs/quality.md, answers26). 1.0: off.
SHORT_WORD_SHARE = 0.4
# A search that found passages never answers with no ward (NEVER_EMPTY). The rules above
# are bars a unit must clear; when no ward clears them all, the answer is not "no ward"
# but the closest one: the covering ward the ranking backs most (when only WARD_SUPPORT
# failed), else the ward(s) of the best-ranked text (when no unit of the head covers the
# query). An empty answer tells the user nothing the result list does not contradict —
# its first result is some ward's — and a claim resting on the ranking alone is shown as
# a guess (`bases`: "meaning" where the unit does not cover the query's words). No
# parameter. Measured on the 240 opened queries (docs/quality.md, answers28): the
# best-ranked text's ward is relevant for 83 % of the paraphrases and 93 % of the
# questions; the blind paraphrases were answered with no ward in 11 % of queries, the
# opened ones in none. A search restricted to wards the user named (a ward filter, 中区の…)
# keeps "none of them answers": that is what was asked (多胎児 in 中区's reports); so does a
# search whose first result is a preamble (NEVER_CLAIMS: the city's standard text, found
# in every ward's reports, is the answer, and no ward's practice). False: off.
NEVER_EMPTY = True
# Section kinds that are never a ward's evidence (see the module docstring).
NEVER_CLAIMS = frozenset({records.OVERVIEW})

CARD_SECTIONS = {
    "取組内容": (records.CONTENT, records.REASON_OPERATOR),
    "取組の成果": (records.OUTCOME, records.RESULT),
    "取組の課題": (records.ISSUE, records.CHALLENGE),
}
NO_WARD = "区不明"
_TOKENIZER = SudachiTokenizer()


def _idf(n_docs: int, df: int) -> float:
    return math.log(n_docs / (df + 1)) + 1


class UnitCoverage:
    """Share of the query's weighted concepts each evidence unit mentions.

    `guess`: the feedback stand-in for the query's words the reports never use
    (expansion.stand_in: terms of the passages the query found first), and
    `learned_from`: those passages. A guess is evidence only where it was learned:
    it counts for the units holding one of those passages' texts (GUESS_WHERE_LEARNED),
    not for every unit that happens to use one of its words (今後, 区民, 関係者)."""

    def __init__(self, data, builder, concepts, guess=None, learned_from=(), parsed=None, cosines=None):
        self.data = data
        self.weights: list[float] = []
        self.units: list[np.ndarray] = []   # sorted unit codes matching each concept
        self.specific: list[bool] = []      # a rare word of the user's own (SPECIFIC_SHARE)
        self.own: list[bool] = []           # a word of the user's own, not a stand-in (OWN_WORD)
        self.named: list[bool] = []         # a word or a listed alternative, not the feedback guess
        self.concepts: list = []            # the concepts counted, aligned with the lists above
        # where a word of the query no report uses is stood in for (UNKNOWN_NEAREST);
        # None: the query has no such word, or nothing stands in for it
        self.stand_in: np.ndarray | None = None
        n = max(1, data.doc_count)
        heads = compound_heads(parsed, builder) if COMPOUND_HEADS and parsed is not None else frozenset()
        finals = compound_finals(parsed) if parsed is not None else frozenset()
        self.required: list[bool] = []      # the head of a compound the user typed (COMPOUND_HEAD_MIN_CHARS)
        nouns = unknown_nouns(parsed, builder) if UNKNOWN_NEAREST > 0 and parsed is not None else frozenset()
        if GUESS_NEAR_IN_MEANING and cosines:
            learned_from = [i for i in learned_from if i in cosines]
        unknown = False    # a word of the user's no report uses (and nothing bridges)
        head_of = []       # positions of the concepts that are heads of an unknown compound
        for c in [*concepts, *([guess] if guess is not None else [])]:
            matched = data.matching_passages(c.query)
            if not len(matched):
                # nobody can cover a concept absent from the corpus
                unknown |= c is not guess and not c.feedback and c.term in nouns
                continue
            units = data.matching_units(c.query)
            if c is guess and GUESS_WHERE_LEARNED:
                units = np.intersect1d(units, _units_holding(data, learned_from))
                if not len(units):
                    continue
                if unknown and UNKNOWN_NEAREST > 0:
                    self.stand_in = units
            df = builder.doc_frequency(c.term)
            idf = data.searcher().idf("text", c.term) if df else _idf(data.doc_count, len(matched))
            head = c is not guess and not c.feedback and c.term in heads
            if head:
                head_of.append(len(self.weights))
            self.weights.append(idf * c.weight * (PREDICATE_SHARE if c.predicate else 1.0)
                                * (SHORT_WORD_SHARE if _short_noun(c, guess) else 1.0))
            self.units.append(units)
            # (the head of an unknown compound found alone is another word, not the user's)
            self.specific.append(not c.feedback and not head and _rarity(data, c, matched) <= SPECIFIC_SHARE * n
                                 and len(c.surface) >= SPECIFIC_MIN_CHARS)
            self.own.append(not c.feedback and c is not guess and not head)
            self.named.append(c is not guess)
            self.required.append(c is not guess and not c.feedback and c.term in finals
                                 and len(c.surface) >= COMPOUND_HEAD_MIN_CHARS)
            self.concepts.append(c)
        self.total = sum(self.weights)
        if unknown and UNKNOWN_NEAREST > 0 and cosines:
            nearest = _nearest_units(data, cosines, UNKNOWN_NEAREST)
            if self.stand_in is None:
                self.stand_in = nearest
            elif STAND_IN_BOTH:
                self.stand_in = np.intersect1d(self.stand_in, nearest)
        for k in head_of:
            # the compound's head counts only where its unknown modifier is stood in for
            self.units[k] = np.intersect1d(self.units[k], self.stand_in) if self.stand_in is not None \
                else self.units[k][:0]

    def of(self, i: int) -> float:
        """Coverage of passage i's unit (1.0 when the query has no concepts)."""
        return float(self.of_many(np.array([i]))[0])

    def of_many(self, indices: np.ndarray) -> np.ndarray:
        """`of` for many passages at once (the copies of one result across an archive)."""
        indices = np.asarray(indices, dtype=np.int64)
        codes = self.data.unit_code[indices]
        if not self.total:
            # no concept any report names: every unit covers the query, except where a
            # word of the query no report uses is stood in for only in some (UNKNOWN_NEAREST)
            return _in_units(self.stand_in, codes).astype(float) if self.stand_in is not None \
                else np.ones(len(indices))
        got = np.zeros(len(indices))
        specific = np.zeros(len(indices), dtype=bool)
        own = np.zeros(len(indices), dtype=bool)
        for w, units, rare, mine in zip(self.weights, self.units, self.specific, self.own):
            hit = _in_units(units, codes)
            got += w * hit
            if rare:
                specific |= hit
            if mine:
                own |= hit
        if any(self.specific):
            got = np.where(specific, got, 0.0)
        if OWN_WORD and any(self.own):
            got = np.where(own, got, 0.0)
        for units, needed in zip(self.units, self.required):
            if needed:
                got = np.where(_in_units(units, codes), got, 0.0)
        if self.stand_in is not None:
            got = np.where(_in_units(self.stand_in, codes), got, 0.0)
        return got / self.total

    def names_words(self, indices: np.ndarray) -> np.ndarray:
        """Whether each passage's unit names a query word or an alternative searched for
        it (anything but the feedback guess): a claim there rests on words."""
        indices = np.asarray(indices, dtype=np.int64)
        codes = self.data.unit_code[indices]
        out = np.zeros(len(indices), dtype=bool)
        for units, named in zip(self.units, self.named):
            if named:
                out |= _in_units(units, codes)
        return out


def _short_noun(concept, guess) -> bool:
    """Whether a concept is a word of the user's shorter than SPECIFIC_MIN_CHARS that is
    not a predicate (SHORT_WORD_SHARE): not the feedback guess, not a stand-in."""
    return concept is not guess and not concept.feedback and not concept.predicate \
        and len(concept.surface) < SPECIFIC_MIN_CHARS


def _rarity(data, concept, matched: np.ndarray) -> int:
    """How many passages the specific-word gate counts for a concept: those it matches
    with its alternatives, or those writing the word as typed while the alternatives
    widen it only a little (SPECIFIC_WIDENED_SHARE)."""
    if len(matched) > SPECIFIC_WIDENED_SHARE * max(1, data.doc_count):
        return len(matched)
    written = len(data.matching_passages(Q.Term("text", concept.term)))
    return written or len(matched)


def _nearest_units(data, cosines: dict[int, float], k: int) -> np.ndarray:
    """The units (sorted codes) holding one of the k passages nearest the query in
    meaning among those that may claim (or an exact copy of its text)."""
    which = np.fromiter(cosines.keys(), dtype=np.int64, count=len(cosines))
    values = np.fromiter(cosines.values(), dtype=np.float64, count=len(cosines))
    ok = claimable(data, which)
    which, values = which[ok], values[ok]
    return _units_holding(data, which[np.argsort(-values, kind="stable")[:k]])


def _noun_spans(parsed) -> set[tuple[int, int]]:
    return {(m.start, m.end) for m in _TOKENIZER.morphemes(parsed.text, with_parts=False)
            if m.pos and m.pos[0] == "名詞"}


def unknown_nouns(parsed, builder) -> frozenset[str]:
    """The query's nouns of SPECIFIC_MIN_CHARS or more that no report uses and no
    alternative the reports use stands for (QueryBuilder.unmatched_terms): the topic
    words only the semantic half can answer for. (A verb or an adjective describes; a
    one-character word is a piece or a word broad enough for any topic; an
    interrogative such as 何人 or いくつ asks for a number and is no query term at
    all: query.parse_query reads it as the question's frame.)"""
    unknown = [t for t in builder.unmatched_terms(parsed) if len(t.surface) >= SPECIFIC_MIN_CHARS]
    if not unknown:
        return frozenset()
    nouns = _noun_spans(parsed)
    return frozenset(t.term for t in unknown if (t.startchar, t.endchar) in nouns)


def compound_finals(parsed) -> frozenset[str]:
    """The last word of each compound the user typed as one word (two or more nouns with
    nothing between them): Japanese compounds are head-final, so it names what the
    compound is (父親利用数 is a 数)."""
    terms = sorted(parsed.terms, key=lambda t: t.startchar)
    nouns = _noun_spans(parsed)
    out: set[str] = set()
    run = 0
    for k, t in enumerate(terms):
        noun = (t.startchar, t.endchar) in nouns
        run = run + 1 if noun and run and terms[k - 1].endchar == t.startchar else (1 if noun else 0)
        nxt = terms[k + 1] if k + 1 < len(terms) else None
        ends = nxt is None or nxt.startchar != t.endchar or (nxt.startchar, nxt.endchar) not in nouns
        if run >= 2 and ends:
            out.add(t.term)
    return frozenset(out)


def compound_heads(parsed, builder) -> frozenset[str]:
    """The query words that are the head of a compound written as one word (nouns with
    nothing between them) whose modifier — a piece before them — is one of its
    `unknown_nouns` (宇宙開発 -> {開発})."""
    terms = sorted(parsed.terms, key=lambda t: t.startchar)
    if len(terms) < 2:
        return frozenset()
    unknown = unknown_nouns(parsed, builder)
    if not unknown:
        return frozenset()
    nouns = _noun_spans(parsed)
    out: set[str] = set()
    unknown_before = False   # an unknown piece earlier in the current compound
    previous = None
    for t in terms:
        noun = (t.startchar, t.endchar) in nouns
        joined = noun and previous is not None and previous[1] and previous[0].endchar == t.startchar
        if not joined:
            unknown_before = False
        if t.term in unknown:
            unknown_before = noun
        elif joined and unknown_before:
            out.add(t.term)
        previous = (t, noun)
    return frozenset(out)


def _in_units(units: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Whether each unit code is one of `units` (sorted)."""
    if not len(units):
        return np.zeros(len(codes), dtype=bool)
    k = np.minimum(np.searchsorted(units, codes), len(units) - 1)
    return units[k] == codes


def bases(coverage: UnitCoverage | None, claimed: dict[str, list[int]],
          unit_coverage: float | None = None) -> dict[str, str]:
    """ward -> what its claim rests on: "words" when one of its evidence units covers
    the query with its words or their searched alternatives, else "meaning" (the
    best cosine, the feedback guess). A listing's wards rest on their metadata: "words"."""
    unit_coverage = UNIT_COVERAGE if unit_coverage is None else unit_coverage
    if coverage is None:
        return {ward: "words" for ward in claimed}
    if not claimed:
        return {}
    idx = np.fromiter((i for evidence in claimed.values() for i in evidence), dtype=np.int64)
    owner = np.repeat(np.arange(len(claimed)), [len(evidence) for evidence in claimed.values()])
    on_words = set(owner[coverage.names_words(idx) & (coverage.of_many(idx) >= unit_coverage)].tolist())
    return {ward: "words" if n in on_words else "meaning" for n, ward in enumerate(claimed)}


def _units_holding(data, passages) -> np.ndarray:
    """The units (sorted codes) holding one of `passages` or an exact copy of its text."""
    passages = np.asarray(list(passages), dtype=np.int64)
    if not len(passages):
        return passages
    return np.unique(data.unit_code[data.duplicates.copies(passages)])


def claims(data, ranked: list[tuple[int, float]], coverage: UnitCoverage | None,
           cosines: dict[int, float], *, listing: bool = False, allowed: np.ndarray | None = None,
           group=None,
           depth: int | None = None, share: float | None = None,
           unit_coverage: float | None = None, semantic_claim: float | None = None,
           support: float | None = None, within_wards: bool = False) -> dict[str, list[int]]:
    """ward -> the passages (best first) whose units justify claiming it (None: this module's settings).

    `allowed`: the query's filter mask over all passages (None: no filter) — a copy
    of an evidence text outside the ranking claims its ward only when it passes.
    `group`: near-duplicate group of each ranked passage (dedupe.DuplicateFinder.groups,
    by passage, or .group_ids, an array aligned with `ranked`; computed here when not
    given). `within_wards`: the search is restricted to wards the user named (a ward
    filter, a ward in the query): there "none of them answers" is an answer, and
    NEVER_EMPTY does not apply."""
    depth = WARD_DEPTH if depth is None else depth
    share = WARD_SHARE if share is None else share
    unit_coverage = UNIT_COVERAGE if unit_coverage is None else unit_coverage
    semantic_claim = SEMANTIC_CLAIM if semantic_claim is None else semantic_claim
    support = WARD_SUPPORT if support is None else support
    out: dict[str, list[int]] = {}
    if not ranked:
        return out
    top = ranked[0][1]  # the share is of the best result, claiming or not
    n = len(ranked)
    idx = np.fromiter((i for i, _s in ranked), dtype=np.int64, count=n)
    ok = claimable(data, idx)
    if not ok.any():
        return out
    # the first result is a ward's own text, not a preamble's context (NEVER_EMPTY)
    first_claims = bool(ok[0])
    if listing:
        idx = idx[ok]
        for i, ward in zip(idx.tolist(), data.ward[idx].tolist()):
            out.setdefault(ward or NO_WARD, []).append(i)
        return out
    scores = np.fromiter((s for _i, s in ranked), dtype=np.float64, count=n)[ok]
    if group is None:
        g = data.duplicates.group_ids(idx[ok])
    elif isinstance(group, np.ndarray):
        g = group[ok]
    else:
        g = np.fromiter((group.get(i, i) for i in idx[ok].tolist()), dtype=np.int64, count=int(ok.sum()))
    idx = idx[ok]
    # the texts (near-duplicate groups) that answer: those of the ranking's head, down
    # to WARD_SHARE of the best score, the first `depth` of them, best first
    head = len(idx)
    if top > 0:
        below = np.flatnonzero(scores < share * top)
        head = int(below[0]) if len(below) else head
    _groups, first = np.unique(g[:head], return_index=True)
    first = np.sort(first)[:depth]
    answering = g[first]
    # strong semantic evidence: the text's best-ranked copy is within SEMANTIC_CLAIM
    # of the best cosine among passages that may claim (a preamble's is no yardstick),
    # and long enough to show more than the topic (SEMANTIC_CLAIM_MIN_CHARS)
    best_cosine = best_claimable_cosine(data, cosines)
    strong = np.array([i in cosines and cosines[i] >= best_cosine - semantic_claim
                       and len(data.passages[i]["text"]) >= SEMANTIC_CLAIM_MIN_CHARS
                       for i in idx[first].tolist()], dtype=bool)
    # the text answers wherever it is written: its ranked copies, best first, and a
    # report copied to another ward or carried over to another year claims there
    # too, even when other copies filled the head of the ranking; each copy's own
    # unit must cover the query
    candidates, owner = data.duplicates.copies_grouped(*dedupe.ranked_members(g, idx, answering), allowed)
    if coverage is not None:
        ok = strong[owner] | (coverage.of_many(candidates) >= unit_coverage)
        candidates, owner = candidates[ok], owner[ok]
    ok = claimable(data, candidates)
    candidates, owner = candidates[ok], owner[ok]
    support_of: dict[str, dict[int, float]] = {}   # ward -> {answering text: its share of the best score}
    shares = scores[first] / top if top > 0 else np.ones(len(first))
    for c, k, ward in zip(candidates.tolist(), owner.tolist(), data.ward[candidates].tolist()):
        out.setdefault(ward or NO_WARD, []).append(c)
        support_of.setdefault(ward or NO_WARD, {})[k] = float(shares[k])
    if support > 0 and cosines:
        backed = {ward: evidence for ward, evidence in out.items() if sum(support_of[ward].values()) >= support}
        if not backed and out and NEVER_EMPTY and not within_wards:
            # no ward is backed enough: the one the ranking backs most answers alone
            best = max(out, key=lambda w: sum(support_of[w].values()))
            backed = {best: out[best]}
        out = backed
    if not out and NEVER_EMPTY and not within_wards and first_claims:
        # no unit of the head answers: the best-ranked text does, wherever it is written
        # (its copies within the filters), its ward's claim resting on the ranking
        candidates, _owner = data.duplicates.copies_grouped(
            *dedupe.ranked_members(g, idx, answering[:1]), allowed)
        candidates = candidates[claimable(data, candidates)]
        for c, ward in zip(candidates.tolist(), data.ward[candidates].tolist()):
            out.setdefault(ward or NO_WARD, []).append(c)
    return out


def best_claimable_cosine(data, cosines: dict[int, float]) -> float:
    """The best cosine among passages that may claim (1.0 when there is none)."""
    if not cosines:
        return 1.0
    which = np.fromiter(cosines.keys(), dtype=np.int64, count=len(cosines))
    values = np.fromiter(cosines.values(), dtype=np.float64, count=len(cosines))[claimable(data, which)]
    return float(values.max()) if len(values) else 1.0


def can_claim(data, i: int) -> bool:
    """Whether passage i may be a ward's evidence (not a preamble's context: NEVER_CLAIMS)."""
    return data.passages[i]["section"] not in NEVER_CLAIMS


def claimable(data, indices: np.ndarray) -> np.ndarray:
    """`can_claim` of each of `indices`, at once."""
    sections = data.section[np.asarray(indices, dtype=np.int64)]
    ok = np.ones(len(sections), dtype=bool)
    for kind in NEVER_CLAIMS:
        ok &= sections != kind
    return ok


# per generation: each evidence unit's card layout (`_layout`), filled as units are shown
_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LAYOUTS_LOCK = threading.Lock()


def _layouts(data) -> dict:
    """The generation's unit layouts found so far (`_layout`)."""
    with _LAYOUTS_LOCK:
        kept = _LAYOUTS.get(data)
        if kept is None:
            kept = _LAYOUTS[data] = {}
    return kept


def _layout(data, kept: dict, unit: str, best_i: int) -> tuple[dict[str, tuple[int, ...]], str | None]:
    """What a card shows of a unit whatever the query: its passages of each card
    section (CARD_SECTIONS, in unit order) and its goal text (the first goal or
    next-year goal passage; None when it has none). Kept per generation (`kept`:
    `_layouts(data)`)."""
    found = kept.get(unit)
    if found is None:
        members = data.unit_members.get(unit, [best_i])
        sections = [data.passages[i]["section"] for i in members]
        by_slot = {slot: tuple(i for i, kind in zip(members, sections) if kind in kinds)
                   for slot, kinds in CARD_SECTIONS.items()}
        goal = next((data.passages[i]["text"] for i, kind in zip(members, sections)
                     if kind in (records.GOAL, records.NEXT_GOAL)), None)
        found = kept[unit] = (by_slot, goal)
    return found


def cards(data, ranked: list[tuple[int, float]], claimed: dict[str, list[int]], terms, surfaces,
          scope: wardscope.Scope, listing: bool = False, basis: dict[str, str] | None = None) -> list[dict]:
    """One card per claimed ward, in order of its best evidence. A listing (令和2年度の
    重点目標) shows the ward's first passages whatever their unit: each is an answer.
    `scope` (wardscope.Scope of the search): what each card counts — the ward's results
    ("passages", "passage_count") and how many are about each fiscal year ("year_counts")."""
    if not claimed:
        return []
    score = dict(ranked)
    idx = [i for i, _s in ranked]
    hits_by_ward: dict[str, list[int]] = {ward: [] for ward in claimed}
    for i, ward in zip(idx, data.ward[np.asarray(idx, dtype=np.int64)].tolist()):
        hits = hits_by_ward.get(ward or NO_WARD)
        if hits is not None:
            hits.append(i)
    terms, surfaces = frozenset(terms), frozenset(surfaces)
    layouts = _layouts(data)
    basis = basis or {}
    out = []
    for ward, evidence in claimed.items():
        results, year_counts = scope.counts(ward)
        out.append({**_card(data, layouts, ward, evidence, score, hits_by_ward.get(ward, []), terms, surfaces,
                            listing),
                    "basis": basis.get(ward, "words"),
                    # what the card counts and its link lists (wardscope): one passage per result
                    "passage_count": len(results),
                    "passages": [data.passages[i]["passage_id"] for i in results],
                    "year_counts": year_counts})
    return out


def _card(data, layouts: dict, ward: str, evidence: list[int], score: dict, hits: list[int], terms, surfaces,
          listing: bool = False) -> dict:
    passages_ = data.passages
    best_i = evidence[0]
    best = passages_[best_i]
    units_of = data.unit
    unit = units_of[best_i]
    # evidence: the best passage plus other claimed passages of the same unit
    shown = (evidence if listing else [i for i in evidence if units_of[i] == unit])[:MAX_EVIDENCE]
    by_slot, unit_goal = _layout(data, layouts, unit, best_i)
    hit_set = set(hits)
    # the unit's other passage of each card section: its best-ranked hit, else its best-scored
    sections: dict[str, dict | None] = {}
    for slot, candidates in by_slot.items():
        candidates = [i for i in candidates if i not in shown]
        if candidates:
            pick = min(candidates, key=lambda i: (i not in hit_set, -score.get(i, 0.0)))
            sections[slot] = passage_dict(data, pick, score.get(pick), terms, surfaces)
        else:
            sections[slot] = None
    evidence_dicts = [passage_dict(data, i, score.get(i), terms, surfaces) for i in shown]
    doc = data.documents.get(best["doc_id"], {})
    goal = best.get("goal") or unit_goal
    units = list(dict.fromkeys(units_of[i] for i in evidence))
    best_score = score.get(best_i, 0.0)
    return {
        "ward": ward,
        "best_score": round(float(best_score), 4),
        "year_display": year_label(best["fiscal_year_from"], best["fiscal_year_to"]),
        "year_label": best["year_label"],
        "operator": best.get("operator") or doc.get("operator"),
        "hub": doc.get("hub"),
        "goal": goal,
        "goal_no": best.get("goal_no"),
        "programme": best.get("programme"),
        "programme_name": best.get("programme_name"),
        "best_passage_id": best["passage_id"],
        "best": evidence_dicts[0],
        "evidence": evidence_dicts,
        "unit": unit,
        "units": units,
        "doc_id": best["doc_id"],
        "sections": sections,
    }
