"""A question's words that relate what it names are its frame, not its topic.

「保育園と一緒に取り組んでいることは？」 asks about work done with 保育園: the partner is the
topic, 一緒に only the relation (the reports write it their own way: 保育園と連携して, 区と共に
検討). 「…の両方に取り組んでいる区は？」 asks about the two things it names; 両方 says how
many of them. Kept as words, they weighed as topic words — 一緒 is written in a few passages,
so its idf made it half of a two-word question — and a unit writing 「赤ちゃんと一緒に
おしゃべりタイム」 answered on it alone (query.COMITATIVE, query.QUANTIFIERS; docs/quality.md,
kindc30). The queries here are my own, not judged strings.
"""

from __future__ import annotations

import pytest

from search_app.query import parse_query
from unit_answers import answering_wards


def _words(text) -> list[str]:
    return [t.surface for t in parse_query(text).terms]


@pytest.mark.parametrize("text, partner", [
    ("保育園と一緒に取り組んでいることは？", "保育園"),
    ("専門職と一緒に講座を見直している区は？", "専門職"),
    ("区の保健師と共に企画した講座", "保健師"),
    ("保育園とともに開いている講座はある？", "保育園"),
])
def test_a_question_searches_the_partner_not_the_word_together(text, partner):
    words = _words(text)
    assert partner in words
    assert not {"一緒", "共", "とも"} & set(words)


def test_a_question_does_not_claim_a_ward_that_shares_only_the_word_together(keyword_service):
    # 中区's and 港南区's units write 一緒 (赤ちゃんと一緒に…, 委員の方たちと一緒に) and never 保育園
    text = "保育園と一緒に取り組んでいることは？"
    assert not {"中区", "港南区"} & answering_wards(keyword_service, text)
    answer = {w["ward"] for w in keyword_service.search(text, mode="bm25")["wards"]}
    assert answer and not {"中区", "港南区"} & answer


def test_a_ward_naming_the_partner_answers_a_question_asked_with_together(keyword_service):
    # 泉区's unit works with 保育園 (保育園や親と子のつどいの広場などの関係機関に…働きかけ) without 一緒
    assert "泉区" in answering_wards(keyword_service, "保育園と一緒に取り組んでいることは？")


def test_a_ward_naming_both_things_asked_about_answers_without_writing_both(keyword_service):
    text = "妊娠期の支援と子サポの両方に取り組んでいる区は？"
    assert "両方" not in _words(text)
    assert "泉区" in answering_wards(keyword_service, text)


@pytest.mark.parametrize("text", ["一緒", "両方"])
def test_the_word_alone_is_still_searched(text):
    # (a control: typed alone, the word is what the user looks for, as before)
    assert _words(text) == [text]


def test_together_as_a_topic_beside_other_words_keeps_them(keyword_service):
    # 「親子が一緒に遊べる」: the question keeps who plays (親子) and what (遊ぶ)
    words = _words("保育士と親子が一緒に遊べる催しはあるか")
    assert {"保育士", "親子", "催し"} <= set(words) and "一緒" not in words
