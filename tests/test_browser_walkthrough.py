"""The three kinds of users walking through the product in a real headless Chromium
(Playwright), against the real app on waitress on loopback, over a private copy of
the seed corpus (keyword index, so the module starts in seconds) plus a hub's
newsletter in no report layout the parser knows (its text becomes plain 本文
passages, as a report of an unseen layout does).

Each test is something a walk through the pages found wrong, named after what the
user now sees. Needs Debian's chromium at /usr/bin/chromium (see tests/test_browser.py).
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from servers import seed_site

from admin_api import post_json, upload_job, wait_for_job
from browsers import browser, log_in, page, search_in_browser, needs_chromium  # noqa: F401 (fixtures)
TOKEN = "walkthrough-token-0123"
FILE_LIMIT_MB = 1                     # the server's per-file upload limit in this module
NEWSLETTER = "hiroba_dayori.txt"
NEWSLETTER_TERM = "カピバラ読書会"
NEWSLETTER_TEXT = f"""ひろばだより　冬号

{NEWSLETTER_TERM}を毎月開催しました。親子で絵本を楽しむ時間をつくり、参加した保護者同士のつながりが生まれています。

次回の{NEWSLETTER_TERM}は土曜日に開きます。
"""

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, corpus folder) of one server for the module."""
    with seed_site(tmp_path_factory.mktemp("walkthrough"), TOKEN, {NEWSLETTER: NEWSLETTER_TEXT},
                   MAX_UPLOAD_BYTES=FILE_LIMIT_MB * 1024 * 1024) as served:
        yield served


def visible_words(page) -> set[str]:
    """The Latin words a reader sees in the page's main part."""
    return set(re.findall(r"[A-Za-z]{3,}", page.locator("main").inner_text()))


# ----------------------------------------------------------------------------- policy staff

def test_a_report_in_an_unknown_layout_is_shown_as_本文_never_by_an_internal_name(site, page, tmp_path):
    """A newsletter (or any report whose layout the parser does not know) is read as
    plain paragraphs; the card, the list, the report page and the CSV called their
    section `other`, English leaking into a Japanese page."""
    base_url, _corpus = site
    search_in_browser(page, base_url, NEWSLETTER_TERM)
    card = page.locator("article.ward-card[data-ward='区不明']")
    assert card.locator(".evidence-label").first.inner_text() == "根拠・本文"
    assert "other" not in visible_words(page)

    page.get_by_role("link", name="パッセージ一覧").click()
    page.locator("ol.hits li.hit").first.wait_for()
    assert page.locator("ol.hits .tag-section").first.inner_text() == "本文"
    assert "other" not in visible_words(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="CSVで保存").click()
    path = tmp_path / "export.csv"
    info.value.save_as(str(path))
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    newsletter_rows = [r for r in body if NEWSLETTER_TERM in r[header.index("本文")]]
    assert newsletter_rows
    for row in newsletter_rows:
        assert row[header.index("区分")] == "本文"
        assert row[header.index("区")] == "区不明"      # as the page says, not an empty cell

    page.goto(base_url + "/")
    search_in_browser(page, base_url, NEWSLETTER_TERM)
    page.locator("article.ward-card[data-ward='区不明'] a.doc-link").click()
    page.wait_for_load_state()
    assert "/documents/" in page.url
    assert page.locator(".passage-kind").first.inner_text() == "本文"
    assert "other" not in visible_words(page)


def test_an_empty_answer_says_the_glossary_synonyms_were_searched_instead_of_linking_them_without_the_ward(
        site, page):
    """「港北区 育休」 finds nothing. The page offered 育児休業 and 育児休暇 as 「似た言葉で
    検索」 links; the search had already looked for them, and the links searched them
    without 港北区, so a click seemed to find what the ward's reports do not hold."""
    base_url, _corpus = site
    search_in_browser(page, base_url, "港北区 育休")
    assert page.locator("h2.summary").inner_text() == "該当する取組は見つかりませんでした"
    empty = page.locator(".empty-state")
    said = empty.locator(".searched-synonyms").inner_text()
    assert "育児休業" in said and "検索しました" in said
    assert empty.locator("a.suggestion").count() == 0
    # every link the empty answer offers either keeps the ward or is the plain advice
    for href in empty.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert "育児休業" not in href and "育児休暇" not in href


# ----------------------------------------------------------------------------- upload staff

