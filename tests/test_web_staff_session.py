"""The web pages as staff use them, found wrong in a real browser session and fixed.

Policy staff search with the keyboard only, at a phone's width, with the back
button, and paste long texts; hub managers follow the ward × year grid to a
ward's year; upload staff watch a reindex job and edit the glossary. The browser
tests run the real app on waitress in Debian's headless Chromium, over the real
index of the seed corpus (fixtures of tests/browsers.py and tests/web_fixtures.py) or, for the admin
pages, a copy with a keyword index (fixtures of tests/upload_site.py); the
others use the Flask client.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from browsers import browser, card_wards, needs_chromium, page, type_search as search  # noqa: F401  (fixtures)
from web_fixtures import base_url  # noqa: F401  (fixture)
from upload_site import NO_WARD_REPORT
from glossary_site import TOKEN, csrf, glossary_file, make_client, post_glossary  # noqa: F401
from upload_site import TOKEN as UPLOAD_TOKEN, seed_index, served  # noqa: F401  (fixtures)
from page_reading import page as get_page, parse



def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def results_loaded(page):
    page.wait_for_load_state()
    page.locator(".results, .notice-error, .intro").first.wait_for()


# ----------------------------------------------------------------------------- keyboard only

@pytest.mark.browser
@needs_chromium
def test_arrow_keys_on_the_ward_filter_move_the_choice_and_enter_applies_it(page, base_url):
    """Stepping through the ward list with the arrow keys must not load a page per
    step (the focus would be lost on a ward with no hits); Enter applies the choice."""
    page.goto(base_url + "/?q=多胎児")
    before = page.url
    page.focus("#f-ward")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(700)
    assert page.url == before
    assert page.evaluate("document.activeElement.id") == "f-ward"
    chosen = page.locator("#f-ward").input_value()
    assert chosen
    with page.expect_navigation():
        page.keyboard.press("Enter")
    results_loaded(page)
    assert params(page.url)["ward"] == [chosen]
    assert page.locator("#f-ward").input_value() == chosen


@pytest.mark.browser
@needs_chromium
def test_arrow_keys_on_the_search_mode_reach_the_third_mode_before_searching(page, base_url):
    page.goto(base_url + "/?q=多胎児")
    before = page.url
    page.focus("input[name=mode][value=hybrid]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(700)
    assert page.url == before
    assert page.locator("input[name=mode]:checked").input_value() == "semantic"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    results_loaded(page)
    assert params(page.url)["mode"] == ["semantic"]


@pytest.mark.browser
@needs_chromium
def test_a_mode_clicked_with_the_mouse_still_searches_at_once(page, base_url):
    page.goto(base_url + "/?q=多胎児")
    with page.expect_navigation():
        page.locator("label.mode", has_text="キーワード").click()
    results_loaded(page)
    assert params(page.url)["mode"] == ["bm25"]


@pytest.mark.browser
@needs_chromium
def test_a_keyboard_user_skips_the_search_form_to_the_results(page, base_url):
    """The form has a dozen stops before the first result; a skip link jumps them."""
    search(page, base_url, "多胎児")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "検索結果へ移動"
    assert page.locator("a.skip-link", has_text="検索結果へ移動").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.results') !== null")
    assert focused, page.evaluate("document.activeElement.outerHTML")


@pytest.mark.browser
@needs_chromium
def test_the_search_page_reads_as_japanese_with_one_main_heading_and_labelled_controls(page, base_url):
    page.goto(base_url + "/?q=多胎児")
    assert page.locator("html").get_attribute("lang") == "ja"
    tree = page.locator("body").aria_snapshot()
    assert len(re.findall(r'heading "[^"]+" \[level=1\]', tree)) == 1, tree[:2000]
    for control in ('searchbox "検索語"', 'radio "ハイブリッド"', 'combobox "区"', 'combobox "年度（から）"',
                    'combobox "年度（まで）"', 'combobox "区分"', 'combobox "事業"', 'combobox "種別"'):
        assert control in tree, control


LOW_CONTRAST_JS = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                              .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
                              if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3); } return [255, 255, 255]; };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (!own || style.visibility === 'hidden' || el.closest('.visually-hidden, .lvl0, [hidden]') || !el.getClientRects().length) continue;
    const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2) + ' ' + el.textContent.trim().slice(0, 20));
  }
  return low;
}"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("path", ["/?q=多胎児", "/?q=支援&view=list", "/admin/"])
def test_text_is_readable_against_its_background(page, base_url, path):
    """WCAG AA: 4.5:1 for body text. The grey of hints, counts and the footer was
    4.43:1 on the page background (axe-core's colour-contrast rule)."""
    page.goto(base_url + path)
    page.wait_for_load_state()
    assert page.evaluate(LOW_CONTRAST_JS) == []


# ----------------------------------------------------------------------------- back button, reload

@pytest.mark.browser
@needs_chromium
def test_back_button_shows_the_mode_and_filters_the_results_were_searched_with(page, base_url):
    page.goto(base_url + "/?q=多胎児")
    with page.expect_navigation():
        page.locator("label.mode", has_text="キーワード").click()
    results_loaded(page)
    with page.expect_navigation():
        page.select_option("#f-section", "成果")
    results_loaded(page)
    page.go_back()
    results_loaded(page)
    assert params(page.url)["mode"] == ["bm25"] and not params(page.url).get("section")
    assert page.locator("#f-section").input_value() == ""          # not the 成果 chosen on it
    page.go_back()
    results_loaded(page)
    assert page.locator("input[name=mode]:checked").input_value() == "hybrid"   # not キーワード
    page.reload()
    results_loaded(page)
    assert page.locator("#q").input_value() == "多胎児"
    assert set(card_wards(page)) >= {"港南区", "西区"}


@pytest.mark.browser
@needs_chromium
def test_back_from_a_new_query_shows_the_query_of_its_results(page, base_url):
    search(page, base_url, "多胎児")
    page.locator("#q").fill("父親")
    with page.expect_navigation():
        page.locator("#q").press("Enter")
    results_loaded(page)
    page.go_back()
    results_loaded(page)
    assert page.locator("#q").input_value() == "多胎児"


# ----------------------------------------------------------------------------- long pastes

@pytest.mark.browser
@needs_chromium
def test_a_pasted_2000_character_text_is_not_cut_silently(page, base_url):
    """The box used to keep the first 1,000 characters of a paste without a word;
    now the whole paste is sent and the answer says how long it is and the limit."""
    pasted = ("妊娠期から出産後まで切れ目のない支援を行い、多胎児の家庭を地域につなげました。" * 60)[:2000]
    page.goto(base_url + "/")
    page.locator("#q").focus()
    page.keyboard.insert_text(pasted)
    assert len(page.locator("#q").input_value()) == 2000
    with page.expect_navigation():
        page.locator("#q").press("Enter")
    page.locator(".notice-error").wait_for()
    message = page.locator(".notice-error").inner_text()
    assert "2000 文字" in message and "1000 文字以内" in message
    assert page.locator("#q").input_value() == pasted          # still there, to shorten


# ----------------------------------------------------------------------------- phone width

@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("path", ["/?q=多胎児", "/?q=支援&view=list", "/?q=子サポ&ward=港南区"])
def test_pages_fit_a_phone_width_without_sideways_scrolling(browser, base_url, path):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="ja-JP")
    try:
        pg = context.new_page()
        pg.goto(base_url + path)
        pg.locator(".results").wait_for()
        source = pg.locator("a.source-link").first.get_attribute("href")
        similar = pg.locator("a.similar-link").first.get_attribute("href")
        for url in (path, source, similar):
            pg.goto(base_url + url)
            pg.wait_for_load_state()
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (url, width)
    finally:
        context.close()


