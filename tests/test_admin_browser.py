"""The admin upload form in a real headless Chromium (Playwright), against the
real app on waitress over a copy of the seed corpus (keyword-only index; the
reindex job is a real child process).

An uploader sends a hub report whose text names no ward and no year, states
西区 / 令和3年度 in the form, waits on the job page (it reloads itself), then
searches: the report's passages are shown under 西区, with the year; a full
reindex keeps them there; the document page marks the ward as set by hand.

Needs Debian's chromium at /usr/bin/chromium (see tests/test_browser.py).
"""

from __future__ import annotations

import os

import pytest

from search_app.indexing import build_index
from upload_site import NO_WARD_REPORT, TERM, TOKEN, seed_index, served  # noqa: F401  (fixtures)

from browsers import CHROMIUM, browser_page  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`"),
]


@pytest.fixture
def page():
    with browser_page() as pg:   # a dialog (a resubmission prompt would be one) fails
        yield pg


def result_wards(page, base_url: str) -> set[str]:
    page.goto(f"{base_url}/?q={TERM}&mode=bm25")
    page.locator(".results").wait_for()
    return set(page.locator("article.ward-card").evaluate_all("els => els.map(e => e.dataset.ward)"))


def test_upload_form_with_ward_and_year_then_search_shows_the_ward_and_a_reindex_keeps_it(
        served, page, tmp_path):
    site, base_url = served
    report = tmp_path / "hub_report.txt"
    report.write_text(NO_WARD_REPORT, encoding="utf-8")

    page.goto(base_url + "/admin/")
    page.locator("#upload-files").set_input_files(str(report))
    page.locator("#upload-ward").fill("西区")
    page.locator("#upload-year").fill("令和3年度")
    page.locator("#admin-token").fill(TOKEN)
    page.get_by_role("button", name="アップロードして索引を更新").click()
    page.wait_for_load_state()
    assert "hub_report.txt" in page.content()
    # the job page reloads itself (Refresh header) until the job is finished
    page.locator(".state-done").wait_for(timeout=180_000)
    assert "索引に追加" in page.content()

    found = lambda: "西区" in result_wards(page, base_url)  # noqa: E731
    for _ in range(20):           # the server switches to the new generation within ~1 s
        if found():
            break
        page.wait_for_timeout(500)
    assert "西区" in result_wards(page, base_url)
    card = page.locator("article.ward-card[data-ward='西区']")
    assert TERM in card.inner_text() and "令和3年度" in card.inner_text()

    build_index(site.corpus, site.index, semantic=False, full=True)   # a reindex from scratch
    page.wait_for_timeout(1500)
    assert "西区" in result_wards(page, base_url)

    card = page.locator("article.ward-card[data-ward='西区']")
    card.locator("a.source-link").first.click()
    page.wait_for_load_state()
    meta = page.locator(".doc-meta").inner_text()
    assert "手入力" in meta and "西区" in meta


def test_a_second_selected_file_can_get_its_own_ward_on_the_form(served, page, tmp_path):
    from indexer import sidecar

    site, base_url = served
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(NO_WARD_REPORT, encoding="utf-8")
    second.write_text(NO_WARD_REPORT.replace("ハリネズミ", "モモンガ"), encoding="utf-8")

    page.goto(base_url + "/admin/")
    assert not page.locator("#per-file-fields").is_visible()
    page.locator("#upload-files").set_input_files([str(first), str(second)])
    rows = page.locator("#per-file-fields .per-file-row")
    assert rows.count() == 2 and "second.txt" in rows.nth(1).inner_text()
    page.locator("#upload-ward").fill("西区")
    page.locator("#upload-year").fill("令和3年度")
    rows.nth(1).locator("input[name='ward_1']").fill("中区")
    page.locator("#admin-token").fill(TOKEN)
    page.get_by_role("button", name="アップロードして索引を更新").click()
    page.wait_for_load_state()
    assert "second.txt" in page.content()
    uploads = site.corpus / "uploads"
    assert sidecar.read(uploads / "first.txt").ward == "西区"
    assert sidecar.read(uploads / "second.txt").ward == "中区"
    assert sidecar.read(uploads / "second.txt").fiscal_year_from == 2021
