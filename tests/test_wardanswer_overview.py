"""A report's preamble (records.OVERVIEW: 事業目的, 実施目的, 実施について) is searchable
and cited, but it is context about the evaluation — much of it the city's standard text,
the same in every ward's report — so it never makes a ward an answer."""

from __future__ import annotations

from indexer import records
from search_app import wardanswer

FIVE_YEAR = "002_1e0f9424e05a3b67.txt"  # 西区's five-year summary


def _overview(data) -> list[int]:
    return [i for i, p in enumerate(data.passages) if p["section"] == records.OVERVIEW]


def test_a_five_year_summarys_jisshi_ni_tsuite_is_searchable_and_cites_its_report(keyword_service):
    r = keyword_service.search("有識者を交えた事業評価", mode="bm25")
    best = r["results"][0]
    assert best["section"] == records.OVERVIEW and best["ward"] == "西区"
    assert "中間期には「有識者を交えた事業評価」を実施し" in best["text"]
    assert best["source"]["file"] == FIVE_YEAR and best["source"]["line_start"] == 11


def test_the_citys_standard_jigyo_mokuteki_is_found_but_never_makes_a_ward_an_answer(keyword_service):
    # 「…地域力の創出に寄与することを目的とします」 is every yearly report's 事業目的
    r = keyword_service.search("地域力の創出", mode="bm25")
    assert any(p["section"] == records.OVERVIEW for p in r["results"])
    assert r["wards"] == []


def test_preamble_passages_ranked_first_never_make_a_ward_an_answer_even_in_a_listing(keyword_service):
    data = keyword_service.data
    overview = _overview(data)
    assert {data.passages[i]["ward"] for i in overview} >= {"西区", "泉区", "中区"}
    ranked = [(i, 1.0 - k * 0.01) for k, i in enumerate(overview)]
    assert wardanswer.claims(data, ranked, None, {i: 0.9 for i in overview}) == {}
    assert wardanswer.claims(data, ranked, None, {}, listing=True) == {}


def test_a_passage_of_a_wards_own_practice_below_a_preamble_passage_still_claims_its_ward(keyword_service):
    data = keyword_service.data
    own = next(i for i, p in enumerate(data.passages)
               if p["ward"] == "港北区" and p["section"] == records.CONTENT)
    ranked = [(i, 1.0) for i in _overview(data)] + [(own, 0.9)]
    assert set(wardanswer.claims(data, ranked, None, {})) == {"港北区"}
