"""Every facet of a search counts what choosing it lists.

A filter option's number used to count passages (a five-year summary's three copies
of one text, every passage a result collapses), so 「成果（12）」 opened a list of 7.
Now each facet of a search — ward, 年度, 区分, 事業, 種別 — counts the search's
results (search_app/wardscope.py, the rule of a ward card's count), and the page's
「該当の内訳」 links list exactly them (result_year / result_section /
result_programme / result_doc_type, views of the same search). The 絞り込み form
stays a new search within the chosen reports, its numbers labelled as this search's.
"""

from __future__ import annotations

import os
import re

import pytest

from indexer.fulltext import section_group
from browsers import CHROMIUM, launch
from ward_copies import archive  # noqa: F401  (fixture)
from page_reading import page as get_page, search_api as api

# a topic, a year query, a ward + section query, a question
QUERIES = ("父親の育児参加", "令和2年度の重点目標", "中区の課題", "多胎児の家庭をどう支援しているか")
SHARES = {"ward": "result_ward", "year": "result_year", "section": "result_section",
          "programme": "result_programme", "doc_type": "result_doc_type"}


@pytest.mark.parametrize("query", QUERIES)
def test_each_facet_value_counts_the_results_its_share_lists(client, query):
    answer = api(client, q=query, k=100)
    assert answer["total"]
    assert all(answer["facets"][f] for f in ("ward", "year", "section", "doc_type"))
    for facet, param in SHARES.items():   # (a yearly goal has no programme)
        for value, count in answer["facets"][facet].items():
            listed = api(client, q=query, k=100, **{param: value})
            assert listed["total_passages"] == count, (facet, value)
            assert listed["wards"] == answer["wards"]   # a view of the same search


def test_on_an_archive_a_facet_counts_every_report_s_copy_as_the_cards_and_the_grid_do(archive):
    """港南区's report copied into every ward: a result whose copies (同様の記載) the list
    folds counts once per report in each facet, as the headline, the ward cards and the
    grid count it — so the 年度 facet of a year is its grid column's sum, and the 種別
    facet adds up to the headline — and each facet value's list holds that many passages
    (folded into fewer rows). (Until ux17 the facets counted such a text once, beside
    cards and a grid that counted each copy: no two numbers agreed.)"""
    query = "多胎児"
    answer = archive.search(query, mode="bm25", k=100)
    assert answer["total"] < answer["total_passages"]
    assert sum(answer["facets"]["doc_type"].values()) == answer["total_passages"]
    assert sum(answer["facets"]["ward"].values()) == answer["total_passages"]
    column: dict = {}
    for card in answer["wards"]:
        for cell in card["year_counts"]:
            column[str(cell["year"])] = column.get(str(cell["year"]), 0) + cell["count"]
    if set(answer["facets"]["ward"]) == {c["ward"] for c in answer["wards"]}:   # every ward has a card
        assert column == answer["facets"]["year"]
    folded = False
    for facet, param in SHARES.items():
        for value, count in answer["facets"][facet].items():
            listed = archive.search(query, mode="bm25", k=100, **{param: value})
            assert listed["total_passages"] == count, (facet, value)
            folded |= listed["total"] < listed["total_passages"]
    assert folded


def test_a_share_lists_only_results_of_its_value(client):
    query = "父親の育児参加"
    facets = api(client, q=query, k=100)["facets"]
    section = next(iter(facets["section"]))
    listed = api(client, q=query, k=100, result_section=section)["results"]
    assert listed and {section_group(r["section"]) for r in listed} == {section}
    programme = next(iter(facets["programme"]))
    assert {str(r["programme"]) for r in api(client, q=query, k=100, result_programme=programme)["results"]} \
        == {programme}
    doc_type = next(iter(facets["doc_type"]))
    assert {r["doc_type"] for r in api(client, q=query, k=100, result_doc_type=doc_type)["results"]} == {doc_type}


def test_the_facets_without_a_search_count_the_passages_held(client):
    facets = client.get("/api/facets").get_json()
    health = client.get("/healthz").get_json()
    assert sum(facets["doc_type"].values()) == health["passages"]


def test_a_bad_facet_share_is_a_clear_400(client):
    for params, said in (({"result_section": "天気"}, "区分「天気」はありません"),
                         ({"result_programme": "9"}, "事業は 1〜7"),
                         ({"result_doc_type": "日記"}, "種別「日記」はありません")):
        resp = client.get("/api/search", query_string={"q": "多胎児", **params})
        assert resp.status_code == 400 and said in resp.get_json()["error"], params


def test_the_page_s_breakdown_links_name_the_counts_they_list(client):
    query = "父親の育児参加"
    html = get_page(client, "/", q=query)
    block = re.search(r'<dl class="facet-links".*?</dl>', html, re.S).group(0)
    links = re.findall(r'<a class="facet-link" href="([^"]+)"[^>]*>[^<（]+（(\d+)）</a>', block)
    assert len(links) >= 4
    for href, count in links:
        listed = get_page(client, href.replace("&amp;", "&"))
        assert f"の {count} 件</h2>" in listed, href


# ----------------------------------------------------------------------------- a real browser

@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing")
@pytest.mark.parametrize("query", QUERIES)
def test_staff_choose_a_breakdown_option_and_get_as_many_results_as_it_says(app, query):
    from playwright.sync_api import sync_playwright

    from servers import running

    with running(app) as base, sync_playwright() as pw:
        browser = launch(pw)
        try:
            pg = browser.new_page(locale="ja-JP")
            pg.set_default_timeout(60_000)
            pg.goto(f"{base}/?q={query}")
            rows = pg.locator("dl.facet-links dd.facet-row")
            assert rows.count() >= 3
            checked = 0
            for r in range(rows.count()):
                row = pg.locator("dl.facet-links dd.facet-row").nth(r)
                facet = row.get_attribute("data-facet")
                # the first and the last option of each facet
                n = row.locator("a.facet-link").count()
                for k in sorted({0, n - 1}):
                    link = pg.locator("dl.facet-links dd.facet-row").nth(r).locator("a.facet-link").nth(k)
                    label = link.inner_text()
                    value, count = re.search(r"^(.*)（(\d+)）$", label).groups()
                    count = int(count)
                    if facet in ("区分", "種別"):   # the 絞り込み select gives the value the same number
                        select = pg.locator("#f-section" if facet == "区分" else "#f-doc-type")
                        assert select.locator(f'option[value="{value}"]').inner_text() == label
                    with pg.expect_navigation():
                        link.click()
                    shown = min(count, 20)   # a page lists 20
                    assert pg.locator("ol.hits li.hit").count() == shown, (facet, label)
                    assert f"{count} 件中 1–{shown} 件目" in pg.locator("p.range").inner_text()
                    assert f"の {count} 件" in pg.locator("#results-heading").inner_text()
                    checked += 1
                    pg.go_back()
            assert checked >= rows.count()
        finally:
            browser.close()


def test_the_breakdown_marks_the_share_being_listed(client):
    query = "父親の育児参加"
    section, count = next(iter(api(client, q=query, k=100)["facets"]["section"].items()))
    html = get_page(client, "/", q=query, result_section=section)
    current = re.findall(r'<a class="facet-link" href="[^"]+" aria-current="page"[^>]*>([^<]+)</a>', html)
    assert current == [f"{section}（{count}）"]
    assert f"区分「{section}」</strong>の {count} 件" in html
