"""Staff edit the synonym glossary on the admin page: validated, versioned, effective
on the next search without a restart, and only with the admin token and CSRF token."""

from __future__ import annotations

import os
import re
from html import unescape

import pytest

from indexer import synonyms
from servers import running

from glossary_site import TOKEN, csrf, glossary_file, make_client, post_glossary  # noqa: F401  (glossary_file: fixture)


def test_the_page_shows_the_packaged_glossary_before_any_edit(tmp_path, glossary_file):
    client = make_client(tmp_path)
    html = client.get("/admin/glossary").get_data(as_text=True)
    assert "多胎児 双子 三つ子" in html
    assert "まだ編集されていません" in html
    assert not glossary_file.exists()


def test_the_packaged_glossary_explains_itself_in_japanese(tmp_path, glossary_file):
    """Staff read the packaged glossary's comments (how to edit, headings, notes) in the
    page's text box: they are written in Japanese, not English sentences."""
    html = make_client(tmp_path).get("/admin/glossary").get_data(as_text=True)
    text = unescape(re.search(r'<textarea id="glossary-text"[^>]*>(.*?)</textarea>', html, re.S).group(1))
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any("編集のしかた" in line for line in comments)
    english = [line for line in comments if re.search(r"[A-Za-z]+[ ,;:'-]+[A-Za-z]{2,}", line)]
    assert english == []


def test_an_unreadable_staff_glossary_is_explained_in_japanese_without_the_server_path(
        tmp_path, glossary_file):
    glossary_file.parent.mkdir(parents=True)
    glossary_file.write_bytes("父親 パパ\n".encode("shift_jis"))
    resp = make_client(tmp_path).get("/admin/glossary")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "現在の用語集を読み込めませんでした: ファイルの文字コードが UTF-8 ではありません（1 バイト目）" in html
    assert "not valid" not in html and str(glossary_file.parent) not in html  # not logged in: no folders


def test_a_folder_where_the_staff_glossary_should_be_is_explained_not_a_server_error(
        tmp_path, glossary_file):
    glossary_file.mkdir(parents=True)
    resp = make_client(tmp_path).get("/admin/glossary")
    assert resp.status_code == 200
    assert "用語集のファイルの場所がフォルダーになっています" in resp.get_data(as_text=True)


def test_admin_page_links_to_the_glossary_page(tmp_path, glossary_file):
    html = make_client(tmp_path).get("/admin/").get_data(as_text=True)
    assert 'href="/admin/glossary"' in html


def test_saving_writes_the_editable_copy_and_keeps_the_previous_version(tmp_path, glossary_file):
    client = make_client(tmp_path)
    resp = post_glossary(client, "父親 パパ\nツインズ 多胎児\n")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html
    assert "保存しました" in html and "次の検索から反映" in html
    assert glossary_file.read_text(encoding="utf-8") == "父親 パパ\nツインズ 多胎児\n"
    (version,) = synonyms.list_versions(glossary_file)
    assert synonyms.read_version(glossary_file, version.name) == \
        synonyms.DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")
    assert synonyms.DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8").count("ツインズ") == 0


def test_a_bad_line_is_rejected_with_its_line_number_and_nothing_is_saved(tmp_path, glossary_file):
    client = make_client(tmp_path)
    post_glossary(client, "父親 パパ\n")
    resp = post_glossary(client, "父親 パパ\n# コメント\n双子\n")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "3行目" in html and "2語以上" in html and "保存しませんでした" in html
    assert "双子\n</textarea>" in html  # what the user typed is still there to fix
    assert glossary_file.read_text(encoding="utf-8") == "父親 パパ\n"


def test_an_earlier_version_can_be_restored(tmp_path, glossary_file):
    client = make_client(tmp_path)
    post_glossary(client, "父親 パパ\n")
    post_glossary(client, "父親 パパ\n双子 多胎児\n")
    versions = synonyms.list_versions(glossary_file)
    older = [v for v in versions if synonyms.read_version(glossary_file, v.name) == "父親 パパ\n"][0]
    html = client.get("/admin/glossary").get_data(as_text=True)
    assert older.saved_at.strftime("%Y-%m-%d %H:%M:%S") in html
    resp = client.post("/admin/glossary/restore", data={
        "version": older.name, "admin_token": TOKEN, "csrf_token": csrf(client)})
    assert resp.status_code == 200
    assert "戻しました" in resp.get_data(as_text=True)
    assert glossary_file.read_text(encoding="utf-8") == "父親 パパ\n"


@pytest.mark.parametrize("name", ["../../etc/passwd", "glossary.txt", ""])
def test_restoring_a_name_that_is_not_a_version_is_refused(tmp_path, glossary_file, name):
    client = make_client(tmp_path)
    post_glossary(client, "父親 パパ\n")
    resp = client.post("/admin/glossary/restore", data={
        "version": name, "admin_token": TOKEN, "csrf_token": csrf(client)})
    assert resp.status_code == 404
    assert glossary_file.read_text(encoding="utf-8") == "父親 パパ\n"


