"""The HTML pages over the real index: search (ward cards, list, grid, empty
state), document view, similar practices, CSV export, admin placeholder,
error pages, security headers and escaping of hostile report text."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from flask import Blueprint

from search_app.web import security
from page_reading import api, page, parse, text_of  # noqa: F401
from web_fixtures import (ESCAPED_SCRIPT, IMG, SCRIPT, XSS_FILE, XSS_TERM, XSS_WARD,
                          make_app)


class _ActiveContent(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src") != "/static/app.js":
            self.problems.append(f"script {a}")
        if tag in ("img", "iframe", "object", "embed"):
            self.problems.append(tag)
        for name, _value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")


def assert_no_active_content(html: str):
    """No script other than the external app.js, no <img>, no inline handlers or styles
    (a page element could only carry them if report text had been injected)."""
    checker = _ActiveContent()
    checker.feed(html)
    assert not checker.problems, checker.problems
    assert SCRIPT not in html
    assert IMG not in html


# ----------------------------------------------------------------------------- search page

def test_home_page_has_form_modes_and_filters(client):
    html = page(client, "/")
    assert 'placeholder="例：多胎児、妊娠期支援、双子を育てる家庭への支援"' in html
    for label, value in (("ハイブリッド", "hybrid"), ("キーワード", "bm25"), ("意味検索", "semantic")):
        assert label in html and f'value="{value}"' in html
    for name in ('name="ward"', 'name="year_from"', 'name="year_to"', 'name="section"', 'name="programme"'):
        assert name in html
    assert "親子の居場所事業" in html and "利用者支援事業" in html       # 事業 names
    assert re.search(r"西区（\d+）", html)                             # facet counts
    for group in ("目標", "取組内容", "成果", "課題", "評価"):
        assert f'<option value="{group}"' in html
    assert 'method="get"' in html
    assert_no_active_content(html)


def test_tataiji_shows_cards_for_konan_and_nishi(client):
    html = page(client, "/", q="多胎児")
    cards = parse(html)
    assert "港南区" in cards.wards and "西区" in cards.wards
    assert f"{len(cards.wards)}区の取組が見つかりました" in text_of(html)
    assert "<mark>" in html
    assert "取組内容" in html and "取組の成果" in html and "取組の課題" in html
    assert "令和5年度（2023年度）" in html                   # 和暦 and 西暦
    assert "特定非営利活動法人ちゅーりっぷ" in html            # operator of 港南区
    assert any(re.fullmatch(r"/documents/[0-9a-f]+#[\w-]+", h) for h in cards.hrefs)
    assert any(re.fullmatch(r"/passages/[\w-]+/similar", h) for h in cards.hrefs)
    assert "似た取組を探す" in html
    assert "出典: 003_d2a364418de75729.txt" in html


def test_source_links_point_at_existing_passage_anchors(client):
    html = page(client, "/", q="多胎児")
    link = next(h for h in parse(html).hrefs if h.startswith("/documents/"))
    path, anchor = link.split("#")
    doc = parse(page(client, path))
    assert anchor in doc.ids


def test_ward_year_grid(client):
    html = page(client, "/", q="多胎児")
    assert '<table class="grid">' in html
    grid = html[html.index('<table class="grid">'):html.index("</table>")]
    assert "港南区" in grid and "西区" in grid and "2023" in grid and "令和5" in grid


def test_list_view_and_pagination(client):
    html = page(client, "/", q="支援", view="list", mode="bm25")
    assert '<ol class="hits"' in html
    assert "もっと見る" in html
    nxt = re.search(r'href="([^"]*offset=20[^"]*)"', html)
    assert nxt, "next-page link with offset"
    html2 = page(client, nxt.group(1).replace("&amp;", "&"))
    assert "21–" in html2 and "前の 20 件" in html2


def test_list_view_beyond_the_first_hundred(client):
    html = page(client, "/", q="支援", view="list", offset="100", k="10")
    assert "101–" in html


def test_year_filter_from_to_removes_other_years(client):
    html = page(client, "/", q="多胎児", year_from="令和5年度", year_to="R5")
    wards = parse(html).wards
    assert "港南区" in wards and "西区" in wards
    assert "中区" not in wards and "港北区" not in wards
    assert "年度: 令和5年度（2023年度）" in html                # the active-filter chip


def test_year_from_alone_means_that_year_and_later(client):
    html = page(client, "/", q="妊娠期支援", year_from="2023")
    assert "以降" in html
    assert "中区" not in parse(html).wards


def test_api_style_year_range_fills_the_form(client):
    html = page(client, "/", q="多胎児", year="2021-2023")
    assert 'name="year_from" type="text" inputmode="text" value="2021"' in html
    assert 'name="year_to" type="text" value="2023"' in html
    assert "令和3年度～令和5年度（2021～2023年度）" in html


def test_unreadable_year_is_a_friendly_400(client):
    html = page(client, "/", 400, q="多胎児", year_from="そのうち")
    assert "年度として読み取れません" in html
    assert 'name="q"' in html                                  # the form is still there


def test_filters_without_query_browse(client):
    html = page(client, "/", ward="中区")
    assert parse(html).wards == ["中区"]


def test_mode_switch_is_kept(client):
    html = page(client, "/", q="多胎児", mode="bm25")
    assert re.search(r'value="bm25" checked', html)
    assert "キーワード" in html


def test_empty_state_suggests_synonyms_and_removing_filters(client):
    html = page(client, "/", q="育休", mode="bm25", ward="西区")
    assert "見つかりませんでした" in html
    assert "育児休業" in html                                   # suggestion from the glossary
    assert "絞り込みを外して検索する" in html
    assert "意味検索に切り替える" in html


def test_the_search_page_says_which_alternatives_it_searched(client):
    html = page(client, "/", q="外遊び")
    line = re.search(r'<p class="summary-sub alternatives">(.*?)</p>', html, re.S)
    assert line, "a word the reports do not use is searched through its alternatives, shown"
    assert "言い換えも検索しました" in line.group(1) and "「外遊び」→ プレイパーク" in line.group(1)
    assert "用語集の関連語" in line.group(1)
    assert 'class="summary-sub alternatives"' not in page(client, "/", q="多胎児", mode="semantic")


def test_too_long_query_is_a_friendly_400(client):
    html = page(client, "/", 400, q="あ" * 5000)
    assert "1000 文字以内" in html


# ----------------------------------------------------------------------------- document, similar, passage

def test_document_view(client):
    doc_id = api(client, "/api/search", q="多胎児", ward="港南区")["results"][0]["doc_id"]
    html = page(client, f"/documents/{doc_id}")
    for label in ("区", "年度", "種別", "運営法人", "出典ファイル"):
        assert f"<dt>{label}</dt>" in html
    assert "<dt>拠点名</dt>" not in html   # 港南区's report states no hub (a hub's: test_hub_shown)
    assert "港南区" in html and "単年度評価" in html and "003_d2a364418de75729.txt" in html
    passages = api(client, f"/api/documents/{doc_id}")["passages"]
    ids = parse(html).ids
    assert all(p["passage_id"] in ids for p in passages)
    p = passages[0]
    src = p["source"]
    lines = f"{src['line_start']}行" if src["line_start"] == src["line_end"] else f"{src['line_start']}–{src['line_end']}行"
    assert f"出典: {src['file']} {lines}" in html


def test_five_year_document_lists_programmes_and_grades(client):
    doc_id = api(client, "/api/search", q="多胎児", ward="西区")["results"][0]["doc_id"]
    html = page(client, f"/documents/{doc_id}")
    assert "事業1" in html and "親子の居場所事業" in html
    assert "法人評価" in html and "区評価" in html
    assert "5か年のまとめ" in html


def test_a_five_year_summary_shows_its_overview_first(client):
    doc_id = api(client, "/api/search", q="多胎児", ward="西区")["results"][0]["doc_id"]
    passages = api(client, f"/api/documents/{doc_id}")["passages"]
    overview = [p for p in passages if p["section"] == "概要"]
    assert overview, "the 5か年のまとめ's 実施概要 is parsed as overview passages"
    html = page(client, f"/documents/{doc_id}")
    blocks = re.findall(r'<section class="doc-block" id="block-\d+">\s*<h2>([^<]*)</h2>', html)
    assert blocks[0] == "実施概要" and blocks.count("実施概要") == 1
    first_goal = min(html.index(f'id="{p["passage_id"]}"') for p in passages if p["section"] != "概要")
    assert all(html.index(f'id="{p["passage_id"]}"') < first_goal for p in overview)


def test_unknown_document_is_japanese_404(client):
    html = page(client, "/documents/0000000000000000", 404)
    assert "見つかりません" in html and "Traceback" not in html


def test_passage_redirects_to_its_anchor(client):
    hit = api(client, "/api/search", q="多胎児")["results"][0]
    resp = client.get(f"/passages/{hit['passage_id']}")
    assert resp.status_code == 302
    assert resp.headers["Location"].endswith(f"/documents/{hit['doc_id']}#{hit['passage_id']}")
    assert client.get("/passages/nope").status_code == 404


def test_similar_page_groups_other_wards(client):
    hit = api(client, "/api/search", q="多胎児", ward="港南区")["results"][0]
    html = page(client, f"/passages/{hit['passage_id']}/similar")
    assert "元の取組" in html and "他の区の似た取組" in html
    wards = parse(html).wards
    assert wards and "港南区" not in wards


def test_similar_page_labels_same_ward_other_year(client):
    hit = api(client, "/api/search", q=XSS_TERM, ward=XSS_WARD, year="2023", section="取組内容")["results"][0]
    html = page(client, f"/passages/{hit['passage_id']}/similar")
    assert "同じ区の別年度" in html
    same = html[html.index('id="same-heading"'):]
    assert "令和4年度" in same


def test_unknown_similar_is_404(client):
    page(client, "/passages/nope/similar", 404)


# ----------------------------------------------------------------------------- CSV

def test_csv_export(client):
    resp = client.get("/export.csv", query_string={"q": "多胎児"})
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/csv")
    disposition = resp.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="kyoten-search-[0-9-]+\.csv"', disposition)
    raw = resp.data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["区", "年度", "区分", "目標", "本文", "出典", "同様の記載", "事業", "施設", "拠点"]
    assert {"港南区", "西区"} <= {r[0] for r in rows[1:]}
    assert all(re.fullmatch(r".+:\d+(-\d+)?", r[5]) for r in rows[1:])


def test_csv_names_the_programme_of_a_five_year_summarys_rows(client):
    rows = list(csv.reader(io.StringIO(client.get("/export.csv", query_string={
        "q": "親子の居場所", "doc_type": "5か年のまとめ"}).data.decode("utf-8-sig"))))
    assert rows[1:] and all(re.fullmatch(r"事業[1-7] .+事業", r[7]) for r in rows[1:])


def test_csv_neutralises_formulas(client):
    resp = client.get("/export.csv", query_string={"q": "出張ひろばの会場確保", "ward": XSS_WARD,
                                                   "year": "令和4年度"})
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    texts = [r[4] for r in rows[1:]]
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    assert not any(t.startswith("=") for t in texts)


def test_csv_bad_parameter_is_400(client):
    assert client.get("/export.csv", query_string={"q": "x", "year": "abc"}).status_code == 400


def test_csv_without_query_is_header_only(client):
    rows = list(csv.reader(io.StringIO(client.get("/export.csv").data.decode("utf-8-sig"))))
    assert rows == [["区", "年度", "区分", "目標", "本文", "出典", "同様の記載", "事業", "施設", "拠点"]]


# ----------------------------------------------------------------------------- hostile text is escaped

def test_results_escape_hostile_text(client):
    for view in ("wards", "list"):
        html = page(client, "/", q=XSS_TERM, view=view, year_from="令和5年度", year_to="令和5年度")
        if view == "wards":
            assert XSS_WARD in parse(html).wards
        assert ESCAPED_SCRIPT in html
        assert_no_active_content(html)


def test_document_escapes_hostile_text(client):
    hit = api(client, "/api/search", q=XSS_TERM, ward=XSS_WARD, year="2023")["results"][0]
    html = page(client, f"/documents/{hit['doc_id']}")
    assert XSS_FILE in html
    assert html.count(ESCAPED_SCRIPT) >= 3                    # operator, goal, outcome
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert_no_active_content(html)


def test_similar_escapes_hostile_text(client):
    hit = api(client, "/api/search", q=XSS_TERM, ward=XSS_WARD, year="2023", section="成果")["results"][0]
    html = page(client, f"/passages/{hit['passage_id']}/similar")
    assert ESCAPED_SCRIPT in html
    assert_no_active_content(html)


def test_hostile_query_is_escaped(client):
    html = page(client, "/", q='"><script>alert(3)</script>', mode="bm25")
    assert "<script>alert(3)" not in html
    assert "&lt;script&gt;alert(3)" in html


# ----------------------------------------------------------------------------- headers, errors, admin, CSRF

def test_pages_carry_security_headers(client):
    for url in ("/", "/?q=多胎児", "/admin/", "/no-such-page", "/static/style.css"):
        resp = client.get(url)
        csp = resp.headers["Content-Security-Policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                          "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp, (url, directive)
        assert "unsafe-inline" not in csp
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["Referrer-Policy"]


def test_static_files(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.mimetype == "text/css"
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.mimetype


def test_japanese_404_page(client):
    html = page(client, "/no-such-page", 404)
    assert "ページが見つかりません" in html and 'lang="ja"' in html


def test_japanese_405_page(client):
    resp = client.post("/")
    assert resp.status_code == 405 and "この操作はできません" in resp.get_data(as_text=True)


def test_500_page_has_no_stack_trace(index_dir):
    app = make_app(index_dir)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    resp = app.test_client().get("/boom")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 500
    assert "サーバーでエラーが発生しました" in html
    assert "secret internals" not in html and "Traceback" not in html
    assert "Content-Security-Policy" in resp.headers


def test_missing_index_page_is_503(tmp_path):
    resp = make_app(tmp_path / "nothing").test_client().get("/?q=多胎児")
    assert resp.status_code == 503
    assert "検索インデックス" in resp.get_data(as_text=True)


def test_admin_placeholder_disabled_without_token(index_dir):
    html = make_app(index_dir, ADMIN_TOKEN=None).test_client().get("/admin/").get_data(as_text=True)
    assert "アップロードは無効" in html and "KYOTEN_ADMIN_TOKEN" in html


def test_admin_placeholder_with_token(index_dir):
    resp = make_app(index_dir, ADMIN_TOKEN="s3cret").test_client().get("/admin/")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "アップロードは無効" not in html and "s3cret" not in html


def test_csrf_token_helper(index_dir):
    app = make_app(index_dir)
    bp = Blueprint("csrf_probe", __name__)

    @bp.route("/csrf-probe", methods=["GET", "POST"])
    @security.csrf_protect
    def probe():
        from flask import render_template_string
        return render_template_string("<form method=post>{{ csrf_field() }}</form>")

    app.register_blueprint(bp)
    client = app.test_client()
    form = client.get("/csrf-probe").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert client.post("/csrf-probe", data={}).status_code == 403
    assert client.post("/csrf-probe", data={"csrf_token": "forged"}).status_code == 403
    assert client.post("/csrf-probe", data={"csrf_token": token}).status_code == 200
    assert client.post("/csrf-probe", headers={"X-CSRF-Token": token}).status_code == 200
    other = app.test_client()                                  # another session: token not valid there
    other.get("/csrf-probe")
    assert other.post("/csrf-probe", data={"csrf_token": token}).status_code == 403


def test_secret_key_is_generated(index_dir, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("KYOTEN_SECRET_KEY", raising=False)
    a, b = make_app(index_dir), make_app(index_dir)
    assert a.secret_key and b.secret_key and a.secret_key != b.secret_key


def test_environment_configuration(monkeypatch, index_dir):
    from search_app.web import create_app

    monkeypatch.setenv("KYOTEN_INDEX", str(index_dir))
    monkeypatch.setenv("KYOTEN_ADMIN_TOKEN", "tok")
    app = create_app()
    assert app.config["INDEX_DIR"] == str(index_dir)
    assert app.config["ADMIN_TOKEN"] == "tok"
    assert app.test_client().get("/healthz").status_code == 200


def test_service_is_opened_once_and_shared(app, client):
    from search_app.web import get_service

    client.get("/healthz")
    with app.app_context():
        assert get_service() is get_service()


def test_futago_page_shows_the_flyer_passage_in_nishi_card(client):
    html = page(client, "/", q="双子")
    start = html.index('data-ward="西区"')
    card = html[start:html.index("</article>", start)]
    assert "チラシ" in card and 'class="evidence"' in card


def test_impossible_year_in_the_query_is_told_to_the_user(client):
    html = page(client, "/", q="令和99年度 多胎児")
    assert "令和99年度は解釈できません" in text_of(html)
    assert "西区" in parse(html).wards


def test_year_and_goal_words_list_the_goals_of_that_year(client):
    html = page(client, "/", q="令和2年度の重点目標")
    assert parse(html).wards == ["中区"]


def test_page_says_how_many_passages_await_embedding(index_dir, tmp_path):
    import json
    import shutil

    import numpy as np

    from web_fixtures import make_app

    index = tmp_path / "index"
    shutil.copytree(index_dir, index)
    gen = index / (index / "CURRENT").read_text().strip()
    if not (gen / "vectors.npy").exists():
        pytest.skip("the web test index was built without the model")
    vectors = np.load(gen / "vectors.npy")
    vectors[:2] = 0.0
    np.save(gen / "vectors.npy", vectors)
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    manifest["unembedded"] = 2
    (gen / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    client = make_app(index).test_client()
    html = page(client, "/", q="多胎児", mode="bm25")
    assert "2件のパッセージはまだ意味検索の索引に入っていません" in text_of(html)


def test_wards_named_or_excluded_in_the_query_show_as_filter_chips(client):
    both = page(client, "/", q="港北区と港南区の課題")
    assert re.search(r"区: 港(南|北)区・港(北|南)区", both)
    assert "除外: 西区" in page(client, "/", q="多胎児 -西区")