def test_the_upload_page_states_the_batch_total_the_files_may_add_up_to_and_such_a_batch_goes_through(
        site, page, tmp_path):
    """The page said 「1回の送信で合計 101 MB」: five files' worth plus the allowance
    for the form's own fields. It now states what the files may add up to, and a
    batch of exactly that size is answered file by file (not refused as too large)."""
    base_url, _corpus = site
    page.goto(base_url + "/admin/")
    limits = page.locator(".upload-hints").inner_text()
    m = re.search(r"1ファイル (\d+) MB、1回の送信で合計 (\d+) MB", limits)
    assert m, limits
    per_file, total = int(m.group(1)), int(m.group(2))
    assert per_file == FILE_LIMIT_MB
    count = total // per_file
    assert count * per_file == total
    files = []
    for i in range(count):   # each file at the limit; not PDFs, so refused by the cheap check
        f = tmp_path / f"scan{i}.pdf"
        f.write_bytes(b"x" * (per_file * 1024 * 1024))
        files.append(str(f))
    page.locator("#upload-files").set_input_files(files)
    page.locator("#admin-token").fill(TOKEN)
    with page.expect_navigation():
        page.get_by_role("button", name="アップロードして索引を更新").click()
    body = page.locator("main").inner_text()
    assert "送信データが大きすぎます" not in body
    rows = page.locator("table tbody tr")
    assert rows.count() == count
    assert all("受け付けませんでした" in t for t in rows.all_inner_texts())


def test_the_glossary_page_names_the_server_s_folder_only_to_a_logged_in_admin(site, page):
    """The glossary editor is open to read; it printed the server's file path
    (/srv/…/config/glossary.txt) to anyone who opened it."""
    base_url, corpus = site
    folder = str(corpus.parent)
    page.goto(base_url + "/admin/glossary")
    assert "#" in page.locator("#glossary-text").input_value()    # the glossary itself is shown
    assert folder not in page.locator("main").inner_text()
    assert "ログインすると表示します" in page.locator("main").inner_text()

    page.goto(base_url + "/admin/")
    page.locator("#login-token").fill(TOKEN)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン").click()
    page.goto(base_url + "/admin/glossary")
    assert folder in page.locator("main").inner_text()


def test_a_refused_upload_says_the_files_were_not_saved_and_keeps_what_was_typed(site, page, tmp_path):
    """With a mistyped token the page came back saying only 「管理用トークンが正しくあり
    ません」, its file choice emptied by the browser: nothing said the report was not
    uploaded, nor that it has to be chosen again."""
    base_url, corpus = site
    report = tmp_path / "report_r6.txt"
    report.write_text(NEWSLETTER_TEXT.replace(NEWSLETTER_TERM, "ハンドベル体験会"), encoding="utf-8")
    page.goto(base_url + "/admin/")
    page.locator("#upload-files").set_input_files(str(report))
    page.locator("#upload-ward").fill("鶴見区")
    page.locator("#admin-token").fill(TOKEN + "-typo")
    with page.expect_navigation():
        page.get_by_role("button", name="アップロードして索引を更新").click()
    error = page.get_by_role("alert").inner_text()
    assert "管理用トークンが正しくありません" in error
    assert "ファイルは保存していません" in error and "選び直して" in error
    assert page.locator("#upload-files").evaluate("el => el.files.length") == 0
    assert page.locator("#upload-ward").input_value() == "鶴見区"
    assert not any(p.name == report.name for p in corpus.rglob("*"))


def test_a_job_page_opened_without_a_login_returns_to_the_job_after_logging_in(site, page):
    """A job page kept open across a server restart (new session key) or opened from a
    bookmark asks for the token; the login used to land on the admin page, leaving the
    uploader to find the job again."""
    base_url, _corpus = site
    job_id = upload_job(base_url, TOKEN, [("login_return.txt",
                                          NEWSLETTER_TEXT.replace(NEWSLETTER_TERM, "トランポリン教室"))])
    page.goto(f"{base_url}/admin/jobs/{job_id}")
    assert "ログインが必要です" in page.get_by_role("alert").inner_text()
    page.locator("#login-token").fill(TOKEN)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン").click()
    assert page.url == f"{base_url}/admin/jobs/{job_id}"
    assert page.locator("#job-state").is_visible()


