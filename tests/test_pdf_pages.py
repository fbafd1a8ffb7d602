"""A passage of a PDF report cites the pages it is on (「3ページ」, 「3–4ページ」), which
someone opening the PDF can follow; text formats keep their line numbers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from benchmarks.format_variants import to_pdf_paged
from indexer import corpus as corpus_module
from indexer.load import load_file

REPO = Path(__file__).resolve().parent.parent
SEED = sorted((REPO / "corpus").glob("*.txt"))


def squeezed(text: str) -> str:
    """Text as compared between a passage and a PDF page: no markup, no spacing."""
    return re.sub(r"[\s|]+", "", text.replace("<br>", ""))


def ends(text: str) -> tuple[str, str]:
    """The beginning of a passage's first piece of text and the end of its last (a
    table row's cells come out of a PDF page column by column, so a passage's text
    is compared piece by piece: cells, lines, items)."""
    pieces = [squeezed(piece) for piece in re.split(r"\n| \| |<br>", text)]
    pieces = [piece for piece in pieces if len(piece) >= 4] or [squeezed(text)]
    return pieces[0][:10], pieces[-1][-10:]


def page_texts(pdf: bytes) -> list[str]:
    return [squeezed(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def paged_reports(tmp_path_factory) -> Path:
    """The seed reports re-laid as paged PDFs (A5, running header and page numbers)."""
    root = tmp_path_factory.mktemp("paged")
    for src in SEED:
        (root / f"{src.stem}.pdf").write_bytes(to_pdf_paged(src.read_text(encoding="utf-8")))
    return root


def parsed_pdfs(root: Path):
    for path in sorted(root.glob("*.pdf")):
        yield path, corpus_module.parse_one(path, root)


def test_a_passage_of_a_pdf_report_cites_the_page_it_is_on(paged_reports):
    checked = 0
    for path, parsed in parsed_pdfs(paged_reports):
        pages = page_texts(path.read_bytes())
        for p in parsed.passages:
            assert p.page_start is not None and 1 <= p.page_start <= p.page_end <= len(pages), p
            cited = pages[p.page_start - 1:p.page_end]
            head, tail = ends(p.text)
            # its beginning and its end are on the pages cited (a cell of a table row
            # cut by a page break is cited with both pages of the row)
            assert any(head in page for page in cited), (path.name, p.page_start, p.text[:40])
            assert any(tail in page for page in cited), (path.name, p.page_end, p.text[-40:])
            source = p.to_dict()["source"]
            assert (source["page_start"], source["page_end"]) == (p.page_start, p.page_end)
            checked += 1
    assert checked > 0


def test_a_passage_spanning_a_page_break_cites_both_pages(paged_reports):
    spanning = []
    for path, parsed in parsed_pdfs(paged_reports):
        pages = page_texts(path.read_bytes())
        for p in parsed.passages:
            head, tail = ends(p.text)
            head_on = [n for n, page in enumerate(pages, start=1) if head in page]
            tail_on = [n for n, page in enumerate(pages, start=1) if tail in page]
            # begins on one page and ends on a later one (text found on one page only)
            if len(head_on) == len(tail_on) == 1 and tail_on[0] > head_on[0]:
                spanning.append(((p.page_start, p.page_end), (head_on[0], tail_on[0])))
    assert spanning, "the paged layout breaks no passage across pages"
    for cited, found in spanning:
        assert cited == found


def test_every_line_of_a_pdfs_text_is_on_a_page_and_pages_follow_in_order(paged_reports):
    for path in sorted(paged_reports.glob("*.pdf")):
        loaded = load_file(path)
        n_lines = len(loaded.text.split("\n"))
        ranges = loaded.page_lines
        assert ranges and [page for page, _, _ in ranges] == sorted({page for page, _, _ in ranges})
        covered = {line for _, start, end in ranges for line in range(start, end + 1)}
        assert covered == set(range(1, n_lines + 1))
        assert loaded.page_span(1, 1) == (ranges[0][0], ranges[0][0])


def test_a_blank_page_is_skipped_and_the_text_after_it_cites_its_own_page(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "HeiseiKakuGo-W5"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    for lines in (["泉区地域子育て支援拠点事業", "令和5年度 事業評価"], [],  # an empty page between
                  ["父親向けの育児講座を土曜日に開いた。"]):
        pdf.setFont(font, 11)
        for n, line in enumerate(lines):
            pdf.drawString(72, 760 - 20 * n, line)
        pdf.showPage()
    pdf.save()
    (tmp_path / "blank.pdf").write_bytes(buf.getvalue())
    loaded = load_file(tmp_path / "blank.pdf")
    assert [page for page, _, _ in loaded.page_lines] == [1, 3]
    parsed = corpus_module.parse_one(tmp_path / "blank.pdf", tmp_path)
    last = next(p for p in parsed.passages if "父親向け" in p.text)
    assert (last.page_start, last.page_end) == (3, 3)


def test_a_table_row_cut_by_a_page_break_and_joined_back_is_on_both_pages(paged_reports, monkeypatch):
    from indexer.load import pdf_layout

    real_join = pdf_layout.join_cut_rows
    joined: list[tuple[str, int]] = []  # (the joined row, the page its continuation came from)

    def watched_join(pages):  # the loader's own join, watched: which rows did it join?
        out = real_join(pages)
        for page_no, (before, after) in enumerate(zip(pages, out), start=1):
            if before and (after or "").count("\n") < before.count("\n"):
                joined.append((before, page_no))
        return out

    monkeypatch.setattr(pdf_layout, "join_cut_rows", watched_join)
    rows_joined = 0
    for path in sorted(paged_reports.glob("*.pdf")):
        joined.clear()
        loaded = load_file(path)
        lines = loaded.text.split("\n")
        shared = {}  # page -> the line it shares with the page before it
        for (page, _, end), (next_page, next_start, _) in zip(loaded.page_lines, loaded.page_lines[1:]):
            if next_start <= end:
                assert next_start == end and loaded.page_span(end, end) == (page, next_page)
                shared[next_page] = end
        assert sorted(shared) == sorted(page for _, page in joined), path.name
        for before, page in joined:
            row = lines[shared[page] - 1]
            # the continuation the row took from the top of that page is in it
            top = next(line for line in before.split("\n") if line.strip())
            assert any(cell.strip() and cell.strip() in row for cell in top.split("\t")), (row, top)
            rows_joined += 1
    assert rows_joined > 0, "no table row of the paged layout is cut by a page break"


def test_a_text_report_has_no_pages_and_keeps_its_line_numbers(tmp_path):
    src = SEED[0]
    (tmp_path / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    parsed = corpus_module.parse_one(tmp_path / src.name, tmp_path)
    assert parsed.passages
    for p in parsed.passages:
        assert p.page_start is None and p.page_end is None
        source = p.to_dict()["source"]
        assert "page_start" not in source and source["line_start"] == p.line_start


# --- the citation as the pages show it ----------------------------------------------


def test_a_pdf_citation_says_the_page_and_a_text_citation_the_lines():
    from search_app.web.pages import source_citation

    pdf = {"source": {"file": "報告書.pdf", "line_start": 40, "line_end": 44, "page_start": 3, "page_end": 3}}
    spanning = {"source": {"file": "報告書.pdf", "line_start": 40, "line_end": 52, "page_start": 3, "page_end": 4}}
    text = {"source": {"file": "報告書.txt", "line_start": 40, "line_end": 44}}
    assert source_citation(pdf) == "出典: 報告書.pdf 3ページ"
    assert source_citation(spanning) == "出典: 報告書.pdf 3–4ページ"
    assert source_citation(text) == "出典: 報告書.txt 40–44行"


@pytest.fixture(scope="module")
def mixed_client(tmp_path_factory, paged_reports):
    """The web app over one seed report as a paged PDF and another as text."""
    from search_app.indexing import build_index
    from web_fixtures import make_app

    root = tmp_path_factory.mktemp("mixed")
    corpus = root / "corpus"
    corpus.mkdir()
    pdf = sorted(paged_reports.glob("*.pdf"))[0]
    (corpus / pdf.name).write_bytes(pdf.read_bytes())
    (corpus / SEED[1].name).write_text(SEED[1].read_text(encoding="utf-8"), encoding="utf-8")
    build_index(corpus, root / "index", semantic=False)
    return make_app(root / "index").test_client(), pdf.name, SEED[1].name


def test_the_document_page_of_a_pdf_cites_pages_and_of_a_text_report_lines(mixed_client):
    client, pdf_name, txt_name = mixed_client
    found = client.get("/api/search", query_string={"q": "子育て", "mode": "bm25", "k": 50}).get_json()
    by_file = {r["source"]["file"]: r for r in found["results"]}
    assert pdf_name in by_file and txt_name in by_file
    pdf_hit, txt_hit = by_file[pdf_name], by_file[txt_name]
    assert pdf_hit["source"]["page_start"] >= 1 and pdf_hit["source"]["page_end"] >= pdf_hit["source"]["page_start"]
    assert "page_start" not in txt_hit["source"]

    for hit, unit in ((pdf_hit, "ページ"), (txt_hit, "行")):
        doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
        html = client.get(f"/documents/{hit['doc_id']}").get_data(as_text=True)
        for p in doc["passages"]:
            src = p["source"]
            first, last = (src["page_start"], src["page_end"]) if unit == "ページ" else (src["line_start"], src["line_end"])
            shown = f"{first}{unit}" if first == last else f"{first}–{last}{unit}"
            assert f"出典: {src['file']} {shown}" in html


def test_a_search_result_of_a_pdf_cites_its_page(mixed_client):
    client, pdf_name, _ = mixed_client
    html = client.get("/", query_string={"q": "子育て", "mode": "bm25"}).get_data(as_text=True)
    assert re.search(rf"出典: {re.escape(pdf_name)} \d+(–\d+)?ページ", html)


# --- an index built before passages knew their pages --------------------------------


def test_an_index_built_before_pages_were_cited_gets_them_from_a_plain_reindex_without_re_embedding(
        tmp_path, monkeypatch, paged_reports, embedder):
    from indexer import parse
    from indexer.load import LoadedText
    from indexer.reindex import reindex
    from search_app.service import SearchService

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    pdf = sorted(paged_reports.glob("*.pdf"))[-1]
    (corpus / pdf.name).write_bytes(pdf.read_bytes())
    with monkeypatch.context() as old:  # the previous parser: no pages, version 8
        old.setattr(parse, "PARSER_VERSION", "8")
        old.setattr(LoadedText, "page_span", lambda self, start, end: None)
        reindex(corpus, index, embedder=embedder)

    def sources():
        data = SearchService.open(index, semantic=False)
        return [r["source"] for r in data.search("子育て", mode="bm25", k=50)["results"]]

    assert sources() and all("page_start" not in s for s in sources())
    summary = reindex(corpus, index, embedder=embedder)
    assert summary.reparsed == [pdf.name] and not summary.full
    assert summary.embedded == 0  # vectors are kept by text: the same passages are not embedded again
    assert sources() and all(s["page_start"] >= 1 for s in sources())


def test_the_csv_export_cites_a_pdfs_pages_and_a_text_reports_lines(mixed_client):
    import csv

    client, pdf_name, txt_name = mixed_client
    resp = client.get("/export.csv", query_string={"q": "子育て", "mode": "bm25"})
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))[1:]
    cited = [r[5] for r in rows]
    assert any(c.startswith(pdf_name) for c in cited) and any(c.startswith(txt_name) for c in cited)
    for c in cited:
        if c.startswith(pdf_name):
            assert re.fullmatch(rf"{re.escape(pdf_name)} \d+(–\d+)?ページ", c)
        else:
            assert re.fullmatch(rf"{re.escape(txt_name)}:\d+(-\d+)?", c)
