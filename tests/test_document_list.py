"""The list of the reports in the index (/documents, /api/documents): what staff who
upload an archive and hub managers see — which wards and years are covered, the
reports filtered and paged, each opening its document page.

Over a keyword index of the seed corpus plus a report without a ward, another city's
report and a second 泉区 report (so one ward has several years)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer import metadata
from search_app.web import create_app

REPO = Path(__file__).resolve().parent.parent
TOKEN = "t-doclist-0123456789"

NO_WARD_REPORT = """地域子育て支援拠点 事業報告

重点目標\tコアラ積み木の会を通して、親子の交流の機会を広げます。
取組内容\tひろばで毎月コアラ積み木の会を開き、乳幼児と養育者が一緒に遊びました。
取組の成果\t延べ80組の親子が参加しました。
"""

OTHER_CITY_REPORT = """川崎市地域子育て支援センター事業 評価シート（令和5年度）

センター名：中原区 こすぎ地域子育て支援センター

1. 事業の概要
地域子育て支援センターでは、乳幼児とその保護者が気軽に集い、交流できる場を提供しています。

2. 取組の評価
絵本の読み聞かせと手遊びを組み合わせた会には、延べ240組の親子が参加しました。
"""

IZUMI_R2 = """泉区地域子育て支援拠点事業
令和2年度重点目標評価結果・令和3年度重点目標

事業実施期間\t令和2年4月1日～令和3年3月31日
事業の実施者\t特定非営利活動法人 テスト法人 泉区こども家庭支援課

令和2年度重点目標の評価

