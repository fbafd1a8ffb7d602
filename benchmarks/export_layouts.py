"""The seed reports as other programs export them (relaid22): layouts `format_variants` lacks.

Each keeps every character of the seed's text; what it changes is where the text sits:

- `to_txt_bracketed`: a plain-text export as a Windows program writes it (cp932, CRLF): a
  section label as a 【取組内容】 heading line, a goal label as ◆令和5年度　重点目標①, the
  value's items on the lines below, indented with a full-width space; the cells of a data
  row (and of a table under a row of column names) apart by full-width spaces.
- `to_xlsx_section_columns`: a workbook of one sheet where each year's goals are a table with
  the sections as columns (No. | 重点目標 | 取組内容 | 取組の成果 | 取組の課題), each item of a
  section in a row of its own, and the goal's number and text in cells merged down over its
  items' rows; a line of its own merged across the sheet, a label | value row's label over the
  first two columns and its value over the rest; the first goal table's header row set as the
  print titles (repeated on each printed page), A4 landscape.
- `to_pdf_sheet_landscape`: that sheet as Excel prints it to PDF: A4 landscape, each table's
  column header repeated at the top of every page the table goes on to, rows split across
  pages, the sheet's name in the page header and 「n ページ」 at the foot.
- `to_html_excel_web`: that sheet as Excel's 名前を付けて保存 → Web ページ writes it: Office
  namespaces and conditional comments, a <style> of xl classes, one fixed table of the whole
  sheet with <col> widths, rowspan / colspan for merged cells, a cell's line breaks as
  <br style='mso-data-placement:same-cell'>, empty cells as <td></td>.
- `to_docx_outline`: Word with the outline styles instead of tables: a part's heading as
  見出し 1, a goal label as 見出し 2 with its goal text below, a section label as 見出し 3 with
  its items as bulleted paragraphs; data rows (three cells or more) stay Word tables.

`benchmarks.relaid` also saves `docx_outline` as .odt and prints `xlsx_section_columns` to
PDF with LibreOffice (landscape, print titles).
"""

from __future__ import annotations

import html
import io

from .format_variants import _GOAL_LABEL, _docx_table, _pdf_style, _plain, _title, blocks, cell_lines, goal_rows

_INDENT = "\u3000"
_CELL_GAP = "\u3000\u3000"


def _is_label(cell: str) -> bool:
    label = _plain(cell)
    return bool(label) and len(label) <= 20 and "。" not in label


def to_txt_bracketed(text: str) -> bytes:
    out: list[str] = []
    for kind, content in blocks(text):
        if kind == "blank":
            out.append("")
        elif kind == "para":
            out.extend(cell_lines(content[0]) or [content[0].strip()])
        else:
            # a table that opens with a row of column names (項目 | 内容) holds data, not headings
            data = all(len(_plain(c)) <= 6 for c in content[0]) and len(content) > 1
            for cells in content:
                if len(cells) == 2 and _is_label(cells[0]) and not data:
                    label = _plain(cells[0])
                    head = "◆" + label.replace(" ", _INDENT) if _GOAL_LABEL.match(label) else f"【{label}】"
                    out.append(head)
                    out.extend(_INDENT + line for line in cell_lines(cells[1]))
                else:
                    out.append(_CELL_GAP.join(" ".join(cell_lines(c)) or _INDENT for c in cells).rstrip(_INDENT))
    data = "\r\n".join(out) + "\r\n"
    try:
        return data.encode("cp932")
    except UnicodeEncodeError:
        return data.encode("utf-8-sig")


# --- sections as columns, a goal merged down over its items' rows -------------------------

# A sheet cell: (value, rows it spans, columns it spans); None where a merged range covers.
Cell = tuple[str, int, int]


