"""A query word and its synonyms are one concept in the keyword score (querybuild.best_of).

A small corpus of one-sentence reports and a glossary given in the test, so that what
ranks where follows from the texts shown here."""

from __future__ import annotations

import pytest

from indexer.synonyms import Glossary
from search_app import querybuild, retrieval_bm25
from search_app.query import parse_query
from search_app.querybuild import QueryBuilder

REPORTS = [
    "ベビーマッサージ教室、タッチケア講座、乳児マッサージの会をひろばで開いた。",
    "父親の参加を促すため、ベビーマッサージを土曜日に行った。",
    "絵本の読み聞かせを毎月行い、多くの親子が参加した。",
    "子育て相談を毎週受け付け、専門職が対応した。",
    "地域のボランティアと協力して季節の行事を開催した。",
    "保育園と連携し、園庭開放の情報を掲示した。",
    "食育講座を開き、離乳食の作り方を紹介した。",
    "転入してきた家庭に向けて、地域の子育て情報を届けた。",
    "多胎児の家庭が集う会を年に四回開催した。",
    "育児講座の後に、参加者同士が話せる時間を設けた。",
    "妊娠期の家庭に向けて、ひろばの見学会を行った。",
    "外国につながる家庭のために、やさしい日本語の案内を作った。",
    "利用者アンケートを実施し、ひろばの運営を見直した。",
    "近隣の小学校と協力し、中学生の職場体験を受け入れた。",
]
GLOSSARY = Glossary.parse("ベビーマッサージ タッチケア 乳児マッサージ\n")


@pytest.fixture(scope="module")
def small_service(tmp_path_factory):
    from search_app.indexing import build_index
    from search_app.service import SearchService

    corpus = tmp_path_factory.mktemp("concept-corpus")
    for i, text in enumerate(REPORTS):
        (corpus / f"r{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    index = tmp_path_factory.mktemp("concept-index")
    build_index(corpus, index, semantic=False)
    return SearchService.open(index)


def ranking(service, query: str) -> list[str]:
    data = service.data
    q = QueryBuilder(data, GLOSSARY).build(parse_query(query))
    return [data.passages[i]["text"] for i, _s in retrieval_bm25.search(data, q, None)]


def test_a_passage_naming_several_synonyms_of_one_word_does_not_outrank_one_that_matches_both_words_of_the_query(
        small_service, monkeypatch):
    many_synonyms, both_words = REPORTS[0], REPORTS[1]
    found = ranking(small_service, "ベビーマッサージ 父親")
    assert found.index(both_words) < found.index(many_synonyms)
    # each synonym added on its own (the scoring before concepts) puts them the other way round
    monkeypatch.setattr(querybuild, "DISMAX", False)
    found = ranking(small_service, "ベビーマッサージ 父親")
    assert found.index(many_synonyms) < found.index(both_words)


def test_a_passage_naming_a_synonym_besides_the_word_still_ranks_above_one_naming_the_word_alone(small_service):
    # the tiebreak: the other alternatives still count a little
    data = small_service.data
    builder = QueryBuilder(data, GLOSSARY)
    q = builder.build(parse_query("ベビーマッサージ"))
    scores = {data.passages[i]["text"]: s for i, s in retrieval_bm25.search(data, q, None)}
    assert querybuild.TIEBREAK > 0
    assert scores[REPORTS[0]] > scores[REPORTS[1]]
