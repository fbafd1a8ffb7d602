"""Fusion of the two halves into one ranking, and the priors applied to it.

Both rankings are scaled to 0..1 — BM25 by its top score, cosines over a band
below the best cosine — and mixed by weight (normalised score mixing). A passage
is a result only when some half found it: a keyword match, or a cosine within
the band below the best one. Priors: the 振り返りの視点 checklist ranks at half
weight, and a number table that no query word matches (scored or not: a common
word left out of the keyword half's scoring still counts) gets half of its semantic
score (an embedding of a table of counts sits near every topic of its report).
A query asking for figures (西区 相談件数) is answered by the tables naming its
topic (相談内容 …), not by every table of the report (会員数, 訪問回数): in
hybrid mode such queries are no longer exempt from the table prior (dev d03
evidence recall 0.5 -> 1.0, no other dev or extra query changes). Semantic mode,
which has no keyword matching, keeps the exemption (see `fuse`). A query asking
for a fiscal year ranks the passages that do not speak of it (they lie in a
multi-year report covering it: `yearintent`) at YEAR_INTENT_OTHER (see `rank`).

Coordination: the keyword half's score of a passage is scaled by how much of the
query it matches, ``coverage ** COORDINATION`` (coverage = the idf-weighted weight of
the query's concepts — each word with its glossary synonyms, each quoted phrase —
that the passage mentions, scored or not, relative to the best-covered passage).
BM25 scaled to its top hit gives a passage
matching one rare word of a question the same 1.0 as one matching all of them,
and the semantic half (at most 0.5 of the mix) could not outrank such a partial
match: "利用者の声をどうやって集めているか" ranked 声 alone (公式サイト … 養育者からの
声をうけ) above 利用者アンケートを毎年実施 (利用者 + 声's meaning, semantic rank 3).
Lucene's classic coord factor is the same idea. Measured (docs/quality.md): dev
unchanged at 0.5 (0.875 / 0.983), held-out question recall 0.68 -> 0.88.
The coverage the coordination reads also asks whether the passage names those
words together, in one sentence, or in bullets about other things (`proximity`).

Unit context (hybrid): each passage's fused score moves a small share of the way up to
the best fused score of its evidence unit (`unit_context`): the goal block answers, and
its passages say their parts in words of their own.

What counts as a result (and in "total"): in hybrid mode, a semantic neighbour the
keyword half did not score must make up in meaning what it does not say in the
query's words (`look_alikes`), before the relevance cut of `rank`. In semantic mode,
which has no keyword half, a neighbour must stand out from the query's cosines over
the corpus (`unremarkable`).
"""

from __future__ import annotations

import bisect
import math

import numpy as np
from whoosh import query as Q

from indexer import records, sentences

from . import yearintent
from .retrieval_semantic import expected_max

