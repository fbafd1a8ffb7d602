"""CSV / TSV exports: each row one tab-separated line.

The encoding is detected exactly as for .txt (Excel writes cp932 or UTF-8
with BOM); the delimiter is sniffed among comma, tab and semicolon. Quoted
cells may hold line breaks: they separate the cell's items (<br>).
"""

from __future__ import annotations

import csv as std_csv
import io
import logging
from collections import Counter

from .common import require_text, unreadable
from .encoding import decode_text
from .tables import cell_text, join_blocks, row_line

logger = logging.getLogger(__name__)

SUFFIXES = (".csv", ".tsv")

MSG_CSV_NO_TEXT = "CSVにセルの値がありません"
_DELIMITERS = ",\t;"
_SNIFF_SAMPLE = 64 * 1024


def load(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None]:
    text, encoding = decode_text(data, name)
    dialect = _dialect(text, name)
    # Fields may be as long as the file itself (a whole report in one cell).
    std_csv.field_size_limit(max(std_csv.field_size_limit(), len(text) + 1))
    lines = []
    try:
        for row in std_csv.reader(io.StringIO(text, newline=""), dialect):
            lines.append(row_line([cell_text([value]) for value in row]))
    except std_csv.Error as exc:
        raise unreadable(name, "CSVファイルとして読み込めません", exc) from exc
    out = join_blocks(lines)
    require_text(out, name, MSG_CSV_NO_TEXT)
    return out, encoding


def _dialect(text: str, name: str):
    """Excel's CSV dialect with the delimiter that splits most of the first
    rows into the same number (> 1) of columns (comma when none does)."""
    if name.lower().endswith(".tsv"):
        return std_csv.excel_tab
    sample = text[:_SNIFF_SAMPLE]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        widths: list[int] = []
        reader = std_csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    widths.append(len(row))
                if len(widths) >= 200:
                    break
        except std_csv.Error:
            pass  # the sample may end inside a quoted cell
        split = [w for w in widths if w > 1]
        if not split:
            continue
        width, count = Counter(split).most_common(1)[0]
        score = (count, width)
        if score > best_score:
            best, best_score = delimiter, score
    logger.debug("%s: delimiter %r", name, best)
    return std_csv.excel_tab if best == "\t" else _Semicolon if best == ";" else std_csv.excel


class _Semicolon(std_csv.excel):
    delimiter = ";"
