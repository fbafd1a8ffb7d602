"""A one-character word of the query counts little in which units answer.

A word of one character (親, 子, 人, 場, 力, 前) is a piece the analyzer cut from a
compound (親同士 -> 親 + 同士, 出産前 -> 出産 + 前) or a word broad enough for any topic
(力 of 力を入れる). It is never specific (wardanswer.SPECIFIC_MIN_CHARS), and in a
unit's coverage it now counts as a verb does (wardanswer.SHORT_WORD_SHARE): a unit
naming it and a common word of the query is not an answer without the query's topic,
and a unit naming the topic answers though it does not name the one-character word.
The ranking is left alone (docs/quality.md, answers26).
"""

from __future__ import annotations

import pytest

from search_app import wardanswer
from search_app.query import parse_query
from unit_answers import answering_wards


def test_a_unit_naming_a_one_character_word_and_a_common_word_is_not_an_answer(keyword_service):
    # 港北区's unit names 子 and 相談, never 発達: the question is about development
    assert "港北区" not in answering_wards(keyword_service, "子の発達の相談")
    # 泉区's unit names only 人 (twice in the query): not 「つながり」
    assert "泉区" not in answering_wards(keyword_service, "人と人のつながり")


def test_a_unit_naming_the_topic_answers_without_the_one_character_word(keyword_service):
    # 港北区's 妊娠期 units name 妊娠中, 家庭 and 周知; 力 of 力を入れた is the question's idiom
    assert "港北区" in answering_wards(keyword_service, "妊娠中の家庭への周知に力を入れた")


def test_a_one_character_word_counted_as_a_noun_again_brings_the_old_answers_back(keyword_service, monkeypatch):
    monkeypatch.setattr(wardanswer, "SHORT_WORD_SHARE", 1.0)
    assert "港北区" in answering_wards(keyword_service, "子の発達の相談")
    assert "港北区" not in answering_wards(keyword_service, "妊娠中の家庭への周知に力を入れた")


@pytest.mark.parametrize("text", ["子の発達の相談", "妊娠中の家庭への周知に力を入れた"])
def test_the_ranking_still_weighs_a_one_character_word_as_a_noun(keyword_service, text):
    builder = keyword_service.builder()
    short = [c for c in builder.concepts(parse_query(text)) if len(c.surface) == 1]
    assert short and all(c.weight == 1.0 and not c.predicate for c in short)