# Chosen on the dev set (README "Quality").
HYBRID_BM25_WEIGHT = 0.5
# Semantic relevance band: cosines within SEMANTIC_BAND of the best one count
# (e5-small's cosines crowd into 0.75–0.9; see docs/quality.md for the measurement).
SEMANTIC_BAND = 0.08
TABLE_SEMANTIC_WEIGHT = 0.5
# Statements of intent and rated checklist rows -- a goal (目標), next year's goal
# (次年度目標), a self-evaluation row (自己評価: 「①…参画が得られている。」) -- say what a
# hub aims at or how it rates itself, not what it did or what came of it; unless the
# query asks for that section (`rank`), they rank at INTENT_PRIOR. Measured on the 80
# judged queries (dev + extra..extra4, docs/quality.md "Questions and paraphrases"):
# 0 of the question queries' evidence passages are such sections, against 24 of the
# 156 passages that filled their top 10 instead; 1.0 / 0.8 / 0.6 / 0.4 chosen by
# leave-one-out (benchmarks/question_loo.py).
INTENT_PRIOR = 0.6
SECTION_PRIOR = {records.VIEWPOINT: 0.5, records.OVERVIEW: 0.5}
INTENT_SECTIONS = (records.GOAL, records.NEXT_GOAL, records.SELF_EVAL)
# Semantic mode's relevance cut (`unremarkable`): a passage is a result when its cosine
# reaches within SEMANTIC_STANDING standard deviations of what the best of the query's
# cosines over the (filtered) corpus would reach by chance (None = off: the band alone).
# Chosen on dev + extra..extra4 as the strictest value that keeps every judged evidence
# string of semantic mode's top 10 (docs/quality.md, "Semantic mode counts").
SEMANTIC_STANDING: float | None = 2.0
# The cut decides the count and the list beyond the first page, never the first page:
# semantic mode always shows the FIRST_PAGE passages it ranks nearest (above the floor).
# A query whose nearest passages all look alike in meaning still gets its best page.
FIRST_PAGE = 10
# The relevance cut: a passage is a result (and counts in "total") when it scores
# at least this share of the best result.
RESULT_SHARE = 0.3
# A passage whose coverage (relative to the best-covered one) reaches this stays
# a result below the relevance cut (see `rank`).
FULL_COVERAGE = 0.999
# The best result's evidence unit (its goal block or programme block) is the answer:
# its other passages naming a query word stay results below the cut (see `rank`).
UNIT_CONTEXT = True
# A passage the keyword half did not score is a result only when the share of the
# query it (or its evidence unit) names plus its semantic score reaches the best
# passage's share ** LOOK_ALIKE_POWER (`look_alikes`; 0 = off).
LOOK_ALIKE_POWER = 1.0
# Exponent of the keyword half's coordination factor (0 = off; see the module docstring).
COORDINATION = 0.5
# Proximity: the keyword half's coordination reads, besides how much of the query a
# passage names, whether it names it together -- in one sentence -- or in bullets
# about other things (`together`). A passage's coverage is scaled by
# ``1 - PROXIMITY * (1 - best sentence's share / the passage's share)`` (0 = off).
# Chosen on the 80 non-blind judged queries (docs/quality.md, "Query words named
# together"): 0.25 and 0.5 alike.
PROXIMITY = 0.5
# When the query names a section (課題, 成果 …), other sections rank lower.
SECTION_INTENT_OTHER = 0.6
# When the query names a hub programme as such (子育て相談事業: query.programmes_in_text),
# the five-year blocks of the other programmes rank lower, as for a section; passages
# of no programme (a yearly report's goals) are not ranked by it.
PROGRAMME_INTENT_OTHER = SECTION_INTENT_OTHER
# When the query asks for a fiscal year, passages that are not about it (they lie in
# a multi-year report covering it, but do not name it: `yearintent`) rank lower.
YEAR_INTENT_OTHER = 0.4


def normalise_bm25(hits: list[tuple[int, float]]) -> dict[int, float]:
    if not hits:
        return {}
    top = max(s for _, s in hits) or 1.0
    return {i: s / top for i, s in hits}


def normalise_semantic(hits: list[tuple[int, float]], data, band: float | None = None) -> dict[int, float]:
    """Cosines rescaled so the best is 1 and `band` below it is 0 (dropped)."""
    if not hits:
        return {}
    band = SEMANTIC_BAND if band is None else band
    top = max(s for _, s in hits)
    out = {}
    for i, s in hits:
        v = (s - (top - band)) / band
        if v > 0:
            out[i] = v
    return out


def unremarkable(hits: list[tuple[int, float]], pool: np.ndarray) -> set[int]:
    """The semantic half's hits that do not stand out from the query's cosines
    (semantic mode: they are not results, nor counted in "total").

    `pool`: the query's cosine to every distinct embedded text the filters allow (one
    per exact-copy group: copies of one text are not independent draws). e5-small
    puts every Japanese text at cosine 0.75–0.9 of any other, so the band below the
    best cosine (SEMANTIC_BAND) holds half the corpus for any query (多胎児, a word
    three passages use: 86 of 165 passages). A passage is a result when its cosine
    reaches ``mean + sd * (E[max of n] - SEMANTIC_STANDING)`` over the pool's n
    cosines: within SEMANTIC_STANDING standard deviations of what the best of n
    unrelated passages reaches by chance. A small pool (a query filtered to one
    ward's year) keeps nearly all of it: the best of a few cosines proves little.
    The cut reads the query's own distribution; no absolute cosine means the same
    thing for two queries."""
    if SEMANTIC_STANDING is None or not hits:
        return set()
    pool = np.asarray(pool, dtype=np.float64)
    sd = float(pool.std()) if len(pool) > 1 else 0.0
    if sd <= 0:
        return set()
    cut = float(pool.mean()) + sd * (float(expected_max(np.array([len(pool)]))[0]) - SEMANTIC_STANDING)
    return {i for i, c in hits if c < cut}


