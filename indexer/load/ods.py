"""OpenDocument spreadsheets (.ods): the sheets of `content.xml`, laid out as an Excel
workbook is (`sheets`), so the same workbook reads the same saved by LibreOffice or Excel.

Read directly, not through LibreOffice: a spreadsheet is a plain grid (rows of cells, a merged
cell written once with the cells it covers marked `covered-table-cell`), which maps onto the
workbook lines with no rule of Word's to repeat, and LibreOffice's spreadsheet module is a
separate package a text-only server may lack (measured in docs/parsing.md, "Eighth round").

- a cell's value is the text LibreOffice shows (its `text:p` paragraphs: numbers and dates as
  formatted; a cell's paragraphs and line breaks become its items), comments (annotations)
  left out;
- a merged cell is read once, in its first cell; covered cells are empty;
- the text of shapes anchored to a cell (text boxes, rectangles, groups: LibreOffice writes
  them inside the cell) goes to the first empty cell from that column rightwards, as an .xlsx
  sheet's drawing shapes do (`xlsx_drawings`);
- repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`: LibreOffice
  writes the empty rest of a sheet as one row repeated a million times) are expanded only
  while they hold text, up to `sheets.MAX_COLUMNS` columns and `MAX_REPEATED_ROWS` copies;
- hidden sheets (`table:display="false"` in their style) are left out with a note when some
  sheet is visible, and so are hidden (collapsed or filtered) rows and columns of a visible
  sheet, as for .xlsx; so are the cells outside a sheet's print ranges (`table:print-ranges`),
  with a note, as for .xlsx;
- a shown sheet's page header and footer (its page style's, in `styles.xml`; fields such as the
  page number left out) are the workbook's context, as an .xlsx sheet's.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from xml.etree import ElementTree

from openpyxl.utils import column_index_from_string

from . import safexml
from .common import unreadable
from .result import Extracted
from .sheets import (MAX_COLUMNS, in_print_area, visible_sheets, with_page_margins, with_print_area_note,
                     workbook_lines, workbook_text)
from .xlsx_drawings import with_text_boxes

logger = logging.getLogger(__name__)

MSG_ODS_NO_TEXT = "OpenDocument スプレッドシート（.ods）にセルの値がありません"
MAX_REPEATED_ROWS = 1000

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_TABLE, _ROW, _CELL, _COVERED, _COLUMN = (_q("table:table"), _q("table:table-row"), _q("table:table-cell"),
                                          _q("table:covered-table-cell"), _q("table:table-column"))
_P, _H, _S, _TAB, _BREAK = _q("text:p"), _q("text:h"), _q("text:s"), _q("text:tab"), _q("text:line-break")
_SKIPPED = {_q("office:annotation"), _q("office:annotation-end"), _q("text:note")}
_ROW_CONTAINERS = {_q("table:table-header-rows"), _q("table:table-rows"), _q("table:table-row-group")}
_COLUMN_CONTAINERS = {_q("table:table-header-columns"), _q("table:table-columns"), _q("table:table-column-group")}
_REPEAT_ROWS, _REPEAT_COLUMNS = _q("table:number-rows-repeated"), _q("table:number-columns-repeated")
_VISIBILITY, _STYLE_NAME, _NAME = _q("table:visibility"), _q("table:style-name"), _q("table:name")


def load(data: bytes, name: str) -> Extracted | tuple[str, str | None]:
    """The workbook lines of an .ods file already recognised and bounded (`odf`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = safexml.fromstring(zf.read("content.xml"), name)
            page_margins = _page_margins(zf, name)
    except Exception as exc:  # noqa: BLE001 - a damaged part: the user's reason
        raise unreadable(name, "OpenDocument スプレッドシート（.ods）として読み込めません", exc) from None
    page_styles = _table_page_styles(root)
    hidden_styles = _hidden_table_styles(root)
    sheets = []
    folded = []
    outside = []
    margins: dict[str, tuple[str, ...]] = {}
    for table in root.iter(_TABLE):
        hidden_columns = _hidden_columns(table)
        area = _print_ranges(table.get(_PRINT_RANGES, ""))
        rows, hid_rows, out_of_area = _rows(table, hidden_columns, area)
        title = table.get(_NAME, "")
        if hid_rows or hidden_columns:
            folded.append(title)
        if out_of_area:
            outside.append(title)
        sheets.append((title, table.get(_STYLE_NAME) in hidden_styles, rows))
        margins[title] = page_margins.get(page_styles.get(table.get(_STYLE_NAME), ""), ())
    shown, hidden = visible_sheets(sheets)
    lines = workbook_lines(shown, name)
    shown_titles = {title for title, _rows in shown}
    result = workbook_text(lines, hidden, name, MSG_ODS_NO_TEXT, folded=[t for t in folded if t in shown_titles])
    result = with_print_area_note(result, [t for t in outside if t in shown_titles])
    return with_page_margins(result, [text for title, _rows in shown for text in margins.get(title, ())])


# A page style's header and footer (all pages', left pages' and the first page's), and the
# fields LibreOffice writes in them (page number and count, sheet and file name, date, time):
# what they show changes with the page, and is not read.
_MARGIN_TAGS = {_q(f"style:{part}") for part in ("header", "header-left", "header-first",
                                                  "footer", "footer-left", "footer-first")}
_FIELDS = {_q(f"text:{field}") for field in ("page-number", "page-count", "sheet-name", "file-name", "title",
                                             "date", "time", "page-continuation")}
_DISPLAY = _q("style:display")
_MASTER_PAGE, _MASTER_PAGE_NAME = _q("style:master-page"), _q("style:master-page-name")


def _page_margins(zf: zipfile.ZipFile, name: str) -> dict[str, tuple[str, ...]]:
    """Each page style's (master page's) shown header and footer texts, fields left out, from
    `styles.xml`; {} when there is none (a workbook written without styles)."""
    if "styles.xml" not in zf.namelist():
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for page in safexml.fromstring(zf.read("styles.xml"), name).iter(_MASTER_PAGE):
        texts = []
        for part in page:
            if part.tag not in _MARGIN_TAGS or part.get(_DISPLAY) == "false":
                continue
            for paragraph in part.iter():
                if paragraph.tag in (_P, _H):
                    text = " ".join(_inline(paragraph, skipped=_FIELDS).split())
                    if re.search(r"[^\W_]", text):
                        texts.append(text)
        found[page.get(_q("style:name"), "")] = tuple(texts)
    return found


def _table_page_styles(root) -> dict[str, str]:
    """Each table style's page style (style:master-page-name): the page a sheet prints on."""
    return {style.get(_q("style:name")): style.get(_MASTER_PAGE_NAME) or ""
            for style in root.iter(_q("style:style")) if style.get(_q("style:family")) == "table"}


_PRINT_RANGES = _q("table:print-ranges")
# One range of table:print-ranges: $'R4評価'.$A$1:.$E$5, Sheet1.A1:Sheet1.E20 (the sheet's name
# before each cell, or only before the first).
_RANGE = re.compile(r"^(?:[^:]*\.)?\$?([A-Z]{1,3})\$?(\d+)(?::(?:[^:]*\.)?\$?([A-Z]{1,3})\$?(\d+))?$")


def _print_ranges(value: str) -> list[tuple[int, int, int, int]]:
    """A sheet's print ranges as 1-based (first row, last row, first column, last column); []
    when it sets none or one the reader does not follow."""
    ranges = []
    for part in value.split():
        m = _RANGE.match(part)
        if m is None:
            return []
        r0, r1 = int(m.group(2)), int(m.group(4) or m.group(2))
        ranges.append((r0, r1, column_index_from_string(m.group(1)),
                       column_index_from_string(m.group(3) or m.group(1))))
    return ranges


def _hidden_table_styles(root) -> set[str]:
    """The automatic table styles that hide a sheet (table:display="false")."""
    out = set()
    for style in root.iter(_q("style:style")):
        props = style.find(_q("style:table-properties"))
        if props is not None and props.get(_q("table:display")) == "false":
            out.add(style.get(_q("style:name")))
    return out


def _hidden_columns(table) -> set[int]:
    """0-based indexes of the sheet's collapsed (hidden) columns."""
    hidden: set[int] = set()
    k = 0
    for column in _children(table, _COLUMN, _COLUMN_CONTAINERS):
        n = min(int(column.get(_REPEAT_COLUMNS, "1") or 1), MAX_COLUMNS + 1)
        if column.get(_VISIBILITY) in ("collapse", "filter"):
            hidden.update(range(k, k + n))
        k += n
        if k > MAX_COLUMNS:
            break
    return hidden


def _children(parent, tag: str, containers: set[str]):
    """`parent`'s `tag` elements, also inside grouping elements (header rows, row groups)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in containers:
            yield from _children(child, tag, containers)


def _rows(table, hidden_columns: set[int],
          area: list[tuple[int, int, int, int]] | None = None) -> tuple[list[list[str | None]], bool, bool]:
    """The sheet's rows of cell texts (None for an empty or covered cell), without its hidden
    rows and columns and the cells outside its print ranges `area`; whether any row was hidden;
    whether a value outside the print ranges was left out."""
    rows: list[list[str | None]] = []
    pending_blank = 0
    any_hidden = False
    out_of_area = False
    number = 1   # the 1-based number of the row element's first row
    for row in _children(table, _ROW, _ROW_CONTAINERS):
        values = _cells(row)
        first, number = number, number + int(row.get(_REPEAT_ROWS, "1") or 1)
        if area:
            kept = in_print_area(values, first, area)
            out_of_area = out_of_area or any(v and k is None for v, k in zip(values, kept))
            values = kept
        if hidden_columns:
            values = [v for k, v in enumerate(values) if k not in hidden_columns]
        if row.get(_VISIBILITY) in ("collapse", "filter"):
            any_hidden = any_hidden or any(values)
            continue
        repeat = int(row.get(_REPEAT_ROWS, "1") or 1)
        if not any(values):
            pending_blank += min(repeat, 2)   # the empty rest of a sheet: blank lines, not a million
            continue
        rows.extend([[]] * pending_blank)
        pending_blank = 0
        rows.extend([values] * min(repeat, MAX_REPEATED_ROWS))
    return rows, any_hidden, out_of_area


def _cells(row) -> list[str | None]:
    values: list[str | None] = []
    shapes: list[tuple[None, int, str]] = []  # (row, column, text) of the shapes anchored in the row's cells
    for cell in row:
        if cell.tag not in (_CELL, _COVERED):
            continue
        repeat = int(cell.get(_REPEAT_COLUMNS, "1") or 1)
        text = _cell_text(cell) if cell.tag == _CELL else None
        drawn = _shape_text(cell) if cell.tag == _CELL else ""
        if drawn and len(values) < MAX_COLUMNS:
            shapes.append((0, len(values), drawn))
        if len(values) >= MAX_COLUMNS:
            if text:
                values.append(text)   # past the columns read: `sheets` logs it
                break
            continue
        # (empty or covered cells are kept only when text follows: trailing ones are dropped below)
        values.extend([text or None] * min(repeat, MAX_COLUMNS - len(values)))
    if shapes:
        # a text box anchored to a cell: its text in the first empty cell from there, as in .xlsx
        values = with_text_boxes([values], shapes)[0]
    while values and values[-1] is None:
        values.pop()
    return values


_DRAW = "{%s}" % _NS["draw"]


def _shape_text(cell) -> str:
    """The text of the shapes LibreOffice anchors to a cell (text boxes, rectangles, groups:
    draw:* elements inside the cell), one paragraph a line; comments left out."""
    paragraphs = [_inline(p) for child in cell if child.tag.startswith(_DRAW)
                  for p in child.iter() if p.tag in (_P, _H)]
    return "\n".join(p for p in paragraphs if p.strip())


def _cell_text(cell) -> str:
    """The text a cell shows: its paragraphs one per line, comments left out."""
    paragraphs = []
    for child in cell:
        if child.tag in (_P, _H):
            paragraphs.append(_inline(child))
        elif child.tag == _q("text:list"):
            paragraphs.extend(_inline(p) for p in child.iter() if p.tag in (_P, _H))
    return "\n".join(p for p in paragraphs if p.strip())


def _inline(element, skipped: set[str] = _SKIPPED) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag in _SKIPPED or child.tag in skipped:
            pass
        elif child.tag == _S:
            parts.append(" " * min(int(child.get(_q("text:c"), "1") or 1), 100))
        elif child.tag == _TAB:
            parts.append(" ")
        elif child.tag == _BREAK:
            parts.append("\n")
        else:
            parts.append(_inline(child, skipped))
        parts.append(child.tail or "")
    return "".join(parts)
