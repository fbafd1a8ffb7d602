"""A URL whose parameters are not UTF-8 (?q=%FF%FE: a garbled link, a URL made in
Shift_JIS, a multi-byte character cut in two) is answered with a Japanese message and
searches nothing: werkzeug keeps such a value as its percent-escapes, which used to be
searched as the words FF and FE (39 results for ?q=%FF%FE)."""

from __future__ import annotations

import pytest

from web_fixtures import make_app

UNREADABLE = ["%FF%FE", "%ED%A0%80", "%E5%A4", "%82%A0%82%A2"]   # bytes, a surrogate, a cut character, Shift_JIS


@pytest.fixture(scope="module")
def client(keyword_index):
    return make_app(keyword_index, SEMANTIC=False).test_client()


@pytest.mark.parametrize("raw", UNREADABLE)
def test_an_unreadable_query_is_a_japanese_400_in_the_api_not_a_search(client, raw):
    resp = client.get(f"/api/search?q={raw}")
    assert resp.status_code == 400
    body = resp.get_json()
    assert set(body) == {"error"}
    assert "検索語（q）" in body["error"] and "UTF-8" in body["error"] and "何も検索していません" in body["error"]


def test_an_unreadable_filter_value_names_its_parameter(client):
    resp = client.get("/api/search?q=%E5%A4%9A%E8%83%8E%E5%85%90&ward=%90%BC%8B%E6")   # 西区 in Shift_JIS
    assert resp.status_code == 400
    assert "区（ward）" in resp.get_json()["error"]


@pytest.mark.parametrize("raw", UNREADABLE)
def test_the_search_page_says_an_unreadable_query_was_not_searched(client, raw):
    resp = client.get(f"/?q={raw}")
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "文字として読み取れませんでした" in html
    assert 'value=""' in html.split('name="q"', 1)[1].split(">", 1)[0]   # the box is not filled with %FF%FE
    assert "ward-card" not in html and "の取組が見つかりました" not in html


def test_other_routes_refuse_an_unreadable_value_in_japanese(client):
    for url in ("/export.csv?q=%FF%FE", "/documents?q=%FF", "/api/documents?ward=%FF"):
        resp = client.get(url)
        assert resp.status_code == 400, url
        assert "文字として読み取れませんでした" in resp.get_data(as_text=True), url


def test_a_percent_sign_typed_in_the_box_is_still_searched(client):
    # the box's % arrives as %25: the value is readable text and is searched as typed
    resp = client.get("/api/search?q=%25FF")
    assert resp.status_code == 200
    assert resp.get_json()["query"] == "%FF"


def test_a_readable_query_is_unchanged(client):
    resp = client.get("/api/search?q=%E5%A4%9A%E8%83%8E%E5%85%90")   # 多胎児
    assert resp.status_code == 200 and resp.get_json()["total"] > 0
