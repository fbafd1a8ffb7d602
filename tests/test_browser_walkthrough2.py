"""The second walk through the product as its three kinds of users (ux16), in a real
headless Chromium (Playwright) against the real app on waitress on loopback, over a
private copy of the seed corpus (keyword index, so the module starts in seconds) plus
one report filed twice: 泉区's yearly evaluation again under 栄区, the same text, as an
archive holds when a hub's report is sent for two wards (near-duplicates, which the
list folds together).

Each test is something the walk found wrong, named after what the user now sees.
Needs Debian's chromium at /usr/bin/chromium (see tests/browsers.py).
"""

from __future__ import annotations

import re

import pytest

from servers import seed_site
from web_fixtures import SEED_CORPUS

from admin_api import get_json, upload_job, wait_for_job
from browsers import browser, log_in, page, search_in_browser, needs_chromium  # noqa: F401 (fixtures)

TOKEN = "walkthrough2-token-0123"
IZUMI_R5 = "000_8f4773b09691ae88.txt"     # the seed's 泉区 令和5年度 yearly evaluation
COPY_NAME = "sakae_copy_r5.txt"
COPY_PHRASE = "親になる前の支援"            # in the 泉区 report, so in its 栄区 copy too

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, corpus folder) of one server for the module."""
    izumi = (SEED_CORPUS / IZUMI_R5).read_text(encoding="utf-8")
    assert COPY_PHRASE in izumi
    with seed_site(tmp_path_factory.mktemp("walkthrough2"), TOKEN,
                   {COPY_NAME: izumi.replace("泉区", "栄区")}) as served:
        yield served


def headline_count(page) -> int:
    return int(re.search(r"該当パッセージ (\d+) 件", page.locator(".results-head").inner_text()).group(1))


# ----------------------------------------------------------------------------- policy staff

@pytest.mark.parametrize("typed", ["FY2023 多胎児", "fy2023の多胎児", "ＦＹ２０２３　多胎児", "FY23 多胎児"])
def test_a_fiscal_year_typed_as_FY2023_is_searched_as_令和5年度_and_the_page_says_so(site, page, typed):
    """「FY2023」 was a word of the query: no year was read, the answer spanned every year,
    and the page said 「「FY」は報告書に出てきません」."""
    base_url, _corpus = site
    search_in_browser(page, base_url, typed)
    notices = page.locator(".notice-warn").inner_text()
    assert "令和5年度（2023年度）として検索しました" in notices
    assert "報告書に出てきません" not in notices
    assert "年度: 令和5年度（2023年度）" in page.locator("ul.chips").inner_text()
    search_in_browser(page, base_url, "令和5年度 多胎児")
    as_wareki = headline_count(page)
    search_in_browser(page, base_url, typed)
    assert headline_count(page) == as_wareki


def test_FY2023_in_the_year_field_filters_as_令和5年度_does(site, page):
    """The 年度 field refused 「FY2023」 (「年度として読み取れません」) while 2023, R5 and
    令和5年度 were read."""
    base_url, _corpus = site
    search_in_browser(page, base_url, "多胎児", year_from="FY2023", year_to="FY2023")
    assert page.locator(".notice-error").count() == 0
    chips = page.locator("ul.chips").inner_text()
    assert "令和5年度" in chips
    by_fy = headline_count(page)
    search_in_browser(page, base_url, "多胎児", year_from="令和5年度", year_to="令和5年度")
    assert headline_count(page) == by_fy


def test_the_headline_counts_every_report_s_copy_as_the_cards_do_and_says_how_many_the_list_folds(site, page):
    """A passage found in two reports (the same text filed for 泉区 and 栄区) is listed
    once, with its copy beside it; but each ward's card counts its own. The headline said
    「該当パッセージ 40 件」 under cards adding up to 44, with nothing to say why."""
    base_url, _corpus = site
    search_in_browser(page, base_url, COPY_PHRASE)
    cards = page.locator("article.ward-card")
    on_cards = sum(int(re.search(r"該当 (\d+) 件", t).group(1))
                   for t in cards.locator(".card-count").all_inner_texts())
    others = page.locator(".other-wards")
    elsewhere = sum(int(n) for n in re.findall(r"（(\d+)件）", others.inner_text())) if others.count() else 0
    assert headline_count(page) == on_cards + elsewhere
    assert {card.get_attribute("data-ward") for card in cards.all()} >= {"泉区", "栄区"}

    folded = page.locator(".folded-copies").inner_text()
    listed = int(re.search(r"(\d+) 件にまとめ", folded).group(1))
    copies = int(re.search(r"うち (\d+) 件", folded).group(1))
    assert copies > 0 and listed + copies == headline_count(page)
    page.get_by_role("link", name="パッセージ一覧").click()
    page.locator("ol.hits").wait_for()
    assert f"{listed} 件中 1–" in page.locator(".range").inner_text()
    assert page.locator("li.duplicates").count() >= 1


def test_a_search_with_no_copies_says_nothing_about_folding(site, page):
    base_url, _corpus = site
    search_in_browser(page, base_url, "多胎児")
    assert page.locator(".folded-copies").count() == 0
    assert headline_count(page) == get_json(base_url, "/api/search", q="多胎児")["total"]


# ----------------------------------------------------------------------------- staff who upload

def test_a_logout_sent_from_an_expired_form_says_it_did_not_log_out(site, page):
    """「ログアウト」 pressed on a page whose form had expired showed the same page again,
    still logged in, with nothing to say why."""
    base_url, _corpus = site
    log_in(page, base_url, TOKEN)
    page.evaluate("() => document.querySelectorAll('input[name=csrf_token]').forEach(e => e.value = 'stale')")
    with page.expect_navigation():
        page.get_by_role("button", name="ログアウト").click()
    said = page.get_by_role("alert").inner_text()
    assert "ログアウトできませんでした" in said and "まだログイン中" in said
    with page.expect_navigation():
        page.get_by_role("button", name="ログアウト").click()    # the page's fresh form
    assert page.get_by_role("button", name="ログアウト").count() == 0
    assert page.locator("#login-token").is_visible()


def test_a_document_change_sent_after_the_login_expired_says_nothing_was_changed_and_offers_the_login_first(
        site, page):
    """A correction sent from a document page after the login was lost (server restarted,
    browser closed) landed on the admin page with 「ログインが必要です」: nothing said the
    correction was not made, and the login box was below the whole upload form."""
    base_url, _corpus = site
    found = get_json(base_url, "/api/search", q="多胎児", mode="bm25")
    doc_id = found["wards"][0]["doc_id"]
    log_in(page, base_url, TOKEN)
    page.goto(f"{base_url}/documents/{doc_id}")
    page.locator("details.meta-form summary").click()
    page.context.clear_cookies()                           # the login is gone
    with page.expect_navigation():
        page.locator("details.meta-form button.primary").click()
    said = page.get_by_role("alert").inner_text()
    assert "この変更は行っていません" in said
    login_box = page.locator("#login-token")
    assert login_box.evaluate("el => el === document.activeElement")
    upload_box = page.locator("#upload-files")
    assert login_box.bounding_box()["y"] < upload_box.bounding_box()["y"]
    login_box.fill(TOKEN)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン").click()
    assert page.url == f"{base_url}/documents/{doc_id}"


def test_a_glossary_edit_sent_from_an_expired_form_keeps_the_text_and_says_to_press_save_again(site, page):
    """The glossary page said 「ページを再読み込みしてからもう一度送信してください」 when the
    form had expired: reloading would have thrown the edit away."""
    base_url, _corpus = site
    log_in(page, base_url, TOKEN)
    page.goto(base_url + "/admin/glossary")
    box = page.locator("#glossary-text")
    edited = box.input_value() + "\n双子サークル ツインスターズ\n"   # 港南区's twins' circle
    box.fill(edited)
    page.context.clear_cookies()                           # session (and its form token) gone
    with page.expect_navigation():
        page.locator("#glossary-save").click()
    said = page.get_by_role("alert").inner_text()
    assert "何も変更していません" in said and "そのまま下に残しています" in said
    assert "再読み込み" not in said
    assert "管理用トークンを入力してから" in said and "「検証して保存」" in said
    assert page.locator("#glossary-text").input_value().replace("\r\n", "\n") == edited
    page.locator("#glossary-token").fill(TOKEN)
    with page.expect_navigation():
        page.locator("#glossary-save").click()
    assert "保存しました" in page.get_by_role("status").inner_text()
    searched = get_json(base_url, "/api/search", q="双子サークル", mode="bm25")["alternatives"]
    assert any("ツインスターズ" in a["terms"] for a in searched)


def test_after_an_unreadable_upload_the_next_job_does_not_count_it_as_a_deletion(site, page):
    """An upload the indexer could not read is moved to uploads/.rejected/ after its job;
    the next job (here: a report deleted on its page) found it gone and said
    「削除 2 件」 for the one report deleted."""
    base_url, corpus = site
    extra = (corpus / IZUMI_R5).read_text(encoding="utf-8").replace("泉区", "瀬谷区")
    job = wait_for_job(base_url, upload_job(base_url, TOKEN, [
        ("broken_scan.pdf", b"%PDF-1.4\nnot really a pdf\n%%EOF\n"),
        ("seya_r5.txt", extra)]), TOKEN)
    by_file = {f["file"]: f for f in job["files"]}
    assert by_file["broken_scan.pdf"]["set_aside"]                   # moved to uploads/.rejected/
    doc_id = by_file["seya_r5.txt"]["doc_id"]

    log_in(page, base_url, TOKEN)
    page.goto(f"{base_url}/documents/{doc_id}")
    page.locator("details.file-form summary").click()
    page.locator("#delete-confirm").check()
    with page.expect_navigation():
        page.get_by_role("button", name="削除して索引に反映").click()
    page.locator("#job-state").filter(has_text=re.compile("^完了")).wait_for(timeout=120_000)
    text = page.locator("main").inner_text()
    assert "削除 1 件" in text
    removed = page.locator("details.removed-files").text_content()      # (a closed <details>)
    assert "uploads/seya_r5.txt" in removed and "broken_scan.pdf" not in removed
    aside = page.locator("details.set-aside-earlier").text_content()
    assert "uploads/broken_scan.pdf" in aside and "削除には数えていません" in aside


def test_a_correction_sent_from_an_expired_form_keeps_the_values_and_says_to_press_save_again(site, page):
    """The document page's correction form, sent with an expired form token, came back with
    the values typed but said 「ページを再読み込みしてからもう一度送信してください」: reloading
    would have thrown them away."""
    base_url, _corpus = site
    doc_id = get_json(base_url, "/api/search", q="多胎児", mode="bm25")["wards"][0]["doc_id"]
    jobs_before = len(get_json(base_url, "/api/admin/jobs", TOKEN)["jobs"])
    log_in(page, base_url, TOKEN)
    page.goto(f"{base_url}/documents/{doc_id}")
    page.locator("details.meta-form summary").click()
    page.locator("#meta-ward").fill("緑区")
    page.evaluate("() => document.querySelectorAll('input[name=csrf_token]').forEach(e => e.value = 'stale')")
    with page.expect_navigation():
        page.locator("details.meta-form button.primary").click()
    said = page.locator(".meta-form").get_by_role("alert").inner_text()
    assert "何も変更していません" in said and "そのまま残しています" in said
    assert "再読み込み" not in said
    assert page.locator("#meta-ward").input_value() == "緑区"
    assert len(get_json(base_url, "/api/admin/jobs", TOKEN)["jobs"]) == jobs_before          # no correction queued
