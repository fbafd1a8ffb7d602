"""Leaving a word out and typing a year range, as staff type them (userfix28's walk):

- the minus a Mac's full-width key gives (U+2212 −), a dash, or the long-vowel mark a kana
  keyboard gives for "-" before a ward (多胎児 −西区, 多胎児 ー西区) used to be read as part of
  the word, so the search was narrowed to ONLY 西区 — the opposite of what was asked;
- a year range typed with spaces around the dash (令和2年度 - 令和5年度, R2 – R5, 2019 - 2023)
  used to leave the second year OUT and search the first year only;
- a year's listing with a word left out (令和5年度 -父親) listed the word's passages anyway;
- AND / OR typed in lower case (多胎児 or 双子) were searched as words no report uses;
- a query of nothing but a word to leave out (-多胎児, NOT 多胎児) answered nothing without
  saying why."""

from __future__ import annotations

import pytest

from search_app.query import parse_query


@pytest.mark.parametrize("query", ["多胎児 −西区", "多胎児 ー西区", "多胎児 –西区", "多胎児 － 西区"])
def test_a_minus_sign_of_any_keyboard_leaves_the_ward_out(keyword_service, query):
    parsed = parse_query(query)
    assert parsed.excluded_wards == ["西区"] and parsed.wards == []
    out = keyword_service.search(query, mode="bm25")
    assert out["results"] and all(r["ward"] != "西区" for r in out["results"])
    assert list(out["filters"]["not_wards"]) == ["西区"] and not out["filters"]["ward"]


def test_a_long_vowel_mark_inside_or_after_a_word_is_still_a_long_vowel_mark():
    assert [t.surface for t in parse_query("ーママ サポーター").terms] == ["ママ", "サポーター"]
    assert parse_query("多胎児 ー").excluded == [] and parse_query("ママー 多胎").excluded == []


@pytest.mark.parametrize("query, years", [
    ("令和2年度 - 令和5年度 父親", (2020, 2023)),
    ("R2 – R5 父親", (2020, 2023)),
    ("2019 - 2023 父親", (2019, 2023)),
    ("平成30年度 − 令和2年度 父親", (2018, 2020)),
])
def test_a_year_range_typed_with_spaces_around_the_dash_searches_every_year(keyword_service, query, years):
    parsed = parse_query(query)
    assert parsed.years == years and parsed.excluded == []
    out = keyword_service.search(query, mode="bm25")
    assert (out["filters"]["year_from"], out["filters"]["year_to"]) == years


def test_a_word_after_a_spaced_dash_is_still_left_out():
    parsed = parse_query("父親 令和5年度 - 多胎児")
    assert parsed.excluded == ["多胎児"] and parsed.years == (2023, 2023)


@pytest.mark.parametrize("query", ["令和5年度 -父親", '令和5年度 -"父親"', "令和5年度 NOT 父親"])
def test_a_years_listing_leaves_out_the_word_the_query_leaves_out(keyword_service, query):
    everything = keyword_service.search("令和5年度", mode="bm25", k=100)
    assert any("父親" in r["text"] for r in everything["results"])
    out = keyword_service.search(query, mode="bm25", k=100)
    assert out["results"] and not any("父親" in r["text"] for r in out["results"])
    assert out["total"] < everything["total"]


@pytest.mark.parametrize("query", ["-多胎児", "NOT 多胎児", '-"多胎児"', "−多胎児"])
def test_a_query_of_only_a_word_to_leave_out_says_what_to_add(keyword_service, query):
    out = keyword_service.search(query, mode="bm25")
    assert out["total"] == 0
    assert any("除く言葉（「多胎児」）だけでは検索できません" in n for n in out["notices"])


def test_the_page_says_what_to_add_to_a_query_of_only_a_word_to_leave_out(keyword_index):
    from web_fixtures import make_app

    client = make_app(keyword_index, SEMANTIC=False).test_client()
    html = client.get("/", query_string={"q": "-多胎児"}).get_data(as_text=True)
    assert "除く言葉（「多胎児」）だけでは検索できません" in html



@pytest.mark.parametrize("query", ["多胎児 or 双子", "多胎児 Or 双子", "多胎児 ｏｒ 双子"])
def test_or_typed_in_lower_case_is_an_operator_not_a_word_no_report_uses(keyword_service, query):
    """多胎児 or 双子 searched the word "or" and said 「or」は報告書に出てきません."""
    assert [t.surface for t in parse_query(query).terms] == ["多胎児", "双子"]
    out = keyword_service.search(query, mode="bm25")
    assert out["results"] and not any("「or」" in n.lower() for n in out["notices"])
    assert out["total"] == keyword_service.search("多胎児 OR 双子", mode="bm25")["total"]


@pytest.mark.parametrize("field", ["year_from", "year_to"])
@pytest.mark.parametrize("typed", ["令和2年度-令和5年度", "R2 - R5", "2020～2023"])
def test_a_range_typed_in_one_year_field_searches_that_range_not_an_open_end(keyword_index, field, typed):
    """令和2年度-令和5年度 typed in 年度（から） was read as 令和2年度以降 (its end dropped)."""
    from web_fixtures import make_app

    client = make_app(keyword_index, SEMANTIC=False).test_client()
    html = client.get("/", query_string={"q": "父親", field: typed}).get_data(as_text=True)
    assert "令和2年度～令和5年度（2020～2023年度）" in html
    assert "以降" not in html.split("年度: ", 1)[1][:40] and "以前" not in html.split("年度: ", 1)[1][:40]


def test_one_year_in_one_field_is_still_open_ended(keyword_index):
    from web_fixtures import make_app

    client = make_app(keyword_index, SEMANTIC=False).test_client()
    html = client.get("/", query_string={"q": "父親", "year_from": "令和2年度"}).get_data(as_text=True)
    assert "令和2年度（2020年度）以降" in html
