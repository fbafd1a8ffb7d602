"""Excel 97–2003 (.xls): read with xlrd, laid out as the .xlsx loader does.

xlrd (pure Python) reads the BIFF records of the old binary workbook: cell
values as Excel last calculated them, no formulas. The workbook becomes the
same lines as the same workbook saved as .xlsx (`sheets`): a sheet per fiscal
year keeps its name as a heading, merged cells are read once (the value sits
in the first cell), dates and whole numbers read as a person sees them; the text of text
boxes drawn on a sheet is read in the cells they lie over (`xls_drawings`), as for .xlsx.

Files named .xls that are something else are common in archives: an .xlsx
renamed is read by the .xlsx loader; the "Excel" exports of web systems that
are really an HTML table are read by the HTML loader. A password-protected
workbook (xlrd refuses to decrypt) and a damaged one get their own Japanese
reasons.
"""

from __future__ import annotations

import io
import logging

import xlrd

from . import html as html_format
from . import xls_drawings
from . import xlsx as xlsx_format
from .xlsx_drawings import with_text_boxes
from .common import LoadError, describe
from .officezip import OLE2_MAGIC
from .result import Extracted
from .sheets import visible_sheets, without_hidden, workbook_lines, workbook_text

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
    if _looks_like_html_table(data):  # a web system's "Excel" export
        return html_format.load(data, name, max_bytes)
    if not data.startswith(OLE2_MAGIC):
        raise LoadError(name, MSG_XLS_NOT_EXCEL)
    try:
        book = _open(data, name)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise LoadError(name, MSG_XLS_PASSWORD) from None
        logger.info("%s: xlrd refused the workbook: %s", name, describe(exc))
        raise LoadError(name, f"{MSG_XLS_NOT_EXCEL[:-1]}: {describe(exc)}）") from None
    except Exception as exc:  # xlrd's struct / index errors on a damaged file
        logger.info("%s: xlrd failed: %s", name, describe(exc))
        raise LoadError(name, f"{MSG_XLS_NOT_EXCEL[:-1]}: {describe(exc)}）") from None
    folded: list[str] = []
    boxes = xls_drawings.sheet_text_boxes(data)
    try:
        shown, hidden = visible_sheets([(book.sheet_by_index(i).name, book.sheet_by_index(i).visibility != 0,
                                         _rows(book, i, folded, boxes)) for i in range(book.nsheets)])
        lines = workbook_lines(shown, name)
    except LoadError:
        raise
    except Exception as exc:
        logger.info("%s: xlrd failed reading a sheet: %s", name, describe(exc))
        raise LoadError(name, f"{MSG_XLS_NOT_EXCEL[:-1]}: {describe(exc)}）") from None
    finally:
        book.release_resources()
    shown_titles = {title for title, _rows in shown}
    return workbook_text(lines, hidden, name, MSG_XLS_NO_TEXT, folded=[t for t in folded if t in shown_titles])


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


def _rows(book, index: int, folded: list[str], boxes: dict | None = None):
    """The sheet's rows as Python values (what openpyxl gives for .xlsx), with the text of the
    shapes drawn on it in the cells they lie over (`xls_drawings`), without its hidden rows
    and columns (the sheet's title then added to `folded`)."""
    sheet = book.sheet_by_index(index)
    hidden_rows = {rx + 1 for rx, info in (getattr(sheet, "rowinfo_map", None) or {}).items() if info.hidden}
    hidden_columns = {cx + 1 for cx, info in (getattr(sheet, "colinfo_map", None) or {}).items() if info.hidden}
    rows = ([_value(cell, book.datemode) for cell in sheet.row(rx)] for rx in range(sheet.nrows))
    if (boxes or {}).get(sheet.name):
        rows = with_text_boxes(rows, boxes[sheet.name])
    if hidden_rows or hidden_columns:
        folded.append(sheet.name)
        rows = without_hidden(rows, hidden_rows, hidden_columns)
    yield from rows
    book.unload_sheet(index)


def _value(cell, datemode: int):
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
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


def _looks_like_html_table(data: bytes) -> bool:
    head = data[:_HTML_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<table" in data[:1 << 20].lower()


class _XlrdLog(io.TextIOBase):
    """xlrd writes its warnings to a file object (stdout by default): to the log."""

    def __init__(self, name: str):
        self._name = name

    def write(self, text: str) -> int:
        if text.strip():
            logger.debug("%s: xlrd: %s", self._name, text.strip())
        return len(text)
