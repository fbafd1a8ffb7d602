"""Ward cards and the ward × year grid count what their links list.

Policy staff read the answer as ward cards, then click through to a ward's list:
「西区 該当 6 件」 used to open a new search within 西区 that listed 14. A card's
count, a grid cell's count, the ward facet and the list, the JSON API and the CSV
behind their links are now one set (search_app/wardscope.py): the search's results
of that ward (and year). The walk-through of the answer pages (multi-ward, year,
ward + section, question, no answer) found the rest of what is tested here.
"""

from __future__ import annotations

import csv
import io
import os
import re

import pytest

from search_app.params import Filters
from ward_copies import BOTH, archive  # noqa: F401  (fixture)
from page_reading import page as get_page, search_api as api

QUERIES = ("多胎児", "父親の育児参加", "港北区と港南区の課題", "令和2年度の重点目標", "中区の課題",
           "多胎児の家庭をどう支援しているか", "2020年度 医療機関との連携", "令和5年度 父親支援")


def csv_rows(client, **params) -> list[list[str]]:
    resp = client.get("/export.csv", query_string=params)
    assert resp.status_code == 200
    return list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))


# ----------------------------------------------------------------------------- the JSON API

@pytest.mark.parametrize("query", QUERIES)
def test_a_ward_card_counts_the_results_its_list_shows(client, query):
    answer = api(client, q=query, k=100)
    assert answer["wards"]
    for card in answer["wards"]:
        listed = api(client, q=query, k=100, result_ward=card["ward"])
        # every report's passage counted; the list folds a text's copies into one row
        assert listed["total_passages"] == card["passage_count"] == len(card["passages"]), card["ward"]
        shown = [p["passage_id"] for p in listed["results"]]
        assert shown == [i for i in card["passages"] if i in set(shown)]
        assert len(shown) == listed["total"] <= listed["total_passages"]
        assert {p["ward"] or "区不明" for p in listed["results"]} == {card["ward"]}
        assert listed["result_scope"] == {"ward": card["ward"], "year": None, "section": None,
                                          "programme": None, "doc_type": None}


@pytest.mark.parametrize("query", QUERIES)
def test_a_grid_cell_counts_the_results_its_list_shows(client, query):
    for card in api(client, q=query, k=100)["wards"]:
        assert card["year_counts"], card["ward"]
        for cell in card["year_counts"]:
            listed = api(client, q=query, k=100, result_ward=card["ward"], result_year=cell["year"])
            assert listed["total_passages"] == cell["count"], (card["ward"], cell)
            for p in listed["results"]:
                assert p["fiscal_year_from"] <= cell["year"] <= p["fiscal_year_to"]


def test_the_ward_facet_counts_what_the_ward_cards_count(client):
    answer = api(client, q="父親の育児参加", k=100)
    facet = answer["facets"]["ward"]
    for card in answer["wards"]:
        assert facet[card["ward"]] == card["passage_count"]


def test_the_filter_counts_stay_those_of_the_whole_search_on_one_ward_s_list(client):
    """The 区 select on 西区's list still gives 港南区 its card's count (not 0): its counts
    are the search's."""
    whole = api(client, q="多胎児", k=100)
    part = api(client, q="多胎児", k=100, result_ward="西区")
    assert part["facets"] == whole["facets"]
    other = next(c for c in whole["wards"] if c["ward"] != "西区")
    html = get_page(client, "/", q="多胎児", result_ward="西区")
    assert f'<option value="{other["ward"]}">{other["ward"]}（{other["passage_count"]}）</option>' in html


def test_one_ward_s_results_keep_the_whole_answer_beside_them(client):
    """The list of 西区's results is a view of the same search: the ward cards (every
    ward the search answers with) and their counts do not change."""
    whole = api(client, q="多胎児", k=100)
    part = api(client, q="多胎児", k=100, result_ward="西区")
    assert [(c["ward"], c["passage_count"]) for c in part["wards"]] == \
        [(c["ward"], c["passage_count"]) for c in whole["wards"]]
    assert part["filters"] == whole["filters"]


def test_a_ward_filter_is_a_new_search_within_the_ward(client):
    """ward= searches within the ward's reports (its relevance cut is its own), so it can
    list more than the card of the search over every ward counts; result_ward= lists
    exactly the card's results. Both stay accepted."""
    card = next(c for c in api(client, q="多胎児", k=100)["wards"] if c["ward"] == "西区")
    within = api(client, q="多胎児", k=100, ward="西区")
    assert within["filters"]["ward"] == "西区" and within["result_scope"] is None
    assert {p["ward"] for p in within["results"]} == {"西区"}
    assert card["best_passage_id"] in {p["passage_id"] for p in within["results"]}


