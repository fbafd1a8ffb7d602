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

Layouts Japanese offices produce (relaid16):

- `to_xlsx_grid`: Excel 方眼紙 — 40 narrow columns, each paragraph in a range merged across
  them, a table row's label in a merged range at the left and its cells in merged ranges
  sharing the rest, borders, row heights for the wrapped text (a cell too long for one row
  goes on over several, its label merged down), A4 landscape page setup fitted to the width.
  `benchmarks.relaid` also prints it to PDF and saves it as .ods through LibreOffice.
- `to_docx_goal_tables`: Word, one bordered table per goal with the label column at the
  left, the report's title in the page header, 「- n -」 page numbers in the footer.
- `to_pdf_goal_tables`: A4, a table per goal under a header row 「項目 | 内容」 repeated on
  each page the table goes on to, rows split across pages, 「- n -」 page numbers.
- `to_pdf_two_columns`: A4 in two text columns, tables as narrow grids in a column.
- `to_html_ward_site`: a ward web site's page: site header, navigation, breadcrumbs, the
  report in <section>s with <h3> per goal and <dl> label rows with <ul> items, then
  最終更新日, ページID, the contact block and the site footer.
- `to_docx_headed` (relaid17): `to_docx` with a two-line page header and 「n / N ページ」 in
  the footer; `with_page_setup` sets a workbook's print page. `benchmarks.relaid` exports the
  Word layouts to PDF and prints the Excel ones (LibreOffice) and the web pages (Chromium).
- `YEAR_STYLES`: the years typed otherwise (令和５年度, R5年度 / R5.4.1, ２０２３年度),
  used with three of the layouts above (`held_text` gives the text the layout writes).

These are test fixtures: they only need to look like real files, not to be fast.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata

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


def _docx_table(document, rows: list[list[str]], style: str | None = None):
    """A Word table of `rows`, a row's last cell merged to the table's width, a cell's lines
    as paragraphs; returns the table."""
    width = _width(rows)
    table = document.add_table(rows=len(rows), cols=width)
    if style:
        table.style = style
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            target = table.cell(r, c)
            if c == len(cells) - 1 and c < width - 1:
                target = target.merge(table.cell(r, width - 1))
            lines = cell_lines(cell)
            target.text = lines[0] if lines else ""
            for extra in lines[1:]:
                target.add_paragraph(extra)
    return table


def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for kind, content in blocks(text):
        if kind == "para":
            for line in cell_lines(content[0]) or [content[0]]:
                document.add_paragraph(line)
        elif kind == "table":
            _docx_table(document, content)
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


# --- layouts offices produce that the above lack (relaid16) ----------------------------
#
# Each keeps every character of the seed's text (cells, items, headings); what it adds is
# what such a file really holds besides the report: a grid of empty cells, a header row
# 「項目 | 内容」 repeated on every page, page numbers, a site's breadcrumbs and footer.

_WARD = re.compile(r"[\u4e00-\u9fff]{1,3}区")


def split_at_goals(rows: list[list[str]]) -> list[list[list[str]]]:
    """A table's rows split before each row whose first cell is a goal label
    (令和5年度 重点目標①): one table per goal, the rows before the first goal a table
    of their own."""
    out: list[list[list[str]]] = [[]]
    for cells in rows:
        if len(cells) > 1 and _GOAL_LABEL.match(_plain(cells[0])) and out[-1]:
            out.append([])
        out[-1].append(cells)
    return [t for t in out if t]


