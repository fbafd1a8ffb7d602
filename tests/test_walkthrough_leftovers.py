"""Four things the last walkthrough found that people still saw wrong.

- Reloading the page after an upload posted the form again (now Post/Redirect/Get:
  the form redirects to the job's page, or, when no file was kept, to a page of the
  batch's result, and the reasons stay visible after a reload).
- The footer's 「稼働状況」 opened raw JSON: it opens a Japanese page (what the index
  holds, the last reindex, the jobs); /healthz stays JSON for machines.
- A query of symbols only showed two notices for one problem.
- The page of a report without a fiscal year titled its block 「本文」 above passages
  themselves titled 本文.

The first two in Debian's Chromium (tests/browsers.py) against the app on waitress
(keyword-only index of a copy of the seed corpus, a real reindex child process).
"""

from __future__ import annotations

import re

import pytest

from browsers import browser_page, needs_chromium
from search_app.web import admin
from upload_site import TOKEN, csrf_from, seed_index, served, site, yearly_report  # noqa: F401  (fixtures)


@pytest.fixture
def page():
    with browser_page() as pg:   # a dialog (a resubmission prompt would be one) fails
        yield pg


def upload_with_the_form(page, base_url: str, *paths) -> None:
    page.goto(base_url + "/admin/")
    page.locator("#upload-files").set_input_files([str(p) for p in paths])
    if page.locator("#admin-token").count():
        page.locator("#admin-token").fill(TOKEN)
    page.get_by_role("button", name="アップロードして索引を更新").click()
    page.wait_for_load_state()


@needs_chromium
@pytest.mark.browser
def test_reloading_after_a_batch_whose_every_file_was_refused_does_not_post_it_again(served, page, tmp_path):
    site, base_url = served
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    empty, program = tmp_path / "空の報告.txt", tmp_path / "報告.exe"
    empty.write_bytes(b"")
    program.write_bytes(b"MZ\x90\x00")
    upload_with_the_form(page, base_url, empty, program)
    assert re.search(r"/admin/uploads/[0-9a-f]{32}$", page.url), page.url
    for _ in range(2):
        text = page.locator("main").inner_text()
        assert "空の報告.txt" in text and "空のファイルです" in text
        assert "報告.exe" in text and "対応していない形式です" in text
        assert "保存したファイルはありません" in text
        page.reload()
        page.wait_for_load_state()
    assert [u for u in posts if u.endswith("/admin/upload")] == [base_url + "/admin/upload"]
    assert not (site.corpus / "uploads").exists()


@needs_chromium
@pytest.mark.browser
def test_reloading_the_job_page_an_upload_led_to_does_not_upload_again(served, page, tmp_path):
    site, base_url = served
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    report, empty = tmp_path / "中区の報告.txt", tmp_path / "空.txt"
    report.write_text(yearly_report("中区", "リス体操"), encoding="utf-8")
    empty.write_bytes(b"")
    upload_with_the_form(page, base_url, report, empty)
    job_id = re.search(r"/admin/jobs/([0-9a-f]{32})$", page.url).group(1)
    text = page.locator("main").inner_text()
    assert "1 件を保存しました" in text and "受け付けなかったファイル 1 件" in text and "空のファイルです" in text
    admin.job_runner(site.app).wait(job_id, 180)
    page.reload()
    page.locator(".state-partial").wait_for()
    assert [u for u in posts if u.endswith("/admin/upload")] == [base_url + "/admin/upload"]
    assert sorted(p.name for p in (site.corpus / "uploads").iterdir() if p.is_file()) == ["中区の報告.txt"]


def test_the_result_page_of_a_refused_batch_needs_the_admin_login(site):
    page = site.client.get("/admin/").get_data(as_text=True)
    resp = site.client.post("/admin/upload", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page), "admin_token": TOKEN, "files": [(__import__("io").BytesIO(b""), "a.txt")]})
    assert resp.status_code == 303
    where = resp.headers["Location"]
    assert "空のファイルです" in site.client.get(where).get_data(as_text=True)
    other = site.app.test_client().get(where)   # another browser
    assert other.status_code == 401 and "空のファイルです" not in other.get_data(as_text=True)
    missing = site.client.get("/admin/uploads/" + "0" * 32)
    assert missing.status_code == 404 and "見つかりません" in missing.get_data(as_text=True)


@needs_chromium
@pytest.mark.browser
def test_the_footer_status_link_opens_a_japanese_page_and_healthz_stays_json(served, page):
    site, base_url = served
    health = site.client.get("/healthz").get_json()
    page.goto(base_url + "/")
    page.get_by_role("link", name="稼働状況").click()
    page.wait_for_load_state()
    assert page.url == base_url + "/status"
    assert page.locator("h1").inner_text() == "稼働状況"
    text = page.locator("main").inner_text()
    assert f"{health['documents']} 件" in text and f"{health['passages']} 件" in text
    assert "最後の索引の更新" in text and health["created"][:10] in text
    assert "泉区" in text                                  # the wards the index holds
    assert "待機中" in text and "最後に終わった更新" in text
    resp = page.request.get(base_url + "/healthz")
    assert resp.headers["content-type"].startswith("application/json") and resp.json()["status"] == "ok"


def test_the_status_page_names_the_last_reindex_job(site):
    body, job = site.upload_and_index(("西区.txt", yearly_report("西区", "クマ体操").encode("utf-8")))
    assert job["state"] == "done"
    html = site.client.get("/status").get_data(as_text=True)
    assert "最後に終わった更新" in html and job["finished"][:19].replace("T", " ") in html and "完了" in html


def test_the_status_page_says_when_the_index_cannot_be_opened(tmp_path):
    from web_fixtures import make_app

    resp = make_app(tmp_path / "no-index").test_client().get("/status")
    assert resp.status_code == 503 and "検索インデックスを開けません" in resp.get_data(as_text=True)


@pytest.mark.parametrize("q", ["＊＊", "？？？", "「」", "!!", "・・・", "---"])
def test_a_query_of_symbols_only_shows_one_notice(site, q):
    html = site.client.get("/", query_string={"q": q}).get_data(as_text=True)
    notices = re.findall(r'<li class="query-notice">(.*?)</li>', html)
    assert len(notices) == 1 and "記号だけ" in notices[0], notices
    assert 'class="empty-state"' not in html and "次のことをお試しください" not in html   # not said again
    api = site.client.get("/api/search", query_string={"q": q}).get_json()
    assert len(api["notices"]) == 1, api["notices"]


def test_a_query_with_a_word_no_report_uses_still_gets_the_advice(site):
    html = site.client.get("/", query_string={"q": "ヌヌヌヌヌ＊"}).get_data(as_text=True)
    assert 'class="empty-state"' in html


YEARLESS = """港南区 子育てひろば だより

ひろばでは毎週、親子で楽しむ手遊びの会を開いています。
地域のボランティアが絵本の読み聞かせに来てくれます。
"""


def test_a_report_without_a_year_is_not_headed_honbun_above_passages_titled_honbun(site):
    body, job = site.upload_and_index(("港南区だより.txt", YEARLESS.encode("utf-8")))
    doc_id = job["files"][0]["doc_id"]
    html = site.client.get(f"/documents/{doc_id}").get_data(as_text=True)
    blocks = re.findall(r'<section class="doc-block"[^>]*>\s*<h2>(.*?)</h2>', html)
    kinds = re.findall(r'class="passage-kind">([^<]*)', html)
    assert blocks == ["年度不明"], blocks
    assert kinds and set(kinds) == {"本文"}
