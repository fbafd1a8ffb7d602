"""End to end in a real headless Chromium (Playwright), against the real app
served by waitress over the real index of the seed corpus.

Needs Debian's chromium at /usr/bin/chromium (`apt-get install -y chromium`;
for readable screenshots also `fonts-noto-cjk`). Run only these with
`pytest -m browser`. The results page screenshot goes to
test-artifacts/results.png.
"""

from __future__ import annotations

import re

import pytest

from browsers import browser, card_wards, needs_chromium, page, type_search as search  # noqa: F401 (fixtures)
from web_fixtures import REPO, XSS_TERM, XSS_WARD, base_url  # noqa: F401 (fixture)

ARTIFACTS = REPO / "test-artifacts"

pytestmark = [pytest.mark.browser, needs_chromium]


def test_typing_tataiji_shows_konan_and_nishi_with_highlights(page, base_url):
    search(page, base_url, "多胎児")
    wards = card_wards(page)
    assert "港南区" in wards and "西区" in wards
    for ward in ("港南区", "西区"):
        card = page.locator(f"article.ward-card[data-ward='{ward}']")
        marks = card.locator("mark").all_inner_texts()
        assert any("多胎" in m for m in marks), marks
    assert re.search(r"\d+区の取組が見つかりました", page.locator("h2.summary").inner_text())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "results.png"), full_page=True)


def test_a_topic_no_report_mentions_is_answered_as_a_guess_in_the_browser(page, base_url):
    search(page, base_url, "天気予報")
    assert "検索語に一致する取組はありません" in page.locator("h2.summary").inner_text()
    assert "「天気予報」は報告書に出てきません" in page.locator(".notices").inner_text()
    guesses = page.locator("article.ward-card .basis-guess")
    assert guesses.count() == len(card_wards(page)) > 0
    assert guesses.first.is_visible() and guesses.first.inner_text() == "推定：意味の近さのみ"


def test_year_filter_keeps_only_matching_years(page, base_url):
    search(page, base_url, "多胎児")
    page.locator("#f-year-from").fill("令和5年度")
    page.locator("#f-year-to").fill("令和5年度")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_load_state()
    assert "year_from=" in page.url
    wards = card_wards(page)
    assert "港南区" in wards
    assert "中区" not in wards and "港北区" not in wards
    assert "令和5年度（2023年度）" in page.locator(".chips").inner_text()


def test_selecting_a_ward_submits_the_form(page, base_url):
    search(page, base_url, "妊娠期支援")
    with page.expect_navigation():
        page.locator("#f-ward").select_option("泉区")
    assert "ward=" in page.url
    assert card_wards(page) == ["泉区"]


def test_source_link_lands_on_the_passage(page, base_url):
    search(page, base_url, "多胎児")
    link = page.locator("article.ward-card[data-ward='港南区'] a.source-link").first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("#" + anchor)
    assert "/documents/" in page.url
    target = page.locator(f"[id='{anchor}']")
    from playwright.sync_api import expect
    expect(target).to_be_in_viewport()
    # :target highlight is applied
    assert page.evaluate("id => document.querySelector(':target') && document.querySelector(':target').id",
                         anchor) == anchor
    assert "出典: 003_d2a364418de75729.txt" in target.inner_text()


def test_similar_link_shows_other_wards(page, base_url):
    search(page, base_url, "多胎児")
    card = page.locator("article.ward-card[data-ward='港南区']")
    card.get_by_role("link", name="似た取組を探す").click()
    page.wait_for_load_state()
    assert re.search(r"/passages/[\w-]+/similar$", page.url)
    assert "港南区" in page.locator(".source-passage").inner_text()
    others = page.locator(".similar-results:not(.same-ward) article.similar-card").evaluate_all(
        "els => els.map(e => e.dataset.ward)")
    assert others and "港南区" not in others
    assert page.locator(".similar-results:not(.same-ward) .hit").count() > 0


def test_csv_download_has_bom_and_ward_column(page, base_url, tmp_path):
    search(page, base_url, "多胎児")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSVで保存").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    path = tmp_path / download.suggested_filename
    download.save_as(str(path))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[0] == "区"
    assert "港南区" in raw.decode("utf-8-sig")


def test_hostile_report_never_runs_script(page, base_url):
    # results (ward cards and list) with the hostile report in view
    for view in ("", "&view=list"):
        page.goto(f"{base_url}/?q={XSS_TERM}&year_from=R5&year_to=R5{view}")
        page.locator(".results").wait_for()
        assert "<script>alert(1)</script>" in page.locator(".results").inner_text()
    page.goto(f"{base_url}/?q={XSS_TERM}&year_from=R5&year_to=R5")
    assert XSS_WARD in card_wards(page)
    # the document view
    page.locator(f"article.ward-card[data-ward='{XSS_WARD}'] a.doc-link").click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(2)>" in body
    assert page.locator("main img, main script").count() == 0
    # the similar page of a hostile passage
    page.locator(".passage .similar-link").first.click()
    page.wait_for_load_state()
    assert "<script>alert(1)</script>" in page.locator(".source-passage").inner_text()
    assert page.locator("main img, main script").count() == 0
    page.wait_for_timeout(300)   # give any injected handler a chance to fire


def test_passages_found_where_no_ward_answers_are_not_headlined_as_0区の取組(page, base_url):
    """多胎児 searched within 中区's reports finds a passage near in meaning, but no 中区
    practice answers it: the page said 「0区の取組が見つかりました」 above that passage, and
    「取組として答えている区のほかに…中区」 below it. Now it says no ward answers and how many
    related passages there are."""
    import json
    import urllib.request
    from urllib.parse import quote

    params = f"q={quote('多胎児')}&ward={quote('中区')}"
    with urllib.request.urlopen(f"{base_url}/api/search?{params}", timeout=120) as resp:
        answer = json.load(resp)
    assert answer["total"] > 0 and answer["wards"] == []   # the situation the page must word
    page.goto(f"{base_url}/?{params}")
    heading = page.locator("#results-heading").inner_text()
    assert "0区" not in heading
    assert "取組として答えている区はありません" in heading
    assert f"関連する記載が{answer['total_passages']}件あります" in heading
    other = page.locator(".other-wards")
    if other.count():
        assert "ほかに" not in other.inner_text()
    # the related passage is one click away, and its count agrees with the heading
    page.locator(".view-switch a", has_text="パッセージ一覧").click()
    page.wait_for_load_state()
    assert page.locator("ol.hits > li.hit").count() == answer["total"]