def section_column_sheet(text: str) -> tuple[list[list[Cell | None]], list[int]]:
    """The report as the sheet of `to_xlsx_section_columns`: rows of cells (None under a
    merged range) and the row numbers (0-based) of each goal table's header."""
    rows: list[list[Cell | None]] = []
    headers: list[int] = []
    width = 1
    for kind, content in blocks(goal_rows(text)):
        if kind == "blank":
            rows.append([])
        elif kind == "para":
            rows.append([("\n".join(cell_lines(content[0])) or content[0].strip(), 1, 1)])
        elif content[0][0] == "No.":
            headers.append(len(rows))
            rows.append([(c, 1, 1) for c in content[0]])
            for cells in content[1:]:
                items = [cell_lines(c) or [""] for c in cells]
                height = max(len(v) for k, v in enumerate(items) if k >= 2) if len(items) > 2 else 1
                block: list[list[Cell | None]] = [[None] * len(cells) for _ in range(height)]
                for k, v in enumerate(items):
                    if k < 2:  # the number and the goal, merged down
                        block[0][k] = ("\n".join(v), height, 1)
                    else:
                        for r in range(height):
                            block[r][k] = (v[r] if r < len(v) else "", 1, 1)
                rows.extend(block)
        else:
            for cells in content:
                rows.append([("\n".join(cell_lines(c)), 1, 1) for c in cells])
        width = max([width] + [len(r) for r in rows[-1:]])
    # a line of its own merged across the sheet's width; a label | value row's label over the
    # first two columns (the number's and the goal's) and its value over the rest; another
    # short row's last cell merged to the width, as the seed's short rows
    for r, cells in enumerate(rows):
        if r in headers or not cells or any(c is None or c[1] > 1 for c in cells):
            continue
        if len(cells) == 1 and width > 1:
            cells[0] = (cells[0][0], 1, width)
        elif len(cells) == 2 and width > 3:
            rows[r] = [(cells[0][0], 1, 2), None, (cells[1][0], 1, width - 2)] + [None] * (width - 3)
        elif 1 < len(cells) < width:
            cells[-1] = (cells[-1][0], 1, width - len(cells) + 1)
    return rows, headers


def to_xlsx_section_columns(text: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    rows, headers = section_column_sheet(text)
    wb = Workbook()
    ws = wb.active
    ws.title = "重点目標"
    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    shade = PatternFill("solid", fgColor="DDEBF7")
    for r, cells in enumerate(rows, start=1):
        for c, cell in enumerate(cells, start=1):
            if cell is None:
                continue
            value, down, across = cell
            target = ws.cell(row=r, column=c, value=value or None)
            target.alignment = wrap
            if len(cells) > 1:
                target.border = box
            if r - 1 in headers:
                target.fill, target.font = shade, Font(bold=True)
            if down > 1 or across > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + down - 1, end_column=c + across - 1)
    columns = max((len(cells) for cells in rows), default=1)
    # (a sheet of lines only, no table: one wide column)
    for letter, width in zip("ABCDEF", (6, 40, 50, 50, 50, 50) if columns > 1 else (120,)):
        ws.column_dimensions[letter].width = width
    if headers:
        ws.print_title_rows = f"{headers[0] + 1}:{headers[0] + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_pdf_sheet_landscape(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    page = landscape(A4)
    style = _pdf_style(8)
    margin = 36
    width = page[0] - 2 * margin
    rows, headers = section_column_sheet(text)
    story: list = []
    table: list[list[Cell | None]] = []

    def para(value: str):
        return [Paragraph(html.escape(line), style) for line in value.split("\n") if line.strip()] or ""

    def flush():
        if not table:
            return
        columns = max(len(r) for r in table)
        header = table[0][0] is not None and table[0][0][0] == "No."
        if header:
            widths = [width * 0.05] + [width * 0.95 / (columns - 1)] * (columns - 1)
        else:
            first = min(width * 0.2, 150) if columns > 1 else width
            widths = [first] + [(width - first) / (columns - 1)] * (columns - 1)
        data, spans = [], []
        for r, cells in enumerate(table):
            line = []
            for c in range(columns):
                cell = cells[c] if c < len(cells) else None
                if cell is None:
                    line.append("")
                    continue
                value, down, across = cell
                line.append(para(value))
                last = min(c + across, columns) - 1
                if down > 1 or last > c:
                    spans.append(("SPAN", (c, r), (last, r + down - 1)))
            data.append(line)
        grid = Table(data, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1)
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
                                 + ([("BACKGROUND", (0, 0), (-1, 0), "#dddddd")] if header else []) + spans))
        story.append(grid)
        table.clear()

    for r, cells in enumerate(rows):
        if r in headers:
            flush()
        if len(cells) > 1:
            table.append(cells)
            continue
        flush()
        if cells and cells[0] is not None:
            story.extend(para(cells[0][0]) or [])
        else:
            story.append(Spacer(1, 6))
    flush()
    title = _title(text)

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("HeiseiKakuGo-W5", 8)
        canvas.drawCentredString(page[0] / 2, page[1] - 20, "重点目標")
        canvas.drawCentredString(page[0] / 2, 16, f"{doc.page} ページ")
        canvas.restoreState()

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
                      bottomMargin=margin, title=title).build(story, onFirstPage=furniture,
                                                              onLaterPages=furniture)
    return buf.getvalue()


_EXCEL_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<link rel=File-List href="report.files/filelist.xml">
<style id="report_style">
<!--table
	{mso-displayed-decimal-separator:"\\.";
	mso-displayed-thousand-separator:"\\,";}
