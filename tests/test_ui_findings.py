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

from search_app.web import admin
from upload_site import TOKEN, csrf_from, make_site, seed_index, yearly_report  # noqa: F401  (fixture)
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


# ----------------------------------------------------------------------------- 2. a refused batch's badge



@pytest.fixture
def site(seed_index, tmp_path):   # noqa: F811
    s = make_site(seed_index, tmp_path)
    page = s.client.get("/admin/").get_data(as_text=True)
    resp = s.client.post("/admin/login", data={"csrf_token": csrf_from(page), "admin_token": TOKEN})
    assert resp.status_code == 303
    yield s
    admin.shutdown_jobs(s.app)


def badges(site, job_id: str) -> tuple[str, str]:
    """(the job page's badge, the recent-jobs list's badge for that job) as `class|text`."""
    job_html = site.client.get(f"/admin/jobs/{job_id}").get_data(as_text=True)
    on_page = re.search(r'<span class="state (state-[a-z]+)" id="job-state">([^<]+)</span>', job_html)
    admin_html = site.client.get("/admin/").get_data(as_text=True)
    row = re.search(rf'{job_id}".*?<span class="state (state-[a-z]+)">([^<]+)</span>', admin_html, re.S)
    return f"{on_page.group(1)}|{on_page.group(2)}", f"{row.group(1)}|{row.group(2)}"


def test_a_job_whose_every_file_was_refused_says_nothing_was_taken_in(site):
    body, job = site.upload_and_index(("noise.txt", bytes(range(256)) * 64), ("empty.txt", b""))
    assert [f["status"] for f in job["files"]] == ["rejected", "rejected"] and job["state"] == "done"
    assert job["badge"] == "refused" and job["badge_label"] == "取り込めませんでした"
    assert badges(site, job["id"]) == ("state-refused|取り込めませんでした",) * 2


def test_a_partly_refused_batch_says_part_was_not_taken_in(site):
    body, job = site.upload_and_index(("noise.txt", bytes(range(256)) * 64),
                                      ("good.txt", yearly_report("瀬谷区", "カメ体操").encode()))
    assert sorted(f["status"] for f in job["files"]) == ["indexed", "rejected"]
    assert job["badge"] == "partial"
    assert badges(site, job["id"]) == ("state-partial|完了（一部取り込めず）",) * 2


def test_a_batch_taken_in_whole_is_still_done(site):
    body, job = site.upload_and_index(("good.txt", yearly_report("瀬谷区", "ウサギ体操").encode()))
    assert job["badge"] == "done"
    assert badges(site, job["id"]) == ("state-done|完了",) * 2


# ----------------------------------------------------------------------------- 3. a query of symbols only

NO_WORDS = "検索語が記号だけで、検索できる言葉がありません"


@pytest.mark.parametrize("query", ["*", "？？", "「」", "・・・"])
def test_a_query_of_symbols_only_says_it_has_no_words_to_search(web, query):
    answer = api(web, q=query, mode="bm25")
    assert answer["total"] == 0
    assert any(NO_WORDS in n for n in answer["notices"])
    html = web.get("/", query_string={"q": query}).get_data(as_text=True)
    assert NO_WORDS in html


def test_symbols_around_words_are_no_symbol_only_query(web):
    answer = api(web, q="「多胎児」？", mode="bm25")
    assert answer["total"] > 0 and not any(NO_WORDS in n for n in answer["notices"])


def test_symbols_only_beside_a_ward_filter_still_say_the_symbols_were_not_searched(web):
    answer = api(web, q="*", mode="bm25", ward="港北区")
    assert any(NO_WORDS in n for n in answer["notices"])


# ----------------------------------------------------------------------------- 4. one count for the page

# a year + topic (the ward answer claims a five-year summary's evidence outside the
# ranking), a topic, a question, a ward + section
COUNTED = ("R5 多胎児", "令和5年度 妊娠期支援", "多胎児", "父親の育児参加", "多胎児の家庭をどう支援しているか",
           "中区の課題")


@pytest.mark.parametrize("query", COUNTED)
def test_the_headline_total_counts_every_result_a_ward_card_counts(web, query):
    answer = api(web, q=query, k=100)
    assert answer["wards"] and answer["total"] <= 100
    listed = {p["passage_id"] for p in answer["results"]} | \
        {d["passage_id"] for p in answer["results"] for d in p["duplicates"]}
    assert len(answer["results"]) == answer["total"]
    for card in answer["wards"]:
        assert card["passage_count"] <= answer["total_passages"], card["ward"]
        assert set(card["passages"]) <= listed, card["ward"]   # each card's result is in the list


@pytest.mark.parametrize("query", COUNTED[:2])
def test_the_page_and_the_csv_give_the_apis_total(web, query):
    answer = api(web, q=query, k=100)
    total, passages = answer["total"], answer["total_passages"]
    html = web.get("/", query_string={"q": query}).get_data(as_text=True)
    assert f"該当パッセージ {passages} 件" in text_of(html)   # every report's copy, as the cards count
    for count in re.findall(r"該当 (\d+) 件", text_of(html)):   # the cards' counts
        assert int(count) <= passages
    resp = web.get("/export.csv", query_string={"q": query})
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert len(rows) - 1 == total


# ----------------------------------------------------------------------------- 5. parameter names

@pytest.mark.parametrize("params, named", [
    ({"mode": "fast"}, "検索方法"),
    ({"k": "ten"}, "件数"),
    ({"k": "0"}, "件数"),
    ({"offset": "-5"}, "開始位置"),
    ({"offset": "next"}, "開始位置"),
    ({"programme": "9"}, "事業"),
])
@pytest.mark.parametrize("where", ["/", "/export.csv", "/api/search"])
def test_a_hand_edited_parameter_is_named_in_japanese_in_its_error(web, where, params, named):
    resp = web.get(where, query_string={"q": "多胎児", **params})
    assert resp.status_code == 400
    body = resp.get_json()["error"] if where == "/api/search" else text_of(resp.get_data(as_text=True))
    (name,) = params
    assert f"{named}（{name}）は" in body   # the Japanese name, the URL's name after it
    assert f" {name} は" not in body and not body.startswith(name)
