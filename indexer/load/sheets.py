"""How a workbook is laid out as text, whatever file format it came in.

Shared by the Excel loaders (`xlsx` through openpyxl, `xls` through xlrd) so
that the same workbook saved in either format reads the same:

- every sheet with values, in workbook order; each non-empty row one
  tab-separated line (`tables.row_line`), an empty row a blank line; columns at the
  left that are empty in every row of the sheet are left out;
- a sheet starts with its name as a heading line when the workbook has more
  than one sheet with values and the name is not a default one ("Sheet1",
  "シート2"): the name tells the sheets apart (often the fiscal year), while
  the only sheet's tab name is no part of the report;
- sheets are separated by a blank line;
- a cell's value is the text a person sees: whole numbers without ".0",
  dates as 2023年4月1日, booleans as TRUE / FALSE; a cell's line breaks
  (Alt+Enter) separate its items (<br>);
- at most `MAX_COLUMNS` columns are read (a wider sheet is not a report; the
  rest is logged, not silently lost);
- hidden sheets (a working sheet, an earlier draft) are not read when some sheet is
  visible; the user is told which (`hidden_sheets_warning`); an .xlsx sheet's hidden rows
  and columns likewise (`without_hidden`, `hidden_cells_warning`; .xls from its row and column records).

`workbook_text` is what a loader returns for the lines: the text (refused with the
loader's own reason when it has none) and the note on the hidden sheets; for a workbook
of several sheets, which lines of that text each sheet produced (`Extracted.sheet_lines`),
so a workbook holding several wards' reports can be read sheet by sheet
(`indexer.wardparts`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence

from .common import require_text
from .result import Extracted
from .tables import cell_text, escape_markup, join_blocks, row_line

logger = logging.getLogger(__name__)

# Names Excel and LibreOffice give new sheets: no information for a reader.
DEFAULT_SHEET = re.compile(r"^(?:Sheet|シート|Tabelle|Feuille|Hoja)\s*\d*$", re.I)
MAX_COLUMNS = 200


class WorkbookLines(list):
    """A workbook's lines (a list of str) that also know their sheets: `titles[k]` is
    the k-th laid sheet's tab name and `sheet_of[i]` the sheet line i belongs to (the
    blank line between two sheets belongs to the next)."""

    def __init__(self):
        super().__init__()
        self.titles: list[str] = []
        self.sheet_of: list[int] = []


def workbook_lines(sheets: Iterable[tuple[str, Iterable[Sequence]]], name: str) -> WorkbookLines:
    """Lines of a workbook given as (sheet title, rows of cell values)."""
    laid = [(title, lines) for title, rows in sheets if (lines := sheet_lines(rows, name, title))]
    out = WorkbookLines()
    for k, (title, lines) in enumerate(laid):
        start = len(out)
        if out:
            out.append("")
        title = (title or "").strip()
        out.titles.append(title)
        if title and not DEFAULT_SHEET.match(title) and len(laid) > 1:
            out.append(escape_markup(title))
        out.extend(lines)
        out.sheet_of.extend([k] * (len(out) - start))
    return out


def sheet_spans(lines: list[str]) -> tuple[tuple[str, int, int], ...] | None:
    """(sheet title, first line, last line) of `join_blocks(lines)` (1-based, inclusive)
    for every sheet of a workbook of several sheets that produced text; None for lines
    that do not know their sheets or come from one sheet."""
    titles, owners = getattr(lines, "titles", None), getattr(lines, "sheet_of", None)
    if not titles or len(titles) < 2 or owners is None or len(owners) != len(lines):
        return None
    kept: list[tuple[int, str]] = []   # join_blocks' walk, with each line's sheet
    for sheet, line in zip(owners, lines):
        if line.strip():
            kept.append((sheet, line))
        elif kept and kept[-1][1]:
            kept.append((sheet, ""))
    while kept and not kept[-1][1]:
        kept.pop()
    spans: dict[int, list[int]] = {}
    for number, (sheet, line) in enumerate(kept, 1):
        if line.strip():
            span = spans.setdefault(sheet, [number, number])
            span[1] = number
    if len(spans) < 2:
        return None
    return tuple((titles[k], first, last) for k, (first, last) in sorted(spans.items()))


def sheet_lines(rows: Iterable[Sequence], name: str, title: str) -> list[str]:
    """One sheet's lines ("" for an empty row); [] when it holds no value. Columns at the
    sheet's left that hold no value in any row (the margin column of an Excel 方眼紙 form)
    are no cells: every line would start with empty cells, which read as a row continuing
    the row above."""
    cells: list[list[str]] = []
    wide = False
    for row in rows:
        if len(row) > MAX_COLUMNS:
            wide = wide or any(v is not None and v != "" for v in row[MAX_COLUMNS:])
            row = row[:MAX_COLUMNS]
        cells.append([cell_text([cell_value(v)]) for v in row])
    if wide:
        logger.warning("%s: sheet %s: columns beyond %d ignored", name, title, MAX_COLUMNS)
    margin = min((next(k for k, c in enumerate(row) if c.strip()) for row in cells if any(c.strip() for c in row)),
                 default=0)
    lines = [row_line(row[margin:]) for row in cells]
    return lines if any(lines) else []


def cell_value(v) -> str:
    """The text a person sees in a cell holding the Python value `v`."""
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


def visible_sheets(sheets: list[tuple[str, bool, object]]) -> tuple[list[tuple[str, object]], list[str]]:
    """(title, hidden, rows) of every sheet -> the sheets to read and the hidden ones left
    out. A workbook whose every sheet is hidden is read whole (nothing to show otherwise)."""
    if all(hidden for _t, hidden, _r in sheets):
        return [(t, r) for t, _h, r in sheets], []
    return [(t, r) for t, hidden, r in sheets if not hidden], [t for t, hidden, _r in sheets if hidden]


def hidden_sheets_warning(titles: list[str]) -> str:
    """The user-facing note on the hidden sheets a workbook's reading left out."""
    return "非表示のシート（" + "、".join(f"「{t}」" for t in titles) + "）は読み込んでいません"


