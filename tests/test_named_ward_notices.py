"""A ward the query names that the answer does not show is said, never dropped silently:
a ward whose reports the index does not hold (保土ケ谷区: the seed corpus holds five wards),
and, when a query compares wards, a ward whose reports answer nothing."""

from __future__ import annotations

from urllib.parse import quote


def test_a_ward_whose_reports_are_not_held_is_said_with_the_wards_that_are(keyword_service):
    r = keyword_service.search("保土ケ谷区の取組", mode="bm25")
    assert r["total"] == 0
    assert "保土ケ谷区の報告書は収録されていません（収録している区：西区、中区、港南区、港北区、泉区）" in r["notices"]


def test_a_ward_named_beside_one_that_answers_is_said_when_it_does_not(keyword_service):
    r = keyword_service.search("鶴見区と西区の多胎児", mode="bm25")
    assert [w["ward"] for w in r["wards"]] == ["西区"]
    assert any(n.startswith("鶴見区の報告書は収録されていません") for n in r["notices"])


def test_a_held_ward_of_a_comparison_that_answers_nothing_is_said(keyword_service):
    r = keyword_service.search("中区と西区の父親支援", mode="bm25")
    assert "中区" not in [w["ward"] for w in r["wards"]] and r["wards"]
    assert "中区の報告書には、この検索に答える取組が見つかりませんでした" in r["notices"]


def test_a_ward_that_answers_gets_no_notice(keyword_service):
    r = keyword_service.search("西区 多胎児", mode="bm25")
    assert not any("区の報告書" in n for n in r["notices"])


def test_the_page_says_the_ward_is_not_held(client):
    page = client.get("/?q=" + quote("保土ケ谷区の取組")).get_data(as_text=True)
    assert "保土ケ谷区の報告書は収録されていません" in page
