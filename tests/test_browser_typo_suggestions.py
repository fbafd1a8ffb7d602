"""The search page's spelling help in a real headless Chromium (Playwright) against the
real app on waitress, over a private copy of the seed corpus (keyword index): a word typed
with a slip that matches nothing is searched as the report word, with a link back to the
words as typed; a slip in a query that finds something gets 「もしかして」 as a link.
Needs Debian's chromium at /usr/bin/chromium (see tests/browsers.py)."""

from __future__ import annotations

import pytest

from servers import seed_site

from browsers import browser, page, needs_chromium, submit_search as search  # noqa: F401 (fixtures)

TOKEN = "typo-browser-token-0123"

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with seed_site(tmp_path_factory.mktemp("typos"), TOKEN, {}) as served:
        yield served


def test_a_slip_that_matches_nothing_shows_the_corrected_results_and_a_way_back(site, page):
    base_url, _corpus = site
    search(page, base_url, "ボランテイア")
    assert "「ボランティア」の検索結果を表示しています" in page.locator(".spelling").inner_text()
    assert "見つかりませんでした" not in page.inner_text("body")
    page.click("a.spelling-original")
    page.wait_for_load_state()
    assert page.locator(".spelling").count() == 0
    assert "「ボランテイア」に一致する取組は見つかりませんでした" in page.inner_text("body")


def test_moshikashite_is_a_link_that_runs_the_corrected_query(site, page):
    base_url, _corpus = site
    search(page, base_url, "子育てしえん")
    assert page.locator(".spelling-suggestion").inner_text().startswith("もしかして：")
    page.click("a.spelling-corrected")
    page.wait_for_load_state()
    assert page.input_value("input[name=q]") == "子育て支援"
    assert page.locator(".spelling").count() == 0