令和2年度 重点目標①\t親子で楽しむ体操を通して、親子の運動と交流の機会を広げます。
取組内容\t<p>ひろばで毎週体操の会を開きました。</p>
取組の成果\t<p>延べ120組の親子が参加しました。</p>
取組の課題\t<p>講師を担うボランティアを増やす必要があります。</p>
"""

EXTRA = {"910_no_ward.txt": NO_WARD_REPORT, "911_kawasaki.txt": OTHER_CITY_REPORT,
         "912_izumi_r2.txt": IZUMI_R2}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from search_app.indexing import build_index

    root = tmp_path_factory.mktemp("doclist")
    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    for name, text in EXTRA.items():
        (corpus / name).write_text(text, encoding="utf-8")
    summary = build_index(corpus, root / "index", semantic=False, full=True)
    assert not summary.failed, summary.failed
    return corpus, root / "index"


@pytest.fixture(scope="module")
def app(built):
    corpus, index = built
    return create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True,
                       "SEMANTIC": False, "ADMIN_TOKEN": TOKEN})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def all_docs(client):
    body = client.get("/api/documents", query_string={"limit": 200}).get_json()
    return body["documents"]


class _Page(HTMLParser):
    """The coverage table's cells (ward, year -> text, link), the list's rows and links."""

    def __init__(self):
        super().__init__()
        self.cells: dict[tuple[str, int], dict] = {}
        self.rows: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._ward = None
        self._cell = None
        self._a = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and a.get("data-ward"):
            self._ward = a["data-ward"]
        if tag == "tr" and a.get("data-doc-id"):
            self.rows.append(a["data-doc-id"])
        if tag == "td" and self._ward and a.get("data-year"):
            self._cell = {"text": "", "href": None}
            self.cells[(self._ward, int(a["data-year"]))] = self._cell
        if tag == "a" and a.get("href"):
            if self._cell is not None:
                self._cell["href"] = a["href"]
            self._a = [a["href"], ""]

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None
        if tag == "tr":
            self._ward = None
        if tag == "a" and self._a:
            self.links.append(tuple(self._a))
            self._a = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data.strip()
        if self._a is not None:
            self._a[1] += data


def page(client, url, status=200, **params):
    resp = client.get(url, query_string=params or None)
    assert resp.status_code == status, (url, resp.status_code, resp.get_data(as_text=True)[:500])
    html = resp.get_data(as_text=True)
    parsed = _Page()
    parsed.feed(html)
    return html, parsed


def _count_text(html: str) -> str:
    m = re.search(r'class="doc-list-count"[^>]*>(.*?)</p>', html, re.S)
    return m.group(1) if m else ""


def test_the_list_of_reports_is_a_ward_by_year_table_giving_each_wards_reports_per_year(client, all_docs):
    html, p = page(client, "/documents")
    assert "<h1>報告書の一覧</h1>" in html
    # every Yokohama ward has a row, in the city's order, so a ward without reports shows as missing
    wards = list(dict.fromkeys(w for w, _ in p.cells))
    assert wards[:18] == list(metadata.YOKOHAMA_WARDS)
    assert "報告書のない区" in html and "鶴見区" in html.split("報告書のない区")[1].split("</p>")[0]
    # each cell counts the reports whose period covers that year, as the list filtered to it holds
    for (ward, year), cell in p.cells.items():
        expected = sum(1 for d in all_docs if (d["ward"] or "区不明") == ward and d["fiscal_year_from"]
                       and d["fiscal_year_from"] <= year <= d["fiscal_year_to"])
        assert cell["text"] == (str(expected) if expected else "–"), (ward, year)
        if expected:
            query = parse_qs(urlsplit(cell["href"]).query)
            assert query == {"ward": [ward], "year": [str(year)]}
            listed = client.get("/api/documents", query_string={"ward": ward, "year": year}).get_json()
            assert listed["total"] == expected
    # the five-year summary of 西区 (令和3～7年度) counts in each of its five years
    assert [p.cells[("西区", y)]["text"] for y in range(2021, 2026)] == ["1"] * 5
    # 泉区 has two reports of different years: two cells, not one
    assert p.cells[("泉区", 2020)]["text"] == "1" and p.cells[("泉区", 2023)]["text"] == "1"
    # years as 和暦 with 西暦
    assert "令和5</span><span class=\"y-west\">（2023）" in html


def test_reports_without_a_ward_and_other_cities_reports_are_listed_never_dropped(client, all_docs):
    html, p = page(client, "/documents", limit=200)
    assert len(p.rows) == len(all_docs) == 5 + len(EXTRA)
    wards = [d["ward"] for d in all_docs]
    assert None in wards                                   # 区不明
    others = [w for w in wards if w and w not in metadata.YOKOHAMA_WARDS]
    assert others, wards                                    # the other city's report, under its city
    # sorted by ward in Yokohama's order, then other cities, then 区不明; within a ward by year
    ranks = [(0, metadata.YOKOHAMA_WARDS.index(w)) if w in metadata.YOKOHAMA_WARDS else ((1, 0) if w else (2, 0))
             for w in wards]
    assert ranks == sorted(ranks)
    izumi = [d["fiscal_year_from"] for d in all_docs if d["ward"] == "泉区"]
    assert izumi == sorted(izumi) == [2020, 2023]
    assert "区不明" in [w for w, _ in p.cells]
    assert (others[0], 2023) in p.cells or any(w == others[0] for w, _ in p.cells)
    no_ward = client.get("/api/documents", query_string={"ward": "区不明"}).get_json()
    assert no_ward["total"] == 1 and no_ward["documents"][0]["source"] == "910_no_ward.txt"


def test_the_list_filters_by_ward_and_shows_the_count_and_the_next_page(client, all_docs):
    html, p = page(client, "/documents", ward="泉区", limit=1)
    assert _count_text(html) == "全 2 件中 1–1 件"
    assert len(p.rows) == 1
    nxt = [href for href, text in p.links if "次のページ" in text]
    assert len(nxt) == 1
    html2, p2 = page(client, nxt[0])
    assert _count_text(html2) == "全 2 件中 2–2 件"
    assert p2.rows != p.rows and not [h for h, t in p2.links if "次のページ" in t]
    assert [h for h, t in p2.links if "前のページ" in t]
    # a ward's short name is read as the ward, as the search page reads it
    html3, _ = page(client, "/documents", ward="港南")
    assert _count_text(html3) == "全 1 件中 1–1 件"


def test_the_list_filters_by_year_type_and_file_name(client):
    html, p = page(client, "/documents", year="令和5年度")
    ids = set(p.rows)
    api = client.get("/api/documents", query_string={"year": "2023"}).get_json()
    assert ids == {d["doc_id"] for d in api["documents"]} and api["total"] == len(ids) >= 3
    assert all(d["fiscal_year_from"] <= 2023 <= d["fiscal_year_to"] for d in api["documents"])
    five = client.get("/api/documents", query_string={"doc_type": "5か年のまとめ"}).get_json()
    assert five["total"] == 1 and five["documents"][0]["ward"] == "西区"
    byname = client.get("/api/documents", query_string={"q": "IZUMI_R2"}).get_json()
    assert [d["source"] for d in byname["documents"]] == ["912_izumi_r2.txt"]
    html, p = page(client, "/documents", q="存在しないファイル名")
    assert "条件に合う報告書はありません" in html and not p.rows


@pytest.mark.parametrize("params, words", [
    ({"year": "令和99年度"}, "令和"),
    ({"year": "あいう"}, "年度"),
    ({"ward": "架空区"}, "架空区"),
    ({"doc_type": "月報"}, "種別"),
    ({"offset": "-5"}, "開始位置"),
    ({"limit": "たくさん"}, "件数"),
    ({"q": "x" * 500}, "長すぎます"),
])
def test_a_bad_year_or_filter_is_explained_in_japanese_and_is_not_a_500(client, params, words):
    html, p = page(client, "/documents", 400, **params)
    alert = re.search(r'role="alert">(.*?)</p>', html, re.S).group(1)
    assert words in alert
    assert "報告書の一覧" in html and p.cells      # the page is still there, with the table
    resp = client.get("/api/documents", query_string=params)
    assert resp.status_code == 400 and words in resp.get_json()["error"]


def test_the_api_pages_the_same_list(client, all_docs):
    seen = []
    offset = 0
    while True:
        body = client.get("/api/documents", query_string={"limit": 3, "offset": offset}).get_json()
        assert body["total"] == len(all_docs) and body["limit"] == 3 and body["offset"] == offset
        seen += [d["doc_id"] for d in body["documents"]]
        if offset + 3 >= body["total"]:
            break
        offset += 3
    assert seen == [d["doc_id"] for d in all_docs] and len(set(seen)) == len(seen)
    beyond = client.get("/api/documents", query_string={"offset": 1000}).get_json()
    assert beyond["total"] == len(all_docs) and beyond["documents"] == []
    html, p = page(client, "/documents", offset=1000)
    assert _count_text(html) == f"全 {len(all_docs)} 件です。このページに報告書はありません。" and not p.rows
    assert any(text == "最初のページへ" and href == "/documents" for href, text in p.links)
    d = all_docs[0]
    assert set(d) >= {"doc_id", "ward", "fiscal_year_from", "fiscal_year_to", "year_display", "doc_type",
                      "title", "source", "format", "passages", "url"}
    assert client.get(d["url"]).status_code == 200


def test_a_report_opened_from_the_list_leads_back_to_the_list(client):
    html, p = page(client, "/documents", ward="泉区")
    doc_links = [href for href, _ in p.links if href.startswith("/documents/")]
    assert len(doc_links) == 2
    doc_html, doc_page = page(client, doc_links[0])
    back = [href for href, text in doc_page.links if text == "報告書の一覧" and "ward=" in href]
    assert back and parse_qs(urlsplit(back[0]).query) == {"ward": ["泉区"]}
    # opened from a search, the page does not claim to come from the list
    plain_html, plain = page(client, urlsplit(doc_links[0]).path)
    assert not [href for href, text in plain.links if text == "報告書の一覧" and "ward=" in href]


def test_the_search_page_and_the_admin_page_link_to_the_list(client):
    for url in ("/", "/admin/"):
        _html, p = page(client, url)
        assert any(href == "/documents" and text.strip() == "報告書の一覧" for href, text in p.links), url


def test_report_text_and_file_names_are_escaped_in_the_list(tmp_path):
    from search_app.indexing import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = "<b>x<i>&.txt"
    (corpus / name).write_text(IZUMI_R2.replace("泉区地域子育て支援拠点事業", "泉区地域子育て支援拠点事業<script>alert(1)</script>"),
                               encoding="utf-8")
    build_index(corpus, tmp_path / "index", semantic=False, full=True)
    c = create_app({"INDEX_DIR": str(tmp_path / "index"), "TESTING": True, "SEMANTIC": False}).test_client()
    html = c.get("/documents").get_data(as_text=True)
    assert "<b>x" not in html and "&lt;b&gt;x&lt;i&gt;&amp;.txt" in html
    assert "<script>alert(1)</script>" not in html
    doc_id = c.get("/api/documents").get_json()["documents"][0]["doc_id"]
    # a hand-made 「back to the list」 parameter keeps only the list's own parameters, escaped
    html = c.get(f"/documents/{doc_id}", query_string={
        "from_list": "ward=<script>&next=//evil.example&q=\"><img src=x>"}).get_data(as_text=True)
    back = re.search(r'<a href="([^"]*)" class="list-back">', html).group(1)
    assert back.startswith("/documents?") and "evil" not in back and "next" not in back
    assert "<script>" not in html and "<img src=x>" not in html
    assert c.get("/documents/../etc/passwd").status_code == 404


# --------------------------------------------------------------------------- browser

def test_a_staff_member_goes_from_the_list_to_a_report_and_finds_its_replace_form_after_login(app):
    pytest.importorskip("playwright")
    from browsers import CHROMIUM, browser_page
    from servers import running
    import os
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing")

    with running(app) as base, browser_page() as pg:
        pg.goto(base + "/")
        pg.get_by_role("navigation", name="サイト内").get_by_role("link", name="報告書の一覧").click()
        pg.wait_for_load_state()
        assert pg.locator("h1").inner_text() == "報告書の一覧"
        pg.locator("tr[data-ward='西区'] td[data-year='2023'] a").click()
        pg.wait_for_load_state()
        assert "全 1 件中 1–1 件" in pg.locator(".doc-list-count").inner_text()
        pg.locator("table.doc-list a.doc-link").first.click()
        pg.wait_for_load_state()
        report_url = pg.url
        assert "西区" in pg.locator("h1").inner_text()
        assert pg.locator("form[action$='/replace']").count() == 0     # not logged in: no forms
        pg.goto(base + "/admin/")
        pg.locator("#login-token").fill(TOKEN)
        pg.get_by_role("button", name="ログイン").click()
        pg.wait_for_load_state()
        pg.goto(report_url)
        pg.get_by_text("報告書のファイルを差し替える・削除する（管理者）").click()
        assert pg.locator("form[action$='/replace'] input[type=file]").is_visible()
        pg.locator("nav.breadcrumb a.list-back").click()
        pg.wait_for_load_state()
        assert "全 1 件中 1–1 件" in pg.locator(".doc-list-count").inner_text()
