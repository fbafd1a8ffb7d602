"""The ward answer when a query word is one no report uses, on the real seed corpus.

Three rules (search_app/wardanswer.py, measured in docs/quality.md, "Words the
reports never use", claims14):

- the head of a compound written as one word whose modifier no report uses is not
  the user's word: 「宇宙開発」 is analysed 宇宙 + 開発; no report says 宇宙, and the
  one passage saying 開発 (港北区's アプリ開発) is about something else;
- a unit answers a query with such a word only where something stands in for it:
  the passages nearest the query in meaning (and, in hybrid mode, the feedback guess
  learned there) — not every unit naming the generic word beside it (相談);
- a guess learned from a passage only the keyword half found, through the query's
  other words, is not evidence about the unknown word.

Keyword mode has no stand-in: there a word no report uses is left out of the
coverage as before; the compound rule (off by default, COMPOUND_HEADS) is the only
one that can act there.
"""

from __future__ import annotations

from search_app import wardanswer
from search_app.query import parse_query

# No seed report speaks of space; 港北区's report is the only one writing 開発 (アプリ開発).
UNKNOWN_COMPOUND = "宇宙開発"
# 心理 is used (臨床心理士相談, 西区); カウンセリング is not: a known modifier, an unknown head.
KNOWN_MODIFIER = "心理カウンセリング"
# No seed report mentions 夜泣き; 相談 is in every report.
UNKNOWN_BESIDE_GENERIC = "夜泣きの相談"


def _claimed(result) -> dict[str, str]:
    return {w["ward"]: w["basis"] for w in result["wards"]}


def test_the_head_of_a_compound_whose_modifier_the_reports_never_use_is_found(keyword_service):
    builder = keyword_service.builder()
    assert wardanswer.compound_heads(parse_query(UNKNOWN_COMPOUND), builder) == {"開発"}
    assert wardanswer.compound_heads(parse_query(KNOWN_MODIFIER), builder) == set(), \
        "a known modifier before an unknown head names the topic; it is not a head"
    assert wardanswer.compound_heads(parse_query("宇宙 開発"), builder) == set(), \
        "two words the user wrote apart are not one compound"


def test_with_the_compound_rule_on_keyword_mode_claims_no_ward_through_one_part_of_an_unknown_word(
        keyword_service, monkeypatch):
    # Off by default (it cost a relevant ward on a held-out set in keyword mode):
    # there 開発 alone claims 港北区 (アプリ開発) for 宇宙開発.
    assert "港北区" in _claimed(keyword_service.search(UNKNOWN_COMPOUND, mode="bm25"))

    monkeypatch.setattr(wardanswer, "COMPOUND_HEADS", True)
    # (the gate alone: with no ward clearing the bars, NEVER_EMPTY would name the first
    # result's ward as a guess, basis "meaning" — tests/test_answer_never_empty.py)
    monkeypatch.setattr(wardanswer, "NEVER_EMPTY", False)
    assert _claimed(keyword_service.search(UNKNOWN_COMPOUND, mode="bm25")) == {}


def test_a_compound_the_reports_never_use_claims_no_ward_on_words_in_any_mode(hybrid_service):
    for mode in ("hybrid", "semantic"):
        claimed = _claimed(hybrid_service.search(UNKNOWN_COMPOUND, mode=mode))
        assert "港北区" not in claimed, mode
        assert "words" not in claimed.values(), mode


def test_a_known_modifier_before_an_unknown_head_still_claims_its_ward(keyword_service):
    assert "西区" in _claimed(keyword_service.search(KNOWN_MODIFIER, mode="bm25"))


def test_a_ward_naming_only_the_generic_word_beside_an_unknown_one_is_not_claimed_by_meaning_search(
        hybrid_service, monkeypatch):
    claimed = _claimed(hybrid_service.search(UNKNOWN_BESIDE_GENERIC, mode="semantic"))
    assert claimed, "the ward of the passages nearest in meaning still answers"

    monkeypatch.setattr(wardanswer, "UNKNOWN_NEAREST", 0)
    loose = _claimed(hybrid_service.search(UNKNOWN_BESIDE_GENERIC, mode="semantic"))
    assert set(claimed) < set(loose), "without the rule every unit naming 相談 in the head answers"


def test_a_query_of_only_a_word_the_reports_never_use_claims_only_the_wards_nearest_it_in_meaning(
        hybrid_service, monkeypatch):
    # No seed report writes ベビーカー, nor a synonym of it: the query has no concept any
    # unit can name. Meaning search still answers, but only from the units holding the
    # passages nearest it — not every ward whose passage reached the head of the ranking.
    query = "ベビーカー"
    claimed = _claimed(hybrid_service.search(query, mode="semantic"))
    assert claimed and set(claimed.values()) == {"meaning"}

    monkeypatch.setattr(wardanswer, "UNKNOWN_NEAREST", 0)
    loose = _claimed(hybrid_service.search(query, mode="semantic"))
    assert set(claimed) < set(loose), "with nothing standing in, every ward of the head answered"
