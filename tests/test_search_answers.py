"""The ward answer and query intents on the real seed corpus (hybrid index).

A ward is claimed from one evidence unit; year/ward/section words are what the
user wants to see; junk finds nothing; semantic search says when it is off.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from indexer import records
from search_app.params import QueryError
from search_app.service import SearchService


def test_year_and_goal_words_list_that_years_goals_by_ward(hybrid_service):
    r = hybrid_service.search("令和2年度の重点目標")
    assert [w["ward"] for w in r["wards"]] == ["中区"]
    assert r["results"]
    goals = [p["passage_id"] for p in r["results"]][:3]
    assert [e["passage_id"] for e in r["wards"][0]["evidence"]] == goals  # each goal of that year
    for p in r["results"]:
        assert p["fiscal_year_from"] <= 2020 <= p["fiscal_year_to"]
        assert p["section"] in records.SECTION_GROUPS["目標"]


def test_western_year_in_the_query_is_the_same_intent(hybrid_service):
    wareki = hybrid_service.search("令和2年度の重点目標")
    western = hybrid_service.search("2020年度の重点目標")
    assert [p["passage_id"] for p in western["results"]] == [p["passage_id"] for p in wareki["results"]]


def test_ward_and_issue_words_list_that_wards_issues(hybrid_service):
    r = hybrid_service.search("中区の課題")
    assert [w["ward"] for w in r["wards"]] == ["中区"]
    assert r["results"] and all(p["ward"] == "中区" and p["section"] in records.SECTION_GROUPS["課題"]
                                for p in r["results"])


@pytest.mark.parametrize("q", ["令和5年度", "課題", "成果", "重点目標", "西区", "評価", "自己評価", "令和7年度"])
def test_a_year_ward_or_section_alone_is_never_empty(hybrid_service, q):
    r = hybrid_service.search(q)
    assert r["results"] and r["wards"]


def test_futago_card_of_nishi_shows_the_flyer_passage(hybrid_service):
    r = hybrid_service.search("双子")
    nishi = next(w for w in r["wards"] if w["ward"] == "西区")
    assert any("多胎児向けのチラシ" in e["text"] for e in nishi["evidence"])
    assert any("チラシ" in e["snippet_html"] and "<mark>" in e["snippet_html"] for e in nishi["evidence"])


def test_every_claimed_ward_carries_the_unit_that_justifies_it(hybrid_service):
    r = hybrid_service.search("外国籍 家庭 支援")
    assert r["wards"]
    for w in r["wards"]:
        assert w["unit"] in w["units"]
        assert w["evidence"][0]["unit"] == w["unit"] or w["evidence"][0]["unit"] is None
        assert all(e["ward"] == w["ward"] for e in w["evidence"])


def test_card_sections_come_from_the_evidence_unit(hybrid_service):
    for w in hybrid_service.search("多胎児")["wards"]:
        for p in w["sections"].values():
            if isinstance(p, dict):
                assert p["unit"] == w["unit"]


@pytest.mark.parametrize("q", ["あああ", "「」", '""', "xqzvbnm"])
def test_junk_queries_find_nothing(hybrid_service, q):
    r = hybrid_service.search(q)
    assert r["total"] == 0 and r["results"] == [] and r["wards"] == []


@pytest.mark.parametrize("q", ["qwertyuiop", "12345", "ぬふあうえ", "あかさたなはまやらわ", "ルナモテクシ", "ふがふが"])
def test_keyboard_mashing_numbers_and_kana_gibberish_find_nothing_in_any_mode(hybrid_service, q):
    for mode in ("hybrid", "bm25", "semantic"):
        r = hybrid_service.search(q, mode=mode)
        assert r["total"] == 0 and r["results"] == [] and r["wards"] == []
        assert r["notices"], "the user is told why nothing was found"


@pytest.mark.parametrize("q", ["転勤", "虐待", "ワンオペ", "おむつ", "ひろば", "SNS"])
def test_a_real_word_the_reports_may_not_use_still_finds_its_neighbours(hybrid_service, q):
    assert hybrid_service.search(q, mode="semantic")["results"]


def test_total_counts_results_above_the_relevance_cut_not_every_neighbour(hybrid_service):
    n = hybrid_service.data.n
    r = hybrid_service.search("多胎児", k=100)
    assert r["total"] == len(r["results"]) < n // 2
    assert min(p["score"] for p in r["results"]) >= 0.3 * r["results"][0]["score"] - 1e-4


def test_a_rare_literal_word_is_not_outranked_by_a_number_table(hybrid_service):
    data = hybrid_service.data
    r = hybrid_service.search("多胎児", k=20)
    first_table = next((n for n, p in enumerate(r["results"]) if data.is_table[data.by_id[p["passage_id"]]]), None)
    literal = [n for n, p in enumerate(r["results"]) if "多胎児" in p["text"]]
    assert literal and (first_table is None or max(literal) < first_table)


def test_an_impossible_year_in_the_query_is_a_notice(hybrid_service):
    r = hybrid_service.search("令和99年度 多胎児")
    assert r["filters"]["year_from"] is None
    assert {"西区", "港南区"} <= {w["ward"] for w in r["wards"]}
    assert r["notices"] and "令和99年度" in r["notices"][0]


@pytest.mark.parametrize("year", ["令和99年度", "R0", "平成32年度"])
def test_an_impossible_year_filter_is_a_user_error(hybrid_service, year):
    with pytest.raises(QueryError, match="元〜"):
        hybrid_service.search("多胎児", year=year)


def test_unknown_ward_filter_lists_the_wards(hybrid_service):
    with pytest.raises(QueryError, match="鶴見区"):
        hybrid_service.search("多胎児", ward="火星区")


def test_semantic_disabled_server_refuses_semantic_mode(hybrid_index):
    service = SearchService.open(hybrid_index, semantic=False)
    with pytest.raises(QueryError, match="意味検索"):
        service.search("双子", mode="semantic")
    assert service.search("双子", mode="hybrid")["mode"] == "bm25"


def test_passages_without_a_vector_are_never_ranked_and_are_counted(hybrid_index, embedder, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(hybrid_index, index)
    gen = index / (index / "CURRENT").read_text().strip()
    vectors = np.load(gen / "vectors.npy")
    passages = json.loads((gen / "records.json").read_text(encoding="utf-8"))["passages"]
    flyer = next(n for n, p in enumerate(passages) if "多胎児向けのチラシ" in p["text"])
    vectors[flyer] = 0.0
    np.save(gen / "vectors.npy", vectors)
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    manifest["unembedded"] = 1
    (gen / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    service = SearchService.open(index)
    service.use_embedder(embedder)
    r = service.search("多胎児", mode="semantic", k=100)
    assert passages[flyer]["passage_id"] not in {p["passage_id"] for p in r["results"]}
    assert r["unembedded"] == 1 and service.health()["unembedded"] == 1
    hybrid = service.search("多胎児", mode="hybrid", k=100)  # the keyword half still finds it
    assert passages[flyer]["passage_id"] in {p["passage_id"] for p in hybrid["results"]}


def test_a_word_the_reports_never_use_is_expanded_from_the_top_passages(hybrid_service):
    builder = hybrid_service.builder()
    r = hybrid_service.search("ワンオペ育児の負担")
    assert builder.doc_frequency("ワンオペ") == 0
    assert r["expansion"]
    for term in r["expansion"]:  # learned from the corpus, never from the query
        assert 0 < builder.doc_frequency(term) and term not in "ワンオペ育児の負担"


def test_a_query_in_the_reports_own_words_is_not_expanded(hybrid_service):
    assert hybrid_service.search("多胎児")["expansion"] == []
    assert hybrid_service.search("多胎児", mode="bm25")["expansion"] == []


@pytest.mark.parametrize("q", ["西区 相談件数", "相談の傾向"])
def test_a_number_table_naming_the_query_topic_ranks_above_tables_about_other_counts(hybrid_service, q):
    # 相談 is in so many passages that the keyword half does not score it; a table
    # naming it is still about the query, while a table of 会員数 or 訪問回数 is not
    data = hybrid_service.data
    r = hybrid_service.search(q, k=30)
    tables = [("相談" in p["text"]) for p in r["results"] if data.is_table[data.by_id[p["passage_id"]]]]
    assert True in tables
    assert tables == sorted(tables, reverse=True), "every table naming 相談 comes before the others"