# ----------------------------------------------------------------------------- ward x year grid

@pytest.mark.browser
@needs_chromium
def test_a_grid_cell_opens_the_list_of_that_ward_and_year(page, base_url):
    search(page, base_url, "多胎児")
    cell = page.locator("table.grid tbody tr", has=page.locator("th", has_text="港南区")).locator("td a").first
    label = cell.get_attribute("aria-label")
    assert "港南区" in label and "令和5年度" in label
    count = int(cell.inner_text())
    with page.expect_navigation():
        cell.click()
    page.locator("ol.hits").wait_for()
    query = params(page.url)
    assert query["result_ward"] == ["港南区"] and query["result_year"] == ["2023"]
    assert query["view"] == ["list"] and query["q"] == ["多胎児"]
    wards = page.locator("ol.hits .tag-ward").all_inner_texts()
    years = page.locator("ol.hits .tag-year").all_inner_texts()
    assert wards and set(wards) == {"港南区"}
    assert all("2023" in y for y in years), years
    assert len(wards) == count     # the list holds the number the cell showed


# ----------------------------------------------------------------------------- empty state (Flask client)

def test_an_empty_answer_offers_no_dead_link_for_filters_read_from_the_query(client):
    """「R5 中区の課題」: the ward and year come from the query text; a link that
    reruns the same query cannot remove them, so the page says how instead."""
    html = get_page(client, "/", q="R5 中区の課題")
    assert "見つかりませんでした" in html
    assert "絞り込みを外して検索する" not in html
    hint = re.search(r'<li class="inferred-hint">(.*?)</li>', html, re.S)
    assert hint and "中区" in hint.group(1) and "令和5年度" in hint.group(1)
    assert "検索語からその区名・年度を消して" in hint.group(1)