def test_the_login_never_sends_the_browser_to_another_site(site, page):
    """Browsers drop tabs and line breaks inside a URL, so a return path "/\\t/evil"
    would have been followed to //evil, another site."""
    base_url, _corpus = site
    page.goto(f"{base_url}/admin/jobs/no-such-job")
    page.locator("input[name=next]").evaluate("el => { el.value = '/\\t/example.invalid/'; }")
    page.locator("#login-token").fill(TOKEN)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン").click()
    assert page.url == f"{base_url}/admin/"


@pytest.mark.parametrize("width", [375, 1280])
def test_each_per_file_label_sits_on_the_line_of_its_own_field(site, browser, tmp_path, width):
    """On a phone the per-file fields wrapped so that 「年度」 stood beside the 区 box
    and 「種別」 beside the 年度 box: an uploader typed a year where the ward goes."""
    base_url, _corpus = site
    files = []
    for name in ("first.txt", "second.txt"):
        (tmp_path / name).write_text(NEWSLETTER_TEXT, encoding="utf-8")
        files.append(str(tmp_path / name))
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ja-JP")
    try:
        pg = context.new_page()
        pg.goto(base_url + "/admin/")
        pg.locator("#upload-files").set_input_files(files)
        boxes = pg.locator(".per-file-row label").evaluate_all("""labels => labels.map(l => {
            const f = document.getElementById(l.htmlFor);
            const a = l.getBoundingClientRect(), b = f.getBoundingClientRect();
            return [l.textContent, a.left, a.right, (a.top + a.bottom) / 2, b.left, b.top, b.bottom];
        })""")
        assert len(boxes) == 6
        for text, l_left, l_right, l_middle, f_left, f_top, f_bottom in boxes:
            assert f_top <= l_middle <= f_bottom, f"「{text}」 is not on its field's line"
            assert l_right <= f_left + 1 and f_left - l_right < 60, f"「{text}」 is not just left of its field"
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_a_screen_reader_hears_each_card_s_evidence_as_a_group_named_根拠(site, page):
    """The evidence block carried aria-label="根拠" on a plain <div>, a name screen
    readers do not announce (a generic element cannot be named)."""
    base_url, _corpus = site
    search_in_browser(page, base_url, "多胎児")
    cards = page.locator("article.ward-card")
    assert cards.count() >= 1
    for i in range(cards.count()):
        group = cards.nth(i).get_by_role("group", name="根拠", exact=True)
        assert group.count() == 1
        assert group.locator("mark").count() >= 1    # the highlighted words that answer the query


def test_restoring_a_glossary_version_names_it_by_the_time_the_list_shows(site, page):
    """The list of earlier versions shows times; restoring one answered
    「glossary-20261130-160405-641918.txt の内容に戻しました」, a file name the page
    never showed."""
    base_url, _corpus = site
    page.goto(base_url + "/admin/")
    page.locator("#login-token").fill(TOKEN)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン").click()
    page.goto(base_url + "/admin/glossary")
    box = page.locator("#glossary-text")
    before = box.input_value()
    box.fill(before + "\nハンドベル ミュージックベル\n")
    with page.expect_navigation():
        page.locator("#glossary-save").click()
    assert "保存しました" in page.get_by_role("status").inner_text()
    shown = page.locator("label[for=version-1]").inner_text()      # the newest version: the text before the edit
    page.locator("#version-1").check()
    with page.expect_navigation():
        page.locator("#glossary-restore").click()
    said = page.get_by_role("status").inner_text()
    assert f"{shown} に置き換えられた版に戻しました" in said
    assert "glossary-" not in said and ".txt" not in said
    assert page.locator("#glossary-text").input_value().rstrip("\n") == before.rstrip("\n")


def test_a_finished_correction_job_still_says_what_it_was_for(site, page):
    """A ward / year correction made on a report's page starts a reindex with no
    uploaded file: the admin page's list of recent jobs said 「0 件」 for it, and its
    job page lost the reason once the job was done."""
    base_url, _corpus = site
    job = wait_for_job(base_url, upload_job(base_url, TOKEN, [(
        "correction_target.txt", NEWSLETTER_TEXT.replace(NEWSLETTER_TERM, "ボルダリング広場"))]), TOKEN)
    doc_id = job["files"][0]["doc_id"]
    correction = post_json(base_url, f"/api/admin/documents/{doc_id}/metadata", TOKEN, {"ward": "鶴見区"})["job"]
    wait_for_job(base_url, correction["id"], TOKEN)

    log_in(page, base_url, TOKEN)
    row = page.locator(".job-table tbody tr", has=page.locator(f"a[href$='{correction['id']}']"))
    assert row.count() == 1
    cell = row.locator("td").nth(2).inner_text()
    assert "区・年度・種別の修正" in cell and "correction_target.txt" in cell
    assert "0 件" not in cell
    with page.expect_navigation():      # the job's own page says it too, after it is done
        row.locator("a").click()
    assert page.locator("#job-state").inner_text() == "完了"
    assert "区・年度・種別の修正" in page.locator(".job-reason").inner_text()


