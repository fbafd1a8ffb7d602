"""Excel (.xlsx): every sheet, each non-empty row as one tab-separated line.

Read with openpyxl in read-only mode with cached formula values (data_only):
the text a person sees, not the formulas; a date serial shown in 和暦 by its number format
(ggge"年度") is read as shown (`eraformat`). How a workbook becomes lines (sheet
names, blank lines, cell values) is `sheets`, shared with the .xls loader. A
merged range's value sits in its first cell only, so it is read once. Hidden sheets are
left out, with a note (`sheets.visible_sheets`); so are hidden rows and columns of a
visible sheet (a working column of notes, a draft row), with a note naming the sheet; and
so are the cells outside a sheet's print area (what the office prints and publishes is the
area; notes kept beside it are not the report), with a note of their own.
Text typed into text boxes drawn on a sheet is read in the cells the boxes lie over
(`xlsx_drawings`); cell comments are not (a reviewer's note is not the report).
"""

from __future__ import annotations

import datetime
import io
import logging
import posixpath
import re
import zipfile

import openpyxl
from openpyxl.utils import column_index_from_string

from .common import LoadError, unreadable
from .officezip import check_office_zip
from .result import Extracted
from . import eraformat, safexml, sheets, xlsx_drawings
from .sheets import margin_text, visible_sheets, without_hidden, workbook_lines, workbook_text

logger = logging.getLogger(__name__)


SUFFIXES = (".xlsx", ".xlsm")  # a macro-enabled workbook (.xlsm) is the same package

MSG_XLSX_NOT_ZIP = (
    "XLSXファイルとして読み込めません（ZIP形式ではありません。"
    "ファイルが壊れているか、拡張子が正しくない可能性があります）"
)
MSG_XLSX_OLE = (
    "パスワード付き、または旧形式（.xls）の Excel ファイルです。"
    "旧形式なら拡張子を .xls にすると読み込めます。パスワード付きならパスワードを外して保存し直してください"
)
MSG_XLSX_NO_TEXT = "XLSXにセルの値がありません"


def load(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None] | Extracted:
    check_office_zip(data, name, "XLSX", "xl/workbook.xml", MSG_XLSX_OLE, MSG_XLSX_NOT_ZIP)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise unreadable(name, "XLSXファイルとして読み込めません", exc) from exc
    try:
        margins: dict[str, list[str]] = {}
        hidden_cells = _hidden_rows_and_columns(data, margins)
        printed = _print_areas(data)
        text_boxes = xlsx_drawings.sheet_text_boxes(data)
        folded: list[str] = []
        outside: list[str] = []

        era_dates = _has_era_formats(data)

        def rows_of(ws):
            rows_hidden, columns_hidden = hidden_cells.get(ws.title, (set(), set()))
            boxes = text_boxes.get(ws.title)
            area = printed.get(ws.title)
            if not rows_hidden and not columns_hidden and not boxes and not area and not era_dates:
                return ws.iter_rows(values_only=True)
            if era_dates:
                rows = (tuple(_shown(cell) for cell in row) for row in ws.iter_rows(min_row=1, min_col=1))
            else:
                rows = ws.iter_rows(min_row=1, min_col=1, values_only=True)
            if boxes:
                rows = xlsx_drawings.with_text_boxes(rows, boxes)
            if area:
                # cells outside the sheet's print area: the writer's notes beside the report
                rows = _in_print_area(rows, area, lambda: outside.append(ws.title))
            if not rows_hidden and not columns_hidden:
                return rows
            folded.append(ws.title)
            return without_hidden(rows, rows_hidden, columns_hidden)

        shown, hidden = visible_sheets([(ws.title, ws.sheet_state != "visible", rows_of(ws))
                                        for ws in wb.worksheets])
        lines = workbook_lines(shown, name)
    except LoadError:
        raise
    except Exception as exc:
        raise unreadable(name, "XLSXファイルとして読み込めません", exc) from exc
    finally:
        wb.close()
    shown_titles = {title for title, _rows in shown}
    result = workbook_text(lines, hidden, name, MSG_XLSX_NO_TEXT, folded=[t for t in folded if t in shown_titles])
    result = sheets.with_print_area_note(result, [t for t in outside if t in shown_titles])
    return sheets.with_page_margins(result, [text for title, _rows in shown for text in margins.get(title, ())])


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _has_era_formats(data: bytes) -> bool:
    """Whether the workbook's styles define a number format with era codes (ggge"年度")."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            styles = safexml.fromstring(zf.read("xl/styles.xml"))
    except Exception:  # noqa: BLE001 - no styles part: no such format
        return False
    return any(eraformat.has_era(f.get("formatCode")) for f in styles.iter(f"{_MAIN}numFmt"))


def _shown(cell):
    """A cell's value, or the 和暦 date its number format shows a date serial as (令和2年度)."""
    value = cell.value
    if isinstance(value, (int, float, datetime.date)) and not isinstance(value, bool):
        fmt = getattr(cell, "number_format", None)
        if eraformat.has_era(fmt):
            return eraformat.text(value, fmt) or value
    return value


