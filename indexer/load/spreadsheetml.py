"""Excel's "XML Spreadsheet 2003" (SpreadsheetML): a workbook in one XML file.

Excel 2002–2003 saved workbooks this way, and many city and vendor systems still export their
"Excel" files so, under the .xls name (Excel opens them after a warning). The file is read as
the same workbook saved as .xlsx (`sheets`): each <Worksheet> a sheet, each <Row> a row, each
<Cell>'s <Data> its value; ss:Index skips rows and cells, a cell merged across (ss:MergeAcross)
covers the cells to its right (its value read once), a hidden sheet (x:Visible SheetHidden /
SheetVeryHidden), row or column (ss:Hidden) is left out with the same notes as a binary
workbook's, and so are the cells outside a sheet's print area (a Print_Area <NamedRange>); a date or number shown by an era number format (ggge"年度") is read as shown
(`eraformat`). A shown sheet's page header and footer (<PageSetup><Header x:Data>) are the
workbook's context, as an .xlsx sheet's (`sheets.margin_text`). A cell's <Comment> is a reviewer's note, not the report: not read (as .xlsx).
"""

from __future__ import annotations

import datetime
import logging
import re
from xml.etree import ElementTree

from . import safexml

from . import eraformat
from .common import LoadError, head_bytes, unreadable
from .result import Extracted
from .sheets import (in_print_area, margin_text, visible_sheets, with_page_margins, with_print_area_note,
                     without_hidden, workbook_lines, workbook_text)

logger = logging.getLogger(__name__)

MSG_SPREADSHEETML_BROKEN = ("Excel の XML スプレッドシート 2003 形式のファイルですが、XML として読めません"
                            "（ファイルが壊れている可能性があります）")
KIND = "Excel の XML スプレッドシート 2003 形式のファイル"
MSG_SPREADSHEETML_NO_TEXT = "Excel の XML スプレッドシート 2003 形式のファイルにセルの値がありません"

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_X = "{urn:schemas-microsoft-com:office:excel}"
_SNIFF = 4096
_HIDDEN_STATES = ("SheetHidden", "SheetVeryHidden")
_MAX_INDEX = 1 << 20  # rows / columns beyond Excel's own limit are a damaged file's


def is_spreadsheetml(data: bytes) -> bool:
    """An XML file whose root is SpreadsheetML's <Workbook> (or that names Excel.Sheet as its
    program): what Excel writes as "XML スプレッドシート 2003" (some systems leave out the XML
    declaration and start with the <Workbook> itself)."""
    head = head_bytes(data, _SNIFF)
    return (head.startswith(b"<?xml") or head[:20].lower().startswith((b"<workbook", b"<ss:workbook"))) and (
        b'progid="Excel.Sheet"' in head or b"urn:schemas-microsoft-com:office:spreadsheet" in head)


def load(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None] | Extracted:
    try:
        root = safexml.fromstring(data, name, kind=KIND)
    except ElementTree.ParseError as exc:
        raise unreadable(name, MSG_SPREADSHEETML_BROKEN, exc, maybe_broken=False) from None
    formats = {style.get(f"{_SS}ID"): (style.find(f"{_SS}NumberFormat").get(f"{_SS}Format") or "")
               for style in root.iter(f"{_SS}Style") if style.find(f"{_SS}NumberFormat") is not None}
    books, folded, outside = [], [], []
    margins: dict[str, list[str]] = {}
    book_names = root.find(f"{_SS}Names")
    for sheet in root.iter(f"{_SS}Worksheet"):
        title = sheet.get(f"{_SS}Name") or f"Sheet{len(books) + 1}"
        visible = sheet.find(f"{_X}WorksheetOptions/{_X}Visible")
        hidden = visible is not None and (visible.text or "").strip() in _HIDDEN_STATES
        rows, hidden_rows, hidden_columns = _table(sheet.find(f"{_SS}Table"), formats)
        area = _print_area(sheet.find(f"{_SS}Names"), title) or _print_area(book_names, title, named_sheet=True)
        if area:
            kept = [in_print_area(values, number, area) for number, values in enumerate(rows, 1)]
            if any(v not in (None, "") and k is None for old, new in zip(rows, kept) for v, k in zip(old, new)):
                outside.append(title)
            rows = kept
        if hidden_rows or hidden_columns:
            folded.append(title)
            rows = list(without_hidden(rows, hidden_rows, hidden_columns))
        books.append((title, hidden, rows))
        margins[title] = [margin_text(part.get(f"{_X}Data") or "")
                          for part in sheet.iterfind(f"{_X}WorksheetOptions/{_X}PageSetup/*")
                          if part.tag in (f"{_X}Header", f"{_X}Footer")]
    if not books:
        raise LoadError(name, MSG_SPREADSHEETML_NO_TEXT)
    shown, hidden_titles = visible_sheets(books)
    lines = workbook_lines(shown, name)
    shown_titles = {title for title, _rows in shown}
    result = workbook_text(lines, hidden_titles, name, MSG_SPREADSHEETML_NO_TEXT,
                           folded=[t for t in folded if t in shown_titles])
    result = with_print_area_note(result, [t for t in outside if t in shown_titles])
    # the shown sheets' page headers and footers (<PageSetup><Header x:Data="&C令和元年度"/>),
    # in Excel's codes as an .xlsx sheet's: the workbook's context
    return with_page_margins(result, [text for title, _rows in shown for text in margins.get(title, ())])


