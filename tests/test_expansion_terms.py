"""What pseudo-relevance feedback may add to a query (search_app/expansion.py)."""

from __future__ import annotations

import pytest

from indexer import metadata
from search_app import expansion


@pytest.mark.parametrize("term", ["港南区", "西区", "令和", "平成", "どう"])
def test_a_ward_an_era_or_a_question_word_cannot_stand_for_a_topic(term):
    assert not expansion.topical(term)


@pytest.mark.parametrize("term", ["アンケート", "父親", "プレママ", "オンライン"])
def test_a_word_of_the_reports_topics_can(term):
    assert expansion.topical(term)


@pytest.mark.parametrize("query", ["寝かしつけ", "パパ友", "インスタ", "ベビーカー置き場", "イヤイヤ期"])
def test_feedback_never_adds_a_ward_name_an_era_or_a_question_word(hybrid_service, query):
    added = hybrid_service.search(query)["expansion"]
    assert not [w for w in added if metadata.wards_in_text(w) or w in ("令和", "平成", "どう")]


def test_a_word_the_glossary_bridges_to_the_reports_asks_no_feedback_and_finds_what_the_bridge_names(hybrid_service):
    # インスタ: no report writes it; the glossary says インスタグラム / Instagram, which
    # 港南区's and 西区's reports use
    r = hybrid_service.search("インスタ")
    assert r["expansion"] == [] and not any("インスタ" in n for n in r["notices"])
    assert all(any(w in p["text"] for w in ("Instagram", "インスタグラム")) for p in r["results"][:2])


def test_a_compound_whose_parts_the_reports_use_is_not_named_as_a_word_they_lack(hybrid_service):
    # no report writes 利用状況, but every part of it (利用, 状況) is searched and found
    r = hybrid_service.search("子育てサポートシステムの利用状況")
    assert not any("利用状況" in n for n in r["notices"])
    assert r["expansion"] == []
    # a word whose parts are not all in the reports is still named
    assert any("「寝かしつけ」" in n for n in hybrid_service.search("寝かしつけの工夫")["notices"])