def test_an_empty_answer_with_a_chosen_filter_still_offers_to_remove_it(client):
    html = get_page(client, "/", q="育休", mode="bm25", ward="西区")
    link = re.search(r'<a class="clear-filters" href="([^"]+)"', html)
    assert link
    assert "ward" not in params(link.group(1).replace("&amp;", "&"))


def override_notices(html: str) -> list[tuple[str, str]]:
    return [(re.sub(r"<[^>]+>", "", text), href.replace("&amp;", "&")) for text, href in
            re.findall(r'<li class="filter-override">(.*?)<a href="([^"]+)"', html, re.S)]


def test_a_ward_chosen_on_the_form_over_the_ward_in_the_query_is_said_with_a_way_back(client):
    """The form keeps its ward when a new query is typed: 「港南区 多胎児」 with 西区 still
    selected searched 西区 without a word."""
    html = get_page(client, "/", q="港南区 多胎児", ward="西区")
    (text, href), = override_notices(html)
    assert "検索語の「港南区」ではなく" in text and "「西区」で検索しています" in text
    assert "ward" not in params(href) and params(href)["q"] == ["港南区 多胎児"]
    assert parse(get_page(client, href)).wards == ["港南区"]
    assert override_notices(get_page(client, "/", q="港南区 多胎児", ward="港南区")) == []


def test_a_year_chosen_on_the_form_over_the_year_in_the_query_is_said_with_a_way_back(client):
    html = get_page(client, "/", q="令和5年度 多胎児", year_from="R3", year_to="R3")
    (text, href), = override_notices(html)
    assert "検索語の「令和5年度（2023年度）」ではなく" in text and "令和3年度（2021年度）" in text
    assert not {"year", "year_from", "year_to"} & set(params(href))
    assert override_notices(get_page(client, "/", q="令和5年度 多胎児", year_from="2023", year_to="2023")) == []


def test_grid_cells_link_only_where_there_are_hits(client):
    html = get_page(client, "/", q="多胎児")
    grid = html[html.index('<table class="grid"'):html.index("</table>")]
    for cell in re.findall(r'<td class="lvl(\d)">(.*?)</td>', grid):
        level, content = cell
        assert (level != "0") == ("<a " in content), cell
    hrefs = [h for h in parse(grid).hrefs]
    assert hrefs and all("view=list" in h and "result_year=" in h and "result_ward=" in h for h in hrefs)


