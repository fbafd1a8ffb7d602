"""Which hub (拠点名: どろっぷ, のんびりんこ, スマイル・ポート — `Document.hub`, as the report states it) a
passage is from is shown wherever a passage or a ward's evidence is cited: the list of results, a
ward card's evidence, the report page's header, the CSV (拠点 column), `kyoten search` and the JSON
API (`hub`). A report that states no hub (the seeds of 泉区 and 港南区) shows nothing in its place.

Over a keyword index of the real seed corpus: 妊娠期 is answered by all five seed wards, three
of whose reports state their hub (港北区 どろっぷ, 中区 のんびりんこ, 西区 スマイル・ポート)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from browsers import browser, needs_chromium, page, search_in_browser  # noqa: F401 (fixtures)
from page_reading import result_hits, page as get_page, search_api as api

SEED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
QUERY = "妊娠期"
HUBS = {"港北区": "どろっぷ", "中区": "のんびりんこ", "西区": "スマイル・ポート"}
NO_HUB = ("泉区", "港南区")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from search_app.indexing import build_index
    from search_app.web import create_app

    index = tmp_path_factory.mktemp("hub30") / "index"
    summary = build_index(SEED_CORPUS, index, semantic=False, full=True)
    assert not summary.failed, summary.failed
    return create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(SEED_CORPUS), "SEMANTIC": False,
                       "TESTING": True})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def _ward_of(hit: str) -> str:
    return re.search(r'<span class="tag tag-ward">([^<]+)</span>', hit).group(1)


def _hub_tags(html: str) -> list[str]:
    return re.findall(r'<span class="tag tag-hub"[^>]*>([^<]*)</span>', html)


def _card(html: str, ward: str) -> str:
    return re.search(rf'<article class="card ward-card" data-ward="{ward}">(.*?)</article>', html, re.S).group(1)


def test_a_result_says_which_hub_wrote_it(client):
    html = get_page(client, "/", q=QUERY, mode="bm25", view="list", k=50)
    hits = result_hits(html)
    shown = {_ward_of(h): _hub_tags(h) for h in hits}
    for ward, hub in HUBS.items():
        assert shown[ward] == [hub], (ward, shown.get(ward))
    # the hub right after the ward, before the year
    kohoku = next(h for h in hits if _ward_of(h) == "港北区")
    assert re.search(r'tag-ward">港北区</span><span class="tag tag-hub"[^>]*>どろっぷ</span>\s*'
                     r'<span class="tag tag-year">', kohoku)


def test_a_result_from_a_report_stating_no_hub_shows_none(client):
    html = get_page(client, "/", q=QUERY, mode="bm25", view="list", k=50)
    hits = [h for h in result_hits(html) if _ward_of(h) in NO_HUB]
    assert {_ward_of(h) for h in hits} == set(NO_HUB)
    for hit in hits:
        assert "tag-hub" not in hit and "None" not in hit and "記載なし" not in hit


def test_a_ward_card_s_evidence_names_its_hub(client):
    html = get_page(client, "/", q=QUERY, mode="bm25")
    for ward, hub in HUBS.items():
        card = _card(html, ward)
        labels = re.findall(r'<p class="evidence-label">(.*?)</p>', card, re.S)
        assert labels and all(_hub_tags(label) == [hub] for label in labels), (ward, labels)
        # and the card's head
        head = re.search(r'<header class="card-head">(.*?)</header>', card, re.S).group(1)
        assert _hub_tags(head) == [hub]
    for ward in NO_HUB:
        card = _card(html, ward)
        assert "tag-hub" not in card and "None" not in card


def test_the_report_page_header_names_its_hub(client):
    doc_id = next(r for r in api(client, q=QUERY, mode="bm25", k=50)["results"] if r["ward"] == "港北区")["doc_id"]
    html = get_page(client, f"/documents/{doc_id}")
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert re.search(r'<span class="doc-hub"[^>]*>どろっぷ</span>', h1)
    assert re.search(r"<dt>拠点名</dt><dd[^>]*>どろっぷ</dd>", html)
    assert "どろっぷ" in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_the_report_page_of_a_report_stating_no_hub_shows_no_hub(client):
    doc_id = next(r for r in api(client, q=QUERY, mode="bm25", k=50)["results"] if r["ward"] == "泉区")["doc_id"]
    html = get_page(client, f"/documents/{doc_id}")
    head = re.search(r'<header class="doc-head">(.*?)</dl>', html, re.S).group(1)
    assert "拠点名" not in head and "doc-hub" not in head and "None" not in head


def test_the_similar_page_names_each_practice_s_hub(client):
    source = next(r for r in api(client, q=QUERY, mode="bm25", k=50)["results"] if r["ward"] == "泉区")
    html = get_page(client, f"/passages/{source['passage_id']}/similar")
    cards = dict(re.findall(r'<article class="card similar-card" data-ward="([^"]+)">(.*?)</article>', html, re.S))
    assert "港北区" in cards and "中区" in cards
    for ward in ("港北区", "中区"):
        hits = result_hits(cards[ward])
        assert hits and all(_hub_tags(h) == [HUBS[ward]] for h in hits), ward
    origin = re.search(r'<section class="source-passage card"(.*?)</section>', html, re.S).group(1)
    assert "tag-hub" not in origin   # the 泉区 report states no hub


def test_the_csv_has_a_hub_column(client):
    resp = client.get("/export.csv", query_string={"q": QUERY, "mode": "bm25", "k": 50})
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    header = rows[0]
    assert header[-1] == "拠点"
    by_ward: dict[str, set[str]] = {}
    for row in rows[1:]:
        by_ward.setdefault(row[0], set()).add(row[-1])
    for ward, hub in HUBS.items():
        assert by_ward[ward] == {hub}
    for ward in NO_HUB:
        assert by_ward[ward] == {""}


def test_the_json_api_names_each_result_s_hub(client):
    answer = api(client, q=QUERY, mode="bm25", k=50)
    for r in answer["results"]:
        if r["ward"] in HUBS:
            assert r["hub"] == HUBS[r["ward"]]
        else:
            assert "hub" not in r
    for w in answer["wards"]:
        assert w["hub"] == HUBS.get(w["ward"])
        assert all(e.get("hub") == HUBS.get(w["ward"]) for e in w["evidence"])


def test_kyoten_search_names_the_hub_of_each_result_and_card(app, capsys):
    from search_app import cli

    assert cli.main(["search", "--index", app.config["INDEX_DIR"], "--mode", "bm25", "-k", "50", QUERY]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^■ 港北区 どろっぷ  該当 \d+ 件", out, re.M), out
    assert re.search(r"^\[\d\.\d+\] 港北区 どろっぷ 平成3[01]年度 ", out, re.M), out
    assert re.search(r"^\[\d\.\d+\] 中区 のんびりんこ ", out, re.M), out
    # no hub stated: the ward, then the year, as before
    assert re.search(r"^■ 泉区  該当 \d+ 件", out, re.M), out
    assert re.search(r"^\[\d\.\d+\] 泉区 令和[56]年度 ", out, re.M), out
    assert "None" not in out


def test_a_hub_is_escaped_where_it_is_shown(app):
    from flask import render_template_string

    hostile = '<script>alert(1)</script>"どろっぷ&'
    with app.test_request_context("/"):
        html = render_template_string('{% from "_macros.html" import passage_meta, hub_tag %}'
                                      '{{ passage_meta(p) }}{{ hub_tag(hub) }}',
                                      p={"ward": "港北区", "hub": hostile, "section": "取組内容"}, hub=hostile)
    assert "<script>" not in html and html.count("&lt;script&gt;") == 2


def test_a_site_naming_the_hub_is_not_preceded_by_the_hub_again():
    from search_app.passages import shown_hub

    assert shown_hub({"hub": "どろっぷ", "site": "どろっぷ分室（日吉）"}) is None
    assert shown_hub({"hub": "どろっぷ", "site": "サテライト（日吉）"}) == "どろっぷ"
    assert shown_hub({"hub": "どろっぷ"}) == "どろっぷ"
    assert shown_hub({"site": "サテライト（日吉）"}) is None


@pytest.mark.browser
@needs_chromium
def test_staff_follow_a_hub_from_the_card_to_the_list_and_the_report_in_a_browser(app, page):
    from servers import running

    with running(app) as base:
        search_in_browser(page, base, QUERY, mode="bm25")
        card = page.locator("article.ward-card[data-ward='港北区']")
        evidence_hub = card.locator(".evidence-label .tag-hub").first
        assert evidence_hub.is_visible() and evidence_hub.inner_text() == "どろっぷ"
        assert page.locator("article.ward-card[data-ward='泉区'] .tag-hub").count() == 0
        # the flat list: each 港北区 result names どろっぷ beside its ward
        page.locator("a.more-link").click()
        page.locator("li.hit").first.wait_for()
        kohoku = page.locator("li.hit", has=page.locator(".tag-ward", has_text="港北区"))
        assert kohoku.count() > 0
        for i in range(kohoku.count()):
            assert kohoku.nth(i).locator(".tag-hub").inner_text() == "どろっぷ"
        izumi = page.locator("li.hit", has=page.locator(".tag-ward", has_text="泉区"))
        assert izumi.count() > 0 and izumi.locator(".tag-hub").count() == 0
        # the report: its header names the hub
        kohoku.first.locator("a.source-link").click()
        page.locator("h1").wait_for()
        assert "どろっぷ" in page.locator("h1").inner_text()
        assert page.locator("h1 .doc-hub").is_visible()
