"""Text a file shows that is not in its body stream: the answers typed into a PDF form's
fields (`indexer.load.pdf_forms`) and the text of shapes drawn on an Excel sheet
(`indexer.load.xlsx_drawings`; in an .ods sheet LibreOffice writes them inside their anchor
cells, `indexer.load.ods`; an .xls sheet keeps them in drawing records, `indexer.load.xls_drawings`),
read where a reader sees them."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject

from indexer.load import load_bytes
from indexer.load.xlsx_drawings import with_text_boxes

DATA = Path(__file__).resolve().parent / "data" / "unseen10"


def _lines(text: str) -> list[str]:
    return [" ".join(part for part in line.split("\t") if part) for line in text.split("\n")]


def test_a_pdf_forms_typed_answers_are_read_on_the_line_of_their_printed_label():
    text = load_bytes((DATA / "kohoku_r5_form_fields.pdf").read_bytes(), "form.pdf").text
    lines = _lines(text)
    assert "対象年度 令和５年度" in lines
    assert any(line.startswith("取組内容 両親教室の会場で拠点の紹介を行い") for line in lines)


def test_a_form_field_hidden_from_view_is_not_read():
    reader = PdfReader(io.BytesIO((DATA / "kohoku_r5_form_fields.pdf").read_bytes()))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    for ref in writer.pages[0]["/Annots"]:
        field = ref.get_object()
        if field.get("/T") == "year":
            field[NameObject("/F")] = NumberObject(2)  # hidden
    out = io.BytesIO()
    writer.write(out)
    text = load_bytes(out.getvalue(), "hidden.pdf").text
    assert "令和５年度" not in text
    assert "両親教室の会場で" in text


def test_a_ticked_check_box_reads_as_a_ticked_option_and_the_others_as_empty_boxes():
    text = load_bytes((DATA / "konan_r2_form_check_boxes.pdf").read_bytes(), "boxes.pdf").text
    rating = next(line for line in _lines(text) if line.startswith("評価 "))
    assert rating.replace(" ", "") == "評価□A☑B□C□D"


def test_excel_text_boxes_are_read_in_the_cells_they_lie_over():
    text = load_bytes((DATA / "sakae_r1_text_boxes.xlsx").read_bytes(), "boxes.xlsx").text
    assert "取組の成果 交流会の参加家庭が八世帯から十五世帯に増え、家庭同士で連絡を取り合う関係ができた。" in _lines(text)


def test_a_text_box_takes_the_first_empty_cell_from_its_column_and_a_page_anchored_box_goes_below():
    rows = [("取組内容", None, "既存の値"), ("取組の成果",)]
    boxes = [(0, 2, "箱の文"), (1, 3, "右の箱"), (None, 0, "ページの箱")]
    assert with_text_boxes(rows, boxes) == [
        ["取組内容", None, "既存の値", "箱の文"], ["取組の成果", None, None, "右の箱"], ["ページの箱"]]


def test_text_boxes_libreoffice_anchors_inside_an_ods_sheets_cells_are_read_beside_their_labels():
    text = load_bytes((DATA / "sakae_r1_text_boxes_calc.ods").read_bytes(), "boxes.ods").text
    assert "取組の成果 交流会の参加家庭が八世帯から十五世帯に増え、家庭同士で連絡を取り合う関係ができた。" in _lines(text)


def test_text_boxes_of_an_excel_97_2003_sheet_are_read_beside_their_labels():
    text = load_bytes((DATA / "sakae_r1_text_boxes_97.xls").read_bytes(), "boxes.xls").text
    assert "取組の成果 交流会の参加家庭が八世帯から十五世帯に増え、家庭同士で連絡を取り合う関係ができた。" in _lines(text)


def test_an_xls_sheet_drawn_only_with_text_boxes_is_read_not_refused_as_empty():
    text = load_bytes((DATA / "chigasaki_2022_boxes_only_97.xls").read_bytes(), "boxes.xls").text
    assert "目標１ 初めての親子が利用しやすいひろばにする" in _lines(text)


def test_cell_comments_are_not_read_as_text():
    text = load_bytes((DATA / "hodogaya_r5_one_cell_boxes.xlsx").read_bytes(), "comments.xlsx").text
    assert "照合済み" not in text
    assert "遊具の貸出は年間三十回となり" in text


def _form_pdf(printed: list[tuple[float, str]], fields: list[tuple[tuple[float, float, float, float], str]]) -> bytes:
    """A one-page PDF printing `printed` lines (y, text) at x 50, with text fields (rect, value)."""
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("HeiseiKakuGo-W5", 10)
    for y, text in printed:
        c.drawString(50, y, text)
    c.save()
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    page = writer.pages[0]
    page[NameObject("/Annots")] = ArrayObject()
    for rect, value in fields:
        page["/Annots"].append(writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("f"),
            NameObject("/V"): TextStringObject(value), NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
            NameObject("/DA"): TextStringObject("/F1 10 Tf 0 g")})))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_field_whose_long_value_the_page_already_prints_is_not_read_twice():
    value = "両親教室の会場で拠点の紹介を行った。"
    data = _form_pdf([(700, "重点目標評価シート"), (650, "取組内容　" + value), (600, "取組の成果")],
                     [((150, 640, 500, 660), value), ((150, 590, 500, 610), "見学日に来た妊婦が十二名来所した。")])
    text = load_bytes(data, "flattened.pdf").text
    assert text.count("両親教室の会場で") == 1
    assert "見学日に来た妊婦が十二名来所した。" in text