def without_hidden(rows: Iterable[Sequence], hidden_rows: set[int], hidden_columns: set[int]):
    """A sheet's rows (from row 1, column 1) without its hidden rows and columns (1-based)."""
    for number, row in enumerate(rows, 1):
        if number in hidden_rows:
            continue
        yield [v for k, v in enumerate(row, 1) if k not in hidden_columns] if hidden_columns else row


def hidden_cells_warning(titles: list[str]) -> str:
    """The user-facing note on the hidden rows and columns left out of visible sheets."""
    return "非表示の行・列（シート" + "、".join(f"「{t}」" for t in titles) + "）は読み込んでいません"


def in_print_area(values, number: int, ranges: list[tuple[int, int, int, int]]) -> list:
    """Row `number` (1-based) of a sheet with every cell its print `ranges` (1-based first row,
    last row, first column, last column) do not cover emptied (None); columns keep their places."""
    spans = [(c0, c1) for r0, r1, c0, c1 in ranges if r0 <= number <= r1]
    return [v if any(c0 <= k <= c1 for c0, c1 in spans) else None for k, v in enumerate(values, 1)]


def with_print_area_note(result, titles: list[str]):
    """A loader's result (`workbook_text`'s) with the note that the sheets `titles` were read
    only inside their print areas (the cells outside: notes kept beside the report)."""
    if not titles:
        return result
    note = ("シート" + "、".join(f"「{t}」" for t in titles) + "は印刷範囲の中だけを読みました"
            "（印刷範囲の外のセルは、報告書の外のメモとして読み込んでいません）")
    if isinstance(result, Extracted):
        return dataclasses.replace(result, warnings=(*result.warnings, note))
    return Extracted(text=result[0], warnings=(note,))


# The codes Excel writes in a page header or footer (.xlsx headerFooter, SpreadsheetML's
# <Header x:Data>): sections (&L &C &R), fields (&P page, &N pages, &D date, &T time, &A sheet,
# &F file, &Z path, &G picture), font, size and colour (&"ＭＳ 明朝,太字", &12, &KFF0000) and
# styles (&B &I &U …).
_MARGIN_CODE = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f]{6}|K\d{2}[+-]\d{3}|\d+|[A-Za-z])')


def margin_text(code: str) -> str:
    """A page header or footer as it prints, without Excel's codes (&C令和元年度&R&P / &N →
    令和元年度 /): its fields (page numbers, dates) are not read."""
    text = " ".join(_MARGIN_CODE.sub(" ", code.replace("&&", "\0")).replace("\0", "&").split())
    return text if re.search(r"[^\W_]", text) else ""  # (&P / &N alone prints no words)


def with_page_margins(result, texts: Iterable[str]):
    """A loader's result with the shown sheets' page header and footer texts as its context:
    what a printed page shows above and below the report (a year or a ward named only there),
    read for what the text does not state, never as its text."""
    context = tuple(dict.fromkeys(t for t in texts if t))
    if not context:
        return result
    if isinstance(result, Extracted):
        return dataclasses.replace(result, context=(*result.context, *context))
    return Extracted(text=result[0], encoding=result[1], context=context)


def workbook_text(lines: list[str], hidden: list[str], name: str,
                  no_text: str, folded: list[str] | None = None) -> tuple[str, None] | Extracted:
    """What an Excel loader returns for a workbook read as `lines` with the sheets
    `hidden` left out (and the hidden rows and columns of the sheets `folded`): its text
    (LoadError saying `no_text` when it has none), with a note naming what was left out."""
    text = join_blocks(lines)
    require_text(text, name, no_text)
    warnings = []
    if hidden:
        logger.info("%s: hidden sheets not read: %s", name, hidden)
        warnings.append(hidden_sheets_warning(hidden))
    if folded:
        logger.info("%s: hidden rows and columns not read in sheets %s", name, folded)
        warnings.append(hidden_cells_warning(folded))
    spans = sheet_spans(lines)
    if warnings or spans:
        return Extracted(text=text, warnings=tuple(warnings), sheet_lines=spans)
    return text, None