def test_a_job_whose_only_file_could_not_be_read_does_not_count_it_as_added(site, page):
    """Random bytes named .txt pass the upload's cheap checks and are refused by the
    reindex; the job page said 「追加 1 件 … 読み込めないファイル 1 件」, as if the file
    had also gone into the index."""
    base_url, _corpus = site
    noise = bytes(range(256)) * 16     # every byte value, NULs included: no text encoding reads it
    job_id = upload_job(base_url, TOKEN, [("noise.txt", noise)])
    wait_for_job(base_url, job_id, TOKEN)
    log_in(page, base_url, TOKEN)
    page.goto(f"{base_url}/admin/jobs/{job_id}")
    summary = page.locator("p", has_text="索引全体").inner_text()
    assert "追加 0 件" in summary and "読み込めないファイル 1 件" in summary
    assert "受け付けませんでした" in page.locator("table").inner_text()


def test_on_a_phone_the_answer_starts_on_the_first_screen_and_the_filters_open_from_a_button(
        site, browser):
    """At 375 × 667 the search form's 絞り込み fields filled the first screen: after a
    search the answer began at 817 px and the page looked as if nothing had happened.
    The fields now fold behind a button there once results are shown."""
    base_url, _corpus = site
    context = browser.new_context(viewport={"width": 375, "height": 667}, locale="ja-JP")
    try:
        pg = context.new_page()
        search_in_browser(pg, base_url, "多胎児", ward="西区")
        summary = pg.locator("h2.summary")
        assert summary.bounding_box()["y"] + summary.bounding_box()["height"] <= 667
        assert not pg.locator("#f-ward").is_visible()
        toggle = pg.locator("button.filters-toggle")
        assert "1件指定中" in toggle.inner_text() and toggle.get_attribute("aria-expanded") == "false"
        toggle.focus()
        pg.keyboard.press("Enter")                   # keyboard only
        assert toggle.get_attribute("aria-expanded") == "true"
        assert pg.locator("#f-ward").is_visible() and pg.locator("#f-ward").input_value() == "西区"
        # an answer that is an error about a filter keeps the fields open
        search_in_browser(pg, base_url, "多胎児", year_from="abc")
        assert pg.locator("#f-year-from").is_visible()
        assert pg.locator("button.filters-toggle").count() == 0
    finally:
        context.close()


def test_at_desktop_width_and_without_javascript_the_filters_stay_open(site, browser):
    base_url, _corpus = site
    for options in ({"viewport": {"width": 1280, "height": 900}},
                    {"viewport": {"width": 375, "height": 667}, "java_script_enabled": False}):
        context = browser.new_context(locale="ja-JP", **options)
        try:
            pg = context.new_page()
            search_in_browser(pg, base_url, "多胎児")
            assert pg.locator("#f-ward").is_visible()
            assert not pg.locator("button.filters-toggle").is_visible()
        finally:
            context.close()


def test_the_breadcrumb_of_a_report_opened_from_results_leads_back_to_those_results(site, page):
    """A hub manager opening a card's report and then its 「似た取組」 used the
    breadcrumb's 「検索」 to go back, and landed on an empty search page."""
    base_url, _corpus = site
    search_in_browser(page, base_url, "多胎児", view="list", section="課題")
    results_url = page.url
    with page.expect_navigation():
        page.locator("ol.hits a.source-link").first.click()
    crumb = page.get_by_role("navigation", name="パンくずリスト").get_by_role("link")
    assert crumb.inner_text() == "検索結果"
    with page.expect_navigation():
        crumb.click()
    assert page.url == results_url
    assert page.locator("#q").input_value() == "多胎児"
    assert page.locator("#f-section").input_value() == "課題"
    # opened from a bookmark (no page before it), the breadcrumb is the search page
    href = page.locator("ol.hits a.source-link").first.get_attribute("href")
    page.goto(base_url + href)
    crumb = page.get_by_role("navigation", name="パンくずリスト").get_by_role("link")
    assert crumb.inner_text() == "検索" and crumb.get_attribute("href") == "/"