def test_a_list_page_beyond_the_results_says_so_and_links_to_the_last_page(client):
    """An old bookmark or shared link of page 3 of a query that now has fewer results
    used to read 「8 件中 41–40 件目」 with a 前の 20 件 link to another empty page."""
    total = client.get("/api/search", query_string={"q": "多胎児"}).get_json()["total"]
    assert 0 < total < 40
    html = get_page(client, "/", q="多胎児", view="list", offset="40")
    assert "41–" not in html and "前の 20 件" not in html
    text = re.search(r'<p class="range range-beyond">(.*?)</p>', html, re.S).group(1)
    assert f"該当は {total} 件" in text
    href = re.search(r'href="([^"]+)"', text).group(1).replace("&amp;", "&")
    last = get_page(client, href)
    assert f"{total} 件中 " in last and f"–{total} 件目" in last


def test_a_ward_card_s_list_link_lists_the_results_the_card_counts(client):
    """「西区に絞って一覧で見る」 opened a new search within 西区 (14 passages) under a
    card counting 6: the link now lists the card's own results, and says how many."""
    html = get_page(client, "/", q="多胎児")
    cards = re.findall(r'<p class="card-count">該当 (\d+) 件</p>.*?<a class="ward-list-link" href="([^"]+)">([^<]+)</a>',
                       html, re.S)
    assert cards
    for count, href, text in cards:
        ward = params(href.replace("&amp;", "&"))["result_ward"][0]
        assert text == f"{ward}の該当 {count} 件を一覧で見る"
        listed = get_page(client, href.replace("&amp;", "&"))
        assert set(re.findall(r'<span class="tag tag-ward">([^<]+)</span>', listed)) == {ward}
        assert f"{count} 件中 1–{count} 件目" in listed


def heading_levels(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]


def test_report_pages_never_skip_a_heading_level(client):
    """A screen reader lists headings to move through a report: 実施概要 (h2) used
    to jump to its passages at h4."""
    doc_ids = {r["doc_id"] for r in client.get("/api/search", query_string={"q": "支援", "k": 100})
               .get_json()["results"]}
    assert len(doc_ids) >= 3
    for doc_id in doc_ids:
        levels = heading_levels(get_page(client, f"/documents/{doc_id}"))
        assert levels[0] == 1 and levels.count(1) == 1, (doc_id, levels)
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (doc_id, levels)


# ----------------------------------------------------------------------------- glossary admin (Flask client)

def test_wrong_glossary_tokens_are_rate_limited_like_uploads(tmp_path, glossary_file):
    client = make_client(tmp_path, TOKEN_FAILURE_LIMIT=3, TOKEN_FAILURE_WINDOW=60)
    for _ in range(3):
        assert post_glossary(client, "父親 パパ\n", token="wrong").status_code == 401
    resp = post_glossary(client, "父親 パパ\n", token=TOKEN)     # even the right one, for now
    html = resp.get_data(as_text=True)
    assert resp.status_code == 429
    assert int(resp.headers["Retry-After"]) > 0
    assert "しばらく受け付けません" in html and "秒後にもう一度" in html
    assert "父親 パパ" in html                                  # the edit is still in the textarea
    assert not glossary_file.exists()


def test_a_logged_in_admin_saves_the_glossary_without_retyping_the_token(tmp_path, glossary_file):
    client = make_client(tmp_path)
    login = client.post("/admin/login", data={"admin_token": TOKEN, "csrf_token": csrf(client, "/admin/")})
    assert login.status_code == 303
    form = client.get("/admin/glossary").get_data(as_text=True)
    assert 'name="admin_token"' not in form and "ログイン中" in form
    resp = client.post("/admin/glossary", data={"glossary": "父親 パパ\n", "csrf_token": csrf(client)})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    assert glossary_file.read_text(encoding="utf-8") == "父親 パパ\n"


def test_the_glossary_still_needs_the_token_without_a_login(tmp_path, glossary_file):
    client = make_client(tmp_path)
    resp = client.post("/admin/glossary", data={"glossary": "父親 パパ\n", "csrf_token": csrf(client)})
    assert resp.status_code == 401
    assert "管理用トークンが正しくありません" in resp.get_data(as_text=True)
    assert not glossary_file.exists()