# Excel 方眼紙: a grid of narrow columns; each block of text in a merged range, a table
# row's label in a merged range at the left, its cells in ranges sharing the rest.
GRID_COLUMNS = 40
GRID_LABEL = 7
_GRID_FIRST = 2          # column A is the sheet's margin
_GRID_CHARS = 42         # full-width characters a merged range of the whole content width holds
_ROW_POINTS = 13.5
_MAX_ROW_POINTS = 400.0  # Excel's limit is 409: a longer cell goes on over several rows
_PRINT_COLUMN = 60  # the widest a column is made for printing (`with_page_setup`), in Excel's units
_PRINT_LINES = int(_MAX_ROW_POINTS // _ROW_POINTS) - 4  # unless a cell needs more lines than a row holds


def _grid_lines(values: list[str], share: float) -> int:
    per_line = max(4, int(_GRID_CHARS * share))
    return max(1, sum(-(-max(1, len(v)) // per_line) for v in values))


def grid_rows(text: str) -> list[tuple[list[tuple[int, int, str]], int]]:
    """The seed laid on the grid: [([(first column, last column, value), ...], lines)]
    per sheet row; (0, 0, "") alone is an empty row. A row whose cells need more lines
    than a row can be high is split into several rows, the label range merged down."""
    last = _GRID_FIRST + GRID_COLUMNS - 1
    out: list[tuple[list[tuple[int, int, str]], int]] = []
    for kind, content in blocks(text):
        if kind == "blank":
            out.append(([], 1))
            continue
        if kind == "para":
            lines = cell_lines(content[0]) or [content[0]]
            out.append(([(_GRID_FIRST, last, "\n".join(lines))], _grid_lines(lines, 1.0)))
            continue
        for cells in content:
            if len(cells) == 1:
                lines = cell_lines(cells[0])
                out.append(([(_GRID_FIRST, last, "\n".join(lines))], _grid_lines(lines, 1.0)))
                continue
            rest = GRID_COLUMNS - GRID_LABEL
            per = rest // (len(cells) - 1)
            spans = [(_GRID_FIRST, _GRID_FIRST + GRID_LABEL - 1)]
            for k in range(len(cells) - 1):
                start = _GRID_FIRST + GRID_LABEL + k * per
                spans.append((start, last if k == len(cells) - 2 else start + per - 1))
            items = [cell_lines(c) for c in cells]
            share = per / GRID_COLUMNS
            most = max(int(_MAX_ROW_POINTS // _ROW_POINTS), 1)
            if len(cells) == 2 and _grid_lines(items[1], share) > most:
                # the content cell's items over several rows; the label merged down (marked by None)
                chunk: list[str] = []
                first = True
                for item in items[1]:
                    if chunk and _grid_lines(chunk + [item], share) > most:
                        out.append(([(spans[0][0], spans[0][1], "\n".join(items[0]) if first else None),
                                     (spans[1][0], spans[1][1], "\n".join(chunk))], _grid_lines(chunk, share)))
                        first, chunk = False, []
                    chunk.append(item)
                out.append(([(spans[0][0], spans[0][1], "\n".join(items[0]) if first else None),
                             (spans[1][0], spans[1][1], "\n".join(chunk))], _grid_lines(chunk, share)))
                continue
            lines = max(_grid_lines(v, share if k else GRID_LABEL / GRID_COLUMNS) for k, v in enumerate(items))
            out.append(([(a, b, "\n".join(v)) for (a, b), v in zip(spans, items)], lines))
    return out


def to_xlsx_grid(text: str) -> bytes:
    """Excel 方眼紙: 40 narrow columns, text in merged ranges with borders, row heights
    set for the wrapped text, A4 landscape fitted to the page width for printing."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    ws.column_dimensions["A"].width = 1.5
    for c in range(_GRID_FIRST, _GRID_FIRST + GRID_COLUMNS):
        ws.column_dimensions[get_column_letter(c)].width = 2.7
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    r = 2
    merges: list[list[int]] = []  # [top row, bottom row, first column, last column]
    label = 0  # merges[label]: the last label range
    for ranges, lines in grid_rows(text):
        if not ranges:
            r += 1
            continue
        for a, b, value in ranges:
            for c in range(a, b + 1):
                ws.cell(row=r, column=c).border = box
            if value is None:  # the label range of the row above goes on down over this row
                merges[label][1] = r
                continue
            ws.cell(row=r, column=a, value=value or None).alignment = wrap
            if len(ranges) > 1 and a == _GRID_FIRST:
                label = len(merges)
            merges.append([r, r, a, b])
        ws.row_dimensions[r].height = min(_MAX_ROW_POINTS + 9, _ROW_POINTS * lines + 4)
        r += 1
    for top, bottom, a, b in merges:
        if bottom > top or b > a:
            ws.merge_cells(start_row=top, start_column=a, end_row=bottom, end_column=b)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _title(text: str) -> str:
    return next((_plain(line) for line in text.split("\n") if _plain(line)), "")


def goal_tables(text: str) -> list[tuple[str, list]]:
    """blocks() with each table split into one table per goal (`split_at_goals`)."""
    out: list[tuple[str, list]] = []
    for kind, content in blocks(text):
        if kind == "table":
            out.extend(("table", rows) for rows in split_at_goals(content))
        else:
            out.append((kind, content))
    return out


def _docx_field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) at the end of `paragraph`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for tag, attr in (("w:fldChar", {"w:fldCharType": "begin"}), ("w:instrText", None),
                      ("w:fldChar", {"w:fldCharType": "end"})):
        el = OxmlElement(tag)
        if attr:
            for k, v in attr.items():
                el.set(qn(k), v)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = instruction
        run._r.append(el)


def to_docx_headed(text: str) -> bytes:
    """`to_docx` as a ward office sends it: A4, the ward's hub programme and the report's
    title in the page header (two lines, left and right), 「n / N ページ」 in the footer
    (PAGE and NUMPAGES fields)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = docx.Document(io.BytesIO(to_docx(text)))
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    header = section.header.paragraphs[0]
    header.text = "地域子育て支援拠点事業　事業評価"
    title = section.header.add_paragraph(_title(text))
    title.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_field(footer, "PAGE")
    footer.add_run(" / ")
    _docx_field(footer, "NUMPAGES")
    footer.add_run(" ページ")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _text_width(value: str) -> int:
    """A line's width in Excel's column units (a full-width letter is two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def with_page_setup(xlsx: bytes, orientation: str, fit_width: bool) -> bytes:
    """A workbook with every sheet set up to print on A4 `orientation` ("portrait" /
    "landscape"), fitted to one page wide or not, as the office set it before printing:
    each column widened to its text (at most `_PRINT_COLUMN` units, or what its longest cell
    needs to fit the highest row; a label column to its longest label) and each row made as high as its wrapped text, so that the printed page
    shows every cell whole (a spreadsheet program does not grow a row for wrapped text on
    its own)."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    wb = load_workbook(io.BytesIO(xlsx))
    for ws in wb.worksheets:
        merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
        preset = {key for key, dim in list(ws.column_dimensions.items()) if dim.customWidth}
        widths: dict[int, int] = {}
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and (cell.row, cell.column) not in merged:
                    longest = max(_text_width(line) for line in cell.value.split("\n"))
                    # (wider for a cell too long for the highest row at that width)
                    limit = max(_PRINT_COLUMN, -(-_text_width(cell.value) // _PRINT_LINES) + 2)
                    widths[cell.column] = max(widths.get(cell.column, 8), min(longest + 2, limit))
        for column in list(widths):
            if get_column_letter(column) in preset:
                widths[column] = ws.column_dimensions[get_column_letter(column)].width  # (the sheet's own stays)
            else:
                ws.column_dimensions[get_column_letter(column)].width = widths[column]
        for row in ws.iter_rows():
            if ws.row_dimensions[row[0].row].height is not None:
                continue  # (a height the sheet sets stays)
            lines = 1
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                span = merged.get((cell.row, cell.column))
                cols = range(cell.column, (span.max_col if span else cell.column) + 1)
                width = max(sum(widths.get(c) or ws.column_dimensions[get_column_letter(c)].width or 8
                                for c in cols) - 1, 1)
                lines = max(lines, sum(-(-_text_width(line) // width) or 1 for line in cell.value.split("\n")))
            ws.row_dimensions[row[0].row].height = min(_MAX_ROW_POINTS, _ROW_POINTS * lines + 4)
        ws.page_setup.orientation = orientation
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = fit_width
        if fit_width:
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_docx_goal_tables(text: str) -> bytes:
    """Word: one bordered table per goal, the label column at the left (narrow, shaded
    labels), an empty paragraph between tables; the report's title in the page header and
    「- n -」 page numbers in the footer."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = _title(text)
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    _docx_field(footer, "PAGE")
    footer.add_run(" -")
    for kind, content in goal_tables(text):
        if kind == "para":
            for line in cell_lines(content[0]) or [content[0]]:
                document.add_paragraph(line)
        elif kind == "blank":
            continue
        else:
            table = _docx_table(document, content, style="Table Grid")
            if _width(content) == 2:
                for r in range(len(content)):
                    table.cell(r, 0).width = Cm(3)
                    table.cell(r, 1).width = Cm(13)
            document.add_paragraph("")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _pdf_style(size: float = 8):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if _PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_PDF_FONT))
    return ParagraphStyle("jp", fontName=_PDF_FONT, fontSize=size, leading=size * 1.4, wordWrap="CJK")


def _pdf_table(rows: list[list[str]], width: float, style, header: bool):
    from reportlab.platypus import Paragraph, Table, TableStyle

    def para(line: str):
        return Paragraph(html.escape(line), style)

    columns = _width(rows)
    first = min(width * 0.22, 100) if columns > 1 else width
    rest = (width - first) / (columns - 1) if columns > 1 else 0
    data, spans = [], []
    if header:
        data.append([para("項目"), para("内容")])
    for cells in rows:
        r = len(data)
        row = [[para(line) for line in cell_lines(cell)] or "" for cell in cells]
        row += [""] * (columns - len(row))
        if len(cells) < columns:
            spans.append(("SPAN", (len(cells) - 1, r), (columns - 1, r)))
        data.append(row)
    table = Table(data, colWidths=[first] + [rest] * (columns - 1), repeatRows=1 if header else 0, splitInRow=1)
    shading = [("BACKGROUND", (0, 0), (-1, 0), "#dddddd")] if header else []
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), "#eeeeee")] + shading + spans))
    return table


def to_pdf_goal_tables(text: str) -> bytes:
    """A4: a table per goal, label column at the left under a header row 「項目 | 内容」
    that is repeated on every page the table goes on to; rows split across pages; 「- n -」
    page numbers at the foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    style = _pdf_style(9)
    story = []
    margin = 56
    width = A4[0] - 2 * margin
    for kind, content in goal_tables(text):
        if kind == "para":
            story.extend(Paragraph(html.escape(line), style) for line in (cell_lines(content[0]) or [content[0]]))
        elif kind == "blank":
            story.append(Spacer(1, 6))
        else:
            story.append(_pdf_table(content, width, style, header=_width(content) == 2))
            story.append(Spacer(1, 8))

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(_PDF_FONT, 8)
        canvas.drawCentredString(A4[0] / 2, 24, f"- {doc.page} -")
        canvas.restoreState()

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                      bottomMargin=margin).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


def to_pdf_two_columns(text: str) -> bytes:
    """A4 portrait in two text columns (a newsletter-like report): paragraphs and tables
    flow down the left column, then the right one; tables as narrow grids; a page number
    centred at the foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

    style = _pdf_style(8)
    margin, gap = 42, 18
    column = (A4[0] - 2 * margin - gap) / 2
    height = A4[1] - 2 * margin
    frames = [Frame(margin, margin, column, height, id="left"),
              Frame(margin + column + gap, margin, column, height, id="right")]
    story = []
    for kind, content in blocks(text):
        if kind == "para":
            story.extend(Paragraph(html.escape(line), style) for line in (cell_lines(content[0]) or [content[0]]))
        elif kind == "blank":
            story.append(Spacer(1, 5))
        else:
            story.append(_pdf_table(content, column, style, header=False))

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(_PDF_FONT, 8)
        canvas.drawCentredString(A4[0] / 2, 20, str(doc.page))
        canvas.restoreState()

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=furniture)])
    doc.build(story)
    return buf.getvalue()


_LAST_YEAR = re.compile(r"(令和|平成)[ \u3000]*(元|[0-9０-９]{1,2})年|((?:19|20)[0-9]{2})年")


def _last_year(text: str) -> int:
    from indexer import wareki

    years = []
    for m in _LAST_YEAR.finditer(text):
        if m.group(3):
            years.append(int(m.group(3)))
        else:
            num = m.group(2) if m.group(2) == "元" else unicodedata_nfkc(m.group(2))
            years.append(wareki.era_to_western(m.group(1), num))
    return max(years, default=2024)


def to_html_ward_site(text: str) -> bytes:
    """A page of a ward's web site: the site header, global navigation, breadcrumbs
    (トップページ > 子育て・教育 > …) at the top of the content, the report in <section>s
    (one per part: a short heading line opens a section as <h2>), an <h3> per goal with its
    goal text, <dl> for label | text rows with <ul><li> items, <table> for data rows;
    after it the page's 「最終更新日」 and 「ページID」, the office's contact block and the
    site footer."""
    found = _WARD.search(text)
    ward = found.group(0) if found else ""
    title = _title(text)
    body: list[str] = []
    open_tags: list[str] = []

    def close(upto: str) -> None:
        while open_tags:
            tag = open_tags.pop()
            body.append(f"</{tag}>")
            if tag == upto:
                return

    def items(cell: str) -> str:
        lines = cell_lines(cell)
        if len(lines) <= 1:
            return html.escape(lines[0]) if lines else ""
        return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"

    for kind, content in blocks(text):
        if kind == "blank":
            if "dl" in open_tags:
                close("dl")
            continue
        if kind == "para":
            if "dl" in open_tags:
                close("dl")
            plain = _plain(content[0])
            if plain and len(plain) <= 40 and "。" not in plain:
                close("section")
                body.append(f"<section>\n<h2>{html.escape(plain)}</h2>")
                open_tags.append("section")
            else:
                body.append("".join(f"<p>{html.escape(line)}</p>" for line in cell_lines(content[0]) or [plain]))
            continue
        for cells in content:
            if len(cells) > 2:
                if "dl" in open_tags:
                    close("dl")
                body.append("<table class=\"datatable\"><tbody><tr>"
                            + "".join(f"<td>{items(c)}</td>" for c in cells) + "</tr></tbody></table>")
                continue
            label = _plain(cells[0])
            value = items(cells[1]) if len(cells) > 1 else ""
            if _GOAL_LABEL.match(label):
                if "dl" in open_tags:
                    close("dl")
                body.append(f"<h3>{html.escape(label)}</h3>\n<div class=\"goal\">{value}</div>")
                continue
            if "dl" not in open_tags:
                body.append("<dl>")
                open_tags.append("dl")
            body.append(f"<dt>{html.escape(label)}</dt>\n<dd>{value}</dd>")
    close("")
    site = f"{ward}ホームページ" if ward else "市ホームページ"
    updated = f"{_last_year(text)}年6月28日"
    page = (
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)} {site}</title></head>\n<body>\n"
        f"<header id=\"site-header\"><p class=\"site-name\"><a href=\"/\">{site}</a></p>"
        "<ul class=\"util\"><li><a href=\"#\">文字サイズ</a></li><li><a href=\"#\">Foreign language</a></li></ul></header>\n"
        "<nav class=\"gnav\"><ul><li><a href=\"#\">暮らし・総合</a></li><li><a href=\"#\">子育て・教育</a></li>"
        "<li><a href=\"#\">健康・医療・福祉</a></li><li><a href=\"#\">区の紹介</a></li></ul></nav>\n"
        "<main id=\"content\">\n"
        "<div class=\"breadcrumbs\"><ol><li><a href=\"/\">トップページ</a></li><li><a href=\"#\">子育て・教育</a></li>"
        "<li><a href=\"#\">子育て支援</a></li><li><a href=\"#\">地域子育て支援拠点</a></li>"
        f"<li>{html.escape(title)}</li></ol></div>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        + "\n".join(body)
        + f"\n<p class=\"update\">最終更新日：{updated}</p>\n"
        "<div class=\"contact\"><h2>このページへのお問合せ</h2>"
        f"<p>{ward}こども家庭支援課</p><p>電話：045-000-0000　ファクス：045-000-0001</p>"
        "<p>メールアドレス：<a href=\"#\">送信フォーム</a></p></div>\n"
        "<p class=\"pageid\">ページID：123-456-789</p>\n"
        "</main>\n"
        "<footer><ul><li><a href=\"#\">サイトマップ</a></li><li><a href=\"#\">ウェブアクセシビリティ</a></li></ul>"
        f"<p>{site}</p><p>Copyright © City. All rights reserved.</p></footer>\n</body></html>\n")
    return page.encode("utf-8")


# --- how the years are written -------------------------------------------------------------
# The same layouts with the years typed otherwise, as offices do: full-width era digits
# (令和５年度), the era's letter (R5年度, R5.4.1), 西暦 in full-width digits (２０２３年度).

_ERA_FIGURE = re.compile(r"(令和|平成)([ \u3000]*)(元|[0-9]{1,2})(?=[ \u3000]*(?:年|[（(]))")
_DATE_PARTS = re.compile(r"(?<=[年月])([0-9]{1,2})(?=[月日])")
_ERA_DATE = re.compile(r"(令和|平成)[ \u3000]*(元|[0-9]{1,2})年[ \u3000]*([0-9]{1,2})月[ \u3000]*([0-9]{1,2})日")
_ERA_LETTER = {"令和": "R", "平成": "H"}
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def years_fullwidth_era(text: str) -> str:
    """令和5年度 -> 令和５年度, 令和5年4月1日 -> 令和５年４月１日."""
    text = _ERA_FIGURE.sub(lambda m: m[1] + m[2] + m[3].translate(_FULL), text)
    return _DATE_PARTS.sub(lambda m: m[1].translate(_FULL), text)


def years_era_letter(text: str) -> str:
    """令和5年4月1日 -> R5.4.1, 令和5年度 -> R5年度, 令和元年度 -> R1年度."""
    def num(n: str) -> str:
        return "1" if n == "元" else n

    text = _ERA_DATE.sub(lambda m: f"{_ERA_LETTER[m[1]]}{num(m[2])}.{m[3]}.{m[4]}", text)
    return _ERA_FIGURE.sub(lambda m: _ERA_LETTER[m[1]] + num(m[3]), text)


def years_western_fullwidth(text: str) -> str:
    """令和5年度 -> ２０２３年度 (the 西暦 of benchmarks.variants, in full-width digits)."""
    from .variants import western_years

    return re.sub(r"(?<![0-9])((?:19|20)[0-9]{2})(?=[ \u3000]*[年(（～〜~\-－/.])",
                  lambda m: m[1].translate(_FULL), western_years(text))


YEAR_STYLES = {
    "fullwidth_era": years_fullwidth_era,
    "era_letter": years_era_letter,
    "western_fullwidth": years_western_fullwidth,
}


def _with_years(render, style: str):
    def rendered(text: str) -> bytes:
        return render(YEAR_STYLES[style](text))
    rendered.year_style = style
    return rendered


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
    "xlsx_grid": (to_xlsx_grid, ".xlsx"),
    "docx_goal_tables": (to_docx_goal_tables, ".docx"),
    "docx_headed": (to_docx_headed, ".docx"),
    "pdf_goal_tables": (to_pdf_goal_tables, ".pdf"),
    "pdf_two_columns": (to_pdf_two_columns, ".pdf"),
    "html_ward_site": (to_html_ward_site, ".html"),
    "xlsx_grid_era_letter": (_with_years(to_xlsx_grid, "era_letter"), ".xlsx"),
    "docx_goal_tables_fullwidth_era": (_with_years(to_docx_goal_tables, "fullwidth_era"), ".docx"),
    "html_ward_site_western_fullwidth": (_with_years(to_html_ward_site, "western_fullwidth"), ".html"),
}


def held_text(layout: str, text: str) -> str:
    """The seed's text as the layout writes it (its years restyled, if it restyles them)."""
    style = getattr(RENDERERS[layout][0], "year_style", None)
    return YEAR_STYLES[style](text) if style else text