def test_a_ward_with_no_share_of_the_results_says_so_not_that_nothing_matched(client):
    answer = api(client, q="多胎児", k=100)
    absent = next(w for w in ("中区", "港北区", "泉区") if w not in {c["ward"] for c in answer["wards"]})
    assert api(client, q="多胎児", result_ward=absent)["total"] == 0
    html = get_page(client, "/", q="多胎児", result_ward=absent)
    assert f"「多胎児」の該当のうち、{absent}の記載はありません" in html
    assert "一致する取組は見つかりませんでした" not in html
    assert 'class="scope-remove"' in html


def test_a_bad_result_scope_is_a_clear_400(client):
    resp = client.get("/api/search", query_string={"q": "多胎児", "result_year": "2021-2023"})
    assert resp.status_code == 400 and "1 つの年度" in resp.get_json()["error"]
    resp = client.get("/api/search", query_string={"q": "多胎児", "result_ward": "東京区"})
    assert resp.status_code == 400 and "区「東京区」はありません" in resp.get_json()["error"]


def test_one_ward_or_several_are_one_filter():
    """Filters keep the searched wards in one field; the API still shows "ward" for one
    and "wards" for several, and the old spelling Filters(ward=…) still builds one."""
    one = Filters(ward="西区")
    assert one == Filters(wards=("西区",)) and one.ward == "西区" and one.any
    assert one.to_dict()["ward"] == "西区" and one.to_dict()["wards"] is None
    several = Filters(wards=("港北区", "港南区"))
    assert several.ward is None and several.to_dict()["wards"] == ("港北区", "港南区")
    no_ward = Filters(ward="")        # 区不明 is a ward filter too
    assert no_ward.any and no_ward.ward == "" and no_ward.wards == ("",)
    assert not Filters().any


# ----------------------------------------------------------------------------- the pages

def test_a_ward_card_s_link_names_the_count_it_lists(client):
    html = get_page(client, "/", q="父親の育児参加")
    cards = re.findall(r'<article class="card ward-card" data-ward="([^"]+)">.*?該当 (\d+) 件.*?'
                       r'<a class="ward-list-link" href="([^"]+)">([^<]+)</a>', html, re.S)
    assert len(cards) >= 2
    for ward, count, href, text in cards:
        assert text == f"{ward}の該当 {count} 件を一覧で見る"
        listed = get_page(client, href.replace("&amp;", "&"))
        shown = re.findall(r'<span class="tag tag-ward">([^<]+)</span>', listed)
        assert 1 <= len(shown) <= min(int(count), 20) and set(shown) == {ward}   # copies fold into a row
        assert f"この検索の該当のうち、<strong>{ward}</strong>の {count} 件" in listed


def test_a_grid_cell_s_number_is_what_its_list_counts(client):
    html = get_page(client, "/", q="多胎児")
    grid = html[html.index('<table class="grid">'):html.index("</table>")]
    cells = re.findall(r'<a href="([^"]+)"[^>]*>(\d+)</a>', grid)
    assert cells
    for href, count in cells:
        listed = get_page(client, href.replace("&amp;", "&"))
        assert re.search(r'class="summary">この検索の該当のうち、<strong>[^<]+</strong>の (\d+) 件', listed).group(1) == count
        # the list folds a text's copies into one row (「同様の記載」)
        assert 1 <= len(re.findall(r'<li class="hit">', listed)) <= min(int(count), 20)


def test_the_csv_of_a_ward_s_list_holds_the_rows_its_card_counts(client):
    for card in api(client, q="父親の育児参加", k=100)["wards"]:
        rows = csv_rows(client, q="父親の育児参加", result_ward=card["ward"])
        listed = api(client, q="父親の育児参加", k=100, result_ward=card["ward"])
        assert len(rows) - 1 == listed["total"] and listed["total_passages"] == card["passage_count"]
        assert {r[0] for r in rows[1:]} == {card["ward"]}


def test_the_csv_names_the_copies_a_row_stands_for(client):
    """A collapsed near-duplicate is one row, as on the page; the 同様の記載 column says
    which wards and years also hold the text instead of dropping them silently."""
    listed = api(client, q="支援", mode="bm25", k=100)
    with_copies = [p for p in listed["results"] if p["duplicates"]]
    assert with_copies
    rows = csv_rows(client, q="支援", mode="bm25")
    named = [r for r in rows[1:] if r[6]]
    assert len(named) == len(with_copies)
    first = with_copies[0]["duplicates"][0]
    # 「区 拠点名・年度」 when the copy's report states its hub (a hub may itself hold a ・)
    hub = f" {first['hub']}" if first.get("hub") else ""
    assert f"{first['ward']}{hub}・{first['year_display']}" in named[0][6]


def test_a_query_no_report_words_answers_with_a_notice_not_an_error(client):
    """「天気予報」 (no report uses it) was a server error once the page learnt to list
    one ward's results: the two features shared a variable."""
    resp = client.get("/", query_string={"q": "天気予報"})
    assert resp.status_code == 200
    assert "「天気予報」は報告書に出てきません" in resp.get_data(as_text=True)