@page
	{margin:.75in .7in .75in .7in;
	mso-header-margin:.3in;
	mso-footer-margin:.3in;
	mso-page-orientation:landscape;}
.xl65
	{mso-style-parent:style0;
	white-space:normal;}
.xl66
	{mso-style-parent:style0;
	vertical-align:top;
	border:.5pt solid windowtext;
	white-space:normal;}
.xl67
	{mso-style-parent:style0;
	font-weight:700;
	vertical-align:top;
	border:.5pt solid windowtext;
	background:#DDEBF7;
	mso-pattern:black none;
	white-space:normal;}
-->
</style>
<!--[if gte mso 9]><xml>
 <x:ExcelWorkbook>
  <x:ExcelWorksheets>
   <x:ExcelWorksheet>
    <x:Name>重点目標</x:Name>
    <x:WorksheetOptions>
     <x:Print><x:ValidPrinterInfo/><x:PaperSizeIndex>9</x:PaperSizeIndex></x:Print>
    </x:WorksheetOptions>
   </x:ExcelWorksheet>
  </x:ExcelWorksheets>
 </x:ExcelWorkbook>
</xml><![endif]-->
</head>

<body link="#0563C1" vlink="#954F72">
"""


def to_html_excel_web(text: str) -> bytes:
    rows, headers = section_column_sheet(text)
    columns = max(len(r) for r in rows)
    widths = [48, 320, 400, 400, 400, 400][:columns] + [64] * max(0, columns - 6)
    out = [_EXCEL_HEAD,
           f"<table border=0 cellpadding=0 cellspacing=0 width={sum(widths)} "
           "style='border-collapse:collapse;table-layout:fixed'>"]
    out += [f" <col width={w} style='width:{w * 3 // 4}pt'>" for w in widths]
    covered: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        height = 18 * max(1, max((cell[0].count("\n") + 1 for cell in cells if cell), default=1))
        out.append(f" <tr height={height} style='height:{height * 3 // 4}.0pt'>")
        c = 0
        for cell in cells:
            if cell is None or (r, c) in covered:
                c += 1
                continue
            value, down, across = cell
            for dr in range(down):
                for dc in range(across):
                    covered.add((r + dr, c + dc))
            klass = "xl67" if r in headers else ("xl66" if len(cells) > 1 else "xl65")
            span = (f" rowspan={down}" if down > 1 else "") + (f" colspan={across}" if across > 1 else "")
            body = "<br style='mso-data-placement:same-cell'>\n  ".join(html.escape(v) for v in value.split("\n"))
            out.append(f"  <td{span} class={klass} width={widths[min(c, len(widths) - 1)]}>{body}</td>")
            c += across
        for _rest in range(c, columns):
            out.append("  <td class=xl65></td>")
        out.append(" </tr>")
    out.append(" <![if supportMisalignedColumns]>\n <tr height=0 style='display:none'>")
    out += [f"  <td width={w} style='width:{w * 3 // 4}pt'></td>" for w in widths]
    out.append(" </tr>\n <![endif]>\n</table>\n\n</body>\n\n</html>\n")
    return "\n".join(out).encode("utf-8")


# --- Word with outline headings instead of tables -----------------------------------------


def to_docx_outline(text: str) -> bytes:
    import docx

    document = docx.Document()
    pending: list[list[str]] = []

    def flush():
        if pending:
            _docx_table(document, list(pending), style="Table Grid")
            document.add_paragraph("")
            pending.clear()

    for kind, content in blocks(text):
        if kind == "blank":
            flush()
            continue
        if kind == "para":
            flush()
            lines = cell_lines(content[0]) or [content[0].strip()]
            plain = " ".join(lines)
            if len(lines) == 1 and len(plain) <= 40 and "。" not in plain:
                document.add_heading(plain, level=1)
            else:
                for line in lines:
                    document.add_paragraph(line)
            continue
        for cells in content:
            if len(cells) == 2 and _is_label(cells[0]):
                flush()
                label = _plain(cells[0])
                goal = bool(_GOAL_LABEL.match(label))
                document.add_heading(label, level=2 if goal else 3)
                lines = cell_lines(cells[1])
                if goal or len(lines) == 1:
                    for line in lines:
                        document.add_paragraph(line)
                else:
                    for line in lines:
                        document.add_paragraph(line, style="List Bullet")
            else:
                pending.append(cells)
    flush()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


RENDERERS = {
    "txt_bracketed": (to_txt_bracketed, ".txt"),
    "xlsx_section_columns": (to_xlsx_section_columns, ".xlsx"),
    "pdf_sheet_landscape": (to_pdf_sheet_landscape, ".pdf"),
    "html_excel_web": (to_html_excel_web, ".htm"),
    "docx_outline": (to_docx_outline, ".docx"),
}
