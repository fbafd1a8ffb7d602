"""Excel 97–2003 (.xls): read with xlrd, laid out as the .xlsx loader does.

xlrd (pure Python) reads the BIFF records of the old binary workbook: cell
values as Excel last calculated them, no formulas. The workbook becomes the
same lines as the same workbook saved as .xlsx (`sheets`): a sheet per fiscal
year keeps its name as a heading, merged cells are read once (the value sits
in the first cell), dates and whole numbers read as a person sees them; the text of text
boxes drawn on a sheet is read in the cells they lie over (`xls_drawings`), as for .xlsx.

Files named .xls that are something else are common in archives: an .xlsx
renamed is read by the .xlsx loader; the "Excel" exports of web systems that
are really an HTML table, Excel's "Web page" saves and web archives (MHTML) are
read by the HTML loader; "XML Spreadsheet 2003" files by `spreadsheetml`; and
the exports that are tab- or comma-separated text by the CSV loader (a file
that is none of these, nor text, is refused). A password-protected
workbook (xlrd refuses to decrypt) and a damaged one get their own Japanese
reasons.
"""

from __future__ import annotations

import io
import logging
import re
import struct

import xlrd

from . import csv as csv_format
from . import html as html_format
from . import eraformat, mhtml, spreadsheetml, xls_drawings
from . import xlsx as xlsx_format
from .xlsx_drawings import with_text_boxes
from .common import LoadError, describe, head_bytes
from .officezip import OLE2_MAGIC
from .result import Extracted
from .sheets import (in_print_area, margin_text, visible_sheets, with_page_margins, with_print_area_note,
                     without_hidden, workbook_lines, workbook_text)

logger = logging.getLogger(__name__)

SUFFIXES = (".xls",)

MSG_XLS_PASSWORD = (
    "パスワードで保護された Excel ファイル（.xls）です。"
    "Excel でパスワードを外して保存し直してください"
)
MSG_XLS_NOT_EXCEL = (
    "Excel 97-2003 形式（.xls）のファイルとして読み込めません"
    "（ファイルが壊れているか、拡張子が正しくない可能性があります）"
)
MSG_XLS_NO_TEXT = "Excel ファイル（.xls）にセルの値がありません"

_ZIP_MAGIC = b"PK\x03\x04"
_HTML_SNIFF = 4096


def load(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None] | Extracted:
    if data.startswith(_ZIP_MAGIC):  # an .xlsx with the old extension
        return xlsx_format.load(data, name, max_bytes)
    if spreadsheetml.is_spreadsheetml(data):  # Excel's "XML Spreadsheet 2003"
        return spreadsheetml.load(data, name, max_bytes)
    if _looks_like_html_table(data) or mhtml.is_mhtml(data):  # a web system's "Excel" export, a web page save
        return html_format.load(data, name, max_bytes)
    if not data.startswith(OLE2_MAGIC):
        return _delimited_text(data, name, max_bytes)
    try:
        book = _open(data, name)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise LoadError(name, MSG_XLS_PASSWORD) from None
        logger.info("%s: xlrd refused the workbook: %s", name, describe(exc))
        raise LoadError(name, MSG_XLS_NOT_EXCEL) from None
    except Exception as exc:  # xlrd's struct / index errors on a damaged file
        logger.info("%s: xlrd failed: %s", name, describe(exc))
        raise LoadError(name, MSG_XLS_NOT_EXCEL) from None
    folded: list[str] = []
    outside: list[str] = []
    boxes = xls_drawings.sheet_text_boxes(data)
    try:
        shown, hidden = visible_sheets([(book.sheet_by_index(i).name, book.sheet_by_index(i).visibility != 0,
                                         _rows(book, i, folded, boxes, outside)) for i in range(book.nsheets)])
        lines = workbook_lines(shown, name)
    except LoadError:
        raise
    except Exception as exc:
        logger.info("%s: xlrd failed reading a sheet: %s", name, describe(exc))
        raise LoadError(name, MSG_XLS_NOT_EXCEL) from None
    finally:
        book.release_resources()
    shown_titles = {title for title, _rows in shown}
    result = workbook_text(lines, hidden, name, MSG_XLS_NO_TEXT, folded=[t for t in folded if t in shown_titles])
    result = with_print_area_note(result, [t for t in outside if t in shown_titles])
    margins = page_margins(data)
    return with_page_margins(result, [text for title, _rows in shown for text in margins.get(title, ())])


