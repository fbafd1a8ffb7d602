"""The third walk through the product as its three kinds of users (userwalk22), in a real
headless Chromium (Playwright) against the real app on waitress on loopback, over a
private copy of the seed corpus (keyword index, so the module starts in seconds).

Each test is something the walk found wrong, named after what the user now sees.
Needs Debian's chromium at /usr/bin/chromium (see tests/browsers.py).
"""

from __future__ import annotations

import urllib.request
from urllib.parse import quote

import pytest

from servers import seed_site

from admin_api import upload_job, wait_for_job
from browsers import browser, log_in, page, needs_chromium  # noqa: F401 (fixtures)

TOKEN = "walkthrough3-token-0123"
PHONE = {"width": 375, "height": 800}
LONG_NAME = "R5_港南区地域子育て支援拠点_重点目標の振り返りと次年度への課題.txt"

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, corpus folder) of one server for the module."""
    with seed_site(tmp_path_factory.mktemp("walkthrough3"), TOKEN, {}) as served:
        yield served


def narrowest(page, selector: str) -> float:
    """The width in CSS pixels of the narrowest element matching `selector` (at least one)."""
    widths = page.locator(selector).evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert widths, selector
    return min(widths)


def cell_headings(row) -> list[str]:
    """The column names a row's cells show before their text (their ::before content)."""
    return row.locator("td").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::before').content.replace(/^\"|\"$/g, ''))")


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


# ----------------------------------------------------------------------------- hub managers

def test_on_a_phone_the_list_of_reports_shows_each_title_on_readable_lines(site, page):
    """At phone width the seven-column list of reports squeezed each report's title into a
    column one character wide (a title ran down the screen letter by letter): now each
    report is a block whose lines are headed by the column's name."""
    base_url, _corpus = site
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/documents")
    assert no_sideways_scroll(page)
    # a title link as wide as the cards' text, not a column of single characters
    assert narrowest(page, "table.doc-list a.doc-link") > 150
    first = page.locator("table.doc-list tbody tr").first
    assert cell_headings(first)[:4] == ["区：", "年度：", "種別：", "表題・ファイル："]
    # at desktop width it is still a table with its header row
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator("table.doc-list thead th").first.is_visible()
    assert set(cell_headings(first)) == {"none"}


# ----------------------------------------------------------------------------- staff uploading

def test_on_a_phone_a_job_page_shows_each_uploaded_file_name_and_its_reason_readably(site, page):
    """At phone width the job page's table of files gave the file name a column three
    characters wide (「R2_/南区/拠点/…」 over fifteen lines, its 保存先 likewise) beside a
    wide 詳細: now each file is a block — its name, 保存先, 結果 and 詳細 on lines of their own."""
    base_url, _corpus = site
    report = (_corpus / "003_d2a364418de75729.txt").read_text(encoding="utf-8").replace("港南区", "南区")
    job_id = upload_job(base_url, TOKEN, [(LONG_NAME, report), ("空.txt", b"")])
    wait_for_job(base_url, job_id, TOKEN)
    page.set_viewport_size(PHONE)
    log_in(page, base_url, TOKEN)
    page.goto(f"{base_url}/admin/jobs/{job_id}")
    assert no_sideways_scroll(page)
    rows = page.locator("table.job-table tbody tr")
    assert rows.count() == 2
    named = page.locator("table.job-table td[data-label='ファイル']")
    assert narrowest(page, "table.job-table td[data-label='ファイル']") > 250
    assert LONG_NAME in named.first.inner_text()
    refused = page.locator("table.job-table tr", has_text="空.txt")
    assert cell_headings(refused) == ["ファイル：", "結果：", "詳細："]
    assert "空のファイルです" in refused.inner_text()
    # the admin page's list of jobs reads the same way
    page.goto(base_url + "/admin/")
    assert no_sideways_scroll(page)
    assert cell_headings(page.locator("table.job-table tbody tr").first) == ["受付：", "状態：", "内容："]


# ----------------------------------------------------------------------------- policy staff

@pytest.mark.parametrize("typed", ["FY2023", "ＦＹ２０２３", "fy2023"])
def test_a_year_filter_written_FY2023_is_read_as_令和5年度_by_the_api_the_csv_and_the_list_of_reports(site, page, typed):
    """The page's 年度 inputs and the query box read FY2023 as fiscal 2023 (README), but
    `year=FY2023` — in the API, the CSV, a shared link to the page and the list of reports —
    was a 400 「年度「FY2023」を解釈できません」."""
    from admin_api import get_json

    base_url, _corpus = site
    wareki = get_json(base_url, "/api/search", q="多胎児", year="令和5年度", mode="bm25")
    fy = get_json(base_url, "/api/search", q="多胎児", year=typed, mode="bm25")
    assert (fy["filters"]["year_from"], fy["filters"]["year_to"]) == (2023, 2023)
    assert fy["total"] == wareki["total"] > 0
    docs = get_json(base_url, "/api/documents", year=typed)
    assert docs["total"] == get_json(base_url, "/api/documents", year="R5")["total"] > 0
    page.goto(f"{base_url}/?q={quote('多胎児')}&year={quote(typed)}&mode=bm25")
    assert page.locator(".notice-error").count() == 0
    assert f"該当パッセージ {wareki['total_passages']} 件" in page.locator(".results-head").inner_text()
    with page.expect_download() as download:
        page.locator("a.csv-link").click()
    as_fy = download.value.path().read_bytes().decode("utf-8-sig")
    with urllib.request.urlopen(f"{base_url}/export.csv?q={quote('多胎児')}&year={quote('令和5年度')}&mode=bm25") as resp:
        as_wareki = resp.read().decode("utf-8-sig")
    assert as_fy == as_wareki and as_fy.count("\n") > 1


def test_an_upload_refused_for_its_year_says_to_choose_the_files_again_and_keeps_the_typed_year(site, page, tmp_path):
    """A year that cannot be real (令和99年度) typed on the upload form: the page came back
    with the form's file chooser empty (a browser never refills it) and said only
    「（ファイルは保存していません）」, unlike a wrong token, which says to choose the files
    again. Now it says so too, and keeps the typed year for correcting."""
    base_url, corpus = site
    report = tmp_path / "港南区_振り返り.txt"
    report.write_text((corpus / "003_d2a364418de75729.txt").read_text(encoding="utf-8"), encoding="utf-8")
    log_in(page, base_url, TOKEN)
    page.set_input_files("#upload-files", [str(report)])
    page.locator("#upload-year").fill("令和99年度")
    with page.expect_navigation():
        page.get_by_role("button", name="アップロードして索引を更新").click()
    error = page.locator(".notice-error").inner_text()
    assert "令和99年度は解釈できません" in error
    assert "ファイルを選び直してから送信してください" in error
    assert page.locator("#upload-year").input_value() == "令和99年度"
    assert page.locator("#upload-files").evaluate("e => e.files.length") == 0
    assert not (corpus / "uploads" / report.name).exists()