def named_share(data, concepts) -> np.ndarray:
    """Per passage, the share (0..1) of the query's idf-weighted concepts it mentions,
    scored or not. A concept's weight is its idf over the passages matching it (the
    word or any synonym) times its POS weight; a word no passage uses weighs in
    (at the highest idf) and no passage covers it."""
    out = np.zeros(data.n, dtype=np.float64)
    total = 0.0
    n = max(1, data.doc_count)
    for c in concepts:
        matched = data.matching_passages(c.query)
        w = (math.log(n / (len(matched) + 1)) + 1) * c.weight
        total += w
        if len(matched):
            out[matched] += w
    return out / total if total > 0 else out


def coverage(data, concepts, share: np.ndarray | None = None) -> np.ndarray:
    """Per passage, `named_share` relative to the best-covered passage (0..1; all
    ones when no passage matches any concept). Relative, not a share of the whole
    query: a word no report uses (an everyday word, handled by the semantic half
    and expansion) does not lower the keyword half of every passage alike — on the
    archive that cost distinct-evidence recall (0.675 -> 0.629 against 0.652).
    `share`: `named_share(data, concepts)` when already computed."""
    out = named_share(data, concepts) if share is None else share
    if out.max() <= 0:
        return np.ones(data.n, dtype=np.float64)
    return out / out.max()


def _words_of(q) -> list[tuple[str, ...]]:
    """The alternatives of a concept's Whoosh query as tuples of word-field terms (a
    multi-word synonym is one alternative of several words); bigram clauses have none."""
    if isinstance(q, Q.Term):
        return [(q.text,)] if q.fieldname == "text" else []
    if isinstance(q, Q.And):
        words = [w for sub in q.subqueries for alt in _words_of(sub)[:1] for w in alt]
        return [tuple(words)] if words else []
    if isinstance(q, Q.Or):
        return [alt for sub in q.subqueries for alt in _words_of(sub)]
    return []


def _sentence_ends(text: str) -> list[int]:
    """Character offsets where the sentences of `text` end (`indexer.sentences.split`,
    the unit of the semantic half's sentence vectors); one sentence: [len(text)]."""
    ends, pos = [], 0
    for sentence in sentences.split(text):
        found = text.find(sentence, pos)
        if found < 0:
            return [len(text)]
        pos = found + len(sentence)
        ends.append(pos)
    if not ends:
        return [len(text)]
    ends[-1] = len(text)
    return ends


