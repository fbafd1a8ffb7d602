"""The one way every loader writes a table row (see the package docstring).

A row is one line, cells separated by TAB. A cell that holds several lines or
paragraphs keeps them apart with "<br>", which the parser's item splitter
(`clean.split_items`) treats as an item boundary, as it does the inline
<p>/<li> markup of the seed reports. Text that merely looks like markup is
escaped so the parser does not strip it.
"""

from __future__ import annotations

import re

CELL_BREAK = "<br>"

# Only what the parser would misread: a "<" that starts something tag-like,
# and an "&" that starts an entity. Ordinary text ("A&B", "1 < 2") is kept.
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_SPACES = re.compile(r"[ \t\u00a0]+")


def escape_markup(text: str) -> str:
    """Escape text so that the parser's markup stripping leaves it as written."""
    return _TAG_LIKE.sub("&lt;", _ENTITY_LIKE.sub("&amp;", text))


def cell_text(lines) -> str:
    """One cell from its lines / paragraphs: trimmed, empty ones dropped,
    joined with <br>; tabs and newlines inside a line cannot survive in a
    tab-separated row, so they become spaces and breaks."""
    parts = []
    for line in lines:
        for piece in str(line).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            piece = _SPACES.sub(" ", piece).strip(" \u3000")
            if piece:
                parts.append(escape_markup(piece))
    return CELL_BREAK.join(parts)


def row_line(cells: list[str]) -> str:
    """A row's line; empty cells keep their column (as in the seed reports)
    but trailing empty cells are dropped, and an all-empty row is ""."""
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) == 1:
        return cells[0]
    return "\t".join(cells)


def join_blocks(lines: list[str]) -> str:
    """Lines to text, with runs of blank lines collapsed to one and no
    blank lines at either end."""
    out: list[str] = []
    for line in lines:
        if line.strip():
            out.append(line)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