def test_wrong_token_missing_csrf_or_no_configured_token_change_nothing(tmp_path, glossary_file):
    client = make_client(tmp_path)
    assert post_glossary(client, "父親 パパ\n", token="wrong").status_code == 401
    resp = client.post("/admin/glossary", data={"glossary": "父親 パパ\n", "admin_token": TOKEN})
    assert resp.status_code == 400
    disabled = make_client(tmp_path, token=None)
    html = disabled.get("/admin/glossary").get_data(as_text=True)
    assert "無効になっています" in html
    assert post_glossary(disabled, "父親 パパ\n").status_code == 403
    assert not glossary_file.exists()


def test_glossary_text_is_escaped_on_the_page(tmp_path, glossary_file):
    glossary_file.parent.mkdir(parents=True)
    glossary_file.write_text("# </textarea><script>alert(1)</script>\n父親 パパ\n", encoding="utf-8")
    html = make_client(tmp_path).get("/admin/glossary").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;" in html


def test_kyoten_glossary_check_reports_line_numbers(tmp_path, capsys):
    from search_app.cli import main

    bad = tmp_path / "g.txt"
    bad.write_text("父親 パパ\n支援 サポート\n", encoding="utf-8")
    assert main(["glossary", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2:" in out and "支援" in out
    assert main(["glossary", "check", str(synonyms.DEFAULT_GLOSSARY_PATH)]) == 0


def test_kyoten_glossary_check_names_a_file_not_in_utf8_in_japanese(tmp_path, capsys):
    from search_app.cli import main

    sjis = tmp_path / "g.txt"
    sjis.write_bytes("父親 パパ\n".encode("shift_jis"))
    assert main(["glossary", "check", str(sjis)]) == 2
    err = capsys.readouterr().err
    assert f"用語集を読めません（{sjis}）: ファイルの文字コードが UTF-8 ではありません" in err


def test_a_saved_edit_changes_the_next_search_without_a_restart(tmp_path, glossary_file, keyword_index):
    glossary_file.parent.mkdir(parents=True)
    glossary_file.write_text("父親 パパ\n", encoding="utf-8")
    client = make_client(tmp_path, INDEX_DIR=str(keyword_index), SEMANTIC=False)
    before = client.get("/api/search?q=ツインズ&mode=bm25").get_json()
    assert before["total"] == 0
    assert post_glossary(client, "ツインズ 多胎児\n").status_code == 200
    after = client.get("/api/search?q=ツインズ&mode=bm25").get_json()
    assert after["total"] > 0
    assert any("多胎児" in r["text"] for r in after["results"])
    assert "西区" in {w["ward"] for w in after["wards"]}


# --------------------------------------------------------------------------- in a real browser

from browsers import CHROMIUM, launch  # noqa: E402
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                    reason=f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`")


@pytest.fixture()
def served(tmp_path, glossary_file, keyword_index):
    """The real app on waitress over the keyword index, with an editable glossary."""
    from search_app.web import create_app

    glossary_file.parent.mkdir(parents=True)
    glossary_file.write_text("父親 パパ\n", encoding="utf-8")
    app = create_app({"INDEX_DIR": str(keyword_index), "SEMANTIC": False, "ADMIN_TOKEN": TOKEN})
    with running(app, threads=2) as url:
        yield url


@pytest.fixture()
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        pg = browser.new_page(locale="ja-JP")
        pg.set_default_timeout(30_000)
        yield pg
        browser.close()


def edit_glossary_in_browser(page, base_url, text):
    page.goto(base_url + "/admin/")
    page.get_by_role("link", name="用語集（同義語）の管理").click()
    page.locator("#glossary-text").fill(text)
    page.locator("#glossary-token").fill(TOKEN)
    page.locator("#glossary-save").click()
    page.wait_for_load_state()


def search_wards(page, base_url, query):
    page.goto(f"{base_url}/?q={query}&mode=bm25")
    page.locator(".results").wait_for()
    return page.locator("article.ward-card").evaluate_all("els => els.map(e => e.dataset.ward)")


@pytest.mark.browser
@needs_chromium
def test_browser_a_bad_line_is_shown_with_its_number_and_a_good_edit_is_saved(page, served, glossary_file):
    edit_glossary_in_browser(page, served, "父親 パパ\n双子\n")
    assert "2行目" in page.locator("#glossary-error").inner_text()
    assert glossary_file.read_text(encoding="utf-8") == "父親 パパ\n"
    edit_glossary_in_browser(page, served, "父親 パパ\nツインズ 多胎児\n")
    assert "保存しました" in page.locator("#glossary-message").inner_text()
    assert "ツインズ 多胎児" in glossary_file.read_text(encoding="utf-8")


@pytest.mark.browser
@needs_chromium
def test_browser_a_glossary_edit_changes_the_next_search_without_a_restart(page, served):
    assert search_wards(page, served, "ツインズ") == []
    edit_glossary_in_browser(page, served, "父親 パパ\nツインズ 多胎児\n")
    assert "保存しました" in page.locator("#glossary-message").inner_text()
    assert "西区" in search_wards(page, served, "ツインズ")

