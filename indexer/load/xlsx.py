"""Excel (.xlsx): every sheet, each non-empty row as one tab-separated line.

Read with openpyxl in read-only mode with cached formula values (data_only):
the text a person sees, not the formulas. How a workbook becomes lines (sheet
names, blank lines, cell values) is `sheets`, shared with the .xls loader. A
merged range's value sits in its first cell only, so it is read once. Hidden sheets are
left out, with a note (`sheets.visible_sheets`).
"""

from __future__ import annotations

import io

import openpyxl

from .common import LoadError, describe
from .officezip import check_office_zip
from .result import Extracted
from .sheets import visible_sheets, workbook_lines, workbook_text


SUFFIXES = (".xlsx",)

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
        raise LoadError(
            name, f"XLSXファイルとして読み込めません（ファイルが壊れている可能性があります: {describe(exc)}）"
        ) from exc
    try:
        shown, hidden = visible_sheets([(ws.title, ws.sheet_state != "visible", ws.iter_rows(values_only=True))
                                        for ws in wb.worksheets])
        lines = workbook_lines(shown, name)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(
            name, f"XLSXファイルとして読み込めません（ファイルが壊れている可能性があります: {describe(exc)}）"
        ) from exc
    finally:
        wb.close()
    return workbook_text(lines, hidden, name, MSG_XLSX_NO_TEXT)
