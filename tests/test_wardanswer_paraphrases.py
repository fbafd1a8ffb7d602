"""The ward answer to paraphrases on the real seed corpus: which evidence may claim a ward.

Two rules (search_app/wardanswer.py, measured in docs/quality.md, "Wards of
paraphrases and questions"):

- a word of one character is never a *specific* word, however rare: 産学 is not in
  Sudachi's dictionary, so 「産学協働」 is analysed 産 + 学 + 協働, and 学 (found once in
  the reports) would otherwise oblige every answering unit to name 学 as a word —
  西区's unit writes 神奈川大学と連携 / 協働 and was claimed only as a guess;
- a one-line passage does not claim a ward on its cosine alone: e5 puts a short goal
  that only names the query's topic (子サポ) closest to a short query about it, ahead
  of the passages that say what was done.
"""

from __future__ import annotations

import numpy as np

from search_app import wardanswer
from search_app.query import parse_query

# 産学 is unknown to Sudachi (one-character pieces); only 西区's reports speak of a
# university partnership, and they never use 学 alone.
ONE_CHARACTER_PIECE = "産学協働"
# Only 西区's reports speak of 子サポ taking children to and from somewhere (送迎); the
# passages nearest in meaning are other wards' one-line goals about 子サポ in general.
SHORT_NEIGHBOURS = "ファミサポの送迎"
# 西区 writes how it eased a first 預かり; a short passage of another ward
# is near the question in meaning without saying what was done.
SHORT_NEIGHBOUR_OF_A_QUESTION = "初めて子どもを預ける親の不安をどう減らしたか"


def _wards(result) -> dict[str, str]:
    return {w["ward"]: w["basis"] for w in result["wards"]}


def test_a_one_character_piece_of_an_unknown_compound_is_not_a_specific_word(keyword_service, monkeypatch):
    data = keyword_service.data
    builder = keyword_service.builder()
    concepts = builder.concepts(parse_query(ONE_CHARACTER_PIECE))
    assert {c.surface for c in concepts} >= {"学", "協働"}

    def coverage_of_a_unit_naming_only_the_rest():
        coverage = wardanswer.UnitCoverage(data, builder, concepts)
        rare_piece = [c for c in coverage.concepts if c.surface == "学"]
        assert rare_piece and len(data.matching_passages(rare_piece[0].query)) \
            <= wardanswer.SPECIFIC_SHARE * data.doc_count, "学 is rare enough to be specific by its share"
        texts = [p["text"] for p in data.passages]
        rest = [i for i, t in enumerate(texts) if "協働" in t and data.passages[i]["ward"] == "西区"]
        assert rest
        return coverage, coverage.of_many(np.array(rest)).max()

    coverage, covered = coverage_of_a_unit_naming_only_the_rest()
    assert not any(s for c, s in zip(coverage.concepts, coverage.specific) if len(c.surface) == 1)
    assert covered > 0, "a unit naming 協働 covers its share of the query"

    monkeypatch.setattr(wardanswer, "SPECIFIC_MIN_CHARS", 1)
    _coverage, gated = coverage_of_a_unit_naming_only_the_rest()
    assert gated == 0.0, "with one-character words specific, the unit would have to name 学"


def test_a_ward_whose_unit_names_the_rest_of_a_split_compound_is_claimed_on_words(hybrid_service):
    wards = _wards(hybrid_service.search(ONE_CHARACTER_PIECE))
    assert wards.get("西区") == "words"


def test_a_one_line_passage_nearest_in_meaning_does_not_claim_its_ward(hybrid_service, monkeypatch):
    kept = _wards(hybrid_service.search(SHORT_NEIGHBOUR_OF_A_QUESTION))
    assert kept.get("西区") == "words", "the ward whose report says how the first 預かり was eased answers"

    monkeypatch.setattr(wardanswer, "SEMANTIC_CLAIM_MIN_CHARS", 0)
    without = _wards(hybrid_service.search(SHORT_NEIGHBOUR_OF_A_QUESTION))
    guessed = {ward for ward, basis in without.items() if basis == "meaning"}
    assert guessed, "without the rule a short passage near the question claims its ward as a guess"
    assert guessed.isdisjoint(kept), "with the rule that guess is not listed"


def test_only_the_ward_whose_report_describes_the_typed_words_answers(hybrid_service):
    wards = _wards(hybrid_service.search(SHORT_NEIGHBOURS))
    assert wards == {"西区": "words"}, "the ward whose report describes 送迎 answers, alone"


def test_a_long_passage_nearest_in_meaning_still_claims_its_ward_alone(hybrid_service):
    # no report mentions 天気予報; the passage nearest in meaning is a long one, and
    # its ward is still offered, as a guess
    r = hybrid_service.search("天気予報")
    assert r["wards"] and set(_wards(r).values()) == {"meaning"}
