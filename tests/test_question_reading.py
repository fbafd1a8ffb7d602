"""Questions as staff type them (…どう…しているか, …はあるか, …？), on the seed corpus.

A question is told from a topic (`ParsedQuery.asks`); the semantic half embeds it both as
typed and as its topic without the frame around it (`QueryBuilder.semantic_texts`), and
in hybrid mode the keyword half weighs less for it (`fusion.QUESTION_BM25_WEIGHT`): a
question's own words are mostly the frame's neighbours (拠点, 親子, 対応), which the
keyword half finds everywhere.
"""

import pytest

from search_app import fusion, querybuild
from search_app.evaluation import compact
from search_app.query import parse_query


@pytest.mark.parametrize("query", [
    "利用者の声をどうやって集めているか",
    "外国語での情報発信はしているか",
    "SNSを見て拠点に来る人は増えた？",
    "区の専門職 どんな人",
])
def test_a_question_is_read_as_a_question(query):
    assert parse_query(query).asks


@pytest.mark.parametrize("query", [
    "リモート参加できる講座",   # できる is a frame word, but nothing is asked
    "一時預かり",
    "西区 相談件数",
    "令和5年度 妊娠期支援",
    "地域ケアプラザとの連携",
])
def test_a_topic_is_not_read_as_a_question(query):
    assert not parse_query(query).asks


def test_a_question_is_embedded_as_typed_and_as_its_topic(hybrid_service):
    texts = hybrid_service.builder().semantic_texts(parse_query("利用者同士の交流を促すためにどんな工夫をしたか"))
    assert texts[0].startswith("利用者同士の交流を促すためにどんな工夫をしたか")
    assert len(texts) == 2 and texts[1].startswith("利用者同士の交流を促す")
    assert "工夫" not in texts[1]


def test_a_topic_is_embedded_once(hybrid_service):
    assert len(hybrid_service.builder().semantic_texts(parse_query("利用者同士の交流"))) == 1


WELCOME = compact("初来所者には丁寧に広場スタッフが拠点を案内し")
FIRST_VISIT = "初めて来た親子をどう迎えているか"


def _first_page(service, query):
    return [compact(p["text"]) for p in service.search(query, mode="hybrid", k=10)["results"]]


def test_a_question_about_first_visitors_finds_how_the_hub_welcomes_them(hybrid_service):
    assert any(WELCOME in t for t in _first_page(hybrid_service, FIRST_VISIT))


def test_read_as_a_topic_the_same_question_loses_that_answer(hybrid_service, monkeypatch):
    # the control: without the question's reading, the passages naming 親子 and 来る in
    # other contexts fill the first page
    monkeypatch.setattr(fusion, "QUESTION_BM25_WEIGHT", None)
    monkeypatch.setattr(querybuild, "topic_text", lambda parsed: "")
    assert not any(WELCOME in t for t in _first_page(hybrid_service, FIRST_VISIT))
