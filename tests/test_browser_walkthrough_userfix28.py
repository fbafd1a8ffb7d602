"""userfix28's walk in a real headless Chromium (Playwright) against the real app on waitress,
over a private copy of the seed corpus (keyword index): what staff see when they type a minus
the Mac way, a year range with spaces, only a word to leave out, or open a garbled link.
Needs Debian's chromium at /usr/bin/chromium (see tests/browsers.py)."""

from __future__ import annotations

import pytest

from servers import seed_site

from browsers import browser, page, needs_chromium, submit_search as search  # noqa: F401 (fixtures)

TOKEN = "userfix28-walk-token-0123"

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with seed_site(tmp_path_factory.mktemp("userfix28walk"), TOKEN, {}) as served:
        yield served


def test_a_ward_typed_after_a_macs_minus_sign_is_left_out_not_the_only_ward_shown(site, page):
    base_url, _corpus = site
    search(page, base_url, "多胎児 −西区")
    cards = page.locator(".ward-card h3, .ward-card .card-head").all_inner_texts()
    assert cards and not any("西区" in c for c in cards)


def test_a_year_range_typed_with_spaces_shows_every_year_of_it(site, page):
    base_url, _corpus = site
    search(page, base_url, "令和2年度 - 令和5年度 子育て")
    body = page.inner_text("main")
    assert "令和2年度～令和5年度" in body


def test_only_a_word_to_leave_out_says_what_to_add(site, page):
    base_url, _corpus = site
    search(page, base_url, "-多胎児")
    assert "除く言葉（「多胎児」）だけでは検索できません" in page.inner_text("main")


def test_a_garbled_link_says_it_could_not_be_read_and_leaves_the_box_empty(site, page):
    base_url, _corpus = site
    page.goto(base_url + "/?q=%FF%FE")
    assert "文字として読み取れませんでした" in page.locator(".notice-error").inner_text()
    assert page.input_value("input[name=q]") == ""
