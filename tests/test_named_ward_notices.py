"""A ward the query names that the answer does not show is said, never dropped silently:
a ward whose reports the index does not hold (保土ケ谷区: the seed corpus holds five wards),
and, when a query compares wards, a ward whose reports answer nothing.

A question naming only wards with no report here beside a topic (戸塚区でもアプリを作ったの？,
保土ケ谷区のように父親向けの講座をしている区は？) is answered from the wards that are held, and
says so; named with nothing to search for but the ward (保土ケ谷区の取組) it lists nothing."""

from __future__ import annotations

from urllib.parse import quote


def test_a_ward_whose_reports_are_not_held_is_said_with_the_wards_that_are(keyword_service):
    r = keyword_service.search("保土ケ谷区の取組", mode="bm25")
    assert r["total"] == 0
    assert "保土ケ谷区の報告書は収録されていません（収録している区：西区、中区、港南区、港北区、泉区）" in r["notices"]


HELD = "収録している区（西区、中区、港南区、港北区、泉区）の報告書から検索しました"


def test_a_ward_with_no_report_and_no_topic_says_so_and_lists_nothing(keyword_service):
    for q in ("保土ケ谷区の取組", "戸塚区の課題", "戸塚区の子育て支援の状況", "戸塚の報告書"):
        r = keyword_service.search(q, mode="bm25")
        assert r["total"] == 0, q
        assert not any(HELD in n for n in r["notices"]), q
        assert any("の報告書は収録されていません（収録している区" in n for n in r["notices"]), q


def test_a_question_about_a_ward_with_no_report_here_answers_from_the_wards_that_have_one(keyword_service):
    asked = keyword_service.search("保土ケ谷区のように父親向けの講座をしている区は？", mode="bm25")
    anywhere = keyword_service.search("父親向けの講座をしている区は？", mode="bm25")
    assert asked["total"] == anywhere["total"] > 0
    assert [w["ward"] for w in asked["wards"]] == [w["ward"] for w in anywhere["wards"]]
    assert [p["passage_id"] for p in asked["results"]] == [p["passage_id"] for p in anywhere["results"]]
    assert f"保土ケ谷区の報告書は収録されていません。{HELD}" in asked["notices"]
    assert not any("（収録している区：" in n for n in asked["notices"])   # said once
    assert asked["filters"]["wards"] is None and asked["filters"]["ward"] is None


def test_a_ward_with_no_report_named_as_an_aside_or_a_comparison_is_not_a_filter(keyword_service):
    for q, ward in (("旭区と同じような多胎児支援", "旭区"), ("戸塚でも多胎児の支援をしている？", "戸塚区"),
                    ("戸塚区と旭区の父親の育児参加", "戸塚区・旭区")):
        r = keyword_service.search(q, mode="bm25")
        assert r["total"] > 0 and r["wards"], q
        assert f"{ward}の報告書は収録されていません。{HELD}" in r["notices"], q


def test_a_ward_held_named_beside_one_with_no_report_stays_the_filter(keyword_service):
    r = keyword_service.search("戸塚区と港南区の多胎児", mode="bm25")
    assert set(r["filters"]["wards"]) == {"戸塚区", "港南区"}
    assert {p["ward"] for p in r["results"]} <= {"港南区"} and r["results"]
    assert not any(HELD in n for n in r["notices"])


def test_the_command_line_says_the_wards_searched_instead(keyword_index, capsys):
    from search_app import cli

    assert cli.main(["search", "保土ケ谷区のように父親向けの講座をしている区は？", "--mode", "bm25",
                     "--index", str(keyword_index), "-k", "3"]) == 0
    out = capsys.readouterr()
    assert f"※ 保土ケ谷区の報告書は収録されていません。{HELD}" in out.err
    assert "件" in out.out


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


def test_the_page_says_a_ward_has_no_report_here_and_shows_the_wards_that_answered(client):
    page = client.get("/?q=" + quote("戸塚区のように父親向けの講座をしている区は？")).get_data(as_text=True)
    assert '<li class="query-notice">戸塚区の報告書は収録されていません。収録している区（' in page
    assert "の報告書から検索しました</li>" in page
    assert "の取組が見つかりました" in page and 'class="card ward-card"' in page
    # what the user typed beside the ward is shown escaped, never as markup
    page = client.get("/?q=" + quote("戸塚区のように<script>alert(1)</script>父親向けの講座")).get_data(as_text=True)
    assert "戸塚区の報告書は収録されていません。" in page and "<script>alert(1)" not in page