def together(data, concepts, indices, share: np.ndarray) -> dict[int, float]:
    """Per passage of `indices` (the keyword half's hits), the share of the query its
    best sentence names, over the share the whole passage names (0..1; 1 when one
    sentence names all of it, or when the passage is one sentence).

    A long passage of bullets (西区's 評価の理由: ten lines on different programmes)
    names 対応 in one line, 親子 in another and 拠点 in a third, and its keyword score
    and coverage count them as if it spoke of all three together; a passage that
    answers 「初めて拠点に来た親子にどう対応しているか」 names them in one sentence.
    A concept whose match cannot be placed (a quoted phrase or a compound found
    through its bigrams) counts in every sentence, and a passage without stored
    token spans is left out: proximity only lowers what it can place."""
    out: dict[int, float] = {}
    if len(concepts) < 2 or getattr(data, "spans", None) is None:
        return out
    n = max(1, data.doc_count)
    weights, alternatives, matched = [], [], []
    for c in concepts:
        m = data.matching_passages(c.query)
        weights.append((math.log(n / (len(m) + 1)) + 1) * c.weight)
        alternatives.append(list(dict.fromkeys(_words_of(c.query))))
        matched.append(m)
    total = sum(weights)
    words = frozenset(w for alts in alternatives for alt in alts for w in alt)
    indices = np.asarray(list(indices), dtype=np.int64)
    held_by = []   # per concept: which of `indices` it matches (a mask: no set of a common word's passages)
    for m in matched:
        mask = np.zeros(data.n, dtype=bool)
        mask[m] = True
        held_by.append(mask[indices])
    for k, i in enumerate(indices.tolist()):
        if share[i] <= 0:
            continue
        spans = data.token_spans(i, words)
        if spans is None:
            continue
        ends = _sentence_ends(data.passages[i]["text"])
        if len(ends) < 2:
            out[i] = 1.0
            continue
        last = len(ends) - 1
        per = [0.0] * len(ends)
        for w, alts, held in zip(weights, alternatives, held_by):
            if not held[k]:
                continue
            places = {min(bisect.bisect_right(ends, a), last)
                      for alt in alts if all(x in spans for x in alt) for a, _b in spans[alt[0]]}
            for j in (places or range(len(ends))):   # matched but not placeable: everywhere
                per[j] += w
        named = float(share[i]) * total
        out[i] = min(1.0, max(per) / named) if named > 0 else 1.0
    return out


def proximity(data, concepts, coverage: np.ndarray | None, share: np.ndarray | None,
              indices) -> np.ndarray | None:
    """`coverage` for the keyword half's coordination (`fuse`), each passage of
    `indices` scaled by how much of what it names it names in one sentence
    (`together`, PROXIMITY). Only the coordination reads it: what counts as naming
    the query (the look-alike floor, the full-coverage exemption, the ward answer)
    still reads the passage as a whole."""
    if coverage is None or share is None or PROXIMITY <= 0:
        return coverage
    ratios = together(data, concepts, indices, share)
    if not ratios:
        return coverage
    out = coverage.copy()
    for i, r in ratios.items():
        out[i] = coverage[i] * (1.0 - PROXIMITY * (1.0 - r))
    return out


def look_alikes(sem: dict[int, float], literal: np.ndarray | None, share: np.ndarray | None,
                scored=frozenset(), unit_code: np.ndarray | None = None) -> set[int]:
    """The semantic half's neighbours that are not results (hybrid; see `rank`).

    e5-small's cosines crowd into 0.75–0.9, so the band (SEMANTIC_BAND) holds dozens
    of passages for any query, and a passage the keyword half did not score reached
    the relevance cut on its semantic score alone: 多胎児, a word three passages use,
    counted 70 results, 67 of them passages on 妊娠期支援. Such a passage (not a
    keyword hit: not in `scored`) is a result only when the share of the query it
    names (`named_share`; the best share among the passages of its evidence unit,
    `unit_code`, since the 成果 of a goal about the topic need not repeat its words)
    plus its semantic score (0..1 over the band, `normalise_semantic`) reaches
    ``best ** LOOK_ALIKE_POWER``, where `best` is the share the best-covered passage
    names. What a passage does not say in the query's words it must make up in
    meaning, and the more completely the reports' own words answer the query, the
    less a look-alike is worth:

    - a query whose words some passage names in full (best 1: 多胎児) keeps, of the
      passages naming none of its words, only the best cosine itself;
    - a paraphrase whose words no report uses (相談者のプライバシーへの配慮: best 0.58;
      災害への備え: 0) keeps its semantic neighbours as before;
    - a passage naming only a common word (支援 in 双子の親への支援) needs more meaning
      than one naming the rare word.

    A passage that only feedback terms match (`literal`, share 0) counts as naming
    the query. `literal` None (semantic or keyword mode) or LOOK_ALIKE_POWER 0:
    nothing is excluded here."""
    if LOOK_ALIKE_POWER <= 0 or literal is None or share is None or not sem:
        return set()
    floor = max(0.0, min(1.0, float(share.max()))) ** LOOK_ALIKE_POWER - 1e-9  # the best cosine passes
    anchor = share
    if unit_code is not None and len(unit_code):
        best = np.zeros(int(unit_code.max()) + 1)
        np.maximum.at(best, unit_code, share)
        anchor = best[unit_code]
    anchor = np.where(literal & (anchor <= 0), 1.0, anchor)
    return {i for i, s in sem.items() if i not in scored and anchor[i] + s < floor}


