"""Render a seed report's text into the file formats real reports arrive in.

A seed report is plain text where a table row is one line of TAB-separated
cells and a cell may hold inline HTML (<p>, <ul>, <li>, <br>) for its items.
Each function here re-lays that text the way an office would have it:

- `to_docx`: paragraphs, and a Word table for each run of tab-separated rows;
  a row with fewer cells than the table merges its last cell across the rest;
  a cell's items are separate paragraphs inside the cell.
- `to_html_table`: a web page with <table> rows; cells keep their inline HTML.
- `to_pdf`: a PDF with a text layer (reportlab, Japanese CID font), tables drawn
  as grids of wrapped paragraphs, as an exported Word/Excel report looks.
- `to_xlsx`: one sheet, a row per line, items of a cell joined with line breaks
  (Alt+Enter), short rows merged across the table width.
- `to_csv`: the same rows as CSV (cp932 when the text allows, as Excel writes it).

These are test fixtures: they only need to look like real files, not to be fast.
"""

from __future__ import annotations

import csv
import html
import io
import re

_BLOCK = re.compile(r"</?(?:p|li|ul|ol|br|div|tr|td|th|h[1-6]|dd|dt)\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def cell_lines(cell: str) -> list[str]:
    """A cell's items as plain lines (block tags split, other tags dropped)."""
    lines = []
    for part in _BLOCK.split(cell):
        part = html.unescape(_TAG.sub("", part)).strip(" \u3000\t")
        if part:
            lines.append(part)
    return lines


def blocks(text: str) -> list[tuple[str, list]]:
    """("para", [line]) / ("table", [[cell, ...], ...]) / ("blank", []) in order."""
    out: list[tuple[str, list]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            while cells and not cells[-1].strip():
                cells.pop()
            if not cells:
                out.append(("blank", []))
                continue
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        elif line.strip():
            out.append(("para", [line]))
        else:
            out.append(("blank", []))
    return out


def _width(rows: list[list[str]]) -> int:
    return max(len(r) for r in rows)


# --- DOCX ------------------------------------------------------------------------


def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for kind, content in blocks(text):
        if kind == "para":
            for line in cell_lines(content[0]) or [content[0]]:
                document.add_paragraph(line)
        elif kind == "table":
            width = _width(content)
            table = document.add_table(rows=len(content), cols=width)
            for r, cells in enumerate(content):
                for c, cell in enumerate(cells):
                    target = table.cell(r, c)
                    if c == len(cells) - 1 and c < width - 1:
                        target = target.merge(table.cell(r, width - 1))
                    lines = cell_lines(cell)
                    target.text = lines[0] if lines else ""
                    for extra in lines[1:]:
                        target.add_paragraph(extra)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# --- HTML ------------------------------------------------------------------------


def to_html_table(text: str) -> bytes:
    body = []
    for kind, content in blocks(text):
        if kind == "para":
            body.append(f"<p>{content[0]}</p>")
        elif kind == "table":
            width = _width(content)
            rows = []
            for cells in content:
                tds = []
                for c, cell in enumerate(cells):
                    span = width - c if c == len(cells) - 1 and c < width - 1 else 1
                    attr = f' colspan="{span}"' if span > 1 else ""
                    tag = "th" if c == 0 and len(cells) > 1 else "td"
                    tds.append(f"<{tag}{attr}>{cell}</{tag}>")
                rows.append("<tr>" + "".join(tds) + "</tr>")
            body.append('<table border="1">\n' + "\n".join(rows) + "\n</table>")
    page = ("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>評価結果</title>"
            "<style>td{vertical-align:top}</style><script>var x=1;</script></head>\n<body>\n"
            "<nav><a href=\"/\">トップ</a></nav>\n<main>\n" + "\n".join(body) + "\n</main>\n</body></html>\n")
    return page.encode("utf-8")


# --- PDF -------------------------------------------------------------------------

_PDF_FONT = "HeiseiKakuGo-W5"


def to_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if _PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_PDF_FONT))
    style = ParagraphStyle("jp", fontName=_PDF_FONT, fontSize=8, leading=11, wordWrap="CJK")

    def para(line: str) -> Paragraph:
        return Paragraph(html.escape(line), style)

    story = []
    frame_width = A4[0] - 72 * 2
    for kind, content in blocks(text):
        if kind == "para":
            story.extend(para(line) for line in (cell_lines(content[0]) or [content[0]]))
        elif kind == "blank":
            story.append(Spacer(1, 6))
        else:
            width = _width(content)
            first = min(frame_width * 0.25, 110) if width > 1 else frame_width
            rest = (frame_width - first) / (width - 1) if width > 1 else 0
            data, spans = [], []
            for r, cells in enumerate(content):
                row = [[para(line) for line in cell_lines(cell)] or "" for cell in cells]
                row += [""] * (width - len(row))
                if len(cells) < width:
                    spans.append(("SPAN", (len(cells) - 1, r), (width - 1, r)))
                data.append(row)
            table = Table(data, colWidths=[first] + [rest] * (width - 1), repeatRows=0)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")] + spans))
            story.append(table)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=72, rightMargin=72).build(story)
    return buf.getvalue()


# --- XLSX / CSV --------------------------------------------------------------------


def sheet_rows(text: str) -> list[list[str]]:
    """Rows of cells as a spreadsheet holds them: a cell's items on separate
    lines of the cell, a paragraph in column A, a blank line an empty row."""
    rows: list[list[str]] = []
    for kind, content in blocks(text):
        if kind == "para":
            rows.append(["\n".join(cell_lines(content[0])) or content[0]])
        elif kind == "blank":
            rows.append([])
        else:
            rows.extend(["\n".join(cell_lines(cell)) for cell in cells] for cells in content)
    return rows


def to_xlsx(text: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "評価シート"
    rows = sheet_rows(text)
    width = max((len(r) for r in rows), default=1)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            if value:
                cell = ws.cell(row=r, column=c, value=value)
                cell.alignment = wrap
        if 1 < len(cells) < width:
            ws.merge_cells(start_row=r, start_column=len(cells), end_row=r, end_column=width)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_csv(text: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for cells in sheet_rows(text):
        writer.writerow(cells)
    out = buf.getvalue()
    try:
        return out.encode("cp932")
    except UnicodeEncodeError:
        return out.encode("utf-8-sig")


RENDERERS = {
    "docx": (to_docx, ".docx"),
    "html_table": (to_html_table, ".html"),
    "pdf": (to_pdf, ".pdf"),
    "xlsx": (to_xlsx, ".xlsx"),
    "csv": (to_csv, ".csv"),
}