_R1C1 = re.compile(r"R(\d+)C(\d+)(?::R(\d+)C(\d+))?$")


def _print_area(names, title: str, named_sheet: bool = False) -> list[tuple[int, int, int, int]]:
    """A sheet's print area from a <Names> element (the sheet's own, or the workbook's naming
    the sheet: `named_sheet`): its Print_Area's R1C1 ranges as (first row, last row, first
    column, last column); [] when there is none, or one of whole rows or columns (not followed,
    as for .xlsx)."""
    if names is None:
        return []
    for named in names.findall(f"{_SS}NamedRange"):
        if (named.get(f"{_SS}Name") or "").lower() != "print_area":
            continue
        ranges = []
        for part in (named.get(f"{_SS}RefersTo") or "").lstrip("=").split(","):
            sheet, _, ref = part.strip().rpartition("!")
            if named_sheet and sheet.strip("'") != title:
                ranges = []
                break
            m = _R1C1.match(ref)
            if m is None:
                return []
            r0, c0 = int(m.group(1)), int(m.group(2))
            r1, c1 = int(m.group(3) or r0), int(m.group(4) or c0)
            ranges.append((r0, r1, c0, c1))
        if ranges:
            return ranges
    return []


def _index(element, current: int) -> int:
    """The 1-based position an element's ss:Index names, else the one after `current`."""
    try:
        index = int(element.get(f"{_SS}Index") or current + 1)
    except ValueError:
        index = current + 1
    return min(max(index, current + 1), _MAX_INDEX)


def _table(table, formats: dict) -> tuple[list[list], set[int], set[int]]:
    """A <Table>'s rows as Python values (None for an empty cell), and its hidden rows and
    columns (1-based)."""
    rows: list[list] = []
    hidden_rows: set[int] = set()
    hidden_columns: set[int] = set()
    if table is None:
        return rows, hidden_rows, hidden_columns
    column = 0
    for col in table.findall(f"{_SS}Column"):
        column = _index(col, column)
        span = int(col.get(f"{_SS}Span") or 0)
        if col.get(f"{_SS}Hidden") == "1":
            hidden_columns.update(range(column, column + span + 1))
        column += span
    number = 0
    for row in table.findall(f"{_SS}Row"):
        number = _index(row, number)
        while len(rows) < number - 1:
            rows.append([])
        if row.get(f"{_SS}Hidden") == "1":
            hidden_rows.add(number)
        values: list = []
        position = 0
        for cell in row.findall(f"{_SS}Cell"):
            position = _index(cell, position)
            while len(values) < position - 1:
                values.append(None)
            values.append(_value(cell, formats))
            position += int(cell.get(f"{_SS}MergeAcross") or 0)
        rows.append(values)
    return rows, hidden_rows, hidden_columns


def _value(cell, formats: dict):
    data = cell.find(f"{_SS}Data")
    if data is None:
        return None
    text = "".join(data.itertext())  # a rich value (<Font>, <B> inside ss:Data) read as its text
    kind = data.get(f"{_SS}Type") or "String"
    number_format = formats.get(cell.get(f"{_SS}StyleID"), "")
    try:
        if kind == "Number":
            value = float(text)
        elif kind == "DateTime":
            value = datetime.datetime.fromisoformat(text.strip()[:19])
        elif kind == "Boolean":
            return text.strip() == "1"
        else:
            return text
    except ValueError:
        return text
    if eraformat.has_era(number_format):
        return eraformat.text(value, number_format) or value
    return value
