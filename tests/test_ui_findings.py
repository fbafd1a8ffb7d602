"""What the browser walk-through (uxcheck, docs/quality.md) found users stumbling on,
checked over HTTP: a ward typed into the URL without 区, a job whose files were all
refused, a query of symbols only, counts that disagreed, parameter names in English.

One keyword-only index of the seed corpus (tests/conftest.py), a web app over it.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from web_fixtures import make_app


@pytest.fixture(scope="module")
def web(keyword_index):
    return make_app(keyword_index).test_client()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def api(web, status=200, **params) -> dict:
    resp = web.get("/api/search", query_string=params)
    assert resp.status_code == status, resp.get_json()
    return resp.get_json()


# ----------------------------------------------------------------------------- 1. ward names

@pytest.mark.parametrize("short", ["港北", "港南", "　港北　"])
def test_a_ward_given_without_its_ku_searches_that_ward_in_the_api(web, short):
    full = "港北区" if "北" in short else "港南区"
    answer = api(web, q="子育て", mode="bm25", ward=short)
    assert answer["filters"]["ward"] == full
    assert answer["total"] > 0
    assert {p["ward"] for p in answer["results"]} == {full}


def test_a_ward_without_its_ku_lists_the_same_results_as_with_it(web):
    short = api(web, q="子育て", mode="bm25", ward="港北", k=100)
    full = api(web, q="子育て", mode="bm25", ward="港北区", k=100)
    assert [p["passage_id"] for p in short["results"]] == [p["passage_id"] for p in full["results"]]


def test_a_half_width_ward_name_is_read_as_the_ward(web):
    # 保土ｹ谷 (half-width ｹ) is 保土ケ谷区 as 保土ケ谷 is in the query box
    answer = api(web, q="子育て", mode="bm25", ward="保土ｹ谷")
    assert answer["filters"]["ward"] == "保土ケ谷区"


def test_the_search_page_accepts_a_ward_without_its_ku_and_selects_it(web):
    resp = web.get("/", query_string={"q": "子育て", "mode": "bm25", "ward": "港北"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, text_of(html)[:300]
    assert re.search(r'<option value="港北区"[^>]*selected', html)


def test_a_result_ward_without_its_ku_lists_that_wards_share(web):
    full = api(web, q="子育て", mode="bm25", k=100, result_ward="港北区")
    short = api(web, q="子育て", mode="bm25", k=100, result_ward="港北")
    assert short["total"] == full["total"] > 0
    assert short["result_scope"]["ward"] == "港北区"


def test_the_csv_accepts_a_ward_without_its_ku(web):
    resp = web.get("/export.csv", query_string={"q": "子育て", "mode": "bm25", "ward": "港北"})
    assert resp.status_code == 200
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert len(rows) > 1 and {r[0] for r in rows[1:]} == {"港北区"}


@pytest.mark.parametrize("where", ["/", "/export.csv", "/api/search"])
def test_an_unknown_ward_is_a_japanese_400_naming_the_wards(web, where):
    resp = web.get(where, query_string={"q": "子育て", "ward": "宇宙"})
    assert resp.status_code == 400
    body = resp.get_data(as_text=True)
    if where == "/api/search":
        body = resp.get_json()["error"]
    assert "区「宇宙」はありません" in body and "港北区" in body
