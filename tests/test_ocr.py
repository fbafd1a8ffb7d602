"""A scanned PDF (pages that are images of Japanese text) is read by OCR with
Debian's tesseract-ocr + tesseract-ocr-jpn (installed by scripts/setup.sh),
marked as OCR text, and becomes searchable; without the tools the refusal says
how to install them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from indexer.load import LoadError, load_bytes, ocr

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

REPORT_LINES = [
    "港南区地域子育て支援拠点事業",
    "令和5年度 重点目標の評価",
    "多胎児の家庭を訪問し、子育ての不安を聞き取りました。",
    "父親向けの講座を年3回開催しました。",
    "妊娠期から地域とつながる機会を増やします。",
]


@pytest.fixture(autouse=True)
def ocr_tools_installed():
    assert FONT.exists(), "fonts-noto-cjk is missing: run scripts/setup.sh --test"
    assert not ocr.missing_packages(), (
        f"OCR tools missing ({ocr.missing_packages()}): run scripts/setup.sh --test")


def page_image(lines: list[str], columns: list[int] | None = None) -> Image.Image:
    """An A4 page at 150 dpi with the lines drawn as a scanner would see them;
    a line holding TABs is drawn as table cells at the given x positions."""
    font = ImageFont.truetype(str(FONT), 36)
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        for cell, x in zip(line.split("\t"), columns or [100]):
            draw.text((x, 150 + i * 90), cell, font=font, fill=0)
    return img


def scanned_pdf(*pages: Image.Image) -> bytes:
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=150, save_all=True, append_images=list(pages[1:]))
    return buf.getvalue()


def bigram_recall(expected: str, got: str) -> float:
    want = {expected[i:i + 2] for i in range(len(expected) - 1)}
    have = {got[i:i + 2] for i in range(len(got) - 1)}
    return len(want & have) / len(want)


def test_scanned_pdf_of_japanese_text_is_read_by_ocr():
    raw = scanned_pdf(page_image(REPORT_LINES))
    assert not PdfReader(io.BytesIO(raw)).pages[0].extract_text().strip()  # no text layer
    loaded = load_bytes(raw, "scan.pdf")
    assert loaded.ocr and loaded.ocr_pages == (1,)
    for word in ("多胎児", "子育て", "父親", "妊娠期", "港南区"):
        assert word in loaded.text
    assert bigram_recall("".join(REPORT_LINES).replace(" ", ""), loaded.text) >= 0.9
    lines = loaded.text.split("\n")
    assert all(loaded.is_ocr_line(n) for n in range(1, len(lines) + 1))


def test_passages_of_a_scanned_report_can_be_marked_as_ocr_text():
    from indexer.parse import parse_text

    loaded = load_bytes(scanned_pdf(page_image(REPORT_LINES)), "scan.pdf")
    parsed = parse_text(loaded.text, "scan.pdf", loaded.sha256[:16], loaded.encoding)
    assert parsed.passages
    assert all(loaded.is_ocr_span(p.line_start, p.line_end) for p in parsed.passages)


def test_scanned_table_rows_come_out_as_tab_separated_cells():
    rows = ["取組内容\t双子の会を毎月開催しました。", "取組の成果\t参加者が増えました。"]
    loaded = load_bytes(scanned_pdf(page_image(rows, columns=[80, 520])), "table.pdf")
    lines = [line for line in loaded.text.split("\n") if line.strip()]
    assert [line.split("\t")[0] for line in lines] == ["取組内容", "取組の成果"]
    assert all(len(line.split("\t")) == 2 for line in lines)


def test_scanned_page_inside_a_digital_report_is_read_and_only_it_is_marked():
    from benchmarks.format_variants import to_pdf

    digital = to_pdf("港南区地域子育て支援拠点事業\n令和5年度重点目標評価結果")
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(digital)))
    writer.append(PdfReader(io.BytesIO(scanned_pdf(page_image(REPORT_LINES[2:])))))
    buf = io.BytesIO()
    writer.write(buf)
    loaded = load_bytes(buf.getvalue(), "mixed.pdf")
    assert loaded.ocr_pages == (2,)
    lines = loaded.text.split("\n")
    first_ocr = next(n for n, line in enumerate(lines, start=1) if "多胎児" in line)
    assert loaded.is_ocr_line(first_ocr)
    assert not loaded.is_ocr_line(1) and "港南区" in lines[0]
    assert not loaded.is_ocr_span(1, 2) and loaded.is_ocr_span(2, first_ocr)


def test_pages_beyond_the_ocr_page_limit_are_reported_not_dropped_silently(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PAGES", 1)
    raw = scanned_pdf(page_image(REPORT_LINES[:2]), page_image(REPORT_LINES[2:]))
    loaded = load_bytes(raw, "long-scan.pdf")
    assert loaded.ocr_pages == (1,)
    assert any("読み込んでいないページ: 2" in w for w in loaded.warnings)


def test_without_ocr_tools_a_scanned_pdf_is_refused_with_install_advice(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract, no pdftoppm
    with pytest.raises(LoadError) as info:
        load_bytes(scanned_pdf(page_image(REPORT_LINES)), "scan.pdf")
    reason = info.value.reason
    assert reason.startswith("文字情報のないPDFです。OCR（tesseract-ocr と tesseract-ocr-jpn）を導入すると読み込めます")
    assert "apt-get install" in reason and "tesseract-ocr" in reason and "poppler-utils" in reason


def test_without_japanese_language_data_the_advice_names_the_package(monkeypatch, tmp_path):
    # A tesseract that knows only English: TESSDATA_PREFIX pointing at a
    # folder with eng data alone (as on a machine without tesseract-ocr-jpn).
    tessdata = Path("/usr/share/tesseract-ocr/5/tessdata")
    (tmp_path / "eng.traineddata").symlink_to(tessdata / "eng.traineddata")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert ocr.missing_packages() == ["tesseract-ocr-jpn"]
    with pytest.raises(LoadError) as info:
        load_bytes(scanned_pdf(page_image(REPORT_LINES)), "scan.pdf")
    assert info.value.reason.endswith("apt-get install tesseract-ocr-jpn")


def test_scanned_report_is_searchable_after_indexing(tmp_path):
    from search_app.indexing import build_index
    from search_app.service import SearchService

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "konan-scan.pdf").write_bytes(scanned_pdf(page_image(REPORT_LINES)))
    summary = build_index(corpus, tmp_path / "index", semantic=False)
    assert not getattr(summary, "failed", None), summary
    service = SearchService(tmp_path / "index", semantic=False)
    results = service.search("多胎児", mode="bm25", k=5)["results"]
    assert results and results[0]["source"]["file"] == "konan-scan.pdf"
    assert "多胎児" in results[0]["text"]
    assert results[0]["ocr"] is True


def test_the_document_page_marks_passages_read_by_ocr(tmp_path):
    from search_app.indexing import build_index
    from search_app.web import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "konan-scan.pdf").write_bytes(scanned_pdf(page_image(REPORT_LINES)))
    build_index(corpus, tmp_path / "index", semantic=False)
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus),
                      "SEMANTIC": False})
    client = app.test_client()
    doc_id = client.get("/api/search?q=多胎児&mode=bm25").get_json()["results"][0]["doc_id"]
    html = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "文字認識で読み取り" in html and 'class="ocr-mark"' in html



def test_a_web_request_can_check_a_scan_quickly_and_leave_ocr_to_the_job():
    raw = scanned_pdf(page_image(REPORT_LINES), page_image(REPORT_LINES[:2]))
    quick = load_bytes(raw, "scan.pdf", ocr=False)
    assert quick.ocr_pending == (1, 2) and not quick.ocr and quick.text == ""
    full = load_bytes(raw, "scan.pdf")
    assert full.ocr_pages == (1, 2) and not full.ocr_pending and "多胎児" in full.text
    assert quick.sha256 == full.sha256


def test_deferred_ocr_still_refuses_a_scan_when_the_tools_are_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LoadError) as info:
        load_bytes(scanned_pdf(page_image(REPORT_LINES)), "scan.pdf", ocr=False)
    assert "apt-get install" in info.value.reason
