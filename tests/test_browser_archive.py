"""The product at the size users have (ux17): an archive of several wards' reports over
several fiscal years, walked in a real headless Chromium (Playwright) against the real
app on waitress on loopback.

The archive is generated as `python -m benchmarks.archive` generates the 18-ward one
(`benchmarks.archive.plan`: the seed reports relabelled to each ward and year-shifted),
here 4 wards × 4 consecutive fiscal years, keyword index, so the module starts in
seconds. As in a real archive, a ward's goal is carried over: the same seed report comes
back three years later, so one text is in several reports of one ward and in other
wards' — the copies the result list folds into one row (「同様の記載」).

Each test is something the walk over the 108-report archive found wrong, named after
what the user now sees. Needs Debian's chromium at /usr/bin/chromium (tests/browsers.py).
"""

from __future__ import annotations

import re
import time
import urllib.request
from urllib.parse import quote

import pytest

from admin_api import get_json
from browsers import browser, log_in, page, search_in_browser, needs_chromium  # noqa: F401 (fixtures)
from servers import running

TOKEN = "archive-walk-token-0123"
WARDS = 4
YEARS = 4
QUERIES = ("多胎児", "妊娠期支援")

pytestmark = [pytest.mark.browser, needs_chromium]


def write_archive(corpus) -> list:
    """4 wards × 4 fiscal years of relabelled seed reports, as benchmarks.archive plans them."""
    from benchmarks.archive import plan, seed_documents
    from indexer.metadata import YOKOHAMA_WARDS

    seeds = seed_documents()
    copies = plan(seeds, wards=YOKOHAMA_WARDS[:WARDS], per_ward=YEARS)
    corpus.mkdir(parents=True)
    for c in copies:
        (corpus / c.file).write_text(c.relabel(seeds[c.source]["text"]), encoding="utf-8")
    return copies


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, corpus folder) of one server over the archive for the module."""
    from search_app.indexing import build_index
    from search_app.web import admin, create_app

    root = tmp_path_factory.mktemp("archive-walk")
    corpus, index = root / "corpus", root / "index"
    copies = write_archive(corpus)
    summary = build_index(corpus, index, semantic=False, full=True)
    assert not summary.failed and summary.documents == len(copies) == WARDS * YEARS
    app = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "ADMIN_TOKEN": token_value(),
                      "SEMANTIC": False, "TESTING": True})
    try:
        with running(app) as url:
            get_json(url, "/api/search", q="多胎児")   # the first search opens the index
            yield url, corpus
    finally:
        admin.shutdown_jobs(app)


def token_value() -> str:
    return TOKEN


def number(text: str, pattern: str) -> int:
    return int(re.search(pattern, text).group(1))


def facet_counts(page, facet: str) -> dict[str, int]:
    """The 「該当の内訳」 row of `facet` (年度, 区分, 種別): label → number."""
    row = page.locator(f'.facet-row[data-facet="{facet}"] a.facet-link')
    return {m.group(1): int(m.group(2))
            for m in (re.match(r"(.+)（(\d+)）$", t.strip()) for t in row.all_inner_texts()) if m}


def folded_query(base_url: str) -> str:
    """A walk query whose answer folds copies (the archive's carried-over goals)."""
    for q in QUERIES:
        answer = get_json(base_url, "/api/search", q=q, k=100)
        if answer["total"] < answer["total_passages"]:
            return q
    raise AssertionError("no walk query has copies on this archive")


# ----------------------------------------------------------------------------- policy staff

def test_on_an_archive_the_ward_cards_add_up_to_the_headline_and_each_grid_column_to_its_年度_count(site, page):
    """With goals carried over year after year, the headline said 「該当パッセージ 214 件」 over
    cards adding up to 108 and a 年度 row adding up to 64 (the cards folded a ward's copies,
    the facets every ward's): now every number counts each report's passage."""
    url, _corpus = site
    query = folded_query(url)
    search_in_browser(page, url, query)
    head = page.locator(".results-head").inner_text()
    headline = number(head, r"該当パッセージ (\d+) 件")
    cards = [int(t) for t in re.findall(r"該当 (\d+) 件", " ".join(page.locator(".card-count").all_inner_texts()))]
    others = [int(n) for n in re.findall(r"（(\d+)件）", page.locator(".other-wards").inner_text())] \
        if page.locator(".other-wards").count() else []
    assert sum(cards) + sum(others) == headline
    assert sum(facet_counts(page, "区分").values()) == headline
    assert sum(facet_counts(page, "種別").values()) == headline
    assert "件数（区ごとのカード、区 × 年度の分布、該当の内訳）は報告書ごとの記載を数え" in head
    # the ward × year grid: a year's column adds up to the 年度 count of that year
    years = page.locator("table.grid thead th .y-west").all_inner_texts()
    columns = [0] * len(years)
    for row in page.locator("table.grid tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        for i, cell in enumerate(cells[-len(years):]):
            columns[i] += int(cell) if cell.strip() else 0
    by_era = facet_counts(page, "年度")
    assert sorted(by_era.values()) == sorted(c for c in columns if c)
    assert "同じ内容の記載も報告書ごとに数えます" in page.locator(".grid-note").first.inner_text()


def test_a_年度_count_opens_a_list_that_says_it_holds_that_many_passages_in_fewer_rows(site, page):
    """The 年度 count of a year whose passages include copies of one text: its list used to
    say the folded number (「令和5年度の 4 件」) under a count of 4 beside a grid column of 22."""
    from indexer.wareki import western_to_label

    url, _corpus = site
    query = folded_query(url)
    answer = get_json(url, "/api/search", q=query, k=100)
    shares = {y: get_json(url, "/api/search", q=query, k=100, result_year=y)["total"] for y in answer["facets"]["year"]}
    year = next(y for y, n in answer["facets"]["year"].items() if shares[y] < n)
    count = answer["facets"]["year"][year]
    search_in_browser(page, url, query)
    page.locator(f'.facet-row[data-facet="年度"] a.facet-link:has-text("{western_to_label(int(year))}（{count}）")').click()
    page.locator(".results").wait_for()
    assert number(page.locator("#results-heading").inner_text(), r"の (\d+) 件") == count
    assert 1 <= page.locator("li.hit").count() <= shares[year] < count
    sub = page.locator(".scope-back").inner_text()
    assert f"同じ内容の記載は一覧で {shares[year]} 件にまとめ" in sub
    assert "この条件の外の区・年度にある同じ記載も挙げています" in sub


ERA_YEAR = r"(?:令和|平成|昭和)(?:元|\d+)年度"


def test_同様の記載_names_each_ward_once_in_the_city_s_order_with_its_years_in_order(site, page):
    """On the archive a row's copies were listed in ranking order: 「鶴見区・令和3年度、西区・令和4年度、
    西区・令和元年度、南区・令和5年度 …」, the same ward again and again, its years out of order."""
    from indexer.metadata import YOKOHAMA_WARDS
    from indexer.wareki import western_to_label

    url, _corpus = site
    query = folded_query(url)
    search_in_browser(page, url, query, view="list")
    lines = page.locator("li.duplicates").all_inner_texts()
    assert lines
    era_order = {western_to_label(y): y for y in range(1989, 2040)}
    for line in lines:
        m = re.match(r"同様の記載 (\d+)件：(.+)$", line.strip())
        assert m, line
        places = re.findall(r"([^、（]+)（([^）]+)）", m.group(2))
        wards = [w.split(" ")[0] for w, _ in places]   # (港北区 どろっぷ: the ward, then the hub it states)
        assert len(wards) == len(set(wards)), line
        assert wards == sorted(wards, key=YOKOHAMA_WARDS.index), line
        # (a year may follow the hub its report states: どろっぷ 平成29年度, スマイル・ポート 令和3年度)
        years = [y for _, ys in places for y in re.findall(ERA_YEAR, ys)]
        assert 1 <= len(years) <= int(m.group(1)), line   # a ward's two copies of one year: that year once
        for _w, ys in places:
            western = [era_order[y] for y in re.findall(ERA_YEAR, ys)]
            assert western == sorted(western), line


# ----------------------------------------------------------------------------- hub managers

def test_a_hub_manager_opens_another_year_of_the_same_goal_from_同様の記載_and_the_ward_s_other_reports_from_it(
        site, page):
    """「同様の記載」 named the other years of a goal carried over as plain text, and a report's
    page led nowhere but back to the search: now each year opens that report at the same
    passage, and the report's page links to the ward's reports, year by year."""
    url, _corpus = site
    search_in_browser(page, url, folded_query(url), view="list")
    link = page.locator("li.duplicates a").first
    name = link.get_attribute("aria-label")
    ward = name.split("・")[0].split(" ")[0]   # (港北区 どろっぷ・平成29年度: the hub its report states)
    with page.expect_navigation():
        link.click()
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f'[id="{anchor}"]').count() == 1
    meta = page.locator(".doc-meta").inner_text()
    assert ward in meta and name.rsplit("・", 1)[1].replace("の同様の記載を報告書で読む", "") in meta
    with page.expect_navigation():
        page.locator("a.ward-reports").click()
    assert page.locator(".doc-list-count").inner_text().startswith(f"全 {YEARS} 件")
    rows = page.locator("table.doc-list tbody tr")
    assert set(rows.locator("td:first-child").all_inner_texts()) == {ward}
    assert rows.count() == YEARS


def test_a_hub_manager_reads_one_ward_s_practice_year_by_year_in_the_list_and_its_csv(site, page):
    """A ward + topic over the years was only in relevance order: 年度順 lists it oldest
    year first (then ward), its CSV in the same order; an order not offered is refused."""
    import csv
    import io

    from indexer.wareki import western_to_label

    url, _corpus = site
    wards = dict.fromkeys(d["ward"] for d in get_json(url, "/api/documents")["documents"])
    query = next(f"{w} {q}" for w in wards for q in QUERIES      # a ward + topic found in several years
                 if len({r["fiscal_year_from"] for r in get_json(url, "/api/search", q=f"{w} {q}", k=100)["results"]}) >= 3)
    search_in_browser(page, url, query, view="list")
    with page.expect_navigation():
        page.locator(".list-order a", has_text="年度順").click()
    assert "年度順" in page.locator(".results-head").inner_text()
    labels = page.locator("li.hit .tag-year").all_inner_texts()
    era = {western_to_label(y): y for y in range(1989, 2040)}
    years = [era[re.match(r"(.+?年度)", t).group(1)] for t in labels]
    assert len(years) >= 2 and years == sorted(years) and len(set(years)) >= 2
    with urllib.request.urlopen(f"{url}/export.csv?q={quote(query)}&order=year", timeout=120) as resp:
        rows = list(csv.reader(io.StringIO(resp.read().decode("utf-8-sig"))))[1:]
    assert [era[re.match(r"(.+?年度)", r[1]).group(1)] for r in rows][:len(years)] == years
    page.goto(f"{url}/?q={quote(query)}&view=list&order=newest")
    assert "並び順（order）「newest」は指定できません" in page.locator(".notice-error").inner_text()


def test_on_a_phone_the_archive_s_answer_and_list_of_reports_fit_the_screen_width(site, page):
    url, _corpus = site
    page.set_viewport_size({"width": 375, "height": 667})
    for path in (f"/?q={quote(folded_query(url))}", f"/?q={quote(folded_query(url))}&view=list", "/documents"):
        page.goto(url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path


# ----------------------------------------------------------------------------- staff who upload

def wait_for_job(page) -> str:
    for _ in range(600):
        state = page.locator("#job-state").inner_text()
        if state not in ("待機中", "実行中"):
            return state
        time.sleep(0.5)
    raise AssertionError("the job did not finish")


def test_the_list_of_reports_shows_when_each_was_indexed_and_a_replaced_one_says_it_was_replaced_and_when(
        site, page, tmp_path):
    """The list showed the last reindex once, no date per report; a replacement's finished
    job page said 「…に差し替えます」 (what it would do) and its file 「索引に追加」."""
    url, corpus = site
    before = get_json(url, "/api/documents", limit=200)["documents"]
    assert before and all(d["first_indexed"] and d["last_changed"] == d["first_indexed"] for d in before)
    page.goto(url + "/documents")
    assert page.locator("table.doc-list tbody tr .first-indexed").count() == min(len(before), 50)
    target = before[-1]
    log_in(page, url, TOKEN)
    page.goto(url + target["url"])
    assert "索引に登録" in page.locator(".doc-meta").inner_text()
    new = tmp_path / "replacement.txt"
    new.write_text((corpus / target["source"]).read_text(encoding="utf-8").replace("子育て", "子育て（改訂版）", 1),
                   encoding="utf-8")
    page.locator("details.file-form summary").click()
    page.locator("#replace-file").set_input_files(str(new))
    with page.expect_navigation():
        page.get_by_role("button", name="差し替えて索引に反映").click()
    assert wait_for_job(page) == "完了"
    reason = page.locator(".job-reason").inner_text()
    assert "に差し替えました" in reason and "差し替えます" not in reason
    assert page.locator("table.job-table").inner_text().count("差し替えて索引を更新") == 1
    page.goto(url + "/admin/")
    assert "に差し替えました" in page.locator("main").inner_text()
    after = {d["source"]: d for d in get_json(url, "/api/documents", limit=200)["documents"]}
    replaced = after[target["source"]]
    assert replaced["first_indexed"] == target["first_indexed"]
    assert replaced["last_changed"] == get_json(url, "/healthz")["created"]   # the reindex that replaced it
    unchanged = [d for d in before if d["source"] != target["source"]]
    assert all(after[d["source"]]["last_changed"] == d["last_changed"] for d in unchanged)
    page.goto(url + "/documents?" + "ward=" + quote(target["ward"]))
    row = page.locator(f'tr[data-doc-id="{replaced["doc_id"]}"]')
    assert "登録" in row.inner_text()
    page.goto(url + replaced["url"])
    assert "索引に登録" in page.locator(".doc-meta").inner_text()


def test_the_admin_page_of_a_long_history_shows_the_newest_ten_and_offers_every_kept_one(site, page, tmp_path):
    """After an archive's many batches the admin page listed the newest ten and nothing said
    the older ones were kept, nor led to them. (Twelve batches of an empty file: each is
    refused and recorded, and starts no reindex.)"""
    url, _corpus = site
    log_in(page, url, TOKEN)
    for i in range(12):
        empty = tmp_path / f"空のファイル{i:02d}.txt"
        empty.write_bytes(b"")
        page.goto(url + "/admin/")
        page.locator("#upload-files").set_input_files(str(empty))
        with page.expect_navigation():
            page.get_by_role("button", name="アップロードして索引を更新").click()
    page.goto(url + "/admin/")
    rows = page.locator("#recent-jobs ~ table.job-table tbody tr")
    assert rows.count() == 10
    offer = page.locator("a.jobs-all")
    kept = number(offer.inner_text(), r"記録している (\d+) 件をすべて表示する")
    assert kept >= 12
    with page.expect_navigation():
        offer.click()
    assert rows.count() == kept
    assert "空のファイル00.txt" in page.locator("#recent-jobs ~ table.job-table").inner_text()