_AREA = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def _print_areas(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per sheet title, its print area as (first row, last row, first column, last column)
    ranges (the workbook's _xlnm.Print_Area names: 'R4評価'!$A$1:$E$20, several ranges
    comma-separated). A range of whole rows or columns ($1:$20, $A:$E) or one the reader does
    not follow sets no area. {} when the workbook names none."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = safexml.fromstring(zf.read("xl/workbook.xml"))
    except Exception:  # noqa: BLE001 - the sheets are then read whole
        return {}
    titles = [sheet.get("name", "") for sheet in book.iter(f"{_MAIN}sheet")]
    areas: dict[str, list[tuple[int, int, int, int]]] = {}
    for name in book.iter(f"{_MAIN}definedName"):
        if name.get("name") != "_xlnm.Print_Area" or not (name.get("localSheetId") or "").isdigit():
            continue
        index = int(name.get("localSheetId"))
        if index >= len(titles):
            continue
        ranges = []
        for part in (name.text or "").split(","):
            m = _AREA.match(part.rsplit("!", 1)[-1].strip())
            if m is None:
                ranges = []
                break
            c0, r0, c1, r1 = m.group(1), int(m.group(2)), m.group(3) or m.group(1), int(m.group(4) or m.group(2))
            ranges.append((r0, r1, column_index_from_string(c0), column_index_from_string(c1)))
        if ranges:
            areas[titles[index]] = ranges
    return areas


def _in_print_area(rows, ranges: list[tuple[int, int, int, int]], on_dropped):
    """A sheet's rows (from row 1, column 1) with every cell no print range covers emptied (the
    rows and columns keep their numbers); `on_dropped()` is called once if a value was."""
    dropped = False
    for number, row in enumerate(rows, 1):
        kept = sheets.in_print_area(row, number, ranges)
        if not dropped and any(v not in (None, "") and k is None for v, k in zip(row, kept)):
            dropped = True
            on_dropped()
        yield kept


# A sheet's page header and footer parts (headerFooter); their text as it prints: `sheets.margin_text`.
_MARGIN_TAGS = {f"{_MAIN}{tag}" for tag in ("oddHeader", "oddFooter", "evenHeader", "evenFooter",
                                              "firstHeader", "firstFooter")}


def _hidden_rows_and_columns(data: bytes, margins: dict[str, list[str]] | None = None
                             ) -> dict[str, tuple[set[int], set[int]]]:
    """Per sheet title, the 1-based rows and columns hidden in Excel (a working column of
    staff notes, a draft row): read from the sheets' XML, which openpyxl's read-only mode
    does not expose. {} when the parts cannot be read (the sheets are then read whole).
    `margins`, when given, gets each sheet's page header and footer texts (`margin_text`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            rels = safexml.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PACKAGE_REL}Relationship")}
            book = safexml.fromstring(zf.read("xl/workbook.xml"))
            found: dict[str, tuple[set[int], set[int]]] = {}
            for sheet in book.iter(f"{_MAIN}sheet"):
                target = targets.get(sheet.get(f"{_REL}id"), "")
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                if part not in zf.namelist():
                    continue
                rows: set[int] = set()
                columns: set[int] = set()
                with zf.open(part) as stream:
                    for _event, element in safexml.iterparse(stream):
                        if element.tag == f"{_MAIN}row":
                            if element.get("hidden") in ("1", "true") and (element.get("r") or "").isdigit():
                                rows.add(int(element.get("r")))
                            element.clear()
                        elif element.tag == f"{_MAIN}col" and element.get("hidden") in ("1", "true"):
                            low, high = int(element.get("min", "0")), int(element.get("max", "0"))
                            columns.update(range(low, min(high, low + sheets.MAX_COLUMNS) + 1))
                        elif margins is not None and element.tag in _MARGIN_TAGS and element.text:
                            if text := margin_text(element.text):
                                margins.setdefault(sheet.get("name", ""), []).append(text)
                if rows or columns:
                    found[sheet.get("name", "")] = (rows, columns)
            return found
    except Exception:  # noqa: BLE001 - a part the reader cannot follow: the sheets are read whole
        logger.debug("hidden rows and columns not read", exc_info=True)
        return {}
