"""An archive of many years per ward: what changes when the corpus is an archive
rather than a handful of reports (benchmarks/archive.py --per-ward builds one at
full size; these tests use a few tiny generated reports)."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from benchmarks.archive import era_of
from indexer import positions, store
from indexer.reindex import reindex
from search_app.service import SearchService
from web_fixtures import make_app
from whoosh import index as whoosh_index

WARD = "港南区"


def report(folder: Path, year: int, ward: str = WARD, words: str = "多胎児の家庭が集まる交流会") -> Path:
    """A short evaluation report of one fiscal year, its year written in 和暦."""
    era, n = era_of(year)
    path = folder / f"{ward}_{year}.txt"
    path.write_text(f"{era}{n}年度 地域子育て支援拠点事業 評価報告書\n\n{ward}地域子育て支援拠点\n\n取組の成果\n\n"
                    f"{words}を{era}{n}年度に開き、双子の親同士がつながった。\n", encoding="utf-8")
    return path


def archive(folder: Path, first: int, last: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for year in range(first, last + 1):
        report(folder, year)
    report(folder, last, ward="西区")
    return folder


def test_the_ward_year_grid_of_a_long_archive_counts_the_years_it_cannot_show(tmp_path):
    corpus = archive(tmp_path / "corpus", 2001, 2024)     # 24 fiscal years, 平成13 … 令和6
    reindex(corpus, tmp_path / "index")
    client = make_app(tmp_path / "index").test_client()
    html = client.get("/", query_string={"q": "多胎児", "mode": "bm25"}).get_data(as_text=True)
    grid = html[html.index('<table class="grid">'):html.index("</table>")]
    header = re.findall(r'<span class="y-west">([^<]+)</span>', grid)
    shown = [int(y) for y in header if y.isdigit()]
    assert shown[-1] == 2024 and shown[0] > 2001               # the table holds the recent years
    earlier = shown[0] - 2001                                  # the years before it, one report each
    assert header[0] == f"〜{shown[0] - 1}"                    # … counted in a column of their own
    row = grid[grid.index(f'<th scope="row">{WARD}</th>'):]
    assert re.search(rf'<td class="grid-earlier"[^>]*>{earlier}</td>', row)
    note = html[html.index("grid-earlier-note"):]
    note = note[:note.index("</p>")]
    assert f"該当 {earlier} 件" in note and "平成13年度" in note
    link = re.search(r'href="([^"]+)"', note).group(1).replace("&amp;", "&")
    assert f"year_to={shown[0] - 1}" in link
    older = client.get(link).get_data(as_text=True)             # the link shows those years by year
    older_grid = older[older.index('<table class="grid">'):older.index("</table>")]
    assert "2001" in older_grid and "grid-earlier-note" not in older


def test_a_short_archive_s_grid_has_no_earlier_column(tmp_path):
    corpus = archive(tmp_path / "corpus", 2019, 2024)
    reindex(corpus, tmp_path / "index")
    html = make_app(tmp_path / "index").test_client().get(
        "/", query_string={"q": "多胎児", "mode": "bm25"}).get_data(as_text=True)
    assert '<table class="grid">' in html and "grid-earlier" not in html


def _answers(index_dir: Path) -> dict:
    service = SearchService.open(index_dir, semantic=False)
    return {q: [(p["passage_id"], p["score"]) for p in service.search(q, mode="bm25")["results"]]
            for q in ("多胎児", "交流会", '"双子の親"', "令和3年度 多胎児", "西区")}


def test_changing_and_removing_reports_of_an_archive_answers_exactly_as_a_full_rebuild(tmp_path):
    corpus = archive(tmp_path / "corpus", 2010, 2024)
    inc = tmp_path / "inc"
    reindex(corpus, inc)
    report(corpus, 2015, words="ふたごの家庭が集まるおしゃべり会")          # changed
    (corpus / f"{WARD}_2012.txt").unlink()                                  # removed
    report(corpus, 2025)                                                    # added
    summary = reindex(corpus, inc)
    assert (summary.changed, summary.removed, summary.added) == (
        [f"{WARD}_2015.txt"], [f"{WARD}_2012.txt"], [f"{WARD}_2025.txt"])
    full = tmp_path / "full"
    shutil.copytree(corpus, tmp_path / "again")
    reindex(tmp_path / "again", full, full=True)
    assert _answers(inc) == _answers(full)


def test_after_a_report_is_replaced_phrase_checks_still_read_stored_positions(tmp_path):
    """Every keyword segment keeps the positions a full build stores beside it, so a
    phrase search after an edit costs what it cost before (Whoosh's own merge wrote a
    segment without them, read posting by posting in Python)."""
    corpus = archive(tmp_path / "corpus", 2016, 2024)
    index_dir = tmp_path / "index"
    reindex(corpus, index_dir)
    report(corpus, 2020, words="ふたごの家庭が集まるおしゃべり会")
    reindex(corpus, index_dir)
    folder = store.open_generation(index_dir).fulltext_path
    segments = [s.segment_id() for s in whoosh_index.open_dir(str(folder))._segments()]
    assert segments
    assert all(positions.segment_folder(folder, s).exists() for s in segments)
    hits = SearchService.open(index_dir, semantic=False).search('"おしゃべり会"', mode="bm25")["results"]
    assert [h["fiscal_year_from"] for h in hits] == [2020]


def test_an_archive_of_several_years_per_ward_has_consecutive_years_in_every_format_and_rebuilds_nothing(tmp_path):
    from benchmarks.archive import build, load_manifest
    from indexer.corpus import parse_corpus
    from indexer.metadata import YOKOHAMA_WARDS

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = "003_d2a364418de75729.txt"     # 港南区 令和５年度
    shutil.copy(Path(__file__).resolve().parent.parent / "corpus" / seed, seeds / seed)
    out = tmp_path / "archive"
    copies = build(out, seeds, per_ward=5, formats=["txt", "docx"])
    assert len(copies) == 5 * len(YOKOHAMA_WARDS) and load_manifest(out) == copies
    for ward in YOKOHAMA_WARDS:
        years = sorted(c.year_from for c in copies if c.ward == ward)
        assert years == list(range(years[0], years[0] + 5))            # five consecutive fiscal years
    assert {c.format for c in copies} == {"txt", "docx"}
    parsed = {Path(d.source).name: d for d in parse_corpus(out / "corpus").documents}
    for c in copies:
        assert (parsed[c.file].ward, parsed[c.file].fiscal_year_from) == (c.ward, c.year_from), c.file
    assert any(c.year_from < 2019 for c in copies)                      # back into 平成
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "corpus").iterdir()}
    build(out, seeds, per_ward=5, formats=["txt", "docx"])
    assert {p.name: p.stat().st_mtime_ns for p in (out / "corpus").iterdir()} == stamps


def test_whole_index_counts_are_counted_once_per_index_and_follow_a_reindex(tmp_path, monkeypatch):
    """The filter choices of every search page and /status count the whole index; on an
    archive that is a pass over every passage (~50 ms a page at 360 reports), so it is
    counted once per index generation — and a reindex shows the new counts."""
    from search_app.generation import Generation

    corpus = archive(tmp_path / "corpus", 2019, 2024)
    index_dir = tmp_path / "index"
    reindex(corpus, index_dir)
    whole = []
    counts = Generation.facet_counts

    def counting(self, indices):
        if len(indices) == self.n:
            whole.append(self.name)
        return counts(self, indices)

    monkeypatch.setattr(Generation, "facet_counts", counting)
    client = make_app(index_dir).test_client()
    for url in ("/?q=多胎児&mode=bm25", "/?q=交流会&mode=bm25", "/status", "/api/facets"):
        assert client.get(url).status_code == 200
    facets = client.get("/api/facets").get_json()
    assert len(whole) == 1
    assert set(facets["year"]) == {str(y) for y in range(2019, 2025)}
    assert facets["ward"][WARD] > facets["ward"]["西区"] > 0
    facets["year"].clear()                                    # a caller's copy, not the count
    assert client.get("/api/facets").get_json()["year"]

    report(corpus, 2025)
    reindex(corpus, index_dir)
    # the server re-reads the index at most once a second and switches to the new
    # generation once it is open, answering from the old one meanwhile
    deadline = time.monotonic() + 60
    while "2025" not in (years := client.get("/api/facets").get_json()["year"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "2025" in years
    assert "令和7年度" in client.get("/status").get_data(as_text=True)
    assert len(whole) == 2 and whole[0] != whole[1]
