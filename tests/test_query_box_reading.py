"""How the query box reads what users type, as a user walking through the search saw it:
a ward "other than" (西区以外) leaves that ward out, lowercase era letters (r5, h31) are
years, hiragana spellings of known katakana words are those words, and a query of only
particles or operators says why nothing was searched."""

from __future__ import annotations

import pytest

from search_app.query import parse_query


@pytest.mark.parametrize("query", ["西区以外 多胎児", "西区以外", "西区を除く多胎児", "西区以外の区の多胎児支援",
                                   "多胎児 西区を除いた", "西区除く 多胎児", "西区抜き 多胎児"])
def test_a_ward_followed_by_igai_or_wo_nozoku_is_left_out_not_searched(query):
    parsed = parse_query(query)
    assert parsed.excluded_wards == ["西区"]
    assert "西区" not in parsed.wards
    assert parsed.excluded_wards == parse_query("多胎児 -西区").excluded_wards
    assert not {"以外", "除く", "抜き"} & {t.term for t in parsed.terms}


def test_only_the_ward_before_igai_is_left_out_and_a_ward_asked_for_is_still_searched():
    parsed = parse_query("港南区以外 中区の多胎児")
    assert parsed.excluded_wards == ["港南区"] and parsed.wards == ["中区"]
    assert parse_query("港北以外").excluded_wards == ["港北区"]    # a ward without its 区
    assert parse_query("保土ヶ谷区以外").excluded_wards == ["保土ケ谷区"]
    assert parse_query("それ以外の支援").excluded_wards == []       # no ward: plain words


def test_searching_west_ward_igai_shows_other_wards_only_like_minus_west_ward(keyword_service):
    r = keyword_service.search("西区以外 多胎児")
    minus = keyword_service.search("多胎児 -西区")
    assert tuple(r["filters"]["not_wards"]) == ("西区",)
    assert r["results"] and "西区" not in {p["ward"] for p in r["results"]}
    assert "西区" not in {w["ward"] for w in r["wards"]}
    assert r["total"] == minus["total"]
