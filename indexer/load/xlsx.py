"""Excel (.xlsx): every sheet, each non-empty row as one tab-separated line.

Read with openpyxl in read-only mode with cached formula values (data_only):
the text a person sees, not the formulas. A sheet starts with its name as a
heading line (unless it is a default name such as "Sheet1", or the workbook's
only sheet with values) and sheets are
separated by a blank line; runs of empty rows become one blank line. A merged
range's value sits in its first cell only, so it is read once; a cell's line
breaks (Alt+Enter) separate its items (<br>).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re

import openpyxl

from .common import LoadError, describe, require_text
from .officezip import check_office_zip
from .tables import cell_text, escape_markup, join_blocks, row_line

logger = logging.getLogger(__name__)

SUFFIXES = (".xlsx",)

MSG_XLSX_NOT_ZIP = (
    "XLSXファイルとして読み込めません（ZIP形式ではありません。"
    "ファイルが壊れているか、拡張子が正しくない可能性があります）"
)
MSG_XLSX_OLE = (
    "パスワード付き、または旧形式（.xls）の Excel ファイルです。"
    "パスワードを外して .xlsx 形式で保存し直してください"
)
MSG_XLSX_NO_TEXT = "XLSXにセルの値がありません"

# Names Excel and LibreOffice give new sheets: no information for a reader.
_DEFAULT_SHEET = re.compile(r"^(?:Sheet|シート|Tabelle|Feuille|Hoja)\s*\d*$", re.I)
# A sheet wider than this is not a report; the rest of the row is ignored (logged).
_MAX_COLUMNS = 200


def load(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None]:
    check_office_zip(data, name, "XLSX", "xl/workbook.xml", MSG_XLSX_OLE, MSG_XLSX_NOT_ZIP)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise LoadError(
            name, f"XLSXファイルとして読み込めません（ファイルが壊れている可能性があります: {describe(exc)}）"
        ) from exc
    lines: list[str] = []
    try:
        sheets = [(ws.title, lines_of) for ws in wb.worksheets if (lines_of := _sheet_lines(ws, name))]
        for title, sheet_lines in sheets:
            if lines:
                lines.append("")
            title = (title or "").strip()
            # a sheet's name tells the sheets apart; the only sheet's tab name is no part of the report
            if title and not _DEFAULT_SHEET.match(title) and len(sheets) > 1:
                lines.append(escape_markup(title))
            lines.extend(sheet_lines)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(
            name, f"XLSXファイルとして読み込めません（ファイルが壊れている可能性があります: {describe(exc)}）"
        ) from exc
    finally:
        wb.close()
    text = join_blocks(lines)
    require_text(text, name, MSG_XLSX_NO_TEXT)
    return text, None


def _sheet_lines(ws, name: str) -> list[str]:
    lines: list[str] = []
    wide = False
    for row in ws.iter_rows(values_only=True):
        if len(row) > _MAX_COLUMNS:
            wide = wide or any(v is not None for v in row[_MAX_COLUMNS:])
            row = row[:_MAX_COLUMNS]
        line = row_line([cell_text([_value(v)]) for v in row])
        lines.append(line)  # "" for an empty row: a block separator
    if wide:
        logger.warning("%s: sheet %s: columns beyond %d ignored", name, ws.title, _MAX_COLUMNS)
    return lines if any(lines) else []


def _value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        if (v.hour, v.minute, v.second) == (0, 0, 0):
            return f"{v.year}年{v.month}月{v.day}日"
        return f"{v.year}年{v.month}月{v.day}日 {v.hour}:{v.minute:02d}"
    if isinstance(v, dt.date):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, dt.time):
        return f"{v.hour}:{v.minute:02d}"
    return str(v)