def fuse(bm25: dict[int, float], sem: dict[int, float], data, weight: float | None = None,
         literal=None, tables: bool = False, coverage=None) -> dict[int, float]:
    """Weighted sum of the two halves (weight = the keyword half's share);
    `literal`: mask of the passages some query word matches, scored or not (a
    common word like 相談 is left out of the keyword half's scoring, but a table
    naming it is still about it); None = the keyword half's hits.
    `tables`: every table keeps its score (semantic mode, for a query asking for
    figures: with no keyword matching, that is the only sign a table answers it;
    measured on dev / extra / archive evidence recall, semantic mode: 0.717 /
    0.582 / 0.522 with it, 0.675 / 0.582 / 0.511 without, 0.728 / 0.571 / 0.470
    with the keyword mask instead).
    `coverage`: per-passage share of the query's concepts (`coverage()`); the
    keyword half's score is scaled by ``coverage ** COORDINATION`` (None: unscaled)."""
    weight = HYBRID_BM25_WEIGHT if weight is None else weight
    scores: dict[int, float] = {}
    coordinate = coverage is not None and COORDINATION > 0
    for i, s in bm25.items():
        if coordinate:
            s *= float(coverage[i]) ** COORDINATION
        scores[i] = scores.get(i, 0.0) + weight * s
    for i, s in sem.items():
        matched = i in bm25 if literal is None else literal[i]
        if not tables and data.is_table[i] and not matched:
            s *= TABLE_SEMANTIC_WEIGHT
        scores[i] = scores.get(i, 0.0) + (1 - weight) * s
    return scores


# Unit context (`unit_context`, hybrid): a passage's fused score is mixed with the best
# fused score of its evidence unit, ``(1 - UNIT_SHARE) * own + UNIT_SHARE * unit's best``
# (0 = off). Measured on the 328 held-out queries (docs/quality.md, recall20): 0.05 lifts
# held-out recall without moving dev or any ward-set F1; 0.1 and more cost dev.
UNIT_SHARE = 0.05


def unit_context(scores: dict[int, float], data) -> dict[int, float]:
    """The fused scores, each passage's mixed with its evidence unit's best (UNIT_SHARE).

    A passage is one part of what answers: the goal block of one report year (goal,
    取組内容, 成果, 課題) or a programme block of a five-year summary. A 成果 that says in its
    own words what its block is about (利用者アンケートを毎年実施 under ③ニーズ把握, for
    「利用者の声をどうやって集めているか」) scores low on its own while its block's best
    passage names the query; the block's score is evidence for it, as a document's score
    is for its passages in passage retrieval. The unit's best passage keeps its score;
    each other passage of the unit moves UNIT_SHARE of the way up to it. Only passages
    some half found are re-scored (no passage enters on its unit alone), before the
    priors of `rank`. A small share: evidence of several wards sits in several units,
    and a larger one lets the best unit's other passages crowd them out of the first page."""
    if UNIT_SHARE <= 0 or not scores:
        return scores
    codes = data.unit_code
    best: dict[int, float] = {}
    for i, s in scores.items():
        u = int(codes[i])
        if s > best.get(u, 0.0):
            best[u] = s
    return {i: (1 - UNIT_SHARE) * s + UNIT_SHARE * best.get(int(codes[i]), 0.0) for i, s in scores.items()}


