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

Real-world layouts that are not a cell-for-cell copy of the seed's shape:

- `to_pdf_paged`: A5 pages with a running header (the report's title) and a footer
  「ページ 3/12」 on every page; long table cells break across pages.
- `to_docx_goal_rows`: each year's goals as one Word table, a row per goal, with the
  columns No. / 重点目標 / 取組内容 / 取組の成果 / 取組の課題.
- `to_html_headings`: a web page with <h2>/<h3> headings, <dl><dt>label<dd>value
  pairs and <br>-separated lines instead of tables.
- `to_xlsx_year_sheets`: a workbook with a sheet per fiscal year (named after it);
  a section name in column A merged down over its items, one item per row in column B.

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


def to_pdf(text: str, pagesize=None, header: str = "", total_pages: int | None = None) -> bytes:
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
    pagesize = pagesize or A4
    margin = 72 if pagesize == A4 else 42
    frame_width = pagesize[0] - margin * 2
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
            table = Table(data, colWidths=[first] + [rest] * (width - 1), repeatRows=0,
                          splitInRow=1 if header else 0)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")] + spans))
            story.append(table)
    buf = io.BytesIO()
    def furniture(canvas, doc):
        if not header:
            return
        canvas.saveState()
        canvas.setFont(_PDF_FONT, 7)
        canvas.drawRightString(pagesize[0] - margin, pagesize[1] - 24, header)
        canvas.drawCentredString(pagesize[0] / 2, 18, f"ページ {doc.page}/{total_pages or '?'}")
        canvas.restoreState()

    SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                      topMargin=margin, bottomMargin=margin).build(story, onFirstPage=furniture,
                                                                     onLaterPages=furniture)
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


# --- real-world layouts ---------------------------------------------------------------

_GOAL_LABEL = re.compile(r"^(?P<year>.*?年度)?[ \u3000]*重点目標[ \u3000]*(?P<no>[①-⑳]|[0-9０-９]{1,2})?$")
_YEAR = re.compile(r"(?:令和|平成|昭和)[ \u3000]*(?:元|[0-9０-９]{1,2})年度|(?:19|20)[0-9]{2}年度|R[0-9]{1,2}年度")


def _plain(cell: str) -> str:
    return " ".join(cell_lines(cell)).strip()


def goal_rows(text: str) -> str:
    """Goal blocks (a 重点目標 row, then its 取組内容 / 取組の成果 / 取組の課題 rows) re-laid
    as one table per year: a header row of the section names and a row per goal."""
    lines = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        cells = lines[i].split("\t")
        m = _GOAL_LABEL.match(_plain(cells[0])) if len(cells) > 1 else None
        if not m:
            out.append(lines[i])
            i += 1
            continue
        goals: list[tuple[str, str, dict]] = []  # (year, number, {label: cell})
        while i < len(lines):
            cells = lines[i].split("\t")
            m = _GOAL_LABEL.match(_plain(cells[0])) if len(cells) > 1 else None
            if m and goals and (m.group("year") or "") != goals[0][0]:
                break
            if m:
                goals.append((m.group("year") or "", m.group("no") or str(len(goals) + 1),
                              {"重点目標": "\t".join(cells[1:]).strip("\t")}))
                i += 1
                continue
            if not lines[i].strip():
                j = i
                while j < len(lines) and not lines[j].strip():
                    j += 1
                nxt = lines[j].split("\t") if j < len(lines) else [""]
                if len(nxt) > 1 and _GOAL_LABEL.match(_plain(nxt[0])):
                    i = j
                    continue
                break
            label = _plain(cells[0])
            if len(cells) > 1 and label and len(label) <= 12 and "重点目標" not in label:
                goals[-1][2][label] = "\t".join(cells[1:]).strip("\t")
                i += 1
                continue
            break
        columns = list(dict.fromkeys(k for _y, _n, parts in goals for k in parts))
        if goals[0][0]:
            out.append(f"{goals[0][0]} 重点目標")
        out.append("\t".join(["No."] + columns))
        for _year, no, parts in goals:
            number = str(CIRCLED_NUMBERS.index(no) + 1) if no in CIRCLED_NUMBERS else unicodedata_nfkc(no)
            out.append("\t".join([number] + [parts.get(c, "") or "－" for c in columns]))
    return "\n".join(out)


CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def unicodedata_nfkc(s: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", s)


def to_docx_goal_rows(text: str) -> bytes:
    return to_docx(goal_rows(text))


def to_html_headings(text: str) -> bytes:
    body: list[str] = []
    in_dl = False

    def close_dl():
        nonlocal in_dl
        if in_dl:
            body.append("</dl>")
            in_dl = False

    for kind, content in blocks(text):
        if kind == "blank":
            close_dl()
            continue
        if kind == "para":
            close_dl()
            line = content[0]
            plain = _plain(line)
            short = len(plain) <= 40 and "。" not in plain
            body.append(f"<h2>{html.escape(plain)}</h2>" if short and plain else f"<p>{line}</p>")
            continue
        for cells in content:
            if len(cells) > 2:  # a data row: stays a table row
                close_dl()
                tds = "".join(f"<td>{c}</td>" for c in cells)
                body.append(f"<table><tr>{tds}</tr></table>")
                continue
            label = _plain(cells[0])
            value = "<br>\n".join(cell_lines("\t".join(cells[1:]).replace("\t", "<br>")))
            if _GOAL_LABEL.match(label):
                close_dl()
                body.append(f"<h3>{html.escape(label)}</h3>\n<p>{value}</p>")
                continue
            if not in_dl:
                body.append("<dl>")
                in_dl = True
            body.append(f"<dt>{html.escape(label)}</dt>\n<dd>{value}</dd>")
    close_dl()
    page = ("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>評価結果</title></head>\n"
            "<body>\n<header><a href=\"/\">トップ</a></header>\n<article>\n" + "\n".join(body)
            + "\n</article>\n<footer>このページの先頭へ</footer>\n</body></html>\n")
    return page.encode("utf-8")


# A line opening a year's goals: 令和5年度重点目標の評価, 2 次年度重点目標.
_YEAR_PART = re.compile(r"^(?:[0-9０-９]+[ \u3000.．]*)?(?:(?:令和|平成|昭和)[ \u3000]*\S{1,2}|[0-9]{4}|次)"
                        r"年度[ \u3000]*重点目標(?:の評価)?$")


def to_xlsx_year_sheets(text: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    # split the report into parts at the lines that open a year's goals
    parts: list[tuple[str, list[str]]] = [("概要", [])]
    for line in text.replace("\r\n", "\n").split("\n"):
        plain = _plain(line) if "\t" not in line else ""
        if _YEAR_PART.search(plain) and any(x.strip() for x in parts[-1][1]):
            parts.append(("", []))
        parts[-1][1].append(line)
    wb = Workbook()
    wb.remove(wb.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    used: set[str] = set()
    for n, (title, part) in enumerate(parts, start=1):
        if not any(line.strip() for line in part):
            continue
        if not title:
            year = next((m.group(0) for line in part for m in [_YEAR.search(_plain(line))] if m), None)
            title = year or f"重点目標{n}"
        while title in used:
            title += "_"
        used.add(title)
        ws = wb.create_sheet(title[:31])
        r = 1
        for kind, content in blocks("\n".join(part)):
            if kind == "para":
                ws.cell(row=r, column=1, value="\n".join(cell_lines(content[0])) or content[0]).alignment = wrap
                r += 1
            elif kind == "blank":
                r += 1
            else:
                for cells in content:
                    items = cell_lines(cells[1]) if len(cells) == 2 else []
                    if len(items) > 1:  # the label merged down over one item per row
                        ws.cell(row=r, column=1, value="\n".join(cell_lines(cells[0]))).alignment = wrap
                        for k, item in enumerate(items):
                            ws.cell(row=r + k, column=2, value=item).alignment = wrap
                        ws.merge_cells(start_row=r, start_column=1, end_row=r + len(items) - 1, end_column=1)
                        r += len(items)
                        continue
                    for c, cell in enumerate(cells, start=1):
                        value = "\n".join(cell_lines(cell))
                        if value:
                            ws.cell(row=r, column=c, value=value).alignment = wrap
                    r += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_pdf_paged(text: str) -> bytes:
    """A5 pages, a running header (the report's first line) and 「ページ n/N」 at the foot."""
    from reportlab.lib.pagesizes import A5

    title = next((_plain(line) for line in text.split("\n") if _plain(line)), "")
    first = to_pdf(text, pagesize=A5, header=title)
    from pypdf import PdfReader

    total = len(PdfReader(io.BytesIO(first)).pages)
    return to_pdf(text, pagesize=A5, header=title, total_pages=total)


RENDERERS = {
    "docx": (to_docx, ".docx"),
    "html_table": (to_html_table, ".html"),
    "pdf": (to_pdf, ".pdf"),
    "xlsx": (to_xlsx, ".xlsx"),
    "csv": (to_csv, ".csv"),
    "pdf_paged": (to_pdf_paged, ".pdf"),
    "docx_goal_rows": (to_docx_goal_rows, ".docx"),
    "html_headings": (to_html_headings, ".html"),
    "xlsx_year_sheets": (to_xlsx_year_sheets, ".xlsx"),
}
