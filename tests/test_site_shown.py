"""Which site of a hub a goal is of, where a report covers a hub and its satellite (拠点（本体） /
サテライト（日吉）, どろっぷ分室（日吉）: `Passage.site`, docs/parsing.md "unseen28"), is shown
wherever a user reads the goal: the list of results, a ward card's evidence, the report page,
the CSV, the JSON API and the CLI. A passage of a report of one site looks as before.

Over a keyword index of real two-site reports of the parse rounds (unseen4's hub and satellite,
unseen28's hub and 分室 page and Word PDF of a hub and satellite) and one report of one site
(unseen28's 旭区 ひだまり page)."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from browsers import browser, needs_chromium, page, search_in_browser  # noqa: F401 (fixtures)
from page_reading import result_hits, page as get_page, search_api as api, text_of

DATA = Path(__file__).parent / "data"
REPORTS = [DATA / "unseen4" / "kohoku_r5_hub_satellite.txt",          # 拠点（本体） / サテライト（日吉）
           DATA / "unseen28" / "kohoku_r3_bunshitsu_page.html",        # どろっぷ本体 / どろっぷ分室（日吉）
           DATA / "unseen28" / "kohoku_r6_satellite_parts_word.pdf",   # どろっぷ（本体） / どろっぷサテライト
           DATA / "unseen28" / "asahi_r2_rowspan_goal_page.html"]      # one site: no site

SATELLITE_QUERY = "子育て相談の日"      # サテライト（日吉）'s goal 3 of 港北区 令和5年度
ONE_SITE_QUERY = "ウェルカム会"         # 旭区 ひだまり's goal 1


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from search_app.indexing import build_index
    from search_app.web import create_app

    root = tmp_path_factory.mktemp("site28")
    corpus, index = root / "corpus", root / "index"
    corpus.mkdir()
    for report in REPORTS:
        shutil.copy(report, corpus / report.name)
    summary = build_index(corpus, index, semantic=False, full=True)
    assert not summary.failed, summary.failed
    return create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "SEMANTIC": False,
                       "TESTING": True})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def test_a_satellite_s_goal_shows_its_site_on_the_result_page(client):
    html = get_page(client, "/", q=SATELLITE_QUERY, mode="bm25", view="list")
    hit = next(h for h in result_hits(html) if "子育て相談の日" in text_of(h))
    assert '<span class="tag tag-ward">港北区</span>' in hit
    assert re.search(r'<span class="tag tag-site"[^>]*>サテライト（日吉）</span>', hit)


def test_a_ward_card_s_evidence_names_the_site_its_goal_is_of(client):
    html = get_page(client, "/", q=SATELLITE_QUERY, mode="bm25")
    card = re.search(r'<article class="card ward-card" data-ward="港北区">(.*?)</article>', html, re.S).group(1)
    label = re.search(r'<p class="evidence-label">(.*?)</p>', card, re.S).group(1)
    assert re.search(r'class="tag tag-site"[^>]*>サテライト（日吉）</span>', label)


def test_the_json_api_result_carries_the_site(client):
    answer = api(client, q=SATELLITE_QUERY, mode="bm25")
    hit = next(r for r in answer["results"] if "子育て相談の日" in r["text"])
    assert hit["site"] == "サテライト（日吉）"
    card = next(w for w in answer["wards"] if w["ward"] == "港北区")
    assert card["best"]["site"] == "サテライト（日吉）"


def test_a_passage_without_a_site_shows_no_site_label(client):
    # one list holding both: the satellite's passages are labelled, the one-site report's not
    html = get_page(client, "/", q=SATELLITE_QUERY, mode="bm25", view="list")
    hits = result_hits(html)
    kohoku = [h for h in hits if "tag-ward\">港北区" in h]
    asahi = [h for h in hits if "tag-ward\">旭区" in h]
    assert kohoku and asahi
    assert all("tag-site" in h for h in kohoku)
    assert not any("tag-site" in h for h in asahi)
    assert all("site" not in r for r in api(client, q=SATELLITE_QUERY, mode="bm25")["results"]
               if r["ward"] == "旭区")
    # a search of one-site reports only: no site label anywhere on its pages
    for view in ("list", None):
        html = get_page(client, "/", q=ONE_SITE_QUERY, mode="bm25", **({"view": view} if view else {}))
        assert "旭区" in html and "tag-site" not in html


def test_the_report_page_heads_each_site_s_goals_with_its_site(client):
    answer = api(client, q=SATELLITE_QUERY, mode="bm25")
    doc_id = next(r for r in answer["results"] if "子育て相談の日" in r["text"])["doc_id"]
    html = get_page(client, f"/documents/{doc_id}")
    headings = [re.sub(r"<[^>]+>", "", h).strip()
                for h in re.findall(r'<h3 class="goal-heading">(.*?)</h3>', html, re.S)]
    assert headings[:4] == ["拠点（本体） 目標1", "拠点（本体） 目標2", "サテライト（日吉） 目標3",
                            "サテライト（日吉） 目標4"]


def test_the_csv_names_each_row_s_site(client):
    resp = client.get("/export.csv", query_string={"q": SATELLITE_QUERY, "mode": "bm25"})
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    site = rows[0].index("施設")   # (拠点, the hub, after it: test_hub_shown)
    row = next(r for r in rows[1:] if "子育て相談の日" in r[4])
    assert row[site] == "サテライト（日吉）"


def test_a_site_is_escaped_where_it_is_shown(app):
    with app.test_request_context("/"):
        from flask import render_template_string
        html = render_template_string('{% from "_macros.html" import site_tag %}{{ site_tag(site) }}',
                                      site='<script>alert(1)</script>サテライト')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_cli_search_names_the_site_of_a_satellite_s_goal(app, capsys):
    from search_app import cli

    index = app.config["INDEX_DIR"]
    assert cli.main(["search", "--index", index, "--mode", "bm25", SATELLITE_QUERY]) == 0
    out = capsys.readouterr().out
    # (after the hub, where the report states one: test_hub_shown)
    assert re.search(r"港北区 (\S+ )?サテライト（日吉） 令和5年度 取組内容", out), out
    # the card's goal, after its site (and its hub, where the report names one)
    assert re.search(r"目標: (\S+ )?サテライト（日吉） 駅の近くで気軽に相談できる", out), out
    # a report of one site: no site (its hub ひだまり after the ward: test_hub_shown)
    assert cli.main(["search", "--index", index, "--mode", "bm25", ONE_SITE_QUERY]) == 0
    out = capsys.readouterr().out
    assert "旭区 ひだまり 令和2年度 取組の成果" in out and "目標: 転入してきた家庭" in out


@pytest.mark.browser
@needs_chromium
def test_staff_see_the_satellite_on_the_ward_card_in_a_browser(app, page):
    from servers import running

    with running(app) as base:
        search_in_browser(page, base, SATELLITE_QUERY, mode="bm25")
        card = page.locator("article.ward-card", has=page.locator("h3", has_text="港北区"))
        assert card.locator(".evidence-label .tag-site").first.inner_text() == "サテライト（日吉）"
        assert card.locator(".evidence-label .tag-site").first.is_visible()


def test_two_sites_goals_of_the_same_number_stay_apart_on_the_report_page():
    """A report that numbers each site's goals from 1 (where its parse keeps the numbers): the
    report page shows 本体's goal 1 and the satellite's goal 1 as two goals, each under its site."""
    from search_app.web.pages import _document_outline

    def passage(site, goal_no, section, text):
        return {"passage_id": text, "doc_id": "d", "site": site, "goal_no": goal_no, "goal": text,
                "section": section, "fiscal_year_from": 2023, "fiscal_year_to": 2023,
                "year_label": "令和5年度", "text": text}

    passages = [passage("拠点（本体）", 1, "目標", "本体の目標1"), passage("拠点（本体）", 2, "目標", "本体の目標2"),
                passage("サテライト（日吉）", 1, "目標", "サテライトの目標1"),
                passage("サテライト（日吉）", 1, "取組内容", "サテライトの取組")]
    (block,) = _document_outline({"fiscal_year_from": 2023}, passages)
    assert [(g["site"], g["goal_no"], [p["text"] for p in g["passages"]]) for g in block["goals"]] == [
        ("拠点（本体）", 1, ["本体の目標1"]), ("拠点（本体）", 2, ["本体の目標2"]),
        ("サテライト（日吉）", 1, ["サテライトの目標1", "サテライトの取組"])]
