"""A walk through the search page as staff type and paste (userfix25), in a real headless
Chromium (Playwright) against the real app on waitress, over a private copy of the seed
corpus (keyword index). Each test is something the walk found wrong, named after what the
user now sees. Needs Debian's chromium at /usr/bin/chromium (see tests/browsers.py)."""

from __future__ import annotations

import pytest

from servers import seed_site

from browsers import browser, page, needs_chromium, submit_search as search  # noqa: F401 (fixtures)

TOKEN = "userfix25-walk-token-0123"

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with seed_site(tmp_path_factory.mktemp("userfix25walk"), TOKEN, {}) as served:
        yield served


def test_a_question_typed_in_hiragana_shows_results_for_the_word_it_spells(site, page):
    """どのようにしえんしているか answered 「検索語が文書にも辞書にも見つかりません」 and nothing."""
    base_url, _corpus = site
    search(page, base_url, "どのようにしえんしているか")
    body = page.inner_text("body")
    assert "辞書にも見つかりません" not in body
    assert "「どのように支援しているか」の検索結果を表示しています" in page.locator(".spelling").inner_text()
    assert page.locator(".results").count() == 1


def test_a_word_split_by_a_space_offers_the_joined_word_and_the_link_searches_it(site, page):
    base_url, _corpus = site
    search(page, base_url, "子育てパート ナー")
    assert "もしかして：子育てパートナー" in page.locator(".spelling-suggestion").inner_text()
    with page.expect_navigation():
        page.click("a.spelling-corrected")
    page.wait_for_load_state()
    assert page.input_value("input[name=q]") == "子育てパートナー"
    assert page.locator(".spelling").count() == 0


def test_a_ward_with_no_report_held_is_named_with_the_wards_that_are(site, page):
    """保土ケ谷区の取組 said only 「指定された年度・区・区分に当てはまる記載はありません」."""
    base_url, _corpus = site
    search(page, base_url, "保土ケ谷区の取組")
    assert "保土ケ谷区の報告書は収録されていません（収録している区：西区、中区、港南区、港北区、泉区）" \
        in page.inner_text("body")


def test_a_ward_of_a_comparison_that_answers_nothing_is_said(site, page):
    base_url, _corpus = site
    search(page, base_url, "中区と西区の父親支援")
    assert "中区の報告書には、この検索に答える取組が見つかりませんでした" in page.inner_text("body")