# A sheet's page header and footer records (xlrd defines them in biffh but does not read them).
_HEADER, _FOOTER = 0x0014, 0x0015


def page_margins(data: bytes) -> dict[str, list[str]]:
    """Per sheet name, its page header and footer as they print (`sheets.margin_text`: Excel's
    codes, page numbers and dates left out), read from the sheet's HEADER and FOOTER records
    (BIFF8: a string of 16-bit length, a flag byte, the characters in 8 or 16 bits); {} when
    the records cannot be followed. Read for the workbook's context, never as its text."""
    try:
        mem = xls_drawings.workbook_stream(data)
        found: dict[str, list[str]] = {}
        for name, offset in xls_drawings.sheet_offsets(mem):
            if offset + 4 > len(mem) or struct.unpack_from("<H", mem, offset)[0] != xls_drawings.BOF:
                continue
            for kind, record, _pos in xls_drawings.records(mem, offset):
                if kind in (_HEADER, _FOOTER) and len(record) >= 3:
                    if text := margin_text(_biff8_string(record)):
                        found.setdefault(name, []).append(text)
        return found
    except Exception:  # noqa: BLE001 - records the reader cannot follow: no margins
        logger.debug("xls page headers not read", exc_info=True)
        return {}


def _biff8_string(record: bytes) -> str:
    """An XLUnicodeString: its character count, flags (16-bit characters, rich-text runs,
    extended data), then the characters."""
    count, flags = struct.unpack_from("<H", record, 0)[0], record[2]
    pos = 3
    if flags & 0x08:  # rich text: the count of formatting runs
        pos += 2
    if flags & 0x04:  # extended (phonetic) data: its size
        pos += 4
    if flags & 0x01:
        return record[pos:pos + 2 * count].decode("utf-16-le", errors="replace")
    return record[pos:pos + count].decode("latin-1", errors="replace")


def _open(data: bytes, name: str):
    """The workbook with its rows' and columns' formatting (where hidden rows and columns are
    recorded); a workbook whose formatting records xlrd cannot read is opened without."""
    try:
        return xlrd.open_workbook(file_contents=data, logfile=_XlrdLog(name), on_demand=True, formatting_info=True)
    except xlrd.XLRDError:
        raise
    except Exception as exc:  # noqa: BLE001 - retried without the formatting records
        logger.info("%s: xlrd could not read the formatting records (%s); hidden rows and columns are read",
                    name, describe(exc))
        return xlrd.open_workbook(file_contents=data, logfile=_XlrdLog(name), on_demand=True)


def _rows(book, index: int, folded: list[str], boxes: dict | None = None, outside: list[str] | None = None):
    """The sheet's rows as Python values (what openpyxl gives for .xlsx; a number or date under
    an era number format as the cell shows it, `eraformat`), with the text of the shapes drawn
    on it in the cells they lie over (`xls_drawings`), only the cells inside its print area
    (the sheet's title then added to `outside`), without its hidden rows and columns (the
    sheet's title then added to `folded`)."""
    sheet = book.sheet_by_index(index)
    hidden_rows = {rx + 1 for rx, info in (getattr(sheet, "rowinfo_map", None) or {}).items() if info.hidden}
    hidden_columns = {cx + 1 for cx, info in (getattr(sheet, "colinfo_map", None) or {}).items() if info.hidden}
    eras = _era_formats(book)
    rows = ([_value(cell, book.datemode, eras) for cell in sheet.row(rx)] for rx in range(sheet.nrows))
    area = _print_area(book, index)
    if area:
        rows = _in_print_area(rows, area, sheet.name, outside if outside is not None else [])
    if (boxes or {}).get(sheet.name):
        rows = with_text_boxes(rows, boxes[sheet.name])
    if hidden_rows or hidden_columns:
        folded.append(sheet.name)
        rows = without_hidden(rows, hidden_rows, hidden_columns)
    yield from rows
    book.unload_sheet(index)