# ----------------------------------------------------------------------------- upload job page

def upload_in_browser(page, base_url, report) -> None:
    page.goto(base_url + "/admin/")
    page.locator("#upload-files").set_input_files(str(report))
    page.locator("#admin-token").fill(UPLOAD_TOKEN)
    with page.expect_navigation():
        page.get_by_role("button", name="アップロードして索引を更新").click()
    page.locator("#job-state").wait_for()


@pytest.mark.browser
@needs_chromium
def test_the_job_page_follows_the_reindex_without_losing_the_keyboard_focus(served, page, tmp_path):
    """The job page used to reload itself every two seconds, sending the focus (and
    a screen reader) back to the top; it now updates the job's part in place and
    says the new state once."""
    _site, base_url = served
    report = tmp_path / "hub_report.txt"
    report.write_text(NO_WARD_REPORT, encoding="utf-8")
    upload_in_browser(page, base_url, report)
    assert "/admin/jobs/" in page.url               # a reload asks for the job, not the upload again
    page.evaluate("window.stillTheSamePage = true")
    back = page.get_by_role("link", name="管理ページへ戻る")
    back.focus()
    page.locator(".state-done").wait_for(timeout=180_000)
    assert page.evaluate("window.stillTheSamePage === true")
    assert page.evaluate("document.activeElement.textContent") == "管理ページへ戻る"
    assert page.locator("#job-announce").inner_text() == "索引の更新: 完了"
    assert "索引に追加" in page.locator("#job-live").inner_text()


@pytest.mark.browser
@needs_chromium
def test_without_javascript_the_job_page_still_reloads_until_the_job_is_done(served, browser, tmp_path):
    _site, base_url = served
    report = tmp_path / "hub_report.txt"
    report.write_text(NO_WARD_REPORT.replace("ハリネズミ", "モモンガ"), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    try:
        pg = context.new_page()
        upload_in_browser(pg, base_url, report)
        pg.locator(".state-done").wait_for(timeout=180_000)
        assert "索引に追加" in pg.content()
    finally:
        context.close()


# ----------------------------------------------------------------------------- glossary page in the browser

@pytest.mark.browser
@needs_chromium
def test_a_rejected_glossary_line_can_be_selected_from_its_error(glossary_file, served, page):
    """A glossary has hundreds of lines and the box shows no numbers: the error's
    button selects the bad line for the user to fix."""
    _site, base_url = served
    page.goto(base_url + "/admin/glossary")
    lines = page.locator("#glossary-text").input_value().split("\n")
    lines.insert(150, "孤立語")
    page.locator("#glossary-text").fill("\n".join(lines))
    page.locator("#glossary-token").fill(UPLOAD_TOKEN)
    with page.expect_navigation():
        page.locator("#glossary-save").click()
    assert "151行目" in page.locator("#glossary-error").inner_text()
    page.get_by_role("button", name="151行目を選択").click()
    selected = page.evaluate("""() => { const t = document.getElementById('glossary-text');
        return [document.activeElement.id, t.value.slice(t.selectionStart, t.selectionEnd)]; }""")
    assert selected == ["glossary-text", "孤立語"]
    assert not glossary_file.exists()


@pytest.mark.browser
@needs_chromium
def test_per_file_fields_are_grouped_under_their_file_name(served, page, tmp_path):
    """With two files selected the form shows 区 / 年度 / 種別 twice: a screen reader
    must hear which file each set belongs to."""
    _site, base_url = served
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(NO_WARD_REPORT, encoding="utf-8")
    second.write_text(NO_WARD_REPORT, encoding="utf-8")
    page.goto(base_url + "/admin/")
    page.locator("#upload-files").set_input_files([str(first), str(second)])
    for name in ("first.txt", "second.txt"):
        group = page.get_by_role("group", name=name)
        assert group.get_by_role("combobox", name="区").count() == 1
        assert group.get_by_role("textbox", name="年度").count() == 1
