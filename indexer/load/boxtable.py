"""Tables drawn with box-drawing characters in plain text, as tab-separated rows.

Text exported from a spreadsheet or typed in an old word processor often draws its
tables with ┌─┬─┐ / │ cell │ cell │ / └─┴─┘ (or the heavy and ASCII forms ┃ ━ +-|).
Read as they are, the borders become passages and a goal, its label and its text
one line of text. Here a border line becomes an empty line (line numbers stay the
source's), a row line becomes its cells joined by tabs, and a row line whose first
cell is empty right under another row line (a cell's text wrapped inside the box)
is joined to that row, cell by cell. A rule drawn alone between parts (━━━━━) becomes an
empty line too.
"""

from __future__ import annotations

import re

# A border: only box-drawing characters (or +, -, =) and spaces, with at least one corner or line.
# (written without overlapping runs: a line of dashes ending in text backtracked in the cube
# of its length; the lookahead finds the two line characters in the leading box characters)
_BORDER = re.compile(r"^[ \u3000]*+(?=[┌┐└┘├┤┬┴┼─━│┃┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬+\-=|]*?[─━═\-=]{2})"
                     r"[┌┐└┘├┤┬┴┼─━│┃┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬+\-=| \u3000]*+$")
_SIDE = "│┃║"
# A row: starts and ends with a vertical line, with at least one more inside.
_ROW = re.compile(rf"^[ \u3000]*[{_SIDE}].*[{_SIDE}].*[{_SIDE}][ \u3000]*$")


def _cells(line: str) -> list[str]:
    inner = line.strip(" \u3000")[1:-1]
    return [c.strip(" \u3000") for c in re.split(f"[{_SIDE}]", inner)]


# A rule drawn across the page between parts (━━━━━, ───────, ═════): no text of its own.
_RULE = re.compile(r"^[ \u3000]*[─━═]{3,}[ \u3000]*$")


def lay_out(text: str) -> str:
    """`text` with its box-drawn tables as tab-separated rows and its drawn rules as empty
    lines (unchanged without any)."""
    lines = text.split("\n")
    if not any(_ROW.match(line) for line in lines):
        if not any(_RULE.match(line) for line in lines):
            return text
        return "\n".join("" if _RULE.match(line) else line for line in lines)
    out: list[str] = []
    previous_row: int | None = None  # index in `out` of the row line right above
    for line in lines:
        if _BORDER.match(line) and line.strip(" \u3000"):
            out.append("")
            previous_row = None
            continue
        if _ROW.match(line):
            cells = _cells(line)
            if previous_row is not None and not cells[0]:
                above = out[previous_row].split("\t")
                above += [""] * (len(cells) - len(above))
                out[previous_row] = "\t".join(a + c for a, c in zip(above, cells + [""] * len(above)))
                out.append("")
                continue
            out.append("\t".join(cells).rstrip("\t"))
            previous_row = len(out) - 1
            continue
        out.append(line)
        previous_row = None
    return "\n".join(out)