def test_a_listing_card_names_the_goal_of_evidence_from_another_goal(client):
    """「中区の課題」 lists the 課題 of goals ①②③ on one card under goal ①'s block: the
    other goals' 課題 say which goal they belong to."""
    answer = api(client, q="中区の課題")
    card = answer["wards"][0]
    others = [e for e in card["evidence"] if e["unit"] != card["unit"]]
    assert others
    html = get_page(client, "/", q="中区の課題")
    for e in others:
        # (after its hub's tag: test_hub_shown)
        assert re.search(rf'根拠・{e["section"]}(?: <span class="tag tag-hub"[^>]*>{e["hub"]}</span>)?'
                         rf'<span class="evidence-goal">（[^）]*目標{e["goal_no"]}：', html)


def test_a_listing_says_it_is_in_report_order_not_by_relevance(client):
    html = get_page(client, "/", q="令和2年度の重点目標")
    assert "（報告書の記載順）" in html and "（関連度順）" not in html
    assert "（関連度順）" in get_page(client, "/", q="多胎児")


def test_a_re_search_within_a_ward_is_offered_only_where_it_changes_the_search(client):
    html = get_page(client, "/", q="多胎児")
    assert 'class="ward-search-link"' in html and "西区の報告書だけで検索し直す" in html
    assert 'class="ward-search-link"' not in get_page(client, "/", q="中区の課題")   # already 中区 only
    assert 'class="ward-search-link"' not in get_page(client, "/", q="多胎児", ward="西区")


# ----------------------------------------------------------------------------- a real browser

from browsers import CHROMIUM, launch  # noqa: E402


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing")
def test_staff_click_a_ward_card_s_count_and_get_that_many_results(app):
    from playwright.sync_api import sync_playwright

    from servers import running

    with running(app) as base, sync_playwright() as pw:
        browser = launch(pw)
        try:
            pg = browser.new_page(locale="ja-JP")
            pg.set_default_timeout(60_000)
            pg.goto(f"{base}/?q=多胎児")
            card = pg.locator("article.ward-card", has=pg.locator("h3", has_text="西区"))
            count = int(re.search(r"該当 (\d+) 件", card.locator(".card-count").inner_text()).group(1))
            with pg.expect_navigation():
                card.locator("a.ward-list-link").click()
            assert pg.locator("ol.hits li.hit").count() == count
            assert set(pg.locator("ol.hits .tag-ward").all_inner_texts()) == {"西区"}
            assert f"{count} 件中 1–{count} 件目" in pg.locator("p.range").inner_text()
            with pg.expect_navigation():     # back to the whole answer, same cards
                pg.locator("a.scope-remove").first.click()
            assert pg.locator("article.ward-card").count() >= 2
        finally:
            browser.close()


def test_the_ward_view_names_every_ward_the_list_of_results_holds(client):
    """「2区の取組が見つかりました」 above a list of 57 passages of five wards: the wards with
    results but no card (none of their evidence units answers) are named with their counts
    and links listing exactly them."""
    query = "多胎児の家庭をどう支援しているか"
    answer = api(client, q=query, k=100)
    listed_wards = {p["ward"] for p in answer["results"] if p["ward"]}
    carded = {c["ward"] for c in answer["wards"]}
    assert listed_wards - carded
    html = get_page(client, "/", q=query)
    line = re.search(r'<p class="other-wards">(.*?)</p>', html, re.S).group(1)
    named = {ward: int(n) for ward, n in re.findall(r'<a href="[^"]+">([^（<]+)（(\d+)件）</a>', line)}
    assert set(named) == listed_wards - carded
    for ward, count in named.items():
        assert api(client, q=query, k=100, result_ward=ward)["total_passages"] == count


def test_on_an_archive_a_card_counts_every_report_s_copy_and_its_list_folds_them(archive):
    """港南区's report copied into every ward, twice into most (this year and three years
    back): a ward's two copies of a text are two passages, one about each year, and one
    row of its list (the other under it as 「同様の記载」); its card's count, its grid cells
    and its lists agree, whichever copy the ranking kept. (Until ux17 the card counted the
    two copies once while the headline counted both, so on an archive of goals carried over
    year after year the cards added up to half the headline.)"""
    query = "多胎児"
    answer = archive.search(query, mode="bm25", k=100)
    twice = [c for c in answer["wards"] if c["ward"] in BOTH]
    assert twice
    for card in answer["wards"]:
        listed = archive.search(query, mode="bm25", k=100, result_ward=card["ward"])
        assert listed["total_passages"] == card["passage_count"] == len(card["passages"]), card["ward"]
        for cell in card["year_counts"]:
            assert archive.search(query, mode="bm25", k=100, result_ward=card["ward"],
                                  result_year=cell["year"])["total_passages"] == cell["count"]
    assert sum(c["passage_count"] for c in answer["wards"]) <= answer["total_passages"]
    for card in twice:   # the copy three years back is about its own year, and one row with the other
        years = {c["year"] for c in card["year_counts"]}
        listed = archive.search(query, mode="bm25", k=100, result_ward=card["ward"])
        assert len(years) >= 2 and listed["total"] < listed["total_passages"]
