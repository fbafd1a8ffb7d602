"""What a question asks for is not its topic: interrogatives stay out of the query's terms.

An interrogative (疑問詞) says what the user wants back — a reason (なぜ, どうして), a
number (何人, いくつ, 何件, どれくらい), a time (いつ), a place (どこ) — and no report
needs to write it to answer. `search_app.query` tells them by Sudachi's part of speech
and form (the ど- row of the こそあど words, words built on 何 / 幾 / 誰 / 如何, a counter
right after 何), not by a list of the questions seen; a question asking for a number
keeps that as an intent (`ParsedQuery.asks_number`, which lets number tables answer in
meaning search), not as a word to match.
"""

from __future__ import annotations

import pytest

from search_app.query import parse_query


def _terms(query: str) -> list[str]:
    return [t.term for t in parse_query(query).terms]


@pytest.mark.parametrize("query, topic", [
    ("なぜ利用者が減ったのか", ["利用者", "減る"]),
    ("何故少ないのか", ["少ない"]),
    ("どうして参加者が少ないのか", ["参加者", "少ない"]),
    ("いかにして周知したか", ["周知"]),
    ("ボランティアは何人いるか", ["ボランティア"]),
    ("相談件数はいくつあるか", ["相談", "件数"]),
    ("何回開催したか", ["開催"]),
    ("何件の相談があったか", ["相談"]),
    ("子育てサロンは何か所あるか", ["子育て", "サロン"]),
    ("どの講座が人気か", ["講座", "人気"]),
])
def test_an_interrogative_is_not_a_term_of_the_query(query, topic):
    assert _terms(query) == topic


def test_a_counter_goes_with_the_interrogative_only_right_after_nani():
    # after a number the counter is the user's figure; after 何 it is what is asked
    assert "箇所" in _terms("3か所で開催")
    assert "箇所" not in _terms("何か所で開催")
    assert _terms("講座の件数") == ["講座", "件数"]


@pytest.mark.parametrize("query, number", [
    ("ボランティアは何人いるか", True),
    ("相談件数はいくつあるか", True),
    ("何件の相談があったか", True),
    ("公式LINEの登録者はどれくらい増えたか", True),
    ("どの程度利用されているか", True),
    ("なぜ利用者が減ったのか", False),
    ("何か工夫はあるか", False),
    ("どの講座が人気か", False),
])
def test_a_question_asking_how_many_asks_for_numbers(query, number):
    parsed = parse_query(query)
    assert parsed.asks_number is number
    assert parsed.wants_numbers is number


def test_a_question_asking_why_does_not_need_a_ward_to_mention_naze(hybrid_service):
    asked = "なぜ多胎児の利用が増えたのか"
    plain = "多胎児の利用が増えたのか"
    for mode in ("hybrid", "bm25", "semantic"):
        question = hybrid_service.search(asked, mode=mode)
        statement = hybrid_service.search(plain, mode=mode)
        assert not any("なぜ" in n for n in question["notices"]), \
            f"{mode}: the user is not told that no report writes なぜ: {question['notices']}"
        assert {w["ward"] for w in question["wards"]} == {w["ward"] for w in statement["wards"]} \
            == {"西区", "港南区"}, mode


def test_a_question_asking_how_many_does_not_need_a_ward_to_write_the_counter(hybrid_service):
    # 港南区 was claimed through か所 (「何か所」's counter) with サロン nowhere in its unit
    for mode in ("hybrid", "bm25", "semantic"):
        result = hybrid_service.search("子育てサロンは何か所あるか", mode=mode)
        assert "港南区" not in {w["ward"] for w in result["wards"]}, mode
        assert not any("何人" in n or "か所" in n for n in result["notices"]), mode
        asked = hybrid_service.search("ボランティアは何人いるか", mode=mode)
        assert not any("何人" in n for n in asked["notices"]), mode


def test_a_light_verb_after_an_adjective_is_the_frame_not_the_topic():
    # うまくいかなかった: いく after うまく (an adjective's continuative form) is the
    # auxiliary of the phrase, as after …て; the adjective itself is still a word
    assert "行く" not in _terms("オンライン講座でうまくいかなかったことはあるか")
    assert "行く" in _terms("拠点に行く")


@pytest.mark.parametrize("query, word", [
    ("どろっぷではどんな講座をしているか", "どろっぷ"),   # 港北区's hub: Sudachi reads どろっ as an adverb
    ("利用者がどんどん増えたのはなぜか", "どんどん"),
    ("どっさり届いた寄付はどう使ったか", "どっさり"),
])
def test_a_word_that_only_starts_with_do_is_not_taken_for_an_interrogative(query, word):
    # the ど- row is どこ / どれ / どちら / どっち / どの / どんな / どう / どなた and what is built
    # on them; an onomatopoeic adverb or a hub's nickname starting with ど is the user's topic
    assert any(word.startswith(t) or t.startswith(word[:2]) for t in _terms(query)), _terms(query)