def rank(scores: dict[int, float], data, section_intent: str | None = None,
         coverage=None, years: tuple[int, int] | None = None,
         exclude: set[int] | frozenset = frozenset(), intent: bool = True,
         programmes: list[int] | tuple[int, ...] = ()) -> list[tuple[int, float]]:
    """Scores with the priors applied, best first (ties in passage order).

    `intent`: statements of intent and rated checklist rows rank at INTENT_PRIOR
    (INTENT_SECTIONS; hybrid and keyword modes). Semantic mode passes False: with no
    keyword matching there, a goal restating the query's topic is often the passage
    that ties its ward to it (泉区's 父親への支援 goal for お父さん 育児参加), and the
    prior cost that mode's word and intent queries (kinds a and d) as much as it gave
    its questions.
    Like every section prior here, it also applies to the relevance cut: over the 80
    judged queries, 254 such passages left the result lists (148 self-evaluation rows,
    106 goals; none of them judged evidence) and 79 others entered; "total" fell from
    32.8 to 30.4 on average. A ward's card still shows its goal.

    `exclude` (`look_alikes`): passages that are not results whatever their score.

    `coverage` (hybrid: `coverage()`): a passage naming the query's words as fully
    as the best-covered passage does stays a result below the relevance cut — the
    cut is for the semantic half's look-alikes, not for a literal match of every
    query word that happens to sit in a long passage (アウトリーチ in a 400-character
    paragraph on networks scored under 0.3 of the top and was dropped, leaving a
    one-word query with one result). Such passages rank after the others, by score.
    When no passage names any query word, nothing is exempt.

    The same holds for the other passages of the best result's evidence unit that
    name some query word (UNIT_CONTEXT): the unit is what answers, as its ward card
    shows. "２０２０年度 医療機関との連携" found 中区's goal ③ (地域の医療機関との連携を
    目指します) and cut the same block's next-year goal (新たな地域資源と連携が図られる
    よう…: 連携 without 医療機関, cosine a third of the band), leaving one result.
    Only the best result's unit: every answering unit's passages would double the
    result count of a question (c01 40 -> 80) for no measured gain.

    `years` (the fiscal years the query asks for): passages not about them
    (`yearintent.about`) rank at YEAR_INTENT_OTHER.

    `programmes` (the hub programmes the query names as such): a passage of another
    programme ranks at PROGRAMME_INTENT_OTHER."""
    about = None
    if years is not None and YEAR_INTENT_OTHER < 1 and scores:
        about = dict(zip(scores, yearintent.about(data, *years, list(scores)).tolist()))
    out = []
    for i, s in scores.items():
        if i in exclude:
            continue
        asked = section_intent and (data.group[i] == section_intent or data.section[i] == section_intent)
        if not asked:
            section = data.section[i]
            s *= INTENT_PRIOR if intent and section in INTENT_SECTIONS else SECTION_PRIOR.get(section, 1.0)
        if section_intent and not asked:
            s *= SECTION_INTENT_OTHER
        if about is not None and not about[i]:
            s *= YEAR_INTENT_OTHER
        if programmes and data.programme[i] and data.programme[i] not in programmes:
            s *= PROGRAMME_INTENT_OTHER
        out.append((i, s))
    out.sort(key=lambda x: (-x[1], x[0]))
    if out and out[0][1] > 0:
        cut = RESULT_SHARE * out[0][1]
        full = None if coverage is None else coverage >= FULL_COVERAGE
        if full is not None and full.all():
            full = None  # all ones: no passage names any query word (see `coverage`)
        keep = [s >= cut or (full is not None and full[i]) for i, s in out]
        if UNIT_CONTEXT and full is not None:
            best_unit = data.unit_code[out[0][0]]
            keep = [k or (coverage[i] > 0 and data.unit_code[i] == best_unit)
                    for (i, _s), k in zip(out, keep)]
        out = [x for x, k in zip(out, keep) if k]
    return out


def listing(data, mask: np.ndarray, years: tuple[int, int] | None = None) -> list[tuple[int, float]]:
    """A query of only a year, a ward and/or a section word (令和5年度の成果): every
    passage in `mask`, in document order — those about the asked years first
    (`yearintent.about`: a yearly report of that year, or a passage naming it), then
    those that only lie in a multi-year report covering it. Scores stay 0: a listing
    has no relevance order."""
    found = np.nonzero(mask)[0]
    if years is None or YEAR_INTENT_OTHER >= 1:
        return [(int(i), 0.0) for i in found]
    about = yearintent.about(data, *years, found)
    first = [(int(i), 0.0) for i in found[about]]
    return first + [(int(i), 0.0) for i in found[~about]]