def _era_formats(book) -> dict[int, str]:
    """The workbook's cell formats (xf index) whose number format has era codes (ggge"年度");
    {} when xlrd read no formatting records."""
    formats = getattr(book, "format_map", None) or {}
    out = {}
    for k, xf in enumerate(getattr(book, "xf_list", None) or []):
        number_format = formats.get(xf.format_key)
        if number_format is not None and eraformat.has_era(number_format.format_str):
            out[k] = number_format.format_str
    return out


def _print_area(book, index: int) -> list[tuple[int, int, int, int]]:
    """The sheet's print area (the workbook's Print_Area name of that sheet) as (first row,
    last row, first column, last column) ranges, 1-based; [] when it has none."""
    ranges = []
    for defined in getattr(book, "name_obj_list", None) or []:
        if defined.scope != index or defined.name.lower() not in ("print_area", "_xlnm.print_area"):
            continue
        try:
            refs = defined.result.value if defined.result is not None else []
            for ref in refs:
                _s0, _s1, r0, r1, c0, c1 = ref.coords
                if (r0 + 1, r1, c0 + 1, c1) not in ranges:
                    ranges.append((r0 + 1, r1, c0 + 1, c1))
        except Exception:  # noqa: BLE001 - an area xlrd could not evaluate: the sheet is read whole
            return []
    return ranges


def _in_print_area(rows, area, title: str, outside: list[str]):
    """The rows with the cells outside `area` emptied; the sheet's title added to `outside`
    when a cell holding a value was left out."""
    noted = False
    for number, values in enumerate(rows, 1):
        kept = in_print_area(values, number, area)
        if not noted and any(v not in (None, "") for v, k in zip(values, kept) if k is None):
            outside.append(title)
            noted = True
        yield kept


def _value(cell, datemode: int, eras: dict[int, str] | None = None):
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if eras and cell.xf_index in eras and kind in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        serial = cell.value + (1462 if datemode else 0)  # (the 1904 date system counts from 1904)
        shown = eraformat.text(serial, eras[cell.xf_index])
        if shown:
            return shown
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (xlrd.XLDateError, ValueError, OverflowError):
            return cell.value  # a number formatted as a date Excel itself cannot show
    return cell.value


def _delimited_text(data: bytes, name: str, max_bytes: int):
    """A web system's "Excel" export that is tab- or comma-separated text (Excel's "Unicode
    text" is UTF-16 with a BOM), read as the CSV it is; anything that is not text
    (`is_plain_text`) is refused as no workbook."""
    if not is_plain_text(data):
        raise LoadError(name, MSG_XLS_NOT_EXCEL)
    try:
        return csv_format.load(data, name, max_bytes)
    except LoadError as exc:
        logger.info("%s: neither a workbook nor text: %s", name, exc.reason)
        raise LoadError(name, MSG_XLS_NOT_EXCEL) from None


# Control bytes no text file holds (NUL, the C0 controls but TAB, LF, CR and the ESC of ISO-2022-JP).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]")


def is_plain_text(data: bytes) -> bool:
    """Whether bytes that are no workbook start as text: UTF-16 with a BOM (Excel's "Unicode
    text"), or no control byte among the first ones (a damaged or cut binary file has them:
    a truncated OLE2 header, random bytes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return not _CONTROL_BYTES.search(data[:_HTML_SNIFF]) and not OLE2_MAGIC.startswith(data[:8])


def _looks_like_html_table(data: bytes) -> bool:
    head = head_bytes(data, _HTML_SNIFF).lower()
    return head.startswith(b"<") and b"<table" in head_bytes(data, 1 << 20).lower()


class _XlrdLog(io.TextIOBase):
    """xlrd writes its warnings to a file object (stdout by default): to the log."""

    def __init__(self, name: str):
        self._name = name

    def write(self, text: str) -> int:
        if text.strip():
            logger.debug("%s: xlrd: %s", self._name, text.strip())
        return len(text)
